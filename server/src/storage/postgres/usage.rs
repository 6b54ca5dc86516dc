//! The server's storage total on PostgreSQL, kept in `usage_shards`: a write adds its growth (or subtracts what it
//! frees) to one of `SHARDS` rows, picked round-robin per write, so concurrent writes from different accounts rarely
//! wait on the same row lock; the total is the sum of the rows.
//!
//! The cap check reads the committed sum without locking it (READ COMMITTED, so each statement sees the latest
//! commits): a growing write is refused once the committed total plus its growth exceeds the cap. Writes that
//! commit concurrently do not see each other's growth, so the total can overshoot the cap by at most the growth of
//! the writes in flight at once: one batch (or group write) per open write transaction, i.e. per pooled connection.
//! Once the committed total is over the cap, every later growing write is refused.

use std::sync::atomic::{AtomicUsize, Ordering};

use deadpool_postgres::Transaction;

use crate::storage::StoreResult;

/// Rows the total is spread over.
pub const SHARDS: usize = 32;

static NEXT: AtomicUsize = AtomicUsize::new(0);

/// The statement that reads the committed storage total (bytes), without locking.
pub const TOTAL: &str = "SELECT GREATEST(COALESCE(SUM(bytes), 0), 0)::bigint FROM usage_shards";

/// The committed storage total (bytes), without locking.
pub async fn total(tx: &Transaction<'_>) -> StoreResult<u64> {
    let total: i64 = tx.query_one(&tx.prepare_cached(TOTAL).await?, &[]).await?.get(0);
    Ok(total as u64)
}

/// The shard the next write adds to (round-robin).
pub fn next_shard() -> i32 {
    (NEXT.fetch_add(1, Ordering::Relaxed) % SHARDS) as i32
}

/// Adds `delta` bytes (negative when freed) to the total, in this transaction.
pub async fn add(tx: &Transaction<'_>, delta: i64) -> StoreResult<()> {
    if delta == 0 {
        return Ok(());
    }
    let shard = next_shard();
    tx.execute(
        &tx.prepare_cached("UPDATE usage_shards SET bytes = bytes + $2 WHERE shard = $1").await?,
        &[&shard, &delta],
    )
    .await?;
    Ok(())
}
