// Support groups through MendClient. Give the app's transport and a secret store of the groups' own once
// (`setGroupsPlatform`: not sync's, which turning sync off clears; on iOS a Keychain service of its own). A
// moderator creates a group (`groupsCreate`), checks a pack folder (`groupsCheckFolder`: findings inform, the
// moderator decides), publishes it (`groupsPublish`), shares the link (`groupsInvite`) and backs the group up
// (`groupsBackup`: show the words once, keep the file; `groupsRestore` on a new phone). A member joins from a link
// (`groupsJoin`), fetches what is new (`groupsRefresh`: at open and every 6 hours), reads the items (`groupsItems`:
// show each "from" its group, content notes first, never as Mend's guidance) and can leave (`groupsLeave`). Every
// word is the core's; the group's own words are the moderators'.
import Foundation

extension MendClient {
    /// Gives groups the app's HTTP `transport` and a secret `store` of their own, before any other group call.
    public func setGroupsPlatform(transport: SyncTransport, store: SecretStore) {
        mend.setGroupsPlatform(transport: transport, store: store)
    }

    /// Creates an open resource group on `server` with this device as its only owner; gives the link to share.
    public func groupsCreate(
        server: String, name: String, description: String = "", language: String = "en", region: String = ""
    ) async throws -> GroupCreated {
        try await mend.groupsCreate(
            server: server, name: name, description: description, language: language, region: region)
    }

    /// What the publishing checks notice in a pack folder (docs/groups.md), without publishing it.
    public func groupsCheckFolder(_ folder: URL) async throws -> [GroupFinding] {
        try await run { try $0.groupsCheckFolder(folder: folder.path) }
    }

    /// Publishes `folder` as the next pack of an owned group (`group`: its id or name; nil for the only one).
    public func groupsPublish(_ folder: URL, group: String? = nil) async throws -> GroupPublished {
        try await mend.groupsPublish(group: group, folder: folder.path)
    }

    /// The invite link (`mend://join#…`) of an owned group, to share as text or as a QR code.
    public func groupsInvite(group: String? = nil) async throws -> String {
        try await run { try $0.groupsInvite(group: group) }
    }

    /// Joins a group from its invite link; nothing is kept unless the group's charter and pack verify.
    public func groupsJoin(link: String) async throws -> GroupJoined {
        try await mend.groupsJoin(link: link)
    }

    /// Fetches what is new from every joined group; what was verified before always stays.
    public func groupsRefresh() async throws -> [GroupRefreshed] {
        try await mend.groupsRefresh()
    }

    /// The groups this device moderates, then the ones it joined.
    public func groupsList() async throws -> [GroupSummary] {
        try await run { try $0.groupsList() }
    }

    /// The items of one joined group (its id or name), or of every joined group.
    public func groupsItems(group: String? = nil) async throws -> [GroupItem] {
        try await run { try $0.groupsItems(group: group) }
    }

    /// Leaves a joined group: its items go from this device. Gives the group's name.
    public func groupsLeave(group: String) async throws -> String {
        try await run { try $0.groupsLeave(group: group) }
    }

    /// A new backup of an owned group: show `words` once, never store them; keep or share `file`.
    public func groupsBackup(group: String? = nil) async throws -> GroupBackup {
        try await run { try $0.groupsBackup(group: group) }
    }

    /// Puts an owned group back on this device from its backup `file` and the `words` as the person typed them.
    public func groupsRestore(file: Data, words: String) async throws -> GroupRestored {
        try await run { try $0.groupsRestore(file: file, words: words) }
    }
}
