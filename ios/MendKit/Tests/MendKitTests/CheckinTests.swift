// Check-ins through the real library: a full round trip, edits, deletes, and all-or-nothing batches.
import Foundation
import MendKit
import XCTest

final class CheckinTests: XCTestCase {
    private let data = CheckInData(
        bleeding: .light, padsPerHour: 0.5, clots: .small, pain: PainScores(cramps: 4, back: 2),
        temperatureC: 37.2, mood: 4, feelings: [.grief, .numbness], sleepHours: 6.5, energy: 3,
        note: "Walked to the shop and back. Tired."
    )

    func testACheckinRoundTripsWithEveryFieldIntact() async throws {
        let mend = try await journalWithLoss()
        let saved = try await mend.addCheckin(NewCheckIn(at: todayAt(9), data: data))
        XCTAssertEqual(saved.guid.count, 16)
        XCTAssertEqual(saved.at, todayAt(9))
        XCTAssertEqual(saved.timeZone, "Europe/Dublin")
        XCTAssertEqual(saved.day, today)
        XCTAssertEqual(saved.data, data)
        let byGuid = try await mend.checkin(guid: saved.guid)
        XCTAssertEqual(byGuid, saved)
        let onDay = try await mend.checkins(on: today)
        XCTAssertEqual(onDay, [saved])
        let latest = try await mend.latestCheckin()
        XCTAssertEqual(latest, saved)
    }

    func testEditingReplacesTheContentsAndDeletingLeavesNothing() async throws {
        let mend = try await journalWithLoss()
        let saved = try await mend.addCheckin(NewCheckIn(at: todayAt(9), data: data))
        var calmer = data
        calmer = CheckInData(bleeding: calmer.bleeding, mood: 7)
        let edited = try await mend.updateCheckin(guid: saved.guid, NewCheckIn(at: todayAt(9), data: calmer))
        XCTAssertEqual(edited.guid, saved.guid)
        XCTAssertGreaterThan(edited.updatedAt, saved.updatedAt)
        let reread = try await mend.checkin(guid: saved.guid)
        XCTAssertEqual(reread?.data.mood, 7)
        try await mend.deleteCheckin(guid: saved.guid)
        let gone = try await mend.checkin(guid: saved.guid)
        XCTAssertNil(gone)
    }

    func testUndoRevertsAnEditAndRefusesAfterADelete() async throws {
        let mend = try await journalWithLoss()
        let saved = try await mend.addCheckin(NewCheckIn(at: todayAt(9), data: data))
        _ = try await mend.updateCheckin(guid: saved.guid, NewCheckIn(at: todayAt(9), data: CheckInData(mood: 7)))
        let undone = try await mend.undo()
        XCTAssertEqual(undone.change, .editReverted)
        XCTAssertEqual(undone.message, "Undone: the check-in is back as it was before your change.")
        let reread = try await mend.checkin(guid: saved.guid)
        XCTAssertEqual(reread?.data, saved.data)
        try await mend.deleteCheckin(guid: saved.guid)
        do {
            _ = try await mend.undo()
            XCTFail("a deletion was undone")
        } catch let error as MendError {
            guard case .Conflict = error else { return XCTFail("wrong case: \(error)") }
            XCTAssertTrue(error.localizedDescription.hasPrefix("A deletion can't be undone"), error.localizedDescription)
        }
    }

    func testABatchWithOneBadCheckinSavesNone() async throws {
        let mend = try await journalWithLoss()
        let good = NewCheckIn(at: todayAt(8), data: CheckInData(mood: 5))
        let bad = NewCheckIn(at: todayAt(9), data: CheckInData(energy: 12))
        do {
            _ = try await mend.addCheckins([good, bad])
            XCTFail("a bad check-in was accepted")
        } catch MendError.InvalidInput(let message) {
            XCTAssertEqual(message, "checkins[1].energy: must be between 0 and 10")
        }
        let none = try await mend.checkins(on: today)
        XCTAssertEqual(none, [])
    }
}
