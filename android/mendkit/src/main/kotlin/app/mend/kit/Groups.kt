// Support groups through MendKit. Give the app's transport and a secret store of the groups' own once
// (setGroupsPlatform: not sync's, which turning sync off clears; on Android a Keystore alias of its own).
// A moderator creates a group (groupsCreate), checks the items the app's screens made (groupsCheck: findings
// inform, the moderator decides), publishes them (groupsPublish), withdraws an item (groupsWithdraw), shares the
// link (groupsInvite) and backs the group up (groupsBackup: show the words once, keep the file; groupsRestore on
// a new phone).
// A member joins from a link (groupsJoin), fetches what is new (groupsRefresh: at open and every 6 hours),
// reads the items (groupsItems: each "from" its group, content notes first, never as Mend's guidance), follows
// a meeting (groupsFollow) or takes it as .ics (groupsMeetingIcs), sees the groups' hotlines after a mood
// alert's official numbers (groupsLinesForAlert) and in the Library (groupsLines), and can leave
// (groupsLeave). Every word is the core's; the group's own words are the moderators'. Private groups, where people
// ask to join, are in GroupsPrivate.kt.
package app.mend.kit

import app.mend.core.Reminder
import app.mend.core.RuleId
import app.mend.ffi.GroupBackup
import app.mend.ffi.GroupCreated
import app.mend.ffi.GroupFinding
import app.mend.ffi.GroupItem
import app.mend.ffi.GroupJoined
import app.mend.ffi.GroupLeft
import app.mend.ffi.GroupLine
import app.mend.ffi.GroupPublished
import app.mend.ffi.GroupRefreshed
import app.mend.ffi.GroupRestored
import app.mend.ffi.GroupSummary
import app.mend.ffi.NewGroupItem
import app.mend.ffi.SecretStore
import app.mend.ffi.SyncTransport
import java.time.Instant

/** Gives groups the app's HTTP transport and a secret store of their own, before any other group call. */
fun MendKit.setGroupsPlatform(transport: SyncTransport, store: SecretStore) =
    handle().setGroupsPlatform(transport, store)

/** Creates an open resource group on [server] with this device as its only owner; gives the link to share. */
suspend fun MendKit.groupsCreate(
    server: String,
    name: String,
    description: String = "",
    language: String = "en",
    region: String = "",
): GroupCreated = callAsync { it.groupsCreate(server, name, description, language, region) }

/** What the publishing checks notice in [items] (the moderator decides; nothing is blocked), without publishing. */
suspend fun MendKit.groupsCheck(items: List<NewGroupItem>): List<GroupFinding> = call { it.groupsCheck(items) }

/**
 * Publishes [items] as the next pack of a group this device owns or publishes to ([group]: its id or name; null
 * for the only one). Each item is checked as members will check it; a field at fault is named.
 */
suspend fun MendKit.groupsPublish(items: List<NewGroupItem>, group: String? = null): GroupPublished =
    callAsync { it.groupsPublish(group, items) }

/** Withdraws [item] (its id) from an owned group: members stop showing it after their next refresh. */
suspend fun MendKit.groupsWithdraw(item: String, group: String? = null): ULong =
    callAsync { it.groupsWithdraw(group, item) }

/** The invite link (`mend://join#…`) of an owned group, to share as text or as a QR code. */
suspend fun MendKit.groupsInvite(group: String? = null): String = call { it.groupsInvite(group) }

/**
 * Joins an open group from its invite link; nothing is kept unless the group's charter and pack verify. A private
 * group's link throws `MendException.PrivateGroupLink`: ask for a name and use [groupsRequestJoin].
 */
suspend fun MendKit.groupsJoin(link: String): GroupJoined = callAsync { it.groupsJoin(link) }

/**
 * Fetches what is new from every joined group; what was verified before always stays. Private groups' outcomes
 * come first (requests waiting, declined or approved; a new epoch; a removal: GroupsPrivate.kt).
 */
suspend fun MendKit.groupsRefresh(): List<GroupRefreshed> = callAsync { it.groupsRefresh() }

/**
 * When to refresh the joined groups next: 6 hours after the last check, whatever came back (a time in the past
 * means now); null when no group is joined. Refresh at open too; schedule the rest with WorkManager.
 */
suspend fun MendKit.groupsNextRefreshAt(): Instant? = call { it.groupsNextRefreshAt() }

/** The groups this device moderates, then the ones it joined. */
suspend fun MendKit.groupsList(): List<GroupSummary> = call { it.groupsList() }

/** The items of one joined group (its id or name), or of every joined group. */
suspend fun MendKit.groupsItems(group: String? = null): List<GroupItem> = call { it.groupsItems(group) }

/** The reminders made from a joined group's meetings: ask the person about them before [groupsLeave]. */
suspend fun MendKit.groupsFollowedReminders(group: String): List<Reminder> = call { it.groupsFollowedReminders(group) }

/**
 * Leaves a joined group: its items, Library entries and states go from this device, and the reminders made from
 * its meetings too when the person said so ([removeReminders]); the ones kept are listed.
 */
suspend fun MendKit.groupsLeave(group: String, removeReminders: Boolean): GroupLeft =
    call { it.groupsLeave(group, removeReminders) }

/** Follows a joined group's meeting as a reminder, by the meeting's own clock (right in any zone, across DST). */
suspend fun MendKit.groupsFollow(group: String, item: String): Reminder = call { it.groupsFollow(group, item) }

/** A joined group's meeting as iCalendar text (.ics), for the person's own calendar. */
suspend fun MendKit.groupsMeetingIcs(group: String, item: String): String = call { it.groupsMeetingIcs(group, item) }

/**
 * The joined groups' hotlines to show after the official numbers of an alert of [rule], labelled with their group:
 * empty unless it is a mood alert, and only lines re-confirmed in the last six months.
 */
suspend fun MendKit.groupsLinesForAlert(rule: RuleId): List<GroupLine> = call { it.groupsLinesForAlert(rule) }

/** Every joined group's hotlines for the Library: mark `stale` or `expired` ones "not re-confirmed since". */
suspend fun MendKit.groupsLines(): List<GroupLine> = call { it.groupsLines() }

/** A new backup of an owned group: show `words` once, never store them; keep or share `file`. */
suspend fun MendKit.groupsBackup(group: String? = null): GroupBackup = call { it.groupsBackup(group) }

/** Records that the backup's file was saved and its words shown: only then does the "lost phone" warning stop. */
suspend fun MendKit.groupsBackupKept(group: String) = call { it.groupsBackupKept(group) }

/** Puts an owned group back on this device from its backup [file] and the [words] as the person typed them. */
suspend fun MendKit.groupsRestore(file: ByteArray, words: String): GroupRestored =
    call { it.groupsRestore(file, words) }
