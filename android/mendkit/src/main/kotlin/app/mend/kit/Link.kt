// Linking a new device by a code, through MendKit. On the new device: syncLinkStart gives the code to show (its
// text, and its URI for a QR code), then syncLinkPoll until it says Linked (then syncNow brings the journal) or
// Refused; Digits comes once, to show beside the code. On a device already in sync: syncApproveStart with the code
// typed or scanned gives the new device's name, syncApprovePoll gives the digits once the new device has
// answered, and the person's yes (syncApproveFinish) or no (syncApproveDecline) ends it. How often to poll is the
// app's choice; every word is the core's.
package app.mend.kit

import app.mend.ffi.SyncApproval
import app.mend.ffi.SyncLinkCode
import app.mend.ffi.SyncLinkStep

/** On the new device: starts linking it to a journal on [server]. Show the code's `text`, and its `uri` as a QR code. */
suspend fun MendKit.syncLinkStart(server: String, deviceName: String): SyncLinkCode =
    callAsync { it.syncLinkStart(server, deviceName) }

/**
 * On the new device: looks once for the other device's answer (poll every second or so). A
 * [app.mend.ffi.MendException.SyncRetryLater] leaves the link going: poll again.
 */
suspend fun MendKit.syncLinkPoll(): SyncLinkStep = callAsync { it.syncLinkPoll() }

/** On the new device: stops linking; nothing was changed. */
fun MendKit.syncLinkCancel() = handle().syncLinkCancel()

/**
 * On a device in sync: starts approving the new device that shows [code] (as typed, or the URI its QR code
 * carries). Gives the new device's name; the digits come with [syncApprovePoll].
 */
suspend fun MendKit.syncApproveStart(code: String): SyncApproval = callAsync { it.syncApproveStart(code) }

/** On the approving device: looks once for the new device's answer; `digits` is null until it has answered. */
suspend fun MendKit.syncApprovePoll(): SyncApproval = callAsync { it.syncApprovePoll() }

/**
 * On the approving device: links the new device, once the person has confirmed that [confirmedDigits] are the
 * ones the new device shows. Digits that differ link nothing, and the new device is told.
 */
suspend fun MendKit.syncApproveFinish(confirmedDigits: String) = callAsync { it.syncApproveFinish(confirmedDigits) }

/** On the approving device: says no. The new device is told; nothing is linked. */
suspend fun MendKit.syncApproveDecline() = callAsync { it.syncApproveDecline() }
