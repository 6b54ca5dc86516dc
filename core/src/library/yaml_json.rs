//! The Library's built-in content from YAML to JSON, at build time: `build.rs` includes this file (`#[path]`)
//! to transcode each guide's front matter and `content/sources.yaml`, so the core reads JSON at run time and
//! the phone library carries no YAML parser. The unit tests include the same file (`library::from_yaml`) to
//! build catalogs from inline YAML exactly as the build does. Only `std`, `serde_yaml_ng` and `serde_json`
//! here: it is compiled into the build script as well as the tests.

/// Splits a guide file into (front matter YAML, body). The file must open with a `---` line; the front matter
/// ends at the next line that is exactly `---`. Line endings may be `\n` or `\r\n`; a byte-order mark is skipped.
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

/// YAML to compact JSON. Only the syntax is checked here (the fields are checked at run time, into the same
/// strict structs as before); the error is the YAML parser's own, with its line and column. The YAML is read
/// without knowing the fields, so a plain value that YAML reads as a number or `true`/`false` stays one: where
/// a field wants text it must be quoted (`title: "2026"`), or the catalog reports `invalid type: integer`.
pub fn to_json(yaml: &str) -> Result<String, String> {
    let value: serde_json::Value = serde_yaml_ng::from_str(yaml).map_err(|e| e.to_string())?;
    serde_json::to_string(&value).map_err(|e| e.to_string())
}

/// A guide file as it is embedded: (its front matter as JSON, or why the file could not be read, its body).
pub fn guide_file(text: &str) -> (Result<String, String>, &str) {
    match split(text) {
        Ok((yaml, body)) => (to_json(yaml).map_err(|e| format!("front matter: {e}")), body),
        Err(e) => (Err(e), ""),
    }
}
