//! Change notifications: an app registers an [`Observer`] and keeps the [`Subscription`]; dropping the
//! subscription stops the calls. Observers are called after a write has committed, never inside it, and are
//! told only what kind of thing changed (never its contents).

use std::sync::{Arc, Mutex, Weak};

/// What changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Something in the journal was added, edited or removed.
    Journal,
    /// A guide was bookmarked, unbookmarked or marked read.
    Library,
    /// Reminders, their occurrences or their settings changed: the phone should ask for a new plan.
    Reminders,
    /// The care engine raised (or re-opened) an alert; `alert` is its guid.
    AlertRaised { alert: String },
    /// A sync ran (or failed): sync's status may have changed.
    Sync,
}

/// Receives changes. Called on the thread that made the write; keep it quick.
pub trait Observer: Send + Sync {
    fn changed(&self, change: &Change);
}

type Registry = Mutex<Vec<(u64, Arc<dyn Observer>)>>;

/// The set of registered observers.
#[derive(Default)]
pub struct Observers {
    registry: Arc<Registry>,
    next_id: Mutex<u64>,
}

/// Keeps an observer registered; dropping it (or calling [`Subscription::cancel`]) unregisters.
pub struct Subscription {
    id: u64,
    registry: Weak<Registry>,
}

impl Observers {
    /// Registers `observer` until the returned subscription is dropped.
    pub fn subscribe(&self, observer: Arc<dyn Observer>) -> Subscription {
        let id = {
            let mut next = self.next_id.lock().unwrap_or_else(|p| p.into_inner());
            *next += 1;
            *next
        };
        self.registry.lock().unwrap_or_else(|p| p.into_inner()).push((id, observer));
        Subscription { id, registry: Arc::downgrade(&self.registry) }
    }

    /// Tells every observer about each change.
    pub fn notify(&self, changes: &[Change]) {
        if changes.is_empty() {
            return;
        }
        // Call outside the lock so an observer may subscribe or cancel from inside its callback.
        let current: Vec<Arc<dyn Observer>> =
            self.registry.lock().unwrap_or_else(|p| p.into_inner()).iter().map(|(_, o)| o.clone()).collect();
        for observer in current {
            for change in changes {
                observer.changed(change);
            }
        }
    }
}

impl Subscription {
    /// Unregisters now.
    pub fn cancel(&self) {
        if let Some(registry) = self.registry.upgrade() {
            registry.lock().unwrap_or_else(|p| p.into_inner()).retain(|(id, _)| *id != self.id);
        }
    }
}

impl Drop for Subscription {
    fn drop(&mut self) {
        self.cancel();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Default)]
    struct Counter(Mutex<Vec<Change>>);
    impl Observer for Counter {
        fn changed(&self, change: &Change) {
            self.0.lock().unwrap().push(change.clone());
        }
    }

    #[test]
    fn dropping_the_subscription_stops_notifications() {
        let observers = Observers::default();
        let counter = Arc::new(Counter::default());
        let sub = observers.subscribe(counter.clone());
        observers.notify(&[Change::Journal]);
        drop(sub);
        observers.notify(&[Change::Journal]);
        assert_eq!(*counter.0.lock().unwrap(), vec![Change::Journal]);
    }
}
