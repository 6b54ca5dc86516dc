//! Records on PostgreSQL: atomic batches with preconditions under the account's row lock (two pipelined round
//! trips a batch, whatever its size), keyset pages by version in one statement, tombstones and their purge.

use deadpool_postgres::Transaction;
use mend_protocol::records::{BatchOutcome, Conflict, Page, Record, RecordWrite};

use super::usage;
use crate::storage::{Quotas, StoreError, StoreResult, epoch_writable, precondition_holds};

type Param<'a> = dyn tokio_postgres::types::ToSql + Sync + 'a;

/// The account's row, locked until the batch commits: every batch of one account waits for the one before it.
const LOCK_ACCOUNT: &str = "SELECT epoch, version, bytes FROM accounts WHERE account_id = $1 FOR UPDATE";

/// The stored version and body size of each record the batch names (its position, from 1), absent ones left out.
const CURRENT: &str = "SELECT batch.position, records.version, octet_length(records.body)
     FROM unnest($2::bytea[], $3::bytea[]) WITH ORDINALITY AS batch (collection, record_id, position)
     JOIN records ON records.account_id = $1 AND records.collection = batch.collection
                 AND records.record_id = batch.record_id";

/// The whole write of a committed batch in one statement: every record (one row per record id: the batch's last
/// write of it), the account's version and bytes, and the storage total's growth on one shard (none when 0).
const WRITE: &str = "WITH batch AS (
       SELECT * FROM unnest($2::bytea[], $3::bytea[], $4::bigint[], $5::bool[], $6::bigint[], $7::bytea[])
         AS batch (collection, record_id, epoch, deleted, version, body)
     ), written AS (
       INSERT INTO records (account_id, collection, record_id, epoch, deleted, version, body, deleted_at)
       SELECT $1, collection, record_id, epoch, deleted, version, body, CASE WHEN deleted THEN $8::bigint END
       FROM batch
       ON CONFLICT (account_id, collection, record_id) DO UPDATE SET
         epoch = excluded.epoch, deleted = excluded.deleted, version = excluded.version,
         body = excluded.body, deleted_at = excluded.deleted_at
       RETURNING 1
     ), account AS (
       UPDATE accounts SET version = $9::bigint, bytes = $10::bigint WHERE account_id = $1 RETURNING 1
     ), total AS (
       UPDATE usage_shards SET bytes = bytes + $11::bigint WHERE shard = $12::integer AND $11::bigint <> 0
       RETURNING 1
     )
     SELECT (SELECT count(*) FROM written), (SELECT count(*) FROM account)";

/// Writes a batch atomically, or refuses it whole, in two round trips to the database.
///
/// 1. BEGIN, the account's row lock, the stored versions of the batch's records and the committed storage total,
///    pipelined: sent together, run one after another, so the versions are read after the lock is held (READ
///    COMMITTED: each statement sees what committed before it started), exactly as if they were sent one by one.
/// 2. The decision is made here, with the rules every backend shares ([`precondition_holds`],
///    [`epoch_writable`]) and the quotas; then the write (one statement) and COMMIT, pipelined. A refusal or an error
///    rolls back instead.
///
/// Before this, an upload cost two round trips per record plus six, all while holding the account's lock and, from
/// its update on, a row of the storage total; under load the waits behind those locks made the latency's tail.
pub async fn upload(
    client: &deadpool_postgres::Client,
    account_id: &[u8],
    records: &[RecordWrite],
    now: i64,
    quotas: Quotas,
) -> StoreResult<BatchOutcome> {
    // Prepared once per connection (cached); later batches reuse them without a round trip.
    let lock = client.prepare_cached(LOCK_ACCOUNT).await?;
    let current = client.prepare_cached(CURRENT).await?;
    let total = client.prepare_cached(usage::TOTAL).await?;
    let write = client.prepare_cached(WRITE).await?;
    let outcome = decide_and_write(client, [&lock, &current, &total, &write], account_id, records, now, quotas).await;
    if !matches!(outcome, Ok(BatchOutcome::Committed { .. })) {
        // Refused or failed: end the transaction (a warning only, if it already ended). A connection that broke is
        // dropped by the pool.
        let _ = client.batch_execute("ROLLBACK").await;
    }
    outcome
}

async fn decide_and_write(
    client: &deadpool_postgres::Client,
    [lock, current, total, write]: [&tokio_postgres::Statement; 4],
    account_id: &[u8],
    records: &[RecordWrite],
    now: i64,
    quotas: Quotas,
) -> StoreResult<BatchOutcome> {
    let collections: Vec<&[u8]> = records.iter().map(|record| record.collection.as_slice()).collect();
    let ids: Vec<&[u8]> = records.iter().map(|record| record.id.as_slice()).collect();
    // `biased`: the requests go out in this order (tokio-postgres sends each on its future's first poll).
    let lock_params: [&Param<'_>; 1] = [&account_id];
    let current_params: [&Param<'_>; 3] = [&account_id, &collections, &ids];
    let (begun, account, found, used) = tokio::join!(
        biased;
        client.batch_execute("BEGIN"),
        client.query_opt(lock, &lock_params),
        client.query(current, &current_params),
        client.query_one(total, &[]),
    );
    begun?;
    let account = account?.ok_or(StoreError::NotFound)?;
    let (epoch, start, bytes) =
        (account.get::<_, i64>(0) as u32, account.get::<_, i64>(1) as u64, account.get::<_, i64>(2) as u64);
    let mut stored: Vec<Option<(u64, u64)>> = vec![None; records.len()];
    for row in found? {
        let position = row.get::<_, i64>(0) as usize;
        stored[position - 1] = Some((row.get::<_, i64>(1) as u64, row.get::<_, i32>(2) as u64));
    }
    let used = used?.get::<_, i64>(0) as u64;
    let mut conflicts = Vec::new();
    let mut old_bytes = 0u64;
    for (index, (record, stored)) in records.iter().zip(&stored).enumerate() {
        let version = stored.map(|(version, _)| version);
        old_bytes += stored.map_or(0, |(_, length)| length);
        if !precondition_holds(record.precondition, version) {
            conflicts.push(Conflict { index: index as u32, current_version: version });
        }
    }
    if !conflicts.is_empty() {
        return Ok(BatchOutcome::Refused { conflicts });
    }
    if records.iter().any(|record| !epoch_writable(record.epoch, epoch)) {
        return Err(StoreError::StaleEpoch { current: epoch });
    }
    let new_bytes: u64 = records.iter().map(|record| record.body.len() as u64).sum();
    let account_bytes = (bytes + new_bytes).saturating_sub(old_bytes);
    if account_bytes > quotas.account_bytes && new_bytes > old_bytes {
        return Err(StoreError::QuotaExceeded { limit: quotas.account_bytes });
    }
    if new_bytes > old_bytes && used + (new_bytes - old_bytes) > quotas.server_bytes {
        return Err(StoreError::ServerFull);
    }
    let versions: Vec<u64> = (start + 1..=start + records.len() as u64).collect();
    let server_version = start + records.len() as u64;
    // A batch may name a record more than once: each write gets its version, and the last one is what stays (as
    // if written one after another). One INSERT may touch a row only once, so only the last write of each id goes in.
    let mut last = std::collections::HashMap::with_capacity(records.len());
    for (index, record) in records.iter().enumerate() {
        last.insert((record.collection.as_slice(), record.id.as_slice()), index);
    }
    let mut kept: Vec<usize> = last.into_values().collect();
    kept.sort_unstable();
    let collections: Vec<&[u8]> = kept.iter().map(|&index| records[index].collection.as_slice()).collect();
    let ids: Vec<&[u8]> = kept.iter().map(|&index| records[index].id.as_slice()).collect();
    let bodies: Vec<&[u8]> = kept.iter().map(|&index| records[index].body.as_slice()).collect();
    let epochs: Vec<i64> = kept.iter().map(|&index| i64::from(records[index].epoch)).collect();
    let deleted: Vec<bool> = kept.iter().map(|&index| records[index].deleted).collect();
    let record_versions: Vec<i64> = kept.iter().map(|&index| versions[index] as i64).collect();
    let delta = new_bytes as i64 - old_bytes as i64;
    let (server_version_param, account_bytes, shard) =
        (server_version as i64, account_bytes as i64, usage::next_shard());
    let write_params: [&Param<'_>; 12] = [
        &account_id,
        &collections,
        &ids,
        &epochs,
        &deleted,
        &record_versions,
        &bodies,
        &now,
        &server_version_param,
        &account_bytes,
        &delta,
        &shard,
    ];
    let (written, committed) = tokio::join!(
        biased;
        client.query_one(write, &write_params),
        client.batch_execute("COMMIT"),
    );
    let written = written?;
    if written.get::<_, i64>(0) != kept.len() as i64 || written.get::<_, i64>(1) != 1 {
        return Err(StoreError::Backend("a batch's write touched the wrong rows".into()));
    }
    committed?;
    Ok(BatchOutcome::Committed { versions, server_version })
}

/// One keyset page in one statement (so in one snapshot, without BEGIN/COMMIT): the account's version and
/// horizon, and the records after `since` unless the cursor is behind the horizon. A missing account gives no row;
/// an account with nothing after `since` gives one row whose record columns are NULL.
pub async fn page(client: &deadpool_postgres::Client, account_id: &[u8], since: u64, limit: u32) -> StoreResult<Page> {
    let rows = client
        .query(
            &client
                .prepare_cached(
                    "SELECT a.version, a.purged_version, r.collection, r.record_id, r.epoch, r.deleted, r.version, r.body
                 FROM accounts AS a
                 LEFT JOIN LATERAL (
                   SELECT collection, record_id, epoch, deleted, version, body FROM records
                   WHERE account_id = a.account_id AND version > $2 AND ($2 = 0 OR $2 >= a.purged_version)
                   ORDER BY version LIMIT $3
                 ) AS r ON true
                 WHERE a.account_id = $1
                 ORDER BY r.version",
                )
                .await?,
            &[&account_id, &crate::storage::db_int(since), &(i64::from(limit) + 1)],
        )
        .await?;
    let account = rows.first().ok_or(StoreError::NotFound)?;
    let (server_version, purged) = (account.get::<_, i64>(0) as u64, account.get::<_, i64>(1) as u64);
    if since != 0 && since < purged {
        return Err(StoreError::CursorBeyondHorizon { horizon_version: purged });
    }
    let mut records: Vec<Record> = rows
        .iter()
        .filter(|row| row.get::<_, Option<i64>>(6).is_some())
        .map(|row| Record {
            collection: row.get(2),
            id: row.get(3),
            epoch: row.get::<_, i64>(4) as u32,
            deleted: row.get(5),
            version: row.get::<_, i64>(6) as u64,
            body: row.get(7),
        })
        .collect();
    let more = records.len() > limit as usize;
    records.truncate(limit as usize);
    let next_cursor = records.last().map_or(since.min(server_version), |record| record.version);
    Ok(Page { records, next_cursor, more, server_version })
}

pub async fn purge_tombstones(tx: &Transaction<'_>, cutoff: i64) -> StoreResult<u64> {
    tx.execute(
        &tx.prepare_cached(
            "UPDATE accounts SET purged_version = GREATEST(purged_version, purged.version)
         FROM (SELECT account_id, MAX(version) AS version FROM records
               WHERE deleted AND deleted_at < $1 GROUP BY account_id) AS purged
         WHERE accounts.account_id = purged.account_id",
        )
        .await?,
        &[&cutoff],
    )
    .await?;
    Ok(tx
        .execute(&tx.prepare_cached("DELETE FROM records WHERE deleted AND deleted_at < $1").await?, &[&cutoff])
        .await?)
}
