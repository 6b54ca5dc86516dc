// Asks the core for a fresh plan when alarms may be stale: after a restart, an app update, a change of time or
// time zone (floating reminders follow the phone), a change in the exact-alarm permission, and when the last
// plan runs out.
package app.mend.android.notifications

import android.content.BroadcastReceiver
import android.content.Context
import android.content.Intent
import app.mend.android.mendApp
import kotlinx.coroutines.launch

class RescheduleReceiver : BroadcastReceiver() {
    override fun onReceive(context: Context, intent: Intent) {
        val pending = goAsync()
        val app = context.mendApp
        app.scope.launch {
            try {
                ReminderScheduler(app).reschedule(app.mend.await())
            } finally {
                pending.finish()
            }
        }
    }

    companion object {
        const val ACTION_REPLAN = "app.mend.action.REPLAN"
    }
}
