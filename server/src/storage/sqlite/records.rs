//! Records on SQLite: atomic batches with preconditions, keyset pages by version, tombstones and their purge.

use mend_protocol::records::{BatchOutcome, Conflict, Page, Record, RecordWrite};
use rusqlite::{OptionalExtension, Transaction, params};

use crate::storage::{Quotas, StoreError, StoreResult, epoch_writable, precondition_holds};

struct AccountState {
    epoch: u32,
    version: u64,
    purged_version: u64,
    bytes: u64,
}

fn account(tx: &Transaction, account_id: &[u8]) -> StoreResult<AccountState> {
    tx.query_row(
        "SELECT epoch, version, purged_version, bytes FROM accounts WHERE account_id = ?1",
        params![account_id],
        |row| {
            Ok(AccountState {
                epoch: row.get(0)?,
                version: row.get::<_, i64>(1)? as u64,
                purged_version: row.get::<_, i64>(2)? as u64,
                bytes: row.get::<_, i64>(3)? as u64,
            })
        },
    )
    .optional()?
    .ok_or(StoreError::NotFound)
}

pub fn upload(
    tx: &Transaction,
    account_id: &[u8],
    records: &[RecordWrite],
    now: i64,
    quotas: Quotas,
) -> StoreResult<BatchOutcome> {
    let state = account(tx, account_id)?;
    let mut conflicts = Vec::new();
    let mut old_bytes = 0u64;
    {
        let mut current = tx.prepare_cached(
            "SELECT version, length(body) FROM records WHERE account_id = ?1 AND collection = ?2 AND record_id = ?3",
        )?;
        for (index, record) in records.iter().enumerate() {
            let found: Option<(i64, i64)> = current
                .query_row(params![account_id, record.collection, record.id], |row| Ok((row.get(0)?, row.get(1)?)))
                .optional()?;
            let version = found.map(|(version, _)| version as u64);
            old_bytes += found.map_or(0, |(_, length)| length as u64);
            if !precondition_holds(record.precondition, version) {
                conflicts.push(Conflict { index: index as u32, current_version: version });
            }
        }
    }
    if !conflicts.is_empty() {
        return Ok(BatchOutcome::Refused { conflicts });
    }
    if records.iter().any(|record| !epoch_writable(record.epoch, state.epoch)) {
        return Err(StoreError::StaleEpoch { current: state.epoch });
    }
    let new_bytes: u64 = records.iter().map(|record| record.body.len() as u64).sum();
    let account_bytes = (state.bytes + new_bytes).saturating_sub(old_bytes);
    if account_bytes > quotas.account_bytes && new_bytes > old_bytes {
        return Err(StoreError::QuotaExceeded { limit: quotas.account_bytes });
    }
    let used: i64 = tx.query_row("SELECT bytes FROM usage WHERE id = 1", [], |row| row.get(0))?;
    let server_bytes = (used as u64 + new_bytes).saturating_sub(old_bytes);
    if server_bytes > quotas.server_bytes && new_bytes > old_bytes {
        return Err(StoreError::ServerFull);
    }
    let mut versions = Vec::with_capacity(records.len());
    let mut version = state.version;
    {
        let mut write = tx.prepare_cached(
            "INSERT INTO records (account_id, collection, record_id, epoch, deleted, version, body, deleted_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT (account_id, collection, record_id) DO UPDATE SET
               epoch = excluded.epoch, deleted = excluded.deleted, version = excluded.version,
               body = excluded.body, deleted_at = excluded.deleted_at",
        )?;
        for record in records {
            version += 1;
            let deleted_at = record.deleted.then_some(now);
            write.execute(params![
                account_id,
                record.collection,
                record.id,
                record.epoch,
                record.deleted,
                version as i64,
                record.body,
                deleted_at
            ])?;
            versions.push(version);
        }
    }
    tx.execute(
        "UPDATE accounts SET version = ?2, bytes = ?3 WHERE account_id = ?1",
        params![account_id, version as i64, account_bytes as i64],
    )?;
    tx.execute("UPDATE usage SET bytes = ?1 WHERE id = 1", params![server_bytes as i64])?;
    Ok(BatchOutcome::Committed { versions, server_version: version })
}

pub fn page(tx: &Transaction, account_id: &[u8], since: u64, limit: u32) -> StoreResult<Page> {
    let state = account(tx, account_id)?;
    if since != 0 && since < state.purged_version {
        return Err(StoreError::CursorBeyondHorizon { horizon_version: state.purged_version });
    }
    let mut statement = tx.prepare_cached(
        "SELECT collection, record_id, epoch, deleted, version, body FROM records
         WHERE account_id = ?1 AND version > ?2 ORDER BY version LIMIT ?3",
    )?;
    let mut records = statement
        .query_map(params![account_id, crate::storage::db_int(since), i64::from(limit) + 1], |row| {
            Ok(Record {
                collection: row.get(0)?,
                id: row.get(1)?,
                epoch: row.get(2)?,
                deleted: row.get(3)?,
                version: row.get::<_, i64>(4)? as u64,
                body: row.get(5)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let more = records.len() > limit as usize;
    records.truncate(limit as usize);
    let next_cursor = records.last().map_or(since.min(state.version), |record| record.version);
    Ok(Page { records, next_cursor, more, server_version: state.version })
}

pub fn purge_tombstones(tx: &Transaction, cutoff: i64) -> StoreResult<u64> {
    tx.execute(
        "UPDATE accounts SET purged_version = MAX(purged_version, (
             SELECT MAX(version) FROM records
             WHERE records.account_id = accounts.account_id AND deleted = 1 AND deleted_at < ?1))
         WHERE account_id IN (SELECT account_id FROM records WHERE deleted = 1 AND deleted_at < ?1)",
        params![cutoff],
    )?;
    let purged = tx.execute("DELETE FROM records WHERE deleted = 1 AND deleted_at < ?1", params![cutoff])?;
    Ok(purged as u64)
}
