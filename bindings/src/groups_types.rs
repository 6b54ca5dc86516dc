//! Support groups' records as the apps see them, converted one to one from the core's (`mend_core::groups`): a
//! group in the list, what creating, publishing, joining, refreshing and restoring gave, a backup's words and
//! file, what the publishing checks noticed, a group's item, and a new item a moderator's screens made. Every word shown with them (content notes, a
//! service's kind, a finding) is the core's; a group's own words (name, description, items) are the
//! moderators', for the app to show "from <group>", never as Mend's guidance.

use chrono::{NaiveDate, NaiveDateTime};
use mend_core::groups::backup::{Backup, Restored};
use mend_core::groups::checks::Finding;
use mend_core::groups::hotlines::GroupLine as CoreLine;
use mend_core::groups::items::{ContentNote, Hotline, Item, ItemBody, Meeting, Service, ServiceKind};
use mend_core::groups::member::{Joined, Left, Refreshed};
use mend_core::groups::owner::{Created, Published};
use mend_core::groups::sections::Dropped;
use mend_core::groups::{GroupItem as CoreItem, GroupSummary as CoreSummary, Role};

use crate::error::MendError;

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// A group on this device: one it moderates or one it joined.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct GroupSummary {
    /// The group's id (hex): what every other call takes, beside the name.
    pub id: String,
    /// True for a group this device moderates.
    pub owner: bool,
    /// The moderators' words.
    pub name: String,
    pub description: String,
    pub language: String,
    pub region: String,
    pub server: String,
    pub pack_sequence: u64,
    pub charter_version: u32,
    /// Items a member sees; 0 for a group this device moderates.
    pub items: u32,
    /// The only owner, and no backup yet: losing this device would orphan the group (`groups_backup`).
    pub needs_backup: bool,
    /// A private group: people ask to join and its owners approve each request (`groups_private.rs`).
    pub is_private: bool,
    /// This device was removed from the private group: what it saw stays, nothing newer is fetched (show the
    /// core's words from the `Removed` refresh outcome).
    pub removed: bool,
}

impl From<CoreSummary> for GroupSummary {
    fn from(s: CoreSummary) -> Self {
        GroupSummary {
            id: s.id,
            owner: s.role == Role::Owner,
            name: s.name,
            description: s.description,
            language: s.language,
            region: s.region,
            server: s.server,
            pack_sequence: s.pack_sequence,
            charter_version: s.charter_version,
            items: count(s.items),
            needs_backup: s.needs_backup,
            is_private: s.private,
            removed: s.removed,
        }
    }
}

/// A group just created: the link to share, and whether to urge a backup now.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct GroupCreated {
    pub id: String,
    pub name: String,
    pub invite: String,
    pub single_owner: bool,
}

impl From<Created> for GroupCreated {
    fn from(c: Created) -> Self {
        GroupCreated { id: c.id, name: c.name, invite: c.invite, single_owner: c.single_owner }
    }
}

/// What the publishing checks noticed in one item: they inform the moderator, who decides.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct GroupFinding {
    /// The item's id.
    pub item: String,
    /// The core's words for the moderator.
    pub words: String,
}

impl From<&Finding> for GroupFinding {
    fn from(f: &Finding) -> Self {
        let item = match f {
            Finding::Claim { item, .. }
            | Finding::ProgressWording { item, .. }
            | Finding::StaleHotline { item, .. } => item.clone(),
        };
        GroupFinding { item, words: f.words() }
    }
}

/// Another publisher's section a pack left out because members would no longer accept it: whose (the
/// moderators' own words) and why (the core's).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct GroupSectionDropped {
    pub publisher: String,
    pub reason: String,
}

/// The core's sections left out, converted.
pub(crate) fn dropped(dropped: Vec<Dropped>) -> Vec<GroupSectionDropped> {
    dropped.into_iter().map(|d| GroupSectionDropped { publisher: d.publisher, reason: d.reason }).collect()
}

/// A pack just published.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct GroupPublished {
    pub id: String,
    pub sequence: u64,
    pub items: u32,
    pub findings: Vec<GroupFinding>,
    /// Other publishers' sections left out (tell the moderator whose and why).
    pub dropped: Vec<GroupSectionDropped>,
}

impl From<Published> for GroupPublished {
    fn from(p: Published) -> Self {
        GroupPublished {
            id: p.id,
            sequence: p.sequence,
            items: count(p.items),
            findings: p.findings.iter().map(GroupFinding::from).collect(),
            dropped: dropped(p.dropped),
        }
    }
}

/// A group just joined.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct GroupJoined {
    pub id: String,
    pub name: String,
    pub description: String,
    pub items: u32,
}

impl From<Joined> for GroupJoined {
    fn from(j: Joined) -> Self {
        GroupJoined { id: j.id, name: j.name, description: j.description, items: count(j.items) }
    }
}

/// What a refresh did for one joined group, or (the private outcomes, listed first) for a request to join a
/// private group or a joined private group's roster. Whatever happened, what was verified before stays.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum GroupRefreshed {
    Updated {
        id: String,
        name: String,
        sequence: u64,
    },
    Unchanged {
        id: String,
        name: String,
    },
    /// Something newer came and did not verify; `reason` is the core's words.
    Refused {
        id: String,
        name: String,
        reason: String,
    },
    /// The server no longer has the group.
    Gone {
        id: String,
        name: String,
    },
    /// The server could not be reached; the next refresh tries again.
    Unreachable {
        id: String,
        name: String,
        reason: String,
    },
    /// A request to join a private group is still with its moderators; `words` are the core's to show.
    Waiting {
        request: String,
        words: String,
    },
    /// A request to join was not approved (said once); nothing of the group is kept. `words` are the core's.
    Declined {
        request: String,
        words: String,
    },
    /// A request to join was approved: the group `id` is joined, its `items` verified (its own outcome, usually
    /// `Unchanged`, follows in the same list).
    Approved {
        request: String,
        id: String,
        name: String,
        items: u32,
    },
    /// A joined private group moved to a new key (someone was removed); it is followed, with its newest items.
    NewEpoch {
        id: String,
        name: String,
        epoch: u32,
    },
    /// This device was removed from a joined private group: what it saw stays, nothing newer comes. `words` are
    /// the core's.
    Removed {
        id: String,
        name: String,
        words: String,
    },
    /// Something came for a private group, or a request to join (`id`: the request's), and did not verify:
    /// nothing was kept, and the next refresh tries again. `reason` is the core's words.
    PrivateRefused {
        id: String,
        reason: String,
    },
    /// A private group's (or a request's) server could not be reached; the next refresh tries again.
    PrivateUnreachable {
        id: String,
        reason: String,
    },
}

impl From<Refreshed> for GroupRefreshed {
    fn from(r: Refreshed) -> Self {
        match r {
            Refreshed::Updated { id, name, sequence } => GroupRefreshed::Updated { id, name, sequence },
            Refreshed::Unchanged { id, name } => GroupRefreshed::Unchanged { id, name },
            Refreshed::Refused { id, name, reason } => GroupRefreshed::Refused { id, name, reason },
            Refreshed::Gone { id, name } => GroupRefreshed::Gone { id, name },
            Refreshed::Unreachable { id, name, reason } => GroupRefreshed::Unreachable { id, name, reason },
        }
    }
}

/// A backup just made: show `words` once (never store them), and keep or share `file`.
#[derive(Clone, uniffi::Record)]
pub struct GroupBackup {
    pub id: String,
    pub name: String,
    pub words: Vec<String>,
    pub file: Vec<u8>,
}

impl From<Backup> for GroupBackup {
    fn from(b: Backup) -> Self {
        GroupBackup {
            id: b.id,
            name: b.name,
            words: b.phrase.split_whitespace().map(str::to_owned).collect(),
            file: b.file,
        }
    }
}

/// A group put back on this device from its backup.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct GroupRestored {
    pub id: String,
    pub name: String,
    pub charter_version: u32,
    pub pack_sequence: u64,
}

impl From<Restored> for GroupRestored {
    fn from(r: Restored) -> Self {
        GroupRestored { id: r.id, name: r.name, charter_version: r.charter_version, pack_sequence: r.pack_sequence }
    }
}

/// One item of a joined group, "from" that group.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct GroupItem {
    pub group_id: String,
    /// Show as "from <group>": the group's words, never Mend's.
    pub group_name: String,
    pub id: String,
    pub version: u32,
    pub language: String,
    pub region: String,
    pub title: String,
    /// The core's words for each content note, to show before the item opens.
    pub content_notes: Vec<String>,
    pub last_verified: NaiveDate,
    pub body: GroupItemBody,
}

/// What an item says, by kind.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum GroupItemBody {
    /// CommonMark; raw HTML is to be shown as text.
    Article { markdown: String },
    /// `start` is the wall-clock time in `time_zone` (`YYYY-MM-DDTHH:MM:SS`); `rrule` an RFC 5545 rule.
    Meeting {
        start: String,
        time_zone: String,
        duration_minutes: u16,
        rrule: Option<String>,
        cancelled: bool,
        place: Option<String>,
        link: Option<String>,
        details: Option<String>,
    },
    /// `kind` is the core's words ("bereavement midwife").
    Service {
        kind: String,
        contact: Vec<String>,
        area_served: String,
        languages: Vec<String>,
        hours: Option<String>,
        details: Option<String>,
    },
    /// `uri` is what to dial or text (`tel:`/`sms:`); `not_emergency` is to be shown.
    Hotline { words: String, uri: String, hours: Option<String>, not_emergency: bool },
}

impl From<CoreItem> for GroupItem {
    fn from(g: CoreItem) -> Self {
        let title = g.item.title().to_owned();
        let Item { id, version, language, region, content_notes, last_verified, body, .. } = g.item;
        GroupItem {
            group_id: g.group_id,
            group_name: g.group_name,
            id,
            version,
            language,
            region,
            title,
            content_notes: content_notes.iter().map(|n| n.words().to_owned()).collect(),
            last_verified,
            body: body.into(),
        }
    }
}

impl From<ItemBody> for GroupItemBody {
    fn from(body: ItemBody) -> Self {
        match body {
            ItemBody::Article { markdown, .. } => GroupItemBody::Article { markdown },
            ItemBody::Meeting(m) => GroupItemBody::Meeting {
                start: m.start.format("%Y-%m-%dT%H:%M:%S").to_string(),
                time_zone: m.time_zone,
                duration_minutes: m.duration_minutes,
                rrule: m.rrule,
                cancelled: m.cancelled,
                place: m.place,
                link: m.link,
                details: m.details,
            },
            ItemBody::Service(s) => GroupItemBody::Service {
                kind: s.kind.words().to_owned(),
                contact: s.contact,
                area_served: s.area_served,
                languages: s.languages,
                hours: s.hours,
                details: s.details,
            },
            ItemBody::Hotline(h) => {
                GroupItemBody::Hotline { words: h.words, uri: h.uri, hours: h.hours, not_emergency: h.not_emergency }
            }
        }
    }
}

/// A group's hotline: after the official numbers of a mood alert (`groups_lines_for_alert`), or in the Library
/// (`groups_lines`, marked when `stale` or `expired`), always "from" its group.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct GroupLine {
    pub group_id: String,
    pub group_name: String,
    pub item_id: String,
    pub name: String,
    /// The number as people say it.
    pub words: String,
    /// What the phone dials or texts (`tel:` or `sms:`).
    pub uri: String,
    pub hours: Option<String>,
    pub not_emergency: bool,
    pub last_verified: NaiveDate,
    /// Not re-confirmed by the group for six months: in the Library only, marked.
    pub stale: bool,
    /// The group's pack has expired: show "not re-confirmed since `last_verified`".
    pub expired: bool,
}

impl From<CoreLine> for GroupLine {
    fn from(l: CoreLine) -> Self {
        GroupLine {
            group_id: l.group_id,
            group_name: l.group_name,
            item_id: l.item_id,
            name: l.name,
            words: l.words,
            uri: l.uri,
            hours: l.hours,
            not_emergency: l.not_emergency,
            last_verified: l.last_verified,
            stale: l.stale,
            expired: l.expired,
        }
    }
}

/// What leaving a group removed, and the reminders from its meetings that were kept.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct GroupLeft {
    pub name: String,
    pub states_removed: u32,
    pub reminders_removed: u32,
    pub reminders_kept: Vec<String>,
}

impl From<Left> for GroupLeft {
    fn from(l: Left) -> Self {
        GroupLeft {
            name: l.name,
            states_removed: count(l.states_removed),
            reminders_removed: count(l.reminders_removed),
            reminders_kept: l.reminders_kept,
        }
    }
}

/// An item a moderator's screens made, to check (`groups_check`) and publish (`groups_publish`). `title` is the
/// article's or meeting's title, the service's or line's name.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct NewGroupItem {
    /// Unique within the group: lowercase letters, digits and hyphens.
    pub id: String,
    /// Raise it with every change.
    pub version: u32,
    pub language: String,
    pub region: String,
    pub content_notes: Vec<ContentNote>,
    pub last_verified: NaiveDate,
    pub withdrawn: bool,
    pub title: String,
    pub body: NewGroupItemBody,
}

/// What a new item says, by kind.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum NewGroupItemBody {
    Article {
        markdown: String,
    },
    /// `start`: the wall-clock time in `time_zone`, `YYYY-MM-DDTHH:MM` (seconds optional).
    Meeting {
        start: String,
        time_zone: String,
        duration_minutes: u16,
        rrule: Option<String>,
        cancelled: bool,
        place: Option<String>,
        link: Option<String>,
        details: Option<String>,
    },
    Service {
        kind: ServiceKind,
        contact: Vec<String>,
        area_served: String,
        languages: Vec<String>,
        hours: Option<String>,
        details: Option<String>,
    },
    Hotline {
        words: String,
        uri: String,
        hours: Option<String>,
        not_emergency: bool,
    },
}

impl TryFrom<NewGroupItem> for Item {
    type Error = MendError;

    fn try_from(new: NewGroupItem) -> Result<Item, MendError> {
        let title = new.title;
        let body = match new.body {
            NewGroupItemBody::Article { markdown } => ItemBody::Article { title, markdown },
            NewGroupItemBody::Meeting {
                start,
                time_zone,
                duration_minutes,
                rrule,
                cancelled,
                place,
                link,
                details,
            } => {
                let start = ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M"]
                    .iter()
                    .find_map(|format| NaiveDateTime::parse_from_str(&start, format).ok())
                    .ok_or_else(|| MendError::InvalidInput {
                        field: format!("{}.start", new.id),
                        reason: "must be a date and time such as 2027-01-05T19:00".into(),
                    })?;
                ItemBody::Meeting(Meeting {
                    title,
                    start,
                    time_zone,
                    duration_minutes,
                    rrule,
                    cancelled,
                    place,
                    link,
                    details,
                })
            }
            NewGroupItemBody::Service { kind, contact, area_served, languages, hours, details } => {
                ItemBody::Service(Service { name: title, kind, contact, area_served, languages, hours, details })
            }
            NewGroupItemBody::Hotline { words, uri, hours, not_emergency } => {
                ItemBody::Hotline(Hotline { name: title, words, uri, hours, not_emergency })
            }
        };
        Ok(Item {
            id: new.id,
            version: new.version,
            language: new.language,
            region: new.region,
            content_notes: new.content_notes,
            last_verified: new.last_verified,
            withdrawn: new.withdrawn,
            body,
        })
    }
}

/// The core's items of `new`, or the first that is not well formed.
pub(crate) fn items(new: Vec<NewGroupItem>) -> Result<Vec<Item>, MendError> {
    new.into_iter().map(Item::try_from).collect()
}
