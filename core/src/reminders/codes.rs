//! The reminders engine's choices, each a stable text code: what a reminder is for, what happened to one
//! occurrence, how long a snooze lasts and how a reminder stands today.

use crate::codes;

codes! {
    /// What a reminder is for. There is deliberately no pregnancy-progress or due-date kind.
    pub enum ReminderKind {
        CheckIn = "check_in", Medication = "medication", Appointment = "appointment",
        MassageSession = "massage_session", PregnancyTest = "pregnancy_test", SelfCare = "self_care",
        Memorial = "memorial", GroupMeeting = "group_meeting",
    }
}

codes! {
    /// What the person did with one occurrence of a reminder.
    pub enum OccurrenceStatus { Done = "done", Skipped = "skipped", Snoozed = "snoozed" }
}

codes! {
    /// How long a snooze lasts: ten minutes, an hour, or until the same local time tomorrow.
    pub enum SnoozeFor { TenMinutes = "10m", OneHour = "1h", Tomorrow = "tomorrow" }
}

codes! {
    /// How a reminder stands: firing as planned, paused by the person, waiting for a care gate to open (a
    /// massage session before massage is advisable), or ended (no occurrence left).
    pub enum ReminderStatus { Active = "active", Paused = "paused", Waiting = "waiting", Ended = "ended" }
}
