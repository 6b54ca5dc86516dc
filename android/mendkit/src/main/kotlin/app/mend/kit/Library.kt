// The Library through MendKit: guides in the phone's language (English where a guide has no translation),
// search, suggestions for now, bookmarks and read marks.
package app.mend.kit

import app.mend.core.Bookmark
import app.mend.core.GuideState
import app.mend.core.GuideSummary
import app.mend.core.SearchHit
import app.mend.core.Suggestion
import app.mend.ffi.GuidePage
import java.util.Locale

/** The phone's language as the Library's locale. */
internal fun defaultLocale(): String = Locale.getDefault().language.ifEmpty { "en" }

/** Every guide, as a list shows it. */
suspend fun MendKit.guides(locale: String = defaultLocale()): List<GuideSummary> = call { it.guides(locale) }

/** One guide to read, with numbered sources. */
suspend fun MendKit.guide(id: String, locale: String = defaultLocale()): GuidePage = call { it.guide(id, locale) }

/** Guides matching what the person typed, best first. */
suspend fun MendKit.searchGuides(text: String, locale: String = defaultLocale()): List<SearchHit> =
    call { it.searchGuides(text, locale) }

/** A few guides for now, each with its reason. */
suspend fun MendKit.suggestedGuides(locale: String = defaultLocale()): List<Suggestion> =
    call { it.suggestedGuides(locale) }

/** Bookmarked guides, most recent first. */
suspend fun MendKit.bookmarks(locale: String = defaultLocale()): List<Bookmark> = call { it.bookmarks(locale) }

/** Bookmarks a guide. */
suspend fun MendKit.bookmarkGuide(id: String): GuideState = call { it.bookmarkGuide(id) }

/** Removes a bookmark. */
suspend fun MendKit.unbookmarkGuide(id: String): GuideState = call { it.unbookmarkGuide(id) }

/** The person's bookmark and read state for one guide. */
suspend fun MendKit.guideState(id: String): GuideState? = call { it.guideState(id) }

/** Records that the person read a guide now. */
suspend fun MendKit.markGuideRead(id: String): GuideState = call { it.markGuideRead(id) }
