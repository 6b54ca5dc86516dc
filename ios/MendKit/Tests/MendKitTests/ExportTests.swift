// Export and import through the real library, including the async file forms on the Rust runtime.
import Foundation
import MendKit
import XCTest

final class ExportTests: XCTestCase {
    func testAnExportWrittenToAFileImportsIntoANewJournalUnchanged() async throws {
        let file = try tempDir().appendingPathComponent("mend-export.json")
        let mend = try await journalWithLoss()
        let checkins = try await mend.addCheckins([
            NewCheckIn(at: todayAt(8), data: CheckInData(bleeding: .spotting, mood: 4)),
            NewCheckIn(at: todayAt(20), data: CheckInData(mood: 5, note: "a better evening")),
        ])
        let event = try await mend.addEvent(NewEvent(at: todayAt(12), details: .test(result: .faint, hcg: nil)))
        try await mend.export(to: file)
        let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)

        let fresh = try openJournal()
        let summary = try await fresh.importJournal(from: file)
        XCTAssertEqual(summary.checkins, 2)
        XCTAssertEqual(summary.events, 1)
        XCTAssertTrue(summary.profile)
        let imported = try await fresh.checkins(on: today)
        XCTAssertEqual(imported, checkins)
        let tests = try await fresh.events(of: .test)
        XCTAssertEqual(tests, [event])
    }

    func testAForeignFileIsRefusedAndErasingLeavesNothing() async throws {
        let mend = try await journalWithLoss()
        let foreign = try tempDir().appendingPathComponent("notes.json")
        try #"{"format":"other","version":1,"exported_at":"2026-05-01T00:00:00Z"}"#.write(
            to: foreign, atomically: true, encoding: .utf8)
        do {
            _ = try await mend.importJournal(from: foreign)
            XCTFail("a foreign file was imported")
        } catch MendError.ImportRejected(let message) {
            XCTAssertTrue(message.contains("is not a Mend journal export"), message)
        }
        let csv = try await mend.checkinsCSV()
        XCTAssertEqual(csv.split(separator: "\n").count, 1)
        try await mend.eraseAll()
        let profile = try await mend.profile()
        XCTAssertNil(profile)
    }
}
