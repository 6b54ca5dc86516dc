//! Accounts, devices, challenges, registration tokens, the server key and key wraps on SQLite.

use mend_protocol::keys::{AddWraps, DeviceWrap, EpochSwitch, EpochWrap, KeyWraps};
use rusqlite::{OptionalExtension, Row, Transaction, params};

use crate::storage::{DeviceRow, NewAccount, Staging, StoreError, StoreResult, staging};

pub fn server_key(tx: &Transaction, fresh: [u8; 32]) -> StoreResult<[u8; 32]> {
    tx.execute("INSERT OR IGNORE INTO server_keys (name, key) VALUES ('token-mac', ?1)", params![&fresh[..]])?;
    let key: Vec<u8> = tx.query_row("SELECT key FROM server_keys WHERE name = 'token-mac'", [], |row| row.get(0))?;
    key.try_into().map_err(|_| StoreError::Backend("the stored server key is not 32 bytes".into()))
}

pub fn add_registration_token(tx: &Transaction, token_hash: &[u8], now: i64) -> StoreResult<()> {
    tx.execute(
        "INSERT OR IGNORE INTO registration_tokens (token_hash, created_at) VALUES (?1, ?2)",
        params![token_hash, now],
    )?;
    Ok(())
}

fn insert_device(tx: &Transaction, device: &DeviceRow) -> StoreResult<()> {
    let inserted = tx.execute(
        "INSERT OR IGNORE INTO devices (device_id, account_id, signing_key, exchange_key, name, added_at, wipe)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0)",
        params![
            device.device_id,
            device.account_id,
            device.signing_key,
            device.exchange_key,
            device.name,
            device.added_at
        ],
    )?;
    if inserted == 0 {
        return Err(StoreError::AlreadyExists);
    }
    Ok(())
}

pub fn create_account(tx: &Transaction, account: &NewAccount) -> StoreResult<()> {
    if let Some(hash) = &account.registration_token_hash
        && tx.execute("DELETE FROM registration_tokens WHERE token_hash = ?1", params![hash])? == 0
    {
        return Err(StoreError::RegistrationClosed);
    }
    let inserted = tx.execute(
        "INSERT OR IGNORE INTO accounts (account_id, lookup_id, recovery_key, epoch, version, purged_version, bytes, created_at)
         VALUES (?1, ?2, ?3, 0, 0, 0, 0, ?4)",
        params![account.account_id, account.lookup_id, account.recovery_key, account.now],
    )?;
    if inserted == 0 {
        return Err(StoreError::AlreadyExists);
    }
    insert_device(tx, &account.device)?;
    tx.execute(
        "INSERT INTO kek_wraps (account_id, epoch, wrap) VALUES (?1, 0, ?2)",
        params![account.account_id, account.kek_wrap],
    )?;
    tx.execute(
        "INSERT INTO device_wraps (device_id, epoch, account_id, wrap) VALUES (?1, 0, ?2, ?3)",
        params![account.device.device_id, account.account_id, account.device_wrap],
    )?;
    Ok(())
}

pub fn delete_account(tx: &Transaction, account_id: &[u8]) -> StoreResult<()> {
    let bytes: Option<i64> = tx
        .query_row("SELECT bytes FROM accounts WHERE account_id = ?1", params![account_id], |row| row.get(0))
        .optional()?;
    let Some(bytes) = bytes else { return Err(StoreError::NotFound) };
    tx.execute(
        "DELETE FROM device_mail WHERE device_id IN (SELECT device_id FROM devices WHERE account_id = ?1)",
        params![account_id],
    )?;
    tx.execute(
        "DELETE FROM challenges WHERE subject IN (SELECT device_id FROM devices WHERE account_id = ?1)",
        params![account_id],
    )?;
    for table in ["records", "kek_wraps", "device_wraps", "devices", "accounts"] {
        tx.execute(&format!("DELETE FROM {table} WHERE account_id = ?1"), params![account_id])?;
    }
    tx.execute("UPDATE usage SET bytes = MAX(0, bytes - ?1) WHERE id = 1", params![bytes])?;
    Ok(())
}

pub fn recovery_key(tx: &Transaction, lookup_id: &[u8]) -> StoreResult<(Vec<u8>, Vec<u8>)> {
    tx.query_row("SELECT account_id, recovery_key FROM accounts WHERE lookup_id = ?1", params![lookup_id], |row| {
        Ok((row.get(0)?, row.get(1)?))
    })
    .optional()?
    .ok_or(StoreError::NotFound)
}

pub fn new_phrase(
    tx: &Transaction,
    account_id: &[u8],
    lookup_id: &[u8],
    recovery_key: &[u8],
    kek_wraps: &[EpochWrap],
) -> StoreResult<()> {
    let taken: Option<Vec<u8>> = tx
        .query_row("SELECT account_id FROM accounts WHERE lookup_id = ?1", params![lookup_id], |row| row.get(0))
        .optional()?;
    if taken.is_some_and(|owner| owner != account_id) {
        return Err(StoreError::AlreadyExists);
    }
    let updated = tx.execute(
        "UPDATE accounts SET lookup_id = ?2, recovery_key = ?3 WHERE account_id = ?1",
        params![account_id, lookup_id, recovery_key],
    )?;
    if updated == 0 {
        return Err(StoreError::NotFound);
    }
    // Every epoch's recovery wrap is made again, or the new phrase would not open them all (one staged since the
    // device read the list is missing from it: read again).
    let stored: u32 =
        tx.query_row("SELECT count(*) FROM kek_wraps WHERE account_id = ?1", params![account_id], |row| row.get(0))?;
    let mut given: Vec<u32> = kek_wraps.iter().map(|w| w.epoch).collect();
    given.sort_unstable();
    given.dedup();
    if given.len() as u32 != stored {
        return Err(StoreError::StaleEpoch { current: account_epoch(tx, account_id)? });
    }
    for wrap in kek_wraps {
        let exists: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM kek_wraps WHERE account_id = ?1 AND epoch = ?2)",
            params![account_id, wrap.epoch],
            |row| row.get(0),
        )?;
        if !exists {
            return Err(StoreError::StaleEpoch { current: account_epoch(tx, account_id)? });
        }
        tx.execute(
            "UPDATE kek_wraps SET wrap = ?3 WHERE account_id = ?1 AND epoch = ?2",
            params![account_id, wrap.epoch, wrap.wrap],
        )?;
    }
    Ok(())
}

pub fn account_epoch(tx: &Transaction, account_id: &[u8]) -> StoreResult<u32> {
    tx.query_row("SELECT epoch FROM accounts WHERE account_id = ?1", params![account_id], |row| row.get(0))
        .optional()?
        .ok_or(StoreError::NotFound)
}

pub fn put_challenge(tx: &Transaction, subject: &[u8], nonce: &[u8], expires_at: i64) -> StoreResult<()> {
    tx.execute(
        "INSERT INTO challenges (subject, nonce, expires_at) VALUES (?1, ?2, ?3)",
        params![subject, nonce, expires_at],
    )?;
    Ok(())
}

pub fn take_challenge(tx: &Transaction, subject: &[u8], nonce: &[u8], now: i64) -> StoreResult<()> {
    let expires_at: Option<i64> = tx
        .query_row(
            "DELETE FROM challenges WHERE subject = ?1 AND nonce = ?2 RETURNING expires_at",
            params![subject, nonce],
            |row| row.get(0),
        )
        .optional()?;
    match expires_at {
        None => Err(StoreError::NotFound),
        Some(expires_at) if expires_at < now => Err(StoreError::Expired),
        Some(_) => Ok(()),
    }
}

pub fn recover_device(
    tx: &Transaction,
    lookup_id: &[u8],
    nonce: &[u8],
    device: &DeviceRow,
    now: i64,
) -> StoreResult<u32> {
    take_challenge(tx, lookup_id, nonce, now)?;
    let (account_id, _) = recovery_key(tx, lookup_id)?;
    if account_id != device.account_id {
        return Err(StoreError::NotFound);
    }
    insert_device(tx, device)?;
    account_epoch(tx, &account_id)
}

pub fn token_for(tx: &Transaction, device_id: &[u8], nonce: &[u8], now: i64) -> StoreResult<()> {
    take_challenge(tx, device_id, nonce, now)?;
    tx.execute("UPDATE devices SET last_seen_at = ?2 WHERE device_id = ?1", params![device_id, now])?;
    Ok(())
}

fn device_row(row: &Row) -> rusqlite::Result<DeviceRow> {
    Ok(DeviceRow {
        device_id: row.get(0)?,
        account_id: row.get(1)?,
        signing_key: row.get(2)?,
        exchange_key: row.get(3)?,
        name: row.get(4)?,
        added_at: row.get(5)?,
        last_seen_at: row.get(6)?,
        revoked_at: row.get(7)?,
        wipe_order: row.get(8)?,
    })
}

const DEVICE_COLUMNS: &str =
    "device_id, account_id, signing_key, exchange_key, name, added_at, last_seen_at, revoked_at, wipe_order";

pub fn device(tx: &Transaction, device_id: &[u8]) -> StoreResult<DeviceRow> {
    tx.query_row(&format!("SELECT {DEVICE_COLUMNS} FROM devices WHERE device_id = ?1"), params![device_id], device_row)
        .optional()?
        .ok_or(StoreError::NotFound)
}

pub fn devices(tx: &Transaction, account_id: &[u8]) -> StoreResult<Vec<DeviceRow>> {
    let mut statement = tx
        .prepare(&format!("SELECT {DEVICE_COLUMNS} FROM devices WHERE account_id = ?1 ORDER BY added_at, device_id"))?;
    let rows = statement.query_map(params![account_id], device_row)?.collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

pub fn enrol_device(tx: &Transaction, device: &DeviceRow, wraps: &[EpochWrap]) -> StoreResult<u32> {
    let epoch = account_epoch(tx, &device.account_id)?;
    insert_device(tx, device)?;
    for wrap in wraps {
        if wrap.epoch > epoch.saturating_add(1) {
            return Err(StoreError::StaleEpoch { current: epoch });
        }
        tx.execute(
            "INSERT OR REPLACE INTO device_wraps (device_id, epoch, account_id, wrap) VALUES (?1, ?2, ?3, ?4)",
            params![device.device_id, wrap.epoch, device.account_id, wrap.wrap],
        )?;
    }
    Ok(epoch)
}

pub fn rename_device(tx: &Transaction, account_id: &[u8], device_id: &[u8], name: &[u8]) -> StoreResult<()> {
    let updated = tx.execute(
        "UPDATE devices SET name = ?3 WHERE account_id = ?1 AND device_id = ?2 AND revoked_at IS NULL",
        params![account_id, device_id, name],
    )?;
    if updated == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

pub fn revoke_device(
    tx: &Transaction,
    account_id: &[u8],
    device_id: &[u8],
    wipe_order: Option<&[u8]>,
    now: i64,
) -> StoreResult<()> {
    let updated = tx.execute(
        "UPDATE devices SET revoked_at = COALESCE(revoked_at, ?3), wipe = ?4, wipe_order = ?5
         WHERE account_id = ?1 AND device_id = ?2",
        params![account_id, device_id, now, wipe_order.is_some(), wipe_order],
    )?;
    if updated == 0 {
        return Err(StoreError::NotFound);
    }
    tx.execute("DELETE FROM device_mail WHERE device_id = ?1", params![device_id])?;
    tx.execute("DELETE FROM device_wraps WHERE device_id = ?1", params![device_id])?;
    Ok(())
}

pub fn key_wraps(tx: &Transaction, account_id: &[u8], device_id: &[u8]) -> StoreResult<KeyWraps> {
    let epoch = account_epoch(tx, account_id)?;
    let wraps = |sql: &str, id: &[u8]| -> StoreResult<Vec<EpochWrap>> {
        let mut statement = tx.prepare(sql)?;
        let rows = statement
            .query_map(params![id], |row| Ok(EpochWrap { epoch: row.get(0)?, wrap: row.get(1)? }))?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    };
    Ok(KeyWraps {
        epoch,
        kek: wraps("SELECT epoch, wrap FROM kek_wraps WHERE account_id = ?1 ORDER BY epoch", account_id)?,
        device: wraps("SELECT epoch, wrap FROM device_wraps WHERE device_id = ?1 ORDER BY epoch", device_id)?,
    })
}

fn check_devices(tx: &Transaction, account_id: &[u8], wraps: &[DeviceWrap]) -> StoreResult<()> {
    for wrap in wraps {
        let owned: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM devices WHERE device_id = ?1 AND account_id = ?2 AND revoked_at IS NULL)",
            params![wrap.device_id, account_id],
            |row| row.get(0),
        )?;
        if !owned {
            return Err(StoreError::NotFound);
        }
    }
    Ok(())
}

fn put_device_wraps(tx: &Transaction, account_id: &[u8], epoch: u32, wraps: &[DeviceWrap]) -> StoreResult<()> {
    for wrap in wraps {
        tx.execute(
            "INSERT OR REPLACE INTO device_wraps (device_id, epoch, account_id, wrap) VALUES (?1, ?2, ?3, ?4)",
            params![wrap.device_id, epoch, account_id, wrap.wrap],
        )?;
    }
    Ok(())
}

pub fn add_wraps(
    tx: &Transaction,
    account_id: &[u8],
    epoch: u32,
    request: &AddWraps,
    digest: &dyn Fn(&[u8]) -> Vec<u8>,
) -> StoreResult<()> {
    let current = account_epoch(tx, account_id)?;
    let wrap_of = |epoch: u32| -> StoreResult<Option<Vec<u8>>> {
        Ok(tx
            .query_row(
                "SELECT wrap FROM kek_wraps WHERE account_id = ?1 AND epoch = ?2",
                params![account_id, epoch],
                |row| row.get(0),
            )
            .optional()?)
    };
    match staging(epoch, current, wrap_of(epoch)?.is_some(), request.kek_wrap.is_some())? {
        Staging::Wraps => {}
        Staging::NextEpoch => {
            // Staged only on the recovery wrap the device read: a new phrase made meanwhile changed it.
            let now = wrap_of(current)?.map(|wrap| digest(&wrap));
            if now.is_none() || now != request.staged_from {
                return Err(StoreError::StaleEpoch { current });
            }
            tx.execute(
                "INSERT INTO kek_wraps (account_id, epoch, wrap) VALUES (?1, ?2, ?3)",
                params![account_id, epoch, request.kek_wrap],
            )?;
        }
    }
    check_devices(tx, account_id, &request.device_wraps)?;
    put_device_wraps(tx, account_id, epoch, &request.device_wraps)
}

pub fn switch_epoch(
    tx: &Transaction,
    account_id: &[u8],
    switch: &EpochSwitch,
    digest: &dyn Fn(&[u8]) -> Vec<u8>,
) -> StoreResult<u32> {
    let current = account_epoch(tx, account_id)?;
    if switch.from_epoch != current {
        return Err(StoreError::StaleEpoch { current });
    }
    let next = current.checked_add(1).ok_or(StoreError::StaleEpoch { current })?;
    let mut statement = tx.prepare(
        "SELECT collection, record_id, version, epoch FROM records
         WHERE account_id = ?1 AND deleted = 0 ORDER BY collection, record_id",
    )?;
    let mut rows = statement.query(params![account_id])?;
    let (mut count, mut all_next, mut input) = (0u64, true, Vec::new());
    while let Some(row) = rows.next()? {
        let collection: Vec<u8> = row.get(0)?;
        let id: Vec<u8> = row.get(1)?;
        let version: i64 = row.get(2)?;
        let epoch: u32 = row.get(3)?;
        mend_protocol::signing::digest_entry(&mut input, &collection, &id, version as u64);
        all_next &= epoch == next;
        count += 1;
    }
    if count != switch.record_count || !all_next || digest(&input) != switch.digest {
        return Err(StoreError::EpochMismatch { record_count: count, current_epoch: current });
    }
    check_devices(tx, account_id, &switch.device_wraps)?;
    tx.execute("UPDATE accounts SET epoch = ?2 WHERE account_id = ?1", params![account_id, next])?;
    tx.execute(
        // A staged recovery wrap stays: a new phrase may have made it again since this device read it.
        "INSERT OR IGNORE INTO kek_wraps (account_id, epoch, wrap) VALUES (?1, ?2, ?3)",
        params![account_id, next, switch.kek_wrap],
    )?;
    put_device_wraps(tx, account_id, next, &switch.device_wraps)?;
    Ok(next)
}
