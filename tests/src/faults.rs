//! A fault-injecting [`Transport`] around [`WireTransport`], driven by a seeded generator so a failing case
//! replays exactly: each request may be lost before it reaches the server (`Offline`, nothing sent), have its
//! reply lost after the server committed it (sent, then `Offline`), meet a 503 with no body (nothing sent), or —
//! for record pages (`GET /v1/records`) — be answered with an earlier page again (the same one: a duplicated
//! reply; another: a reordered, stale one). Precondition races come from two devices syncing at once: a
//! [`RaceGate`] holds one device's first upload until the other's upload has committed, after both have
//! downloaded, so the held batch meets versions it has not seen. A sync may also be cancelled after any reply
//! (the flag its options carry, [`FaultyTransport::cancel_flag`]). Every fault that fired is counted
//! ([`Counts`]), so a test can show the faults it claims really happened.

use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use mend_core::sync::transport::BoxFuture;
use mend_core::sync::{HttpRequest, HttpResponse, Transport, TransportError};
use mend_protocol::records::BatchOutcome;

use crate::WireTransport;

/// How often each fault fires, in percent of the requests it can apply to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Faults {
    /// The request never reaches the server.
    pub lost_request: u8,
    /// The server handles the request; its reply is lost (twice as often for uploads).
    pub lost_reply: u8,
    /// A 503 with no body (nothing reaches the server).
    pub unavailable: u8,
    /// A record page answered with an earlier page (duplicated or reordered).
    pub replay: u8,
    /// After a reply, the person cancels the sync (the engine stops before its next request).
    pub cancel: u8,
}

impl Faults {
    /// No faults.
    pub const NONE: Faults = Faults { lost_request: 0, lost_reply: 0, unavailable: 0, replay: 0, cancel: 0 };
}

/// A fault forced on one request ([`FaultyTransport::force_next`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Forced {
    /// The request is lost.
    Lost,
    /// The server handles the request; its reply is lost.
    LostReply,
    /// The URL's first reply is given again, if it was asked before (as a stale HTTP cache would).
    Stale,
    /// The latest page given for any URL is given again (a reordered reply).
    Reordered,
}

/// What fired so far.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub requests: u64,
    pub lost_requests: u64,
    pub lost_replies: u64,
    /// Lost replies to an upload the server committed.
    pub lost_commits: u64,
    pub unavailable: u64,
    /// A page answered again for the same request.
    pub duplicated: u64,
    /// An earlier page answered for a later request.
    pub reordered: u64,
    /// Upload batches the server refused because another device wrote first.
    pub refused_batches: u64,
    /// Syncs cancelled after a reply.
    pub cancelled: u64,
}

impl Counts {
    /// The sum of two counts.
    pub fn add(&mut self, other: &Counts) {
        self.requests += other.requests;
        self.lost_requests += other.lost_requests;
        self.lost_replies += other.lost_replies;
        self.lost_commits += other.lost_commits;
        self.unavailable += other.unavailable;
        self.duplicated += other.duplicated;
        self.reordered += other.reordered;
        self.refused_batches += other.refused_batches;
        self.cancelled += other.cancelled;
    }
}

/// SplitMix64: small, seedable, and the same on every platform.
#[derive(Debug, Clone)]
pub struct SplitMix(u64);

impl SplitMix {
    pub fn new(seed: u64) -> SplitMix {
        SplitMix(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Whether an event of `percent` % happens.
    pub fn chance(&mut self, percent: u8) -> bool {
        percent > 0 && self.next_u64() % 100 < u64::from(percent)
    }

    /// A number below `n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
}

/// Two devices' first uploads in a fixed order: the `first` side's upload commits before the `second` side's
/// is sent, and neither is sent before both have downloaded. A side that ends without uploading releases the
/// other.
#[derive(Debug, Default)]
pub struct RaceGate {
    second_ready: AtomicBool,
    second_done: AtomicBool,
    first_posted: AtomicBool,
    first_done: AtomicBool,
}

/// Which side of a [`RaceGate`] a transport is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    First,
    Second,
}

impl RaceGate {
    pub fn new() -> Arc<RaceGate> {
        Arc::new(RaceGate::default())
    }

    /// Marks `side`'s sync as ended (whatever it did), so the other never waits for it.
    pub fn finished(&self, side: Side) {
        match side {
            Side::First => self.first_done.store(true, Ordering::SeqCst),
            Side::Second => self.second_done.store(true, Ordering::SeqCst),
        }
    }
}

struct State {
    rng: SplitMix,
    faults: Faults,
    /// Record pages answered so far (URL, reply), for replays.
    pages: Vec<(String, HttpResponse)>,
    counts: Counts,
    /// Set while this transport replays stale pages in the current sync (the sync cannot know it is behind).
    replayed_since_reset: bool,
    race: Option<(Arc<RaceGate>, Side, bool)>,
    /// What happens to the next record request (method, text its URL holds).
    forced: Option<(String, String, Forced)>,
}

/// A [`Transport`] that injects [`Faults`] into a [`WireTransport`].
pub struct FaultyTransport {
    inner: WireTransport,
    state: Mutex<State>,
    /// The flag a sync through this transport is given to stop on ([`FaultyTransport::cancel_flag`]).
    cancel: AtomicBool,
}

enum Plan {
    Send,
    LoseRequest,
    LoseReply,
    Unavailable,
    Replay(HttpResponse),
}

impl FaultyTransport {
    /// A transport with no faults yet, drawing its decisions from `seed`.
    pub fn new(seed: u64) -> FaultyTransport {
        FaultyTransport {
            inner: WireTransport::new(),
            state: Mutex::new(State {
                rng: SplitMix::new(seed),
                faults: Faults::NONE,
                pages: Vec::new(),
                counts: Counts::default(),
                replayed_since_reset: false,
                race: None,
                forced: None,
            }),
            cancel: AtomicBool::new(false),
        }
    }

    /// The flag to give a sync as its `cancel` option: set by the `cancel` fault, cleared for each sync.
    pub fn cancel_flag(&self) -> &AtomicBool {
        self.cancel.store(false, Ordering::SeqCst);
        &self.cancel
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Sets the faults from now on.
    pub fn set_faults(&self, faults: Faults) {
        self.state().faults = faults;
    }

    /// What fired so far.
    pub fn counts(&self) -> Counts {
        self.state().counts
    }

    /// Whether a stale page was given since the last call (and resets it).
    pub fn take_replayed(&self) -> bool {
        std::mem::take(&mut self.state().replayed_since_reset)
    }

    /// The next request with `method` (`GET` for pages, `POST` for uploads, or any other) at a URL that holds
    /// `query` meets `forced` (once).
    pub fn force_next(&self, method: &str, query: &str, forced: Forced) {
        self.state().forced = Some((method.to_owned(), query.to_owned(), forced));
    }

    /// Takes `side` of `gate` for the next upload.
    pub fn race(&self, gate: Arc<RaceGate>, side: Side) {
        self.state().race = Some((gate, side, false));
    }

    /// Waits at the race gate before an upload, if one is set and not yet passed.
    async fn gate_before_upload(&self) -> Option<(Arc<RaceGate>, Side)> {
        let (gate, side) = {
            let mut state = self.state();
            match state.race.as_mut() {
                Some((gate, side, passed)) if !*passed => {
                    *passed = true;
                    (Arc::clone(gate), *side)
                }
                _ => return None,
            }
        };
        match side {
            Side::Second => {
                gate.second_ready.store(true, Ordering::SeqCst);
                while !gate.first_posted.load(Ordering::SeqCst) && !gate.first_done.load(Ordering::SeqCst) {
                    tokio::time::sleep(std::time::Duration::from_millis(1)).await;
                }
            }
            Side::First => {
                while !gate.second_ready.load(Ordering::SeqCst) && !gate.second_done.load(Ordering::SeqCst) {
                    tokio::time::sleep(std::time::Duration::from_millis(1)).await;
                }
            }
        }
        Some((gate, side))
    }

    fn plan(&self, request: &HttpRequest, page: bool, upload: bool) -> Plan {
        let mut state = self.state();
        state.counts.requests += 1;
        let faults = state.faults;
        if let Some((method, query, forced)) = state.forced.clone()
            && request.method == method
            && request.url.contains(query.as_str())
        {
            let earlier = state.pages.iter().find(|(url, _)| *url == request.url).map(|(_, reply)| reply.clone());
            match (forced, earlier) {
                (Forced::Lost, _) => {
                    state.forced = None;
                    state.counts.lost_requests += 1;
                    return Plan::LoseRequest;
                }
                (Forced::LostReply, _) => {
                    state.forced = None;
                    state.counts.lost_replies += 1;
                    return Plan::LoseReply;
                }
                (Forced::Stale, Some(reply)) => {
                    state.forced = None;
                    state.counts.duplicated += 1;
                    state.replayed_since_reset = true;
                    return Plan::Replay(reply);
                }
                (Forced::Stale, None) => {}
                (Forced::Reordered, _) => {
                    if let Some((_, reply)) = state.pages.last().cloned() {
                        state.forced = None;
                        state.counts.reordered += 1;
                        state.replayed_since_reset = true;
                        return Plan::Replay(reply);
                    }
                }
            }
        }
        if page && !state.pages.is_empty() && state.rng.chance(faults.replay) {
            let count = state.pages.len();
            let pick = state.rng.below(count);
            let (url, reply) = state.pages[pick].clone();
            let same = url == request.url;
            if same {
                state.counts.duplicated += 1;
            } else {
                state.counts.reordered += 1;
            }
            state.replayed_since_reset = true;
            return Plan::Replay(reply);
        }
        if state.rng.chance(faults.lost_request) {
            state.counts.lost_requests += 1;
            return Plan::LoseRequest;
        }
        if state.rng.chance(faults.unavailable) {
            state.counts.unavailable += 1;
            return Plan::Unavailable;
        }
        // Uploads lose their reply twice as often: a commit the device never hears of is the fault that matters.
        let lost_reply = if upload { faults.lost_reply.saturating_mul(2) } else { faults.lost_reply };
        if state.rng.chance(lost_reply) {
            state.counts.lost_replies += 1;
            return Plan::LoseReply;
        }
        Plan::Send
    }
}

fn is_records(request: &HttpRequest) -> bool {
    let path = request.url.split("://").nth(1).and_then(|rest| rest.find('/').map(|i| &rest[i..])).unwrap_or("");
    path.split('?').next() == Some(mend_protocol::routes::RECORDS)
}

impl Transport for FaultyTransport {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        Box::pin(async move {
            let records = is_records(&request);
            let page = records && request.method == "GET";
            let upload = records && request.method == "POST";
            let gate = if upload { self.gate_before_upload().await } else { None };
            let plan = self.plan(&request, page, upload);
            let url = request.url.clone();
            let result = match plan {
                Plan::LoseRequest => Err(TransportError::Offline("the request was lost (injected)".into())),
                Plan::Unavailable => Ok(HttpResponse { status: 503, body: Vec::new() }),
                Plan::Replay(reply) => Ok(reply),
                Plan::Send | Plan::LoseReply => {
                    let reply = self.inner.send(request).await;
                    let mut state = self.state();
                    if let Ok(reply) = &reply {
                        if page && reply.status == 200 {
                            state.pages.push((url, reply.clone()));
                        }
                        if upload && reply.status == 200 {
                            match mend_protocol::decode::<BatchOutcome>(&reply.body) {
                                Ok(BatchOutcome::Refused { .. }) => state.counts.refused_batches += 1,
                                Ok(BatchOutcome::Committed { .. }) if matches!(plan, Plan::LoseReply) => {
                                    state.counts.lost_commits += 1
                                }
                                _ => {}
                            }
                        }
                    }
                    match plan {
                        Plan::LoseReply => Err(TransportError::Offline("the reply was lost (injected)".into())),
                        _ => reply,
                    }
                }
            };
            if let Some((gate, Side::First)) = gate {
                gate.first_posted.store(true, Ordering::SeqCst);
            }
            {
                let mut state = self.state();
                let cancel = state.faults.cancel;
                if state.rng.chance(cancel) {
                    state.counts.cancelled += 1;
                    self.cancel.store(true, Ordering::SeqCst);
                }
            }
            result
        })
    }
}
