// Shared test setup: a journal in a temporary directory with its clock fixed, like core's TempMend.
import Foundation
import MendKit
import XCTest

/// 2026-05-13 21:00 in Dublin.
let now = Date(timeIntervalSince1970: 1_778_702_400)
let lossDate: Day = "2026-05-01"
let today: Day = "2026-05-13"

func tempDir() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mendkit-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}

/// A fresh journal in a new temporary directory, its clock fixed at `now`.
func openJournal(_ dir: URL? = nil) throws -> MendClient {
    try MendClient(dataDir: dir ?? tempDir(), options: OpenOptions(fixedNow: now))
}

/// A journal set up like a person in Ireland with a miscarriage at 8 weeks on `lossDate`.
func journalWithLoss(_ dir: URL? = nil) async throws -> MendClient {
    let mend = try openJournal(dir)
    _ = try await mend.setUp(
        profile: ProfileInput(region: "IE", timeZone: "Europe/Dublin"),
        loss: NewLoss(lossDate: lossDate, weeks: 8, kind: .miscarriage, management: .expectant)
    )
    return mend
}

/// An instant on `today` at `hour` Dublin time (UTC+1 in May).
func todayAt(_ hour: Int) -> Date {
    now.addingTimeInterval(TimeInterval((hour - 21) * 3600))
}

/// The real mend-server scripts/test.d/30-swift started for the sync tests (its address in MEND_SERVER_URL).
func syncServer() throws -> String {
    try XCTUnwrap(ProcessInfo.processInfo.environment["MEND_SERVER_URL"], "run scripts/test.d/30-swift")
}

/// A journal on the system clock in a new folder, syncing over URLSession.
func syncDevice() throws -> MendClient {
    let mend = try MendClient(dataDir: tempDir())
    mend.setSyncPlatform(transport: URLSessionTransport(), store: MemorySecretStore())
    return mend
}
