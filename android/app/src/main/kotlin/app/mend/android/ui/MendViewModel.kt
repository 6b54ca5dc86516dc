// The base of every screen's view model: the journal from the Application, and a way to run an action whose
// problem, if any, becomes a message the screen can show.
package app.mend.android.ui

import android.app.Application
import androidx.lifecycle.AndroidViewModel
import androidx.lifecycle.viewModelScope
import app.mend.android.MendApplication
import app.mend.kit.MendChange
import app.mend.kit.MendKit
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.SharingStarted
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.emitAll
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.stateIn
import kotlinx.coroutines.launch

abstract class MendViewModel(app: Application) : AndroidViewModel(app) {
    private val journal = (app as MendApplication).mend

    /** A short message after an action ("Saved…", or what went wrong). */
    private val _notice = MutableStateFlow<String?>(null)
    val notice: StateFlow<String?> = _notice.asStateFlow()

    fun dismissNotice() {
        _notice.value = null
    }

    /** [load] now and whenever a [relevant] change is announced (cold: for use inside other flows). */
    protected fun <T> watch(
        relevant: (MendChange) -> Boolean = { true },
        load: suspend MendKit.() -> T,
    ): Flow<Loadable<T>> =
        flow { emitAll(journal.await().follow(relevant, load)) }

    /** A screen's state: [watch] kept while the screen is shown. */
    protected fun <T> follow(relevant: (MendChange) -> Boolean = { true }, load: suspend MendKit.() -> T) =
        watch(relevant, load).stateIn(viewModelScope, SharingStarted.WhileSubscribed(5_000), Loadable.Loading)

    /** Runs [work]; shows [done] after it, or the core's readable message if it fails. */
    protected fun act(done: String? = null, work: suspend MendKit.() -> Unit) {
        viewModelScope.launch {
            when (val result = attempt { journal.await().work() }) {
                is Loadable.Failed -> _notice.value = result.message
                else -> done?.let { _notice.value = it }
            }
        }
    }
}
