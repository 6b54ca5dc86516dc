// Shows a reminder when its alarm goes off (the words the core chose: generic while discreet notifications
// are on), and records "Done" or "In an hour" from the notification's buttons without opening the app.
package app.mend.android.notifications

import android.app.Notification
import android.app.NotificationManager
import android.app.PendingIntent
import android.content.BroadcastReceiver
import android.content.Context
import android.content.Intent
import app.mend.android.MainActivity
import app.mend.android.R
import app.mend.android.mendApp
import app.mend.core.SnoozeFor
import app.mend.kit.reminderDone
import app.mend.kit.reminderSnooze
import java.time.Instant
import kotlinx.coroutines.launch

class ReminderReceiver : BroadcastReceiver() {
    override fun onReceive(context: Context, intent: Intent) {
        when (intent.action) {
            ACTION_FIRE -> show(context, intent)
            ACTION_DONE, ACTION_SNOOZE -> record(context, intent)
        }
    }

    private fun show(context: Context, intent: Intent) {
        val firing = intent.getStringExtra(EXTRA_FIRING) ?: return
        val open = PendingIntent.getActivity(
            context, 0, Intent(context, MainActivity::class.java), PendingIntent.FLAG_IMMUTABLE,
        )
        val notification = Notification.Builder(context, ReminderScheduler.CHANNEL)
            .setSmallIcon(android.R.drawable.ic_popup_reminder)
            .setContentTitle(intent.getStringExtra(EXTRA_TITLE))
            .setContentText(intent.getStringExtra(EXTRA_BODY))
            .setContentIntent(open)
            .setAutoCancel(true)
            .setVisibility(Notification.VISIBILITY_PRIVATE)
            .addAction(action(context, intent, ACTION_DONE, R.string.reminders_done))
            .addAction(action(context, intent, ACTION_SNOOZE, R.string.reminders_snooze))
            .build()
        context.getSystemService(NotificationManager::class.java).notify(firing.hashCode(), notification)
    }

    private fun action(context: Context, fired: Intent, action: String, label: Int): Notification.Action {
        val intent = Intent(fired).setClass(context, ReminderReceiver::class.java).setAction(action)
        val pending = PendingIntent.getBroadcast(context, 0, intent, PendingIntent.FLAG_IMMUTABLE)
        return Notification.Action.Builder(null, context.getString(label), pending).build()
    }

    /** Done or snooze, through the core (which then announces the change, and the plan is rescheduled). */
    private fun record(context: Context, intent: Intent) {
        val reminder = intent.getStringExtra(EXTRA_REMINDER) ?: return
        val occurrence = Instant.ofEpochMilli(intent.getLongExtra(EXTRA_OCCURRENCE, 0))
        val firing = intent.getStringExtra(EXTRA_FIRING).orEmpty()
        val pending = goAsync()
        val app = context.mendApp
        app.scope.launch {
            try {
                val mend = app.mend.await()
                if (intent.action == ACTION_DONE) {
                    mend.reminderDone(reminder, occurrence)
                } else {
                    mend.reminderSnooze(reminder, SnoozeFor.ONE_HOUR, occurrence)
                }
                context.getSystemService(NotificationManager::class.java).cancel(firing.hashCode())
            } finally {
                pending.finish()
            }
        }
    }

    companion object {
        const val ACTION_FIRE = "app.mend.action.REMINDER_FIRE"
        const val ACTION_DONE = "app.mend.action.REMINDER_DONE"
        const val ACTION_SNOOZE = "app.mend.action.REMINDER_SNOOZE"
        const val EXTRA_FIRING = "firing"
        const val EXTRA_REMINDER = "reminder"
        const val EXTRA_OCCURRENCE = "occurrence"
        const val EXTRA_TITLE = "title"
        const val EXTRA_BODY = "body"
    }
}
