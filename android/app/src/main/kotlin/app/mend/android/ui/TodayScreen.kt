// Today: open alerts first (what to do, with a button to call), then the check-in that takes under ten
// seconds (a mood and, if any, bleeding: one tap each, then Save), then where recovery stands, what to expect,
// when gentle things are safe again, guides for now and the next reminders.
package app.mend.android.ui

import android.app.Application
import android.content.Intent
import android.net.Uri
import androidx.compose.foundation.clickable
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.FlowRow
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.lazy.LazyColumn
import androidx.compose.foundation.lazy.items
import androidx.compose.foundation.text.KeyboardOptions
import androidx.compose.material3.Button
import androidx.compose.material3.Card
import androidx.compose.material3.CardDefaults
import androidx.compose.material3.ExperimentalMaterial3Api
import androidx.compose.material3.FilterChip
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Slider
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableFloatStateOf
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.saveable.rememberSaveable
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.LocalContext
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.text.font.FontWeight
import androidx.compose.ui.text.input.KeyboardType
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import androidx.lifecycle.viewmodel.compose.viewModel
import app.mend.android.R
import app.mend.core.Alert
import app.mend.core.Bleeding
import app.mend.core.CheckInData
import app.mend.core.NewCheckIn
import app.mend.core.PainScores
import app.mend.core.Severity
import app.mend.core.Today
import app.mend.kit.acknowledgeAlert
import app.mend.kit.addCheckin
import app.mend.kit.todayDashboard
import java.time.format.DateTimeFormatter
import java.time.format.FormatStyle
import kotlin.math.roundToInt

class TodayViewModel(app: Application) : MendViewModel(app) {
    val today = follow { todayDashboard() }

    fun checkIn(data: CheckInData) =
        act(getApplication<Application>().getString(R.string.checkin_saved)) { addCheckin(NewCheckIn(data = data)) }

    fun acknowledge(alert: Alert) = act { acknowledgeAlert(alert.id) }
}

@Composable
fun TodayScreen(openGuide: (String) -> Unit, model: TodayViewModel = viewModel()) {
    val state by model.today.collectAsStateWithLifecycle()
    val notice by model.notice.collectAsStateWithLifecycle()
    LazyColumn(Modifier.fillMaxWidth().padding(16.dp), verticalArrangement = Arrangement.spacedBy(16.dp)) {
        when (val s = state) {
            is Loadable.Loading -> Unit
            is Loadable.Failed -> item { Text(s.message) }
            is Loadable.Ready -> {
                val today = s.value
                items(today.alerts, key = { it.id }) { AlertCard(it, onSeen = { model.acknowledge(it) }) }
                item { QuickCheckIn(onSave = model::checkIn) }
                notice?.let { item { Text(it, style = MaterialTheme.typography.bodyMedium) } }
                item { Recovery(today) }
                if (today.markers.isNotEmpty()) {
                    item { Heading(R.string.what_to_expect) }
                    items(today.markers, key = { it.marker.name }) { Line(it.title, it.message) }
                }
                if (today.readiness.isNotEmpty()) {
                    item { Heading(R.string.when_safe) }
                    items(today.readiness, key = { it.gate.name }) { Line(it.title, it.opens ?: it.about) }
                }
                if (today.suggestions.isNotEmpty()) {
                    item { Heading(R.string.for_you_now) }
                    items(today.suggestions, key = { it.guide.id }) {
                        Line(it.guide.title, it.reason, Modifier.clickable { openGuide(it.guide.id) })
                    }
                }
                if (today.upcomingReminders.isNotEmpty()) {
                    item { Heading(R.string.coming_up) }
                    val time = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT)
                    items(today.upcomingReminders, key = { it.id }) { Line(it.atLocal.format(time), it.title) }
                }
            }
        }
    }
}

/** An alert: the action first, a button that dials the number, then why. */
@Composable
private fun AlertCard(alert: Alert, onSeen: () -> Unit) {
    val context = LocalContext.current
    val colors = if (alert.severity == Severity.CONTACT) CardDefaults.cardColors()
    else CardDefaults.cardColors(containerColor = MaterialTheme.colorScheme.errorContainer)
    Card(colors = colors, modifier = Modifier.fillMaxWidth()) {
        Column(Modifier.padding(16.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
            Text(alert.action, style = MaterialTheme.typography.titleMedium, fontWeight = FontWeight.Bold)
            Row(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                // The core gives each number's words and a tel:/sms: URI: dial the URI, never parse the words.
                alert.phones.firstOrNull()?.let { phone ->
                    val action = if (phone.uri.startsWith("sms:")) Intent.ACTION_SENDTO else Intent.ACTION_DIAL
                    Button(onClick = { context.startActivity(Intent(action, Uri.parse(phone.uri))) }) {
                        Text(stringResource(R.string.alert_call, phone.words))
                    }
                }
                if (!alert.acknowledged) {
                    OutlinedButton(onClick = onSeen) { Text(stringResource(R.string.alert_seen)) }
                }
            }
            Text(alert.title, style = MaterialTheme.typography.labelLarge)
            Text(alert.message, style = MaterialTheme.typography.bodyMedium)
        }
    }
}

/** The check-in: a mood slider and bleeding chips, then Save. Everything else is under "Add more". */
@OptIn(ExperimentalMaterial3Api::class, androidx.compose.foundation.layout.ExperimentalLayoutApi::class)
@Composable
private fun QuickCheckIn(onSave: (CheckInData) -> Unit) {
    var mood by rememberSaveable { mutableFloatStateOf(5f) }
    var bleeding by rememberSaveable { mutableStateOf<Bleeding?>(null) }
    var more by rememberSaveable { mutableStateOf(false) }
    var cramps by rememberSaveable { mutableFloatStateOf(0f) }
    var temperature by rememberSaveable { mutableStateOf("") }
    var note by rememberSaveable { mutableStateOf("") }
    Card(Modifier.fillMaxWidth()) {
        Column(Modifier.padding(16.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
            Text(stringResource(R.string.checkin_prompt), style = MaterialTheme.typography.titleMedium)
            Text("${stringResource(R.string.checkin_mood)}: ${mood.roundToInt()} / 10")
            Slider(value = mood, onValueChange = { mood = it }, valueRange = 0f..10f, steps = 9)
            Text(stringResource(R.string.checkin_bleeding))
            FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                Bleeding.entries.forEach { level ->
                    FilterChip(
                        selected = bleeding == level,
                        onClick = { bleeding = if (bleeding == level) null else level },
                        label = { Text(level.label()) },
                    )
                }
            }
            if (more) {
                Text("${stringResource(R.string.checkin_pain)}: ${cramps.roundToInt()} / 10")
                Slider(value = cramps, onValueChange = { cramps = it }, valueRange = 0f..10f, steps = 9)
                OutlinedTextField(
                    temperature, { temperature = it },
                    label = { Text(stringResource(R.string.checkin_temperature)) },
                    keyboardOptions = KeyboardOptions(keyboardType = KeyboardType.Decimal),
                    singleLine = true,
                )
                OutlinedTextField(note, { note = it }, label = { Text(stringResource(R.string.checkin_note)) })
            }
            Row(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                Button(onClick = {
                    onSave(
                        CheckInData(
                            mood = mood.roundToInt().toUByte(),
                            bleeding = bleeding,
                            pain = if (more) PainScores(cramps = cramps.roundToInt().toUByte()) else PainScores(),
                            temperatureC = temperature.replace(',', '.').toDoubleOrNull(),
                            note = note.ifBlank { null },
                        ),
                    )
                    note = ""
                }) { Text(stringResource(R.string.checkin_save)) }
                if (!more) TextButton(onClick = { more = true }) { Text(stringResource(R.string.checkin_more)) }
            }
        }
    }
}

@Composable
private fun Recovery(today: Today) {
    val days = today.daysSinceLoss
    val week = today.insights.weekOfRecovery
    if (!today.setUp || days == null || week == null) {
        Text(stringResource(R.string.not_set_up))
    } else {
        Text(
            stringResource(R.string.days_since_loss, days.toInt(), week.toInt()),
            style = MaterialTheme.typography.titleSmall,
        )
    }
}

@Composable
internal fun Heading(text: Int) =
    Text(stringResource(text), style = MaterialTheme.typography.titleMedium, modifier = Modifier.padding(top = 8.dp))

@Composable
internal fun Line(title: String, detail: String, modifier: Modifier = Modifier) {
    Column(modifier.fillMaxWidth()) {
        Text(title, style = MaterialTheme.typography.bodyLarge)
        Text(detail, style = MaterialTheme.typography.bodyMedium, color = MaterialTheme.colorScheme.onSurfaceVariant)
    }
}

/** The words a person sees for each bleeding level. */
internal fun Bleeding.label(): String = when (this) {
    Bleeding.NONE -> "None"
    Bleeding.SPOTTING -> "Spotting"
    Bleeding.LIGHT -> "Light"
    Bleeding.MEDIUM -> "Medium"
    Bleeding.HEAVY -> "Heavy"
    Bleeding.VERY_HEAVY -> "Very heavy"
}
