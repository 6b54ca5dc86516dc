// Check-ins through the real library: a full round trip, edits, deletes, and all-or-nothing batches.
package app.mend.kit

import app.mend.core.Bleeding
import app.mend.core.CheckInData
import app.mend.core.Clots
import app.mend.core.Feeling
import app.mend.core.NewCheckIn
import app.mend.core.PainScores
import app.mend.core.UndoneChange
import app.mend.ffi.MendException
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertNull
import kotlin.test.assertTrue
import kotlinx.coroutines.runBlocking

class CheckinTest {
    private val data = CheckInData(
        bleeding = Bleeding.LIGHT,
        padsPerHour = 0.5,
        clots = Clots.SMALL,
        pain = PainScores(cramps = 4u, back = 2u),
        temperatureC = 37.2,
        mood = 4u,
        feelings = listOf(Feeling.GRIEF, Feeling.NUMBNESS),
        sleepHours = 6.5,
        energy = 3u,
        note = "Walked to the shop and back. Tired.",
    )

    @Test
    fun `a check-in round trips through the library with every field intact`() = runBlocking<Unit> {
        journalWithLoss().use { mend ->
            val saved = mend.addCheckin(NewCheckIn(at = todayAt(9, 30), data = data))
            assertEquals(16, saved.guid.length)
            assertEquals(todayAt(9, 30), saved.at)
            assertEquals("Europe/Dublin", saved.timeZone)
            assertEquals(TODAY, saved.day)
            assertEquals(data, saved.data)
            assertEquals(saved, mend.checkin(saved.guid))
            assertEquals(listOf(saved), mend.checkinsOn(TODAY))
            assertEquals(listOf(saved), mend.checkinsBetweenDays(LOSS_DATE, TODAY))
            assertEquals(saved, mend.latestCheckin())
        }
    }

    @Test
    fun `a one-tap check-in needs nothing but a mood`() = runBlocking<Unit> {
        openJournal().use { mend ->
            val saved = mend.addCheckin(NewCheckIn(data = CheckInData(mood = 6u)))
            assertEquals(NOW, saved.at)
            assertEquals("UTC", saved.timeZone)
            assertEquals(CheckInData(mood = 6u), saved.data)
        }
    }

    @Test
    fun `editing replaces the contents and deleting leaves nothing to read`() = runBlocking<Unit> {
        journalWithLoss().use { mend ->
            val saved = mend.addCheckin(NewCheckIn(at = todayAt(9), data = data))
            val edited = mend.updateCheckin(saved.guid, NewCheckIn(at = todayAt(9), data = data.copy(mood = 7u)))
            assertEquals(saved.guid, edited.guid)
            assertEquals(7u.toUByte(), mend.checkin(saved.guid)?.data?.mood)
            assertTrue(edited.updatedAt > saved.updatedAt)
            mend.deleteCheckin(saved.guid)
            assertNull(mend.checkin(saved.guid))
            assertNull(mend.latestCheckin())
        }
    }

    @Test
    fun `undo reverts an edit and refuses after a delete saying why`() = runBlocking<Unit> {
        journalWithLoss().use { mend ->
            val saved = mend.addCheckin(NewCheckIn(at = todayAt(9), data = data))
            mend.updateCheckin(saved.guid, NewCheckIn(at = todayAt(9), data = data.copy(mood = 7u)))
            val undone = mend.undo()
            assertEquals(UndoneChange.EDIT_REVERTED, undone.change)
            assertEquals(saved.data, mend.checkin(saved.guid)?.data)
            mend.deleteCheckin(saved.guid)
            val refused = assertFailsWith<MendException.Conflict> { mend.undo() }
            assertTrue(refused.message!!.startsWith("A deletion can't be undone"), refused.message)
        }
    }

    @Test
    fun `a batch with one bad check-in saves none and names the bad one`() = runBlocking<Unit> {
        journalWithLoss().use { mend ->
            val good = NewCheckIn(at = todayAt(8), data = CheckInData(mood = 5u))
            val bad = NewCheckIn(at = todayAt(9), data = CheckInData(energy = 12u))
            val error = assertFailsWith<MendException.InvalidInput> { mend.addCheckins(listOf(good, bad)) }
            assertEquals("checkins[1].energy: must be between 0 and 10", error.message)
            assertEquals(emptyList(), mend.checkinsOn(TODAY))
            assertEquals(2, mend.addCheckins(listOf(good, good.copy(at = todayAt(10)))).size)
        }
    }
}
