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

    func testTodayIsTheDayWhereThePersonIsNow() async throws {
        let mend = try await journalWithLoss()
        // Kiritimati (UTC+14) and Pago Pago (UTC-11) are never on the same calendar day.
        let east = try await mend.today(zone: "Pacific/Kiritimati")
        let west = try await mend.today(zone: "Pacific/Pago_Pago")
        XCTAssertNotEqual(east, west)
        let dashboard = try await mend.todayDashboard(zone: "Pacific/Kiritimati")
        XCTAssertEqual(dashboard.today, east)
        do {
            _ = try await mend.today(zone: "EST")
            XCTFail("an abbreviation was taken for a zone")
        } catch let error as MendError {
            guard case .InvalidInput = error else { return XCTFail("wrong case: \(error)") }
            XCTAssertTrue(error.localizedDescription.hasPrefix("zone:"), error.localizedDescription)
        }
    }

    func testTheFormsAnswersBecomeACheckInAndABadAnswerNamesItsField() async throws {
        let mend = try await journalWithLoss()
        let form = try await mend.checkinForm(now: todayAt(10))
        // Each question says what kind of answer it takes, with the core's words for each choice.
        let bleeding = form.sections[0].fields[0]
        XCTAssertEqual(bleeding.field, "bleeding")
        guard case .choice(let options) = bleeding.kind else { return XCTFail("\(bleeding.kind)") }
        XCTAssertEqual(options.first?.label, "None")
        let data = try await mend.checkinFromForm(
            answers: [FormAnswer(field: "bleeding", value: "light"), FormAnswer(field: "temperature_c", value: "100.4F")],
            answered: ["bleeding", "feeling"])
        XCTAssertEqual(data.bleeding, .light)
        XCTAssertEqual(data.temperatureC, 38.0)
        XCTAssertEqual(data.answered, ["bleeding", "feeling"])
        do {
            _ = try await mend.checkinFromForm(answers: [FormAnswer(field: "mood", value: "11")], answered: [])
            XCTFail("an answer out of range is refused")
        } catch let error as MendError {
            XCTAssertTrue("\(error)".contains("mood"), "\(error)")
        }
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
