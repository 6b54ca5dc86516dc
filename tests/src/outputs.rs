//! What a `mend` run gave, for the end-to-end tests: its standard output when it succeeded ([`ok`], failing the
//! test with its standard error otherwise), the same read as JSON ([`json`]), a charter draft proposed to a file
//! ([`propose`]), and the example pack folder the
//! groups' tests publish (`docs/examples/group-pack`), and every byte a server left in its folder ([`all_bytes`]),
//! which the blind-server tests scan.

use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;

/// The standard output of a run that must have succeeded.
pub fn ok(out: Output) -> String {
    assert!(out.status.success(), "mend failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// The standard output of a `--json` run that must have succeeded.
pub fn json(out: Output) -> Value {
    serde_json::from_str(&ok(out)).unwrap()
}

/// `mend --json group charter propose GROUP CHANGES… --out FILE` in `dir`, which must succeed: the draft's status.
pub fn propose(dir: &Path, group: &str, changes: &[&str], out: &Path) -> Value {
    let mut args = vec!["--json", "group", "charter", "propose", group];
    args.extend_from_slice(changes);
    args.extend(["--out", out.to_str().unwrap()]);
    json(crate::processes::mend(dir, &args))
}

/// The example pack folder (docs/examples/group-pack): an article, a meeting, a service and a hotline.
pub fn example_pack() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/examples/group-pack")
}

/// Every byte of every file under `dir` (a server's database, its WAL, anything else), appended to `out`.
pub fn all_bytes(dir: &Path, out: &mut Vec<u8>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            all_bytes(&path, out);
        } else {
            out.extend(std::fs::read(&path).unwrap_or_default());
        }
    }
}
