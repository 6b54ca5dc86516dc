//! Journal benchmarks on realistic data (the shared fixture generator):
//! (a) 1,000 check-in writes through the core API vs raw rusqlite inserts of the same rows (every column the
//!     table registry lists, bound by hand), each in one transaction — goal: raw/core ≥ 0.8 with the databases on
//!     `MEND_BENCH_DIR=/dev/shm` (so the ratio measures Mend's work, not the disk's flush);
//! (c) one check-in write on the 5-year journal vs one raw INSERT — goal: at most raw + 0.5 ms;
//! (b) the Today dashboard over a 5-year journal (9,000 check-ins, 2,000 events) vs the raw SQL reads it needs
//!     (the same statements, every column of every row read) — goal: at most 3x.
//! Run: `MEND_BENCH_DIR=/dev/shm cargo bench -p mend-core --bench journal` (without it, databases live in the
//! system's temporary directory).

use std::hint::black_box;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use mend_core::fixtures::{self, FixtureShape, TempMend};
use mend_core::journal::{NewCheckIn, Signs, local_day};
use mend_core::tables::table;
use rusqlite::{Connection, params};

fn batch() -> (fixtures::JournalFixture, Vec<NewCheckIn>) {
    let fixture = fixtures::generate(FixtureShape { days: 200, checkins: 1_000, events: 0, weeks: 9, seed: 5 });
    let checkins = fixture.checkins.clone();
    (fixture, checkins)
}

fn fresh(fixture: &fixtures::JournalFixture) -> TempMend {
    let mend = match std::env::var_os("MEND_BENCH_DIR") {
        Some(dir) => TempMend::at_in(std::path::Path::new(&dir), fixture.now),
        None => TempMend::at(fixture.now),
    };
    mend.journal().set_up(fixture.profile.clone(), fixture.loss.clone()).unwrap();
    mend
}

/// The raw baseline: the same rows, values prepared in advance, one prepared INSERT, one transaction.
fn raw_connection(path: &std::path::Path) -> Connection {
    let conn = Connection::open(path).unwrap();
    conn.pragma_update(None, "synchronous", "FULL").unwrap();
    conn
}

fn raw_insert(conn: &mut Connection, checkins: &[NewCheckIn], guids: &[String]) {
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate).unwrap();
    {
        // The registry's column list (and the row's clock, which the write path stamps): a column added there
        // and not bound here fails loudly.
        let columns = format!("{}, clock", table("checkins").columns());
        let clock = "000001780000000-00000000-0000000000000001";
        let count = columns.split(',').count();
        let placeholders: Vec<String> = (1..=count).map(|i| format!("?{i}")).collect();
        let mut stmt =
            tx.prepare(&format!("INSERT INTO checkins ({columns}) VALUES ({})", placeholders.join(", "))).unwrap();
        for (c, guid) in checkins.iter().zip(guids) {
            let d = &c.data;
            let at = c.at.unwrap();
            let zone = c.time_zone.as_deref().unwrap();
            let day = local_day(at, zone.parse().unwrap()).to_string();
            let feelings: Vec<&str> = d.feelings.iter().map(|f| f.code()).collect();
            let (l, r) = (&d.leg_left, &d.leg_right);
            stmt.execute(params![
                guid,
                at.timestamp_millis(),
                zone,
                day,
                d.bleeding.map(|b| b.code()),
                d.pads_per_hour,
                d.clots.map(|c| c.code()),
                d.pain.cramps,
                d.pain.back,
                d.pain.one_sided,
                d.pain.shoulder_tip,
                d.pain.breast,
                d.pain.head,
                d.pain.leg_left,
                d.pain.leg_right,
                d.temperature_c,
                d.chills,
                d.flu_like,
                d.discharge.map(|x| x.code()),
                d.dizziness.map(|x| x.code()),
                d.fainted,
                l.swelling,
                l.warmth,
                l.redness,
                r.swelling,
                r.warmth,
                r.redness,
                d.chest_pain,
                d.breathless,
                d.coughing_blood,
                d.mood,
                feelings.join(","),
                d.self_harm_thoughts,
                d.sleep_hours,
                d.energy,
                d.note,
                d.pain.pelvis,
                d.pain.chest,
                d.pain.side_left,
                d.pain.side_right,
                if d.signs == Signs::default() { "{}".to_owned() } else { serde_json::to_string(&d.signs).unwrap() },
                at.timestamp_millis(),
                at.timestamp_millis(),
                d.answered.join(","),
                d.logged_by.map(|l| l.code()),
                clock,
            ])
            .unwrap();
        }
    }
    tx.commit().unwrap();
}

fn checkin_writes(c: &mut Criterion) {
    let (fixture, checkins) = batch();
    let guids: Vec<String> = (0..checkins.len()).map(|_| mend_core::ids::new_guid()).collect();
    let mut group = c.benchmark_group("checkin_writes_1000");
    group.sample_size(20);
    group.bench_function("core_api", |b| {
        b.iter_batched(
            || (fresh(&fixture), checkins.clone()),
            |(mend, batch)| {
                black_box(mend.journal().add_checkins(batch).unwrap());
                mend
            },
            BatchSize::PerIteration,
        )
    });
    group.bench_function("raw_sqlite", |b| {
        b.iter_batched(
            || {
                let mend = fresh(&fixture);
                let conn = raw_connection(mend.database_path());
                (mend, conn)
            },
            |(mend, mut conn)| {
                raw_insert(&mut conn, &checkins, &guids);
                (mend, conn)
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

/// The raw statements Today runs, each as (SQL, parameters): the care engine's reads (as it lists them), then the
/// dashboard's own: profile, current loss, slim readings since the loss, period starts, the latest check-in, the
/// guides read this week, and the reminders with their recent history.
fn today_statements(mend: &TempMend) -> Vec<(String, Vec<String>)> {
    let mut statements: Vec<(String, Vec<String>)> =
        mend.care().reads().unwrap().into_iter().map(|r| (r.sql, r.params)).collect();
    let loss_date = mend.journal().current_loss().unwrap().unwrap().loss_date.to_string();
    let week_ago = (mend.now() - chrono::Duration::days(7)).timestamp_millis().to_string();
    let own: [(&str, Vec<String>); 8] = [
        (
            "SELECT guid, region, time_zone, discreet_notifications, created_at, updated_at FROM profile WHERE deleted = 0",
            vec![],
        ),
        (
            "SELECT guid, loss_date, weeks, kind, management, due_date, created_at, updated_at FROM losses \
             WHERE deleted = 0 ORDER BY loss_date DESC, created_at DESC LIMIT 1",
            vec![],
        ),
        (
            "SELECT local_day, bleeding, pain_cramps, pain_back, pain_one_sided, pain_shoulder_tip, pain_breast, \
             pain_head, pain_leg_left, pain_leg_right, mood, sleep_hours, energy FROM checkins \
             WHERE deleted = 0 AND local_day BETWEEN ?1 AND '9999-12-31' ORDER BY at_ms, id",
            vec![loss_date],
        ),
        (
            "SELECT guid, at_ms, time_zone, local_day, details, note, created_at, updated_at FROM events \
             WHERE deleted = 0 AND kind = 'period_start' ORDER BY at_ms, id",
            vec![],
        ),
        (
            "SELECT guid, at_ms, time_zone, local_day, bleeding, pads_per_hour, clots, pain_cramps, pain_back, \
             pain_one_sided, pain_shoulder_tip, pain_breast, pain_head, pain_leg_left, pain_leg_right, temperature_c, \
             chills, flu_like, discharge, dizziness, fainted, leg_left_swelling, leg_left_warmth, leg_left_redness, \
             leg_right_swelling, leg_right_warmth, leg_right_redness, chest_pain, breathless, coughing_blood, mood, \
             feelings, self_harm_thoughts, sleep_hours, energy, note, pain_pelvis, pain_chest, pain_side_left, \
             pain_side_right, signs, created_at, updated_at FROM checkins WHERE deleted = 0 ORDER BY at_ms DESC, id DESC LIMIT 1",
            vec![],
        ),
        ("SELECT guide_id FROM library_state WHERE deleted = 0 AND last_read_at >= ?1", vec![week_ago.clone()]),
        (
            "SELECT guid, kind, title, schedule, rrule, start_date, time_of_day, time_zone, until_date, paused, \
             created_at, updated_at FROM reminders WHERE deleted = 0 ORDER BY created_at, guid",
            vec![],
        ),
        (
            "SELECT guid, reminder_guid, occurrence_ms, status, snoozed_until_ms, created_at, updated_at \
             FROM reminder_history WHERE deleted = 0 AND occurrence_ms >= ?1",
            vec![week_ago],
        ),
    ];
    statements.extend(own.into_iter().map(|(sql, params)| (sql.to_owned(), params)));
    statements
}

/// Runs every statement and touches every column of every row; returns the rows read.
fn raw_reads(conn: &Connection, statements: &[(String, Vec<String>)]) -> usize {
    let mut rows = 0;
    for (sql, params) in statements {
        let mut stmt = conn.prepare_cached(sql).unwrap();
        let columns = stmt.column_count();
        let mut q = stmt.query(rusqlite::params_from_iter(params)).unwrap();
        while let Some(row) = q.next().unwrap() {
            for i in 0..columns {
                black_box(row.get_ref(i).unwrap());
            }
            rows += 1;
        }
    }
    rows
}

fn today_dashboard(c: &mut Criterion) {
    let fixture = fixtures::generate(FixtureShape::FIVE_YEARS);
    let mend = TempMend::at(fixture.now);
    fixtures::load(&mend, &fixture).unwrap();
    mend.today_dashboard().unwrap(); // settles the care engine's alerts once, as the app's first screen would
    let statements = today_statements(&mend);
    let raw = Connection::open_with_flags(mend.database_path(), rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    eprintln!("today: {} statements, {} rows", statements.len(), raw_reads(&raw, &statements));
    let mut group = c.benchmark_group("today_5_years");
    group.sample_size(20);
    group.bench_function("core_today_dashboard", |b| b.iter(|| black_box(mend.today_dashboard().unwrap())));
    group.bench_function("raw_sql_reads", |b| b.iter(|| black_box(raw_reads(&raw, &statements))));
    group.finish();
}

/// (c) One check-in write on the 5-year journal through the core (validation, the write path, the red-flag
/// evaluation of the final journal) vs one raw INSERT of the same row — goal: core at most raw + 0.5 ms.
fn one_write_5_years(c: &mut Criterion) {
    let fixture = fixtures::generate(FixtureShape::FIVE_YEARS);
    let mend = match std::env::var_os("MEND_BENCH_DIR") {
        Some(dir) => TempMend::at_in(std::path::Path::new(&dir), fixture.now),
        None => TempMend::at(fixture.now),
    };
    fixtures::load(&mend, &fixture).unwrap();
    let one = fixture.checkins.last().unwrap().clone();
    let mut raw = raw_connection(mend.database_path());
    let mut group = c.benchmark_group("one_checkin_write_5_years");
    group.sample_size(30);
    // Each timed write is deleted again outside the timing, so the journal does not grow by thousands of
    // check-ins at one instant (which the next evaluation would read): every write meets the 5-year journal.
    group.bench_function("core_api", |b| {
        b.iter_custom(|iters| {
            let mut total = std::time::Duration::ZERO;
            for _ in 0..iters {
                let started = std::time::Instant::now();
                let saved = black_box(mend.journal().add_checkin(one.clone()).unwrap());
                total += started.elapsed();
                mend.journal().delete_checkin(&saved.guid).unwrap();
            }
            total
        })
    });
    group.bench_function("raw_sqlite", |b| {
        b.iter_batched(
            || vec![mend_core::ids::new_guid()],
            |guid| raw_insert(&mut raw, std::slice::from_ref(&one), &guid),
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, checkin_writes, one_write_5_years, today_dashboard);
criterion_main!(benches);
