//! Reading one guide's front matter into a strict struct, so an unknown or misspelt field is an error rather
//! than silently ignored. Authors write it as YAML between `---` lines at the top of the guide file; `build.rs`
//! splits the file and turns that YAML into JSON at build time (`yaml_json.rs`), so what is read here, at run
//! time, is JSON, with `serde_json`, and the phone library holds no YAML parser.

use chrono::NaiveDate;
use serde::Deserialize;
use serde::de::DeserializeOwned;

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

/// Parses a guide in `locale` from its front matter (as JSON) and its Markdown body. Errors say what is wrong
/// in words (they name fields, and quote only the built-in file, never anything a person wrote).
pub fn parse(locale: &str, front_matter_json: &str, body: &str) -> Result<Guide, String> {
    let front: FrontMatter = from_json(front_matter_json).map_err(|e| format!("front matter: {e}"))?;
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

/// Reads JSON that `build.rs` wrote. It goes through a `serde_json::Value` so that an error is only what is
/// wrong (`unknown field `titel``): `serde_json` would add a line and column in the generated JSON, which
/// would point nowhere in the file the author wrote.
pub(super) fn from_json<T: DeserializeOwned>(json: &str) -> Result<T, String> {
    let value: serde_json::Value = serde_json::from_str(json).map_err(|e| e.to_string())?;
    serde_json::from_value(value).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::Trimester;
    use crate::library::from_yaml::{self, yaml_json::split};

    const GOOD: &str = "---\nid: sample\ntitle: A sample\nsummary: Short.\ntopics: [a, b-c]\nstages:\n  days_from: 2\n  \
        days_to: 9\n  trimesters: [second]\nreading_minutes: 2\nsources: [x]\nreviewed: 2026-01-02\n---\nBody [src:x].\n";

    #[test]
    fn a_guide_file_parses_into_front_matter_and_body() {
        let guide = from_yaml::guide("en", GOOD).unwrap();
        assert_eq!(guide.id, "sample");
        assert_eq!(guide.topics, ["a", "b-c"]);
        assert_eq!(guide.stages.days_from, 2);
        assert_eq!(guide.stages.days_to, Some(9));
        assert_eq!(guide.stages.trimesters, [Trimester::Second]);
        assert_eq!(guide.stages.bleeding_stopped, None);
        assert_eq!(guide.reviewed, NaiveDate::from_ymd_opt(2026, 1, 2).unwrap());
        assert_eq!(guide.body, "Body [src:x].");
        assert_eq!(from_yaml::guide("en", &GOOD.replace('\n', "\r\n")).unwrap().body, "Body [src:x].");
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
        assert!(from_yaml::guide("en", "").unwrap_err().contains("must start"));
        assert!(from_yaml::guide("en", "---\ntitle: [unclosed\n---\nBody.\n").unwrap_err().contains("front matter"));
        assert!(parse("en", "{\"id\": ", "").unwrap_err().contains("front matter"));
    }

    #[test]
    fn field_errors_name_the_field_and_no_json_position() {
        let error = |from: &str, to: &str| from_yaml::guide("en", &GOOD.replace(from, to)).unwrap_err();
        let misspelt = error("title:", "titel:");
        assert!(misspelt.starts_with("front matter: unknown field `titel`, expected one of `id`"), "{misspelt}");
        assert!(!misspelt.contains("line"), "{misspelt}");
        assert_eq!(error("summary: Short.\n", ""), "front matter: missing field `summary`");
        let unknown_in_stages = error("days_from: 2", "days_from: 2\n  colour: red");
        assert!(unknown_in_stages.starts_with("front matter: unknown field `colour`"), "{unknown_in_stages}");
        let trimester = error("[second]", "[fourth]");
        assert_eq!(trimester, "front matter: unknown code; expected one of: first, second, third");
        let minutes = error("reading_minutes: 2", "reading_minutes: two");
        assert!(minutes.contains("\"two\""), "{minutes}");
    }
}
