//! What a group publishes: articles, meetings, services and hotlines, each with an id, a version, its language
//! and region, content notes (so a member can choose before reading), the date it was last verified, and a
//! withdrawn flag. [`Item::check`] is applied when a moderator publishes and again when a member verifies a
//! pack: an item that breaks a rule is refused, naming the field.
//!
//! Links are the privacy line: articles may link only to `https:`, `tel:` and `mailto:` addresses and may not
//! embed images (a remote image would tell its host who read the article); hotlines dial `tel:` or text `sms:`;
//! meeting links are `https:`.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::error::{GroupError, Result};

/// The kinds of item, which a publisher's scopes are made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    Article,
    Meeting,
    Service,
    Hotline,
}

impl ItemKind {
    pub const ALL: [ItemKind; 4] = [ItemKind::Article, ItemKind::Meeting, ItemKind::Service, ItemKind::Hotline];

    /// The word moderators and members see.
    pub fn code(self) -> &'static str {
        match self {
            ItemKind::Article => "article",
            ItemKind::Meeting => "meeting",
            ItemKind::Service => "service",
            ItemKind::Hotline => "hotline",
        }
    }
}

/// What an item may show that a member may want warning of before it opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum ContentNote {
    /// Talks about pregnancy (a later pregnancy, pregnancy after loss).
    Pregnancy,
    BabyImages,
    Stillbirth,
    /// Termination for medical reasons.
    Tfmr,
    Faith,
    MedicalDetail,
}

impl ContentNote {
    /// The words members see before the item ("Content note: stillbirth, faith").
    pub fn words(self) -> &'static str {
        match self {
            ContentNote::Pregnancy => "pregnancy",
            ContentNote::BabyImages => "baby images",
            ContentNote::Stillbirth => "stillbirth",
            ContentNote::Tfmr => "termination for medical reasons",
            ContentNote::Faith => "faith",
            ContentNote::MedicalDetail => "medical detail",
        }
    }
}

/// One published item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    /// Unique within the group: lowercase letters, digits and hyphens.
    pub id: String,
    /// Rises with every change the publisher makes.
    pub version: u32,
    /// A BCP 47 language tag such as `en` or `en-IE`.
    pub language: String,
    /// Where it applies: an ISO 3166 code, a UK nation, or empty for anywhere.
    pub region: String,
    pub content_notes: Vec<ContentNote>,
    /// When the publisher last checked it was right (hotline numbers, meeting times, services).
    pub last_verified: NaiveDate,
    /// Withdrawn by its publisher: members stop showing it.
    pub withdrawn: bool,
    pub body: ItemBody,
}

/// What an item says, by kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemBody {
    /// CommonMark; raw HTML is shown as text.
    Article {
        title: String,
        markdown: String,
    },
    Meeting(Meeting),
    Service(Service),
    Hotline(Hotline),
}

/// A meeting, as a subset of an iCalendar VEVENT.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Meeting {
    pub title: String,
    /// The first meeting's start, on the wall clock of `time_zone`.
    pub start: NaiveDateTime,
    /// The IANA zone the meeting is held in.
    pub time_zone: String,
    pub duration_minutes: u16,
    /// How it repeats: an RFC 5545 rule (`FREQ=WEEKLY;BYDAY=TU`), or none for a single meeting.
    pub rrule: Option<String>,
    pub cancelled: bool,
    /// Where, for a meeting in a room.
    pub place: Option<String>,
    /// An `https:` video link, for a meeting online.
    pub link: Option<String>,
    pub details: Option<String>,
}

/// A service a member can go to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Service {
    pub name: String,
    pub kind: ServiceKind,
    /// `tel:`, `sms:`, `mailto:` or `https:` addresses.
    pub contact: Vec<String>,
    pub area_served: String,
    pub languages: Vec<String>,
    pub hours: Option<String>,
    pub details: Option<String>,
}

/// The kinds of service groups list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum ServiceKind {
    Therapist,
    Counsellor,
    Doula,
    MassageTherapist,
    BereavementMidwife,
    Other,
}

impl ServiceKind {
    /// The words members see.
    pub fn words(self) -> &'static str {
        match self {
            ServiceKind::Therapist => "therapist",
            ServiceKind::Counsellor => "counsellor",
            ServiceKind::Doula => "doula",
            ServiceKind::MassageTherapist => "massage therapist",
            ServiceKind::BereavementMidwife => "bereavement midwife",
            ServiceKind::Other => "other support",
        }
    }
}

/// A support line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hotline {
    pub name: String,
    /// The number as people say it ("0800 123 456").
    pub words: String,
    /// What the phone dials or texts: `tel:+…` or `sms:+…`.
    pub uri: String,
    pub hours: Option<String>,
    /// It is a support line, not an emergency line: shown so nobody mistakes it for one.
    pub not_emergency: bool,
}

/// The largest article (CommonMark text).
pub const ARTICLE_MAX_BYTES: usize = 64 * 1024;
/// The longest title or name.
pub const TITLE_MAX_CHARS: usize = 200;
/// The longest other text field.
pub const TEXT_MAX_CHARS: usize = 4_000;

impl Item {
    /// The item's kind.
    pub fn kind(&self) -> ItemKind {
        match self.body {
            ItemBody::Article { .. } => ItemKind::Article,
            ItemBody::Meeting(_) => ItemKind::Meeting,
            ItemBody::Service(_) => ItemKind::Service,
            ItemBody::Hotline(_) => ItemKind::Hotline,
        }
    }

    /// Its title or name.
    pub fn title(&self) -> &str {
        match &self.body {
            ItemBody::Article { title, .. } => title,
            ItemBody::Meeting(m) => &m.title,
            ItemBody::Service(s) => &s.name,
            ItemBody::Hotline(h) => &h.name,
        }
    }

    /// Checks every field; the error names the first one at fault (`items[3].body.uri` when prefixed).
    pub fn check(&self) -> Result<()> {
        slug("id", &self.id)?;
        language("language", &self.language)?;
        region("region", &self.region)?;
        text("title", self.title(), TITLE_MAX_CHARS, true)?;
        match &self.body {
            ItemBody::Article { markdown, .. } => article("markdown", markdown),
            ItemBody::Meeting(meeting) => check_meeting(meeting),
            ItemBody::Service(service) => {
                if service.contact.is_empty() {
                    return Err(GroupError::invalid("contact", "a service needs at least one way to reach it"));
                }
                for (i, uri) in service.contact.iter().enumerate() {
                    link(&format!("contact[{i}]"), uri, &["tel:", "sms:", "mailto:", "https://"])?;
                }
                text("area_served", &service.area_served, TITLE_MAX_CHARS, false)?;
                for (i, lang) in service.languages.iter().enumerate() {
                    language(&format!("languages[{i}]"), lang)?;
                }
                optional_text("hours", service.hours.as_deref())?;
                optional_text("details", service.details.as_deref())
            }
            ItemBody::Hotline(hotline) => {
                text("words", &hotline.words, TITLE_MAX_CHARS, true)?;
                dial_uri("uri", &hotline.uri)?;
                optional_text("hours", hotline.hours.as_deref())
            }
        }
    }
}

fn check_meeting(meeting: &Meeting) -> Result<()> {
    meeting
        .time_zone
        .parse::<crate::zone::Zone>()
        .map_err(|_| GroupError::invalid("time_zone", "must be an IANA time zone such as Europe/London"))?;
    if !(1..=24 * 60).contains(&meeting.duration_minutes) {
        return Err(GroupError::invalid("duration_minutes", "must be between 1 minute and 24 hours"));
    }
    if let Some(rule) = &meeting.rrule {
        let parsed: crate::reminders::rule::Rule =
            rule.parse().map_err(|e: crate::reminders::rule::RuleError| GroupError::invalid("rrule", e.reason))?;
        parsed.check_start(meeting.start).map_err(|e| GroupError::invalid("rrule", e.reason))?;
    }
    if let Some(uri) = &meeting.link {
        link("link", uri, &["https://"])?;
    }
    if meeting.place.is_none() && meeting.link.is_none() {
        return Err(GroupError::invalid("place", "a meeting needs a place or a video link"));
    }
    optional_text("place", meeting.place.as_deref())?;
    optional_text("details", meeting.details.as_deref())
}

fn slug(field: &str, value: &str) -> Result<()> {
    let ok = (1..=64).contains(&value.len())
        && value.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if ok { Ok(()) } else { Err(GroupError::invalid(field, "must be 1-64 lowercase letters, digits or hyphens")) }
}

fn language(field: &str, value: &str) -> Result<()> {
    let ok = (2..=16).contains(&value.len()) && value.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    if ok { Ok(()) } else { Err(GroupError::invalid(field, "must be a language tag such as en or en-IE")) }
}

fn region(field: &str, value: &str) -> Result<()> {
    let ok = value.len() <= 6 && value.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-');
    if ok { Ok(()) } else { Err(GroupError::invalid(field, "must be a region code such as IE or GB-SCT, or empty")) }
}

fn text(field: &str, value: &str, max: usize, required: bool) -> Result<()> {
    if required && value.trim().is_empty() {
        return Err(GroupError::invalid(field, "must not be empty"));
    }
    if value.chars().count() > max {
        return Err(GroupError::invalid(field, format!("can be at most {max} characters")));
    }
    Ok(())
}

fn optional_text(field: &str, value: Option<&str>) -> Result<()> {
    value.map_or(Ok(()), |v| text(field, v, TEXT_MAX_CHARS, false))
}

/// A link that starts with one of `schemes` (compared without case) and holds no white space or control
/// characters.
fn link(field: &str, uri: &str, schemes: &[&str]) -> Result<()> {
    let lower = uri.to_ascii_lowercase();
    let scheme_ok = schemes.iter().any(|s| lower.starts_with(s) && uri.len() > s.len());
    if !scheme_ok || uri.len() > 2_000 || uri.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(GroupError::invalid(field, format!("must be a link starting {}", schemes.join(", "))));
    }
    Ok(())
}

/// A number a phone can dial or text: `tel:` or `sms:`, then an optional `+` and digits.
fn dial_uri(field: &str, uri: &str) -> Result<()> {
    let number = uri.strip_prefix("tel:").or_else(|| uri.strip_prefix("sms:"));
    let ok = number.is_some_and(|n| {
        let digits = n.strip_prefix('+').unwrap_or(n);
        (2..=20).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit())
    });
    if ok { Ok(()) } else { Err(GroupError::invalid(field, "must be tel: or sms: followed by the number's digits")) }
}

/// An article: at most [`ARTICLE_MAX_BYTES`], links only to `https:`, `tel:` and `mailto:`, no images.
fn article(field: &str, markdown: &str) -> Result<()> {
    use pulldown_cmark::{Event, Parser, Tag};
    if markdown.trim().is_empty() {
        return Err(GroupError::invalid(field, "must not be empty"));
    }
    if markdown.len() > ARTICLE_MAX_BYTES {
        return Err(GroupError::invalid(field, "can be at most 64 KB"));
    }
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::Image { .. }) => {
                return Err(GroupError::invalid(field, "images are not shown: link to them instead"));
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                link(&format!("{field} (a link)"), &dest_url, &["https://", "tel:", "mailto:"])?;
            }
            _ => {}
        }
    }
    Ok(())
}
