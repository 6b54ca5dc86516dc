// Private groups through MendKit: people ask to join and the owners approve each request. An owner creates one
// (groupsCreatePrivate: its link carries no read key). Before joining, ask which kind of group a link is for
// (groupsLinkKind): an open group's is joined at once (groupsJoin, which throws MendException.PrivateGroupLink
// for a private group's link); for a private group's, ask the person for the name the moderators will see and
// send the request (groupsRequestJoin). groupsRefresh then says what came of it (GroupRefreshed.Waiting and
// .Declined with the core's words; .Approved once the group is joined) and, for a joined private group,
// .NewEpoch or .Removed (the core's words; what was seen stays). The moderators list the requests and members
// (groupsMembers); an owner approves, declines or removes one (groupsApprove, groupsDecline, groupsRemoveMember:
// tell the owner which meetings' passcodes and links to change). groupsList marks private groups (isPrivate)
// and the ones this device was removed from (removed). Display names are the members' own words: show them
// escaped.
package app.mend.kit

import app.mend.ffi.GroupCreated
import app.mend.ffi.GroupJoinRequested
import app.mend.ffi.GroupLinkKind
import app.mend.ffi.GroupMember
import app.mend.ffi.GroupMemberRemoved
import app.mend.ffi.GroupMembers
import app.mend.ffi.GroupRekeyed

/**
 * Which kind of group an invite link is for: [GroupLinkKind.OPEN] (join it with [groupsJoin]) or
 * [GroupLinkKind.PRIVATE] (ask for a name, then [groupsRequestJoin]). A link that does not read throws
 * `MendException.InvalidInput`.
 */
suspend fun MendKit.groupsLinkKind(link: String): GroupLinkKind = call { it.groupsLinkKind(link) }

/**
 * Creates a private group on [server] with this device as its only owner; gives the link to share (it does not
 * open the group: each person who uses it asks to join).
 */
suspend fun MendKit.groupsCreatePrivate(
    server: String,
    name: String,
    description: String = "",
    language: String = "en",
    region: String = "",
): GroupCreated = callAsync { it.groupsCreatePrivate(server, name, description, language, region) }

/**
 * Asks to join the private group of [link] under [displayName], the name its moderators will see. The group
 * appears after they approve: [groupsRefresh] says so.
 */
suspend fun MendKit.groupsRequestJoin(link: String, displayName: String): GroupJoinRequested =
    callAsync { it.groupsRequestJoin(link, displayName) }

/**
 * A private group's requests to join and members with where each stands (its owners and publishers only), after
 * taking in the requests that came since.
 */
suspend fun MendKit.groupsMembers(group: String? = null): GroupMembers = callAsync { it.groupsMembers(group) }

/** Approves the request of [memberId] (owners only): their phone joins the group at its next refresh. */
suspend fun MendKit.groupsApprove(memberId: String, group: String? = null): GroupMember =
    callAsync { it.groupsApprove(group, memberId) }

/** Declines the request of [memberId] (owners only): their phone tells them at its next refresh. */
suspend fun MendKit.groupsDecline(memberId: String, group: String? = null): GroupMember =
    callAsync { it.groupsDecline(group, memberId) }

/**
 * Removes the member [memberId] (owners only): the group moves to a new key they do not get. `meetings` names the
 * meetings whose passcodes and links they saw, for the owner to change and publish again.
 */
suspend fun MendKit.groupsRemoveMember(memberId: String, group: String? = null): GroupMemberRemoved =
    callAsync { it.groupsRemoveMember(group, memberId) }

/**
 * Moves the private group to a new key, every approved member carried over (owners only). Done for the owner when a
 * charter change removes a moderator; call it when that says `rekeyNeeded`. `meetings` names the meetings whose
 * passcodes and links to change.
 */
suspend fun MendKit.groupsRekey(group: String? = null): GroupRekeyed = callAsync { it.groupsRekey(group) }
