//! The README's tour of the CLI, run as a reader would paste it: it must work, must run on a throwaway journal
//! (never the reader's real one), and must never end in `erase`.

mod common;

use std::process::Command;

fn tour() -> Vec<String> {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md")).unwrap();
    readme
        .lines()
        .skip_while(|l| !l.starts_with("## A short tour of the CLI"))
        .skip(1)
        .take_while(|l| !l.starts_with("## "))
        .filter_map(|l| l.strip_prefix("    "))
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_readme_tour_runs_on_a_throwaway_journal_and_never_erases() {
    let lines = tour();
    assert!(lines.len() > 10, "the tour was found: {lines:?}");
    assert!(lines[0].starts_with("export MEND_DATA_DIR=$(mktemp -d)"), "the tour starts on a throwaway journal");
    assert!(lines.iter().all(|l| !l.contains("erase")), "the tour never erases");
    assert!(lines.iter().all(|l| !l.contains("--data-dir")), "every command uses the throwaway journal");

    // Run it in a sandbox: a fresh HOME (where a real journal would live) and TMPDIR, `mend` on the PATH.
    let sandbox = tempfile::tempdir().unwrap();
    let home = sandbox.path().join("home");
    let tmp = sandbox.path().join("tmp");
    std::fs::create_dir_all(&home).unwrap();
    std::fs::create_dir_all(&tmp).unwrap();
    let bin = common::mend_binary();
    let path = format!("{}:{}", bin.parent().unwrap().display(), std::env::var("PATH").unwrap_or_default());
    let script = format!("set -e\n{}\necho \"$MEND_DATA_DIR\"", lines.join("\n"));
    let out = Command::new("sh")
        .arg("-c")
        .arg(script)
        .env_clear()
        .env("PATH", path)
        .env("HOME", &home)
        .env("TMPDIR", &tmp)
        .output()
        .unwrap();
    let run = common::Run::from(out);
    assert_eq!(run.code, 0, "stdout: {}\nstderr: {}", run.stdout, run.stderr);
    let journal = run.stdout.lines().last().unwrap().to_owned();
    assert!(journal.starts_with(tmp.to_str().unwrap()), "the journal was the throwaway one: {journal}");
    let nothing_in_home = walk(&home);
    assert!(nothing_in_home.is_empty(), "the real journal's place was never touched: {nothing_in_home:?}");
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(walk(&path));
        } else {
            found.push(path);
        }
    }
    found
}
