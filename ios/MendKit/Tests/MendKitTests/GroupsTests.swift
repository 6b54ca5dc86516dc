// Support groups through the real library and a real mend-server (started by scripts/test.d/30-swift, its
// address in MEND_SERVER_URL), over URLSession: a moderator creates a group and publishes the items its screens made, told first
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

    /// Ten days ago: re-confirmed recently, whenever the test runs (the journal is on the system clock).
    private var recently: Day {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: Date().addingTimeInterval(-10 * 86_400))
    }

    private func item(_ id: String, _ title: String, _ body: NewGroupItemBody, notes: [ContentNote] = [])
        -> NewGroupItem
    {
        NewGroupItem(
            id: id, version: 1, language: "en", region: "GB", contentNotes: notes, lastVerified: recently,
            withdrawn: false, title: title, body: body)
    }

    /// What a moderator's screens made: an article that makes a claim the checks notice, with a content note, a
    /// weekly Tuesday 19:00 meeting in London, and a hotline.
    private var pack: [NewGroupItem] {
        [
            item(
                "welcome", "Welcome to the circle",
                .article(
                    markdown: "Come as you are. Some of us say a massage expels leftover tissue after a miscarriage."),
                notes: [.stillbirth]),
            item(
                "tuesday", "Tuesday circle",
                .meeting(
                    start: "2027-01-05T19:00", timeZone: "Europe/London", durationMinutes: 90,
                    rrule: "FREQ=WEEKLY;BYDAY=TU", cancelled: false, place: nil,
                    link: "https://meet.example.org/tuesday", details: nil)),
            item(
                "listening-line", "Listening line",
                .hotline(words: "0800 014 7800", uri: "tel:+448000147800", hours: nil, notEmergency: true)),
        ]
    }

    func testAModeratorPublishesAMemberReadsFromTheGroupAndABackupRestoresIt() async throws {
        let server = try syncServer()
        let (owner, member) = (try device(), try device())
        let created = try await owner.groupsCreate(server: server, name: "Swift circle")
        XCTAssertTrue(created.invite.hasPrefix("mend://join#"), created.invite)
        XCTAssertTrue(created.singleOwner)
        let findings = try await owner.groupsCheck(pack)
        XCTAssertTrue(findings.contains { $0.item == "welcome" && $0.words.contains("claim") }, "\(findings)")
        let published = try await owner.groupsPublish(pack)
        XCTAssertEqual(published.sequence, 1)
        XCTAssertEqual(published.items, 3)
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
        XCTAssertEqual(joined.items, 3)
        let items = try await member.groupsItems()
        XCTAssertTrue(items.allSatisfy { $0.groupName == "Swift circle" })
        let article = try XCTUnwrap(items.first { $0.id == "welcome" })
        XCTAssertEqual(article.contentNotes, ["stillbirth"])
        guard case .hotline(_, let uri, _, let notEmergency) = try XCTUnwrap(items.first { $0.id == "listening-line" }).body
        else { return XCTFail("the hotline is not a hotline") }
        XCTAssertEqual(uri, "tel:+448000147800")
        XCTAssertTrue(notEmergency)

        let due = try await member.groupsNextRefreshAt()
        let hours = try XCTUnwrap(due).timeIntervalSinceNow / 3600
        XCTAssertTrue(hours > 5.9 && hours <= 6.0, "the next refresh is 6 hours on: \(hours)")

        // The meeting as a reminder by London's clock, and as .ics; the line after a mood alert only.
        let reminder = try await member.groupsFollow(group: "Swift circle", item: "tuesday")
        XCTAssertEqual(reminder.timeZone, "Europe/London")
        let followed = try await member.groupsFollowedReminders(group: "Swift circle")
        XCTAssertEqual(followed.map(\.guid), [reminder.guid])
        let ics = try await member.groupsMeetingIcs(group: "Swift circle", item: "tuesday")
        XCTAssertTrue(ics.hasPrefix("BEGIN:VCALENDAR") && ics.contains("RRULE:FREQ=WEEKLY;BYDAY=TU"), ics)
        XCTAssertTrue(ics.contains("DTSTART;TZID=Europe/London:20270105T190000"), ics)
        let lines = try await member.groupsLinesForAlert(rule: .moodCrisis)
        XCTAssertEqual(lines.map(\.groupName), ["Swift circle"])
        let withFever = try await member.groupsLinesForAlert(rule: .fever)
        XCTAssertTrue(withFever.isEmpty)

        let backup = try await owner.groupsBackup()
        XCTAssertEqual(backup.words.count, 24)
        try await owner.groupsBackupKept(group: backup.id)
        let kept = try await owner.groupsList()
        XCTAssertFalse(try XCTUnwrap(kept.first).needsBackup)
        let newPhone = try device()
        do {
            _ = try await newPhone.groupsRestore(file: backup.file, words: backup.words.reversed().joined(separator: " "))
            XCTFail("the wrong words restored a group")
        } catch let error as MendError {
            guard case .InvalidInput = error else { return XCTFail("\(error)") }
        }
        let restored = try await newPhone.groupsRestore(file: backup.file, words: backup.words.joined(separator: " "))
        XCTAssertEqual(restored.name, "Swift circle")
        let again = try await newPhone.groupsPublish(pack)
        XCTAssertEqual(again.sequence, 2)
        let refreshed = try await member.groupsRefresh()
        guard case .updated = try XCTUnwrap(refreshed.first) else { return XCTFail("\(refreshed)") }

        // The owner withdraws the article and the member's refresh drops it.
        let withdrawnIn = try await owner.groupsWithdraw(item: "welcome")
        XCTAssertEqual(withdrawnIn, 3)
        _ = try await member.groupsRefresh()
        let afterWithdraw = try await member.groupsItems()
        XCTAssertFalse(afterWithdraw.contains { $0.id == "welcome" })

        let left = try await member.groupsLeave(group: "Swift circle", removeReminders: true)
        XCTAssertEqual(left.name, "Swift circle")
        XCTAssertEqual(left.remindersRemoved, 1)
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
