// Group memberships across one person's phones, through the real library and a real mend-server (started by
// scripts/test.d/30-swift): with sync's platform given, joining on phone A writes a membership row that sync
// carries to phone B, whose next groups refresh takes the group up (verified from the link's pinned charter, as
// a join is); leaving on A, after both sync, leaves the group on B too.
import Foundation
import MendKit
import XCTest

final class GroupMembershipsTests: XCTestCase {
    /// A phone syncing over URLSession, with groups of its own secret store.
    private func phone() throws -> MendClient {
        let mend = try syncDevice()
        mend.setGroupsPlatform(transport: URLSessionTransport(), store: MemorySecretStore())
        return mend
    }

    func testAGroupJoinedOnOnePhoneFollowsThePersonToTheirOtherAndLeavesWithThem() async throws {
        let server = try syncServer()
        let (moderator, a, b) = (try phone(), try phone(), try phone())
        let created = try await moderator.groupsCreate(server: server, name: "Swift memberships")
        let article = NewGroupItem(
            id: "welcome", version: 1, language: "en", region: "GB", contentNotes: [], lastVerified: "2026-11-20",
            withdrawn: false, title: "Welcome", body: .article(markdown: "Come as you are."))
        _ = try await moderator.groupsPublish([article])

        let setUp = try await a.syncSetup(server: server, deviceName: "phone A")
        try await b.syncJoin(server: server, phrase: setUp.words.joined(separator: " "), deviceName: "phone B")
        _ = try await a.groupsJoin(link: created.invite)
        _ = try await a.syncNow()
        _ = try await b.syncNow()
        _ = try await b.groupsRefresh()
        let onB = try await b.groupsItems()
        XCTAssertEqual(onB.map(\.id), ["welcome"])
        XCTAssertEqual(onB.first?.groupName, "Swift memberships")

        _ = try await a.groupsLeave(group: "Swift memberships", removeReminders: false)
        _ = try await a.syncNow()
        _ = try await b.syncNow()
        let left = try await b.groupsList()
        XCTAssertTrue(left.isEmpty, "\(left)")
        let items = try await b.groupsItems()
        XCTAssertTrue(items.isEmpty)
    }
}
