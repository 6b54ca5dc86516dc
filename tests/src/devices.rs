//! Several devices on one account, driven through the core's engine, with a model of what the merge rule must
//! keep and a checker of the end state ([`Fleet::check`]).
//!
//! Each device is a journal in a scratch directory (on `/dev/shm` when there is one), with its key store beside
//! it, syncing to one in-process `mend-server` through its own [`FaultyTransport`]. The fleet records every
//! create, edit and delete it makes: the row, the field and value, the row's hybrid logical clock after the write
//! (read from the journal's database), and what the device knew when it wrote — *definitely* (everything that
//! reached it through a sync that completed without stale pages) and *possibly* (anything any sync, even a failed
//! one, may have carried). From these, [`Fleet::check`] asserts what holds whatever order the syncs ran in:
//!
//! - every device's export is the same (derived alerts and the export's own time aside);
//! - a row ends deleted exactly when the latest change to it (by clock) was a deletion: a deletion beats older
//!   edits, and an edit later than a deletion revives the row; no row appears that nobody made;
//! - the latest change's own values are in the row (the later clock wins; a note keeps its words);
//! - in rows never deleted, each field holds a value some write gave it that no later write *definitely*
//!   replaced, and a note holds the words of every write no other write could have seen (both versions kept).
//!
//! Clocks: the core's hybrid logical clock reads the machine's wall clock itself (`store/clock.rs`), not
//! [`mend_core::Clock`], so a device whose clock runs a day fast is made by moving its `sync_clock` row a day
//! ahead of the wall clock before each of its writes and syncs — what such a device would have — while its
//! [`mend_core::Clock`] is fixed a day later than the others' (entry times and `updated_at` follow it).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, TimeZone, Utc};
use mend_core::journal::{CheckInData, EventDetails, NewCheckIn, NewEvent};
use mend_core::sync::hlc::Hlc;
use mend_core::sync::keystore::FileKeyStore;
use mend_core::sync::{Options, Report, SyncError, SyncState};
use mend_core::{Clock, Mend, OpenOptions};

use crate::InProcess;
use crate::faults::{Counts, Faults, FaultyTransport, RaceGate, Side};

/// A scratch directory on `/dev/shm` if the machine has one, else in the temporary directory.
pub fn scratch() -> tempfile::TempDir {
    let shm = Path::new("/dev/shm");
    if shm.is_dir()
        && let Ok(dir) = tempfile::Builder::new().prefix("mend-conv-").tempdir_in(shm)
    {
        return dir;
    }
    tempfile::Builder::new().prefix("mend-conv-").tempdir().expect("a temporary directory")
}

/// The app clock every device starts from (entries are made a little before it).
pub fn base_now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 20, 12, 0, 0).single().unwrap()
}

const ZONE: &str = "Europe/Dublin";
const DAY_MS: i64 = 24 * 60 * 60 * 1000;

/// One device.
pub struct Device {
    pub dir: PathBuf,
    pub mend: Mend,
    pub keys: FileKeyStore,
    pub transport: FaultyTransport,
    /// Its clock runs a day fast.
    pub fast: bool,
}

impl Device {
    /// Opens a journal in `dir` (made if missing).
    pub fn open(dir: PathBuf, fast: bool, seed: u64) -> Device {
        std::fs::create_dir_all(&dir).unwrap();
        let now = if fast { base_now() + Duration::days(1) } else { base_now() };
        let mend = Mend::open(&dir, OpenOptions { clock: Clock::Fixed(now) }).expect("the journal opens");
        let keys = FileKeyStore::in_dir(&dir);
        Device { dir, mend, keys, transport: FaultyTransport::new(seed), fast }
    }

    /// A connection to the journal's database beside the core's (for clocks, and for the tests of the test).
    pub fn sql(&self) -> rusqlite::Connection {
        let conn = rusqlite::Connection::open(self.mend.database_path()).unwrap();
        conn.busy_timeout(std::time::Duration::from_secs(10)).unwrap();
        conn
    }

    /// A fast device's hybrid logical clock: at least a day ahead of the wall clock.
    fn skew(&self) {
        if !self.fast {
            return;
        }
        let ahead = Utc::now().timestamp_millis() + DAY_MS;
        self.sql()
            .execute("UPDATE sync_clock SET millis = ?1, counter = 0 WHERE id = 1 AND millis < ?1", [ahead])
            .unwrap();
    }

    /// The clock `table`'s row `guid` carries.
    fn clock(&self, table: &str, guid: &str) -> Hlc {
        let text: String =
            self.sql().query_row(&format!("SELECT clock FROM {table} WHERE guid = ?1"), [guid], |r| r.get(0)).unwrap();
        Hlc::parse(&text).expect("a clock")
    }

    /// This device's export as JSON, without what each device derives or stamps for itself (alerts are
    /// evaluated on every device; the export's time is the device's clock).
    pub fn export(&self) -> serde_json::Value {
        let document = self.mend.export().document().expect("the journal exports");
        let mut value = serde_json::to_value(&document).unwrap();
        let object = value.as_object_mut().unwrap();
        object.remove("exported_at");
        object.remove("alerts");
        value
    }
}

/// Which table a row is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Entry {
    CheckIn,
    Event,
}

impl Entry {
    fn table(self) -> &'static str {
        match self {
            Entry::CheckIn => "checkins",
            Entry::Event => "events",
        }
    }

    /// The fields the fleet edits: (name, merged as free text).
    pub fn fields(self) -> &'static [(&'static str, bool)] {
        match self {
            Entry::CheckIn => &[("mood", false), ("energy", false), ("note", true)],
            Entry::Event => &[("with_whom", false), ("note", true)],
        }
    }
}

/// What a change did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Made the row with these values.
    Create(Vec<(&'static str, String)>),
    /// Set one field.
    Edit(&'static str, String),
    Delete,
}

/// One change, as the model keeps it.
#[derive(Debug, Clone)]
pub struct Op {
    pub id: usize,
    pub device: usize,
    pub guid: String,
    pub change: Change,
    pub clock: Hlc,
    /// Changes the device had definitely merged when it made this one.
    pub definitely: BTreeSet<usize>,
    /// Changes that may have reached the device by then.
    pub possibly: BTreeSet<usize>,
}

impl Op {
    fn value(&self, field: &str) -> Option<&str> {
        match &self.change {
            Change::Create(values) => values.iter().find(|(f, _)| *f == field).map(|(_, v)| v.as_str()),
            Change::Edit(f, v) if *f == field => Some(v),
            _ => None,
        }
    }
}

/// What each device and the server hold, as far as the test can tell.
#[derive(Debug, Default, Clone)]
struct Knowledge {
    definitely: Vec<BTreeSet<usize>>,
    possibly: Vec<BTreeSet<usize>>,
    server_definitely: BTreeSet<usize>,
    server_possibly: BTreeSet<usize>,
}

/// Devices on one account and one server, with the model of every change they made.
pub struct Fleet {
    pub devices: Vec<Device>,
    pub server: InProcess,
    pub runtime: tokio::runtime::Runtime,
    pub phrase: String,
    pub ops: Vec<Op>,
    pub rows: BTreeMap<String, Entry>,
    knowledge: Knowledge,
    seq: u64,
    /// Faults counted on devices that were replaced (a lost database).
    retired: Counts,
    /// Whether the server has purged tombstones (then a device reconciles in full, and a row it finds gone
    /// takes a deletion stamped with its own clock: see [`check_model`]).
    pub purged: bool,
    // Last, so the journals close before their directory goes.
    pub scratch: tempfile::TempDir,
}

impl Fleet {
    /// `fast.len()` devices (those marked run a day fast), set up fault-free: the first makes the account, the
    /// others join by its phrase. `seed` drives the transports' faults. `horizon`: the server's tombstone horizon.
    pub fn new(fast: &[bool], seed: u64, horizon: std::time::Duration) -> Fleet {
        let scratch = scratch();
        let server = InProcess::start(scratch.path(), horizon);
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        let devices: Vec<Device> = fast
            .iter()
            .enumerate()
            .map(|(i, fast)| Device::open(scratch.path().join(format!("device-{i}")), *fast, seed ^ (i as u64 + 1)))
            .collect();
        let first = &devices[0];
        let set_up = runtime
            .block_on(first.mend.sync(&first.keys, false).setup(&server.base, &first.transport, "device 0", None))
            .expect("set-up");
        let phrase = set_up.phrase.to_string();
        let n = devices.len();
        let mut fleet = Fleet {
            devices,
            server,
            runtime,
            phrase,
            ops: Vec::new(),
            rows: BTreeMap::new(),
            knowledge: Knowledge {
                definitely: vec![BTreeSet::new(); n],
                possibly: vec![BTreeSet::new(); n],
                ..Knowledge::default()
            },
            seq: 0,
            retired: Counts::default(),
            purged: false,
            scratch,
        };
        for i in 1..n {
            fleet.join(i);
        }
        fleet
    }

    /// Device `i` joins the account by the phrase (fault-free).
    fn join(&mut self, i: usize) {
        let device = &self.devices[i];
        device.transport.set_faults(Faults::NONE);
        self.runtime
            .block_on(device.mend.sync(&device.keys, false).join(
                &self.server.base,
                &device.transport,
                &self.phrase,
                &format!("device {i}"),
            ))
            .expect("join");
    }

    /// Sets every device's faults.
    pub fn set_faults(&self, faults: Faults) {
        for device in &self.devices {
            device.transport.set_faults(faults);
        }
    }

    /// Every fault that fired, on every device so far.
    pub fn counts(&self) -> Counts {
        let mut total = self.retired;
        for device in &self.devices {
            total.add(&device.transport.counts());
        }
        total
    }

    fn next(&mut self) -> u64 {
        self.seq += 1;
        self.seq
    }

    fn record(&mut self, device: usize, guid: &str, entry: Entry, change: Change) {
        let clock = self.devices[device].clock(entry.table(), guid);
        let id = self.ops.len();
        let op = Op {
            id,
            device,
            guid: guid.to_owned(),
            change,
            clock,
            definitely: self.knowledge.definitely[device].clone(),
            possibly: self.knowledge.possibly[device].clone(),
        };
        self.ops.push(op);
        self.knowledge.definitely[device].insert(id);
        self.knowledge.possibly[device].insert(id);
    }

    /// A small number for a Later field (made new to its row by [`Fleet::edit`]).
    fn number(&mut self) -> u8 {
        (self.next() % 11) as u8
    }

    /// Unique words for a free-text field, fixed width so one never holds another.
    fn words(&mut self, device: usize) -> String {
        format!("words-{device}-{:05}", self.next())
    }

    /// Device `device` makes a check-in (or an event) offline; gives its guid.
    pub fn create(&mut self, device: usize, entry: Entry) -> String {
        self.devices[device].skew();
        let at = base_now() - Duration::hours(self.next() as i64);
        let note = self.words(device);
        let (guid, values) = match entry {
            Entry::CheckIn => {
                let (mood, energy) = (self.number(), self.number());
                let data = CheckInData {
                    mood: Some(mood),
                    energy: Some(energy),
                    note: Some(note.clone()),
                    ..CheckInData::default()
                };
                let input = NewCheckIn { at: Some(at), time_zone: Some(ZONE.into()), data };
                let made = self.devices[device].mend.journal().add_checkin(input).expect("a check-in");
                (made.guid, vec![("mood", mood.to_string()), ("energy", energy.to_string()), ("note", note)])
            }
            Entry::Event => {
                let who = self.words(device);
                let input = NewEvent {
                    at: Some(at),
                    time_zone: Some(ZONE.into()),
                    details: EventDetails::Appointment { with_whom: Some(who.clone()) },
                    note: Some(note.clone()),
                };
                let made = self.devices[device].mend.journal().add_event(input).expect("an event");
                (made.guid, vec![("with_whom", who), ("note", note)])
            }
        };
        self.rows.insert(guid.clone(), entry);
        self.record(device, &guid, entry, Change::Create(values));
        guid
    }

    /// The rows device `device` holds (not deleted), in a stable order.
    pub fn live_rows(&self, device: usize) -> Vec<(String, Entry)> {
        let journal = self.devices[device].mend.journal();
        let mut rows: Vec<(String, Entry)> = journal
            .all_checkins()
            .unwrap()
            .into_iter()
            .map(|c| (c.guid, Entry::CheckIn))
            .chain(journal.all_events().unwrap().into_iter().map(|e| (e.guid, Entry::Event)))
            .collect();
        rows.sort();
        rows
    }

    /// Device `device` edits field number `field` (of [`Entry::fields`]) of its row `guid`, offline.
    pub fn edit(&mut self, device: usize, guid: &str, field: usize) {
        self.devices[device].skew();
        let entry = self.rows[guid];
        let (mut name, text) = entry.fields()[field % entry.fields().len()];
        // Every value a field of a row takes is new to it: setting a value the row had before may be no change
        // at all to the three-way merge (the same as the last synced state), which the model does not track.
        let value = if text || name == "with_whom" {
            self.words(device)
        } else {
            let used: BTreeSet<String> =
                self.ops.iter().filter(|o| o.guid == guid).filter_map(|o| o.value(name).map(str::to_owned)).collect();
            let start = self.number();
            match (0..11).map(|i| ((start + i) % 11).to_string()).find(|v| !used.contains(v)) {
                Some(value) => value,
                None => {
                    name = "note";
                    self.words(device)
                }
            }
        };
        let journal = self.devices[device].mend.journal();
        match entry {
            Entry::CheckIn => {
                let mut checkin = journal.checkin(guid).unwrap().expect("a live check-in");
                match name {
                    "mood" => checkin.data.mood = Some(value.parse().unwrap()),
                    "energy" => checkin.data.energy = Some(value.parse().unwrap()),
                    _ => checkin.data.note = Some(value.clone()),
                }
                let input = NewCheckIn { at: Some(checkin.at), time_zone: Some(checkin.time_zone), data: checkin.data };
                journal.update_checkin(guid, input).expect("an edit");
            }
            Entry::Event => {
                let mut event = journal.event(guid).unwrap().expect("a live event");
                match name {
                    "with_whom" => event.details = EventDetails::Appointment { with_whom: Some(value.clone()) },
                    _ => event.note = Some(value.clone()),
                }
                let input = NewEvent {
                    at: Some(event.at),
                    time_zone: Some(event.time_zone),
                    details: event.details,
                    note: event.note,
                };
                journal.update_event(guid, input).expect("an edit");
            }
        }
        self.record(device, guid, entry, Change::Edit(name, value));
    }

    /// Device `device` deletes its row `guid`, offline.
    pub fn delete(&mut self, device: usize, guid: &str) {
        self.devices[device].skew();
        let entry = self.rows[guid];
        let journal = self.devices[device].mend.journal();
        match entry {
            Entry::CheckIn => journal.delete_checkin(guid).expect("a deletion"),
            Entry::Event => journal.delete_event(guid).expect("a deletion"),
        }
        self.record(device, guid, entry, Change::Delete);
    }

    /// Device `i` syncs once (through its transport's faults).
    pub fn sync(&mut self, i: usize, allow_deletions: bool) -> Result<Report, SyncError> {
        let device = &self.devices[i];
        device.skew();
        let before = self.knowledge.server_definitely.clone();
        let result = self.runtime.block_on(device.mend.sync(&device.keys, false).sync_now(
            &device.transport,
            Options { allow_deletions, cancel: Some(device.transport.cancel_flag()), ..Options::default() },
        ));
        let replayed = device.transport.take_replayed();
        self.learned(&[(i, result.is_ok(), replayed)], &before);
        result
    }

    /// Devices `a` and `b` sync at once; `b`'s first upload waits until `a` has downloaded and `a`'s first
    /// upload waits until `b`'s has gone, so `a` uploads against versions it has not seen (a precondition race).
    pub fn race(
        &mut self,
        a: usize,
        b: usize,
        allow_deletions: bool,
    ) -> (Result<Report, SyncError>, Result<Report, SyncError>) {
        assert_ne!(a, b);
        let gate = RaceGate::new();
        let (da, db) = (&self.devices[a], &self.devices[b]);
        da.skew();
        db.skew();
        da.transport.race(gate.clone(), Side::Second);
        db.transport.race(gate.clone(), Side::First);
        let before = self.knowledge.server_definitely.clone();
        let (ea, eb) = (da.mend.sync(&da.keys, false), db.mend.sync(&db.keys, false));
        let (ca, cb) = (da.transport.cancel_flag(), db.transport.cancel_flag());
        let (ra, rb) = self.runtime.block_on(async {
            let first = async {
                let options = Options { allow_deletions, cancel: Some(ca), ..Options::default() };
                let result = ea.sync_now(&da.transport, options).await;
                gate.finished(Side::Second);
                result
            };
            let second = async {
                let options = Options { allow_deletions, cancel: Some(cb), ..Options::default() };
                let result = eb.sync_now(&db.transport, options).await;
                gate.finished(Side::First);
                result
            };
            tokio::join!(first, second)
        });
        let (pa, pb) = (da.transport.take_replayed(), db.transport.take_replayed());
        self.learned(&[(a, ra.is_ok(), pa), (b, rb.is_ok(), pb)], &before);
        (ra, rb)
    }

    /// What syncs that ran together (device, completed, saw a stale page) told whom. `before`: what the server
    /// definitely held when they began.
    fn learned(&mut self, syncs: &[(usize, bool, bool)], before: &BTreeSet<usize>) {
        let k = &mut self.knowledge;
        for (i, _, _) in syncs {
            k.server_possibly.extend(k.possibly[*i].iter().copied());
        }
        for (i, _, _) in syncs {
            let server = k.server_possibly.clone();
            k.possibly[*i].extend(server);
        }
        for (i, ok, _) in syncs {
            if *ok {
                let mine = k.definitely[*i].clone();
                k.server_definitely.extend(mine);
            }
        }
        for (i, ok, replayed) in syncs {
            if *ok && !*replayed {
                k.definitely[*i].extend(before.iter().copied());
            }
        }
    }

    /// Fault-free rounds until every device says `synced` after a round in which nothing moved (at most
    /// `rounds` rounds).
    pub fn settle(&mut self, rounds: usize) -> Result<(), String> {
        self.set_faults(Faults::NONE);
        let mut last = Vec::new();
        for _ in 0..rounds {
            let mut all_synced = true;
            last.clear();
            for i in 0..self.devices.len() {
                let report = self.sync(i, true).map_err(|e| format!("device {i} could not sync: {e}"))?;
                let status = self.devices[i].mend.sync(&self.devices[i].keys, false).status().unwrap();
                all_synced &= status.state == SyncState::Synced && report.uploaded == 0 && report.written == 0;
                last.push(format!("\n  device {i}: {:?} ({}), {report:?}", status.state, status.words));
            }
            if all_synced {
                return Ok(());
            }
        }
        Err(format!(
            "the devices were not all synced after {rounds} fault-free rounds; the last round:{}",
            last.concat()
        ))
    }

    /// Checks the end state (see the module documentation): `Err` says what is wrong.
    pub fn check(&self) -> Result<(), String> {
        // The export's list of deletions (version 2) is each device's own history: a row deleted elsewhere before
        // this device had it leaves no tombstone here, and a deletion learnt by a full reconcile (its tombstone
        // purged from the server) carries this device's clock, not the deleting device's. Whether each row ends
        // deleted is what matters, and the model checks it (below); the lists themselves are left out.
        let exports: Vec<serde_json::Value> = self
            .devices
            .iter()
            .map(|device| {
                let mut export = device.export();
                export.as_object_mut().unwrap().remove("deleted");
                export
            })
            .collect();
        for (i, export) in exports.iter().enumerate().skip(1) {
            if let Some(path) = difference(&exports[0], export, String::new()) {
                return Err(format!("divergence: device {i}'s export differs from device 0's at {path}"));
            }
        }
        check_model(&self.ops, &self.rows, &self.devices[0], self.purged)
    }

    /// The server purges every tombstone now (as its sweeper does past the horizon); gives how many.
    pub fn purge(&mut self) -> u64 {
        self.purged = true;
        self.server.app().store.purge_tombstones(i64::MAX).expect("the purge runs")
    }

    /// Device `i` loses its database and key store and joins again by the phrase, as a new device with an
    /// empty journal. Everything it made must be on the server first (the model would miss changes lost with it).
    pub fn lose_database(&mut self, i: usize) {
        let device = &self.devices[i];
        let pending = device.mend.sync(&device.keys, false).status().unwrap().pending;
        assert_eq!(pending, 0, "device {i} has changes that only it holds");
        let fast = self.devices[i].fast;
        let n = self.next();
        let dir = self.scratch.path().join(format!("device-{i}-again-{n}"));
        let fresh = Device::open(dir, fast, self.seq);
        let old = std::mem::replace(&mut self.devices[i], fresh);
        self.retired.add(&old.transport.counts());
        let old_dir = old.dir.clone();
        drop(old);
        std::fs::remove_dir_all(&old_dir).unwrap();
        self.knowledge.definitely[i].clear();
        self.knowledge.possibly[i].clear();
        self.join(i);
    }
}

/// The first place two JSON values differ, as a path.
fn difference(a: &serde_json::Value, b: &serde_json::Value, path: String) -> Option<String> {
    use serde_json::Value;
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let keys: BTreeSet<&String> = x.keys().chain(y.keys()).collect();
            keys.into_iter().find_map(|k| match (x.get(k), y.get(k)) {
                (Some(p), Some(q)) => difference(p, q, format!("{path}.{k}")),
                _ => Some(format!("{path}.{k} (present on one side only)")),
            })
        }
        (Value::Array(x), Value::Array(y)) => {
            if x.len() != y.len() {
                return Some(format!("{path} ({} against {} items)", x.len(), y.len()));
            }
            x.iter().zip(y).enumerate().find_map(|(i, (p, q))| difference(p, q, format!("{path}[{i}]")))
        }
        _ if a == b => None,
        _ => Some(format!("{path} ({a} against {b})")),
    }
}

/// Each field of each row as device's journal has it.
fn final_values(device: &Device) -> BTreeMap<String, BTreeMap<&'static str, Option<String>>> {
    let journal = device.mend.journal();
    let mut rows = BTreeMap::new();
    for c in journal.all_checkins().unwrap() {
        let mut fields = BTreeMap::new();
        fields.insert("mood", c.data.mood.map(|m| m.to_string()));
        fields.insert("energy", c.data.energy.map(|m| m.to_string()));
        fields.insert("note", c.data.note.clone());
        rows.insert(c.guid, fields);
    }
    for e in journal.all_events().unwrap() {
        let mut fields = BTreeMap::new();
        let who = match &e.details {
            EventDetails::Appointment { with_whom } => with_whom.clone(),
            other => Some(format!("{other:?}")),
        };
        fields.insert("with_whom", who);
        fields.insert("note", e.note.clone());
        rows.insert(e.guid, fields);
    }
    rows
}

/// The model's part of [`Fleet::check`], against `device`'s journal (all devices hold the same by then).
///
/// After tombstones were `purged`, a row deleted and then edited on a device that had not seen the deletion (so
/// revived by the merge rule) may end deleted: a device reconciling in full cannot know when the purged deletion
/// was made and stamps it with its own clock, later than the edit (never bringing back a deleted row comes
/// first). Every other rule holds as without purges.
pub fn check_model(ops: &[Op], rows: &BTreeMap<String, Entry>, device: &Device, purged: bool) -> Result<(), String> {
    let finals = final_values(device);
    let history = |guid: &str| {
        ops.iter()
            .filter(|o| o.guid == guid)
            .map(|o| {
                format!(
                    "\n  #{} device {} {} {:?} (knew {:?}, maybe {:?})",
                    o.id, o.device, o.clock, o.change, o.definitely, o.possibly
                )
            })
            .collect::<String>()
    };
    check_rows(ops, rows, &finals, purged).map_err(|(guid, e)| format!("{e}\nthe row's changes:{}", history(&guid)))
}

type Finals = BTreeMap<String, BTreeMap<&'static str, Option<String>>>;

fn check_rows(
    ops: &[Op],
    rows: &BTreeMap<String, Entry>,
    finals: &Finals,
    purged: bool,
) -> Result<(), (String, String)> {
    if let Some(guid) = finals.keys().find(|g| !rows.contains_key(*g)) {
        return Err((guid.clone(), format!("a row nobody made: {guid}")));
    }
    for (guid, entry) in rows {
        let history: Vec<&Op> = ops.iter().filter(|o| &o.guid == guid).collect();
        let latest = history.iter().max_by_key(|o| o.clock).expect("a made row has a change");
        let deleted = latest.change == Change::Delete;
        let ever_deleted = history.iter().any(|o| o.change == Change::Delete);
        let Some(values) = finals.get(guid) else {
            if deleted || (purged && ever_deleted) {
                continue;
            }
            return Err((
                guid.clone(),
                format!(
                    "lost row: {guid} is gone though its latest change ({:?} on device {}, {}) was not a deletion",
                    latest.change, latest.device, latest.clock
                ),
            ));
        };
        if deleted {
            return Err((
                guid.clone(),
                format!(
                    "deleted row back: {guid} is there though its latest change (device {}, {}) deleted it",
                    latest.device, latest.clock
                ),
            ));
        }
        for (field, text) in entry.fields() {
            let now = values[field].as_deref();
            // The latest change to the row wins what it wrote.
            if let Some(value) = latest.value(field) {
                let kept = if *text { now.is_some_and(|n| n.contains(value)) } else { now == Some(value) };
                if !kept {
                    return Err((
                        guid.clone(),
                        format!(
                            "lost edit: {guid}.{field} is {now:?}, not {value:?} from its latest change (device {}, {})",
                            latest.device, latest.clock
                        ),
                    ));
                }
            }
            if ever_deleted {
                // A revival takes one side's row whole: only the latest change's values are certain.
                continue;
            }
            let writes: Vec<&&Op> = history.iter().filter(|o| o.value(field).is_some()).collect();
            let replaced = |w: &Op, by: fn(&Op) -> &BTreeSet<usize>| {
                writes.iter().any(|other| other.id != w.id && by(other).contains(&w.id))
            };
            let candidates: Vec<&str> =
                writes.iter().filter(|w| !replaced(w, |o| &o.definitely)).filter_map(|w| w.value(field)).collect();
            if *text {
                for w in writes.iter().filter(|w| !replaced(w, |o| &o.possibly)) {
                    let value = w.value(field).unwrap();
                    if !now.is_some_and(|n| n.split(mend_core::sync::merge::BOTH_VERSIONS).any(|part| part == value)) {
                        return Err((
                            guid.clone(),
                            format!(
                                "lost words: {guid}.{field} is {now:?}, without {value:?} written on device {} ({}) \
                             that no other write could have seen",
                                w.device, w.clock
                            ),
                        ));
                    }
                }
            } else if !now.is_some_and(|n| candidates.contains(&n)) {
                return Err((
                    guid.clone(),
                    format!(
                        "lost edit: {guid}.{field} is {now:?}, not one of the values no later write replaced: {candidates:?}"
                    ),
                ));
            }
        }
    }
    Ok(())
}
