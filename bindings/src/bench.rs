//! Benchmark support (feature `bench`, never in the apps' library): check-in writes timed inside Rust, so the
//! Kotlin benchmark can set "the same write from Rust" against its own calls in one process, on the same kind
//! of journal, alternating round by round, so that the machine's noise falls on both sides alike.

use std::time::Instant;

use mend_core::journal::NewCheckIn;

use crate::error::MendError;
use crate::mend::Mend;

#[uniffi::export]
impl Mend {
    /// Saves `input` `count` times through `add_checkin` (the same method the bindings call) and returns the
    /// nanoseconds that took.
    pub fn bench_add_checkins(&self, input: NewCheckIn, count: u32) -> Result<u64, MendError> {
        let start = Instant::now();
        for _ in 0..count {
            self.add_checkin(input.clone())?;
        }
        Ok(u64::try_from(start.elapsed().as_nanos()).unwrap_or(u64::MAX))
    }
}
