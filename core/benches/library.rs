//! Library benchmarks: building the in-memory FTS5 index over every guide, and `Library::search` against the
//! raw FTS5 statement it wraps (same table, same SQL, the same MATCH text prepared in advance). The goal is
//! search ≤ 1.5× raw. Figures and the command are in docs/performance.md under "Library".

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use mend_core::fixtures::{TempMend, utc};
use mend_core::library::search::{self, QUERY};
use mend_core::library::{Catalog, SearchIndex, query};
use rusqlite::Connection;

/// The searches, and one that needs the any-word fallback.
const SEARCHES: &[(&str, &str)] = &[
    ("sciatica", "sciatica"),
    ("period_question", "when will my period come back"),
    ("massage", "massage"),
    ("guilt", "guilt"),
    ("fallback", "sciatica memorial keepsake"),
];

/// The index exactly as `SearchIndex::build` makes it, on a connection of our own, for the raw statement.
fn raw_index() -> Connection {
    let mut conn = Connection::open_in_memory().unwrap();
    search::create(&mut conn, &Catalog::builtin().guides("en")).unwrap();
    conn
}

/// The raw statement: rowid, bm25 and snippet for one MATCH text.
fn raw(conn: &Connection, fts: &str) -> Vec<(i64, f64, String)> {
    let mut stmt = conn.prepare_cached(QUERY).unwrap();
    let rows = stmt.query_map(rusqlite::params![fts, 10i64], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap();
    rows.collect::<rusqlite::Result<_>>().unwrap()
}

fn library(c: &mut Criterion) {
    let guides = Catalog::builtin().guides("en");
    c.bench_function("library/index_build", |b| b.iter(|| SearchIndex::build(black_box(&guides), "en").unwrap()));

    let mend = TempMend::at(utc(2026, 6, 1, 12, 0));
    let conn = raw_index();
    for (name, text) in SEARCHES {
        let fts = query::build(text, query::stop_words("en")).unwrap();
        let fallback = raw(&conn, &fts.all).is_empty();
        let mut group = c.benchmark_group(format!("library/search/{name}"));
        group.bench_function("raw_fts5", |b| {
            b.iter(|| {
                let hits = raw(&conn, black_box(&fts.all));
                match (&fts.any, fallback) {
                    (Some(any), true) => raw(&conn, black_box(any)),
                    _ => hits,
                }
            })
        });
        if let (Some(any), true) = (&fts.any, fallback) {
            group.bench_function("raw_fts5_any_only", |b| b.iter(|| raw(&conn, black_box(any))));
        }
        group.bench_function("library_search", |b| b.iter(|| mend.library().search(black_box(text), "en").unwrap()));
        group.finish();
    }
    c.bench_function("library/suggest", |b| b.iter(|| mend.library().suggest("en").unwrap()));
}

criterion_group! {
    name = benches;
    config = Criterion::default().warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(3));
    targets = library
}
criterion_main!(benches);
