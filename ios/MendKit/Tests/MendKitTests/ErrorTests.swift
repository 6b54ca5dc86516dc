// Errors arrive as typed MendError cases whose descriptions are readable and carry no health data.
import Foundation
import MendKit
import XCTest

final class ErrorTests: XCTestCase {
    func testAValidationErrorIsTypedWithAReadableDescriptionAndNoHealthData() async throws {
        let mend = try await journalWithLoss()
        let note = "heavy, with clots, after the scan"
        do {
            _ = try await mend.addCheckin(NewCheckIn(data: CheckInData(mood: 11, note: note)))
            XCTFail("mood 11 was accepted")
        } catch let error as MendError {
            guard case .InvalidInput = error else { return XCTFail("not InvalidInput: \(error)") }
            XCTAssertEqual(error.localizedDescription, "mood: must be between 0 and 10")
            XCTAssertEqual("\(error)", "mood: must be between 0 and 10")
            XCTAssertEqual(error.message, "mood: must be between 0 and 10")
            XCTAssertFalse(String(reflecting: error).contains("clots"))
        }
    }

    func testEveryKindOfProblemHasItsOwnCase() async throws {
        let mend = try await journalWithLoss()
        await assertThrows("check-in not found") { try await mend.deleteCheckin(guid: "no-such-guid") } is: {
            if case .NotFound = $0 { true } else { false }
        }
        await assertThrows("this journal is already set up") {
            _ = try await mend.setUp(
                profile: ProfileInput(timeZone: "Europe/Dublin"),
                loss: NewLoss(lossDate: lossDate, weeks: 8, kind: .earlyLoss))
        } is: {
            if case .Conflict = $0 { true } else { false }
        }
        await assertThrows("time_zone: must be an IANA time zone such as Europe/Dublin") {
            _ = try await mend.setProfile(ProfileInput(timeZone: "Dublin"))
        } is: {
            if case .InvalidInput = $0 { true } else { false }
        }
    }

    private func assertThrows(
        _ expected: String, _ work: () async throws -> Void, is matches: (MendError) -> Bool,
        file: StaticString = #filePath, line: UInt = #line
    ) async {
        do {
            try await work()
            XCTFail("no error", file: file, line: line)
        } catch let error as MendError {
            XCTAssertTrue(matches(error), "wrong case: \(error)", file: file, line: line)
            XCTAssertEqual(error.localizedDescription, expected, file: file, line: line)
        } catch {
            XCTFail("not a MendError: \(error)", file: file, line: line)
        }
    }
}
