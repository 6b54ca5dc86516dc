//! The care engine over the 5-year benchmark journal: evaluating everything (alerts, markers, readiness —
//! `Care::report`, which reads, assesses and reconciles alerts) against reading the same rows with raw rusqlite
//! SELECTs (the statements `Care::reads` lists, every column of every row touched). The goal: at most 2x.
//!
//! Run: cargo bench -p mend-core --bench care -- --warm-up-time 1 --measurement-time 3

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use mend_core::care::Read;
use mend_core::fixtures::{FixtureShape, TempMend, generate, load};
use rusqlite::types::ValueRef;
use rusqlite::{Connection, OpenFlags};

/// Steps through every row of every statement, touching every column, in one read transaction (as an
/// evaluation does); gives a checksum so nothing is skipped.
fn raw(conn: &Connection, reads: &[Read]) -> usize {
    let tx = conn.unchecked_transaction().expect("a read transaction");
    let mut touched = 0;
    for read in reads {
        let mut stmt = tx.prepare_cached(&read.sql).expect("the statement prepares");
        let columns = stmt.column_count();
        let mut rows = stmt.query(rusqlite::params_from_iter(&read.params)).expect("the query runs");
        while let Some(row) = rows.next().expect("a row") {
            for i in 0..columns {
                touched += match row.get_ref(i).expect("a column") {
                    ValueRef::Null => 0,
                    ValueRef::Integer(v) => v as usize & 1,
                    ValueRef::Real(v) => v as usize & 1,
                    ValueRef::Text(t) | ValueRef::Blob(t) => t.len(),
                };
            }
        }
    }
    tx.commit().expect("the read transaction ends");
    touched
}

fn care(c: &mut Criterion) {
    let fixture = generate(FixtureShape::FIVE_YEARS);
    let mend = TempMend::at(fixture.now);
    load(&mend, &fixture).expect("the fixture loads");
    let reads = mend.care().reads().expect("the reads");
    // Opened like the store's own readers (read-only, no per-call mutex), so the comparison is like for like.
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(mend.database_path(), flags).unwrap();
    let rows: usize = reads
        .iter()
        .map(|r| {
            let mut stmt = conn.prepare(&r.sql).unwrap();
            let mut rows = stmt.query(rusqlite::params_from_iter(&r.params)).unwrap();
            let mut n = 0;
            while rows.next().unwrap().is_some() {
                n += 1;
            }
            n
        })
        .sum();
    eprintln!("care bench: {} statements, {rows} rows per evaluation", reads.len());
    mend.care().report().expect("a first evaluation settles the alerts");

    let mut group = c.benchmark_group("care_5y");
    group.bench_function("evaluate", |b| b.iter(|| black_box(mend.care().report().expect("evaluates"))));
    group.bench_function("raw_reads", |b| b.iter(|| black_box(raw(&conn, &reads))));
    group.finish();
}

criterion_group!(benches, care);
criterion_main!(benches);
