//! Helpers for driving the real `mend` binary in end-to-end tests: a temporary data directory, a fixed
//! clock, and the command's output.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A person's `mend` on a temporary data directory.
pub struct Person {
    dir: tempfile::TempDir,
}

/// What a run printed.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// The stdout as JSON (panics with the output if it isn't).
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}\nstderr: {}", self.stdout, self.stderr))
    }

    /// Asserts a zero exit and returns self.
    pub fn ok(self) -> Run {
        assert_eq!(self.code, 0, "stdout: {}\nstderr: {}", self.stdout, self.stderr);
        self
    }
}

impl From<Output> for Run {
    fn from(out: Output) -> Self {
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

/// The built `mend` binary.
pub fn mend_binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_mend"))
}

/// A `mend` command on the data dir `dir` with the clock fixed at `now`.
pub fn command_in(dir: &Path, now: &str, args: &[&str]) -> Command {
    let mut cmd = Command::new(mend_binary());
    cmd.arg("--data-dir").arg(dir).arg("--now").arg(now).args(args);
    // The zone a command is in comes from `--tz`, then `TZ`: tests set it when they mean to.
    cmd.env_remove("MEND_DATA_DIR").env_remove("TZ").env("RUST_BACKTRACE", "1");
    cmd
}

/// Runs `mend` on the data dir `dir` with the clock fixed at `now`.
pub fn run_in(dir: &Path, now: &str, args: &[&str]) -> Run {
    command_in(dir, now, args).output().expect("mend runs").into()
}

/// Runs `mend` on `dir`: whether it succeeded, its stdout and its stderr.
pub fn mend(dir: &Path, now: &str, args: &[&str]) -> (bool, String, String) {
    let run = run_in(dir, now, args);
    (run.code == 0, run.stdout, run.stderr)
}

/// Runs `mend` on `dir`, asserting success, and gives its stdout.
pub fn ok(dir: &Path, now: &str, args: &[&str]) -> String {
    let (success, stdout, stderr) = mend(dir, now, args);
    assert!(success, "mend {args:?} failed: {stderr}");
    stdout
}

/// Runs `mend --json …` on `dir`, asserting success, and parses its output.
pub fn json(dir: &Path, now: &str, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    serde_json::from_str(&ok(dir, now, &all)).expect("JSON output")
}

impl Person {
    pub fn new() -> Person {
        Person { dir: tempfile::tempdir().expect("temp dir") }
    }

    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// A `mend` command on this person's data dir with the clock fixed at `now`.
    pub fn command(&self, now: &str, args: &[&str]) -> Command {
        command_in(self.dir.path(), now, args)
    }

    /// Runs `mend` with the clock fixed at `now`.
    pub fn run(&self, now: &str, args: &[&str]) -> Run {
        self.command(now, args).output().expect("mend runs").into()
    }

    /// Runs `mend --json …` and parses the output, asserting success.
    pub fn json(&self, now: &str, args: &[&str]) -> serde_json::Value {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        self.run(now, &all).ok().json()
    }
}
