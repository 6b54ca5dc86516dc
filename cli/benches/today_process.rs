//! `mend today --json` as a whole process on the realistic 5-year journal (about 9,000 check-ins and 2,000
//! events): wall time per run and peak resident memory (goal: at most 15 MB). Spawns the optimised `mend`
//! binary repeatedly; peak memory comes from `getrusage(RUSAGE_CHILDREN)`.
//! Run: `cargo bench -p mend-cli --bench today_process`.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use mend_core::fixtures::{self, FixtureShape};
use mend_core::{Clock, Mend, OpenOptions};

const RUNS: usize = 25;

fn peak_child_rss_kib() -> i64 {
    // RUSAGE_CHILDREN covers waited-for children; nix wraps the call safely.
    nix::sys::resource::getrusage(nix::sys::resource::UsageWho::RUSAGE_CHILDREN).expect("getrusage").max_rss()
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        println!("today_process: benchmark");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let fixture = fixtures::generate(FixtureShape::FIVE_YEARS);
    {
        let mend = Mend::open(dir.path(), OpenOptions { clock: Clock::Fixed(fixture.now) }).unwrap();
        fixtures::load(&mend, &fixture).unwrap();
    }
    let now = fixture.now.to_rfc3339();
    let run = || {
        let started = Instant::now();
        let out = Command::new(env!("CARGO_BIN_EXE_mend"))
            .args(["--data-dir", dir.path().to_str().unwrap(), "--now", &now, "--json", "today"])
            .stdout(Stdio::piped())
            .output()
            .unwrap();
        let elapsed = started.elapsed();
        assert!(out.status.success(), "mend today failed");
        let today: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(today["days_since_loss"], 5 * 365);
        elapsed
    };
    run(); // warm the page cache
    let mut times: Vec<Duration> = (0..RUNS).map(|_| run()).collect();
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let peak_mib = peak_child_rss_kib() as f64 / 1024.0;
    println!(
        "mend today --json on a 5-year journal ({} check-ins, {} events), {RUNS} runs: \
         min {:.1} ms, median {:.1} ms, max {:.1} ms; peak memory {:.1} MiB (goal <= 15 MB)",
        fixture.checkins.len(),
        fixture.events.len(),
        ms(times[0]),
        ms(times[RUNS / 2]),
        ms(times[RUNS - 1]),
        peak_mib
    );
}
