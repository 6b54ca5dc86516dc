//! A pack written as a folder: one Markdown file per item (`*.md`, read in name order), each starting with YAML
//! front matter between `---` lines that says what the item is; the Markdown after it is an article's text, or a
//! meeting's or service's details. docs/groups.md has a full example. Anything unknown or missing is refused,
//! naming the file and the field, and every item is then checked as a member's device will check it.

use std::path::Path;

use chrono::{NaiveDate, NaiveDateTime};
use serde::Deserialize;

use super::error::{GroupError, Result};
use super::items::{ContentNote, Hotline, Item, ItemBody, Meeting, Service, ServiceKind};

/// The most item files one folder may hold.
pub const MAX_FILES: usize = 1_000;
/// The largest item file.
pub const MAX_FILE_BYTES: u64 = 128 * 1024;

/// The front matter, every kind's fields together; which ones are required depends on `kind`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    kind: String,
    id: String,
    #[serde(default = "first_version")]
    version: u32,
    language: String,
    #[serde(default)]
    region: String,
    #[serde(default)]
    content_notes: Vec<ContentNote>,
    last_verified: NaiveDate,
    #[serde(default)]
    withdrawn: bool,
    // Articles and meetings.
    title: Option<String>,
    // Meetings.
    start: Option<NaiveDateTime>,
    time_zone: Option<String>,
    duration_minutes: Option<u16>,
    rrule: Option<String>,
    #[serde(default)]
    cancelled: bool,
    place: Option<String>,
    link: Option<String>,
    // Services and hotlines.
    name: Option<String>,
    service: Option<ServiceKind>,
    #[serde(default)]
    contact: Vec<String>,
    area_served: Option<String>,
    #[serde(default)]
    languages: Vec<String>,
    hours: Option<String>,
    // Hotlines.
    words: Option<String>,
    uri: Option<String>,
    #[serde(default = "yes")]
    not_emergency: bool,
}

fn first_version() -> u32 {
    1
}

fn yes() -> bool {
    true
}

/// Reads every item of the folder at `dir`, checked.
pub fn read_folder(dir: &Path) -> Result<Vec<Item>> {
    let unreadable = |why: &str| GroupError::invalid(dir.display().to_string(), why.to_owned());
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| unreadable(crate::error::plain_io(e.kind())))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(unreadable("holds no item files (*.md)"));
    }
    if files.len() > MAX_FILES {
        return Err(unreadable("holds more than 1000 item files"));
    }
    let mut items = Vec::with_capacity(files.len());
    for path in &files {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let at = |e: GroupError| match e {
            GroupError::Invalid { field, reason } => GroupError::invalid(format!("{name}: {field}"), reason),
            other => other,
        };
        let meta =
            std::fs::metadata(path).map_err(|e| at(GroupError::invalid("file", crate::error::plain_io(e.kind()))))?;
        if !meta.is_file() || meta.len() > MAX_FILE_BYTES {
            return Err(at(GroupError::invalid("file", "must be a regular file of at most 128 KB")));
        }
        let text = std::fs::read_to_string(path)
            .map_err(|e| at(GroupError::invalid("file", crate::error::plain_io(e.kind()))))?;
        let item = parse_item(&text).map_err(at)?;
        if items.iter().any(|earlier: &Item| earlier.id == item.id) {
            return Err(at(GroupError::invalid("id", "another file in the folder has this id")));
        }
        items.push(item);
    }
    Ok(items)
}

/// Reads one item file: front matter, then the Markdown body.
pub fn parse_item(text: &str) -> Result<Item> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let missing_front =
        || GroupError::invalid("front matter", "the file must start with --- and its details, then ---");
    let rest = text.strip_prefix("---\n").or_else(|| text.strip_prefix("---\r\n")).ok_or_else(missing_front)?;
    let end = rest.find("\n---").ok_or_else(missing_front)?;
    let (yaml, after) = (&rest[..end], &rest[end + 4..]);
    let body = after.strip_prefix("\r\n").or_else(|| after.strip_prefix('\n')).unwrap_or(after).trim().to_owned();
    let front: FrontMatter = serde_yaml_ng::from_str(yaml).map_err(|e| {
        let reason = crate::error::redact_quoted(&e.to_string());
        GroupError::invalid("front matter", reason)
    })?;
    let required = |value: Option<String>, field: &str| value.ok_or_else(|| GroupError::invalid(field, "is required"));
    let details = (!body.is_empty()).then(|| body.clone());
    let item_body = match front.kind.as_str() {
        "article" => ItemBody::Article { title: required(front.title, "title")?, markdown: body },
        "meeting" => ItemBody::Meeting(Meeting {
            title: required(front.title, "title")?,
            start: front.start.ok_or_else(|| GroupError::invalid("start", "is required (2027-01-05T19:00)"))?,
            time_zone: required(front.time_zone, "time_zone")?,
            duration_minutes: front
                .duration_minutes
                .ok_or_else(|| GroupError::invalid("duration_minutes", "is required"))?,
            rrule: front.rrule,
            cancelled: front.cancelled,
            place: front.place,
            link: front.link,
            details,
        }),
        "service" => ItemBody::Service(Service {
            name: required(front.name, "name")?,
            kind: front.service.ok_or_else(|| {
                GroupError::invalid(
                    "service",
                    "is required (therapist, counsellor, doula, massage_therapist, bereavement_midwife or other)",
                )
            })?,
            contact: front.contact,
            area_served: front.area_served.unwrap_or_default(),
            languages: front.languages,
            hours: front.hours,
            details,
        }),
        "hotline" => ItemBody::Hotline(Hotline {
            name: required(front.name, "name")?,
            words: required(front.words, "words")?,
            uri: required(front.uri, "uri")?,
            hours: front.hours,
            not_emergency: front.not_emergency,
        }),
        _ => return Err(GroupError::invalid("kind", "must be article, meeting, service or hotline")),
    };
    let item = Item {
        id: front.id,
        version: front.version,
        language: front.language,
        region: front.region,
        content_notes: front.content_notes,
        last_verified: front.last_verified,
        withdrawn: front.withdrawn,
        body: item_body,
    };
    item.check()?;
    Ok(item)
}

#[cfg(test)]
mod tests;
