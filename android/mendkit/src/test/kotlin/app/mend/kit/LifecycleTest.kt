// Opening, closing and reopening: close releases the journal at once, and the data is there on reopening.
package app.mend.kit

import app.mend.core.CheckInData
import app.mend.core.NewCheckIn
import app.mend.ffi.MendException
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertTrue
import kotlinx.coroutines.runBlocking

class LifecycleTest {
    @Test
    fun `a closed journal refuses calls and reopens with everything saved`() = runBlocking<Unit> {
        val dir = tempDir()
        val mend = journalWithLoss(dir)
        val saved = mend.addCheckin(NewCheckIn(data = CheckInData(mood = 3u, note = "first night home")))
        assertFalse(mend.isClosed)
        mend.close()
        mend.close()
        assertTrue(mend.isClosed)
        val error = assertFailsWith<MendException.Closed> { mend.latestCheckin() }
        assertEquals("this journal has been closed", error.message)
        assertFailsWith<MendException.Closed> { mend.interrupt() }

        MendKit.open(dir).use { reopened ->
            assertEquals(saved, reopened.checkin(saved.guid))
            assertEquals(LOSS_DATE, reopened.currentLoss()?.lossDate)
        }
    }

    @Test
    fun `two journals in two directories stay apart`() = runBlocking<Unit> {
        openJournal().use { a ->
            openJournal().use { b ->
                a.addCheckin(NewCheckIn(data = CheckInData(mood = 2u)))
                assertEquals(null, b.latestCheckin())
            }
        }
    }
}
