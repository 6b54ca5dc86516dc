// Support groups through MendKit. Give the app's transport and a secret store of the groups' own once
// (setGroupsPlatform: not sync's, which turning sync off clears). A moderator creates a group (groupsCreate), checks
// a pack folder (groupsCheckFolder: findings inform, the moderator decides), publishes it (groupsPublish), shares
// the link (groupsInvite) and backs the group up (groupsBackup: show the words once, keep the file; groupsRestore on
// a new phone). A member joins from a link (groupsJoin), fetches what is new (groupsRefresh: at open and every 6
// hours), reads the items (groupsItems: show each "from" its group, content notes first, never as Mend's guidance)
// and can leave (groupsLeave). Every word is the core's; the group's own words are the moderators'.
package app.mend.kit

import app.mend.ffi.GroupBackup
import app.mend.ffi.GroupCreated
import app.mend.ffi.GroupFinding
import app.mend.ffi.GroupItem
import app.mend.ffi.GroupJoined
import app.mend.ffi.GroupPublished
import app.mend.ffi.GroupRefreshed
import app.mend.ffi.GroupRestored
import app.mend.ffi.GroupSummary
import app.mend.ffi.SecretStore
import app.mend.ffi.SyncTransport
import java.io.File

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

/** What the publishing checks notice in a pack folder (docs/groups.md), without publishing it. */
suspend fun MendKit.groupsCheckFolder(folder: File): List<GroupFinding> = call { it.groupsCheckFolder(folder.path) }

/** Publishes [folder] as the next pack of an owned group ([group]: its id or name; null for the only one). */
suspend fun MendKit.groupsPublish(folder: File, group: String? = null): GroupPublished =
    callAsync { it.groupsPublish(group, folder.path) }

/** The invite link (`mend://join#…`) of an owned group, to share as text or as a QR code. */
suspend fun MendKit.groupsInvite(group: String? = null): String = call { it.groupsInvite(group) }

/** Joins a group from its invite link; nothing is kept unless the group's charter and pack verify. */
suspend fun MendKit.groupsJoin(link: String): GroupJoined = callAsync { it.groupsJoin(link) }

/** Fetches what is new from every joined group; what was verified before always stays. */
suspend fun MendKit.groupsRefresh(): List<GroupRefreshed> = callAsync { it.groupsRefresh() }

/** The groups this device moderates, then the ones it joined. */
suspend fun MendKit.groupsList(): List<GroupSummary> = call { it.groupsList() }

/** The items of one joined group (its id or name), or of every joined group. */
suspend fun MendKit.groupsItems(group: String? = null): List<GroupItem> = call { it.groupsItems(group) }

/** Leaves a joined group: its items go from this device. Gives the group's name. */
suspend fun MendKit.groupsLeave(group: String): String = call { it.groupsLeave(group) }

/** A new backup of an owned group: show `words` once, never store them; keep or share `file`. */
suspend fun MendKit.groupsBackup(group: String? = null): GroupBackup = call { it.groupsBackup(group) }

/** Puts an owned group back on this device from its backup [file] and the [words] as the person typed them. */
suspend fun MendKit.groupsRestore(file: ByteArray, words: String): GroupRestored =
    call { it.groupsRestore(file, words) }
