//! Change notifications for the apps: a foreign `MendObserver` (Kotlin/Swift implement it) is told that the
//! journal, the library state, the reminders or sync's status changed, or that an alert was raised — never what a change
//! contained. `subscribe` returns a
//! `SubscriptionHandle`; cancelling or dropping it (Kotlin `close()`, Swift deinit) stops the calls.
//!
//! Calls arrive on the thread that made the write, after it committed; an observer should hand off quickly
//! (the Kotlin wrapper sends into a Flow, the Swift one yields into an AsyncStream). An observer that throws
//! is ignored: a failing screen must never fail a write that has already been saved. The methods are declared
//! to return `ObserverError` so that whatever a foreign observer throws arrives as that error (uniffi would
//! otherwise turn it into a panic); implementations need not throw anything.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::{Arc, Mutex};

use mend_core::observe::{Change, Observer, Subscription};

use crate::error::MendError;
use crate::mend::Mend;

/// What an app implements to hear about changes.
#[uniffi::export(with_foreign)]
pub trait MendObserver: Send + Sync {
    /// Something in the journal was added, edited or removed (re-read what the screen shows).
    fn journal_changed(&self) -> Result<(), ObserverError>;
    /// The care engine raised (or re-opened) the alert with this guid: show it at once.
    fn alert_raised(&self, alert_id: String) -> Result<(), ObserverError>;
    /// A guide was bookmarked, unbookmarked or marked read.
    fn library_changed(&self) -> Result<(), ObserverError>;
    /// Reminders or their settings changed: ask for a new plan and reschedule notifications.
    fn reminders_changed(&self) -> Result<(), ObserverError>;
    /// A sync ran or failed, or sync was set up, joined or turned off: read `sync_status()` again.
    fn sync_changed(&self) -> Result<(), ObserverError>;
}

/// An observer that failed (whatever a foreign observer threw). The core ignores it; it is never logged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum ObserverError {
    #[error("the observer failed")]
    Failed,
}

impl From<uniffi::UnexpectedUniFFICallbackError> for ObserverError {
    fn from(_: uniffi::UnexpectedUniFFICallbackError) -> Self {
        ObserverError::Failed
    }
}

/// Keeps an observer registered until cancelled or dropped.
#[derive(uniffi::Object)]
pub struct SubscriptionHandle {
    subscription: Mutex<Option<Subscription>>,
}

#[uniffi::export]
impl SubscriptionHandle {
    /// Stops the calls now. Cancelling twice is fine.
    pub fn cancel(&self) {
        self.subscription.lock().unwrap_or_else(|p| p.into_inner()).take();
    }
}

#[uniffi::export]
impl Mend {
    /// Registers `observer` until the returned handle is cancelled or dropped.
    pub fn subscribe(&self, observer: Arc<dyn MendObserver>) -> Result<Arc<SubscriptionHandle>, MendError> {
        let subscription = self.core()?.subscribe(Arc::new(Relay(observer)));
        Ok(Arc::new(SubscriptionHandle { subscription: Mutex::new(Some(subscription)) }))
    }
}

/// Passes the core's changes on to a foreign observer.
struct Relay(Arc<dyn MendObserver>);

impl Observer for Relay {
    fn changed(&self, change: &Change) {
        // A foreign exception arrives as an ObserverError; a panic (a Rust observer, a broken foreign call) is
        // contained too. Either way the write stands and the other observers are still told.
        let _ = catch_unwind(AssertUnwindSafe(|| match change {
            Change::Journal => self.0.journal_changed(),
            Change::AlertRaised { alert } => self.0.alert_raised(alert.clone()),
            Change::Library => self.0.library_changed(),
            Change::Reminders => self.0.reminders_changed(),
            Change::Sync => self.0.sync_changed(),
        }));
    }
}
