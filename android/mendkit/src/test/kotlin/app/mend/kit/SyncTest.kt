// Sync through the real library and a real mend-server (started by scripts/kotlin-jvm.sh test, its address in
// MEND_SERVER_URL), over java.net.http: two journals in two folders set up, join by phrase and edit both ways.
package app.mend.kit

import app.mend.core.CheckInData
import app.mend.core.NewCheckIn
import app.mend.ffi.MendException
import app.mend.ffi.SecretStore
import app.mend.ffi.SyncProgress
import app.mend.ffi.SyncState
import java.util.concurrent.ConcurrentHashMap
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertNotNull
import kotlin.test.assertTrue
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout

/** The server the test command started. */
private val server: String =
    System.getenv("MEND_SERVER_URL") ?: error("MEND_SERVER_URL is unset: run scripts/kotlin-jvm.sh test")

/** A secret store as a test needs one: a map (apps use the Android Keystore). */
class MemorySecretStore : SecretStore {
    private val secrets = ConcurrentHashMap<String, ByteArray>()

    override fun get(name: String): ByteArray? = secrets[name]

    override fun set(name: String, value: ByteArray) {
        secrets[name] = value
    }

    override fun clear() = secrets.clear()
}

/** A journal on the system clock in a new folder, syncing over java.net.http. */
private fun device(): MendKit = MendKit(tempDir()).also { it.setSyncPlatform(JavaHttpTransport(), MemorySecretStore()) }

class SyncTest {
    @Test
    fun `two journals sync through a real server over java net http`() = runBlocking<Unit> {
        device().use { a ->
            device().use { b ->
                val setUp = a.syncSetup(server, "phone A")
                assertEquals(24, setUp.words.size)
                val phrase = setUp.words.joinToString(" ")
                for (position in setUp.confirmPositions) {
                    assertTrue(a.syncPhraseConfirms(phrase, position.toInt(), setUp.words[position.toInt() - 1]))
                }
                val saved = a.addCheckin(NewCheckIn(data = CheckInData(mood = 4u)))
                val progress = mutableListOf<SyncProgress>()
                val report = a.syncNow { progress += it }
                assertTrue(report.uploaded >= 1uL, "$report")
                assertTrue(progress.isNotEmpty(), "progress was reported")

                b.syncJoin(server, phrase, "phone B")
                b.syncNow()
                assertEquals(4u, b.checkin(saved.guid)?.data?.mood?.toUInt())

                b.updateCheckin(saved.guid, NewCheckIn(data = CheckInData(mood = 7u)))
                assertEquals("behind", b.syncStatus().code)
                b.syncNow()
                val aSynced = async(Dispatchers.Unconfined, start = CoroutineStart.UNDISPATCHED) {
                    withTimeout(10_000) { a.syncStatusFlow.first { it.state == SyncState.SYNCED } }
                }
                a.syncNow()
                assertEquals(7u, a.checkin(saved.guid)?.data?.mood?.toUInt())
                assertEquals("synced", aSynced.await().code)

                for (device in listOf(a, b)) {
                    val status = device.syncStatus()
                    assertEquals(SyncState.SYNCED, status.state, status.words)
                    assertEquals("synced", status.code)
                    assertEquals(server, status.server)
                    assertNotNull(device.nextSyncAt())
                }
            }
        }
    }

    @Test
    fun `devices and a new phrase through a real server`() = runBlocking<Unit> {
        device().use { a ->
            device().use { b ->
                device().use { c ->
                    val old = a.syncSetup(server, "phone A").words.joinToString(" ")
                    b.syncJoin(server, old, "tablet B")
                    val listed = a.syncDevices()
                    assertEquals(listOf("phone A", "tablet B"), listed.map { it.shownAs }.sorted())
                    assertEquals(listOf("phone A"), listed.filter { it.thisDevice }.map { it.name })
                    assertTrue(b.syncCheckPhrase(old))

                    val new = a.syncNewPhrase().words.joinToString(" ")
                    assertTrue(new != old)
                    assertTrue(!b.syncCheckPhrase(old) && b.syncCheckPhrase(new))
                    val refused = assertFailsWith<MendException.Sync> { c.syncJoin(server, old, "phone C") }
                    assertTrue(refused.message!!.contains("no journal on that server"), refused.message)
                    c.syncJoin(server, new, "phone C")
                    assertEquals(listOf("phone A", "phone C", "tablet B"), b.syncDevices().map { it.shownAs }.sorted())
                }
            }
        }
    }

    @Test
    fun `a removed device is cut off and erases itself while the others carry on`() = runBlocking<Unit> {
        device().use { a ->
            device().use { b ->
                device().use { c ->
                    val phrase = a.syncSetup(server, "phone A").words.joinToString(" ")
                    val saved = a.addCheckin(NewCheckIn(data = CheckInData(mood = 4u)))
                    a.syncNow()
                    b.syncJoin(server, phrase, "tablet B")
                    c.syncJoin(server, phrase, "old phone C")
                    c.syncNow()
                    assertEquals(4u, c.checkin(saved.guid)?.data?.mood?.toUInt())

                    val revoked = a.syncRevoke("old phone C", wipe = true)
                    assertEquals("old phone C", revoked.name)
                    assertEquals(1u, revoked.report?.keysRenewed, revoked.renewalPending)
                    val removed = assertFailsWith<MendException.Sync> { c.syncNow() }
                    assertTrue(removed.message!!.contains("now erased"), removed.message)
                    assertEquals(null, c.checkin(saved.guid))

                    val later = a.addCheckin(NewCheckIn(data = CheckInData(mood = 6u)))
                    a.syncNow()
                    assertEquals(0uL, b.syncNow().unreadable)
                    assertEquals(6u, b.checkin(later.guid)?.data?.mood?.toUInt())
                }
            }
        }
    }

    @Test
    fun `errors carry the core's words`() = runBlocking<Unit> {
        device().use { mend ->
            val notSetUp = assertFailsWith<MendException.Sync> { mend.syncNow() }
            assertTrue(notSetUp.message!!.contains("not set up"), notSetUp.message)
            val plain = assertFailsWith<MendException.Sync> { mend.syncSetup("http://sync.example.org", "phone") }
            assertTrue(plain.message!!.contains("https://"), plain.message)
            assertEquals("off", mend.syncStatus().code)
        }
    }
}
