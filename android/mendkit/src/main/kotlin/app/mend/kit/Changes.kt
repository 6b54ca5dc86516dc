// Change notifications as a Flow: collecting `changes` registers an observer with the core; cancelling the
// collection cancels the subscription. The core says only what kind of thing changed, never its contents.
package app.mend.kit

import app.mend.ffi.MendObserver
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.channels.awaitClose
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.buffer
import kotlinx.coroutines.flow.callbackFlow

/** What changed. */
sealed interface MendChange {
    /** Something in the journal was added, edited or removed: re-read what the screen shows. */
    data object JournalChanged : MendChange

    /** The care engine raised (or re-opened) an alert: show it at once. */
    data class AlertRaised(val alertId: String) : MendChange

    /** A guide was bookmarked, unbookmarked or marked read. */
    data object LibraryChanged : MendChange

    /** Reminders or their settings changed: ask for a new plan and reschedule notifications. */
    data object RemindersChanged : MendChange

    /** A sync ran or failed: read the sync status again (or collect [syncStatusFlow]). */
    data object SyncChanged : MendChange
}

/**
 * Every change from now until the collector stops. Nothing is dropped (alerts matter); a screen that only
 * needs "something changed" can `conflate()`.
 */
val MendKit.changes: Flow<MendChange>
    get() = callbackFlow {
        val handle = handle().subscribe(object : MendObserver {
            override fun journalChanged() {
                trySend(MendChange.JournalChanged)
            }

            override fun alertRaised(alertId: String) {
                trySend(MendChange.AlertRaised(alertId))
            }

            override fun libraryChanged() {
                trySend(MendChange.LibraryChanged)
            }

            override fun remindersChanged() {
                trySend(MendChange.RemindersChanged)
            }

            override fun syncChanged() {
                trySend(MendChange.SyncChanged)
            }
        })
        awaitClose { handle.use { it.cancel() } }
    }.buffer(Channel.UNLIMITED)
