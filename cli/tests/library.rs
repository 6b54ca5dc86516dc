//! End to end: the `mend` binary driven as a person would, on a temporary data dir. `mend library` lists,
//! searches (the issue's queries, including `"` and `NOT`, never an error), reads, suggests and bookmarks;
//! `mend today` includes suggestions.

use std::process::{Command, Output};

use serde_json::Value;

struct Mend {
    dir: tempfile::TempDir,
}

impl Mend {
    fn new() -> Mend {
        Mend { dir: tempfile::tempdir().unwrap() }
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_mend"))
            .env_remove("TZ")
            .arg("--data-dir")
            .arg(self.dir.path())
            .args(["--now", "2026-05-03T10:00:00Z"])
            .args(args)
            .env_remove("MEND_DATA_DIR")
            .output()
            .expect("mend runs")
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "mend {args:?} failed: {stderr}");
        assert!(stderr.is_empty(), "mend {args:?} wrote to stderr: {stderr}");
        String::from_utf8(out.stdout).unwrap()
    }

    fn json(&self, args: &[&str]) -> Value {
        let mut all = args.to_vec();
        all.push("--json");
        serde_json::from_str(&self.ok(&all)).unwrap()
    }
}

fn ids(list: &Value) -> Vec<String> {
    list.as_array().unwrap().iter().map(|g| g["id"].as_str().unwrap().to_owned()).collect()
}

#[test]
fn list_shows_every_guide_with_its_fields() {
    let mend = Mend::new();
    let list = mend.json(&["library", "list"]);
    let guides = list.as_array().unwrap();
    assert!(guides.len() >= 16);
    for g in guides {
        for field in ["id", "title", "summary"] {
            assert!(g[field].is_string(), "{field} in {g}");
        }
        assert!(g["topics"].is_array() && g["sources"].is_array(), "{g}");
    }
    assert!(mend.ok(&["library", "list"]).contains("mend library read when-to-get-help"));
}

#[test]
fn the_issues_searches_give_sensible_results_or_an_empty_list() {
    let mend = Mend::new();
    let first = |query: &str| ids(&mend.json(&["library", "search", query])).first().cloned();
    assert_eq!(first("sciatica").as_deref(), Some("massage-in-a-later-pregnancy"));
    assert_eq!(first("when will my period come back").as_deref(), Some("first-period-after-miscarriage"));
    assert_eq!(first("guilt").as_deref(), Some("guilt-and-self-blame"));
    let massage = ids(&mend.json(&["library", "search", "massage"]));
    assert!(massage[..2].iter().all(|id| id.starts_with("massage-")), "{massage:?}");
    for nothing in ["\"", "NOT"] {
        assert_eq!(mend.json(&["library", "search", nothing]), Value::Array(vec![]), "{nothing:?}");
        assert!(mend.ok(&["library", "search", nothing]).contains("No guides matched"));
    }
    // Unquoted words on the command line, a leading dash and nothing at all are fine too.
    assert_eq!(
        ids(&mend.json(&["library", "search", "when", "will", "my", "period", "come", "back"]))[0],
        "first-period-after-miscarriage"
    );
    let dashed: Value =
        serde_json::from_str(&mend.ok(&["--json", "library", "search", "--", "-NOT", "(", "*"])).unwrap();
    assert_eq!(dashed, Value::Array(vec![]));
    assert_eq!(mend.json(&["library", "search"]), Value::Array(vec![]));
    let hit = &mend.json(&["library", "search", "sciatica"])[0];
    assert!(hit["snippet"].as_str().unwrap().contains("«sciatica»"), "{hit}");
    assert_eq!(hit["rank"], 1);
    assert!(hit["topics"].is_array() && hit["sources"].is_array() && hit["score"].is_number());
    // Piped output has no terminal escapes.
    assert!(!mend.ok(&["library", "search", "sciatica"]).contains('\x1b'));
}

#[test]
fn read_renders_the_guide_with_numbered_sources() {
    let mend = Mend::new();
    let text = mend.ok(&["library", "read", "massage-after-miscarriage"]);
    assert!(text.starts_with("Massage and bodywork after a miscarriage\n"), "{text}");
    assert!(text.contains("low mood [1]") && text.contains("\nSources\n1. Field T"), "{text}");
    assert!(text.contains("(see: mend library read when-to-get-help)"), "{text}");
    assert!(text.contains("  • a quieter mind"), "{text}");
    for raw in ["[src:", "](guide:", "**", "## "] {
        assert!(!text.contains(raw), "{raw} in {text}");
    }
    assert!(text.lines().all(|l| l.chars().count() <= 100));
    let json = mend.json(&["library", "read", "first-period-after-miscarriage"]);
    assert_eq!(json["id"], "first-period-after-miscarriage");
    assert_eq!(json["title"], "When will my period come back?");
    assert!(json["body"].as_str().unwrap().contains("[src:hse-recovery]"));
    assert_eq!(json["references"][0]["source"], "hse-recovery");
    assert_eq!(json["references"][0]["number"], 1);
    assert_eq!(json["bookmarked"], false);
    let out = mend.run(&["library", "read", "no-such-guide"]);
    assert!(!out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stderr).trim(), "mend: guide not found");
}

#[test]
fn bookmarks_suggestions_and_today_work_together() {
    let mend = Mend::new();
    mend.ok(&["init", "--loss-date", "2026-05-01", "--weeks", "9", "--tz", "Europe/Dublin", "--region", "IE"]);
    mend.ok(&["checkin", "--bleeding", "medium", "--mood", "2"]);
    let suggested = mend.json(&["library", "suggest"]);
    assert_eq!(ids(&suggested)[0], "first-days-after-miscarriage");
    assert!(suggested[0]["reason"].as_str().unwrap().ends_with('.'));
    let today = mend.json(&["today"]);
    assert_eq!(today["suggestions"], suggested);
    assert!(mend.ok(&["today"]).contains("For you now (more: mend library suggest):"));
    // Reading a guide keeps it out of this week's suggestions.
    mend.ok(&["library", "read", "first-days-after-miscarriage"]);
    assert!(!ids(&mend.json(&["library", "suggest"])).contains(&"first-days-after-miscarriage".to_owned()));

    let saved = mend.json(&["library", "bookmark", "sleep-after-loss"]);
    assert_eq!((saved["guide_id"].as_str(), saved["bookmarked"].as_bool()), (Some("sleep-after-loss"), Some(true)));
    assert_eq!(ids(&mend.json(&["library", "bookmarks"])), ["sleep-after-loss"]);
    assert!(mend.ok(&["library", "bookmark", "guilt-and-self-blame"]).contains("Saved to your bookmarks"));
    mend.ok(&["library", "unbookmark", "sleep-after-loss"]);
    assert_eq!(ids(&mend.json(&["library", "bookmarks"])), ["guilt-and-self-blame"]);
    let out = mend.run(&["library", "bookmark", "nope"]);
    assert!(!out.status.success() && String::from_utf8_lossy(&out.stderr).contains("guide not found"));

    // Bookmarks and read state travel with an export.
    let export: Value = serde_json::from_str(&mend.ok(&["export"])).unwrap();
    let library = export["library"].as_array().unwrap();
    assert_eq!(library.len(), 3, "{library:?}");
}

#[test]
fn a_locale_without_translations_shows_english() {
    let mend = Mend::new();
    assert_eq!(mend.json(&["library", "--locale", "ga-IE", "list"]), mend.json(&["library", "list"]));
    assert_eq!(mend.json(&["library", "read", "guilt-and-self-blame", "--locale", "ga"])["locale"], "en");
}
