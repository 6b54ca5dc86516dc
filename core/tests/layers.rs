//! The capabilities depend on each other one way only (issue 12: "no cycles between capabilities"): this test
//! reads the core's own source, collects which capability modules each one names (`crate::<module>`) outside
//! its tests, and fails on any cycle — naming it — and in particular if journal code calls the care engine
//! (the write path evaluates care) or reminders code knows the export document. docs/architecture.md draws
//! the resulting layers.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

const CAPABILITIES: &[&str] = &["journal", "care", "library", "reminders", "export", "groups", "today", "write"];

/// The source of `path` without its test code: files of tests are skipped, and a file's inline test module
/// (from a `#[cfg(test)]` line followed by `mod …{`) is cut off.
fn production_source(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_str()?;
    if name == "tests.rs" || name.ends_with("_tests.rs") || path.components().any(|c| c.as_os_str() == "tests") {
        return None;
    }
    let text = std::fs::read_to_string(path).ok()?;
    let lines: Vec<&str> = text.lines().collect();
    let cut = lines
        .windows(2)
        .position(|w| w[0].trim() == "#[cfg(test)]" && w[1].trim_start().starts_with("mod ") && w[1].contains('{'))
        .unwrap_or(lines.len());
    Some(lines[..cut].join("\n"))
}

fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Which capabilities each capability names, from its own files (`src/<cap>.rs` and `src/<cap>/…`).
fn graph() -> BTreeMap<&'static str, BTreeSet<&'static str>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut graph = BTreeMap::new();
    for cap in CAPABILITIES {
        let mut files = Vec::new();
        let file = src.join(format!("{cap}.rs"));
        if file.exists() {
            files.push(file);
        }
        if src.join(cap).is_dir() {
            sources(&src.join(cap), &mut files);
        }
        let mut uses = BTreeSet::new();
        for text in files.iter().filter_map(|f| production_source(f)) {
            for other in CAPABILITIES.iter().filter(|o| *o != cap) {
                let named = |prefix: &str| {
                    text.match_indices(prefix).any(|(i, _)| {
                        let after = text[i + prefix.len()..].chars().next();
                        !after.is_some_and(|c| c.is_alphanumeric() || c == '_')
                    })
                };
                if named(&format!("crate::{other}")) {
                    uses.insert(*other);
                }
            }
        }
        graph.insert(*cap, uses);
    }
    graph
}

/// A cycle through `start`, if any, as the path of modules.
fn cycle_from(
    graph: &BTreeMap<&'static str, BTreeSet<&'static str>>,
    start: &'static str,
) -> Option<Vec<&'static str>> {
    fn walk(
        graph: &BTreeMap<&'static str, BTreeSet<&'static str>>,
        start: &'static str,
        at: &'static str,
        path: &mut Vec<&'static str>,
        seen: &mut BTreeSet<&'static str>,
    ) -> bool {
        for next in &graph[at] {
            if *next == start {
                path.push(next);
                return true;
            }
            if seen.insert(next) {
                path.push(next);
                if walk(graph, start, next, path, seen) {
                    return true;
                }
                path.pop();
            }
        }
        false
    }
    let mut path = vec![start];
    walk(graph, start, start, &mut path, &mut BTreeSet::new()).then_some(path)
}

#[test]
fn capabilities_depend_on_each_other_one_way() {
    let graph = graph();
    for cap in CAPABILITIES {
        assert_eq!(cycle_from(&graph, cap), None, "an import cycle: {graph:?}");
    }
    assert!(!graph["journal"].contains("care"), "journal code calls the care engine; the write path should");
    assert!(!graph["reminders"].contains("export"), "reminders know the export document");
    // The test must see real edges, or it could pass for nothing.
    assert!(graph["care"].contains("journal") && graph["export"].contains("reminders"), "{graph:?}");
}

#[test]
fn the_cycle_finder_finds_a_cycle() {
    let mut graph: BTreeMap<&'static str, BTreeSet<&'static str>> = BTreeMap::new();
    graph.insert("journal", ["care"].into());
    graph.insert("care", ["journal"].into());
    graph.insert("today", BTreeSet::new());
    assert_eq!(cycle_from(&graph, "journal"), Some(vec!["journal", "care", "journal"]));
    assert_eq!(cycle_from(&graph, "today"), None);
}
