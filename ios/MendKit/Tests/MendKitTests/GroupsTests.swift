// Support groups through the real library and a real mend-server (started by scripts/test.d/30-swift, its
// address in MEND_SERVER_URL), over URLSession: a moderator creates a group and publishes a pack folder, told first
// what the publishing checks noticed; a member joins from the link and reads the items "from" the group with the
// core's words for content notes; a changed link joins nothing; the moderator's backup restores the group on a new
// phone, which publishes again; leaving removes the items.
import Foundation
import MendKit
import XCTest

final class GroupsTests: XCTestCase {
    /// A journal whose groups talk to the test server over URLSession.
    private func device() throws -> MendClient {
        let mend = try MendClient(dataDir: tempDir())
        mend.setGroupsPlatform(transport: URLSessionTransport(), store: MemorySecretStore())
        return mend
    }

    /// A pack folder: an article that makes a claim the checks notice, with a content note, and a hotline.
    private func packFolder() throws -> URL {
        let dir = try tempDir()
        let article = """
            ---
            kind: article
            id: welcome
            language: en
            region: GB
            last_verified: 2026-11-01
            content_notes: [stillbirth]
            title: Welcome to the circle
            ---
            Come as you are. Some of us say a massage expels leftover tissue after a miscarriage.

            """
        let line = """
            ---
            kind: hotline
            id: listening-line
            language: en
            region: GB
            last_verified: 2026-11-01
            name: Listening line
            words: 0800 014 7800
            uri: tel:+448000147800
            ---

            """
        try article.write(to: dir.appendingPathComponent("01-welcome.md"), atomically: true, encoding: .utf8)
        try line.write(to: dir.appendingPathComponent("02-line.md"), atomically: true, encoding: .utf8)
        return dir
    }

    func testAModeratorPublishesAMemberReadsFromTheGroupAndABackupRestoresIt() async throws {
        let server = try syncServer()
        let (owner, member) = (try device(), try device())
        let created = try await owner.groupsCreate(server: server, name: "Swift circle")
        XCTAssertTrue(created.invite.hasPrefix("mend://join#"), created.invite)
        XCTAssertTrue(created.singleOwner)
        let folder = try packFolder()
        let findings = try await owner.groupsCheckFolder(folder)
        XCTAssertTrue(findings.contains { $0.item == "welcome" && $0.words.contains("claim") }, "\(findings)")
        let published = try await owner.groupsPublish(folder)
        XCTAssertEqual(published.sequence, 1)
        XCTAssertEqual(published.items, 2)
        let link = try await owner.groupsInvite()
        XCTAssertEqual(link, created.invite)

        // A changed link joins nothing.
        let changed = String(link.dropLast(3)) + (link.hasSuffix("AAA") ? "BBB" : "AAA")
        do {
            _ = try await member.groupsJoin(link: changed)
            XCTFail("a changed link was joined")
        } catch is MendError {}
        let none = try await member.groupsList()
        XCTAssertTrue(none.isEmpty)

        let joined = try await member.groupsJoin(link: link)
        XCTAssertEqual(joined.name, "Swift circle")
        XCTAssertEqual(joined.items, 2)
        let items = try await member.groupsItems()
        XCTAssertTrue(items.allSatisfy { $0.groupName == "Swift circle" })
        let article = try XCTUnwrap(items.first { $0.id == "welcome" })
        XCTAssertEqual(article.contentNotes, ["stillbirth"])
        guard case .hotline(_, let uri, _, let notEmergency) = try XCTUnwrap(items.first { $0.id == "listening-line" }).body
        else { return XCTFail("the hotline is not a hotline") }
        XCTAssertEqual(uri, "tel:+448000147800")
        XCTAssertTrue(notEmergency)

        let backup = try await owner.groupsBackup()
        XCTAssertEqual(backup.words.count, 24)
        let newPhone = try device()
        do {
            _ = try await newPhone.groupsRestore(file: backup.file, words: backup.words.reversed().joined(separator: " "))
            XCTFail("the wrong words restored a group")
        } catch let error as MendError {
            guard case .InvalidInput = error else { return XCTFail("\(error)") }
        }
        let restored = try await newPhone.groupsRestore(file: backup.file, words: backup.words.joined(separator: " "))
        XCTAssertEqual(restored.name, "Swift circle")
        let again = try await newPhone.groupsPublish(folder)
        XCTAssertEqual(again.sequence, 2)
        let refreshed = try await member.groupsRefresh()
        guard case .updated = try XCTUnwrap(refreshed.first) else { return XCTFail("\(refreshed)") }

        let left = try await member.groupsLeave(group: "Swift circle")
        XCTAssertEqual(left, "Swift circle")
        let after = try await member.groupsItems()
        XCTAssertTrue(after.isEmpty)
    }

    func testGroupCallsBeforeThePlatformIsGivenSaySo() async throws {
        let mend = try MendClient(dataDir: tempDir())
        do {
            _ = try await mend.groupsList()
            XCTFail("groups worked without a platform")
        } catch let error as MendError {
            guard case .Group = error else { return XCTFail("\(error)") }
            XCTAssertTrue(error.message.contains("secret store"), error.message)
        }
    }
}
