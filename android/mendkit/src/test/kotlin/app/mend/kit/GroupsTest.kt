// Support groups through the real library and a real mend-server (started by scripts/kotlin-jvm.sh test, its
// address in MEND_SERVER_URL), over java.net.http: a moderator creates a group and publishes the items its screens made, told
// first what the publishing checks noticed; a member joins from the link and reads the items "from" the group with
// the core's words for content notes and service kinds; a changed link joins nothing; the moderator's backup
// restores the group on a new phone, which publishes again; leaving removes the items.
package app.mend.kit

import app.mend.core.ContentNote
import app.mend.core.RuleId
import app.mend.ffi.GroupItemBody
import app.mend.ffi.GroupRefreshed
import app.mend.ffi.MendException
import app.mend.ffi.NewGroupItem
import app.mend.ffi.NewGroupItemBody
import java.time.Instant
import java.time.LocalDate
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

/** Ten days ago: re-confirmed recently, whenever the test runs (the journal is on the system clock). */
private val recently: LocalDate = LocalDate.now().minusDays(10)

private fun item(id: String, title: String, body: NewGroupItemBody, notes: List<ContentNote> = emptyList()) =
    NewGroupItem(id, 1u, "en", "GB", notes, recently, false, title, body)

/**
 * What a moderator's screens made: an article that makes a claim the checks notice, with a content note, a weekly
 * Tuesday 19:00 meeting in London, and a hotline.
 */
private val pack: List<NewGroupItem> = listOf(
    item(
        "welcome",
        "Welcome to the circle",
        NewGroupItemBody.Article("Come as you are. Some of us say a massage expels leftover tissue after a miscarriage."),
        listOf(ContentNote.STILLBIRTH),
    ),
    item(
        "tuesday",
        "Tuesday circle",
        NewGroupItemBody.Meeting(
            "2027-01-05T19:00", "Europe/London", 90u.toUShort(), "FREQ=WEEKLY;BYDAY=TU", false, null,
            "https://meet.example.org/tuesday", null,
        ),
    ),
    item("listening-line", "Listening line", NewGroupItemBody.Hotline("0800 014 7800", "tel:+448000147800", null, true)),
)

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
                    // An item that is not well formed is refused, naming it and its field; nothing is published.
                    val badStart = NewGroupItemBody.Meeting(
                        "Tuesday at 7pm", "Europe/London", 90u.toUShort(), null, false, null, null, null,
                    )
                    val refused = assertFailsWith<MendException.InvalidInput> {
                        owner.groupsPublish(listOf(item("late", "Late circle", badStart)))
                    }
                    assertTrue(refused.message!!.startsWith("late.start"), refused.message)
                    val findings = owner.groupsCheck(pack)
                    assertTrue(findings.any { it.item == "welcome" && "claim" in it.words }, "$findings")
                    val published = owner.groupsPublish(pack)
                    assertEquals(1uL, published.sequence)
                    assertEquals(3u, published.items)
                    assertEquals(created.invite, owner.groupsInvite())

                    // A changed link joins nothing, in the core's words.
                    val changed = created.invite.dropLast(3) + if (created.invite.endsWith("AAA")) "BBB" else "AAA"
                    assertFailsWith<MendException> { member.groupsJoin(changed) }
                    assertTrue(member.groupsList().isEmpty())

                    val joined = member.groupsJoin(created.invite)
                    assertEquals("Kotlin circle", joined.name)
                    assertEquals(3u, joined.items)
                    val items = member.groupsItems()
                    assertTrue(items.all { it.groupName == "Kotlin circle" })
                    val article = items.single { it.id == "welcome" }
                    assertEquals(listOf("stillbirth"), article.contentNotes)
                    assertIs<GroupItemBody.Article>(article.body)
                    val line = assertIs<GroupItemBody.Hotline>(items.single { it.id == "listening-line" }.body)
                    assertEquals("tel:+448000147800", line.uri)
                    assertTrue(line.notEmergency)
                    assertIs<GroupRefreshed.Unchanged>(member.groupsRefresh().single())
                    val due = member.groupsNextRefreshAt()!!
                    val hours = java.time.Duration.between(Instant.now(), due).toMinutes() / 60.0
                    assertTrue(hours in 5.9..6.0, "the next refresh is 6 hours on: $due")

                    // The meeting as a reminder by London's clock, and as .ics; the line after a mood alert only.
                    val reminder = member.groupsFollow("Kotlin circle", "tuesday")
                    assertEquals("Europe/London", reminder.timeZone)
                    assertEquals(listOf(reminder.guid), member.groupsFollowedReminders("Kotlin circle").map { it.guid })
                    val ics = member.groupsMeetingIcs("Kotlin circle", "tuesday")
                    assertTrue(ics.startsWith("BEGIN:VCALENDAR") && "RRULE:FREQ=WEEKLY;BYDAY=TU" in ics, ics)
                    assertTrue("DTSTART;TZID=Europe/London:20270105T190000" in ics, ics)
                    val lines = member.groupsLinesForAlert(RuleId.MOOD_CRISIS)
                    assertEquals(listOf("Kotlin circle"), lines.map { it.groupName })
                    assertTrue(member.groupsLinesForAlert(RuleId.FEVER).isEmpty())
                    assertEquals(lines, member.groupsLines())

                    // The moderator's backup: 24 words, and a new phone that publishes again.
                    val backup = owner.groupsBackup()
                    assertEquals(24, backup.words.size)
                    assertTrue(owner.groupsList().single().needsBackup, "not kept yet")
                    owner.groupsBackupKept(backup.id)
                    assertTrue(!owner.groupsList().single().needsBackup)
                    groupDevice().use { newPhone ->
                        val wrong = assertFailsWith<MendException.InvalidInput> {
                            newPhone.groupsRestore(backup.file, backup.words.reversed().joinToString(" "))
                        }
                        assertTrue(wrong.message!!.startsWith("phrase") || wrong.message!!.startsWith("backup"))
                        val restored = newPhone.groupsRestore(backup.file, backup.words.joinToString(" "))
                        assertEquals("Kotlin circle", restored.name)
                        assertEquals(2uL, newPhone.groupsPublish(pack).sequence)
                    }
                    assertIs<GroupRefreshed.Updated>(member.groupsRefresh().single())

                    // The owner withdraws the article: after a refresh the member no longer sees it.
                    val withdrawnIn = owner.groupsWithdraw("welcome")
                    assertEquals(3uL, withdrawnIn)
                    assertIs<GroupRefreshed.Updated>(member.groupsRefresh().single())
                    assertTrue(member.groupsItems().none { it.id == "welcome" }, "withdrawn in pack $withdrawnIn")

                    val left = member.groupsLeave("Kotlin circle", removeReminders = true)
                    assertEquals("Kotlin circle", left.name)
                    assertEquals(1u, left.remindersRemoved)
                    assertTrue(member.groupsItems().isEmpty())
                    assertTrue(member.groupsLines().isEmpty())
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
