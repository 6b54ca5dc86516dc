// Observers through the real library: the AsyncStream sees writes; ending it cancels the subscription.
import Foundation
import MendKit
import XCTest

final class ChangesTests: XCTestCase {
    func testTheStreamSeesEachWrite() async throws {
        let mend = try await journalWithLoss()
        let changes = try mend.changes()
        _ = try await mend.addCheckin(NewCheckIn(data: CheckInData(mood: 5)))
        _ = try await mend.addCheckin(NewCheckIn(data: CheckInData(mood: 6)))
        var seen: [MendChange] = []
        for await change in changes {
            seen.append(change)
            if seen.count == 2 { break }
        }
        XCTAssertEqual(seen, [.journalChanged, .journalChanged])
    }

    func testAnAsyncImportIsObserved() async throws {
        let file = try tempDir().appendingPathComponent("export.json")
        try await journalWithLoss().export(to: file)
        let mend = try openJournal()
        var changes = try mend.changes().makeAsyncIterator()
        _ = try await mend.importJournal(from: file)
        let first = await changes.next()
        XCTAssertEqual(first, .journalChanged)
    }
}
