// Today: open alerts first, as the core's one care card (the actions, a button that dials each number, every
// reason), then the check-in drawn from the core's form (sections in its order; a section opened counts as gone
// through, so its unticked boxes say "no"), then where recovery stands, what to expect, when gentle things are
// safe again, guides for now and the next reminders. The app decides nothing: words, order and numbers are the
// core's, and the core reads every answer (checkinFromForm).
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
import androidx.compose.material3.Switch
import app.mend.core.Alert
import app.mend.core.Bleeding
import app.mend.core.CareCard
import app.mend.core.CheckinForm
import app.mend.core.FieldKind
import app.mend.core.FormAnswer
import app.mend.core.FormField
import app.mend.core.NewCheckIn
import app.mend.core.Severity
import app.mend.core.Today
import app.mend.kit.acknowledgeAlert
import app.mend.kit.addCheckin
import app.mend.kit.alertSeenByClinician
import app.mend.kit.checkinForm
import app.mend.kit.checkinFromForm
import app.mend.kit.todayDashboard
import java.time.format.DateTimeFormatter
import java.time.format.FormatStyle
import kotlin.math.roundToInt

class TodayViewModel(app: Application) : MendViewModel(app) {
    val today = follow { todayDashboard(java.time.ZoneId.systemDefault().id) }
    val form = follow { checkinForm() }

    /** Saves the form's answers: the core reads them (a bad one is a notice naming its field). */
    fun checkIn(answers: Map<String, String>, answered: Set<String>) =
        act(getApplication<Application>().getString(R.string.checkin_saved)) {
            val data = checkinFromForm(answers.map { (field, value) -> FormAnswer(field, value) }, answered.toList())
            addCheckin(NewCheckIn(data = data))
        }

    fun acknowledge(alert: Alert) = act { acknowledgeAlert(alert.id) }

    fun seenByClinician(alert: Alert) = act { alertSeenByClinician(alert.id) }
}

@Composable
fun TodayScreen(openGuide: (String) -> Unit, model: TodayViewModel = viewModel()) {
    val state by model.today.collectAsStateWithLifecycle()
    val notice by model.notice.collectAsStateWithLifecycle()
    val form by model.form.collectAsStateWithLifecycle()
    LazyColumn(Modifier.fillMaxWidth().padding(16.dp), verticalArrangement = Arrangement.spacedBy(16.dp)) {
        when (val s = state) {
            is Loadable.Loading -> Unit
            is Loadable.Failed -> item { Text(s.message) }
            is Loadable.Ready -> {
                val today = s.value
                // "How am I doing?" first: the core's summary, a line each.
                items(today.summary) { Text(it, style = MaterialTheme.typography.bodyLarge) }
                today.careCard?.let { card ->
                    item {
                        CareCardView(card, today.alerts, onSeen = model::acknowledge, onClinician = model::seenByClinician)
                    }
                }
                (form as? Loadable.Ready)?.let { ready -> item { FormCheckIn(ready.value, model::checkIn) } }
                notice?.let { item { Text(it, style = MaterialTheme.typography.bodyMedium) } }
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

/** Every open alert as one card: the actions first, a button that dials each number, then every reason. */
@OptIn(androidx.compose.foundation.layout.ExperimentalLayoutApi::class)
@Composable
private fun CareCardView(card: CareCard, alerts: List<Alert>, onSeen: (Alert) -> Unit, onClinician: (Alert) -> Unit) {
    val context = LocalContext.current
    val colors = if (card.severity == Severity.CONTACT) CardDefaults.cardColors()
    else CardDefaults.cardColors(containerColor = MaterialTheme.colorScheme.errorContainer)
    val open = alerts.filter { it.open }.sortedBy { it.severity.ordinal }
    Card(colors = colors, modifier = Modifier.fillMaxWidth()) {
        Column(Modifier.padding(16.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
            card.actions.forEachIndexed { i, action ->
                Text(
                    action,
                    style = if (i == 0) MaterialTheme.typography.titleMedium else MaterialTheme.typography.bodyLarge,
                    fontWeight = if (i == 0) FontWeight.Bold else FontWeight.Normal,
                )
            }
            FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                // The core gives each number's words and a tel:/sms: URI: dial the URI, never parse the words.
                open.flatMap { it.phones }.distinctBy { it.uri }.forEach { phone ->
                    val action = if (phone.uri.startsWith("sms:")) Intent.ACTION_SENDTO else Intent.ACTION_DIAL
                    Button(onClick = { context.startActivity(Intent(action, Uri.parse(phone.uri))) }) {
                        Text(stringResource(R.string.alert_call, phone.words))
                    }
                }
            }
            open.forEach { alert ->
                Text(alert.message, style = MaterialTheme.typography.bodyMedium)
                Row(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                    if (!alert.acknowledged) {
                        OutlinedButton(onClick = { onSeen(alert) }) { Text(stringResource(R.string.alert_seen)) }
                    }
                    TextButton(onClick = { onClinician(alert) }) { Text(stringResource(R.string.alert_clinician)) }
                }
            }
        }
    }
}

/**
 * The check-in drawn from the core's form: each section a card that opens with a tap (an opened section counts
 * as gone through), each question drawn by its kind. Save hands the answers, as text, to the core.
 */
@Composable
private fun FormCheckIn(form: CheckinForm, onSave: (Map<String, String>, Set<String>) -> Unit) {
    var answers by rememberSaveable { mutableStateOf(mapOf<String, String>()) }
    var opened by rememberSaveable { mutableStateOf(setOf<String>()) }
    Card(Modifier.fillMaxWidth()) {
        Column(Modifier.padding(16.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
            Text(stringResource(R.string.checkin_prompt), style = MaterialTheme.typography.titleMedium)
            form.sections.forEach { section ->
                val revealed = section.revealedBy.isEmpty() || section.revealedBy.any { answers[it].isYes() }
                if (!revealed) return@forEach
                TextButton(onClick = { opened = opened + section.id }) {
                    Text(section.title, style = MaterialTheme.typography.titleSmall)
                }
                if (section.id in opened) {
                    section.fields.forEach { field ->
                        Question(field, answers[field.field].orEmpty()) { answers = answers + (field.field to it) }
                    }
                }
            }
            Button(onClick = {
                onSave(answers.filterValues { it.isNotBlank() }, opened)
                answers = emptyMap()
                opened = emptySet()
            }) { Text(stringResource(R.string.checkin_save)) }
        }
    }
}

/** Whether an answer reveals a section: a yes, or a temperature (the core's form says which fields reveal). */
private fun String?.isYes(): Boolean = this == "yes" || (this?.replace(',', '.')?.trimEnd('F', 'f')?.toDoubleOrNull() ?: 0.0) >= 38.0

/** One question, drawn by its kind; `onAnswer` gets the answer as the core reads it. */
@OptIn(ExperimentalMaterial3Api::class, androidx.compose.foundation.layout.ExperimentalLayoutApi::class)
@Composable
private fun Question(field: FormField, answer: String, onAnswer: (String) -> Unit) {
    when (val kind = field.kind) {
        is FieldKind.YesNo -> Row(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
            Switch(checked = answer == "yes", onCheckedChange = { onAnswer(if (it) "yes" else "no") })
            Text(field.label)
        }
        is FieldKind.Score -> {
            val value = answer.toFloatOrNull() ?: 0f
            Text("${field.label}: ${if (answer.isEmpty()) "–" else value.roundToInt().toString()}")
            Slider(value = value, onValueChange = { onAnswer(it.roundToInt().toString()) }, valueRange = 0f..10f, steps = 9)
        }
        is FieldKind.Choice -> {
            Text(field.label)
            FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                kind.options.forEach { option ->
                    FilterChip(
                        selected = answer == option.code,
                        onClick = { onAnswer(if (answer == option.code) "" else option.code) },
                        label = { Text(option.label) },
                    )
                }
            }
        }
        is FieldKind.Several -> {
            Text(field.label)
            val chosen = answer.split(',').filter { it.isNotEmpty() }.toSet()
            FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                kind.options.forEach { option ->
                    FilterChip(
                        selected = option.code in chosen,
                        onClick = {
                            val next = if (option.code in chosen) chosen - option.code else chosen + option.code
                            onAnswer(next.joinToString(","))
                        },
                        label = { Text(option.label) },
                    )
                }
            }
        }
        is FieldKind.Number -> OutlinedTextField(
            answer, onAnswer,
            label = { Text("${field.label} (${kind.unit})") },
            keyboardOptions = KeyboardOptions(keyboardType = KeyboardType.Decimal),
            singleLine = true,
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
