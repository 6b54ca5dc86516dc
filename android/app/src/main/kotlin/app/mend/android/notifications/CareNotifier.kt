// Posts the core's care notification when an alert is raised (a check-in from another device, or while Mend is
// not in front): the core gives the words — discreet unless the person turned that off — and the app only shows
// them, on the reminders channel, with one notification that each new alert replaces.
package app.mend.android.notifications

import android.app.Notification
import android.app.NotificationManager
import android.app.PendingIntent
import android.content.Context
import android.content.Intent
import app.mend.android.MainActivity
import app.mend.kit.MendKit
import app.mend.kit.todayDashboard

class CareNotifier(private val context: Context) {
    /** Shows the open alerts' card as the core words it, or nothing when no alert is open. */
    suspend fun show(kit: MendKit) {
        val words = kit.todayDashboard().careNotification ?: return
        val open = PendingIntent.getActivity(
            context, 0, Intent(context, MainActivity::class.java), PendingIntent.FLAG_IMMUTABLE,
        )
        val notification = Notification.Builder(context, ReminderScheduler.CHANNEL)
            .setSmallIcon(android.R.drawable.ic_dialog_alert)
            .setContentTitle(words.title)
            .setContentText(words.body)
            .setStyle(Notification.BigTextStyle().bigText(words.body))
            .setContentIntent(open)
            .setAutoCancel(true)
            .setVisibility(Notification.VISIBILITY_PRIVATE)
            .build()
        context.getSystemService(NotificationManager::class.java).notify(ID, notification)
    }

    private companion object {
        const val ID = 7_001
    }
}
