// Support groups through the real library and a real mend-server (started by scripts/kotlin-jvm.sh test, its
// address in MEND_SERVER_URL), over java.net.http: a moderator creates a group and publishes a pack folder, told
// first what the publishing checks noticed; a member joins from the link and reads the items "from" the group with
// the core's words for content notes and service kinds; a changed link joins nothing; the moderator's backup
// restores the group on a new phone, which publishes again; leaving removes the items.
package app.mend.kit

import app.mend.ffi.GroupItemBody
import app.mend.ffi.GroupRefreshed
import app.mend.ffi.MendException
import java.io.File
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertIs
import kotlin.test.assertTrue
import kotlinx.coroutines.runBlocking

private val groupServer: String =
    System.getenv("MEND_SERVER_URL") ?: error("MEND_SERVER_URL is unset: run scripts/kotlin-jvm.sh test")

/** A journal whose groups talk to the test server over java.net.http. */
private fun groupDevice(): MendKit =
    MendKit(tempDir()).also { it.setGroupsPlatform(JavaHttpTransport(), MemorySecretStore()) }

/** A pack folder: an article that makes a claim the checks notice, with a content note, and a hotline. */
private fun packFolder(): File = tempDir().also { dir ->
    File(dir, "01-welcome.md").writeText(
        """
        ---
        kind: article
        id: welcome
        language: en
        region: GB
        last_verified: 2026-11-01
        content_notes: [stillbirth]
        title: Welcome to the circle
        ---
        Come as you are. Some of us say a massage expels leftover tissue after a miscarriage.
        """.trimIndent() + "\n",
    )
    File(dir, "02-line.md").writeText(
        """
        ---
        kind: hotline
        id: listening-line
        language: en
        region: GB
        last_verified: 2026-11-01
        name: Listening line
        words: 0800 014 7800
        uri: tel:+448000147800
        ---
        """.trimIndent() + "\n",
    )
}

class GroupsTest {
    @Test
    fun `a moderator publishes, a member reads the items from the group, and a backup restores the group`() =
        runBlocking<Unit> {
            groupDevice().use { owner ->
                groupDevice().use { member ->
                    val created = owner.groupsCreate(groupServer, "Kotlin circle", "for anyone after a loss")
                    assertTrue(created.invite.startsWith("mend://join#"), created.invite)
                    assertTrue(created.singleOwner)
                    assertTrue(owner.groupsList().single().needsBackup)
                    val folder = packFolder()
                    val findings = owner.groupsCheckFolder(folder)
                    assertTrue(findings.any { it.item == "welcome" && "claim" in it.words }, "$findings")
                    val published = owner.groupsPublish(folder)
                    assertEquals(1uL, published.sequence)
                    assertEquals(2u, published.items)
                    assertEquals(created.invite, owner.groupsInvite())

                    // A changed link joins nothing, in the core's words.
                    val changed = created.invite.dropLast(3) + if (created.invite.endsWith("AAA")) "BBB" else "AAA"
                    assertFailsWith<MendException> { member.groupsJoin(changed) }
                    assertTrue(member.groupsList().isEmpty())

                    val joined = member.groupsJoin(created.invite)
                    assertEquals("Kotlin circle", joined.name)
                    assertEquals(2u, joined.items)
                    val items = member.groupsItems()
                    assertTrue(items.all { it.groupName == "Kotlin circle" })
                    val article = items.single { it.id == "welcome" }
                    assertEquals(listOf("stillbirth"), article.contentNotes)
                    assertIs<GroupItemBody.Article>(article.body)
                    val line = assertIs<GroupItemBody.Hotline>(items.single { it.id == "listening-line" }.body)
                    assertEquals("tel:+448000147800", line.uri)
                    assertTrue(line.notEmergency)
                    assertIs<GroupRefreshed.Unchanged>(member.groupsRefresh().single())

                    // The moderator's backup: 24 words, and a new phone that publishes again.
                    val backup = owner.groupsBackup()
                    assertEquals(24, backup.words.size)
                    assertTrue(!owner.groupsList().single().needsBackup)
                    groupDevice().use { newPhone ->
                        val wrong = assertFailsWith<MendException.InvalidInput> {
                            newPhone.groupsRestore(backup.file, backup.words.reversed().joinToString(" "))
                        }
                        assertTrue(wrong.message!!.startsWith("phrase") || wrong.message!!.startsWith("backup"))
                        val restored = newPhone.groupsRestore(backup.file, backup.words.joinToString(" "))
                        assertEquals("Kotlin circle", restored.name)
                        assertEquals(2uL, newPhone.groupsPublish(folder).sequence)
                    }
                    assertIs<GroupRefreshed.Updated>(member.groupsRefresh().single())

                    assertEquals("Kotlin circle", member.groupsLeave("Kotlin circle"))
                    assertTrue(member.groupsItems().isEmpty())
                }
            }
        }

    @Test
    fun `group calls before the platform is given say so`() = runBlocking<Unit> {
        MendKit(tempDir()).use { mend ->
            val refused = assertFailsWith<MendException.Group> { mend.groupsList() }
            assertTrue("secret store" in refused.message!!, refused.message)
        }
    }
}
