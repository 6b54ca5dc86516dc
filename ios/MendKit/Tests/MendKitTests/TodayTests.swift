// The Today screen, insights and History through the real library, with the clock fixed.
import Foundation
import MendKit
import XCTest

final class TodayTests: XCTestCase {
    func testTodayGathersTheLossTheLatestCheckinAndTheRecoveryWeek() async throws {
        let mend = try await journalWithLoss()
        let day = try await mend.today()
        XCTAssertEqual(day, today)
        _ = try await mend.addCheckin(NewCheckIn(at: todayAt(9), data: CheckInData(mood: 4)))
        let dashboard = try await mend.todayDashboard()
        XCTAssertTrue(dashboard.setUp)
        XCTAssertEqual(dashboard.daysSinceLoss, 12)
        XCTAssertEqual(dashboard.loss?.kind, .miscarriage)
        XCTAssertEqual(dashboard.loss?.trimester, .first)
        // The core chooses the check-in form; no misoprostol dose, resolved: the everyday sections.
        let form = try await mend.checkinForm(now: todayAt(10))
        XCTAssertEqual(form.sections.map(\.id), ["bleeding", "pain", "feeling", "sepsis", "body", "mood"])
        XCTAssertEqual(dashboard.checkinsToday, 1)
        XCTAssertEqual(dashboard.latestCheckin?.data.mood, 4)
        XCTAssertEqual(dashboard.insights.weekOfRecovery, 2)
    }

    func testHistoryListsCheckinsAndEventsInTimeOrder() async throws {
        let mend = try await journalWithLoss()
        let day = 86_400.0
        _ = try await mend.addCheckins([
            NewCheckIn(at: now.addingTimeInterval(-11 * day), data: CheckInData(bleeding: .medium)),
            NewCheckIn(at: now.addingTimeInterval(-3 * day), data: CheckInData(bleeding: Bleeding.none)),
            NewCheckIn(at: now.addingTimeInterval(-2 * day), data: CheckInData(bleeding: Bleeding.none)),
        ])
        _ = try await mend.addEvent(
            NewEvent(at: now.addingTimeInterval(-8 * day), details: .appointment(withWhom: nil)))
        let insights = try await mend.insights()
        XCTAssertEqual(insights.bleeding.stoppedOn, "2026-05-10")
        let history = try await mend.history(from: lossDate, to: today)
        XCTAssertEqual(history.count, 4)
        guard case .checkin = history[0], case .event = history[1] else {
            return XCTFail("history out of order: \(history)")
        }
    }
}
