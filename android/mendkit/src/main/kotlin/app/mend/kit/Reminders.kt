// Reminders through MendKit. The core decides every firing; the phone's zone (`zone`, by default the one the
// phone is in now) is passed in, because the core never reads the machine's zone. The app schedules the
// plan's firings and asks again whenever `changes` emits RemindersChanged.
package app.mend.kit

import app.mend.core.Adherence
import app.mend.core.NewReminder
import app.mend.core.OccurrenceRecord
import app.mend.core.PlainSchedule
import app.mend.core.Plan
import app.mend.core.Profile
import app.mend.core.QuietHours
import app.mend.core.Reminder
import app.mend.core.ReminderKind
import app.mend.core.ReminderListing
import app.mend.core.ReminderSettings
import app.mend.core.ReminderSuggestion
import app.mend.core.Schedule
import app.mend.core.SnoozeFor
import java.time.Instant
import java.time.LocalTime
import java.time.ZoneId
import kotlin.time.Duration
import kotlin.time.Duration.Companion.hours

/** Saves a reminder. */
suspend fun MendKit.addReminder(input: NewReminder): Reminder = call { it.addReminder(input) }

/** Replaces a reminder's details. */
suspend fun MendKit.updateReminder(guid: String, input: NewReminder): Reminder = call { it.updateReminder(guid, input) }

/** Stops a reminder firing until it is resumed. */
suspend fun MendKit.pauseReminder(guid: String): Reminder = call { it.pauseReminder(guid) }

/** Lets a paused reminder fire again. */
suspend fun MendKit.resumeReminder(guid: String): Reminder = call { it.resumeReminder(guid) }

/** Deletes a reminder. */
suspend fun MendKit.deleteReminder(guid: String) = call { it.deleteReminder(guid) }

/** One reminder by guid. */
suspend fun MendKit.reminder(guid: String): Reminder? = call { it.reminder(guid) }

/** Every reminder with how it stands and when it next fires. */
suspend fun MendKit.reminders(zone: ZoneId = ZoneId.systemDefault()): List<ReminderListing> =
    call { it.reminders(zone.id) }

/** The notifications to schedule from now to [horizon] ahead (at most 64). */
suspend fun MendKit.reminderPlan(horizon: Duration = 48.hours, zone: ZoneId = ZoneId.systemDefault()): Plan =
    call { it.reminderPlan(horizon.inWholeHours.toUInt(), zone.id) }

/** Marks an occurrence done (null: the one due most recently, else the next). */
suspend fun MendKit.reminderDone(guid: String, occurrence: Instant? = null, zone: ZoneId = ZoneId.systemDefault()):
    OccurrenceRecord = call { it.reminderDone(guid, occurrence, zone.id) }

/** Marks an occurrence skipped. */
suspend fun MendKit.reminderSkip(guid: String, occurrence: Instant? = null, zone: ZoneId = ZoneId.systemDefault()):
    OccurrenceRecord = call { it.reminderSkip(guid, occurrence, zone.id) }

/** Snoozes an occurrence. */
suspend fun MendKit.reminderSnooze(
    guid: String,
    by: SnoozeFor,
    occurrence: Instant? = null,
    zone: ZoneId = ZoneId.systemDefault(),
): OccurrenceRecord = call { it.reminderSnooze(guid, occurrence, by, zone.id) }

/** What happened to each occurrence of a reminder. */
suspend fun MendKit.reminderHistory(guid: String): List<OccurrenceRecord> = call { it.reminderHistory(guid) }

/** How a reminder was kept between two instants. */
suspend fun MendKit.reminderAdherence(guid: String, from: Instant, to: Instant, zone: ZoneId = ZoneId.systemDefault()):
    Adherence = call { it.reminderAdherence(guid, from, to, zone.id) }

/** The nightly window in which nothing fires, if set. */
suspend fun MendKit.quietHours(): QuietHours? = call { it.quietHours() }

/** The time a new reminder of [kind] starts at before the person picks one. */
suspend fun MendKit.suggestedReminderTime(kind: ReminderKind): LocalTime = call { it.suggestedReminderTime(kind) }

/** The quiet hours to set when the person turns them on without choosing times. */
suspend fun MendKit.suggestedQuietHours(): QuietHours = call { it.suggestedQuietHours() }

/** Sets (or, with null, clears) quiet hours. */
suspend fun MendKit.setQuietHours(quietHours: QuietHours?): ReminderSettings = call { it.setQuietHours(quietHours) }

/** Whether notifications keep to generic words. */
suspend fun MendKit.discreetNotifications(): Boolean = call { it.discreetNotifications() }

/** Turns discreet notifications on or off. */
suspend fun MendKit.setDiscreetNotifications(on: Boolean): Profile = call { it.setDiscreetNotifications(on) }

/** A reminder Mend offers to set up now, if any (nothing is saved until the person accepts). */
suspend fun MendKit.suggestedReminder(): ReminderSuggestion? = call { it.suggestedReminder() }

/**
 * The schedule, with Mend's rule, for a reminder made in words (every day, weekday, week, month or year, on
 * some days, at one or more times): what the app's picker saves.
 */
suspend fun MendKit.reminderScheduleInWords(plain: PlainSchedule): Schedule = call { it.reminderScheduleInWords(plain) }

/** A schedule in plain words: "every Monday and Thursday at 09:00 and 21:00". */
suspend fun MendKit.reminderScheduleWords(schedule: Schedule): String = call { it.reminderScheduleWords(schedule) }

/** When a notification due at [at] really rings: at the end of quiet hours if it falls inside them. */
suspend fun MendKit.reminderRingsAt(at: Instant, zone: ZoneId = ZoneId.systemDefault()): Instant =
    call { it.reminderRingsAt(at, zone.id) }
