// Private groups through the real library and a real mend-server (started by scripts/test.d/30-swift, its
// address in MEND_SERVER_URL), over URLSession: an owner creates a private group and publishes; its link is
// private, and `groupsJoin` refuses it with the typed error; a member asks to join under a name and is told to
// wait in the core's words; the owner lists one pending request by that name and approves it; the member's
// refresh joins the group and the items read; a second person is declined and told so; the owner removes the
// first member (and is told which meeting to change), and the removed member's refresh says so.
import Foundation
import MendKit
import XCTest

final class GroupsPrivateTests: XCTestCase {
    private func device() throws -> MendClient {
        let mend = try MendClient(dataDir: tempDir())
        mend.setGroupsPlatform(transport: URLSessionTransport(), store: MemorySecretStore())
        return mend
    }

    /// Ten days ago: re-confirmed recently, whenever the test runs (the journal is on the system clock).
    private var recently: Day {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: Date().addingTimeInterval(-10 * 86_400))
    }

    private func item(_ id: String, _ title: String, _ body: NewGroupItemBody) -> NewGroupItem {
        NewGroupItem(
            id: id, version: 1, language: "en", region: "GB", contentNotes: [], lastVerified: recently,
            withdrawn: false, title: title, body: body)
    }

    /// An article and a weekly meeting with a link.
    private var pack: [NewGroupItem] {
        [
            item("welcome", "Welcome", .article(markdown: "Come as you are.")),
            item(
                "tuesday", "Tuesday circle",
                .meeting(
                    start: "2027-01-05T19:00", timeZone: "Europe/London", durationMinutes: 90,
                    rrule: "FREQ=WEEKLY;BYDAY=TU", cancelled: false, place: nil,
                    link: "https://meet.example.org/tuesday", details: nil)),
        ]
    }

    func testAPrivateGroupFromARequestToJoinToARemoval() async throws {
        let server = try syncServer()
        let (owner, ada, bea) = (try device(), try device(), try device())
        let created = try await owner.groupsCreatePrivate(server: server, name: "Swift quiet circle")
        let link = created.invite
        let kind = try await ada.groupsLinkKind(link: link)
        XCTAssertEqual(kind, .private)
        do {
            _ = try await ada.groupsLinkKind(link: "mend://join#nothing")
            XCTFail("a broken link was read")
        } catch let error as MendError {
            guard case .InvalidInput = error else { return XCTFail("\(error)") }
        }
        let published = try await owner.groupsPublish(pack)
        XCTAssertEqual(published.items, 2)
        let owned = try await owner.groupsList()
        XCTAssertTrue(try XCTUnwrap(owned.first).isPrivate)

        // A private link is not joined at once: the typed error says to ask to join.
        do {
            _ = try await ada.groupsJoin(link: link)
            XCTFail("a private link was joined")
        } catch let error as MendError {
            guard case .PrivateGroupLink = error else { return XCTFail("\(error)") }
        }
        let asked = try await ada.groupsRequestJoin(link: link, displayName: "Ada")
        XCTAssertEqual(asked.displayName, "Ada")
        let waiting = try await ada.groupsRefresh()
        guard waiting.count == 1, case .waiting(let request, let words) = waiting[0] else {
            return XCTFail("\(waiting)")
        }
        XCTAssertEqual(request, asked.request)
        XCTAssertTrue(words.contains("moderators"), words)
        let none = try await ada.groupsList()
        XCTAssertTrue(none.isEmpty)

        let members = try await owner.groupsMembers()
        XCTAssertEqual(members.members.count, 1)
        let pending = try XCTUnwrap(members.members.first)
        XCTAssertEqual(pending.displayName, "Ada")
        XCTAssertEqual(pending.status, .pending)
        let approved = try await owner.groupsApprove(memberId: pending.memberId)
        XCTAssertEqual(approved.status, .approved)
        let joined = try await ada.groupsRefresh()
        guard case .approved(_, _, let name, let items) = try XCTUnwrap(joined.first) else {
            return XCTFail("\(joined)")
        }
        XCTAssertEqual(name, "Swift quiet circle")
        XCTAssertEqual(items, 2)
        let read = try await ada.groupsItems()
        XCTAssertEqual(Set(read.map(\.id)), ["welcome", "tuesday"])
        let list = try await ada.groupsList()
        let summary = try XCTUnwrap(list.first)
        XCTAssertTrue(summary.isPrivate)
        XCTAssertFalse(summary.removed)

        // A second person is declined, and told so.
        _ = try await bea.groupsRequestJoin(link: link, displayName: "Bea")
        let listed = try await owner.groupsMembers()
        let beaId = try XCTUnwrap(listed.members.first { $0.displayName == "Bea" }).memberId
        let declined = try await owner.groupsDecline(memberId: beaId)
        XCTAssertEqual(declined.status, .declined)
        let told = try await bea.groupsRefresh()
        guard told.count == 1, case .declined(_, let declinedWords) = told[0] else { return XCTFail("\(told)") }
        XCTAssertFalse(declinedWords.isEmpty)
        let nothing = try await bea.groupsItems()
        XCTAssertTrue(nothing.isEmpty)

        // The owner removes Ada: a new epoch, and the meeting whose link she saw.
        let removed = try await owner.groupsRemoveMember(memberId: pending.memberId)
        XCTAssertEqual(removed.member.status, .removed)
        XCTAssertEqual(removed.epoch, 2)
        XCTAssertEqual(removed.meetings, ["Tuesday circle"])
        let gone = try await ada.groupsRefresh()
        guard case .removed(_, let goneName, let goneWords) = try XCTUnwrap(gone.first) else {
            return XCTFail("\(gone)")
        }
        XCTAssertEqual(goneName, "Swift quiet circle")
        XCTAssertFalse(goneWords.isEmpty)
        let afterList = try await ada.groupsList()
        let after = try XCTUnwrap(afterList.first)
        XCTAssertTrue(after.removed)
        let kept = try await ada.groupsItems()
        XCTAssertEqual(kept.count, 2, "what she saw stays")
        let rekeyed = try await owner.groupsRekey()
        XCTAssertEqual(rekeyed.epoch, 3, "the owner may move the group to a new key")
    }
}
