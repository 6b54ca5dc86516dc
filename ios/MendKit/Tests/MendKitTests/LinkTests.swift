// Linking a second device by its code through the real library and a real mend-server (started by
// scripts/test.d/30-swift, its address in MEND_SERVER_URL), over URLSession: both screens show the same digits,
// the linked device syncs the journal written on the first, and a wrong code is refused in the core's words.
import Foundation
import MendKit
import XCTest

final class LinkTests: XCTestCase {
    private func server() throws -> String { try syncServer() }
    private func device() throws -> MendClient { try syncDevice() }

    /// The new device's next step other than `.waiting` (a few tries: the other side answers at once here).
    private func nextStep(_ device: MendClient) async throws -> SyncLinkStep {
        var step = SyncLinkStep.waiting
        for _ in 0..<20 where step == .waiting {
            step = try await device.syncLinkPoll()
            if step == .waiting { try await Task.sleep(nanoseconds: 50_000_000) }
        }
        XCTAssertNotEqual(step, .waiting, "the approving device did not answer")
        return step
    }

    func testASecondDeviceLinksByItsCodeShowsTheSameDigitsAndSyncs() async throws {
        let server = try server()
        let (a, b) = (try device(), try device())
        _ = try await a.syncSetup(server: server, deviceName: "phone A")
        let saved = try await a.addCheckin(NewCheckIn(data: CheckInData(mood: 6)))
        _ = try await a.syncNow()

        let code = try await b.syncLinkStart(server: server, deviceName: "tablet B")
        XCTAssertEqual(code.uri, "mend://link#\(code.text)")
        XCTAssertEqual(code.expiresInSecs, 600)
        let approval = try await a.syncApproveStart(code: code.uri)
        XCTAssertEqual(approval.deviceName, "tablet B")

        guard case .digits(let onB) = try await nextStep(b) else { return XCTFail("no digits on the new device") }
        var onA: String?
        for _ in 0..<20 where onA == nil {
            onA = try await a.syncApprovePoll().digits
        }
        XCTAssertEqual(onA, onB)
        XCTAssertEqual(onB.count, 6)

        try await a.syncApproveFinish(confirmedDigits: onB)
        let linked = try await nextStep(b)
        XCTAssertEqual(linked, .linked)
        _ = try await b.syncNow()
        let onTheNewDevice = try await b.checkin(guid: saved.guid)
        XCTAssertEqual(onTheNewDevice?.data.mood, 6)
        let names = try await b.syncDevices().map(\.shownAs).sorted()
        XCTAssertEqual(names, ["phone A", "tablet B"])
    }

    func testAWrongCodeIsRefusedAndANoEndsTheLink() async throws {
        let server = try server()
        let (a, b) = (try device(), try device())
        _ = try await a.syncSetup(server: server, deviceName: "phone A")
        do {
            _ = try await a.syncApproveStart(code: "0000-0000-0000-0000")
            XCTFail("a code no device showed was accepted")
        } catch let error as MendError {
            guard case .Sync = error else { return XCTFail("\(error)") }
            XCTAssertTrue(error.message.contains("no new device is waiting with that code"), error.message)
        }
        do {
            _ = try await a.syncApproveStart(code: "not a code")
            XCTFail("something that is not a code was accepted")
        } catch let error as MendError {
            XCTAssertTrue(error.message.contains("that is not a linking code"), error.message)
        }

        let code = try await b.syncLinkStart(server: server, deviceName: "tablet B")
        _ = try await a.syncApproveStart(code: code.text)
        try await a.syncApproveDecline()
        // The new device answers the approving device's reply before it reads the no behind it.
        var step = try await nextStep(b)
        if case .digits = step { step = try await nextStep(b) }
        guard case .refused(let words) = step else { return XCTFail("the no was not heard: \(step)") }
        XCTAssertTrue(words.contains("not approved on the other device"), words)
        let status = try await b.syncStatus()
        XCTAssertEqual(status.code, "off")
    }
}
