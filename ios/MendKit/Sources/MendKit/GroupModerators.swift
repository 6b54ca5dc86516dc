// Co-moderating a support group through MendClient. A co-moderator's phone gives its key code to an owner
// (`groupsModeratorKey`) and accepts the link the owner sends back (`groupsAccept`). The owner of a one-owner group
// adds a publisher with her scopes (`groupsAddPublisher`: send her the link) and removes one (`groupsRemovePublisher`:
// the write key changes, so the others get new links). With several owners, a change travels as a draft's text, shared
// as a file or a message (or, for a private group, on the moderators' desk: GroupDesk.swift): one owner proposes it
// (`groupsProposeCharter`), each other owner reads what it changes (`groupsReadDraft`) and signs it
// (`groupsSignDraft`), and an owner puts it in force once it is ready (`groupsPublishDraft`: send the links it gives).
// A handover is one such change: the new owner in, the old one out. `groupsShow` lists a group's owners and publishers.
// Names and descriptions are the moderators' own words.
import Foundation

extension MendClient {
    /// This device's moderator key code (`mend-key:…`), to send to an owner who will add it.
    public func groupsModeratorKey() async throws -> String {
        try await run { try $0.groupsModeratorKey() }
    }

    /// Accepts a publisher's or owner's link an owner sealed for this device; nothing is kept unless the group
    /// verifies and its charter lists this device.
    public func groupsAccept(link: String) async throws -> GroupAccepted {
        try await mend.groupsAccept(link: link)
    }

    /// Adds the moderator whose key code is `key` as a publisher of `scopes` (a group with one owner); send her
    /// the link in `links`.
    public func groupsAddPublisher(key: String, name: String, scopes: [ItemKind], group: String? = nil)
        async throws -> GroupPublishersChanged
    {
        try await mend.groupsAddPublisher(group: group, key: key, name: name, scopes: scopes)
    }

    /// Removes a publisher (`who`: her key code or name); her later packs are refused. Send each remaining
    /// publisher the new link in `links`.
    public func groupsRemovePublisher(who: String, group: String? = nil) async throws -> GroupPublishersChanged {
        try await mend.groupsRemovePublisher(group: group, who: who)
    }

    /// Proposes a charter change; the draft's `text` (signed by this device) goes to the other owners.
    public func groupsProposeCharter(_ change: GroupCharterChange, group: String? = nil) async throws -> GroupDraft {
        try await mend.groupsProposeCharter(group: group, change: change)
    }

    /// What a draft changes and who has signed it: show this before asking an owner to sign.
    public func groupsReadDraft(_ text: String) async throws -> GroupDraftStatus {
        try await run { try $0.groupsReadDraft(text: text) }
    }

    /// Adds this device's signature to a draft; gives the new text to pass on, and where it stands.
    public func groupsSignDraft(_ text: String) async throws -> GroupDraft {
        try await run { try $0.groupsSignDraft(text: text) }
    }

    /// Puts a ready draft in force; send the links it gives to the moderators they name.
    public func groupsPublishDraft(_ text: String) async throws -> GroupCharterPublished {
        try await mend.groupsPublishDraft(text: text)
    }

    /// One group as its verified charter describes it: owners, publishers with their scopes, expiry.
    public func groupsShow(group: String? = nil) async throws -> GroupDetails {
        try await run { try $0.groupsShow(group: group) }
    }
}
