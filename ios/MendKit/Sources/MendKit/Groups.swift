// Support groups through MendClient. Give the app's transport and a secret store of the groups' own once
// (`setGroupsPlatform`: not sync's, which turning sync off clears; on iOS a Keychain service of its own).
// A moderator creates a group (`groupsCreate`), checks the items the app's screens made (`groupsCheck`:
// findings inform, the moderator decides), publishes them (`groupsPublish`), withdraws an item
// (`groupsWithdraw`), shares the link (`groupsInvite`) and backs the group up (`groupsBackup`: show the words
// once, keep the file; `groupsRestore` on a new phone).
// A member joins from a link (`groupsJoin`), fetches what is new (`groupsRefresh`: at open and every 6 hours),
// reads the items (`groupsItems`: each "from" its group, content notes first, never as Mend's guidance), follows
// a meeting (`groupsFollow`) or takes it as .ics (`groupsMeetingIcs`), sees the groups' hotlines after a mood
// alert's official numbers (`groupsLinesForAlert`) and in the Library (`groupsLines`), and can leave
// (`groupsLeave`). Every word is the core's; the group's own words are the moderators'. Private groups, where
// people ask to join, are in GroupsPrivate.swift.
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

    /// What the publishing checks notice in `items` (the moderator decides; nothing is blocked), without
    /// publishing.
    public func groupsCheck(_ items: [NewGroupItem]) async throws -> [GroupFinding] {
        try await run { try $0.groupsCheck(items: items) }
    }

    /// Publishes `items` as the next pack of a group this device owns or publishes to (`group`: its id or name;
    /// nil for the only one). Each item is checked as members will check it; a field at fault is named.
    public func groupsPublish(_ items: [NewGroupItem], group: String? = nil) async throws -> GroupPublished {
        try await mend.groupsPublish(group: group, items: items)
    }

    /// Withdraws `item` (its id) from an owned group: members stop showing it after their next refresh. Gives
    /// the pack that carries the withdrawal.
    public func groupsWithdraw(item: String, group: String? = nil) async throws -> UInt64 {
        try await mend.groupsWithdraw(group: group, item: item)
    }

    /// The invite link (`mend://join#…`) of an owned group, to share as text or as a QR code.
    public func groupsInvite(group: String? = nil) async throws -> String {
        try await run { try $0.groupsInvite(group: group) }
    }

    /// Joins an open group from its invite link; nothing is kept unless the group's charter and pack verify. A
    /// private group's link throws `MendError.PrivateGroupLink`: ask for a name and use `groupsRequestJoin`.
    public func groupsJoin(link: String) async throws -> GroupJoined {
        try await mend.groupsJoin(link: link)
    }

    /// Fetches what is new from every joined group; what was verified before always stays. Private groups'
    /// outcomes come first (requests waiting, declined or approved; a new epoch; a removal: GroupsPrivate.swift).
    public func groupsRefresh() async throws -> [GroupRefreshed] {
        try await mend.groupsRefresh()
    }

    /// When to refresh the joined groups next: 6 hours after the last check, whatever came back (a time in the
    /// past means now); nil when no group is joined. Refresh at open too; schedule the rest with
    /// BGTaskScheduler.
    public func groupsNextRefreshAt() async throws -> Date? {
        try await run { try $0.groupsNextRefreshAt() }
    }

    /// The groups this device moderates, then the ones it joined.
    public func groupsList() async throws -> [GroupSummary] {
        try await run { try $0.groupsList() }
    }

    /// The items of one joined group (its id or name), or of every joined group.
    public func groupsItems(group: String? = nil) async throws -> [GroupItem] {
        try await run { try $0.groupsItems(group: group) }
    }

    /// The reminders made from a joined group's meetings: ask the person about them before `groupsLeave`.
    public func groupsFollowedReminders(group: String) async throws -> [Reminder] {
        try await run { try $0.groupsFollowedReminders(group: group) }
    }

    /// Leaves a joined group: its items, Library entries and states go from this device, and the reminders made
    /// from its meetings too when the person said so; the ones kept are listed.
    public func groupsLeave(group: String, removeReminders: Bool) async throws -> GroupLeft {
        try await run { try $0.groupsLeave(group: group, removeReminders: removeReminders) }
    }

    /// Follows a joined group's meeting as a reminder, by the meeting's own clock (right in any zone, across DST).
    public func groupsFollow(group: String, item: String) async throws -> Reminder {
        try await run { try $0.groupsFollow(group: group, item: item) }
    }

    /// A joined group's meeting as iCalendar text (.ics), for the person's own calendar.
    public func groupsMeetingIcs(group: String, item: String) async throws -> String {
        try await run { try $0.groupsMeetingIcs(group: group, item: item) }
    }

    /// The joined groups' hotlines to show after the official numbers of an alert of `rule`, labelled with their
    /// group: empty unless it is a mood alert, and only lines re-confirmed in the last six months.
    public func groupsLinesForAlert(rule: RuleId) async throws -> [GroupLine] {
        try await run { try $0.groupsLinesForAlert(rule: rule) }
    }

    /// Every joined group's hotlines for the Library: mark `stale` or `expired` ones "not re-confirmed since".
    public func groupsLines() async throws -> [GroupLine] {
        try await run { try $0.groupsLines() }
    }

    /// A new backup of an owned group: show `words` once, never store them; keep or share `file`.
    public func groupsBackup(group: String? = nil) async throws -> GroupBackup {
        try await run { try $0.groupsBackup(group: group) }
    }

    /// Records that the backup's file was saved and its words shown: only then does the "lost phone" warning stop.
    public func groupsBackupKept(group: String) async throws {
        try await run { try $0.groupsBackupKept(group: group) }
    }

    /// Puts an owned group back on this device from its backup `file` and the `words` as the person typed them.
    public func groupsRestore(file: Data, words: String) async throws -> GroupRestored {
        try await run { try $0.groupsRestore(file: file, words: words) }
    }
}
