// Opening, closing and reopening: close releases the journal at once, and the data is there on reopening.
import Foundation
import MendKit
import XCTest

final class LifecycleTests: XCTestCase {
    func testAClosedJournalRefusesCallsAndReopensWithEverythingSaved() async throws {
        let dir = try tempDir()
        let mend = try await journalWithLoss(dir)
        let saved = try await mend.addCheckin(NewCheckIn(data: CheckInData(mood: 3, note: "first night home")))
        XCTAssertFalse(mend.isClosed)
        mend.close()
        mend.close()
        XCTAssertTrue(mend.isClosed)
        do {
            _ = try await mend.latestCheckin()
            XCTFail("a closed journal answered")
        } catch MendError.Closed(let message) {
            XCTAssertEqual(message, "this journal has been closed")
        }

        let reopened = try await MendClient.open(dataDir: dir)
        let again = try await reopened.checkin(guid: saved.guid)
        XCTAssertEqual(again, saved)
        let loss = try await reopened.currentLoss()
        XCTAssertEqual(loss?.lossDate, lossDate)
    }
}
