// Sync through the real library and a real mend-server (started by scripts/test.d/30-swift, its address in
// MEND_SERVER_URL), over URLSession: two journals in two folders set up, join by phrase and edit both ways.
import Foundation
import MendKit
import XCTest

/// A secret store as a test needs one: a dictionary (apps use the Keychain).
final class MemorySecretStore: SecretStore, @unchecked Sendable {
    private let lock = NSLock()
    private var secrets: [String: Data] = [:]

    func get(name: String) -> Data? {
        lock.withLock { secrets[name] }
    }

    func set(name: String, value: Data) {
        lock.withLock { secrets[name] = value }
    }

    func clear() {
        lock.withLock { secrets.removeAll() }
    }
}

/// Progress heard during a sync.
final class Heard: @unchecked Sendable {
    private let lock = NSLock()
    private var progress: [SyncProgress] = []

    func add(_ step: SyncProgress) {
        lock.withLock { progress.append(step) }
    }

    var count: Int { lock.withLock { progress.count } }
}

final class SyncTests: XCTestCase {
    private func server() throws -> String { try syncServer() }
    private func device() throws -> MendClient { try syncDevice() }

    func testTwoJournalsSyncThroughARealServerOverURLSession() async throws {
        let server = try server()
        let (a, b) = (try device(), try device())

        let setUp = try await a.syncSetup(server: server, deviceName: "phone A")
        XCTAssertEqual(setUp.words.count, 24)
        let phrase = setUp.words.joined(separator: " ")
        for position in setUp.confirmPositions {
            let word = setUp.words[Int(position) - 1]
            XCTAssertTrue(a.syncPhraseConfirms(phrase: phrase, position: Int(position), answer: word))
        }
        let saved = try await a.addCheckin(NewCheckIn(data: CheckInData(mood: 4)))
        let heard = Heard()
        let report = try await a.syncNow { heard.add($0) }
        XCTAssertGreaterThanOrEqual(report.uploaded, 1)
        XCTAssertGreaterThan(heard.count, 0, "progress was reported")

        try await b.syncJoin(server: server, phrase: phrase, deviceName: "phone B")
        _ = try await b.syncNow()
        let onB = try await b.checkin(guid: saved.guid)
        XCTAssertEqual(onB?.data.mood, 4)

        _ = try await b.updateCheckin(guid: saved.guid, NewCheckIn(data: CheckInData(mood: 7)))
        let behind = try await b.syncStatus()
        XCTAssertEqual(behind.code, "behind")
        _ = try await b.syncNow()
        let updates = try a.syncStatusUpdates()
        _ = try await a.syncNow()
        let onA = try await a.checkin(guid: saved.guid)
        XCTAssertEqual(onA?.data.mood, 7)
        var streamed: SyncStatus?
        for await status in updates where status.state == .synced {
            streamed = status
            break
        }
        XCTAssertEqual(streamed?.code, "synced")

        for device in [a, b] {
            let status = try await device.syncStatus()
            XCTAssertEqual(status.state, .synced, status.words)
            XCTAssertEqual(status.code, "synced")
            XCTAssertEqual(status.server, server)
            let next = try await device.nextSyncAt()
            XCTAssertNotNil(next)
        }
    }

    func testDevicesAndANewPhraseThroughARealServer() async throws {
        let server = try server()
        let (a, b, c) = (try device(), try device(), try device())
        let old = try await a.syncSetup(server: server, deviceName: "phone A").words.joined(separator: " ")
        try await b.syncJoin(server: server, phrase: old, deviceName: "tablet B")
        let listed = try await a.syncDevices()
        XCTAssertEqual(listed.map(\.shownAs).sorted(), ["phone A", "tablet B"])
        XCTAssertEqual(listed.filter(\.thisDevice).map(\.name), ["phone A"])
        let checkedOld = try await b.syncCheckPhrase(old)
        XCTAssertTrue(checkedOld)

        let new = try await a.syncNewPhrase().words.joined(separator: " ")
        XCTAssertNotEqual(new, old)
        let oldNow = try await b.syncCheckPhrase(old)
        let newNow = try await b.syncCheckPhrase(new)
        XCTAssertFalse(oldNow)
        XCTAssertTrue(newNow)
        do {
            try await c.syncJoin(server: server, phrase: old, deviceName: "phone C")
            XCTFail("the old phrase still found the journal")
        } catch let error as MendError {
            XCTAssertTrue(error.message.contains("no journal on that server"), error.message)
        }
        try await c.syncJoin(server: server, phrase: new, deviceName: "phone C")
        let names = try await b.syncDevices().map(\.shownAs).sorted()
        XCTAssertEqual(names, ["phone A", "phone C", "tablet B"])
    }

    func testARemovedDeviceIsCutOffAndErasesItselfWhileTheOthersCarryOn() async throws {
        let server = try server()
        let (a, b, c) = (try device(), try device(), try device())
        let phrase = try await a.syncSetup(server: server, deviceName: "phone A").words.joined(separator: " ")
        let saved = try await a.addCheckin(NewCheckIn(data: CheckInData(mood: 4)))
        _ = try await a.syncNow()
        try await b.syncJoin(server: server, phrase: phrase, deviceName: "tablet B")
        try await c.syncJoin(server: server, phrase: phrase, deviceName: "old phone C")
        _ = try await c.syncNow()
        let onC = try await c.checkin(guid: saved.guid)
        XCTAssertEqual(onC?.data.mood, 4)

        let revoked = try await a.syncRevoke("old phone C", wipe: true)
        XCTAssertEqual(revoked.name, "old phone C")
        XCTAssertEqual(revoked.report?.keysRenewed, 1, revoked.renewalPending ?? "")
        do {
            _ = try await c.syncNow()
            XCTFail("a removed device synced")
        } catch let error as MendError {
            XCTAssertTrue(error.message.contains("now erased"), error.message)
        }
        let erased = try await c.checkin(guid: saved.guid)
        XCTAssertNil(erased)

        let later = try await a.addCheckin(NewCheckIn(data: CheckInData(mood: 6)))
        _ = try await a.syncNow()
        let report = try await b.syncNow()
        XCTAssertEqual(report.unreadable, 0)
        let onB = try await b.checkin(guid: later.guid)
        XCTAssertEqual(onB?.data.mood, 6)
    }

    func testErrorsCarryTheCoresWords() async throws {
        let mend = try device()
        do {
            _ = try await mend.syncNow()
            XCTFail("sync ran without a set-up")
        } catch let error as MendError {
            guard case .Sync = error else { return XCTFail("\(error)") }
            XCTAssertTrue(error.message.contains("not set up"), error.message)
        }
        do {
            _ = try await mend.syncSetup(server: "http://sync.example.org", deviceName: "phone")
            XCTFail("plain http to another host was accepted")
        } catch let error as MendError {
            XCTAssertTrue(error.message.contains("https://"), error.message)
        }
        let status = try await mend.syncStatus()
        XCTAssertEqual(status.code, "off")
    }
}
