// Private groups through MendClient: people ask to join and the owners approve each request. An owner creates
// one (`groupsCreatePrivate`: its link carries no read key). Before joining, ask which kind of group a link is
// for (`groupsLinkKind`): an open group's is joined at once (`groupsJoin`, which throws
// `MendError.PrivateGroupLink` for a private group's link); for a private group's, ask the person for the name
// the moderators will see and send the request (`groupsRequestJoin`). `groupsRefresh` then says what came of it
// (`.waiting`, `.declined` with the core's words; `.approved` once the group is joined) and, for a joined private
// group, `.newEpoch` or `.removed` (the core's words; what was seen stays). The moderators list the requests and
// members (`groupsMembers`); an owner approves, declines or removes one (`groupsApprove`, `groupsDecline`,
// `groupsRemoveMember`: tell the owner which meetings' passcodes and links to change). `groupsList` marks
// private groups (`isPrivate`) and the ones this device was removed from (`removed`). Display names are the
// members' own words: show them escaped.
import Foundation

extension MendClient {
    /// Which kind of group an invite link is for: `.open` (join it with `groupsJoin`) or `.private` (ask for a
    /// name, then `groupsRequestJoin`). A link that does not read throws `MendError.InvalidInput`.
    public func groupsLinkKind(link: String) async throws -> GroupLinkKind {
        try await run { try $0.groupsLinkKind(link: link) }
    }

    /// Creates a private group on `server` with this device as its only owner; gives the link to share (it does
    /// not open the group: each person who uses it asks to join).
    public func groupsCreatePrivate(
        server: String, name: String, description: String = "", language: String = "en", region: String = ""
    ) async throws -> GroupCreated {
        try await mend.groupsCreatePrivate(
            server: server, name: name, description: description, language: language, region: region)
    }

    /// Asks to join the private group of `link` under `displayName`, the name its moderators will see. The
    /// group appears after they approve: `groupsRefresh` says so.
    public func groupsRequestJoin(link: String, displayName: String) async throws -> GroupJoinRequested {
        try await mend.groupsRequestJoin(link: link, displayName: displayName)
    }

    /// A private group's requests to join and members with where each stands (its owners and publishers only),
    /// after taking in the requests that came since.
    public func groupsMembers(group: String? = nil) async throws -> GroupMembers {
        try await mend.groupsMembers(group: group)
    }

    /// Approves the request of `memberId` (owners only): their phone joins the group at its next refresh.
    public func groupsApprove(memberId: String, group: String? = nil) async throws -> GroupMember {
        try await mend.groupsApprove(group: group, memberId: memberId)
    }

    /// Declines the request of `memberId` (owners only): their phone tells them at its next refresh.
    public func groupsDecline(memberId: String, group: String? = nil) async throws -> GroupMember {
        try await mend.groupsDecline(group: group, memberId: memberId)
    }

    /// Removes the member `memberId` (owners only): the group moves to a new key they do not get. `meetings`
    /// names the meetings whose passcodes and links they saw, for the owner to change and publish again.
    public func groupsRemoveMember(memberId: String, group: String? = nil) async throws -> GroupMemberRemoved {
        try await mend.groupsRemoveMember(group: group, memberId: memberId)
    }

    /// Moves the private group to a new key, every approved member carried over (owners only). Done for the owner
    /// when a charter change removes a moderator; call it when that says `rekeyNeeded`. `meetings` names the
    /// meetings whose passcodes and links to change.
    public func groupsRekey(group: String? = nil) async throws -> GroupRekeyed {
        try await mend.groupsRekey(group: group)
    }
}
