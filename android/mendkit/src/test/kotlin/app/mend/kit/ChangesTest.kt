// Observers through the real library: a Flow sees writes; cancelling stops the calls.
package app.mend.kit

import app.mend.core.CheckInData
import app.mend.core.NewCheckIn
import app.mend.ffi.MendObserver
import java.util.concurrent.atomic.AtomicInteger
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Deferred
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout

/** Starts collecting [count] items now: on return the flow has subscribed, so no change can be missed. */
internal fun <T> CoroutineScope.collecting(flow: Flow<T>, count: Int): Deferred<List<T>> =
    async(Dispatchers.Unconfined, start = CoroutineStart.UNDISPATCHED) {
        withTimeout(5_000) { flow.take(count).toList() }
    }

class ChangesTest {
    @Test
    fun `the changes flow sees each write to the journal`() = runBlocking<Unit> {
        journalWithLoss().use { mend ->
            val seen = collecting(mend.changes, 2)
            mend.addCheckin(NewCheckIn(data = CheckInData(mood = 5u)))
            mend.addCheckin(NewCheckIn(data = CheckInData(mood = 6u)))
            assertEquals(listOf(MendChange.JournalChanged, MendChange.JournalChanged), seen.await())
        }
    }

    @Test
    fun `an async import is observed too`() = runBlocking<Unit> {
        val file = java.io.File(tempDir(), "export.json")
        journalWithLoss().use { it.exportTo(file) }
        openJournal().use { mend ->
            val first = collecting(mend.changes, 1)
            mend.importFrom(file)
            assertEquals(listOf(MendChange.JournalChanged), first.await())
        }
    }

    @Test
    fun `a cancelled subscription is not called again`() = runBlocking<Unit> {
        journalWithLoss().use { mend ->
            val calls = AtomicInteger()
            val handle = mend.handle().subscribe(object : MendObserver {
                override fun journalChanged() {
                    calls.incrementAndGet()
                }

                override fun alertRaised(alertId: String) {}
                override fun libraryChanged() {}
                override fun remindersChanged() {}
                override fun syncChanged() {}
            })
            mend.addCheckin(NewCheckIn(data = CheckInData(mood = 5u)))
            handle.cancel()
            handle.close()
            mend.addCheckin(NewCheckIn(data = CheckInData(mood = 6u)))
            assertEquals(1, calls.get())
        }
    }

    @Test
    fun `an observer that throws does not fail the write`() = runBlocking<Unit> {
        journalWithLoss().use { mend ->
            mend.handle().subscribe(object : MendObserver {
                override fun journalChanged(): Unit = throw IllegalStateException("a broken screen")
                override fun alertRaised(alertId: String) {}
                override fun libraryChanged() {}
                override fun remindersChanged() {}
                override fun syncChanged() {}
            }).use {
                val saved = mend.addCheckin(NewCheckIn(data = CheckInData(mood = 5u)))
                assertEquals(saved, mend.latestCheckin())
            }
        }
    }
}
