// Change notifications as an AsyncStream: `changes()` registers an observer with the core before it returns;
// ending the iteration (or dropping the stream) cancels the subscription. The core says only what kind of
// thing changed, never its contents.
import Foundation

/// What changed.
public enum MendChange: Sendable, Equatable {
    /// Something in the journal was added, edited or removed: re-read what the screen shows.
    case journalChanged
    /// The care engine raised (or re-opened) the alert with this id: show it at once.
    case alertRaised(id: String)
    /// A guide was bookmarked, unbookmarked or marked read.
    case libraryChanged
    /// Reminders or their settings changed: ask for a new plan and reschedule notifications.
    case remindersChanged
    /// A sync ran or failed: read the sync status again (or iterate `syncStatusUpdates()`).
    case syncChanged
}

extension MendClient {
    /// Every change from now until the iteration ends. Nothing is dropped (alerts matter).
    public func changes() throws -> AsyncStream<MendChange> {
        let (stream, continuation) = AsyncStream.makeStream(of: MendChange.self, bufferingPolicy: .unbounded)
        let subscription = try mend.subscribe(observer: StreamObserver(continuation))
        continuation.onTermination = { _ in subscription.cancel() }
        return stream
    }
}

/// Passes the core's calls (on the writing thread) into a stream.
private final class StreamObserver: MendObserver {
    private let continuation: AsyncStream<MendChange>.Continuation

    init(_ continuation: AsyncStream<MendChange>.Continuation) {
        self.continuation = continuation
    }

    func journalChanged() {
        continuation.yield(.journalChanged)
    }

    func alertRaised(alertId: String) {
        continuation.yield(.alertRaised(id: alertId))
    }

    func libraryChanged() {
        continuation.yield(.libraryChanged)
    }

    func remindersChanged() {
        continuation.yield(.remindersChanged)
    }

    func syncChanged() {
        continuation.yield(.syncChanged)
    }
}
