//! Journal writes that hand back the alerts they raised, so an app can show them at once. The journal writes
//! through the write path and knows only the raised alerts' guids; the care engine, which reads the journal (one
//! way), turns them into alerts here.

use super::{Alert, alerts_by_guid};
use crate::error::Result;
use crate::journal::{CheckIn, Event, Journal, NewCheckIn, NewEvent};

impl Journal<'_> {
    /// Saves a check-in and gives the alerts it raised (or re-opened), most urgent first.
    pub fn add_checkin_with_alerts(&self, input: NewCheckIn) -> Result<(CheckIn, Vec<Alert>)> {
        let (checkin, raised) = self.add_checkin_raising(input)?;
        Ok((checkin, alerts_by_guid(self.core(), &raised)?))
    }

    /// Saves an event and gives the alerts its write raised (or re-opened), most urgent first.
    pub fn add_event_with_alerts(&self, input: NewEvent) -> Result<(Event, Vec<Alert>)> {
        let (event, raised) = self.add_event_raising(input)?;
        Ok((event, alerts_by_guid(self.core(), &raised)?))
    }
}
