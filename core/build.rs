//! Build script: discovers the numbered SQL migrations in `src/store/migrations/` and compiles them into the
//! binary as an ordered list, so adding a schema step is adding one file (`NNNN_name.sql`) and nothing else.
//! Numbering must start at 1 and have no gaps or repeats; a mistake fails the build with the file named.

use std::{env, fs, path::Path};

fn main() {
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
    for (index, (number, name)) in steps.iter().enumerate() {
        assert_eq!(*number as usize, index + 1, "migration {name} breaks the 1, 2, 3… numbering");
    }
    let manifest = env::var("CARGO_MANIFEST_DIR").unwrap();
    let mut out = String::from("/// Every schema step, in order; step N sets `PRAGMA user_version = N`.\n");
    out.push_str("pub(crate) const MIGRATIONS: &[(&str, &str)] = &[\n");
    for (_, name) in &steps {
        out.push_str(&format!(
            "    ({name:?}, include_str!({:?})),\n",
            Path::new(&manifest).join(dir).join(name).display().to_string()
        ));
    }
    out.push_str("];\n");
    fs::write(Path::new(&env::var("OUT_DIR").unwrap()).join("migrations.rs"), out).unwrap();
}
