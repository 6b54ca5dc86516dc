//! Parity with the specification: every id in the guidance's red flags, markers and gates tables exists in
//! the code with the same severity and the same source ids, and every region's numbers are the ones it lists.
//! The guidance read is the project's own pinned copy, `docs/clinical/guidance.md`: the version the code
//! implements. `scripts/test.sh` says when shared/clinical/guidance.md has moved on; a clone alone passes.

use std::collections::{BTreeMap, BTreeSet};

use crate::care::{markers, readiness, regions, rules};

const GUIDANCE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/clinical/guidance.md");

fn guidance() -> String {
    std::fs::read_to_string(GUIDANCE).unwrap_or_else(|e| {
        panic!("the clinical guidance must be readable at {GUIDANCE} (the project's pinned copy): {e}")
    })
}

/// The lines of the section under `## {title}`.
fn section<'a>(text: &'a str, title: &str) -> Vec<&'a str> {
    let heading = format!("## {title}");
    let mut lines = text.lines().skip_while(|l| !l.starts_with(&heading));
    assert!(lines.next().is_some(), "guidance.md has a '{heading}' section");
    lines.take_while(|l| !l.starts_with("## ")).collect()
}

fn source_ids(text: &str) -> BTreeSet<String> {
    section(text, "Sources (ids)")
        .iter()
        .filter_map(|l| l.strip_prefix("- `"))
        .filter_map(|l| l.split('`').next())
        .map(str::to_owned)
        .collect()
}

/// Table rows of a section: id -> cells after the id.
fn rows(text: &str, title: &str) -> BTreeMap<String, Vec<String>> {
    section(text, title)
        .iter()
        .filter(|l| l.starts_with("| `"))
        .map(|l| {
            let cells: Vec<String> = l.trim_matches('|').split('|').map(|c| c.trim().to_owned()).collect();
            (cells[0].trim_matches('`').to_owned(), cells[1..].to_vec())
        })
        .collect()
}

/// The known source ids named in a cell (other words, like "seed guidance", are not ids).
fn sources_in(cell: &str, known: &BTreeSet<String>) -> BTreeSet<String> {
    cell.split(|c: char| c == ',' || c.is_whitespace() || c == '(' || c == ')')
        .filter(|w| known.contains(*w))
        .map(str::to_owned)
        .collect()
}

fn set(sources: &[impl AsRef<str>]) -> BTreeSet<String> {
    sources.iter().map(|s| s.as_ref().to_owned()).collect()
}

#[test]
fn every_red_flag_in_the_guidance_is_a_rule_with_its_severity_and_sources() {
    let text = guidance();
    let known = source_ids(&text);
    assert!(known.len() >= 10, "{known:?}");
    let table = rows(&text, "Red flags");
    let ids: BTreeSet<String> = table.keys().cloned().collect();
    let code: BTreeSet<String> = rules::ALL.iter().map(|r| r.id.code().to_owned()).collect();
    assert_eq!(code, ids, "rule ids in the code and in guidance.md");
    for rule in rules::ALL {
        let cells = &table[rule.id.code()];
        let severity = cells[1].split_whitespace().next().unwrap().to_lowercase();
        assert_eq!(rule.severity.code(), severity, "{}", rule.id);
        assert_eq!(set(rule.sources), sources_in(&cells[2], &known), "{}", rule.id);
    }
}

#[test]
fn every_marker_and_gate_in_the_guidance_is_in_the_code_with_its_sources() {
    let text = guidance();
    let known = source_ids(&text);
    let table = rows(&text, "Expected-by markers (\"contact if not by\")");
    assert_eq!(
        table.keys().cloned().collect::<BTreeSet<_>>(),
        markers::ALL.iter().map(|m| m.id.code().to_owned()).collect()
    );
    for m in markers::ALL {
        assert_eq!(set(m.sources), sources_in(table[m.id.code()].last().unwrap(), &known), "{}", m.id);
    }
    let table = rows(&text, "Readiness gates");
    assert_eq!(
        table.keys().cloned().collect::<BTreeSet<_>>(),
        readiness::ALL.iter().map(|g| g.id.code().to_owned()).collect()
    );
    for g in readiness::ALL {
        assert_eq!(set(g.sources), sources_in(table[g.id.code()].last().unwrap(), &known), "{}", g.id);
    }
}

#[test]
fn every_source_the_code_cites_is_in_the_guidance() {
    let known = source_ids(&guidance());
    let cited = rules::ALL
        .iter()
        .flat_map(|r| r.sources.iter())
        .chain(markers::ALL.iter().flat_map(|m| m.sources.iter()))
        .chain(readiness::ALL.iter().flat_map(|g| g.sources.iter()));
    for source in cited {
        assert!(known.contains(*source), "{source}");
    }
}

#[test]
fn region_numbers_are_the_ones_the_guidance_lists() {
    let text = guidance();
    let numbers = section(&text, "Emergency numbers by region (shown with every Emergency and Urgent alert)").join(" ");
    for region in regions::REGIONS {
        let emergency: Vec<&str> = region.emergency.split(" or ").collect();
        let listed = match region.region {
            Some(code) => format!("{code} {}", emergency.join("/")),
            None => format!("unknown region: {}", region.emergency),
        };
        assert!(numbers.contains(&listed), "{listed}");
        if let Some(line) = region.crisis {
            assert!(numbers.contains(line.number), "{}", line.number);
        }
    }
    assert!(numbers.contains("NHS 111"));
}
