// Errors arrive as typed MendException subclasses whose messages are readable and carry no health data.
package app.mend.kit

import app.mend.core.CheckInData
import app.mend.core.LossKind
import app.mend.core.NewCheckIn
import app.mend.core.NewLoss
import app.mend.core.ProfileInput
import app.mend.ffi.MendException
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertTrue
import kotlinx.coroutines.runBlocking

class ErrorsTest {
    @Test
    fun `a validation error is a typed exception with a readable message and no health data`() = runBlocking<Unit> {
        journalWithLoss().use { mend ->
            val note = "heavy, with clots, after the scan"
            val error = assertFailsWith<MendException.InvalidInput> {
                mend.addCheckin(NewCheckIn(data = CheckInData(mood = 11u, note = note)))
            }
            assertEquals("mood: must be between 0 and 10", error.message)
            assertEquals(error.message, error.localizedMessage)
            assertFalse(error.toString().contains("clots"), error.toString())
            assertEquals(null, mend.latestCheckin())
        }
    }

    @Test
    fun `every kind of problem has its own type and says what went wrong`() = runBlocking<Unit> {
        journalWithLoss().use { mend ->
            val missing = assertFailsWith<MendException.NotFound> { mend.deleteCheckin("no-such-guid") }
            assertEquals("check-in not found", missing.message)

            val twice = assertFailsWith<MendException.Conflict> {
                mend.setUp(
                    ProfileInput(timeZone = "Europe/Dublin"),
                    NewLoss(lossDate = LOSS_DATE, weeks = 8u, kind = LossKind.EARLY_LOSS),
                )
            }
            assertEquals("this journal is already set up", twice.message)

            val zone = assertFailsWith<MendException.InvalidInput> {
                mend.setProfile(ProfileInput(timeZone = "Dublin"))
            }
            assertEquals("time_zone: must be an IANA time zone such as Europe/Dublin", zone.message)

            val import = assertFailsWith<MendException.ImportRejected> { mend.importJson("""{"format": 3}""") }
            assertTrue(import.message!!.startsWith("the file could not be imported ("), import.message)
            assertTrue(import.message!!.endsWith("Nothing was changed"), import.message)
        }
    }
}
