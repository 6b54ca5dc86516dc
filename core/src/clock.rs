//! The clock the core reads "now" from. Never the machine's zone: instants are UTC and zones are passed in,
//! so tests and the CLI's `--now` can fix time.

use chrono::{DateTime, Utc};

/// Where "now" comes from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Clock {
    /// The system clock.
    #[default]
    System,
    /// A fixed instant (tests, scripted use, `mend --now`).
    Fixed(DateTime<Utc>),
}

impl Clock {
    /// The current instant, truncated to whole milliseconds (what the store keeps).
    pub fn now(&self) -> DateTime<Utc> {
        let now = match self {
            Clock::System => Utc::now(),
            Clock::Fixed(at) => *at,
        };
        DateTime::from_timestamp_millis(now.timestamp_millis()).expect("a millisecond instant is in range")
    }
}
