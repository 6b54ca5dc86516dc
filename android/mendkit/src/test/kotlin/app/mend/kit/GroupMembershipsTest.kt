// Group memberships across one person's phones, through the real library and a real mend-server (started by
// scripts/kotlin-jvm.sh test): with sync's platform given, joining on phone A writes a membership row that sync
// carries to phone B, whose next groups refresh takes the group up (verified from the link's pinned charter, as
// a join is); leaving on A, after both sync, leaves the group on B too.
package app.mend.kit

import app.mend.ffi.NewGroupItem
import app.mend.ffi.NewGroupItemBody
import java.time.LocalDate
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertTrue
import kotlinx.coroutines.runBlocking

private val membershipsServer: String =
    System.getenv("MEND_SERVER_URL") ?: error("MEND_SERVER_URL is unset: run scripts/kotlin-jvm.sh test")

/** A phone syncing over java.net.http, with groups of its own secret store. */
private fun phone(): MendKit = MendKit(tempDir()).also {
    it.setSyncPlatform(JavaHttpTransport(), MemorySecretStore())
    it.setGroupsPlatform(JavaHttpTransport(), MemorySecretStore())
}

class GroupMembershipsTest {
    @Test
    fun `a group joined on one phone follows the person to their other and leaves with them`() = runBlocking<Unit> {
        phone().use { moderator ->
            phone().use { a ->
                phone().use { b ->
                    val created = moderator.groupsCreate(membershipsServer, "Kotlin memberships")
                    val article = NewGroupItem(
                        "welcome", 1u, "en", "GB", emptyList(), LocalDate.now().minusDays(10), false, "Welcome",
                        NewGroupItemBody.Article("Come as you are."),
                    )
                    moderator.groupsPublish(listOf(article))

                    val setUp = a.syncSetup(membershipsServer, "phone A")
                    b.syncJoin(membershipsServer, setUp.words.joinToString(" "), "phone B")
                    a.groupsJoin(created.invite)
                    a.syncNow()
                    b.syncNow()
                    b.groupsRefresh()
                    val onB = b.groupsItems()
                    assertEquals(listOf("welcome"), onB.map { it.id })
                    assertEquals("Kotlin memberships", onB.single().groupName)

                    a.groupsLeave("Kotlin memberships", removeReminders = false)
                    a.syncNow()
                    b.syncNow()
                    assertTrue(b.groupsList().isEmpty(), b.groupsList().toString())
                    assertTrue(b.groupsItems().isEmpty())
                }
            }
        }
    }
}
