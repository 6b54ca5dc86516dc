// MendError as Swift expects an error to read: `localizedDescription`, `description` and `message` are the
// core's readable message (e.g. "mood: must be between 0 and 10"), which never contains health data.
import Foundation

extension MendError: LocalizedError, CustomStringConvertible {
    /// The readable message.
    public var message: String {
        switch self {
        case .InvalidInput(let message), .NotFound(let message), .Conflict(let message),
            .ImportRejected(let message), .NeedsUpdate(let message), .Interrupted(let message),
            .Storage(let message), .Io(let message), .Closed(let message), .Sync(let message),
            .SyncRetryLater(let message), .Group(let message), .PrivateGroupLink(let message):
            return message
        }
    }

    public var errorDescription: String? { message }

    public var description: String { message }
}
