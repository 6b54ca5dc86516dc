// A private group's moderators' desk through the real library and a real mend-server (started by
// scripts/test.d/30-swift), over URLSession: an owner creates a private group and adds a second owner through
// the file-based charter flow (propose, the second signs, publish, the second accepts), then leaves a note, which
// the second reads under the first owner's charter name; the second proposes a change both owners must sign and
// shares it; a different proposal is refused with the typed error; the first finds it on the desk, signs it,
// shares it back (the signatures are combined) and puts it in force, after which the desk holds no draft.
import Foundation
import MendKit
import XCTest

final class GroupDeskTests: XCTestCase {
    private func device() throws -> MendClient {
        let mend = try MendClient(dataDir: tempDir())
        mend.setGroupsPlatform(transport: URLSessionTransport(), store: MemorySecretStore())
        return mend
    }

    private func change(
        name: String? = nil, description: String? = nil, addOwners: [GroupNewModerator] = [], threshold: UInt8? = nil
    ) -> GroupCharterChange {
        GroupCharterChange(
            name: name, description: description, addOwners: addOwners, removeOwners: [], threshold: threshold,
            addPublishers: [], removePublishers: [])
    }

    func testOwnersLeaveNotesAndPassACharterChangeOnTheDesk() async throws {
        let server = try syncServer()
        let (first, second) = (try device(), try device())
        _ = try await first.groupsCreatePrivate(server: server, name: "Swift desk circle")

        // The second owner comes in through the file-based flow.
        let kim = GroupNewModerator(name: "Kim", key: try await second.groupsModeratorKey(), scopes: [])
        let draft = try await first.groupsProposeCharter(change(addOwners: [kim]))
        let signed = try await second.groupsSignDraft(draft.text)
        XCTAssertTrue(signed.status.ready)
        let published = try await first.groupsPublishDraft(signed.text)
        let link = try XCTUnwrap(published.ownerLinks.first { $0.name == "Kim" }).link
        let accepted = try await second.groupsAccept(link: link)
        XCTAssertTrue(accepted.owner)

        // A note, read on the other phone under the first owner's charter name.
        let left = try await first.groupsLeaveNote("The Tuesday passcode changes after the 12th")
        XCTAssertEqual(left.count, 1)
        let notes = try await second.groupsNotes()
        XCTAssertEqual(notes.map(\.author), ["first owner"])
        XCTAssertEqual(notes.map(\.text), ["The Tuesday passcode changes after the 12th"])
        XCTAssertLessThan(abs(try XCTUnwrap(notes.first).at.timeIntervalSinceNow), 300)

        // The second owner proposes a change both must sign from now on, and shares it.
        let none = try await first.groupsSharedDraft()
        XCTAssertNil(none)
        let proposed = try await second.groupsProposeCharter(change(name: "Swift Thursday circle", threshold: 2))
        let shared = try await second.groupsShareDraft(proposed.text)
        XCTAssertFalse(shared.status.ready)
        let other = try await first.groupsProposeCharter(change(description: "for anyone"))
        do {
            _ = try await first.groupsShareDraft(other.text)
            XCTFail("a different proposal pushed the waiting one aside")
        } catch let error as MendError {
            guard case .Group(let message) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(message.contains("waiting"), message)
        }

        // The first owner finds it, signs it and shares it back; then puts it in force.
        let found = try await first.groupsSharedDraft()
        let waiting = try XCTUnwrap(found, "the draft is on the desk")
        XCTAssertEqual(waiting, shared)
        XCTAssertTrue(waiting.status.changes.contains { $0.contains("Swift Thursday circle") }, "\(waiting.status)")
        XCTAssertEqual(waiting.status.newOwnersSigned, 1)
        let countersigned = try await first.groupsSignDraft(waiting.text)
        XCTAssertTrue(countersigned.status.ready)
        let back = try await first.groupsShareDraft(countersigned.text)
        XCTAssertTrue(back.status.ready)
        XCTAssertEqual(back.status.newOwnersSigned, 2)
        let inForce = try await first.groupsPublishDraft(back.text)
        XCTAssertEqual(inForce.version, 3)
        let cleared = try await second.groupsSharedDraft()
        XCTAssertNil(cleared, "the desk's draft is cleared")
    }
}
