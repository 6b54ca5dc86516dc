// The care engine through the real library: a red flag in a check-in raises an alert that arrives through the
// observer, reads action-first with the number to call, and can be acknowledged; the unit's number the person
// keeps leads an urgent alert's phones, and the crisis line arrives as tel: and sms: URIs.
package app.mend.kit

import app.mend.core.CheckInData
import app.mend.core.GateId
import app.mend.core.GateState
import app.mend.core.MarkerId
import app.mend.core.NewCheckIn
import app.mend.core.NumberInput
import app.mend.core.PhoneRole
import app.mend.core.RuleId
import app.mend.core.Severity
import app.mend.ffi.MendException
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertNull
import kotlin.test.assertTrue
import kotlinx.coroutines.runBlocking

class CareTest {
    @Test
    fun `a fever raises an alert that the observer hears and Today shows first`() = runBlocking<Unit> {
        journalWithLoss().use { mend ->
            val heard = collecting(mend.changes, 2)
            val checkin = mend.addCheckin(NewCheckIn(at = todayAt(20), data = CheckInData(temperatureC = 38.5)))
            val changes = heard.await()
            val raised = changes.filterIsInstance<MendChange.AlertRaised>().single()
            assertTrue(MendChange.JournalChanged in changes, changes.toString())

            val alert = mend.alerts().single()
            assertEquals(raised.alertId, alert.id)
            assertEquals(RuleId.FEVER, alert.rule)
            assertEquals(Severity.URGENT, alert.severity)
            assertEquals("112", alert.phone)
            // The app dials the URI, never the words: each number is its own entry.
            assertEquals(listOf("tel:112", "tel:999"), alert.phones.map { it.uri })
            assertEquals(alert.severity, mend.todayDashboard().careCard?.severity)
            assertTrue(alert.action.startsWith("Go to your nearest emergency department today"), alert.action)
            assertEquals(listOf(checkin.guid), alert.because)
            assertEquals(listOf(alert), mend.todayDashboard().alerts)

            val seen = mend.acknowledgeAlert(alert.id)
            assertTrue(seen.acknowledged)
            assertEquals(emptyList(), mend.alerts())
            assertEquals(listOf(seen), mend.alerts(includeAcknowledged = true))
        }
    }

    @Test
    fun `the unit's number leads an urgent alert and the crisis line takes texts`() = runBlocking<Unit> {
        journalWithLoss().use { mend ->
            val unit = NumberInput(label = "Cork EPU", number = "021 492 0000")
            val profile = mend.setOwnNumbers(unit, null, null)
            assertEquals("tel:0214920000", profile.unitNumber?.uri)
            assertEquals("IE", profile.region)
            mend.addCheckin(NewCheckIn(at = todayAt(20), data = CheckInData(temperatureC = 38.5)))
            val alert = mend.alerts().first()
            assertEquals(listOf(PhoneRole.UNIT, PhoneRole.EMERGENCY, PhoneRole.EMERGENCY), alert.phones.map { it.role })
            assertEquals("021 492 0000", alert.phones.first().words)
            assertNull(alert.phones.first().verified)
            assertTrue(alert.action.startsWith("Call Cork EPU on 021 492 0000 now"), alert.action)
            mend.addCheckin(NewCheckIn(at = todayAt(20, 30), data = CheckInData(selfHarmThoughts = true)))
            val crisis = mend.alerts().first { it.rule == RuleId.MOOD_CRISIS }
            assertEquals(listOf("tel:116123", "sms:50808", "tel:112", "tel:999"), crisis.phones.map { it.uri })
            val bad = assertFailsWith<MendException.InvalidInput> {
                mend.setOwnNumbers(NumberInput(label = "", number = "021"), null, null)
            }
            assertTrue(bad.message!!.startsWith("unit_number.label: "), bad.message)
        }
    }

    @Test
    fun `markers and readiness come from the journal`() = runBlocking<Unit> {
        journalWithLoss().use { mend ->
            val markers = mend.markers().map { it.marker }
            assertTrue(MarkerId.BLEEDING_DURATION in markers, markers.toString())
            val baths = mend.gate(GateId.BATHS_SWIMMING_TAMPONS_SEX)
            assertEquals(GateState.NOT_YET, baths.state)
            assertTrue(baths.reasons.isNotEmpty())
            assertEquals(mend.readiness(), mend.careReport().readiness)
        }
    }
}
