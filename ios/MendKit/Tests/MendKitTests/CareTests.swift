// The care engine through the real library: a red flag raises an alert that arrives through the observer,
// reads action-first with the number to call, and can be acknowledged.
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
        XCTAssertEqual(alert.phone, "112 or 999")
        // The app dials the URI, never the words.
        XCTAssertEqual(alert.phones.map(\.uri), ["tel:112"])
        XCTAssertTrue(alert.action.hasPrefix("Go to your nearest emergency department today"), alert.action)
        XCTAssertEqual(alert.because, [checkin.guid])
        let today = try await mend.todayDashboard()
        XCTAssertEqual(today.alerts, [alert])

        let seen = try await mend.acknowledgeAlert(id: alert.id)
        XCTAssertTrue(seen.acknowledged)
        let open = try await mend.alerts()
        XCTAssertEqual(open, [])
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
