// Linking a second device by its code through the real library and a real mend-server (started by
// scripts/kotlin-jvm.sh test, its address in MEND_SERVER_URL), over java.net.http: both screens show the same
// digits, the linked device syncs the journal written on the first, and a wrong code is refused in the core's words.
package app.mend.kit

import app.mend.core.CheckInData
import app.mend.core.NewCheckIn
import app.mend.ffi.MendException
import app.mend.ffi.SyncLinkStep
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertIs
import kotlin.test.assertTrue
import kotlin.test.fail
import kotlinx.coroutines.delay
import kotlinx.coroutines.runBlocking

/** The server the test command started. */
private val linkServer: String =
    System.getenv("MEND_SERVER_URL") ?: error("MEND_SERVER_URL is unset: run scripts/kotlin-jvm.sh test")

/** A journal on the system clock in a new folder, syncing over java.net.http. */
private fun linkDevice(): MendKit =
    MendKit(tempDir()).also { it.setSyncPlatform(JavaHttpTransport(), MemorySecretStore()) }

/** The new device's next step other than Waiting (a few tries: the other side answers at once here). */
private suspend fun MendKit.nextStep(): SyncLinkStep {
    repeat(20) {
        val step = syncLinkPoll()
        if (step !is SyncLinkStep.Waiting) return step
        delay(50)
    }
    fail("the approving device did not answer")
}

class LinkTest {
    @Test
    fun `a second device links by its code, shows the same digits and syncs`() = runBlocking<Unit> {
        linkDevice().use { a ->
            linkDevice().use { b ->
                a.syncSetup(linkServer, "phone A")
                val saved = a.addCheckin(NewCheckIn(data = CheckInData(mood = 6u)))
                a.syncNow()

                val code = b.syncLinkStart(linkServer, "tablet B")
                assertEquals("mend://link#${code.text}", code.uri)
                assertEquals(600u, code.expiresInSecs)
                assertEquals("tablet B", a.syncApproveStart(code.uri).deviceName)

                val onB = assertIs<SyncLinkStep.Digits>(b.nextStep()).digits
                var onA: String? = null
                repeat(20) { if (onA == null) onA = a.syncApprovePoll().digits }
                assertEquals(onB, onA)
                assertEquals(6, onB.length)

                a.syncApproveFinish(onB)
                assertIs<SyncLinkStep.Linked>(b.nextStep())
                b.syncNow()
                assertEquals(6u, b.checkin(saved.guid)?.data?.mood?.toUInt())
                assertEquals(listOf("phone A", "tablet B"), b.syncDevices().map { it.shownAs }.sorted())
            }
        }
    }

    @Test
    fun `a wrong code is refused and a no ends the link`() = runBlocking<Unit> {
        linkDevice().use { a ->
            linkDevice().use { b ->
                a.syncSetup(linkServer, "phone A")
                val unknown = assertFailsWith<MendException.Sync> { a.syncApproveStart("0000-0000-0000-0000") }
                assertTrue(unknown.message!!.contains("no new device is waiting with that code"), unknown.message)
                val typo = assertFailsWith<MendException.Sync> { a.syncApproveStart("not a code") }
                assertTrue(typo.message!!.contains("that is not a linking code"), typo.message)

                val code = b.syncLinkStart(linkServer, "tablet B")
                a.syncApproveStart(code.text)
                a.syncApproveDecline()
                // The new device answers the approving device's reply before it reads the no behind it.
                val step = b.nextStep().let { if (it is SyncLinkStep.Digits) b.nextStep() else it }
                val refused = assertIs<SyncLinkStep.Refused>(step)
                assertTrue(refused.words.contains("not approved on the other device"), refused.words)
                assertEquals("off", b.syncStatus().code)
            }
        }
    }
}
