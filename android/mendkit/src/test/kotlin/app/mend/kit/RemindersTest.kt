// Reminders through the real library: the plan the phone schedules, discreet words, quiet hours, done and
// snooze, and the change the app reschedules on.
package app.mend.kit

import app.mend.core.DayOfWeek
import app.mend.core.Every
import app.mend.core.NewReminder
import app.mend.core.OccurrenceStatus
import app.mend.core.PlainSchedule
import app.mend.core.QuietHours
import app.mend.core.ReminderKind
import app.mend.core.ReminderStatus
import app.mend.core.Schedule
import app.mend.core.SnoozeFor
import java.time.Instant
import java.time.LocalTime
import java.time.OffsetDateTime
import java.time.ZoneId
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertTrue
import kotlin.time.Duration.Companion.hours
import kotlinx.coroutines.runBlocking

private val DUBLIN: ZoneId = ZoneId.of("Europe/Dublin")

private fun daily(title: String, at: LocalTime) = NewReminder(
    kind = ReminderKind.MEDICATION,
    title = title,
    schedule = Schedule.Repeating(rrule = "FREQ=DAILY", start = TODAY, time = at),
    timeZone = "Europe/Dublin",
    until = null,
)

class RemindersTest {
    @Test
    fun `the plan holds each firing with discreet words, and the change is announced`() = runBlocking<Unit> {
        journalWithLoss().use { mend ->
            val changed = collecting(mend.changes, 1)
            val reminder = mend.addReminder(daily("Iron tablet", LocalTime.of(9, 0)))
            assertEquals(listOf(MendChange.RemindersChanged), changed.await())

            val plan = mend.reminderPlan(horizon = 48.hours, zone = DUBLIN)
            assertEquals("Europe/Dublin", plan.zone)
            assertEquals(64u, plan.cap)
            assertEquals(
                listOf(Instant.parse("2026-05-14T08:00:00Z"), Instant.parse("2026-05-15T08:00:00Z")),
                plan.firings.map { it.atUtc },
            )
            val first = plan.firings.first()
            assertEquals(reminder.guid, first.reminder)
            assertEquals(OffsetDateTime.parse("2026-05-14T09:00:00+01:00"), first.atLocal)
            assertFalse(first.title.contains("Iron") || first.body.contains("Iron"), "${first.title} ${first.body}")
            assertEquals(ReminderStatus.ACTIVE, mend.reminders(DUBLIN).single().status)
        }
    }

    @Test
    fun `quiet hours move a firing to their end, and done and snooze are recorded`() = runBlocking<Unit> {
        journalWithLoss().use { mend ->
            val early = mend.addReminder(daily("Early", LocalTime.of(6, 30)))
            // Where the app's time picker opens, by kind: the core's choice.
            assertEquals(LocalTime.of(9, 0), mend.suggestedReminderTime(ReminderKind.MEDICATION))
            assertEquals(LocalTime.of(20, 0), mend.suggestedReminderTime(ReminderKind.CHECK_IN))
            // The core's suggestion, which the app sets when quiet hours are turned on.
            val suggested = mend.suggestedQuietHours()
            assertEquals(QuietHours(from = LocalTime.of(22, 0), to = LocalTime.of(7, 30)), suggested)
            mend.setQuietHours(suggested)
            assertEquals(LocalTime.of(7, 30), mend.quietHours()?.to)
            val firing = mend.reminderPlan(horizon = 24.hours, zone = DUBLIN).firings.single()
            assertTrue(firing.movedByQuietHours)
            assertEquals(Instant.parse("2026-05-14T06:30:00Z"), firing.atUtc)

            val snoozed = mend.reminderSnooze(early.guid, SnoozeFor.ONE_HOUR, firing.occurrenceUtc, DUBLIN)
            assertEquals(OccurrenceStatus.SNOOZED, snoozed.status)
            val done = mend.reminderDone(early.guid, firing.occurrenceUtc, DUBLIN)
            assertEquals(OccurrenceStatus.DONE, done.status)
            assertEquals(listOf(OccurrenceStatus.DONE), mend.reminderHistory(early.guid).map { it.status })
            assertTrue(mend.discreetNotifications())
        }
    }

    @Test
    fun `reminders made in words read back as words, and a time in quiet hours rings at their end`() = runBlocking<Unit> {
        journalWithLoss().use { mend ->
            val plain = PlainSchedule(
                every = Every.WEEK,
                on = listOf(DayOfWeek.THURSDAY, DayOfWeek.MONDAY),
                times = listOf(LocalTime.of(21, 0), LocalTime.of(9, 0)),
                start = TODAY,
            )
            val schedule = mend.reminderScheduleInWords(plain)
            assertEquals(
                Schedule.Repeating("FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=9,21;BYMINUTE=0", TODAY, LocalTime.of(9, 0)),
                schedule,
            )
            assertEquals("every Monday and Thursday at 09:00 and 21:00", mend.reminderScheduleWords(schedule))
            val saved = mend.addReminder(NewReminder(ReminderKind.MEDICATION, "Iron", schedule, "Europe/Dublin", null))
            assertEquals(saved, mend.reminder(saved.guid))
            assertEquals(listOf("every Monday and Thursday at 09:00 and 21:00"), mend.reminders(DUBLIN).map { it.words })

            mend.setQuietHours(QuietHours(from = LocalTime.of(22, 0), to = LocalTime.of(7, 30)))
            assertEquals(Instant.parse("2026-05-14T06:30:00Z"), mend.reminderRingsAt(todayAt(23), DUBLIN))
            assertEquals(todayAt(20), mend.reminderRingsAt(todayAt(20), DUBLIN))
        }
    }
}
