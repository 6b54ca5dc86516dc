// Schedules the core's reminder plan with AlarmManager: one alarm per firing (exact where the person allowed
// exact alarms, else allowed-while-idle), plus one to ask for a new plan when this one runs out. The core has
// already applied quiet hours, snoozes, done and skipped occurrences and discreet wording; nothing is decided
// here. Rescheduling replaces every alarm set last time.
package app.mend.android.notifications

import android.app.AlarmManager
import android.app.NotificationChannel
import android.app.NotificationManager
import android.app.PendingIntent
import android.content.Context
import android.content.Intent
import android.net.Uri
import android.os.Build
import androidx.core.content.edit
import app.mend.android.R
import app.mend.core.Firing
import app.mend.kit.MendKit
import app.mend.kit.reminderPlan
import kotlin.time.Duration.Companion.days

class ReminderScheduler(private val context: Context) {
    private val alarms = context.getSystemService(AlarmManager::class.java)
    private val scheduled = context.getSharedPreferences("scheduled-reminders", Context.MODE_PRIVATE)

    /** Replaces every alarm with the core's plan for the next week (at most 64 firings). */
    suspend fun reschedule(mend: MendKit) {
        val plan = mend.reminderPlan(horizon = 7.days)
        cancelAll()
        plan.firings.forEach(::schedule)
        val replanAt = plan.firings.lastOrNull()?.takeIf { plan.capped }?.atUtc ?: plan.until
        alarms.setAndAllowWhileIdle(AlarmManager.RTC_WAKEUP, replanAt.toEpochMilli(), replanIntent())
        scheduled.edit { putStringSet(KEY, plan.firings.map { it.id }.toSet()) }
    }

    private fun schedule(firing: Firing) {
        val at = firing.atUtc.toEpochMilli()
        val intent = fireIntent(firing.id) { putFiring(firing) }
        if (Build.VERSION.SDK_INT < Build.VERSION_CODES.S || alarms.canScheduleExactAlarms()) {
            alarms.setExactAndAllowWhileIdle(AlarmManager.RTC_WAKEUP, at, intent)
        } else {
            alarms.setAndAllowWhileIdle(AlarmManager.RTC_WAKEUP, at, intent)
        }
    }

    private fun cancelAll() {
        scheduled.getStringSet(KEY, emptySet()).orEmpty().forEach { alarms.cancel(fireIntent(it) {}) }
    }

    /** One PendingIntent per firing id (the id is in the data URI, so intents never collide). */
    private fun fireIntent(id: String, extras: Intent.() -> Unit): PendingIntent =
        PendingIntent.getBroadcast(
            context, 0,
            Intent(context, ReminderReceiver::class.java)
                .setAction(ReminderReceiver.ACTION_FIRE)
                .setData(Uri.parse("mend://firing/$id"))
                .apply(extras),
            PendingIntent.FLAG_IMMUTABLE or PendingIntent.FLAG_UPDATE_CURRENT,
        )

    private fun replanIntent(): PendingIntent =
        PendingIntent.getBroadcast(
            context, 0,
            Intent(context, RescheduleReceiver::class.java).setAction(RescheduleReceiver.ACTION_REPLAN),
            PendingIntent.FLAG_IMMUTABLE or PendingIntent.FLAG_UPDATE_CURRENT,
        )

    companion object {
        private const val KEY = "firing-ids"
        const val CHANNEL = "reminders"

        /** The one notification channel; its name says nothing about health. */
        fun createChannel(context: Context) {
            val channel = NotificationChannel(
                CHANNEL, context.getString(R.string.channel_reminders), NotificationManager.IMPORTANCE_DEFAULT,
            ).apply { lockscreenVisibility = android.app.Notification.VISIBILITY_PRIVATE }
            context.getSystemService(NotificationManager::class.java).createNotificationChannel(channel)
        }
    }
}

/** What the receiver needs to show a firing and act on it. */
internal fun Intent.putFiring(firing: Firing) {
    putExtra(ReminderReceiver.EXTRA_FIRING, firing.id)
    putExtra(ReminderReceiver.EXTRA_REMINDER, firing.reminder)
    putExtra(ReminderReceiver.EXTRA_OCCURRENCE, firing.occurrenceUtc.toEpochMilli())
    putExtra(ReminderReceiver.EXTRA_TITLE, firing.title)
    putExtra(ReminderReceiver.EXTRA_BODY, firing.body)
}
