//! The Library's sources beside the built-in guides: the articles of support groups the person joined. Each is
//! served as a [`Guide`] with its [`ItemSource`], so search, reading, suggestions and bookmarks treat both the
//! same way while the voice rules apply to Mend's guides and a "From <group>" label to a group's. A group item's
//! id is `group:<group>:<item>`; built-in ids are kebab-case and hold no `:`, so the two never collide.
//!
//! The rows (`group_items`, migration 0009) hold items from packs the groups code has already verified, written
//! by it in the same transaction as the group's state (`groups::local::shelve`); they are device-local and derived
//! (never synced or exported). Only articles are shelved: meetings, services and hotlines belong to the group's
//! own page.

use rusqlite::{Connection, OptionalExtension};

use super::model::{Guide, ItemSource, Stages};
use crate::groups::items::{ContentNote, Item, ItemBody};

pub use crate::groups::local::{GROUP_PREFIX, group_item_id};
/// Reading speed for a group article's `reading_minutes`.
const WORDS_PER_MINUTE: usize = 200;
/// The longest summary taken from an article's first paragraph.
const SUMMARY_MAX_CHARS: usize = 160;

/// The (group, item) of a group item id, or `None` for any other id.
pub fn parse_group_item_id(id: &str) -> Option<(&str, &str)> {
    let rest = id.strip_prefix(GROUP_PREFIX)?;
    let (group, item) = rest.split_once(':')?;
    (!group.is_empty() && !item.is_empty()).then_some((group, item))
}

/// The first paragraph of `markdown`, as plain words, cut at a word under [`SUMMARY_MAX_CHARS`].
fn summary(markdown: &str) -> String {
    let first =
        markdown.split("\n\n").map(|p| p.trim()).find(|p| !p.is_empty() && !p.starts_with('#')).unwrap_or_default();
    let plain: String = first.split_whitespace().collect::<Vec<_>>().join(" ");
    if plain.chars().count() <= SUMMARY_MAX_CHARS {
        return plain;
    }
    let cut: String = plain.chars().take(SUMMARY_MAX_CHARS).collect();
    let at_word = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{at_word}…")
}

/// A group's article as a Library item (`None` for other kinds and withdrawn items).
pub fn guide_from_item(group: &str, group_name: &str, item: &Item) -> Option<Guide> {
    let ItemBody::Article { title, markdown } = &item.body else { return None };
    if item.withdrawn {
        return None;
    }
    let words = markdown.split_whitespace().count();
    Some(Guide {
        id: group_item_id(group, &item.id),
        locale: item.language.clone(),
        title: title.clone(),
        summary: summary(markdown),
        topics: Vec::new(),
        stages: Stages { days_from: 0, days_to: None, trimesters: Vec::new(), bleeding_stopped: None },
        reading_minutes: words.div_ceil(WORDS_PER_MINUTE).max(1) as u32,
        sources: Vec::new(),
        reviewed: item.last_verified,
        body: markdown.clone(),
        source: ItemSource::Group { group: group.to_owned(), name: group_name.to_owned() },
    })
}

fn from_row(group: String, group_name: String, json: String) -> Option<Guide> {
    let item: Item = serde_json::from_str(&json).ok()?;
    guide_from_item(&group, &group_name, &item)
}

/// Every stored group article, by group then title.
pub(crate) fn all(conn: &Connection) -> rusqlite::Result<Vec<Guide>> {
    let mut stmt =
        conn.prepare_cached("SELECT group_id, group_name, item FROM group_items ORDER BY group_id, item_id")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (group, name, json) = row?;
        out.extend(from_row(group, name, json));
    }
    out.sort_unstable_by(|a, b| (&a.source_key(), &a.title, &a.id).cmp(&(&b.source_key(), &b.title, &b.id)));
    Ok(out)
}

/// One stored group article by its Library id.
pub(crate) fn one(conn: &Connection, id: &str) -> rusqlite::Result<Option<Guide>> {
    let Some((group, item)) = parse_group_item_id(id) else { return Ok(None) };
    let row: Option<(String, String, String)> = conn
        .prepare_cached("SELECT group_id, group_name, item FROM group_items WHERE group_id = ?1 AND item_id = ?2")?
        .query_row([group, item], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    Ok(row.and_then(|(g, n, j)| from_row(g, n, j)))
}

/// The content notes of a stored group article (what it shows that a member may want warning of before it
/// opens); none for Mend's guides or an id not on the shelf.
pub(crate) fn content_notes(conn: &Connection, id: &str) -> rusqlite::Result<Vec<ContentNote>> {
    let Some((group, item)) = parse_group_item_id(id) else { return Ok(Vec::new()) };
    let json: Option<String> = conn
        .prepare_cached("SELECT item FROM group_items WHERE group_id = ?1 AND item_id = ?2")?
        .query_row([group, item], |r| r.get(0))
        .optional()?;
    Ok(json.and_then(|j| serde_json::from_str::<Item>(&j).ok()).map(|i| i.content_notes).unwrap_or_default())
}

impl Guide {
    /// The group id a group item sorts by (empty for Mend's guides).
    fn source_key(&self) -> String {
        match &self.source {
            ItemSource::Mend => String::new(),
            ItemSource::Group { group, .. } => group.clone(),
        }
    }
}
