//! Build script: discovers the numbered SQL migrations in `src/store/migrations/` and compiles them into the
//! binary as an ordered list, so adding a schema step is adding one file (`NNNN_name.sql`) and nothing else.
//! Numbers must be unique and increasing (gaps are allowed, so parallel work can reserve numbers); a
//! mistake fails the build with the file named. `PRAGMA user_version` holds the number of the last step run.
//!
//! It also embeds the Library's content (`../content/guides/<locale>/*.md` and `../content/sources.yaml`), so the
//! guides are compiled into the core and nothing is read from disk at run time. The YAML is parsed here, at
//! build time (`src/library/yaml_json.rs`, shared with the unit tests): each guide is split into its front
//! matter, turned from YAML into JSON, and its Markdown body, and `sources.yaml` is turned into JSON, so the
//! core reads JSON at run time and the phone library holds no YAML parser. The fields are checked at run time
//! in `src/library/catalog.rs` (and by the content tests). A file that cannot be read as YAML does not fail
//! the build: its error (with the YAML's line and column) is embedded in its place and printed as a cargo
//! warning, and the catalog reports it as a problem of that file, so the content tests fail naming it beside
//! any other problems.

use std::{env, fs, path::Path};

#[path = "src/library/yaml_json.rs"]
mod yaml_json;

fn main() {
    migrations();
    content();
}

fn migrations() {
    let dir = Path::new("src/store/migrations");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut steps: Vec<(u32, String)> = Vec::new();
    for entry in fs::read_dir(dir).expect("src/store/migrations must exist") {
        let path = entry.expect("readable migrations folder").path();
        if path.extension().and_then(|e| e.to_str()) != Some("sql") {
            continue;
        }
        println!("cargo:rerun-if-changed={}", path.display());
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let number: u32 = name
            .split('_')
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("migration {name} must start with a number, like 0001_initial.sql"));
        steps.push((number, name));
    }
    steps.sort();
    for pair in steps.windows(2) {
        assert!(pair[0].0 < pair[1].0, "migrations {} and {} share a number", pair[0].1, pair[1].1);
    }
    assert!(steps.first().is_some_and(|(n, _)| *n >= 1), "migrations are numbered from 1");
    let manifest = env::var("CARGO_MANIFEST_DIR").unwrap();
    let mut out = String::from(
        "/// Every schema step, in order: (number, file name, SQL); step N sets `PRAGMA user_version = N`.\n",
    );
    out.push_str("pub(crate) const MIGRATIONS: &[(i64, &str, &str)] = &[\n");
    for (number, name) in &steps {
        out.push_str(&format!(
            "    ({number}, {name:?}, include_str!({:?})),\n",
            Path::new(&manifest).join(dir).join(name).display().to_string()
        ));
    }
    out.push_str("];\n");
    fs::write(Path::new(&env::var("OUT_DIR").unwrap()).join("migrations.rs"), out).unwrap();
}

/// Writes `content.rs`: every guide file as a `GuideFile` (locale, file stem, front matter as JSON, body), and
/// the sources list as JSON; where the YAML could not be read, the error instead.
fn content() {
    let manifest = env::var("CARGO_MANIFEST_DIR").unwrap();
    let root = Path::new(&manifest).join("..").join("content");
    let guides = root.join("guides");
    let sources = root.join("sources.yaml");
    println!("cargo:rerun-if-changed={}", guides.display());
    println!("cargo:rerun-if-changed={}", sources.display());
    let mut files: Vec<(String, String, std::path::PathBuf)> = Vec::new();
    for locale in fs::read_dir(&guides).expect("content/guides must exist") {
        let locale = locale.expect("readable content/guides").path();
        if !locale.is_dir() {
            continue;
        }
        println!("cargo:rerun-if-changed={}", locale.display());
        let locale_name = locale.file_name().unwrap().to_string_lossy().into_owned();
        for entry in fs::read_dir(&locale).expect("readable locale folder") {
            let path = entry.expect("readable guide").path();
            if path.extension().and_then(|e| e.to_str()) != Some("md") {
                continue;
            }
            println!("cargo:rerun-if-changed={}", path.display());
            let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
            files.push((locale_name.clone(), stem, path));
        }
    }
    files.sort();
    let mut out =
        String::from("/// Every built-in guide file, its front matter turned from YAML into JSON by `build.rs`.\n");
    out.push_str("pub(crate) const GUIDE_FILES: &[GuideFile<'static>] = &[\n");
    for (locale, stem, path) in &files {
        let text = read(path);
        let (front_matter, body) = yaml_json::guide_file(&text);
        let front_matter = embedded(&format!("content/guides/{locale}/{stem}.md"), front_matter);
        out.push_str(&format!(
            "    GuideFile {{ locale: {locale:?}, name: {stem:?}, front_matter: {front_matter}, body: {body:?} }},\n"
        ));
    }
    out.push_str("];\n");
    out.push_str("/// `content/sources.yaml` as JSON: every source a guide may cite.\n");
    let sources = embedded("content/sources.yaml", yaml_json::to_json(&read(&sources)));
    out.push_str(&format!("pub(crate) const SOURCES: Result<&str, &str> = {sources};\n"));
    fs::write(Path::new(&env::var("OUT_DIR").unwrap()).join("content.rs"), out).unwrap();
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The Rust expression for a transcoded file: `Ok("json")`, or `Err("why")` after warning about it.
fn embedded(file: &str, json: Result<String, String>) -> String {
    match json {
        Ok(json) => format!("Ok({json:?})"),
        Err(problem) => {
            println!("cargo:warning={file}: {}", problem.replace('\n', " "));
            format!("Err({problem:?})")
        }
    }
}
