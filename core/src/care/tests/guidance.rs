//! Parity with the specification: every id in the guidance's red flags, markers and gates tables exists in
//! the code with the same severity and the same source ids, and every region's numbers are the ones it lists.
//! The guidance read is the project's own pinned copy, `docs/clinical/guidance.md` (version 2): the version the
//! code implements, except the ids named in [`LATER`] (issue 14, "care v2, the whole course"), which must be
//! exactly the ones the code lacks. `scripts/test.sh` says when shared/clinical/guidance.md has moved on; a
//! clone alone passes.

use std::collections::{BTreeMap, BTreeSet};

use crate::care::phones::PhoneRole;
use crate::care::{markers, readiness, regions, rules};

const GUIDANCE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/clinical/guidance.md");

/// Ids of guidance version 2 that are not implemented yet (none: issue 14 brought the rest). The code must have
/// every other id, and none of these.
const LATER: &[&str] = &[];

fn later() -> BTreeSet<String> {
    LATER.iter().map(|s| (*s).to_owned()).collect()
}

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
    assert!(code.is_disjoint(&later()), "an id in LATER is implemented now: take it off the list");
    let expected: BTreeSet<String> = ids.difference(&later()).cloned().collect();
    assert_eq!(code, expected, "rule ids in the code (and LATER) and in guidance.md");
    for rule in rules::ALL {
        let cells = &table[rule.id.code()];
        // "Emergency / Urgent", "Emergency (crisis line)": every level, in order.
        let levels: Vec<String> =
            cells[1].split('/').map(|part| part.split_whitespace().next().unwrap_or("").to_lowercase()).collect();
        let code_levels: Vec<String> = rule.levels.iter().map(|s| s.code().to_owned()).collect();
        assert_eq!(code_levels, levels, "{}", rule.id);
        assert_eq!(Some(&rule.severity), rule.levels.iter().min(), "{}: severity is its most urgent level", rule.id);
        assert_eq!(set(rule.sources), sources_in(&cells[2], &known), "{}", rule.id);
    }
}

/// Every id of the red flags and markers tables.
fn markers_or_rules(text: &str) -> BTreeSet<String> {
    let mut ids: BTreeSet<String> = rows(text, "Red flags").keys().cloned().collect();
    ids.extend(rows(text, "Expected-by markers (\"contact if not by\")").keys().cloned());
    ids
}

#[test]
fn every_id_named_for_later_is_in_the_guidance() {
    let ids = markers_or_rules(&guidance());
    for id in LATER {
        assert!(ids.contains(*id), "{id} is not a guidance id");
    }
}

#[test]
fn every_marker_and_gate_in_the_guidance_is_in_the_code_with_its_sources() {
    let text = guidance();
    let known = source_ids(&text);
    let table = rows(&text, "Expected-by markers (\"contact if not by\")");
    let ids: BTreeSet<String> = table.keys().cloned().collect();
    assert_eq!(
        ids.difference(&later()).cloned().collect::<BTreeSet<_>>(),
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
    // | region | emergency | urgent advice | crisis |: the row whose region cell starts with the code.
    let table: Vec<Vec<String>> = section(&text, "Numbers by region")
        .iter()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| region") && !l.starts_with("|---"))
        .map(|l| l.trim_matches('|').split('|').map(|c| c.trim().to_owned()).collect())
        .collect();
    let row = |code: &str| -> &Vec<String> {
        let name = if code == "EU" { "other EU countries" } else { code };
        table
            .iter()
            .find(|r| r[0] == name || r[0].starts_with(&format!("{name} ")))
            .unwrap_or_else(|| panic!("a row for {code}"))
    };
    let cell_of = |role: PhoneRole| match role {
        PhoneRole::Emergency => 1,
        PhoneRole::UrgentAdvice => 2,
        _ => 3,
    };
    let verified = text
        .split("all rows below: ")
        .nth(1)
        .and_then(|rest| chrono::NaiveDate::parse_from_str(&rest[..10], "%Y-%m-%d").ok())
        .expect("the guidance gives the date its numbers were verified");
    let mut rows_read = BTreeSet::new();
    for region in regions::REGIONS.iter() {
        let code = match region.region {
            "GB-SCT" => "GB",
            "ZZ" => "other /",
            code => code,
        };
        let cells = row(code);
        rows_read.insert(cells[0].clone());
        for line in &region.lines {
            let cell = &cells[cell_of(line.role)];
            assert!(cell.contains(line.words), "{}: {} not in {cell:?}", region.region, line.words);
            if let Some(say) = line.say {
                let name = say.trim_end_matches(" on");
                assert!(cell.contains(name) || region.region == "GB-SCT", "{}: {name} not in {cell:?}", region.region);
            }
            assert_eq!(line.verified, verified, "{} {}: the guidance's date, never another", region.region, line.words);
        }
        let roles: BTreeSet<usize> = region.lines.iter().map(|l| cell_of(l.role)).collect();
        for (i, cell) in cells.iter().enumerate().skip(1) {
            // A cell gives a number when it has digits ("(no 111)" says there is none).
            let numbered = cell.replace("(no 111)", "").chars().any(|c| c.is_ascii_digit());
            assert_eq!(roles.contains(&i), numbered || (i == 1), "{}: cell {i} {cell:?}", region.region);
        }
    }
    assert_eq!(rows_read.len(), table.len(), "every row of the table is in the code");
    assert!(row("GB")[2].contains("NHS 24 on 111"), "Scotland's wording is the guidance's");
}
