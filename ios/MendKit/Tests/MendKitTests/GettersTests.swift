// The journal's single-record and whole-list getters and a reminder by guid, through the real library: each
// returns what was saved, and nil once it is gone.
import Foundation
import MendKit
import XCTest

final class GettersTests: XCTestCase {
    func testEachRecordCanBeFetchedByGuidAndListedWhole() async throws {
        let mend = try await journalWithLoss()
        let current = try await mend.currentLoss()
        let loss = try XCTUnwrap(current)
        let fetchedLoss = try await mend.loss(guid: loss.guid)
        XCTAssertEqual(fetchedLoss, loss)

        let checkin = try await mend.addCheckin(NewCheckIn(at: todayAt(9), data: CheckInData(mood: 5)))
        let checkins = try await mend.allCheckins()
        XCTAssertEqual(checkins, [checkin])

        let event = try await mend.addEvent(NewEvent(at: todayAt(12), details: .periodStart))
        let fetched = try await mend.event(guid: event.guid)
        XCTAssertEqual(fetched, event)
        let between = try await mend.events(from: today, to: today)
        XCTAssertEqual(between, [event])
        let all = try await mend.allEvents()
        XCTAssertEqual(all, [event])
        try await mend.deleteEvent(guid: event.guid)
        let gone = try await mend.event(guid: event.guid)
        XCTAssertNil(gone)

        let reminder = try await mend.addReminder(
            NewReminder(
                kind: .medication, title: "Iron",
                schedule: .repeating(rrule: "FREQ=DAILY", start: today, time: "21:30"),
                timeZone: "Europe/Dublin", until: nil))
        let fetchedReminder = try await mend.reminder(guid: reminder.guid)
        XCTAssertEqual(fetchedReminder, reminder)
    }

    func testAGuidesStateFollowsItsBookmark() async throws {
        let mend = try await journalWithLoss()
        let guides = try await mend.guides()
        let guide = try XCTUnwrap(guides.first)
        let before = try await mend.guideState(id: guide.id)
        XCTAssertNotEqual(before?.bookmarked, true)
        _ = try await mend.bookmarkGuide(id: guide.id)
        let after = try await mend.guideState(id: guide.id)
        XCTAssertEqual(after?.bookmarked, true)
    }
}

