//! Full-text search over the guides with SQLite FTS5: title, topics, summary and body, porter stemming, prefix
//! matching on the last word, bm25 ranking weighted title > topics > summary > body, and a snippet of the body
//! around the match.
//!
//! Where the index lives: the guides are built into the binary and are not the person's data, so the index is
//! kept in a separate in-memory SQLite connection, built once per process (per locale) at the first search and
//! shared after that. The journal file then holds only what the person did (bookmarks, read state): nothing to
//! migrate when guides change in an update, nothing of ours for erase-all or export to step around, no
//! write on the journal's single writer to build it, and no risk of a stale index in an old file. Building it
//! costs a few milliseconds once (measured in `benches/library.rs`; figures in docs/performance.md).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use rusqlite::Connection;

use super::catalog::Catalog;
use super::cite;
use super::model::{Guide, GuideSummary, SearchHit};
use super::query;
use super::text::{self, TextStyle};
use crate::error::Result;

/// The index's schema: one FTS5 row per guide (rowid = position + 1), and the bm25 weights used for `rank`.
pub const SCHEMA: &str = "CREATE VIRTUAL TABLE guides USING fts5(title, topics, summary, body, \
    tokenize = 'porter unicode61 remove_diacritics 2'); \
    INSERT INTO guides (guides, rank) VALUES ('rank', 'bm25(10.0, 5.0, 3.0, 1.0)');";

/// The query every search runs: `?1` is an FTS5 query built by `query::build`, `?2` the most hits wanted.
pub const QUERY: &str = "SELECT rowid, rank, snippet(guides, 3, '«', '»', '…', 14) FROM guides \
    WHERE guides MATCH ?1 ORDER BY rank LIMIT ?2";

/// Search results unless asked otherwise.
pub const DEFAULT_LIMIT: usize = 10;

/// The text a guide is indexed under: (title, topics, summary, body). The body is plain text without citations,
/// on one line, with a full stop after headings and without bullets, so a snippet reads as a sentence.
pub fn indexed_text(guide: &Guide) -> [String; 4] {
    let plain = text::render(&cite::strip(&guide.body), &TextStyle::plain());
    let mut body = String::with_capacity(plain.len());
    for line in plain.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let line = line.strip_prefix("• ").unwrap_or(line);
        if !body.is_empty() {
            body.push(' ');
        }
        body.push_str(line);
        if !line.ends_with(['.', '?', ':', ';', ',', '…', ')', '"']) {
            body.push('.');
        }
    }
    [guide.title.clone(), guide.topics.join(" "), guide.summary.clone(), body]
}

/// Creates the index table on `conn` and fills it with `guides` (rowid = position + 1) in one transaction,
/// merged into a single segment. [`SearchIndex::build`] uses it; benchmarks use it to run [`QUERY`] raw.
pub fn create(conn: &mut Connection, guides: &[&Guide]) -> Result<()> {
    conn.execute_batch(SCHEMA)?;
    let tx = conn.transaction()?;
    {
        let mut insert =
            tx.prepare("INSERT INTO guides (rowid, title, topics, summary, body) VALUES (?1, ?2, ?3, ?4, ?5)")?;
        for (i, guide) in guides.iter().enumerate() {
            let [title, topics, summary, body] = indexed_text(guide);
            insert.execute(rusqlite::params![i as i64 + 1, title, topics, summary, body])?;
        }
        tx.execute("INSERT INTO guides (guides) VALUES ('optimize')", [])?;
    }
    tx.commit()?;
    Ok(())
}

/// An index and the key of what it holds.
type Keyed = (u64, Arc<SearchIndex>);

/// An FTS5 index of one locale's guides.
pub struct SearchIndex {
    conn: Mutex<Connection>,
    guides: Vec<GuideSummary>,
    stop_words: &'static [&'static str],
}

impl SearchIndex {
    /// Builds an index of `guides` (their text in `locale`, used for its stop words).
    pub fn build(guides: &[&Guide], locale: &str) -> Result<SearchIndex> {
        let mut conn = Connection::open_in_memory()?;
        create(&mut conn, guides)?;
        Ok(SearchIndex {
            conn: Mutex::new(conn),
            guides: guides.iter().map(|g| g.summary()).collect(),
            stop_words: query::stop_words(locale),
        })
    }

    /// The index for `locale`'s guides in the built-in catalog: built on first use, then shared.
    pub fn builtin(locale: &str) -> Result<Arc<SearchIndex>> {
        static INDEXES: OnceLock<Mutex<HashMap<String, Arc<SearchIndex>>>> = OnceLock::new();
        let catalog = Catalog::builtin();
        let locale = catalog.resolve_locale(locale);
        let mut indexes = INDEXES.get_or_init(Default::default).lock().unwrap_or_else(|p| p.into_inner());
        if let Some(index) = indexes.get(&locale) {
            return Ok(index.clone());
        }
        let index = Arc::new(SearchIndex::build(&catalog.guides(&locale), &locale)?);
        indexes.insert(locale, index.clone());
        Ok(index)
    }

    /// The index of `locale`'s built-in guides and the shelved group articles `groups`, kept while the articles
    /// stay the same (one index per process, rebuilt when they change).
    pub fn with_groups(locale: &str, groups: &[Guide]) -> Result<Arc<SearchIndex>> {
        use std::hash::{DefaultHasher, Hash, Hasher};
        static COMBINED: OnceLock<Mutex<Option<Keyed>>> = OnceLock::new();
        let catalog = Catalog::builtin();
        let locale = catalog.resolve_locale(locale);
        let mut hasher = DefaultHasher::new();
        locale.hash(&mut hasher);
        for g in groups {
            (&g.id, &g.title, &g.body, &g.source).hash(&mut hasher);
        }
        let key = hasher.finish();
        let mut cached = COMBINED.get_or_init(Default::default).lock().unwrap_or_else(|p| p.into_inner());
        if let Some((_, index)) = cached.as_ref().filter(|(k, _)| *k == key) {
            return Ok(index.clone());
        }
        let mut all = catalog.guides(&locale);
        all.extend(groups.iter());
        let index = Arc::new(SearchIndex::build(&all, &locale)?);
        *cached = Some((key, index.clone()));
        Ok(index)
    }

    /// The guides best matching what a person typed, best first. Any text is safe: text with no usable words
    /// (empty, only punctuation or emoji, only common words) finds nothing. When no guide has every word, the
    /// guides with any of them are given instead.
    pub fn search(&self, text: &str, limit: usize) -> Result<Vec<SearchHit>> {
        let Some(fts) = query::build(text, self.stop_words) else {
            return Ok(Vec::new());
        };
        if limit == 0 {
            return Ok(Vec::new());
        }
        let conn = self.conn.lock().unwrap_or_else(|p| p.into_inner());
        let hits = self.run(&conn, &fts.all, limit)?;
        match fts.any {
            Some(any) if hits.is_empty() => self.run(&conn, &any, limit),
            _ => Ok(hits),
        }
    }

    fn run(&self, conn: &Connection, fts: &str, limit: usize) -> Result<Vec<SearchHit>> {
        let mut stmt = conn.prepare_cached(QUERY)?;
        let mut rows = stmt.query(rusqlite::params![fts, limit as i64])?;
        let mut hits = Vec::new();
        while let Some(row) = rows.next()? {
            let rowid: i64 = row.get(0)?;
            let bm25: f64 = row.get(1)?;
            let snippet: String = row.get(2)?;
            let Some(guide) = usize::try_from(rowid - 1).ok().and_then(|i| self.guides.get(i)) else {
                continue;
            };
            hits.push(SearchHit { guide: guide.clone(), snippet, rank: hits.len() as u32 + 1, score: -bm25 });
        }
        Ok(hits)
    }
}
