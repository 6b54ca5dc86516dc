//! Content tests over every built-in guide (the files `build.rs` compiled in, their YAML already read at build
//! time, so a YAML syntax error shows here as a problem of its file): each parses, ids match file names
//! and are unique, every source resolves and every citation is listed, every internal link resolves, and no
//! guide uses words Mend never uses — claims the evidence does not support, clinical words that wound, and
//! pregnancy-progress language (shared/design/VOICE.md, shared/clinical/guidance.md).

use std::collections::{BTreeSet, HashSet};

use pulldown_cmark::{Event, Parser, Tag};

use super::catalog::{Catalog, GUIDE_FILES};
use super::cite;
use super::model::Guide;
use super::text::{self, TextStyle};

/// Claims the sources do not support (guidance.md, "Not supported — never claim").
const UNSUPPORTED_CLAIMS: &[&str] = &[
    "expel",
    "detox",
    "stale blood",
    "old blood out",
    "reposition",
    "tilted uterus",
    "balance hormones",
    "balance your hormones",
    "hormonal balance",
    "rebalanc",
    "flush out",
    "toxin",
    "restore fertility",
    "restores fertility",
    "boost fertility",
];

fn catalog() -> &'static Catalog {
    Catalog::builtin()
}

fn english() -> Vec<&'static Guide> {
    catalog().all().filter(|g| g.locale == "en").collect()
}

/// Everything a person reads in a guide, lowercased.
fn readable_text(guide: &Guide) -> String {
    format!("{}\n{}\n{}\n{}", guide.title, guide.summary, guide.topics.join(" "), guide.body).to_lowercase()
}

/// Link destinations in a body, as the Markdown parser sees them.
fn links(body: &str) -> Vec<String> {
    Parser::new(body)
        .filter_map(|e| match e {
            Event::Start(Tag::Link { dest_url, .. }) => Some(dest_url.to_string()),
            _ => None,
        })
        .collect()
}

#[test]
fn every_guide_file_parses_with_no_problems() {
    assert!(catalog().problems().is_empty(), "{:#?}", catalog().problems());
    assert_eq!(catalog().all().count(), GUIDE_FILES.len(), "every file became a guide");
    assert!(english().len() >= 16, "at least 16 English guides, found {}", english().len());
    assert!(catalog().sources().count() >= 10, "sources.yaml lists at least the ten clinical sources");
}

#[test]
fn ids_are_the_file_names_and_unique() {
    let mut seen = HashSet::new();
    for file in GUIDE_FILES {
        let (locale, name) = (file.locale, file.name);
        let guide = file
            .front_matter
            .map_err(str::to_owned)
            .and_then(|json| super::front_matter::parse(locale, json, file.body))
            .unwrap_or_else(|e| panic!("{locale}/{name}: {e}"));
        assert_eq!(guide.id, name, "{locale}/{name}.md");
        assert!(super::is_guide_id(&guide.id), "{locale}/{name}: id must be kebab-case");
        assert!(seen.insert((locale.to_string(), guide.id.clone())), "{locale}/{name}: id used twice");
    }
}

#[test]
fn every_source_resolves_and_every_citation_is_listed() {
    let mut used: BTreeSet<&str> = BTreeSet::new();
    for guide in catalog().all() {
        let at = format!("{}/{}", guide.locale, guide.id);
        assert!(!guide.sources.is_empty(), "{at}: cites no sources");
        let listed: BTreeSet<&str> = guide.sources.iter().map(String::as_str).collect();
        assert_eq!(listed.len(), guide.sources.len(), "{at}: a source is listed twice");
        for source in &listed {
            assert!(catalog().source(source).is_some(), "{at}: source {source} is not in sources.yaml");
        }
        let cited: BTreeSet<&str> = cite::cited_ids(&guide.body).into_iter().collect();
        for id in &cited {
            assert!(listed.contains(id), "{at}: cites [src:{id}] without listing it in the front matter");
        }
        for id in &listed {
            assert!(cited.contains(id), "{at}: lists {id} but never cites it in the text");
        }
        assert!(!guide.body.contains("[src:]"), "{at}: an empty citation");
        used.extend(cited);
    }
    let unused: Vec<&str> = catalog().sources().map(|s| s.id.as_str()).filter(|id| !used.contains(id)).collect();
    assert!(unused.is_empty(), "sources no guide cites: {unused:?}");
}

#[test]
fn every_internal_link_resolves() {
    for guide in catalog().all() {
        let at = format!("{}/{}", guide.locale, guide.id);
        let found = links(&guide.body);
        assert_eq!(found.len(), guide.body.matches("](").count(), "{at}: a link the Markdown parser did not read");
        for dest in found {
            let id = dest.strip_prefix("guide:").unwrap_or_else(|| panic!("{at}: link to {dest} is not guide:ID"));
            assert_ne!(id, guide.id, "{at}: links to itself");
            let target = catalog().guide(id, &guide.locale).unwrap_or_else(|| panic!("{at}: no guide {id}"));
            assert_eq!(target.id, id);
        }
    }
}

#[test]
fn bodies_are_plain_markdown_without_html_images_or_tables() {
    for guide in catalog().all() {
        let options = pulldown_cmark::Options::ENABLE_TABLES;
        for event in Parser::new_ext(&guide.body, options) {
            let bad = matches!(
                event,
                Event::Html(_) | Event::InlineHtml(_) | Event::Start(Tag::Image { .. }) | Event::Start(Tag::Table(_))
            );
            assert!(
                !bad,
                "{}/{}: {event:?} (the text renderer and apps expect plain Markdown)",
                guide.locale, guide.id
            );
        }
    }
}

fn scan(list: &[&str], what: &str) {
    let mut found = Vec::new();
    for guide in catalog().all() {
        let text = readable_text(guide);
        for phrase in list {
            if text.contains(phrase) {
                found.push(format!("{}/{}: {phrase:?}", guide.locale, guide.id));
            }
        }
    }
    assert!(found.is_empty(), "{what}:\n{}", found.join("\n"));
}

#[test]
fn no_guide_makes_an_unsupported_claim() {
    scan(UNSUPPORTED_CLAIMS, "claims the evidence does not support");
}

#[test]
fn no_guide_uses_hurtful_or_blaming_words() {
    scan(crate::voice::WOUNDING, "words Mend never uses");
}

#[test]
fn no_guide_uses_pregnancy_progress_language() {
    scan(crate::voice::PREGNANCY_PROGRESS, "pregnancy-progress language");
}

#[test]
fn the_scans_catch_what_they_look_for() {
    let catches = |list: &[&str], text: &str| list.iter().any(|p| text.to_lowercase().contains(p));
    assert!(catches(UNSUPPORTED_CLAIMS, "Massage helps EXPEL what is left"));
    assert!(catches(UNSUPPORTED_CLAIMS, "a detox for stale blood"));
    assert!(catches(UNSUPPORTED_CLAIMS, "it can reposition the womb and Balance Hormones"));
}

#[test]
fn no_exclamation_marks() {
    for guide in catalog().all() {
        for (field, text) in [("title", &guide.title), ("summary", &guide.summary), ("body", &guide.body)] {
            assert!(!text.contains('!'), "{}/{}: `!` in the {field}", guide.locale, guide.id);
        }
    }
}

#[test]
fn front_matter_values_are_sane() {
    for guide in catalog().all() {
        let at = format!("{}/{}", guide.locale, guide.id);
        let s = &guide.stages;
        assert!(s.days_to.is_none_or(|to| s.days_from <= to), "{at}: stages.days_from after days_to");
        assert!(s.days_from <= 365 && s.days_to.is_none_or(|to| to <= 3650), "{at}: stages out of range");
        assert!(!guide.title.is_empty() && guide.title.len() <= 80, "{at}: title length");
        assert!(!guide.summary.is_empty() && guide.summary.len() <= 300, "{at}: summary length");
        assert!(!guide.topics.is_empty(), "{at}: no topics");
        for topic in &guide.topics {
            assert!(super::is_guide_id(topic), "{at}: topic {topic} is not kebab-case");
        }
        assert_eq!(guide.topics.iter().collect::<HashSet<_>>().len(), guide.topics.len(), "{at}: repeated topic");
        let words = text::render(&cite::strip(&guide.body), &TextStyle::plain()).split_whitespace().count();
        assert!((1..=15).contains(&guide.reading_minutes), "{at}: reading_minutes");
        let per_minute = words as f64 / f64::from(guide.reading_minutes);
        assert!((100.0..=250.0).contains(&per_minute), "{at}: {words} words in {} minutes", guide.reading_minutes);
        assert!(guide.reviewed >= chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(), "{at}: review date");
    }
}

#[test]
fn every_guide_renders_without_raw_markers() {
    let hint = |id: &str, _: &str| Some(format!("(see {id})"));
    let style = TextStyle { width: Some(72), bold: ("", ""), guide_link: &hint };
    for guide in catalog().all() {
        let cited = cite::number(guide, catalog());
        assert_eq!(cited.references.len(), guide.sources.len(), "{}", guide.id);
        let rendered = text::render(&cited.markdown, &style);
        for raw in ["[src:", "](", "**", "##"] {
            assert!(!rendered.contains(raw), "{}: {raw} left in the text", guide.id);
        }
        assert!(rendered.lines().all(|l| l.chars().count() <= 72), "{}: a line is too long", guide.id);
        let used = reference_numbers(&cited.markdown);
        for reference in &cited.references {
            assert!(used.contains(&reference.number), "{}: reference [{}] is never used", guide.id, reference.number);
        }
    }
}

/// Numbers used in `[1]` and `[1, 2]` reference groups.
fn reference_numbers(markdown: &str) -> HashSet<u32> {
    let mut out = HashSet::new();
    for group in markdown.split('[').skip(1) {
        let Some((inside, _)) = group.split_once(']') else { continue };
        let numbers: Vec<Option<u32>> = inside.split(", ").map(|n| n.parse().ok()).collect();
        if numbers.iter().all(Option::is_some) {
            out.extend(numbers.into_iter().flatten());
        }
    }
    out
}

#[test]
fn when_to_get_help_has_every_emergency_and_crisis_number() {
    let guide = catalog().guide("when-to-get-help", "en").expect("the guide exists");
    for number in ["112", "999", "NHS 111", "911", "000", "New Zealand: 111", "116 123", "988", "13 11 14", "1737"] {
        assert!(guide.body.contains(number), "missing {number}");
    }
}
