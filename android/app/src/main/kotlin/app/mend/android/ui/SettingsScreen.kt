// Settings: discreet notifications (on by default), export and import (the person's file, through the system's
// document picker) and erasing everything, with a plain warning first.
package app.mend.android.ui

import android.app.Application
import android.net.Uri
import androidx.activity.compose.rememberLauncherForActivityResult
import androidx.activity.result.contract.ActivityResultContracts
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.material3.AlertDialog
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.Switch
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.saveable.rememberSaveable
import androidx.compose.runtime.setValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import androidx.lifecycle.viewmodel.compose.viewModel
import app.mend.android.R
import app.mend.kit.discreetNotifications
import app.mend.kit.eraseAll
import app.mend.kit.exportTo
import app.mend.kit.importFrom
import app.mend.kit.setDiscreetNotifications
import java.io.File
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext

class SettingsViewModel(app: Application) : MendViewModel(app) {
    val discreet = follow { discreetNotifications() }
    private val resolver get() = getApplication<Application>().contentResolver
    private fun string(id: Int) = getApplication<Application>().getString(id)

    fun setDiscreet(on: Boolean) = act { setDiscreetNotifications(on) }

    /** The core writes the export to a private file; it is then copied to where the person chose. */
    fun export(to: Uri) = act(string(R.string.exported)) {
        val file = File(getApplication<Application>().cacheDir, "mend-export.json")
        try {
            exportTo(file)
            withContext(Dispatchers.IO) {
                resolver.openOutputStream(to, "wt")?.use { out -> file.inputStream().use { it.copyTo(out) } }
            }
        } finally {
            file.delete()
        }
    }

    fun import(from: Uri) = act(string(R.string.imported)) {
        val file = File(getApplication<Application>().cacheDir, "mend-import.json")
        try {
            withContext(Dispatchers.IO) {
                resolver.openInputStream(from)?.use { input -> file.outputStream().use { input.copyTo(it) } }
            }
            importFrom(file)
        } finally {
            file.delete()
        }
    }

    fun erase() = act(string(R.string.erased)) { eraseAll() }
}

@Composable
fun SettingsScreen(model: SettingsViewModel = viewModel()) {
    val discreet by model.discreet.collectAsStateWithLifecycle()
    val notice by model.notice.collectAsStateWithLifecycle()
    var confirmErase by rememberSaveable { mutableStateOf(false) }
    val exporter = rememberLauncherForActivityResult(ActivityResultContracts.CreateDocument("application/json")) {
        it?.let(model::export)
    }
    val importer = rememberLauncherForActivityResult(ActivityResultContracts.OpenDocument()) { it?.let(model::import) }
    Column(Modifier.fillMaxWidth().padding(16.dp), verticalArrangement = Arrangement.spacedBy(16.dp)) {
        Row(verticalAlignment = Alignment.CenterVertically) {
            Column(Modifier.weight(1f)) {
                Text(stringResource(R.string.settings_discreet), style = MaterialTheme.typography.titleMedium)
                Text(stringResource(R.string.settings_discreet_about), style = MaterialTheme.typography.bodyMedium)
            }
            val on = ((discreet as? Loadable.Ready<*>)?.value as? Boolean) ?: true
            Switch(checked = on, onCheckedChange = model::setDiscreet)
        }
        OutlinedButton(onClick = { exporter.launch("mend-journal.json") }) {
            Text(stringResource(R.string.settings_export))
        }
        OutlinedButton(onClick = { importer.launch(arrayOf("application/json")) }) {
            Text(stringResource(R.string.settings_import))
        }
        OutlinedButton(onClick = { confirmErase = true }) { Text(stringResource(R.string.settings_erase)) }
        notice?.let { Text(it) }
    }
    if (confirmErase) {
        AlertDialog(
            onDismissRequest = { confirmErase = false },
            text = { Text(stringResource(R.string.settings_erase_confirm)) },
            confirmButton = {
                TextButton(onClick = {
                    model.erase()
                    confirmErase = false
                }) { Text(stringResource(R.string.settings_erase_yes)) }
            },
            dismissButton = {
                TextButton(onClick = { confirmErase = false }) { Text(stringResource(R.string.cancel)) }
            },
        )
    }
}
