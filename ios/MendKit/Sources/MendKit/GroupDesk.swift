// A private group's moderators' desk through MendClient, so co-moderators on different phones work together
// without passing files. Owners and publishers leave each other notes (`groupsLeaveNote`: a handover, a passcode
// to change), signed with the name the charter gives their writer, and read them (`groupsNotes`, oldest first).
// Owners put a proposed charter change on the desk instead of sending its text (`groupsShareDraft`); another
// owner finds it there (`groupsSharedDraft`: what it changes and who has signed), signs it (`groupsSignDraft`),
// shares it back (signatures of the same proposal are combined) and puts it in force once it is ready
// (`groupsPublishDraft`, which clears the desk's draft). A different proposal waiting there is set aside only
// with `replace: true`; otherwise sharing throws `MendError.Group` with the core's words. Authors and notes are
// the moderators' own words: show them escaped.
import Foundation

extension MendClient {
    /// The notes on a private group's desk, oldest first (its owners and publishers only).
    public func groupsNotes(group: String? = nil) async throws -> [GroupDeskNote] {
        try await mend.groupsNotes(group: group)
    }

    /// Leaves `text` for the group's other moderators, signed with this moderator's name in the charter; gives
    /// the notes as written.
    public func groupsLeaveNote(_ text: String, group: String? = nil) async throws -> [GroupDeskNote] {
        try await mend.groupsLeaveNote(group: group, text: text)
    }

    /// Puts a draft's text on its group's desk for the other owners (the signatures already there for the same
    /// proposal are kept); a different proposal waiting there is replaced only when `replace` is set. Gives the
    /// draft as shared and where it stands.
    public func groupsShareDraft(_ text: String, replace: Bool = false) async throws -> GroupDraft {
        try await mend.groupsShareDraft(text: text, replace: replace)
    }

    /// The charter change waiting on a private group's desk for signatures, with where it stands; `nil` when
    /// there is none.
    public func groupsSharedDraft(group: String? = nil) async throws -> GroupDraft? {
        try await mend.groupsSharedDraft(group: group)
    }
}
