//! The journal capability over the FFI: set-up and profile, losses, check-ins, events and the timeline.
//! Every method is a thin call into `mend_core::journal::Journal`; records are the core's own.

use chrono::NaiveDate;
use mend_core::journal::{
    CheckIn, Event, EventKind, HistoryEntry, Loss, NewCheckIn, NewEvent, NewLoss, NumberInput, Profile, ProfileInput,
    Undone,
};

use crate::error::MendError;
use crate::mend::Mend;

/// What setting up a journal created.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct JournalSetUp {
    pub profile: Profile,
    pub loss: Loss,
}

type Result<T> = std::result::Result<T, MendError>;

#[uniffi::export]
impl Mend {
    /// Sets up a new journal: the profile and the first loss, both or neither.
    pub fn set_up(&self, profile: ProfileInput, loss: NewLoss) -> Result<JournalSetUp> {
        let (profile, loss) = self.core()?.journal().set_up(profile, loss)?;
        Ok(JournalSetUp { profile, loss })
    }

    /// The profile, if the journal has been set up.
    pub fn profile(&self) -> Result<Option<Profile>> {
        Ok(self.core()?.journal().profile()?)
    }

    /// Creates or updates the profile.
    pub fn set_profile(&self, input: ProfileInput) -> Result<Profile> {
        Ok(self.core()?.journal().set_profile(input)?)
    }

    /// Sets the numbers the person keeps (the unit's 24-hour number, their own emergency and crisis numbers),
    /// keeping the rest of the profile; `None` removes one.
    pub fn set_own_numbers(
        &self,
        unit_number: Option<NumberInput>,
        own_emergency_number: Option<NumberInput>,
        own_crisis_number: Option<NumberInput>,
    ) -> Result<Profile> {
        Ok(self.core()?.journal().set_own_numbers(unit_number, own_emergency_number, own_crisis_number)?)
    }

    /// Turns the mood screens on or off (asked once at set-up and changeable), keeping the rest of the profile.
    pub fn set_mood_screens(&self, on: bool) -> Result<Profile> {
        Ok(self.core()?.journal().set_mood_screens(on)?)
    }

    /// Records a loss.
    pub fn record_loss(&self, input: NewLoss) -> Result<Loss> {
        Ok(self.core()?.journal().record_loss(input)?)
    }

    /// Replaces a loss's details.
    pub fn update_loss(&self, guid: String, input: NewLoss) -> Result<Loss> {
        Ok(self.core()?.journal().update_loss(&guid, input)?)
    }

    /// Deletes a loss.
    pub fn delete_loss(&self, guid: String) -> Result<()> {
        Ok(self.core()?.journal().delete_loss(&guid)?)
    }

    /// One loss by guid.
    pub fn loss(&self, guid: String) -> Result<Option<Loss>> {
        Ok(self.core()?.journal().loss(&guid)?)
    }

    /// Every loss, oldest first.
    pub fn losses(&self) -> Result<Vec<Loss>> {
        Ok(self.core()?.journal().losses()?)
    }

    /// The most recent loss.
    pub fn current_loss(&self) -> Result<Option<Loss>> {
        Ok(self.core()?.journal().current_loss()?)
    }

    /// Saves a check-in.
    pub fn add_checkin(&self, input: NewCheckIn) -> Result<CheckIn> {
        Ok(self.core()?.journal().add_checkin(input)?)
    }

    /// Saves several check-ins in one transaction: all of them or none.
    pub fn add_checkins(&self, inputs: Vec<NewCheckIn>) -> Result<Vec<CheckIn>> {
        Ok(self.core()?.journal().add_checkins(inputs)?)
    }

    /// Replaces a check-in's time and contents.
    pub fn update_checkin(&self, guid: String, input: NewCheckIn) -> Result<CheckIn> {
        Ok(self.core()?.journal().update_checkin(&guid, input)?)
    }

    /// Reverts the latest add or edit made on this device within 15 minutes (a check-in, an event or a loss's
    /// details); `Conflict`, with the reason as its message, when it cannot (a deletion, nothing newer than
    /// 15 minutes).
    pub fn undo(&self) -> Result<Undone> {
        Ok(self.core()?.journal().undo()?)
    }

    /// Deletes a check-in (its contents are wiped).
    pub fn delete_checkin(&self, guid: String) -> Result<()> {
        Ok(self.core()?.journal().delete_checkin(&guid)?)
    }

    /// One check-in by guid.
    pub fn checkin(&self, guid: String) -> Result<Option<CheckIn>> {
        Ok(self.core()?.journal().checkin(&guid)?)
    }

    /// Check-ins on one local day, in time order.
    pub fn checkins_on(&self, day: NaiveDate) -> Result<Vec<CheckIn>> {
        Ok(self.core()?.journal().checkins_on(day)?)
    }

    /// Check-ins whose local day is between `from` and `to` (inclusive), in time order.
    pub fn checkins_between_days(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<CheckIn>> {
        Ok(self.core()?.journal().checkins_between_days(from, to)?)
    }

    /// The most recent check-in.
    pub fn latest_checkin(&self) -> Result<Option<CheckIn>> {
        Ok(self.core()?.journal().latest_checkin()?)
    }

    /// Every check-in, in time order.
    pub fn all_checkins(&self) -> Result<Vec<CheckIn>> {
        Ok(self.core()?.journal().all_checkins()?)
    }

    /// Saves an event.
    pub fn add_event(&self, input: NewEvent) -> Result<Event> {
        Ok(self.core()?.journal().add_event(input)?)
    }

    /// Replaces an event.
    pub fn update_event(&self, guid: String, input: NewEvent) -> Result<Event> {
        Ok(self.core()?.journal().update_event(&guid, input)?)
    }

    /// Deletes an event.
    pub fn delete_event(&self, guid: String) -> Result<()> {
        Ok(self.core()?.journal().delete_event(&guid)?)
    }

    /// One event by guid.
    pub fn event(&self, guid: String) -> Result<Option<Event>> {
        Ok(self.core()?.journal().event(&guid)?)
    }

    /// Events whose local day is between `from` and `to` (inclusive), in time order.
    pub fn events_between_days(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<Event>> {
        Ok(self.core()?.journal().events_between_days(from, to)?)
    }

    /// Every event of one kind, in time order.
    pub fn events_of_kind(&self, kind: EventKind) -> Result<Vec<Event>> {
        Ok(self.core()?.journal().events_of_kind(kind)?)
    }

    /// Every event, in time order.
    pub fn all_events(&self) -> Result<Vec<Event>> {
        Ok(self.core()?.journal().all_events()?)
    }

    /// Check-ins and events between two local days, in time order: the History screen.
    pub fn history(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<HistoryEntry>> {
        Ok(self.core()?.journal().history(from, to)?)
    }
}
