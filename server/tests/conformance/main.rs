//! One conformance suite for every storage backend: the same checks run against SQLite and a real PostgreSQL
//! (a cluster this test starts), and two `mend-server` processes sharing one PostgreSQL see each other's writes.

#[path = "../support/mod.rs"]
mod support;

mod suite;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use mend_server::storage::Storage;
use mend_server::storage::postgres::PgStore;
use mend_server::storage::sqlite::SqliteStore;

#[test]
fn sqlite_passes_the_conformance_suite() {
    let dir = tempfile::tempdir().unwrap();
    let count = AtomicUsize::new(0);
    suite::run_all(&|| {
        let path = dir.path().join(format!("db-{}.sqlite3", count.fetch_add(1, Ordering::SeqCst)));
        Arc::new(SqliteStore::open(&path).unwrap()) as Arc<dyn Storage>
    });
}

#[test]
fn postgres_passes_the_conformance_suite() {
    let cluster = support::postgres::Cluster::start();
    let count = AtomicUsize::new(0);
    suite::run_all(&|| {
        let url = cluster.database(&format!("conformance_{}", count.fetch_add(1, Ordering::SeqCst)));
        Arc::new(PgStore::connect(&url, 4).unwrap()) as Arc<dyn Storage>
    });
}

mod shared;
