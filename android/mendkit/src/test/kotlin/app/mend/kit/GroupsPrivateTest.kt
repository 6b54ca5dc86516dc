// Private groups through the real library and a real mend-server (started by scripts/kotlin-jvm.sh test, its
// address in MEND_SERVER_URL), over java.net.http: an owner creates a private group and publishes; its link is
// private, and groupsJoin refuses it with the typed exception; a member asks to join under a name and is told to
// wait in the core's words; the owner lists one pending request by that name and approves it; the member's
// refresh joins the group and the items read; a second person is declined and told so; the owner removes the
// first member (and is told which meeting to change), and the removed member's refresh says so.
package app.mend.kit

import app.mend.ffi.GroupLinkKind
import app.mend.ffi.GroupMemberStatus
import app.mend.ffi.GroupRefreshed
import app.mend.ffi.MendException
import app.mend.ffi.NewGroupItem
import app.mend.ffi.NewGroupItemBody
import java.time.LocalDate
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertIs
import kotlin.test.assertTrue
import kotlinx.coroutines.runBlocking

private val privateServer: String =
    System.getenv("MEND_SERVER_URL") ?: error("MEND_SERVER_URL is unset: run scripts/kotlin-jvm.sh test")

private fun privateDevice(): MendKit =
    MendKit(tempDir()).also { it.setGroupsPlatform(JavaHttpTransport(), MemorySecretStore()) }

private fun privateItem(id: String, title: String, body: NewGroupItemBody) =
    NewGroupItem(id, 1u, "en", "GB", emptyList(), LocalDate.now().minusDays(10), false, title, body)

/** An article and a weekly meeting with a link. */
private val privatePack: List<NewGroupItem> = listOf(
    privateItem("welcome", "Welcome", NewGroupItemBody.Article("Come as you are.")),
    privateItem(
        "tuesday",
        "Tuesday circle",
        NewGroupItemBody.Meeting(
            "2027-01-05T19:00", "Europe/London", 90u.toUShort(), "FREQ=WEEKLY;BYDAY=TU", false, null,
            "https://meet.example.org/tuesday", null,
        ),
    ),
)

class GroupsPrivateTest {
    @Test
    fun `a private group from a request to join to a removal`() = runBlocking<Unit> {
        privateDevice().use { owner ->
            privateDevice().use { ada ->
                privateDevice().use { bea ->
                    val created = owner.groupsCreatePrivate(privateServer, "Kotlin quiet circle")
                    val link = created.invite
                    assertEquals(GroupLinkKind.PRIVATE, ada.groupsLinkKind(link))
                    assertFailsWith<MendException.InvalidInput> { ada.groupsLinkKind("mend://join#nothing") }
                    assertEquals(2u, owner.groupsPublish(privatePack).items)
                    assertTrue(owner.groupsList().single().isPrivate)

                    // A private link is not joined at once: the typed exception says to ask to join.
                    assertFailsWith<MendException.PrivateGroupLink> { ada.groupsJoin(link) }
                    val asked = ada.groupsRequestJoin(link, "Ada")
                    assertEquals("Ada", asked.displayName)
                    val waiting = assertIs<GroupRefreshed.Waiting>(ada.groupsRefresh().single())
                    assertEquals(asked.request, waiting.request)
                    assertTrue("moderators" in waiting.words, waiting.words)
                    assertTrue(ada.groupsList().isEmpty())

                    val pending = owner.groupsMembers().members.single()
                    assertEquals("Ada", pending.displayName)
                    assertEquals(GroupMemberStatus.PENDING, pending.status)
                    assertEquals(GroupMemberStatus.APPROVED, owner.groupsApprove(pending.memberId).status)
                    val approved = assertIs<GroupRefreshed.Approved>(ada.groupsRefresh().first())
                    assertEquals("Kotlin quiet circle", approved.name)
                    assertEquals(2u, approved.items)
                    assertEquals(setOf("welcome", "tuesday"), ada.groupsItems().map { it.id }.toSet())
                    val joined = ada.groupsList().single()
                    assertTrue(joined.isPrivate)
                    assertFalse(joined.removed)

                    // A second person is declined, and told so.
                    bea.groupsRequestJoin(link, "Bea")
                    val beaId = owner.groupsMembers().members.single { it.displayName == "Bea" }.memberId
                    assertEquals(GroupMemberStatus.DECLINED, owner.groupsDecline(beaId).status)
                    val declined = assertIs<GroupRefreshed.Declined>(bea.groupsRefresh().single())
                    assertTrue(declined.words.isNotEmpty())
                    assertTrue(bea.groupsItems().isEmpty())

                    // The owner removes Ada: a new epoch, and the meeting whose link she saw.
                    val removed = owner.groupsRemoveMember(pending.memberId)
                    assertEquals(GroupMemberStatus.REMOVED, removed.member.status)
                    assertEquals(2u, removed.epoch)
                    assertEquals(listOf("Tuesday circle"), removed.meetings)
                    val told = assertIs<GroupRefreshed.Removed>(ada.groupsRefresh().first())
                    assertEquals("Kotlin quiet circle", told.name)
                    assertTrue(told.words.isNotEmpty())
                    assertTrue(ada.groupsList().single().removed)
                    assertEquals(2, ada.groupsItems().size, "what she saw stays")
                    assertEquals(3u, owner.groupsRekey().epoch, "the owner may move the group to a new key")
                }
            }
        }
    }
}
