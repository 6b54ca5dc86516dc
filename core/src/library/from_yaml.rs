//! Test helpers: guides and catalogs from inline YAML, the way authors write them, transcoded to JSON by the
//! same code as `build.rs` (`yaml_json.rs`, included here as it is there) and then read as the built-in
//! content is read at run time.

#[path = "yaml_json.rs"]
pub(crate) mod yaml_json;

use super::catalog::{Catalog, GuideFile};
use super::model::Guide;

/// A guide from a whole guide file in `locale`, as the catalog would read it.
pub(crate) fn guide(locale: &str, text: &str) -> Result<Guide, String> {
    let (front_matter, body) = yaml_json::guide_file(text);
    super::front_matter::parse(locale, &front_matter?, body)
}

/// [`Catalog::parse`] over guide files given as (locale, file name without `.md`, text) and `sources.yaml`.
pub(crate) fn catalog(files: &[(&str, &str, &str)], sources_yaml: &str) -> Catalog {
    let read: Vec<_> = files.iter().map(|(_, _, text)| yaml_json::guide_file(text)).collect();
    let embedded: Vec<GuideFile<'_>> = files
        .iter()
        .zip(&read)
        .map(|((locale, name, _), (front_matter, body))| GuideFile {
            locale,
            name,
            front_matter: front_matter.as_deref().map_err(String::as_str),
            body,
        })
        .collect();
    let sources = yaml_json::to_json(sources_yaml);
    Catalog::parse(&embedded, sources.as_deref().map_err(String::as_str))
}
