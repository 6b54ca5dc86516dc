// Reminders: each with how it stands and when it next fires; add one (what it is for, a time, every day or
// once), pause, resume or delete; quiet hours. Asks for notification permission when the first is added.
package app.mend.android.ui

import android.Manifest
import android.app.Application
import android.os.Build
import androidx.activity.compose.rememberLauncherForActivityResult
import androidx.activity.result.contract.ActivityResultContracts
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.lazy.LazyColumn
import androidx.compose.foundation.lazy.items
import androidx.compose.material3.AlertDialog
import androidx.compose.material3.Checkbox
import androidx.compose.material3.ExperimentalMaterial3Api
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.material3.TimePicker
import androidx.compose.material3.rememberTimePickerState
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.saveable.rememberSaveable
import androidx.compose.runtime.setValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import androidx.lifecycle.viewmodel.compose.viewModel
import app.mend.android.R
import app.mend.core.NewReminder
import app.mend.core.ReminderKind
import app.mend.core.ReminderListing
import app.mend.core.ReminderStatus
import app.mend.core.Every
import app.mend.core.PlainSchedule
import app.mend.core.Schedule
import app.mend.kit.MendChange
import app.mend.kit.reminderScheduleInWords
import app.mend.kit.addReminder
import app.mend.kit.deleteReminder
import app.mend.kit.pauseReminder
import app.mend.kit.quietHours
import app.mend.kit.reminders
import app.mend.kit.resumeReminder
import app.mend.kit.setQuietHours
import app.mend.kit.suggestedQuietHours
import app.mend.kit.today
import java.time.LocalTime
import java.time.ZoneId
import java.time.format.DateTimeFormatter
import java.time.format.FormatStyle

class RemindersViewModel(app: Application) : MendViewModel(app) {
    val state = follow({ it == MendChange.RemindersChanged }) {
        Triple(reminders(), quietHours(), suggestedReminderTime(ReminderKind.MEDICATION))
    }

    /** A reminder in the phone's zone now (it follows the person if they travel: floating). */
    fun add(kind: ReminderKind, title: String, time: LocalTime, daily: Boolean) = act {
        val start = today(java.time.ZoneId.systemDefault().id)
        // "Every day" is the core's rule, not the app's.
        val schedule = if (daily) {
            reminderScheduleInWords(PlainSchedule(Every.DAY, emptyList(), listOf(time), start))
        } else {
            Schedule.Once(start, time)
        }
        addReminder(NewReminder(kind = kind, title = title, schedule = schedule, timeZone = null, until = null))
    }

    fun setPaused(listing: ReminderListing, paused: Boolean) =
        act { if (paused) pauseReminder(listing.reminder.guid) else resumeReminder(listing.reminder.guid) }

    fun delete(listing: ReminderListing) = act { deleteReminder(listing.reminder.guid) }

    fun setQuiet(on: Boolean) = act {
        setQuietHours(if (on) suggestedQuietHours() else null)
    }
}

@Composable
fun RemindersScreen(model: RemindersViewModel = viewModel()) {
    val state by model.state.collectAsStateWithLifecycle()
    val notice by model.notice.collectAsStateWithLifecycle()
    var adding by rememberSaveable { mutableStateOf(false) }
    val askPermission = rememberLauncherForActivityResult(ActivityResultContracts.RequestPermission()) { }
    LazyColumn(Modifier.fillMaxWidth().padding(16.dp), verticalArrangement = Arrangement.spacedBy(12.dp)) {
        when (val s = state) {
            is Loadable.Loading -> Unit
            is Loadable.Failed -> item { Text(s.message) }
            is Loadable.Ready -> {
                val (listings, quiet) = s.value
                if (listings.isEmpty()) item { Text(stringResource(R.string.reminders_empty)) }
                items(listings, key = { it.reminder.guid }) { listing ->
                    ReminderRow(
                        listing,
                        onPause = { model.setPaused(listing, it) },
                        onDelete = { model.delete(listing) },
                    )
                }
                item {
                    Row(verticalAlignment = Alignment.CenterVertically) {
                        Checkbox(checked = quiet != null, onCheckedChange = model::setQuiet)
                        val window = quiet?.let { "${it.from}–${it.to}" } ?: stringResource(R.string.reminders_quiet_off)
                        Text(stringResource(R.string.reminders_quiet) + ": " + window)
                    }
                }
            }
        }
        notice?.let { item { Text(it) } }
        item {
            TextButton(onClick = {
                if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.TIRAMISU) {
                    askPermission.launch(Manifest.permission.POST_NOTIFICATIONS)
                }
                adding = true
            }) { Text(stringResource(R.string.reminders_add)) }
        }
    }
    // Where the time picker opens: the core's suggestion, once loaded.
    val opensAt = (state as? Loadable.Ready)?.value?.third
    if (adding && opensAt != null) {
        AddReminderDialog(opensAt, onDismiss = { adding = false }, onAdd = { kind, title, time, daily ->
            model.add(kind, title, time, daily)
            adding = false
        })
    }
}

@Composable
private fun ReminderRow(listing: ReminderListing, onPause: (Boolean) -> Unit, onDelete: () -> Unit) {
    val next = listing.nextAtUtc?.atZone(ZoneId.systemDefault())
        ?.format(DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT))
    Column(Modifier.fillMaxWidth()) {
        // The core's words ("every day at 09:00"), then the next time it rings.
        Line(listing.reminder.title, listOfNotNull(listing.words, next).joinToString(" · "))
        Row(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
            val paused = listing.status == ReminderStatus.PAUSED
            TextButton(onClick = { onPause(!paused) }) {
                Text(stringResource(if (paused) R.string.reminders_resume else R.string.reminders_pause))
            }
            TextButton(onClick = onDelete) { Text(stringResource(R.string.reminders_delete)) }
        }
    }
}

@OptIn(ExperimentalMaterial3Api::class)
@Composable
private fun AddReminderDialog(
    opensAt: LocalTime,
    onDismiss: () -> Unit,
    onAdd: (ReminderKind, String, LocalTime, Boolean) -> Unit,
) {
    var title by rememberSaveable { mutableStateOf("") }
    var daily by rememberSaveable { mutableStateOf(true) }
    val time = rememberTimePickerState(initialHour = opensAt.hour, initialMinute = opensAt.minute)
    val kind = remember { ReminderKind.MEDICATION }
    AlertDialog(
        onDismissRequest = onDismiss,
        title = { Text(stringResource(R.string.reminders_add)) },
        text = {
            Column(verticalArrangement = Arrangement.spacedBy(8.dp)) {
                OutlinedTextField(title, { title = it }, label = { Text(stringResource(R.string.reminders_title)) })
                TimePicker(state = time)
                Row(verticalAlignment = Alignment.CenterVertically) {
                    Checkbox(checked = daily, onCheckedChange = { daily = it })
                    Text(stringResource(R.string.reminders_daily))
                }
            }
        },
        confirmButton = {
            TextButton(enabled = title.isNotBlank(), onClick = {
                onAdd(kind, title.trim(), LocalTime.of(time.hour, time.minute), daily)
            }) { Text(stringResource(R.string.save)) }
        },
        dismissButton = { TextButton(onClick = onDismiss) { Text(stringResource(R.string.cancel)) } },
    )
}
