//! Crash safety: `mend import` of a large journal is killed with SIGKILL at many points through its run. Every
//! time, the database passes `PRAGMA integrity_check` and holds either the whole import or none of it.

mod common;

use std::time::{Duration, Instant};

use common::Person;
use mend_core::fixtures::{self, FixtureShape, TempMend};

const NOW: &str = "2026-11-01T12:00:00Z";
const ATTEMPTS: u32 = 16;

fn large_export(path: &std::path::Path) -> usize {
    let shape = FixtureShape { days: 5 * 365, checkins: 6_000, events: 0, weeks: 9, seed: 3 };
    let fixture = fixtures::generate(shape);
    let source = TempMend::at(fixture.now);
    fixtures::load(&source, &fixture).unwrap();
    std::fs::write(path, source.export().to_json().unwrap()).unwrap();
    shape.checkins
}

fn checkins_in(dir: &std::path::Path) -> (String, i64) {
    let conn = rusqlite::Connection::open(dir.join("mend.db")).unwrap();
    let integrity: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    let count: i64 = conn.query_row("SELECT count(*) FROM checkins", [], |r| r.get(0)).unwrap();
    (integrity, count)
}

#[test]
fn killing_an_import_never_leaves_half_a_journal() {
    let work = tempfile::tempdir().unwrap();
    let file = work.path().join("big.json");
    let t0 = Instant::now();
    let total = large_export(&file) as i64;
    eprintln!("building the export took {:?}", t0.elapsed());
    let file = file.to_str().unwrap().to_owned();

    // How long a whole import takes here, to spread the kills across it.
    let timing = Person::new();
    timing.run(NOW, &["today"]).ok();
    let started = Instant::now();
    timing.run(NOW, &["import", &file]).ok();
    let full = started.elapsed();
    eprintln!("a whole import of {total} check-ins took {full:?}");
    assert_eq!(checkins_in(timing.dir()), ("ok".to_owned(), total));

    let mut killed_midway = 0;
    for attempt in 0..ATTEMPTS {
        let person = Person::new();
        person.run(NOW, &["today"]).ok();
        let mut child = person.command(NOW, &["import", &file]).stdout(std::process::Stdio::null()).spawn().unwrap();
        std::thread::sleep(
            full.mul_f64(f64::from(attempt) / f64::from(ATTEMPTS)) + Duration::from_millis(u64::from(attempt % 3)),
        );
        let finished_alone = child.try_wait().unwrap().is_some();
        child.kill().ok();
        child.wait().unwrap();
        if !finished_alone {
            killed_midway += 1;
        }
        let (integrity, count) = checkins_in(person.dir());
        assert_eq!(integrity, "ok", "attempt {attempt}");
        assert!(count == 0 || count == total, "attempt {attempt}: {count} of {total} check-ins: a half import");
        // The journal opens and works after the crash.
        person.run(NOW, &["today"]).ok();
    }
    // The kills are spread over the measured import time; on a busy machine some land after it has finished,
    // but at least a quarter must have landed mid-import for the test to mean anything.
    assert!(killed_midway >= ATTEMPTS / 4, "only {killed_midway} kills landed during the import");
}
