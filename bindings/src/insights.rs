//! The insights capability over the FFI: recovery week, the bleeding episode, periods, weekly averages and
//! 14-day trends, all computed by the core.

use mend_core::journal::Insights;

use crate::error::MendError;
use crate::mend::Mend;

#[uniffi::export]
impl Mend {
    /// Insights for the current loss as of today, in the person's zone.
    pub fn insights(&self) -> Result<Insights, MendError> {
        Ok(self.core()?.journal().insights()?)
    }
}
