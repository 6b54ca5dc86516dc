//! The Library over the FFI: the built-in guides (list, read with numbered sources, search, suggestions for
//! now) and the person's bookmarks and read marks. `locale` falls back to English per guide.

use mend_core::library::{Bookmark, Guide, GuideState, GuideSummary, Reference, SearchHit, Suggestion};

use crate::error::MendError;
use crate::mend::Mend;

type Result<T> = std::result::Result<T, MendError>;

/// A guide ready to read: its Markdown with citations numbered (`[1]`, `[1, 2]`) and its sources list.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct GuidePage {
    pub guide: Guide,
    /// The body with `[src:ID]` citations replaced by numbers; links to other guides stay `guide:ID`.
    pub markdown: String,
    pub references: Vec<Reference>,
}

#[uniffi::export]
impl Mend {
    /// Every guide, as a list shows it.
    #[uniffi::method(default(locale = "en"))]
    pub fn guides(&self, locale: String) -> Result<Vec<GuideSummary>> {
        Ok(self.core()?.library().list(&locale)?)
    }

    /// One guide to read.
    #[uniffi::method(default(locale = "en"))]
    pub fn guide(&self, id: String, locale: String) -> Result<GuidePage> {
        let core = self.core()?;
        let library = core.library();
        let guide = library.guide(&id, &locale)?;
        let cited = library.cited(&guide);
        Ok(GuidePage { guide, markdown: cited.markdown, references: cited.references })
    }

    /// Guides matching what the person typed, best first (any text is a safe query).
    #[uniffi::method(default(locale = "en"))]
    pub fn search_guides(&self, text: String, locale: String) -> Result<Vec<SearchHit>> {
        Ok(self.core()?.library().search(&text, &locale)?)
    }

    /// A few guides for now, each with the reason it is suggested.
    #[uniffi::method(default(locale = "en"))]
    pub fn suggested_guides(&self, locale: String) -> Result<Vec<Suggestion>> {
        Ok(self.core()?.library().suggest(&locale)?)
    }

    /// Bookmarked guides, most recent first.
    #[uniffi::method(default(locale = "en"))]
    pub fn bookmarks(&self, locale: String) -> Result<Vec<Bookmark>> {
        Ok(self.core()?.library().bookmarks(&locale)?)
    }
}

#[uniffi::export]
impl Mend {
    /// Bookmarks a guide.
    pub fn bookmark_guide(&self, id: String) -> Result<GuideState> {
        Ok(self.core()?.library().bookmark(&id)?)
    }

    /// Removes a bookmark.
    pub fn unbookmark_guide(&self, id: String) -> Result<GuideState> {
        Ok(self.core()?.library().unbookmark(&id)?)
    }

    /// Records that the person read a guide now.
    pub fn mark_guide_read(&self, id: String) -> Result<GuideState> {
        Ok(self.core()?.library().mark_read(&id)?)
    }

    /// The person's bookmark and read state for one guide.
    pub fn guide_state(&self, id: String) -> Result<Option<GuideState>> {
        Ok(self.core()?.library().state(&id)?)
    }
}
