// Sync through MendClient: give the platform once (a SyncTransport — URLSessionTransport — and a SecretStore
// over the Keychain), then set up or join by recovery phrase and sync. Every call is async; the core's sync runs
// on the Rust runtime and never blocks a thread. When to sync is the core's decision (`nextSyncAt()`); the app
// schedules it (BGTaskScheduler on iOS). Status and errors carry the core's words.
import Dispatch
import Foundation

extension MendClient {
    /// Gives sync the app's HTTP `transport` and secret `store` (once, after opening). On iOS the store keeps
    /// each secret in the Keychain (this device only); never in the journal's folder.
    public func setSyncPlatform(transport: SyncTransport, store: SecretStore) {
        mend.setSyncPlatform(transport: transport, store: store)
    }

    /// Sets sync up with a new account on `server`: the phrase's words (show once, never store) and two
    /// positions to ask back.
    public func syncSetup(server: String, deviceName: String) async throws -> SyncSetUp {
        try await mend.syncSetup(server: server, deviceName: deviceName)
    }

    /// Whether `answer` is the word at `position` (1-based) of `phrase`: set-up's check that it was written down.
    public func syncPhraseConfirms(phrase: String, position: Int, answer: String) -> Bool {
        mend.syncPhraseConfirms(phrase: phrase, position: UInt32(clamping: position), answer: answer)
    }

    /// Joins the account `phrase` belongs to on `server`; the next `syncNow()` brings the journal here.
    public func syncJoin(server: String, phrase: String, deviceName: String) async throws {
        try await mend.syncJoin(server: server, phrase: phrase, deviceName: deviceName)
    }

    /// Syncs now. `onProgress` hears progress on the syncing thread (hand off quickly). Cancelling the task
    /// stops the running syncs between requests (`syncCancel()`); nothing is lost and the next sync carries on.
    public func syncNow(
        allowDeletions: Bool = false,
        onProgress: (@Sendable (SyncProgress) -> Void)? = nil
    ) async throws -> SyncReport {
        let mend = self.mend
        let listener = onProgress.map(ProgressRelay.init)
        return try await withTaskCancellationHandler {
            try await mend.syncNow(allowDeletions: allowDeletions, listener: listener)
        } onCancel: {
            mend.syncCancel()
        }
    }

    /// The account's devices, oldest first: each one's name (or, in `shownAs`, the core's words for a name that
    /// can't be read), when it was added and last seen, and which one is this device.
    public func syncDevices() async throws -> [SyncDevice] {
        try await mend.syncDevices()
    }

    /// A new recovery phrase (from a device in sync): the words to show once and two positions to ask back. The
    /// old phrase stops working; the journal and every device stay as they are.
    public func syncNewPhrase() async throws -> SyncSetUp {
        try await mend.syncNewPhrase()
    }

    /// Removes a device from the synced journal at once, by its name or id (as `syncDevices` lists them), and
    /// renews the keys so it can read nothing new; with `wipe`, it erases its journal if it ever connects again.
    /// `renewalPending` holds the core's words when the renewal waits for the next sync (offline, say): the device
    /// is cut off either way. The recovery phrase stays the same.
    public func syncRevoke(_ device: String, wipe: Bool = false) async throws -> SyncRevoked {
        try await mend.syncRevoke(device: device, wipe: wipe)
    }

    /// Whether `phrase` (all its words) is the journal's recovery phrase now.
    public func syncCheckPhrase(_ phrase: String) async throws -> Bool {
        try await mend.syncCheckPhrase(phrase: phrase)
    }

    /// Applies the deletions sync held for the person's OK.
    public func confirmDeletions() async throws -> SyncReport {
        try await mend.confirmDeletions()
    }

    /// Stops the syncs running now, between requests.
    public func syncCancel() {
        mend.syncCancel()
    }

    /// How sync stands, with the core's words.
    public func syncStatus() async throws -> SyncStatus {
        try await run { try $0.syncStatus() }
    }

    /// Whether to sync after each change on this device.
    public func syncAuto(_ on: Bool) async throws {
        try await run { try $0.syncAuto(on: on) }
    }

    /// Whether reminders ring on this device.
    public func syncRemindersHere(_ on: Bool) async throws {
        try await run { try $0.syncRemindersHere(on: on) }
    }

    /// When to sync next (the core decides; schedule it), or nil when sync is off.
    public func nextSyncAt() async throws -> Date? {
        try await run { try $0.nextSyncAt() }
    }

    /// Turns sync off here (the journal stays); with `deleteFromServer`, deletes the account on the server first.
    public func syncOff(deleteFromServer: Bool = false) async throws {
        try await mend.syncOff(deleteFromServer: deleteFromServer)
    }

    /// Sync's status now and after every change that may move it (a sync, a write waiting to go up), until the
    /// iteration ends. Consecutive equal statuses are sent once.
    public func syncStatusUpdates() throws -> AsyncStream<SyncStatus> {
        let (stream, continuation) = AsyncStream.makeStream(of: SyncStatus.self, bufferingPolicy: .bufferingNewest(1))
        let relay = StatusRelay(mend, continuation)
        let subscription = try mend.subscribe(observer: relay)
        relay.changed()
        continuation.onTermination = { _ in subscription.cancel() }
        return stream
    }
}

/// Passes a sync's progress to a closure.
private final class ProgressRelay: SyncProgressListener {
    private let tell: @Sendable (SyncProgress) -> Void

    init(_ tell: @escaping @Sendable (SyncProgress) -> Void) {
        self.tell = tell
    }

    func progress(progress: SyncProgress) {
        tell(progress)
    }
}

/// Reads the status again (off the writing thread, one at a time) after each change that may move it.
private final class StatusRelay: MendObserver, @unchecked Sendable {
    private let mend: Mend
    private let continuation: AsyncStream<SyncStatus>.Continuation
    private let queue = DispatchQueue(label: "app.mend.kit.sync-status")
    private var last: SyncStatus?  // only touched on `queue`

    init(_ mend: Mend, _ continuation: AsyncStream<SyncStatus>.Continuation) {
        self.mend = mend
        self.continuation = continuation
    }

    func changed() {
        queue.async {
            guard let status = try? self.mend.syncStatus(), status != self.last else { return }
            self.last = status
            self.continuation.yield(status)
        }
    }

    func journalChanged() { changed() }
    func alertRaised(alertId: String) {}
    func libraryChanged() {}
    func remindersChanged() { changed() }
    func syncChanged() { changed() }
}
