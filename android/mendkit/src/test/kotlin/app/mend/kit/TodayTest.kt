// The Today screen, insights and History through the real library, with the clock fixed.
package app.mend.kit

import app.mend.core.Bleeding
import app.mend.core.CheckInData
import app.mend.core.EventDetails
import app.mend.core.FieldKind
import app.mend.core.FormAnswer
import app.mend.core.HistoryEntry
import app.mend.core.LossKind
import app.mend.core.NewCheckIn
import app.mend.core.NewEvent
import app.mend.core.Trimester
import app.mend.ffi.MendException
import java.time.LocalDate
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertIs
import kotlin.test.assertTrue
import kotlinx.coroutines.runBlocking

class TodayTest {
    @Test
    fun `today gathers the loss, the latest check-in and the recovery week`() = runBlocking<Unit> {
        journalWithLoss().use { mend ->
            assertEquals(TODAY, mend.today())
            mend.addCheckin(NewCheckIn(at = todayAt(9), data = CheckInData(mood = 4u)))
            val today = mend.todayDashboard()
            assertTrue(today.setUp)
            assertEquals(12L, today.daysSinceLoss)
            assertEquals(LossKind.MISCARRIAGE, today.loss?.kind)
            assertEquals(Trimester.FIRST, today.loss?.trimester)
            // The core chooses the check-in form; no misoprostol dose, resolved: the everyday sections.
            val form = mend.checkinForm(todayAt(10))
            assertEquals(listOf("bleeding", "pain", "feeling", "sepsis", "body", "mood"), form.sections.map { it.id })
            assertEquals(1u, today.checkinsToday)
            assertEquals(4u.toUByte(), today.latestCheckin?.data?.mood)
            assertEquals(2L, today.insights.weekOfRecovery)
        }
    }

    @Test
    fun `today is the day where the person is now`() = runBlocking<Unit> {
        journalWithLoss().use { mend ->
            // Kiritimati (UTC+14) and Pago Pago (UTC-11) are never on the same calendar day.
            val east = mend.today("Pacific/Kiritimati")
            val west = mend.today("Pacific/Pago_Pago")
            assertTrue(east != west, "$east $west")
            assertEquals(east, mend.todayDashboard("Pacific/Kiritimati").today)
            val refused = assertFailsWith<MendException.InvalidInput> { mend.today("EST") }
            assertTrue(refused.message!!.startsWith("zone:"), refused.message)
        }
    }

    @Test
    fun `the form's answers become a check-in and a bad answer names its field`() = runBlocking<Unit> {
        journalWithLoss().use { mend ->
            val form = mend.checkinForm(todayAt(10))
            val bleeding = form.sections[0].fields[0]
            assertEquals("bleeding", bleeding.field)
            val kind = bleeding.kind as FieldKind.Choice
            assertEquals("None", kind.options.first().label)
            val data = mend.checkinFromForm(
                listOf(FormAnswer("bleeding", "light"), FormAnswer("temperature_c", "100.4F")),
                listOf("bleeding", "feeling"),
            )
            assertEquals(Bleeding.LIGHT, data.bleeding)
            assertEquals(38.0, data.temperatureC)
            assertEquals(listOf("bleeding", "feeling"), data.answered)
            val refused = runCatching { mend.checkinFromForm(listOf(FormAnswer("mood", "11")), emptyList()) }
            assertTrue(refused.exceptionOrNull().toString().contains("mood"), refused.toString())
        }
    }

    @Test
    fun `a new journal is not set up`() = runBlocking<Unit> {
        openJournal().use { mend ->
            val today = mend.todayDashboard()
            assertFalse(today.setUp)
            assertEquals(null, today.loss)
        }
    }

    @Test
    fun `insights see bleeding stop and history lists check-ins and events in time order`() = runBlocking<Unit> {
        journalWithLoss().use { mend ->
            fun day(d: Int) = LocalDate.of(2026, 5, d).atTime(9, 0).atZone(java.time.ZoneOffset.UTC).toInstant()
            mend.addCheckins(
                listOf(
                    NewCheckIn(at = day(2), data = CheckInData(bleeding = Bleeding.MEDIUM)),
                    NewCheckIn(at = day(9), data = CheckInData(bleeding = Bleeding.SPOTTING)),
                    NewCheckIn(at = day(10), data = CheckInData(bleeding = Bleeding.NONE)),
                    NewCheckIn(at = day(11), data = CheckInData(bleeding = Bleeding.NONE)),
                ),
            )
            mend.addEvent(NewEvent(at = day(5), details = EventDetails.Appointment(withWhom = null)))
            val insights = mend.insights()
            assertEquals(LocalDate.of(2026, 5, 10), insights.bleeding.stoppedOn)
            assertEquals(2u, insights.bleeding.daysWithBleeding)

            val history = mend.history(LOSS_DATE, TODAY)
            assertEquals(5, history.size)
            assertIs<HistoryEntry.Checkin>(history[0])
            assertIs<HistoryEntry.Event>(history[1])
        }
    }
}
