// A private group's moderators' desk through the real library and a real mend-server (started by
// scripts/kotlin-jvm.sh test), over java.net.http: an owner creates a private group and adds a second owner
// through the file-based charter flow (propose, the second signs, publish, the second accepts), then leaves a
// note, which the second reads under the first owner's charter name; the second proposes a change both owners
// must sign and shares it; a different proposal is refused with the typed exception; the first finds it on the
// desk, signs it, shares it back (the signatures are combined) and puts it in force, after which the desk holds
// no draft.
package app.mend.kit

import app.mend.ffi.GroupCharterChange
import app.mend.ffi.GroupNewModerator
import app.mend.ffi.MendException
import java.time.Duration
import java.time.Instant
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertNotNull
import kotlin.test.assertNull
import kotlin.test.assertTrue
import kotlinx.coroutines.runBlocking

private val deskServer: String =
    System.getenv("MEND_SERVER_URL") ?: error("MEND_SERVER_URL is unset: run scripts/kotlin-jvm.sh test")

private fun deskDevice(): MendKit =
    MendKit(tempDir()).also { it.setGroupsPlatform(JavaHttpTransport(), MemorySecretStore()) }

private fun deskChange(
    name: String? = null,
    description: String? = null,
    addOwners: List<GroupNewModerator> = emptyList(),
    threshold: UByte? = null,
) = GroupCharterChange(name, description, addOwners, emptyList(), threshold, emptyList(), emptyList())

class GroupDeskTest {
    @Test
    fun `owners leave notes and pass a charter change on the desk`() = runBlocking<Unit> {
        deskDevice().use { first ->
            deskDevice().use { second ->
                first.groupsCreatePrivate(deskServer, "Kotlin desk circle")

                // The second owner comes in through the file-based flow.
                val kim = GroupNewModerator("Kim", second.groupsModeratorKey(), emptyList())
                val draft = first.groupsProposeCharter(deskChange(addOwners = listOf(kim)))
                val signed = second.groupsSignDraft(draft.text)
                assertTrue(signed.status.ready)
                val published = first.groupsPublishDraft(signed.text)
                assertTrue(second.groupsAccept(published.ownerLinks.single { it.name == "Kim" }.link).owner)

                // A note, read on the other phone under the first owner's charter name.
                assertEquals(1, first.groupsLeaveNote("The Tuesday passcode changes after the 12th").size)
                val note = second.groupsNotes().single()
                assertEquals("first owner", note.author)
                assertEquals("The Tuesday passcode changes after the 12th", note.text)
                assertTrue(Duration.between(note.at, Instant.now()).abs() < Duration.ofMinutes(5), note.at.toString())

                // The second owner proposes a change both must sign from now on, and shares it.
                assertNull(first.groupsSharedDraft())
                val proposed = second.groupsProposeCharter(deskChange(name = "Kotlin Thursday circle", threshold = 2u))
                val shared = second.groupsShareDraft(proposed.text)
                assertFalse(shared.status.ready)
                val other = first.groupsProposeCharter(deskChange(description = "for anyone"))
                val refused = assertFailsWith<MendException.Group> { first.groupsShareDraft(other.text) }
                assertTrue("waiting" in refused.message!!, refused.message)

                // The first owner finds it, signs it and shares it back; then puts it in force.
                val waiting = assertNotNull(first.groupsSharedDraft())
                assertEquals(shared, waiting)
                assertTrue(waiting.status.changes.any { "Kotlin Thursday circle" in it }, waiting.status.toString())
                assertEquals(1u, waiting.status.newOwnersSigned)
                val countersigned = first.groupsSignDraft(waiting.text)
                assertTrue(countersigned.status.ready)
                val back = first.groupsShareDraft(countersigned.text)
                assertTrue(back.status.ready)
                assertEquals(2u, back.status.newOwnersSigned)
                assertEquals(3u, first.groupsPublishDraft(back.text).version)
                assertNull(second.groupsSharedDraft(), "the desk's draft is cleared")
            }
        }
    }
}
