// MendKit: a person's Mend for Kotlin. Opens the journal in a data directory, runs every call off the
// caller's thread (suspend functions on Dispatchers.IO), and closes deterministically (AutoCloseable).
// The capabilities are extension functions grouped by file, as in bindings/src: Journal.kt, Insights.kt,
// Export.kt, Changes.kt. Records and choices are the core's own (app.mend.core); errors are the typed
// MendException subclasses, each with a readable message.
package app.mend.kit

import app.mend.ffi.Mend
import app.mend.ffi.MendException
import app.mend.ffi.OpenOptions
import java.io.File
import java.util.concurrent.atomic.AtomicBoolean
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext

/**
 * A person's Mend. Open one per data directory (blocking: construct it off the main thread, or use
 * [MendKit.open]) and keep it for the app's life; `close()` (or `use {}`) releases the database at once.
 *
 * @param dispatcher where blocking calls into the core run; tests may pass their own.
 */
class MendKit(
    dataDir: File,
    options: OpenOptions = OpenOptions(),
    private val dispatcher: CoroutineDispatcher = Dispatchers.IO,
) : AutoCloseable {
    private val mend: Mend = Mend.open(dataDir.path, options)
    private val closed = AtomicBoolean(false)

    /** The data directory. */
    val dataDir: File = dataDir

    /** Whether [close] has been called. */
    val isClosed: Boolean get() = closed.get()

    /** Runs a blocking call into the core on [dispatcher]. */
    internal suspend fun <T> call(block: (Mend) -> T): T = withContext(dispatcher) { block(handle()) }

    /** Runs one of the core's own suspending calls (they never block a thread). */
    internal suspend fun <T> callAsync(block: suspend (Mend) -> T): T = block(handle())

    /** The generated object, for calls that neither block nor suspend (subscribe, interrupt). */
    internal fun handle(): Mend {
        if (closed.get()) throw MendException.Closed("this journal has been closed")
        return mend
    }

    /** Stops a long-running import from another coroutine; it fails with [MendException.Interrupted]. */
    fun interrupt() = handle().interrupt()

    /** Releases the database now; later calls fail with [MendException.Closed]. Closing twice is fine. */
    override fun close() {
        if (closed.compareAndSet(false, true)) {
            mend.closeJournal()
            mend.close()
        }
    }

    companion object {
        /** Opens the journal in [dataDir] on [dispatcher]. */
        suspend fun open(
            dataDir: File,
            options: OpenOptions = OpenOptions(),
            dispatcher: CoroutineDispatcher = Dispatchers.IO,
        ): MendKit = withContext(dispatcher) { MendKit(dataDir, options, dispatcher) }
    }
}
