// Sync through MendKit: give the platform once (a SyncTransport — JavaHttpTransport here — and a SecretStore
// over the Android Keystore), then set up or join by recovery phrase and sync. Every call suspends; the core's
// sync runs on the Rust runtime and never blocks a thread. When to sync is the core's decision
// (nextSyncAt); the app schedules it (WorkManager on Android). Status and errors carry the core's words.
package app.mend.kit

import app.mend.ffi.MendObserver
import app.mend.ffi.SecretStore
import app.mend.ffi.SyncDevice
import app.mend.ffi.SyncProgress
import app.mend.ffi.SyncProgressListener
import app.mend.ffi.SyncReport
import app.mend.ffi.SyncRevoked
import app.mend.ffi.SyncSetUp
import app.mend.ffi.SyncStatus
import app.mend.ffi.SyncTransport
import java.time.Instant
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.channels.awaitClose
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.buffer
import kotlinx.coroutines.flow.callbackFlow
import kotlinx.coroutines.flow.distinctUntilChanged
import kotlinx.coroutines.flow.map

/**
 * Gives sync the app's HTTP [transport] and secret [store] (once, after opening). On Android the store keeps
 * each secret encrypted under a key in the Android Keystore; never in the journal's folder.
 */
fun MendKit.setSyncPlatform(transport: SyncTransport, store: SecretStore) = handle().setSyncPlatform(transport, store)

/** Sets sync up with a new account on [server]: the phrase's words (show once, never store) and two positions to ask back. */
suspend fun MendKit.syncSetup(server: String, deviceName: String): SyncSetUp =
    callAsync { it.syncSetup(server, deviceName) }

/** Whether [answer] is the word at [position] (1-based) of [phrase]: set-up's check that it was written down. */
fun MendKit.syncPhraseConfirms(phrase: String, position: Int, answer: String): Boolean =
    handle().syncPhraseConfirms(phrase, position.toUInt(), answer)

/** Joins the account [phrase] belongs to on [server]; the next [syncNow] brings the journal here. */
suspend fun MendKit.syncJoin(server: String, phrase: String, deviceName: String) =
    callAsync { it.syncJoin(server, phrase, deviceName) }

/**
 * Syncs now. [onProgress] hears progress on the syncing thread (hand off quickly). Cancelling the coroutine
 * stops the running syncs between requests ([syncCancel]); nothing is lost and the next sync carries on.
 */
suspend fun MendKit.syncNow(allowDeletions: Boolean = false, onProgress: ((SyncProgress) -> Unit)? = null): SyncReport {
    val listener = onProgress?.let { tell ->
        object : SyncProgressListener {
            override fun progress(progress: SyncProgress) = tell(progress)
        }
    }
    return try {
        callAsync { it.syncNow(allowDeletions, listener) }
    } catch (e: CancellationException) {
        handle().syncCancel()
        throw e
    }
}

/**
 * The account's devices, oldest first: each one's name (or, in `shownAs`, the core's words for a name that can't
 * be read), when it was added and last seen, and which one is this device.
 */
suspend fun MendKit.syncDevices(): List<SyncDevice> = callAsync { it.syncDevices() }

/** A new recovery phrase (from a device in sync): show once. The old phrase stops working; nothing else changes. */
suspend fun MendKit.syncNewPhrase(): SyncSetUp = callAsync { it.syncNewPhrase() }

/**
 * Removes a device from the synced journal at once, by its name or id (as [syncDevices] lists them), and renews the
 * keys so it can read nothing new; with [wipe], it erases its journal if it ever connects again. `renewalPending`
 * holds the core's words when the renewal waits for the next sync (offline, say): the device is cut off either way.
 * The recovery phrase stays the same.
 */
suspend fun MendKit.syncRevoke(device: String, wipe: Boolean = false): SyncRevoked =
    callAsync { it.syncRevoke(device, wipe) }

/** Whether [phrase] (all its words) is the journal's recovery phrase now. */
suspend fun MendKit.syncCheckPhrase(phrase: String): Boolean = callAsync { it.syncCheckPhrase(phrase) }

/** Applies the deletions sync held for the person's OK. */
suspend fun MendKit.confirmDeletions(): SyncReport = callAsync { it.confirmDeletions() }

/** Stops the syncs running now, between requests. */
fun MendKit.syncCancel() = handle().syncCancel()

/** How sync stands, with the core's words. */
suspend fun MendKit.syncStatus(): SyncStatus = call { it.syncStatus() }

/** Whether to sync after each change on this device. */
suspend fun MendKit.syncAuto(on: Boolean) = call { it.syncAuto(on) }

/** Whether reminders ring on this device. */
suspend fun MendKit.syncRemindersHere(on: Boolean) = call { it.syncRemindersHere(on) }

/** When to sync next (the core decides; schedule it), or null when sync is off. */
suspend fun MendKit.nextSyncAt(): Instant? = call { it.nextSyncAt() }

/** Turns sync off here (the journal stays); with [deleteFromServer], deletes the account on the server first. */
suspend fun MendKit.syncOff(deleteFromServer: Boolean = false) = callAsync { it.syncOff(deleteFromServer) }

/**
 * Sync's status now and after every change that may move it (a sync, a write waiting to go up), until the
 * collector stops. Consecutive equal statuses are sent once.
 */
val MendKit.syncStatusFlow: Flow<SyncStatus>
    get() = callbackFlow {
        val handle = handle().subscribe(object : MendObserver {
            override fun journalChanged() {
                trySend(Unit)
            }

            override fun alertRaised(alertId: String) {}

            override fun libraryChanged() {}

            override fun remindersChanged() {
                trySend(Unit)
            }

            override fun syncChanged() {
                trySend(Unit)
            }
        })
        send(Unit)
        awaitClose { handle.use { it.cancel() } }
    }.buffer(Channel.CONFLATED).map { syncStatus() }.distinctUntilChanged()
