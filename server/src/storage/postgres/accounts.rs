//! Accounts, devices, challenges, registration tokens, the server key and key wraps on PostgreSQL. Writers lock
//! the account row (`FOR UPDATE`) so several server processes serialise per account.

use deadpool_postgres::Transaction;
use mend_protocol::keys::{AddWraps, DeviceWrap, EpochSwitch, EpochWrap, KeyWraps};
use tokio_postgres::Row;

use crate::storage::{DeviceRow, NewAccount, Staging, StoreError, StoreResult, staging};

pub async fn server_key(tx: &Transaction<'_>, fresh: [u8; 32]) -> StoreResult<[u8; 32]> {
    tx.execute(
        &tx.prepare_cached("INSERT INTO server_keys (name, key) VALUES ('token-mac', $1) ON CONFLICT DO NOTHING")
            .await?,
        &[&&fresh[..]],
    )
    .await?;
    let key: Vec<u8> = tx
        .query_one(&tx.prepare_cached("SELECT key FROM server_keys WHERE name = 'token-mac'").await?, &[])
        .await?
        .get(0);
    key.try_into().map_err(|_| StoreError::Backend("the stored server key is not 32 bytes".into()))
}

pub async fn add_registration_token(tx: &Transaction<'_>, token_hash: &[u8], now: i64) -> StoreResult<()> {
    tx.execute(
        &tx.prepare_cached(
            "INSERT INTO registration_tokens (token_hash, created_at) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        )
        .await?,
        &[&token_hash, &now],
    )
    .await?;
    Ok(())
}

async fn insert_device(tx: &Transaction<'_>, device: &DeviceRow) -> StoreResult<()> {
    let inserted = tx
        .execute(
            &tx.prepare_cached(
                "INSERT INTO devices (device_id, account_id, signing_key, exchange_key, name, added_at, wipe)
             VALUES ($1, $2, $3, $4, $5, $6, false) ON CONFLICT DO NOTHING",
            )
            .await?,
            &[
                &device.device_id,
                &device.account_id,
                &device.signing_key,
                &device.exchange_key,
                &device.name,
                &device.added_at,
            ],
        )
        .await?;
    if inserted == 0 {
        return Err(StoreError::AlreadyExists);
    }
    Ok(())
}

pub async fn create_account(tx: &Transaction<'_>, account: &NewAccount) -> StoreResult<()> {
    if let Some(hash) = &account.registration_token_hash
        && tx
            .execute(&tx.prepare_cached("DELETE FROM registration_tokens WHERE token_hash = $1").await?, &[hash])
            .await?
            == 0
    {
        return Err(StoreError::RegistrationClosed);
    }
    let inserted = tx
        .execute(
            &tx.prepare_cached("INSERT INTO accounts (account_id, lookup_id, recovery_key, epoch, version, purged_version, bytes, created_at)
             VALUES ($1, $2, $3, 0, 0, 0, 0, $4) ON CONFLICT DO NOTHING").await?,
            &[&account.account_id, &account.lookup_id, &account.recovery_key, &account.now],
        )
        .await?;
    if inserted == 0 {
        return Err(StoreError::AlreadyExists);
    }
    insert_device(tx, &account.device).await?;
    tx.execute(
        &tx.prepare_cached("INSERT INTO kek_wraps (account_id, epoch, wrap) VALUES ($1, 0, $2)").await?,
        &[&account.account_id, &account.kek_wrap],
    )
    .await?;
    tx.execute(
        &tx.prepare_cached("INSERT INTO device_wraps (device_id, epoch, account_id, wrap) VALUES ($1, 0, $2, $3)")
            .await?,
        &[&account.device.device_id, &account.account_id, &account.device_wrap],
    )
    .await?;
    Ok(())
}

pub async fn lock_account(tx: &Transaction<'_>, account_id: &[u8]) -> StoreResult<Row> {
    tx.query_opt(
        &tx.prepare_cached(
            "SELECT epoch, version, purged_version, bytes FROM accounts WHERE account_id = $1 FOR UPDATE",
        )
        .await?,
        &[&account_id],
    )
    .await?
    .ok_or(StoreError::NotFound)
}

pub async fn delete_account(tx: &Transaction<'_>, account_id: &[u8]) -> StoreResult<()> {
    let bytes: i64 = lock_account(tx, account_id).await?.get(3);
    tx.execute(
        &tx.prepare_cached(
            "DELETE FROM device_mail WHERE device_id IN (SELECT device_id FROM devices WHERE account_id = $1)",
        )
        .await?,
        &[&account_id],
    )
    .await?;
    tx.execute(
        &tx.prepare_cached(
            "DELETE FROM challenges WHERE subject IN (SELECT device_id FROM devices WHERE account_id = $1)",
        )
        .await?,
        &[&account_id],
    )
    .await?;
    for table in ["records", "kek_wraps", "device_wraps", "devices", "accounts"] {
        tx.execute(&tx.prepare_cached(&format!("DELETE FROM {table} WHERE account_id = $1")).await?, &[&account_id])
            .await?;
    }
    super::usage::add(tx, -bytes).await?;
    Ok(())
}

pub async fn recovery_key(tx: &Transaction<'_>, lookup_id: &[u8]) -> StoreResult<(Vec<u8>, Vec<u8>)> {
    let row = tx
        .query_opt(
            &tx.prepare_cached("SELECT account_id, recovery_key FROM accounts WHERE lookup_id = $1").await?,
            &[&lookup_id],
        )
        .await?
        .ok_or(StoreError::NotFound)?;
    Ok((row.get(0), row.get(1)))
}

pub async fn account_epoch(tx: &Transaction<'_>, account_id: &[u8]) -> StoreResult<u32> {
    let row = tx
        .query_opt(&tx.prepare_cached("SELECT epoch FROM accounts WHERE account_id = $1").await?, &[&account_id])
        .await?;
    Ok(row.ok_or(StoreError::NotFound)?.get::<_, i64>(0) as u32)
}

pub async fn new_phrase(
    tx: &Transaction<'_>,
    account_id: &[u8],
    lookup_id: &[u8],
    recovery_key: &[u8],
    kek_wraps: &[EpochWrap],
) -> StoreResult<()> {
    let current = lock_account(tx, account_id).await?.get::<_, i64>(0) as u32;
    // Every epoch's recovery wrap is made again, or the new phrase would not open them all (one staged since the
    // device read the list is missing from it: read again).
    let stored: i64 = tx
        .query_one(&tx.prepare_cached("SELECT count(*) FROM kek_wraps WHERE account_id = $1").await?, &[&account_id])
        .await?
        .get(0);
    let mut given: Vec<u32> = kek_wraps.iter().map(|w| w.epoch).collect();
    given.sort_unstable();
    given.dedup();
    if given.len() as i64 != stored {
        return Err(StoreError::StaleEpoch { current });
    }
    let taken = tx
        .query_opt(&tx.prepare_cached("SELECT account_id FROM accounts WHERE lookup_id = $1").await?, &[&lookup_id])
        .await?;
    if taken.is_some_and(|row| row.get::<_, Vec<u8>>(0) != account_id) {
        return Err(StoreError::AlreadyExists);
    }
    tx.execute(
        &tx.prepare_cached("UPDATE accounts SET lookup_id = $2, recovery_key = $3 WHERE account_id = $1").await?,
        &[&account_id, &lookup_id, &recovery_key],
    )
    .await?;
    for wrap in kek_wraps {
        let updated = tx
            .execute(
                &tx.prepare_cached("UPDATE kek_wraps SET wrap = $3 WHERE account_id = $1 AND epoch = $2").await?,
                &[&account_id, &i64::from(wrap.epoch), &wrap.wrap],
            )
            .await?;
        if updated == 0 {
            return Err(StoreError::StaleEpoch { current });
        }
    }
    Ok(())
}

pub async fn put_challenge(tx: &Transaction<'_>, subject: &[u8], nonce: &[u8], expires_at: i64) -> StoreResult<()> {
    tx.execute(
        &tx.prepare_cached("INSERT INTO challenges (subject, nonce, expires_at) VALUES ($1, $2, $3)").await?,
        &[&subject, &nonce, &expires_at],
    )
    .await?;
    Ok(())
}

pub async fn take_challenge(tx: &Transaction<'_>, subject: &[u8], nonce: &[u8], now: i64) -> StoreResult<()> {
    let row = tx
        .query_opt(
            &tx.prepare_cached("DELETE FROM challenges WHERE subject = $1 AND nonce = $2 RETURNING expires_at").await?,
            &[&subject, &nonce],
        )
        .await?;
    match row.map(|row| row.get::<_, i64>(0)) {
        None => Err(StoreError::NotFound),
        Some(expires_at) if expires_at < now => Err(StoreError::Expired),
        Some(_) => Ok(()),
    }
}

pub async fn recover_device(
    tx: &Transaction<'_>,
    lookup_id: &[u8],
    nonce: &[u8],
    device: &DeviceRow,
    now: i64,
) -> StoreResult<u32> {
    take_challenge(tx, lookup_id, nonce, now).await?;
    let (account_id, _) = recovery_key(tx, lookup_id).await?;
    if account_id != device.account_id {
        return Err(StoreError::NotFound);
    }
    insert_device(tx, device).await?;
    account_epoch(tx, &account_id).await
}

pub async fn token_for(tx: &Transaction<'_>, device_id: &[u8], nonce: &[u8], now: i64) -> StoreResult<()> {
    take_challenge(tx, device_id, nonce, now).await?;
    tx.execute(
        &tx.prepare_cached("UPDATE devices SET last_seen_at = $2 WHERE device_id = $1").await?,
        &[&device_id, &now],
    )
    .await?;
    Ok(())
}

const DEVICE_COLUMNS: &str =
    "device_id, account_id, signing_key, exchange_key, name, added_at, last_seen_at, revoked_at, wipe_order";

fn device_row(row: &Row) -> DeviceRow {
    DeviceRow {
        device_id: row.get(0),
        account_id: row.get(1),
        signing_key: row.get(2),
        exchange_key: row.get(3),
        name: row.get(4),
        added_at: row.get(5),
        last_seen_at: row.get(6),
        revoked_at: row.get(7),
        wipe_order: row.get(8),
    }
}

/// A device by id, outside any transaction (one statement; the hottest read: every token is checked by it).
pub async fn device(client: &deadpool_postgres::Client, device_id: &[u8]) -> StoreResult<DeviceRow> {
    let statement =
        client.prepare_cached(&format!("SELECT {DEVICE_COLUMNS} FROM devices WHERE device_id = $1")).await?;
    let row = client.query_opt(&statement, &[&device_id]).await?;
    Ok(device_row(&row.ok_or(StoreError::NotFound)?))
}

pub async fn devices(tx: &Transaction<'_>, account_id: &[u8]) -> StoreResult<Vec<DeviceRow>> {
    let rows = tx
        .query(
            &tx.prepare_cached(&format!(
                "SELECT {DEVICE_COLUMNS} FROM devices WHERE account_id = $1 ORDER BY added_at, device_id"
            ))
            .await?,
            &[&account_id],
        )
        .await?;
    Ok(rows.iter().map(device_row).collect())
}

async fn put_wrap(
    tx: &Transaction<'_>,
    device_id: &[u8],
    epoch: u32,
    account_id: &[u8],
    wrap: &[u8],
) -> StoreResult<()> {
    tx.execute(
        &tx.prepare_cached(
            "INSERT INTO device_wraps (device_id, epoch, account_id, wrap) VALUES ($1, $2, $3, $4)
         ON CONFLICT (device_id, epoch) DO UPDATE SET wrap = excluded.wrap",
        )
        .await?,
        &[&device_id, &i64::from(epoch), &account_id, &wrap],
    )
    .await?;
    Ok(())
}

pub async fn enrol_device(tx: &Transaction<'_>, device: &DeviceRow, wraps: &[EpochWrap]) -> StoreResult<u32> {
    let epoch = lock_account(tx, &device.account_id).await?.get::<_, i64>(0) as u32;
    insert_device(tx, device).await?;
    for wrap in wraps {
        if wrap.epoch > epoch.saturating_add(1) {
            return Err(StoreError::StaleEpoch { current: epoch });
        }
        put_wrap(tx, &device.device_id, wrap.epoch, &device.account_id, &wrap.wrap).await?;
    }
    Ok(epoch)
}

pub async fn rename_device(tx: &Transaction<'_>, account_id: &[u8], device_id: &[u8], name: &[u8]) -> StoreResult<()> {
    let updated = tx
        .execute(
            &tx.prepare_cached(
                "UPDATE devices SET name = $3 WHERE account_id = $1 AND device_id = $2 AND revoked_at IS NULL",
            )
            .await?,
            &[&account_id, &device_id, &name],
        )
        .await?;
    if updated == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

pub async fn revoke_device(
    tx: &Transaction<'_>,
    account_id: &[u8],
    device_id: &[u8],
    wipe_order: Option<&[u8]>,
    now: i64,
) -> StoreResult<()> {
    // The account's row lock orders a revocation with staging and switching, as SQLite's one writer does.
    lock_account(tx, account_id).await?;
    let updated = tx
        .execute(
            &tx.prepare_cached(
                "UPDATE devices SET revoked_at = COALESCE(revoked_at, $3), wipe = $4, wipe_order = $5
                 WHERE account_id = $1 AND device_id = $2",
            )
            .await?,
            &[&account_id, &device_id, &now, &wipe_order.is_some(), &wipe_order],
        )
        .await?;
    if updated == 0 {
        return Err(StoreError::NotFound);
    }
    tx.execute(&tx.prepare_cached("DELETE FROM device_mail WHERE device_id = $1").await?, &[&device_id]).await?;
    tx.execute(&tx.prepare_cached("DELETE FROM device_wraps WHERE device_id = $1").await?, &[&device_id]).await?;
    Ok(())
}

pub async fn key_wraps(tx: &Transaction<'_>, account_id: &[u8], device_id: &[u8]) -> StoreResult<KeyWraps> {
    let epoch = account_epoch(tx, account_id).await?;
    let wraps = |rows: Vec<Row>| -> Vec<EpochWrap> {
        rows.iter().map(|row| EpochWrap { epoch: row.get::<_, i64>(0) as u32, wrap: row.get(1) }).collect()
    };
    let kek = tx
        .query(
            &tx.prepare_cached("SELECT epoch, wrap FROM kek_wraps WHERE account_id = $1 ORDER BY epoch").await?,
            &[&account_id],
        )
        .await?;
    let device = tx
        .query(
            &tx.prepare_cached("SELECT epoch, wrap FROM device_wraps WHERE device_id = $1 ORDER BY epoch").await?,
            &[&device_id],
        )
        .await?;
    Ok(KeyWraps { epoch, kek: wraps(kek), device: wraps(device) })
}

async fn check_devices(tx: &Transaction<'_>, account_id: &[u8], wraps: &[DeviceWrap]) -> StoreResult<()> {
    for wrap in wraps {
        let owned = tx
            .query_opt(
                &tx.prepare_cached(
                    "SELECT 1 FROM devices WHERE device_id = $1 AND account_id = $2 AND revoked_at IS NULL",
                )
                .await?,
                &[&wrap.device_id, &account_id],
            )
            .await?;
        if owned.is_none() {
            return Err(StoreError::NotFound);
        }
    }
    Ok(())
}

pub async fn add_wraps(
    tx: &Transaction<'_>,
    account_id: &[u8],
    epoch: u32,
    request: &AddWraps,
    digest: &dyn Fn(&[u8]) -> Vec<u8>,
) -> StoreResult<()> {
    let current = lock_account(tx, account_id).await?.get::<_, i64>(0) as u32;
    let select = tx.prepare_cached("SELECT wrap FROM kek_wraps WHERE account_id = $1 AND epoch = $2").await?;
    let staged = tx.query_opt(&select, &[&account_id, &i64::from(epoch)]).await?.is_some();
    match staging(epoch, current, staged, request.kek_wrap.is_some())? {
        Staging::Wraps => {}
        Staging::NextEpoch => {
            // Staged only on the recovery wrap the device read: a new phrase made meanwhile changed it.
            let now = tx.query_opt(&select, &[&account_id, &i64::from(current)]).await?;
            let now = now.map(|row| digest(&row.get::<_, Vec<u8>>(0)));
            if now.is_none() || now != request.staged_from {
                return Err(StoreError::StaleEpoch { current });
            }
            tx.execute(
                &tx.prepare_cached("INSERT INTO kek_wraps (account_id, epoch, wrap) VALUES ($1, $2, $3)").await?,
                &[&account_id, &i64::from(epoch), &request.kek_wrap],
            )
            .await?;
        }
    }
    let wraps = &request.device_wraps;
    check_devices(tx, account_id, wraps).await?;
    for wrap in wraps {
        put_wrap(tx, &wrap.device_id, epoch, account_id, &wrap.wrap).await?;
    }
    Ok(())
}

pub async fn switch_epoch(
    tx: &Transaction<'_>,
    account_id: &[u8],
    switch: &EpochSwitch,
    digest: &dyn Fn(&[u8]) -> Vec<u8>,
) -> StoreResult<u32> {
    let current = lock_account(tx, account_id).await?.get::<_, i64>(0) as u32;
    if switch.from_epoch != current {
        return Err(StoreError::StaleEpoch { current });
    }
    let next = current.checked_add(1).ok_or(StoreError::StaleEpoch { current })?;
    let rows = tx
        .query(
            &tx.prepare_cached(
                "SELECT collection, record_id, version, epoch FROM records
             WHERE account_id = $1 AND NOT deleted ORDER BY collection, record_id",
            )
            .await?,
            &[&account_id],
        )
        .await?;
    let mut input = Vec::new();
    let mut all_next = true;
    for row in &rows {
        let (collection, id): (Vec<u8>, Vec<u8>) = (row.get(0), row.get(1));
        mend_protocol::signing::digest_entry(&mut input, &collection, &id, row.get::<_, i64>(2) as u64);
        all_next &= row.get::<_, i64>(3) == i64::from(next);
    }
    let count = rows.len() as u64;
    if count != switch.record_count || !all_next || digest(&input) != switch.digest {
        return Err(StoreError::EpochMismatch { record_count: count, current_epoch: current });
    }
    check_devices(tx, account_id, &switch.device_wraps).await?;
    tx.execute(
        &tx.prepare_cached("UPDATE accounts SET epoch = $2 WHERE account_id = $1").await?,
        &[&account_id, &i64::from(next)],
    )
    .await?;
    tx.execute(
        &tx.prepare_cached(
            // A staged recovery wrap stays: a new phrase may have made it again since this device read it.
            "INSERT INTO kek_wraps (account_id, epoch, wrap) VALUES ($1, $2, $3)
         ON CONFLICT (account_id, epoch) DO NOTHING",
        )
        .await?,
        &[&account_id, &i64::from(next), &switch.kek_wrap],
    )
    .await?;
    for wrap in &switch.device_wraps {
        put_wrap(tx, &wrap.device_id, next, account_id, &wrap.wrap).await?;
    }
    Ok(next)
}
