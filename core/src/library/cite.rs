//! Citations in guide bodies: `[src:ID]` markers, alone or in runs (`[src:a] [src:b]`). They are turned into
//! numbered references (`[1, 2]`) with a "Sources" list for reading, and removed for the search index.

use super::catalog::Catalog;
use super::model::{Guide, Reference};

const OPEN: &str = "[src:";

/// One marker found in a body: its byte range and the source id.
struct Marker<'a> {
    start: usize,
    end: usize,
    id: &'a str,
}

fn markers(body: &str) -> Vec<Marker<'_>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(found) = body[from..].find(OPEN) {
        let start = from + found;
        let id_start = start + OPEN.len();
        match body[id_start..].find(']') {
            Some(len) if is_source_id(&body[id_start..id_start + len]) => {
                out.push(Marker { start, end: id_start + len + 1, id: &body[id_start..id_start + len] });
                from = id_start + len + 1;
            }
            _ => from = id_start,
        }
    }
    out
}

/// Source ids are kebab-case: lowercase letters, digits and `-`.
pub fn is_source_id(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Every source id cited in `body`, in order of appearance (repeats included).
pub fn cited_ids(body: &str) -> Vec<&str> {
    markers(body).into_iter().map(|m| m.id).collect()
}

/// Groups markers separated only by spaces into runs.
fn runs<'a>(body: &str, found: Vec<Marker<'a>>) -> Vec<Vec<Marker<'a>>> {
    let mut runs: Vec<Vec<Marker<'a>>> = Vec::new();
    for marker in found {
        match runs.last_mut() {
            Some(run) if body[run.last().expect("runs are never empty").end..marker.start].trim().is_empty() => {
                run.push(marker)
            }
            _ => runs.push(vec![marker]),
        }
    }
    runs
}

/// A body with its citations numbered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cited {
    /// The Markdown with each run of markers replaced by `[1]` or `[1, 2]`.
    pub markdown: String,
    /// The sources in the order they are first cited, then any listed in the front matter but not cited.
    pub references: Vec<Reference>,
}

/// Numbers `guide`'s citations; a source missing from the catalog keeps its id as its citation.
pub fn number(guide: &Guide, catalog: &Catalog) -> Cited {
    let body = guide.body.as_str();
    let mut order: Vec<&str> = Vec::new();
    fn number_of<'a>(id: &'a str, order: &mut Vec<&'a str>) -> usize {
        match order.iter().position(|known| *known == id) {
            Some(i) => i + 1,
            None => {
                order.push(id);
                order.len()
            }
        }
    }
    let mut markdown = String::with_capacity(body.len());
    let mut copied = 0;
    for run in runs(body, markers(body)) {
        let (start, end) = (run[0].start, run[run.len() - 1].end);
        markdown.push_str(&body[copied..start]);
        let mut numbers: Vec<usize> = run.iter().map(|m| number_of(m.id, &mut order)).collect();
        numbers.dedup();
        let list: Vec<String> = numbers.iter().map(usize::to_string).collect();
        markdown.push_str(&format!("[{}]", list.join(", ")));
        copied = end;
    }
    markdown.push_str(&body[copied..]);
    for id in &guide.sources {
        if !order.contains(&id.as_str()) {
            order.push(id.as_str());
        }
    }
    let references = order
        .iter()
        .enumerate()
        .map(|(i, id)| Reference {
            number: i as u32 + 1,
            source: (*id).to_owned(),
            citation: catalog.source(id).map(|s| s.citation.clone()).unwrap_or_else(|| (*id).to_owned()),
        })
        .collect();
    Cited { markdown, references }
}

/// `body` without its citation markers (and the space before each run), for indexing and previews.
pub fn strip(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut copied = 0;
    for run in runs(body, markers(body)) {
        let (start, end) = (run[0].start, run[run.len() - 1].end);
        out.push_str(body[copied..start].trim_end_matches(' '));
        copied = end;
    }
    out.push_str(&body[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::model::Stages;

    fn guide(body: &str, sources: &[&str]) -> Guide {
        Guide {
            id: "g".into(),
            locale: "en".into(),
            title: "G".into(),
            summary: "S".into(),
            topics: vec![],
            stages: Stages { days_from: 0, days_to: None, trimesters: vec![], bleeding_stopped: None },
            reading_minutes: 1,
            sources: sources.iter().map(|s| s.to_string()).collect(),
            reviewed: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            body: body.into(),
            source: crate::library::model::ItemSource::Mend,
        }
    }

    #[test]
    fn runs_of_citations_become_numbered_references_in_order_of_first_use() {
        let catalog =
            crate::library::from_yaml::catalog(&[], "- id: a\n  citation: Source A\n- id: b\n  citation: Source B\n");
        let g = guide("One [src:b]. Two [src:a] [src:b]. Three [src:b][src:b]. [link](guide:x)", &["a", "b", "c"]);
        let cited = number(&g, &catalog);
        assert_eq!(cited.markdown, "One [1]. Two [2, 1]. Three [1]. [link](guide:x)");
        let refs: Vec<(u32, &str, &str)> =
            cited.references.iter().map(|r| (r.number, r.source.as_str(), r.citation.as_str())).collect();
        assert_eq!(refs, [(1, "b", "Source B"), (2, "a", "Source A"), (3, "c", "c")]);
    }

    #[test]
    fn stripping_removes_markers_and_the_space_before_them() {
        assert_eq!(strip("Rest [src:a] [src:b]. Then [src:c]"), "Rest. Then");
        assert_eq!(strip("No markers [src:] or [src:Bad Id] here"), "No markers [src:] or [src:Bad Id] here");
        assert_eq!(cited_ids("x [src:a] y [src:b-2] [src:a]"), ["a", "b-2", "a"]);
    }
}
