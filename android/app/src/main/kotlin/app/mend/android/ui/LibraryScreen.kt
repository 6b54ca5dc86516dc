// The Library: guides for now, or what a search finds; a guide reads with its numbered sources and can be
// bookmarked. Reading a guide marks it read, so suggestions move on.
package app.mend.android.ui

import android.app.Application
import androidx.compose.foundation.clickable
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.lazy.LazyColumn
import androidx.compose.foundation.lazy.items
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.text.font.FontWeight
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import androidx.lifecycle.viewModelScope
import androidx.lifecycle.viewmodel.compose.viewModel
import app.mend.android.R
import app.mend.ffi.GuidePage
import app.mend.kit.MendChange
import app.mend.kit.bookmarkGuide
import app.mend.kit.guide
import app.mend.kit.guideState
import app.mend.kit.markGuideRead
import app.mend.kit.searchGuides
import app.mend.kit.suggestedGuides
import app.mend.kit.unbookmarkGuide
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.SharingStarted
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.debounce
import kotlinx.coroutines.flow.flatMapLatest
import kotlinx.coroutines.flow.stateIn

/** One line of the list: a guide's id, title and why it is shown (a reason or a snippet of the match). */
data class GuideLine(val id: String, val title: String, val detail: String)

@OptIn(kotlinx.coroutines.FlowPreview::class, kotlinx.coroutines.ExperimentalCoroutinesApi::class)
class LibraryViewModel(app: Application) : MendViewModel(app) {
    private val _query = MutableStateFlow("")
    val query = _query.asStateFlow()

    val lines = _query.debounce(200).flatMapLatest { text ->
        watch({ it == MendChange.LibraryChanged || it == MendChange.JournalChanged }) {
            if (text.isBlank()) {
                suggestedGuides().map { GuideLine(it.guide.id, it.guide.title, it.reason) }
            } else {
                searchGuides(text).map {
                    GuideLine(it.guide.id, it.guide.title, it.snippet.replace("«", "").replace("»", ""))
                }
            }
        }
    }.stateIn(viewModelScope, SharingStarted.WhileSubscribed(5_000), Loadable.Loading)

    fun search(text: String) {
        _query.value = text
    }
}

class GuideViewModel(app: Application) : MendViewModel(app) {
    private val id = MutableStateFlow("")

    @OptIn(kotlinx.coroutines.ExperimentalCoroutinesApi::class)
    val page = id.flatMapLatest { guideId ->
        watch({ it == MendChange.LibraryChanged }) { guide(guideId) to (guideState(guideId)?.bookmarked == true) }
    }.stateIn(viewModelScope, SharingStarted.WhileSubscribed(5_000), Loadable.Loading)

    fun open(guideId: String) {
        id.value = guideId
        act { markGuideRead(guideId) }
    }

    fun setBookmarked(on: Boolean) = act { if (on) bookmarkGuide(id.value) else unbookmarkGuide(id.value) }
}

@Composable
fun LibraryScreen(openGuide: (String) -> Unit, model: LibraryViewModel = viewModel()) {
    val query by model.query.collectAsStateWithLifecycle()
    val state by model.lines.collectAsStateWithLifecycle()
    LazyColumn(Modifier.fillMaxWidth().padding(16.dp), verticalArrangement = Arrangement.spacedBy(12.dp)) {
        item {
            OutlinedTextField(
                query, model::search, Modifier.fillMaxWidth(),
                label = { Text(stringResource(R.string.library_search)) }, singleLine = true,
            )
        }
        when (val s = state) {
            is Loadable.Loading -> Unit
            is Loadable.Failed -> item { Text(s.message) }
            is Loadable.Ready -> items(s.value, key = { it.id }) {
                Line(it.title, it.detail, Modifier.clickable { openGuide(it.id) })
            }
        }
    }
}

@Composable
fun GuideScreen(id: String, model: GuideViewModel = viewModel()) {
    LaunchedEffect(id) { model.open(id) }
    val state by model.page.collectAsStateWithLifecycle()
    LazyColumn(Modifier.fillMaxWidth().padding(16.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
        when (val s = state) {
            is Loadable.Loading -> Unit
            is Loadable.Failed -> item { Text(s.message) }
            is Loadable.Ready -> {
                val (page, bookmarked) = s.value
                item { Text(page.guide.title, style = MaterialTheme.typography.headlineSmall) }
                item {
                    TextButton(onClick = { model.setBookmarked(!bookmarked) }) {
                        Text(stringResource(if (bookmarked) R.string.library_unbookmark else R.string.library_bookmark))
                    }
                }
                items(page.blocks()) { MarkdownBlock(it) }
                item { Heading(R.string.library_sources) }
                items(page.references, key = { it.number.toInt() }) { Text("[${it.number}] ${it.citation}") }
            }
        }
    }
}

/** The guide's Markdown as paragraphs and headings (guides use nothing more elaborate than lists). */
private fun GuidePage.blocks(): List<String> =
    markdown.split(Regex("\n\\s*\n")).map { it.trim() }.filter { it.isNotEmpty() }

@Composable
private fun MarkdownBlock(block: String) {
    val heading = block.takeWhile { it == '#' }.length
    val text = block.drop(heading).trim()
        .replace(Regex("\\[([^\\]]+)]\\(guide:[^)]+\\)"), "$1")
        .replace("**", "")
    if (heading > 0) {
        Text(text, style = MaterialTheme.typography.titleMedium, fontWeight = FontWeight.SemiBold)
    } else {
        Text(text.replace(Regex("(?m)^[-*] "), "• "), style = MaterialTheme.typography.bodyLarge)
    }
}
