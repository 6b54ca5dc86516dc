//! The Today screen over the FFI: everything the app's first screen shows, gathered by the core in one call.

use chrono::NaiveDate;
use mend_core::today::Today;

use crate::error::MendError;
use crate::mend::Mend;

#[uniffi::export]
impl Mend {
    /// The Today dashboard as of now. `zone`: where the person is now (the device's IANA zone), so "today" is
    /// their day there; the home zone when none is given.
    #[uniffi::method(default(zone = None))]
    pub fn today_dashboard(&self, zone: Option<String>) -> Result<Today, MendError> {
        Ok(self.core()?.today_dashboard_here(zone.as_deref())?)
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

    /// Today's date where the person is now (`zone`, the device's IANA zone), else in the home zone.
    #[uniffi::method(default(zone = None))]
    pub fn today(&self, zone: Option<String>) -> Result<NaiveDate, MendError> {
        Ok(self.core()?.today_here(zone.as_deref())?)
    }
}
