//! Linking a new device by a code, on the `Mend` object (the core's `mend_core::sync::link`). The new device
//! starts (`sync_link_start`: the code to show, as text and as a QR's URI) and polls (`sync_link_poll`: waiting,
//! the digits to show, linked, or refused) until it is linked, or the person cancels (`sync_link_cancel`). The
//! approving device, already in sync, starts with the code typed or scanned (`sync_approve_start`: the new
//! device's name), polls for the digits (`sync_approve_poll`), then finishes with the digits the person confirmed
//! (`sync_approve_finish`) or says no (`sync_approve_decline`). How often to poll is the app's to choose; what
//! each step means, and every word, is the core's. `Digits` comes once on the new device (show them until the
//! link ends); after `Linked`, `sync_now` brings the journal over. A temporary failure (`SyncRetryLater`) leaves
//! a link going: poll again. Digits the person did not confirm link nothing, and the new device is told no.
//! (The exported methods' own doc comments are kept to a line: uniffi carries them into the phone library, and
//! MendKit and mendkit document each call for the apps.)
//!
//! A link in progress lives in this `Mend` (one on each side at a time; starting again replaces it). A poll
//! takes it out while it runs on the runtime's blocking pool and puts it back unless the link has ended — linked,
//! refused, or failed in a way trying again cannot mend (the core's `is_transient`) — or was cancelled or
//! replaced meanwhile.

use std::sync::Mutex;

use mend_core::sync::SyncError;
use mend_core::sync::link::{Approval, Linking};

use crate::error::MendError;
use crate::mend::Mend;
use crate::runtime::{blocking, wait};
use crate::sync::REMINDERS_HERE;
use crate::sync_link_types::{SyncApproval, SyncLinkCode, SyncLinkStep};

type Result<T> = std::result::Result<T, MendError>;

/// What a poll or a finish says when no link is in progress here (the app did not start one, or it ended).
pub(crate) const NO_LINK: &str = "no linking is under way here: start again";

/// The links in progress on this `Mend`: the new device's and the approving device's.
#[derive(Default)]
pub(crate) struct LinkSlot {
    linking: Held<Linking>,
    approval: Held<Approval>,
}

/// One link in progress, and a count of starts and cancels so a poll never puts back one that was replaced.
struct Held<T>(Mutex<(u64, Option<T>)>);

impl<T> Default for Held<T> {
    fn default() -> Self {
        Held(Mutex::new((0, None)))
    }
}

impl<T> Held<T> {
    fn lock(&self) -> std::sync::MutexGuard<'_, (u64, Option<T>)> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Keeps `value` in place of any other.
    fn hold(&self, value: T) {
        let mut held = self.lock();
        *held = (held.0 + 1, Some(value));
    }

    /// Forgets the one held.
    fn clear(&self) {
        let mut held = self.lock();
        *held = (held.0 + 1, None);
    }

    /// Takes the one held out, with its turn, or says there is none.
    fn take(&self) -> Result<(u64, T)> {
        let mut held = self.lock();
        let turn = held.0;
        held.1.take().map(|value| (turn, value)).ok_or_else(|| MendError::Sync { message: NO_LINK.into() })
    }

    /// Puts `value` back, unless another was started or the link was cancelled meanwhile.
    fn put_back(&self, turn: u64, value: T) {
        let mut held = self.lock();
        if held.0 == turn && held.1.is_none() {
            held.1 = Some(value);
        }
    }
}

/// Whether a link goes on after a call that failed with `err` (or did not fail): yes unless it failed for good.
fn goes_on(err: Option<&SyncError>) -> bool {
    err.is_none_or(SyncError::is_transient)
}

#[uniffi::export]
impl Mend {
    /// Starts linking this new device to `server`: the code to show.
    pub async fn sync_link_start(&self, server: String, device_name: String) -> Result<SyncLinkCode> {
        let (core, platform) = (self.core()?, self.platform()?);
        let linking = blocking(move || {
            let engine = core.sync(platform.secrets.as_ref(), REMINDERS_HERE);
            Ok(wait(engine.link_start(&server, platform.transport.as_ref(), &device_name))?)
        })
        .await?;
        let code = SyncLinkCode::from(linking.code());
        self.sync.link.linking.hold(linking);
        Ok(code)
    }

    /// Looks once for the approving device's answer.
    pub async fn sync_link_poll(&self) -> Result<SyncLinkStep> {
        let (core, platform) = (self.core()?, self.platform()?);
        let (turn, mut linking) = self.sync.link.linking.take()?;
        let (linking, step) = blocking(move || {
            let engine = core.sync(platform.secrets.as_ref(), REMINDERS_HERE);
            let step = SyncLinkStep::from_result(wait(engine.link_poll(&mut linking, platform.transport.as_ref())));
            Ok((linking, step))
        })
        .await?;
        let ended = matches!(step, Ok(SyncLinkStep::Linked | SyncLinkStep::Refused { .. }));
        if !ended && goes_on(step.as_ref().err()) {
            self.sync.link.linking.put_back(turn, linking);
        }
        Ok(step?)
    }

    /// Stops linking this new device.
    pub fn sync_link_cancel(&self) {
        self.sync.link.linking.clear();
    }

    /// Starts approving with the `code` typed or scanned.
    pub async fn sync_approve_start(&self, code: String) -> Result<SyncApproval> {
        let (core, platform) = (self.core()?, self.platform()?);
        let code = zeroize::Zeroizing::new(code);
        let approval = blocking(move || {
            let engine = core.sync(platform.secrets.as_ref(), REMINDERS_HERE);
            Ok(wait(engine.approve_start(platform.transport.as_ref(), &code))?)
        })
        .await?;
        let shown = SyncApproval::from(&approval);
        self.sync.link.approval.hold(approval);
        Ok(shown)
    }

    /// Looks once for the new device's digits.
    pub async fn sync_approve_poll(&self) -> Result<SyncApproval> {
        let (core, platform) = (self.core()?, self.platform()?);
        let (turn, mut approval) = self.sync.link.approval.take()?;
        let (approval, polled) = blocking(move || {
            let engine = core.sync(platform.secrets.as_ref(), REMINDERS_HERE);
            let polled = wait(engine.approve_poll(&mut approval, platform.transport.as_ref()));
            Ok((approval, polled))
        })
        .await?;
        let shown = SyncApproval::from(&approval);
        if goes_on(polled.as_ref().err()) {
            self.sync.link.approval.put_back(turn, approval);
        }
        polled?;
        Ok(shown)
    }

    /// Links the new device if the digits match.
    pub async fn sync_approve_finish(&self, confirmed_digits: String) -> Result<()> {
        let (core, platform) = (self.core()?, self.platform()?);
        let (_, approval) = self.sync.link.approval.take()?;
        blocking(move || {
            let engine = core.sync(platform.secrets.as_ref(), REMINDERS_HERE);
            Ok(wait(engine.approve_finish(approval, platform.transport.as_ref(), &confirmed_digits))?)
        })
        .await
    }

    /// Says no to the new device.
    pub async fn sync_approve_decline(&self) -> Result<()> {
        let (core, platform) = (self.core()?, self.platform()?);
        let (turn, approval) = self.sync.link.approval.take()?;
        let (approval, declined) = blocking(move || {
            let engine = core.sync(platform.secrets.as_ref(), REMINDERS_HERE);
            let declined = wait(engine.approve_decline(&approval, platform.transport.as_ref()));
            Ok((approval, declined))
        })
        .await?;
        // Offline for now: keep it, so saying no can be tried again.
        if declined.as_ref().is_err_and(SyncError::is_transient) {
            self.sync.link.approval.put_back(turn, approval);
        }
        Ok(declined?)
    }
}
