// The Library through the real library: search, reading a guide with numbered sources, suggestions, bookmarks.
package app.mend.kit

import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertTrue
import kotlinx.coroutines.runBlocking

class LibraryTest {
    @Test
    fun `a search finds the massage guide for back pain, best match first`() = runBlocking<Unit> {
        openJournal().use { mend ->
            val hits = mend.searchGuides("back pain", locale = "en")
            assertTrue(hits.isNotEmpty())
            assertEquals(1u, hits.first().rank)
            assertTrue(hits.any { it.guide.id == "massage-after-miscarriage" }, hits.map { it.guide.id }.toString())
            assertTrue(hits.first().snippet.contains("«"), hits.first().snippet)
            assertEquals(emptyList(), mend.searchGuides("\"*(", locale = "en"))
        }
    }

    @Test
    fun `a guide reads with numbered sources and can be bookmarked`() = runBlocking<Unit> {
        journalWithLoss().use { mend ->
            assertEquals(22, mend.guides("en").size)
            val page = mend.guide("bleeding-after-miscarriage", "en")
            assertEquals("bleeding-after-miscarriage", page.guide.id)
            assertFalse(page.markdown.contains("[src:"), page.markdown)
            assertEquals(1u, page.references.first().number)

            val changed = collecting(mend.changes, 1)
            assertTrue(mend.bookmarkGuide(page.guide.id).bookmarked)
            assertEquals(listOf(MendChange.LibraryChanged), changed.await())
            assertEquals(listOf(page.guide.id), mend.bookmarks("en").map { it.guide.id })
            assertTrue(mend.suggestedGuides("en").isNotEmpty())
        }
    }
}
