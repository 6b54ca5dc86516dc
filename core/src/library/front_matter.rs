//! Reading one guide file: a YAML front matter block between `---` lines, then the Markdown body. The splitter
//! is ours (a few lines); the YAML is read with `serde_yaml_ng` into a strict struct, so an unknown or
//! misspelt field is an error rather than silently ignored.

use chrono::NaiveDate;
use serde::Deserialize;

use super::model::{Guide, Stages};

/// The front matter's fields, exactly as written in a guide file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    id: String,
    title: String,
    summary: String,
    topics: Vec<String>,
    stages: Stages,
    reading_minutes: u32,
    sources: Vec<String>,
    reviewed: NaiveDate,
}

/// Splits a file into (front matter YAML, body). The file must open with a `---` line; the front matter ends
/// at the next line that is exactly `---`. Line endings may be `\n` or `\r\n`.
pub fn split(text: &str) -> Result<(&str, &str), String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let rest = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
        .ok_or_else(|| "must start with a `---` line opening the front matter".to_owned())?;
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end_matches(['\n', '\r']) == "---" {
            return Ok((&rest[..offset], &rest[offset + line.len()..]));
        }
        offset += line.len();
    }
    Err("has no `---` line closing the front matter".to_owned())
}

/// Parses a whole guide file in `locale`. Errors say what is wrong in words (they name fields, and quote only
/// the built-in file, never anything a person wrote).
pub fn parse(locale: &str, text: &str) -> Result<Guide, String> {
    let (yaml, body) = split(text)?;
    let front: FrontMatter = serde_yaml_ng::from_str(yaml).map_err(|e| format!("front matter: {e}"))?;
    Ok(Guide {
        id: front.id,
        locale: locale.to_owned(),
        title: front.title.trim().to_owned(),
        summary: front.summary.trim().to_owned(),
        topics: front.topics,
        stages: front.stages,
        reading_minutes: front.reading_minutes,
        sources: front.sources,
        reviewed: front.reviewed,
        body: body.trim().to_owned(),
        source: super::model::ItemSource::Mend,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::Trimester;

    const GOOD: &str = "---\nid: sample\ntitle: A sample\nsummary: Short.\ntopics: [a, b-c]\nstages:\n  days_from: 2\n  \
        days_to: 9\n  trimesters: [second]\nreading_minutes: 2\nsources: [x]\nreviewed: 2026-01-02\n---\nBody [src:x].\n";

    #[test]
    fn a_guide_file_parses_into_front_matter_and_body() {
        let guide = parse("en", GOOD).unwrap();
        assert_eq!(guide.id, "sample");
        assert_eq!(guide.topics, ["a", "b-c"]);
        assert_eq!(guide.stages.days_from, 2);
        assert_eq!(guide.stages.days_to, Some(9));
        assert_eq!(guide.stages.trimesters, [Trimester::Second]);
        assert_eq!(guide.stages.bleeding_stopped, None);
        assert_eq!(guide.reviewed, NaiveDate::from_ymd_opt(2026, 1, 2).unwrap());
        assert_eq!(guide.body, "Body [src:x].");
        assert_eq!(parse("en", &GOOD.replace('\n', "\r\n")).unwrap().body, "Body [src:x].");
    }

    #[test]
    fn a_body_may_contain_dashes_after_the_front_matter() {
        let (yaml, body) = split("---\na: 1\n---\ntext\n---\nmore").unwrap();
        assert_eq!((yaml, body), ("a: 1\n", "text\n---\nmore"));
    }

    #[test]
    fn broken_files_are_errors_not_panics() {
        assert!(split("no front matter").unwrap_err().contains("must start"));
        assert!(split("---\nid: x\n").unwrap_err().contains("closing"));
        assert!(parse("en", &GOOD.replace("title:", "titel:")).unwrap_err().contains("front matter"));
        assert!(parse("en", &GOOD.replace("[second]", "[fourth]")).is_err());
        assert!(parse("en", &GOOD.replace("reading_minutes: 2", "reading_minutes: two")).is_err());
        assert!(parse("en", "").is_err());
    }
}
