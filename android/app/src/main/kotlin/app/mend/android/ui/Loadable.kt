// What a screen shows while the core answers: loading, the answer, or a problem in plain words. Also the
// one way screens follow the core: re-read when a change they depend on is announced.
package app.mend.android.ui

import app.mend.ffi.MendException
import app.mend.kit.MendChange
import app.mend.kit.MendKit
import app.mend.kit.changes
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.conflate
import kotlinx.coroutines.flow.filter
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.flow.onStart

sealed interface Loadable<out T> {
    data object Loading : Loadable<Nothing>
    data class Ready<T>(val value: T) : Loadable<T>

    /** The core's readable message (it never contains health data). */
    data class Failed(val message: String) : Loadable<Nothing>
}

/** [load] now, and again whenever a change [relevant] says matters is announced. */
fun <T> MendKit.follow(relevant: (MendChange) -> Boolean = { true }, load: suspend MendKit.() -> T): Flow<Loadable<T>> =
    changes.filter(relevant)
        .map { }
        .onStart { emit(Unit) }
        .conflate()
        .map { attempt { load() } }

/** The result of [work], or its MendException as a readable failure. */
suspend fun <T> attempt(work: suspend () -> T): Loadable<T> =
    try {
        Loadable.Ready(work())
    } catch (e: MendException) {
        Loadable.Failed(e.message ?: "Something went wrong. Please try again.")
    }
