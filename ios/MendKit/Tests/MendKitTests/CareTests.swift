// The care engine through the real library: a red flag raises an alert that arrives through the observer,
// reads action-first with the number to call, and can be acknowledged; the unit's number the person keeps leads
// an urgent alert's phones, and the crisis line arrives as tel: and sms: URIs.
import Foundation
import MendKit
import XCTest

final class CareTests: XCTestCase {
    func testAFeverRaisesAnAlertThatTheObserverHearsAndTodayShowsFirst() async throws {
        let mend = try await journalWithLoss()
        var changes = try mend.changes().makeAsyncIterator()
        let checkin = try await mend.addCheckin(NewCheckIn(at: todayAt(20), data: CheckInData(temperatureC: 38.5)))
        var heard: [MendChange] = []
        while heard.count < 2, let change = await changes.next() { heard.append(change) }
        XCTAssertTrue(heard.contains(.journalChanged), "\(heard)")
        guard let raisedId = heard.compactMap({ if case .alertRaised(let id) = $0 { id } else { nil } }).first else {
            return XCTFail("no alert raised: \(heard)")
        }

        let alerts = try await mend.alerts()
        XCTAssertEqual(alerts.map(\.id), [raisedId])
        let alert = try XCTUnwrap(alerts.first)
        XCTAssertEqual(alert.rule, .fever)
        XCTAssertEqual(alert.severity, .urgent)
        XCTAssertEqual(alert.phone, "112")
        // The app dials the URI, never the words: each number is its own entry.
        XCTAssertEqual(alert.phones.map(\.uri), ["tel:112", "tel:999"])
        XCTAssertTrue(alert.action.hasPrefix("Go to your nearest emergency department today"), alert.action)
        XCTAssertEqual(alert.because, [checkin.guid])
        let today = try await mend.todayDashboard()
        XCTAssertEqual(today.alerts, [alert])

        let seen = try await mend.acknowledgeAlert(id: alert.id)
        XCTAssertTrue(seen.acknowledged)
        let open = try await mend.alerts()
        XCTAssertEqual(open, [])
    }

    func testTheUnitsNumberLeadsAnUrgentAlertAndTheCrisisLineTakesTexts() async throws {
        let mend = try await journalWithLoss()
        let unit = NumberInput(label: "Cork EPU", number: "021 492 0000")
        let profile = try await mend.setOwnNumbers(unit: unit, ownEmergency: nil, ownCrisis: nil)
        XCTAssertEqual(profile.unitNumber?.uri, "tel:0214920000")
        XCTAssertEqual(profile.region, "IE")
        _ = try await mend.addCheckin(NewCheckIn(at: todayAt(20), data: CheckInData(temperatureC: 38.5)))
        let urgent = try await mend.alerts()
        let alert = try XCTUnwrap(urgent.first)
        XCTAssertEqual(alert.phones.map(\.role), [.unit, .emergency, .emergency])
        XCTAssertEqual(alert.phones.first?.words, "021 492 0000")
        XCTAssertNil(alert.phones.first?.verified)
        XCTAssertTrue(alert.action.hasPrefix("Call Cork EPU on 021 492 0000 now"), alert.action)
        _ = try await mend.addCheckin(NewCheckIn(at: todayAt(20).addingTimeInterval(1800), data: CheckInData(selfHarmThoughts: true)))
        let all = try await mend.alerts()
        let crisis = try XCTUnwrap(all.first { $0.rule == .moodCrisis })
        XCTAssertEqual(crisis.phones.map(\.uri), ["tel:116123", "sms:50808", "tel:112", "tel:999"])
        do {
            _ = try await mend.setOwnNumbers(unit: NumberInput(label: "", number: "021"), ownEmergency: nil, ownCrisis: nil)
            XCTFail("an empty label is refused")
        } catch let error as MendError {
            guard case .InvalidInput = error else { return XCTFail("not InvalidInput: \(error)") }
            XCTAssertTrue(error.message.hasPrefix("unit_number.label: "), error.message)
        }
    }

    func testReadinessComesFromTheJournal() async throws {
        let mend = try await journalWithLoss()
        let baths = try await mend.gate(.bathsSwimmingTamponsSex)
        XCTAssertEqual(baths.state, .notYet)
        XCTAssertFalse(baths.reasons.isEmpty)
        let markers = try await mend.markers()
        XCTAssertTrue(markers.contains { $0.marker == .bleedingDuration })
    }
}
