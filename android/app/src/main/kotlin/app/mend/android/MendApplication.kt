// The app process: opens the person's journal once (off the main thread), keeps notifications in step with the
// core's reminder plan for as long as the process lives, and shows the core's care notification when an alert
// is raised.
package app.mend.android

import android.app.Application
import app.mend.android.notifications.CareNotifier
import app.mend.android.notifications.ReminderScheduler
import app.mend.kit.MendChange
import app.mend.kit.MendKit
import app.mend.kit.changes
import java.io.File
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Deferred
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.async
import kotlinx.coroutines.flow.conflate
import kotlinx.coroutines.flow.filter
import kotlinx.coroutines.launch

class MendApplication : Application() {
    /** Lives as long as the process; work started here outlives any screen. */
    val scope = CoroutineScope(SupervisorJob() + Dispatchers.Default)

    /** The journal, in app-private storage (excluded from backups; see data_extraction_rules.xml). */
    val mend: Deferred<MendKit> by lazy { scope.async(Dispatchers.IO) { MendKit(File(filesDir, "journal")) } }

    override fun onCreate() {
        super.onCreate()
        ReminderScheduler.createChannel(this)
        scope.launch {
            val kit = mend.await()
            ReminderScheduler(this@MendApplication).reschedule(kit)
            kit.changes
                .filter { it == MendChange.RemindersChanged || it == MendChange.JournalChanged }
                .conflate()
                .collect { ReminderScheduler(this@MendApplication).reschedule(kit) }
        }
        scope.launch {
            val kit = mend.await()
            kit.changes
                .filter { it is MendChange.AlertRaised }
                .conflate()
                .collect { CareNotifier(this@MendApplication).show(kit) }
        }
    }
}

/** The journal from any component. */
val android.content.Context.mendApp: MendApplication get() = applicationContext as MendApplication
