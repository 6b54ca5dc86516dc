// History: the last 30 days of check-ins and events, newest first, each in a line or two.
package app.mend.android.ui

import android.app.Application
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.lazy.LazyColumn
import androidx.compose.foundation.lazy.items
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import androidx.lifecycle.viewmodel.compose.viewModel
import app.mend.android.R
import app.mend.core.CheckIn
import app.mend.core.Event
import app.mend.core.EventDetails
import app.mend.core.HistoryEntry
import app.mend.kit.MendChange
import app.mend.kit.history
import app.mend.kit.today
import java.time.ZoneId
import java.time.format.DateTimeFormatter
import java.time.format.FormatStyle

class HistoryViewModel(app: Application) : MendViewModel(app) {
    val entries = follow({ it == MendChange.JournalChanged }) {
        val today = today(java.time.ZoneId.systemDefault().id)
        history(today.minusDays(29), today).reversed()
    }
}

@Composable
fun HistoryScreen(model: HistoryViewModel = viewModel()) {
    val state by model.entries.collectAsStateWithLifecycle()
    LazyColumn(Modifier.fillMaxWidth().padding(16.dp), verticalArrangement = Arrangement.spacedBy(12.dp)) {
        when (val s = state) {
            is Loadable.Loading -> Unit
            is Loadable.Failed -> item { Text(s.message) }
            is Loadable.Ready -> {
                if (s.value.isEmpty()) item { Text(stringResource(R.string.history_empty)) }
                items(s.value, key = { it.guid() }) { entry ->
                    when (entry) {
                        is HistoryEntry.Checkin -> Line(entry.v1.whenText(), entry.v1.summary())
                        is HistoryEntry.Event -> Line(entry.v1.whenText(), entry.v1.summary())
                    }
                }
            }
        }
    }
}

private val whenFormat = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)

private fun HistoryEntry.guid() = when (this) {
    is HistoryEntry.Checkin -> v1.guid
    is HistoryEntry.Event -> v1.guid
}

private fun CheckIn.whenText(): String = at.atZone(ZoneId.of(timeZone)).format(whenFormat)

private fun Event.whenText(): String = at.atZone(ZoneId.of(timeZone)).format(whenFormat)

/** A check-in in a line: what was logged, in plain words. */
private fun CheckIn.summary(): String = buildList {
    data.mood?.let { add("Mood $it/10") }
    data.bleeding?.let { add("Bleeding: ${it.label().lowercase()}") }
    data.pain.worst()?.let { add("Pain $it/10") }
    data.temperatureC?.let { add("$it °C") }
    if (data.feelings.isNotEmpty()) add(data.feelings.joinToString { it.name.lowercase() })
    data.note?.let { add("“$it”") }
}.joinToString(" · ").ifEmpty { "Checked in" }

private fun app.mend.core.PainScores.worst(): UByte? =
    listOfNotNull(cramps, back, oneSided, shoulderTip, breast, head, legLeft, legRight).maxOrNull()

private fun Event.summary(): String = when (val d = details) {
    is EventDetails.Test -> "Pregnancy test: ${d.result.name.lowercase()}"
    EventDetails.PeriodStart -> "Period started"
    EventDetails.PeriodEnd -> "Period ended"
    is EventDetails.Medication -> "Medication: ${d.name}"
    is EventDetails.Appointment -> "Appointment" + (d.withWhom?.let { " with $it" } ?: "")
    is EventDetails.GoAhead -> "Go-ahead from your clinician: ${d.activity.name.lowercase().replace('_', ' ')}"
    is EventDetails.Session -> "${d.session.name.lowercase().replaceFirstChar { it.uppercase() }} session"
    is EventDetails.Memorial -> d.name ?: "A memorial"
}
