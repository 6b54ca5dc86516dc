// Co-moderators through the real library and a real mend-server (started by scripts/kotlin-jvm.sh test), over
// java.net.http: an owner adds a midwife as a publisher of services and meetings, her phone accepts the link and
// publishes within her scopes (an article is refused on her phone, naming the item); the owner's groupsShow lists
// her; a handover travels as a draft the new owner reads and countersigns; the new owner accepts the link and
// removes the midwife: the pack leaves her section out at once (and says so), and her next pack is refused.
package app.mend.kit

import app.mend.core.ItemKind
import app.mend.core.ServiceKind
import app.mend.ffi.GroupCharterChange
import app.mend.ffi.GroupNewModerator
import app.mend.ffi.MendException
import app.mend.ffi.NewGroupItem
import app.mend.ffi.NewGroupItemBody
import java.time.LocalDate
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertTrue
import kotlinx.coroutines.runBlocking

private val moderatorsServer: String =
    System.getenv("MEND_SERVER_URL") ?: error("MEND_SERVER_URL is unset: run scripts/kotlin-jvm.sh test")

private fun moderatorDevice(): MendKit =
    MendKit(tempDir()).also { it.setGroupsPlatform(JavaHttpTransport(), MemorySecretStore()) }

private fun moderatorItem(id: String, title: String, body: NewGroupItemBody) =
    NewGroupItem(id, 1u, "en", "GB", emptyList(), LocalDate.now().minusDays(10), false, title, body)

class GroupModeratorsTest {
    @Test
    fun `a publisher publishes in her scopes and a handover moves the group`() = runBlocking<Unit> {
        moderatorDevice().use { owner ->
            moderatorDevice().use { midwife ->
                moderatorDevice().use { newOwner ->
                    owner.groupsCreate(moderatorsServer, "Kotlin moderators")

                    val key = midwife.groupsModeratorKey()
                    assertTrue(key.startsWith("mend-key:"), key)
                    val added = owner.groupsAddPublisher(key, "Sam, midwife", listOf(ItemKind.SERVICE, ItemKind.MEETING))
                    assertEquals(2u, added.charterVersion)
                    val accepted = midwife.groupsAccept(added.links.single().link)
                    assertFalse(accepted.owner)
                    assertEquals(setOf(ItemKind.SERVICE, ItemKind.MEETING), accepted.scopes.toSet())

                    val article = moderatorItem("welcome", "Welcome", NewGroupItemBody.Article("Come as you are."))
                    val outside = assertFailsWith<MendException.InvalidInput> { midwife.groupsPublish(listOf(article)) }
                    assertTrue(outside.message!!.startsWith("items[0]"), outside.message)
                    val service = moderatorItem(
                        "sam",
                        "Sam, bereavement midwife",
                        NewGroupItemBody.Service(
                            ServiceKind.BEREAVEMENT_MIDWIFE, listOf("tel:+442079460000"), "North London", listOf("en"),
                            null, null,
                        ),
                    )
                    assertEquals(1u, midwife.groupsPublish(listOf(service)).items)

                    val shown = owner.groupsShow()
                    assertEquals("owner", shown.part)
                    assertEquals(2u, shown.charterVersion)
                    assertTrue(
                        shown.publishers.any {
                            it.name == "Sam, midwife" && it.scopes.toSet() == setOf(ItemKind.SERVICE, ItemKind.MEETING) && !it.you
                        },
                        shown.publishers.toString(),
                    )
                    val me = shown.owners.single { it.you }

                    // The handover: the new owner in, the first one out, countersigned by the new owner.
                    val change = GroupCharterChange(
                        null, null, listOf(GroupNewModerator("Alex", newOwner.groupsModeratorKey(), emptyList())),
                        listOf(me.key), null, emptyList(), emptyList(),
                    )
                    val draft = owner.groupsProposeCharter(change)
                    assertFalse(draft.status.ready)
                    val read = newOwner.groupsReadDraft(draft.text)
                    assertEquals(3u, read.version)
                    assertTrue(read.changes.any { "Alex" in it }, read.changes.toString())
                    val signed = newOwner.groupsSignDraft(draft.text)
                    assertTrue(signed.status.ready)
                    val inForce = owner.groupsPublishDraft(signed.text)
                    assertTrue(inForce.handedOver)
                    val taken = newOwner.groupsAccept(inForce.ownerLinks.single { it.name == "Alex" }.link)
                    assertTrue(taken.owner)

                    val removed = newOwner.groupsRemovePublisher("Sam, midwife")
                    assertEquals(4u, removed.charterVersion)
                    assertTrue(removed.links.isEmpty())
                    // The pack was posted again under the new charter without her section, and the owner is told.
                    assertEquals(listOf("Sam, midwife"), removed.dropped.map { it.publisher })
                    assertFailsWith<MendException.Group> { midwife.groupsPublish(listOf(service)) }
                }
            }
        }
    }
}
