//! The Today screen over the FFI: everything the app's first screen shows, gathered by the core in one call.

use chrono::NaiveDate;
use mend_core::today::Today;

use crate::error::MendError;
use crate::mend::Mend;

#[uniffi::export]
impl Mend {
    /// The Today dashboard as of now.
    pub fn today_dashboard(&self) -> Result<Today, MendError> {
        Ok(self.core()?.today_dashboard()?)
    }

    /// The check-in sections and questions worth offering at `now`: render them as given.
    pub fn checkin_form(&self, now: chrono::DateTime<chrono::Utc>) -> Result<mend_core::care::CheckinForm, MendError> {
        Ok(self.core()?.checkin_form(now)?)
    }

    /// A check-in's data from the form's answers (each question's field and its answer as text) and the sections
    /// the person went through: save it with `add_checkin`. A bad answer is an error naming its field.
    pub fn checkin_from_form(
        &self,
        answers: Vec<mend_core::care::FormAnswer>,
        answered: Vec<String>,
    ) -> Result<mend_core::journal::CheckInData, MendError> {
        Ok(self.core()?.checkin_from_form(&answers, &answered)?)
    }

    /// Today's date where the person lives (the profile's zone).
    pub fn today(&self) -> Result<NaiveDate, MendError> {
        Ok(self.core()?.today()?)
    }
}
