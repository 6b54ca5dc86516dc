//! Build script: discovers the numbered SQL migrations in `src/store/migrations/` and compiles them into the
//! binary as an ordered list, so adding a schema step is adding one file (`NNNN_name.sql`) and nothing else.
//! Numbers must be unique and increasing (gaps are allowed, so parallel work can reserve numbers); a
//! mistake fails the build with the file named. `PRAGMA user_version` holds the number of the last step run.
//!
//! It also embeds the Library's content (`../content/guides/<locale>/*.md` and `../content/sources.yaml`) with
//! `include_str!`, so the guides are compiled into the core and nothing is read from disk at run time. The files
//! are parsed (and checked by the content tests) in `src/library/catalog.rs`.

use std::{env, fs, path::Path};

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

/// Writes `content.rs`: every guide file as (locale, file stem, text), and the sources list.
fn content() {
    let manifest = env::var("CARGO_MANIFEST_DIR").unwrap();
    let root = Path::new(&manifest).join("..").join("content");
    let guides = root.join("guides");
    let sources = root.join("sources.yaml");
    println!("cargo:rerun-if-changed={}", guides.display());
    println!("cargo:rerun-if-changed={}", sources.display());
    let mut files: Vec<(String, String, String)> = Vec::new();
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
            files.push((locale_name.clone(), stem, path.display().to_string()));
        }
    }
    files.sort();
    let mut out = String::from("/// Every built-in guide file: (locale, file name without `.md`, its text).\n");
    out.push_str("pub(crate) const GUIDE_FILES: &[(&str, &str, &str)] = &[\n");
    for (locale, stem, path) in &files {
        out.push_str(&format!("    ({locale:?}, {stem:?}, include_str!({path:?})),\n"));
    }
    out.push_str("];\n");
    out.push_str("/// `content/sources.yaml`: every source a guide may cite.\n");
    out.push_str(&format!(
        "pub(crate) const SOURCES_YAML: &str = include_str!({:?});\n",
        sources.display().to_string()
    ));
    fs::write(Path::new(&env::var("OUT_DIR").unwrap()).join("content.rs"), out).unwrap();
}
