//! The catalog of built-in guides: the files `build.rs` embedded (no file access at run time), parsed once on
//! first use and kept for the life of the process. Lookup is by locale with a per-guide fallback to English:
//! `ga-IE` tries `ga-ie`, then `ga`, then `en`, for each guide separately, so a partly translated locale still
//! shows every guide.
//!
//! The YAML the authors write (each guide's front matter, `content/sources.yaml`) is parsed at build time:
//! `build.rs` turns it into JSON (`yaml_json.rs`) and embeds that, so the fields are read here with
//! `serde_json` into the same strict structs, and the phone library holds no YAML parser. A YAML syntax error
//! does not fail the build: `build.rs` embeds the error in the file's place.
//!
//! A file that does not parse (its YAML at build time, or its fields here) is left out and recorded as a
//! [`ContentProblem`] rather than panicking: the content tests require there to be none, so a shipped build
//! has none.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use super::front_matter;
use super::model::{Guide, Source};

/// One guide file as `build.rs` embeds it, its front matter already turned from YAML into JSON.
#[derive(Debug, Clone, Copy)]
pub struct GuideFile<'a> {
    pub locale: &'a str,
    /// The file name without `.md`.
    pub name: &'a str,
    /// The front matter as JSON, or why the file could not be read at build time (no `---` lines, or a YAML
    /// syntax error, with its line and column in the front matter).
    pub front_matter: Result<&'a str, &'a str>,
    /// The Markdown after the front matter.
    pub body: &'a str,
}

include!(concat!(env!("OUT_DIR"), "/content.rs"));

/// The locale every guide exists in, and the last step of every fallback.
pub const DEFAULT_LOCALE: &str = "en";

/// Something wrong with a built-in file (only ever the project's own content, never a person's data).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentProblem {
    /// `guides/<locale>/<name>.md` or `sources.yaml`.
    pub file: String,
    pub problem: String,
}

/// Parsed guides and sources.
#[derive(Debug, Default)]
pub struct Catalog {
    /// By (locale, id).
    guides: BTreeMap<(String, String), Guide>,
    sources: BTreeMap<String, Source>,
    problems: Vec<ContentProblem>,
}

impl Catalog {
    /// The built-in catalog, parsed on first use.
    pub fn builtin() -> &'static Catalog {
        static CATALOG: OnceLock<Catalog> = OnceLock::new();
        CATALOG.get_or_init(|| Catalog::parse(GUIDE_FILES, SOURCES))
    }

    /// Parses guide files and the sources list (`content/sources.yaml` as JSON, or why its YAML could not be
    /// read), as `build.rs` embeds them.
    pub fn parse(files: &[GuideFile<'_>], sources: Result<&str, &str>) -> Catalog {
        let mut catalog = Catalog::default();
        // Entry by entry, so a problem names the entry (the YAML's line numbers are gone by now).
        match sources.map_err(str::to_owned).and_then(front_matter::from_json::<Vec<serde_json::Value>>) {
            Ok(entries) => {
                for (n, entry) in entries.into_iter().enumerate() {
                    let source: Source = match serde_json::from_value(entry) {
                        Ok(source) => source,
                        Err(e) => {
                            catalog.problem("sources.yaml", format!("entry {}: {e}", n + 1));
                            continue;
                        }
                    };
                    if catalog.sources.contains_key(&source.id) {
                        catalog.problem("sources.yaml", format!("source {} is listed twice", source.id));
                    }
                    catalog.sources.insert(source.id.clone(), source);
                }
            }
            Err(e) => catalog.problem("sources.yaml", e),
        }
        for file in files {
            let locale = normalise_locale(file.locale);
            let name = file.name;
            let file_name = format!("guides/{locale}/{name}.md");
            let parsed = file.front_matter.map_err(str::to_owned);
            let guide = match parsed.and_then(|json| front_matter::parse(&locale, json, file.body)) {
                Ok(guide) => guide,
                Err(problem) => {
                    catalog.problem(&file_name, problem);
                    continue;
                }
            };
            if guide.id != name {
                catalog.problem(&file_name, format!("id {} is not the file name", guide.id));
                continue;
            }
            if let Some(to) = guide.stages.days_to.filter(|to| *to < guide.stages.days_from) {
                catalog.problem(&file_name, format!("stages.days_to ({to}) is before stages.days_from"));
                continue;
            }
            let key = (locale, guide.id.clone());
            if catalog.guides.contains_key(&key) {
                catalog.problem(&file_name, format!("id {} is used twice", guide.id));
                continue;
            }
            catalog.guides.insert(key, guide);
        }
        catalog
    }

    fn problem(&mut self, file: &str, problem: String) {
        self.problems.push(ContentProblem { file: file.to_owned(), problem });
    }

    /// Files that could not be used (none in a shipped build).
    pub fn problems(&self) -> &[ContentProblem] {
        &self.problems
    }

    /// Every locale with at least one guide.
    pub fn locales(&self) -> Vec<String> {
        self.guides.keys().map(|(locale, _)| locale.clone()).collect::<BTreeSet<_>>().into_iter().collect()
    }

    /// The locales to try for `wanted`, best first: itself, its language, then English. Only locales that have
    /// guides are listed, so the chain for an unknown locale is just `["en"]`.
    pub fn fallback_chain(&self, wanted: &str) -> Vec<String> {
        let wanted = normalise_locale(wanted);
        let mut chain: Vec<String> = vec![wanted.clone()];
        if let Some((language, _)) = wanted.split_once('-') {
            chain.push(language.to_owned());
        }
        chain.push(DEFAULT_LOCALE.to_owned());
        let known = self.locales();
        let mut out: Vec<String> = Vec::new();
        for locale in chain {
            if known.contains(&locale) && !out.contains(&locale) {
                out.push(locale);
            }
        }
        out
    }

    /// The best locale for `wanted` that has any guides (the first of [`Catalog::fallback_chain`]).
    pub fn resolve_locale(&self, wanted: &str) -> String {
        self.fallback_chain(wanted).into_iter().next().unwrap_or_else(|| DEFAULT_LOCALE.to_owned())
    }

    /// One guide in `locale`, or in the nearest locale that has it.
    pub fn guide(&self, id: &str, locale: &str) -> Option<&Guide> {
        self.fallback_chain(locale).into_iter().find_map(|l| self.guides.get(&(l, id.to_owned())))
    }

    /// Every guide, each in the best locale available for `locale`, ordered as a recovery meets them (by the
    /// first day they fit, then by title).
    pub fn guides(&self, locale: &str) -> Vec<&Guide> {
        let ids: BTreeSet<&str> = self.guides.keys().map(|(_, id)| id.as_str()).collect();
        let chain = self.fallback_chain(locale);
        let mut out: Vec<&Guide> = ids
            .into_iter()
            .filter_map(|id| chain.iter().find_map(|l| self.guides.get(&(l.clone(), id.to_owned()))))
            .collect();
        out.sort_unstable_by(|a, b| (a.stages.days_from, &a.title, &a.id).cmp(&(b.stages.days_from, &b.title, &b.id)));
        out
    }

    /// Every guide file, in every locale.
    pub fn all(&self) -> impl Iterator<Item = &Guide> {
        self.guides.values()
    }

    /// Whether any locale has a guide with this id.
    pub fn contains(&self, id: &str) -> bool {
        self.guides.keys().any(|(_, g)| g == id)
    }

    /// A source by id.
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.get(id)
    }

    /// Every source, by id.
    pub fn sources(&self) -> impl Iterator<Item = &Source> {
        self.sources.values()
    }
}

/// Whether `text` has the shape of a guide id: kebab-case (lowercase letters, digits, `-`), at most 100 bytes.
pub fn is_guide_id(text: &str) -> bool {
    text.len() <= 100 && super::cite::is_source_id(text)
}

/// `ga_IE` and `GA-ie` both become `ga-ie`.
pub fn normalise_locale(locale: &str) -> String {
    let cleaned = locale.trim().replace('_', "-").to_ascii_lowercase();
    if cleaned.is_empty() { DEFAULT_LOCALE.to_owned() } else { cleaned }
}

#[cfg(test)]
mod tests {
    use crate::library::from_yaml;

    fn file(id: &str, title: &str) -> String {
        format!(
            "---\nid: {id}\ntitle: {title}\nsummary: S.\ntopics: [t]\nstages:\n  days_from: 0\nreading_minutes: 1\n\
             sources: [s]\nreviewed: 2026-01-01\n---\nBody [src:s].\n"
        )
    }

    const SOURCES: &str = "# comment\n- id: s\n  citation: A source\n";

    #[test]
    fn a_missing_translation_falls_back_to_english_per_guide() {
        let (a_en, b_en, a_ga) = (file("a", "Alpha"), file("b", "Beta"), file("a", "Alfa"));
        let catalog = from_yaml::catalog(&[("en", "a", &a_en), ("en", "b", &b_en), ("ga", "a", &a_ga)], SOURCES);
        assert!(catalog.problems().is_empty(), "{:?}", catalog.problems());
        assert_eq!(catalog.locales(), ["en", "ga"]);
        assert_eq!(catalog.guide("a", "ga").unwrap().title, "Alfa");
        assert_eq!(catalog.guide("a", "ga-IE").unwrap().locale, "ga");
        assert_eq!(catalog.guide("b", "ga").unwrap().title, "Beta");
        assert_eq!(catalog.guide("b", "ga").unwrap().locale, "en");
        assert_eq!(catalog.guide("a", "fr").unwrap().title, "Alpha");
        assert!(catalog.guide("c", "ga").is_none());
        let listed: Vec<(&str, &str)> =
            catalog.guides("ga").iter().map(|g| (g.id.as_str(), g.locale.as_str())).collect();
        assert_eq!(listed, [("a", "ga"), ("b", "en")]);
        assert_eq!(catalog.fallback_chain("GA_ie"), ["ga", "en"]);
        assert_eq!(catalog.resolve_locale("fr"), "en");
        assert_eq!(catalog.source("s").unwrap().citation, "A source");
    }

    #[test]
    fn broken_files_are_recorded_and_left_out() {
        let good = file("a", "Alpha");
        let wrong_name = file("x", "X");
        let backwards = file("c", "C").replace("days_from: 0", "days_from: 9\n  days_to: 3");
        let catalog = from_yaml::catalog(
            &[("en", "a", &good), ("en", "b", &wrong_name), ("en", "c", &backwards), ("en", "d", "nonsense")],
            "- id: s\n  citation: one\n- id: s\n  citation: two\n",
        );
        assert_eq!(catalog.guides("en").len(), 1);
        let files: Vec<&str> = catalog.problems().iter().map(|p| p.file.as_str()).collect();
        assert_eq!(files, ["sources.yaml", "guides/en/b.md", "guides/en/c.md", "guides/en/d.md"]);
    }

    #[test]
    fn problems_say_what_is_wrong_in_the_authors_terms() {
        let misspelt = file("a", "A").replace("summary:", "sumary:");
        let unclosed = file("b", "B").replace("topics: [t]", "topics: [t");
        let catalog = from_yaml::catalog(
            &[("en", "a", &misspelt), ("en", "b", &unclosed)],
            "- id: s\n  citation: one\n- id: t\n  cite: two\n",
        );
        let problems: Vec<(&str, &str)> =
            catalog.problems().iter().map(|p| (p.file.as_str(), p.problem.as_str())).collect();
        assert_eq!(problems[0], ("sources.yaml", "entry 2: unknown field `cite`, expected `id` or `citation`"));
        assert_eq!(catalog.source("s").unwrap().citation, "one", "one bad entry leaves the others");
        assert_eq!(problems[1].0, "guides/en/a.md");
        assert!(problems[1].1.starts_with("front matter: unknown field `sumary`"), "{}", problems[1].1);
        assert_eq!(problems[2].0, "guides/en/b.md");
        assert!(problems[2].1.starts_with("front matter: ") && problems[2].1.contains("line 4"), "{}", problems[2].1);
        assert_eq!(problems.len(), 3);
        assert!(catalog.guides("en").is_empty());
        let unreadable = from_yaml::catalog(&[], "- id: [s\n");
        assert_eq!(unreadable.problems()[0].file, "sources.yaml");
        assert!(unreadable.problems()[0].problem.contains("line"), "{:?}", unreadable.problems());
    }
}
