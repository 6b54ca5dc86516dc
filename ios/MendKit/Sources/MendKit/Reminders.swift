// Reminders through MendClient. The core decides every firing; the phone's zone (`zone`, by default the one
// the phone is in now) is passed in, because the core never reads the machine's zone. The app schedules the
// plan's firings and asks again whenever `changes()` yields `.remindersChanged`.
import Foundation

extension MendClient {
    /// Saves a reminder.
    public func addReminder(_ input: NewReminder) async throws -> Reminder {
        try await run { try $0.addReminder(input: input) }
    }

    /// Replaces a reminder's details.
    public func updateReminder(guid: String, _ input: NewReminder) async throws -> Reminder {
        try await run { try $0.updateReminder(guid: guid, input: input) }
    }

    /// Stops a reminder firing until it is resumed.
    public func pauseReminder(guid: String) async throws -> Reminder {
        try await run { try $0.pauseReminder(guid: guid) }
    }

    /// Lets a paused reminder fire again.
    public func resumeReminder(guid: String) async throws -> Reminder {
        try await run { try $0.resumeReminder(guid: guid) }
    }

    /// Deletes a reminder.
    public func deleteReminder(guid: String) async throws {
        try await run { try $0.deleteReminder(guid: guid) }
    }

    /// One reminder by guid.
    public func reminder(guid: String) async throws -> Reminder? {
        try await run { try $0.reminder(guid: guid) }
    }

    /// Every reminder with how it stands and when it next fires.
    public func reminders(zone: TimeZone = .current) async throws -> [ReminderListing] {
        try await run { try $0.reminders(currentZone: zone.identifier) }
    }

    /// The notifications to schedule from now to `hours` ahead (at most 64).
    public func reminderPlan(hours: UInt32 = 48, zone: TimeZone = .current) async throws -> Plan {
        try await run { try $0.reminderPlan(horizonHours: hours, currentZone: zone.identifier) }
    }

    /// Marks an occurrence done (nil: the one due most recently, else the next).
    public func reminderDone(guid: String, occurrence: Date? = nil, zone: TimeZone = .current) async throws
        -> OccurrenceRecord
    {
        try await run { try $0.reminderDone(guid: guid, occurrence: occurrence, currentZone: zone.identifier) }
    }

    /// Marks an occurrence skipped.
    public func reminderSkip(guid: String, occurrence: Date? = nil, zone: TimeZone = .current) async throws
        -> OccurrenceRecord
    {
        try await run { try $0.reminderSkip(guid: guid, occurrence: occurrence, currentZone: zone.identifier) }
    }

    /// Snoozes an occurrence.
    public func reminderSnooze(
        guid: String, by: SnoozeFor, occurrence: Date? = nil, zone: TimeZone = .current
    ) async throws -> OccurrenceRecord {
        try await run {
            try $0.reminderSnooze(guid: guid, occurrence: occurrence, by: by, currentZone: zone.identifier)
        }
    }

    /// What happened to each occurrence of a reminder.
    public func reminderHistory(guid: String) async throws -> [OccurrenceRecord] {
        try await run { try $0.reminderHistory(guid: guid) }
    }

    /// How a reminder was kept between two instants.
    public func reminderAdherence(guid: String, from: Date, to: Date, zone: TimeZone = .current) async throws
        -> Adherence
    {
        try await run { try $0.reminderAdherence(guid: guid, from: from, to: to, currentZone: zone.identifier) }
    }

    /// The nightly window in which nothing fires, if set.
    public func quietHours() async throws -> QuietHours? {
        try await run { try $0.quietHours() }
    }

    /// The time a new reminder of `kind` starts at before the person picks one (`HH:MM`).
    public func suggestedReminderTime(kind: ReminderKind) async throws -> TimeOfDay {
        try await run { try $0.suggestedReminderTime(kind: kind) }
    }

    /// The quiet hours to set when the person turns them on without choosing times.
    public func suggestedQuietHours() async throws -> QuietHours {
        try await run { try $0.suggestedQuietHours() }
    }

    /// Sets (or, with nil, clears) quiet hours.
    public func setQuietHours(_ quietHours: QuietHours?) async throws -> ReminderSettings {
        try await run { try $0.setQuietHours(quietHours: quietHours) }
    }

    /// Whether notifications keep to generic words.
    public func discreetNotifications() async throws -> Bool {
        try await run { try $0.discreetNotifications() }
    }

    /// Turns discreet notifications on or off.
    public func setDiscreetNotifications(_ on: Bool) async throws -> Profile {
        try await run { try $0.setDiscreetNotifications(on: on) }
    }

    /// A reminder Mend offers to set up now, if any (nothing is saved until the person accepts).
    public func suggestedReminder() async throws -> ReminderSuggestion? {
        try await run { try $0.suggestedReminder() }
    }

    /// The schedule, with Mend's rule, for a reminder made in words (every day, weekday, week, month or year,
    /// on some days, at one or more times): what the app's picker saves.
    public func reminderSchedule(inWords plain: PlainSchedule) async throws -> Schedule {
        try await run { try $0.reminderScheduleInWords(plain: plain) }
    }

    /// A schedule in plain words: "every Monday and Thursday at 09:00 and 21:00".
    public func reminderScheduleWords(_ schedule: Schedule) async throws -> String {
        try await run { $0.reminderScheduleWords(schedule: schedule) }
    }

    /// When a notification due at `at` really rings: at the end of quiet hours if it falls inside them.
    public func reminderRingsAt(_ at: Date, zone: TimeZone = .current) async throws -> Date {
        try await run { try $0.reminderRingsAt(at: at, currentZone: zone.identifier) }
    }
}
