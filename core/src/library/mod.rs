//! The Library: guides written for Mend, compiled into the core, found by search, suggested by stage, and
//! bookmarked or marked read by the person.
//!
//! - Content (`catalog`, `front_matter`): one Markdown file per guide under `content/guides/<locale>/`, with
//!   YAML front matter, and `content/sources.yaml`; `build.rs` turns their YAML into JSON at build time
//!   (`yaml_json.rs`) and embeds it with the bodies, and they are read once per process on first use. Lookups
//!   fall back to English per guide.
//! - Text (`cite`, `text`): `[src:ID]` citations become numbered references with a sources list; Markdown is
//!   laid out as plain or wrapped text.
//! - Search (`query`, `search`): SQLite FTS5 in a separate in-memory connection, built once per process at
//!   the first search — the guides are part of the app, not the person's data, so the journal file never holds
//!   them (see `search.rs` for the reasoning). Any typed text is a safe query.
//! - Suggestions (`suggest`): a pure ranking over a [`Stage`] filled from the journal.
//! - State (`state`): bookmarks and read times, the only Library data in the journal (migration 0003), with
//!   sync columns, exported and merged on import by guid.
//! - Sources (`shelf`): the articles of support groups the person joined sit beside the guides, each item
//!   knowing its [`ItemSource`]; list, read, search, suggestions and bookmarks serve both through this one
//!   capability.
//! - Support lines (`lines`): the official crisis and emergency numbers, then the joined groups' hotlines,
//!   each labelled with its group and marked when not re-confirmed.

mod catalog;
pub mod cite;
mod front_matter;
pub mod lines;
pub mod model;
pub mod query;
pub mod search;
pub mod shelf;
pub(crate) mod state;
pub mod suggest;
pub mod text;

#[cfg(test)]
mod content_tests;
#[cfg(test)]
mod from_yaml;
#[cfg(test)]
mod shelf_tests;
#[cfg(test)]
mod tests;

use std::collections::HashSet;

use chrono::Duration;

use crate::error::{Error, Result};
use crate::mend::Core;
use crate::observe::Change;

pub use catalog::{Catalog, ContentProblem, DEFAULT_LOCALE, GuideFile, is_guide_id, normalise_locale};
pub use model::*;
pub use search::SearchIndex;
pub use suggest::Stage;

/// The Library capability, handed out by [`crate::Mend::library`].
pub struct Library<'a> {
    core: &'a Core,
}

impl<'a> Library<'a> {
    pub(crate) fn new(core: &'a Core) -> Self {
        Library { core }
    }

    /// The built-in guides and sources.
    pub fn catalog(&self) -> &'static Catalog {
        Catalog::builtin()
    }

    /// Every item: the guides, each in `locale` where translated and in English otherwise, then the articles of
    /// the groups the person joined (group by group).
    pub fn list(&self, locale: &str) -> Result<Vec<GuideSummary>> {
        Ok(self.items(locale)?.iter().map(Guide::summary).collect())
    }

    /// Every item in full, as [`Library::list`] orders them.
    fn items(&self, locale: &str) -> Result<Vec<Guide>> {
        let mut items: Vec<Guide> = Catalog::builtin().guides(locale).into_iter().cloned().collect();
        items.extend(self.group_items()?);
        Ok(items)
    }

    /// The stored articles of the groups the person joined.
    fn group_items(&self) -> Result<Vec<Guide>> {
        self.core.store.read(|conn| Ok(shelf::all(conn)?))
    }

    /// One item: a guide in `locale` (or else in English), or a group's article by its `group:` id.
    pub fn guide(&self, id: &str, locale: &str) -> Result<Guide> {
        self.find(id, locale)?.ok_or_else(|| Error::not_found("guide"))
    }

    /// What a group's article shows that the person may want warning of, to show before its text (none for
    /// Mend's guides, which follow the voice rules instead).
    pub fn content_notes(&self, id: &str) -> Result<Vec<crate::groups::items::ContentNote>> {
        self.core.store.read(|conn| Ok(shelf::content_notes(conn, id)?))
    }

    /// The item with this id from whichever source holds it, if any.
    fn find(&self, id: &str, locale: &str) -> Result<Option<Guide>> {
        Ok(match shelf::parse_group_item_id(id) {
            Some(_) => self.core.store.read(|conn| Ok(shelf::one(conn, id)?))?,
            None => Catalog::builtin().guide(id, locale).cloned(),
        })
    }

    /// An item's body with numbered citations, and its sources list. A group's article is its moderators' text
    /// as they wrote it: nothing in it is read as one of Mend's citations.
    pub fn cited(&self, guide: &Guide) -> cite::Cited {
        match guide.source {
            ItemSource::Mend => cite::number(guide, Catalog::builtin()),
            ItemSource::Group { .. } => cite::Cited { markdown: guide.body.clone(), references: Vec::new() },
        }
    }

    /// Items matching what a person typed (at most [`search::DEFAULT_LIMIT`]), best first. Never an error
    /// for any text: text without usable words finds nothing.
    pub fn search(&self, text: &str, locale: &str) -> Result<Vec<SearchHit>> {
        self.search_with_limit(text, locale, search::DEFAULT_LIMIT)
    }

    /// [`Library::search`] with a different number of hits. With group articles shelved, one index holds the
    /// guides and the articles together (so relevance is comparable across sources), rebuilt only when the
    /// shelved articles change.
    pub fn search_with_limit(&self, text: &str, locale: &str, limit: usize) -> Result<Vec<SearchHit>> {
        let groups = self.group_items()?;
        if groups.is_empty() {
            return SearchIndex::builtin(locale)?.search(text, limit);
        }
        SearchIndex::with_groups(locale, &groups)?.search(text, limit)
    }

    /// Shelves a group's articles from a pack the groups code has verified, replacing what was stored for the
    /// group (withdrawn and non-article items are left out), in one write.
    pub fn shelve_group(&self, group: &str, group_name: &str, items: &[crate::groups::items::Item]) -> Result<()> {
        self.core.store.write(|tx| Ok(crate::groups::local::shelve(tx, group, group_name, items)?))?;
        self.core.notify(&[Change::Library]);
        Ok(())
    }

    /// Removes a group's articles (the person left the group). Bookmarks of them are kept, unlisted.
    pub fn unshelve_group(&self, group: &str) -> Result<()> {
        self.core.store.write(|tx| Ok(crate::groups::local::unshelve(tx, group)?))?;
        self.core.notify(&[Change::Library]);
        Ok(())
    }

    /// Where the person is now, from the journal (no open alerts: the care engine fills those in).
    pub fn stage(&self) -> Result<Stage> {
        let recovery = crate::journal::Journal::new(self.core).recovery()?;
        // Open alerts, seen or not, as Today counts them.
        let alerts = crate::care::Care::new(self.core).alerts(true)?;
        let stage = Stage::from_journal(recovery.loss.as_ref(), &recovery.insights, &recovery.readings, recovery.today);
        Ok(stage.with_alerts(&alerts))
    }

    /// A few guides for the person now ([`suggest::DEFAULT_LIMIT`]), from the journal's stage.
    pub fn suggest(&self, locale: &str) -> Result<Vec<Suggestion>> {
        self.suggest_for(&self.stage()?, locale, suggest::DEFAULT_LIMIT)
    }

    /// Suggestions for a given stage, leaving out items read in the last 7 days: the guides that fit first,
    /// then the groups' articles.
    pub fn suggest_for(&self, stage: &Stage, locale: &str, limit: usize) -> Result<Vec<Suggestion>> {
        let read = self.recently_read()?;
        let items = self.items(locale)?;
        let refs: Vec<&Guide> = items.iter().collect();
        Ok(suggest::suggest(&refs, stage, &read, limit))
    }

    /// Ids of guides read in the last 7 days.
    pub fn recently_read(&self) -> Result<HashSet<String>> {
        let since = self.core.clock.now() - Duration::days(suggest::RECENT_DAYS);
        Ok(self.core.store.read(|conn| Ok(state::read_since(conn, since)?))?.into_iter().collect())
    }

    /// Bookmarks a guide (already bookmarked: unchanged apart from the sync columns).
    pub fn bookmark(&self, id: &str) -> Result<GuideState> {
        self.change(id, |state, now| {
            if !state.bookmarked {
                state.bookmarked = true;
                state.bookmarked_at = Some(now);
            }
        })
    }

    /// Removes a bookmark (not bookmarked: nothing to undo, and that is fine).
    pub fn unbookmark(&self, id: &str) -> Result<GuideState> {
        self.change(id, |state, _| {
            state.bookmarked = false;
            state.bookmarked_at = None;
        })
    }

    /// Records that the person read a guide now.
    pub fn mark_read(&self, id: &str) -> Result<GuideState> {
        self.change(id, |state, now| state.last_read_at = Some(now))
    }

    fn change(
        &self,
        id: &str,
        edit: impl FnOnce(&mut GuideState, chrono::DateTime<chrono::Utc>),
    ) -> Result<GuideState> {
        if self.find(id, DEFAULT_LOCALE)?.is_none() {
            return Err(Error::not_found("guide"));
        }
        let now = self.core.clock.now();
        let state = self.core.store.write_person(|tx, _| Ok(state::update(tx, id, now, |s| edit(s, now))?))?;
        self.core.notify(&[Change::Library]);
        Ok(state)
    }

    /// The person's state for one guide, if any.
    pub fn state(&self, id: &str) -> Result<Option<GuideState>> {
        self.core.store.read(|conn| Ok(state::load(conn, id)?))
    }

    /// Every guide's state (bookmarked or read), for export.
    pub fn states(&self) -> Result<Vec<GuideState>> {
        self.core.store.read(|conn| Ok(state::all(conn)?))
    }

    /// Bookmarked guides, most recently bookmarked first. Bookmarks of guides this version does not have (from a
    /// newer Mend on another device) are kept but not listed.
    pub fn bookmarks(&self, locale: &str) -> Result<Vec<Bookmark>> {
        let mut states: Vec<GuideState> = self.states()?.into_iter().filter(|s| s.bookmarked).collect();
        states.sort_unstable_by(|a, b| b.bookmarked_at.cmp(&a.bookmarked_at).then_with(|| a.guide_id.cmp(&b.guide_id)));
        let catalog = Catalog::builtin();
        let groups = self.group_items()?;
        Ok(states
            .into_iter()
            .filter_map(|s| {
                let guide = match shelf::parse_group_item_id(&s.guide_id) {
                    Some(_) => groups.iter().find(|g| g.id == s.guide_id),
                    None => catalog.guide(&s.guide_id, locale),
                };
                guide.map(|g| Bookmark { guide: g.summary(), bookmarked_at: s.bookmarked_at })
            })
            .collect())
    }
}
