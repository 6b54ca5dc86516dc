//! Records on PostgreSQL: atomic batches with preconditions under the account's row lock, keyset pages by
//! version in one statement, tombstones and their purge.

use deadpool_postgres::Transaction;
use mend_protocol::records::{BatchOutcome, Conflict, Page, Record, RecordWrite};

use super::accounts::lock_account;
use super::usage;
use crate::storage::{Quotas, StoreError, StoreResult, epoch_writable, precondition_holds};

pub async fn upload(
    tx: &Transaction<'_>,
    account_id: &[u8],
    records: &[RecordWrite],
    now: i64,
    quotas: Quotas,
) -> StoreResult<BatchOutcome> {
    let account = lock_account(tx, account_id).await?;
    let (epoch, start, bytes) =
        (account.get::<_, i64>(0) as u32, account.get::<_, i64>(1) as u64, account.get::<_, i64>(3) as u64);
    let current = tx
        .prepare_cached("SELECT version, octet_length(body) FROM records WHERE account_id = $1 AND collection = $2 AND record_id = $3")
        .await?;
    let mut conflicts = Vec::new();
    let mut old_bytes = 0u64;
    for (index, record) in records.iter().enumerate() {
        let found = tx.query_opt(&current, &[&account_id, &record.collection, &record.id]).await?;
        let version = found.as_ref().map(|row| row.get::<_, i64>(0) as u64);
        old_bytes += found.map_or(0, |row| row.get::<_, i32>(1) as u64);
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
    if new_bytes > old_bytes && usage::total(tx).await? + (new_bytes - old_bytes) > quotas.server_bytes {
        return Err(StoreError::ServerFull);
    }
    let write = tx
        .prepare_cached(
            "INSERT INTO records (account_id, collection, record_id, epoch, deleted, version, body, deleted_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
             ON CONFLICT (account_id, collection, record_id) DO UPDATE SET
               epoch = excluded.epoch, deleted = excluded.deleted, version = excluded.version,
               body = excluded.body, deleted_at = excluded.deleted_at",
        )
        .await?;
    let mut versions = Vec::with_capacity(records.len());
    let mut version = start;
    for record in records {
        version += 1;
        let deleted_at = record.deleted.then_some(now);
        tx.execute(
            &write,
            &[
                &account_id,
                &record.collection,
                &record.id,
                &i64::from(record.epoch),
                &record.deleted,
                &(version as i64),
                &record.body,
                &deleted_at,
            ],
        )
        .await?;
        versions.push(version);
    }
    tx.execute(
        &tx.prepare_cached("UPDATE accounts SET version = $2, bytes = $3 WHERE account_id = $1").await?,
        &[&account_id, &(version as i64), &(account_bytes as i64)],
    )
    .await?;
    usage::add(tx, new_bytes as i64 - old_bytes as i64).await?;
    Ok(BatchOutcome::Committed { versions, server_version: version })
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
