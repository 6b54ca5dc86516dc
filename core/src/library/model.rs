//! The Library's records as the core hands them out (and as `mend library … --json` prints them): guides and
//! their summaries, the stages a guide is written for, sources and numbered references, search hits,
//! suggestions, and a person's bookmark and read state for one guide.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::journal::Trimester;

/// When in a recovery a guide is meant for. Every condition given must hold; an absent one always holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct Stages {
    /// The first day after the loss (0 = the day of the loss) the guide fits.
    pub days_from: u32,
    /// The last day it fits; absent means it fits from `days_from` on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days_to: Option<u32>,
    /// The trimesters of loss it is written for; empty means every loss.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub trimesters: Vec<Trimester>,
    /// Whether it is for while bleeding continues (`false`) or once it has stopped (`true`); absent: either.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bleeding_stopped: Option<bool>,
}

/// Where a Library item comes from: Mend's own guides (sourced, in Mend's voice), or a support group the person
/// joined — its moderators' words, shown as theirs with a "From <group>" label, never as Mend's guidance.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ItemSource {
    Mend,
    Group {
        /// The group's id (hex).
        group: String,
        /// The group's name, as its charter gives it.
        name: String,
    },
}

impl ItemSource {
    /// The label an item from this source carries: `None` for Mend's guides, "From <group>" for a group's.
    pub fn label(&self) -> Option<String> {
        match self {
            ItemSource::Mend => None,
            ItemSource::Group { name, .. } => Some(format!("From {name}")),
        }
    }
}

/// A Library item, in one locale: a built-in guide, or an article a group shared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Guide {
    /// Stable id, the same in every locale (and the file name); a group's items are `group:<group>:<item>`.
    pub id: String,
    /// The locale this text is in (`en`, or the locale asked for when a translation exists).
    pub locale: String,
    pub title: String,
    pub summary: String,
    /// Topic codes in kebab-case, e.g. `back-pain`.
    pub topics: Vec<String>,
    pub stages: Stages,
    pub reading_minutes: u32,
    /// Ids of the sources it cites (see [`Source`]).
    pub sources: Vec<String>,
    /// When the text was last reviewed.
    pub reviewed: NaiveDate,
    /// Markdown, with citations written `[src:ID]` and links to other guides `[text](guide:ID)` (a group's
    /// article: its moderators' Markdown, cited as they wrote it).
    pub body: String,
    pub source: ItemSource,
}

impl Guide {
    /// The fields a list shows.
    pub fn summary(&self) -> GuideSummary {
        GuideSummary {
            id: self.id.clone(),
            locale: self.locale.clone(),
            title: self.title.clone(),
            summary: self.summary.clone(),
            topics: self.topics.clone(),
            sources: self.sources.clone(),
            reading_minutes: self.reading_minutes,
            label: self.source.label(),
            source: self.source.clone(),
        }
    }
}

/// A guide as a list shows it (no body).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct GuideSummary {
    pub id: String,
    pub locale: String,
    pub title: String,
    pub summary: String,
    pub topics: Vec<String>,
    pub sources: Vec<String>,
    pub reading_minutes: u32,
    pub source: ItemSource,
    /// "From <group>" for a group's item (show it with the item); absent for Mend's guides.
    pub label: Option<String>,
}

/// A source a guide may cite (`content/sources.yaml`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: String,
    /// The full citation, as a reader would look it up.
    pub citation: String,
}

/// One numbered entry of a guide's "Sources" list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Reference {
    /// 1 for the first source the text cites, and so on.
    pub number: u32,
    /// The source id.
    pub source: String,
    pub citation: String,
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SearchHit {
    #[serde(flatten)]
    pub guide: GuideSummary,
    /// A few words of the guide's text around the match, the matched words between `«` and `»`.
    pub snippet: String,
    /// 1 for the best match.
    pub rank: u32,
    /// SQLite FTS5 bm25 relevance (higher is better), weighted title > topics > summary > body.
    pub score: f64,
}

/// A guide suggested "for you now", with the reason in one plain sentence (empty when an earlier suggestion in
/// the same list gave the same reason).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Suggestion {
    #[serde(flatten)]
    pub guide: GuideSummary,
    pub reason: String,
}

/// A person's state for one guide: bookmarked, and when they last read it. Stored in the journal with the
/// sync columns, exported and imported (merged by guid).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct GuideState {
    pub guid: String,
    pub guide_id: String,
    pub bookmarked: bool,
    pub bookmarked_at: Option<DateTime<Utc>>,
    pub last_read_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A bookmarked guide.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Bookmark {
    #[serde(flatten)]
    pub guide: GuideSummary,
    pub bookmarked_at: Option<DateTime<Utc>>,
}
