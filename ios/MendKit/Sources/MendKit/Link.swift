// Linking a new device by a code, through MendClient. On the new device: `syncLinkStart` gives the code to show
// (its text, and its URI for a QR code), then `syncLinkPoll` until it says `.linked` (then `syncNow()` brings the
// journal) or `.refused`; `.digits` comes once, to show beside the code. On a device already in sync:
// `syncApproveStart` with the code typed or scanned gives the new device's name, `syncApprovePoll` gives the
// digits once the new device has answered, and the person's yes (`syncApproveFinish`) or no
// (`syncApproveDecline`) ends it. How often to poll is the app's choice; every word is the core's.
import Foundation

extension MendClient {
    /// On the new device: starts linking it to a journal on `server`. Show the code's `text`, and its `uri` as
    /// a QR code, for its `expiresInSecs`.
    public func syncLinkStart(server: String, deviceName: String) async throws -> SyncLinkCode {
        try await mend.syncLinkStart(server: server, deviceName: deviceName)
    }

    /// On the new device: looks once for the other device's answer (poll every second or so). A
    /// `MendError.SyncRetryLater` leaves the link going: poll again.
    public func syncLinkPoll() async throws -> SyncLinkStep {
        try await mend.syncLinkPoll()
    }

    /// On the new device: stops linking; nothing was changed.
    public func syncLinkCancel() {
        mend.syncLinkCancel()
    }

    /// On a device in sync: starts approving the new device that shows `code` (as typed, or the URI its QR code
    /// carries). Gives the new device's name; the digits come with `syncApprovePoll()`.
    public func syncApproveStart(code: String) async throws -> SyncApproval {
        try await mend.syncApproveStart(code: code)
    }

    /// On the approving device: looks once for the new device's answer; `digits` is nil until it has answered.
    public func syncApprovePoll() async throws -> SyncApproval {
        try await mend.syncApprovePoll()
    }

    /// On the approving device: links the new device, once the person has confirmed that `confirmedDigits` are
    /// the ones the new device shows. Digits that differ link nothing, and the new device is told.
    public func syncApproveFinish(confirmedDigits: String) async throws {
        try await mend.syncApproveFinish(confirmedDigits: confirmedDigits)
    }

    /// On the approving device: says no. The new device is told; nothing is linked.
    public func syncApproveDecline() async throws {
        try await mend.syncApproveDecline()
    }
}
