// MendClient: a person's Mend for Swift. It opens the journal in a data directory and runs every call off the
// caller's thread (async functions on a background queue, so the main actor never waits on SQLite). The
// capabilities are extensions grouped by file, as in bindings/src: Journal.swift, Insights.swift,
// Export.swift, Changes.swift. Records and choices are the core's own; errors are `MendError`.
// (Not named MendKit: a type named like its module cannot be qualified as `MendKit.X`.)
import Dispatch
import Foundation

/// A person's Mend. Open one per data directory and keep it for the app's life; `close()` releases the
/// database at once. Safe to share between tasks and actors.
public final class MendClient: Sendable {
    let mend: Mend
    private let queue: DispatchQueue

    /// The data directory.
    public let dataDir: URL

    /// Opens (creating if missing) the journal in `dataDir`. Blocking: prefer `open(dataDir:options:)`.
    public init(dataDir: URL, options: OpenOptions = OpenOptions()) throws {
        self.mend = try Mend.open(dataDir: dataDir.path, options: options)
        self.dataDir = dataDir
        self.queue = DispatchQueue(label: "app.mend.kit", qos: .userInitiated, attributes: .concurrent)
    }

    /// Opens the journal in `dataDir` without blocking the caller.
    public static func open(dataDir: URL, options: OpenOptions = OpenOptions()) async throws -> MendClient {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                continuation.resume(with: Result { try MendClient(dataDir: dataDir, options: options) })
            }
        }
    }

    /// Releases the database now; later calls throw `MendError.Closed`. Closing twice is fine.
    public func close() {
        mend.closeJournal()
    }

    /// Whether `close()` has been called.
    public var isClosed: Bool { mend.isClosed() }

    /// Stops a long-running import from another task; it throws `MendError.Interrupted`.
    public func interrupt() throws {
        try mend.interrupt()
    }

    /// Runs a blocking call into the core on the background queue.
    func run<T: Sendable>(_ work: @escaping @Sendable (Mend) throws -> T) async throws -> T {
        let mend = self.mend
        return try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try work(mend) }) }
        }
    }
}
