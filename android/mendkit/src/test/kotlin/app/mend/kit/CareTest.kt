// The care engine through the real library: a red flag in a check-in raises an alert that arrives through the
// observer, reads action-first with the number to call, and can be acknowledged.
package app.mend.kit

import app.mend.core.CheckInData
import app.mend.core.GateId
import app.mend.core.GateState
import app.mend.core.MarkerId
import app.mend.core.NewCheckIn
import app.mend.core.RuleId
import app.mend.core.Severity
import kotlin.test.Test
import kotlin.test.assertEquals
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
            assertEquals("112 or 999", alert.phone)
            // The app dials the URI, never the words.
            assertEquals(listOf("tel:112"), alert.phones.map { it.uri })
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
