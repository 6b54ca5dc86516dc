// Export, import and erase through the real library, including the async file forms on the Rust runtime.
package app.mend.kit

import app.mend.core.Bleeding
import app.mend.core.CheckInData
import app.mend.core.EventDetails
import app.mend.core.NewCheckIn
import app.mend.core.NewEvent
import app.mend.core.TestResult
import app.mend.ffi.MendException
import java.io.File
import java.nio.file.Files
import java.nio.file.attribute.PosixFilePermissions
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertNull
import kotlin.test.assertTrue
import kotlinx.coroutines.runBlocking

class ExportTest {
    @Test
    fun `an export written to a file imports into a new journal unchanged`() = runBlocking<Unit> {
        val file = File(tempDir(), "mend-export.json")
        val (checkins, event) = journalWithLoss().use { mend ->
            val checkins = mend.addCheckins(
                listOf(
                    NewCheckIn(at = todayAt(8), data = CheckInData(bleeding = Bleeding.SPOTTING, mood = 4u)),
                    NewCheckIn(at = todayAt(20), data = CheckInData(mood = 5u, note = "a better evening")),
                ),
            )
            val event = mend.addEvent(NewEvent(at = todayAt(12), details = EventDetails.Test(TestResult.FAINT, null)))
            mend.exportTo(file)
            checkins to event
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.toPath())))
        assertFalse(File(file.path + ".partial").exists())

        openJournal().use { fresh ->
            val summary = fresh.importFrom(file)
            assertEquals(2u, summary.checkins)
            assertEquals(1u, summary.events)
            assertTrue(summary.profile)
            assertEquals(checkins, fresh.checkinsOn(TODAY))
            assertEquals(event, fresh.eventsOfKind(app.mend.core.EventKind.TEST).single())
            assertEquals(fresh.exportJson().length, file.readText().length)
        }
    }

    @Test
    fun `a missing or foreign file is refused with a readable error`() = runBlocking<Unit> {
        openJournal().use { mend ->
            val missing = assertFailsWith<MendException.Io> { mend.importFrom(File(tempDir(), "nothing.json")) }
            assertEquals("Nothing was imported: the file or folder was not found", missing.message)
            val foreign = File(tempDir(), "notes.json")
            foreign.writeText("""{"format":"other","version":1,"exported_at":"2026-05-01T00:00:00Z"}""")
            val refused = assertFailsWith<MendException.ImportRejected> { mend.importFrom(foreign) }
            assertTrue(refused.message!!.contains("is not a Mend journal export"), refused.message)
        }
    }

    @Test
    fun `csv has a header and a row per check-in, and erase-all leaves nothing`() = runBlocking<Unit> {
        journalWithLoss().use { mend ->
            mend.addCheckin(NewCheckIn(at = todayAt(9), data = CheckInData(mood = 6u)))
            val lines = mend.checkinsCsv().trim().lines()
            assertEquals(2, lines.size)
            assertTrue(lines[0].contains("mood"), lines[0])
            mend.eraseAll()
            assertNull(mend.latestCheckin())
            assertNull(mend.profile())
            assertEquals(emptyList(), mend.losses())
        }
    }
}
