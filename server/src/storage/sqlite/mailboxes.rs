//! Device, link and group mailboxes on SQLite: messages with per-mailbox sequences, group writes with their
//! signatures, write-key changes, and the sweep of what has expired.

use mend_protocol::groups::{Channel, GroupCursor, GroupState, SignedWrite};
use mend_protocol::mailboxes::MailboxMessage;
use rusqlite::{OptionalExtension, Transaction, params};

use crate::storage::{GroupRow, Quotas, StoreError, StoreResult};

/// Appends a message to `table` (device_mail, link_mail or group_inbox) keyed by `column`.
fn append(tx: &Transaction, table: &str, column: &str, id: &[u8], body: &[u8], now: i64, max: u64) -> StoreResult<u64> {
    let (count, last): (i64, i64) = tx.query_row(
        &format!("SELECT COUNT(*), COALESCE(MAX(sequence), 0) FROM {table} WHERE {column} = ?1"),
        params![id],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?;
    if count as u64 >= max {
        return Err(StoreError::MailboxFull { limit: max });
    }
    let sequence = last + 1;
    tx.execute(
        &format!("INSERT INTO {table} ({column}, sequence, posted_at, body) VALUES (?1, ?2, ?3, ?4)"),
        params![id, sequence, now, body],
    )?;
    Ok(sequence as u64)
}

fn messages(tx: &Transaction, table: &str, column: &str, id: &[u8], after: u64) -> StoreResult<Vec<MailboxMessage>> {
    let mut statement = tx.prepare_cached(&format!(
        "SELECT sequence, posted_at, body FROM {table} WHERE {column} = ?1 AND sequence > ?2 ORDER BY sequence LIMIT 1024"
    ))?;
    let rows = statement
        .query_map(params![id, crate::storage::db_int(after)], |row| {
            Ok(MailboxMessage { sequence: row.get::<_, i64>(0)? as u64, posted_at: row.get(1)?, body: row.get(2)? })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

pub fn post_device_mail(
    tx: &Transaction,
    account_id: &[u8],
    device_id: &[u8],
    body: &[u8],
    now: i64,
    quotas: Quotas,
) -> StoreResult<u64> {
    let active: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM devices WHERE device_id = ?1 AND account_id = ?2 AND revoked_at IS NULL)",
        params![device_id, account_id],
        |row| row.get(0),
    )?;
    if !active {
        return Err(StoreError::NotFound);
    }
    append(tx, "device_mail", "device_id", device_id, body, now, quotas.mailbox_messages)
}

pub fn device_mail(tx: &Transaction, device_id: &[u8], after: u64) -> StoreResult<Vec<MailboxMessage>> {
    messages(tx, "device_mail", "device_id", device_id, after)
}

pub fn ack_device_mail(tx: &Transaction, device_id: &[u8], up_to: u64) -> StoreResult<()> {
    tx.execute(
        "DELETE FROM device_mail WHERE device_id = ?1 AND sequence <= ?2",
        params![device_id, crate::storage::db_int(up_to)],
    )?;
    Ok(())
}

fn link_opened(tx: &Transaction, mailbox_id: &[u8]) -> StoreResult<Option<i64>> {
    Ok(tx.query_row("SELECT MIN(posted_at) FROM link_mail WHERE mailbox_id = ?1", params![mailbox_id], |row| {
        row.get(0)
    })?)
}

pub fn post_link(tx: &Transaction, mailbox_id: &[u8], body: &[u8], now: i64, ttl: i64, max: u64) -> StoreResult<u64> {
    if link_opened(tx, mailbox_id)?.is_some_and(|opened| opened + ttl < now) {
        return Err(StoreError::Expired);
    }
    append(tx, "link_mail", "mailbox_id", mailbox_id, body, now, max)
}

pub fn link_mail(
    tx: &Transaction,
    mailbox_id: &[u8],
    after: u64,
    now: i64,
    ttl: i64,
) -> StoreResult<Vec<MailboxMessage>> {
    match link_opened(tx, mailbox_id)? {
        None => Err(StoreError::NotFound),
        Some(opened) if opened + ttl < now => Err(StoreError::Expired),
        Some(_) => messages(tx, "link_mail", "mailbox_id", mailbox_id, after),
    }
}

pub fn create_group(tx: &Transaction, mailbox_id: &[u8], write_key: &[u8], now: i64) -> StoreResult<()> {
    let inserted = tx.execute(
        "INSERT OR IGNORE INTO groups (mailbox_id, write_key, key_generation, created_at) VALUES (?1, ?2, 1, ?3)",
        params![mailbox_id, write_key, now],
    )?;
    if inserted == 0 {
        return Err(StoreError::AlreadyExists);
    }
    Ok(())
}

pub fn group(tx: &Transaction, mailbox_id: &[u8]) -> StoreResult<GroupRow> {
    tx.query_row("SELECT write_key, key_generation FROM groups WHERE mailbox_id = ?1", params![mailbox_id], |row| {
        Ok(GroupRow { write_key: row.get(0)?, key_generation: row.get(1)? })
    })
    .optional()?
    .ok_or(StoreError::NotFound)
}

fn channel_code(channel: Channel) -> i64 {
    i64::from(channel.tag())
}

pub fn group_write(
    tx: &Transaction,
    mailbox_id: &[u8],
    key: &[u8],
    write: &SignedWrite,
    quotas: Quotas,
) -> StoreResult<()> {
    if group(tx, mailbox_id)?.write_key != key {
        return Err(StoreError::KeyChanged);
    }
    let channel = channel_code(write.channel);
    let (last, old_bytes): (i64, i64) = tx.query_row(
        "SELECT COALESCE(MAX(sequence), 0), COALESCE(SUM(length(body)), 0) FROM group_writes
         WHERE mailbox_id = ?1 AND channel = ?2",
        params![mailbox_id, channel],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?;
    let last = last as u64;
    let accepted = match write.channel {
        Channel::Pack => write.sequence > last,
        Channel::Charter => write.sequence == last + 1,
    };
    if !accepted {
        return Err(StoreError::SequenceTooLow { current: last });
    }
    let used: i64 = tx.query_row("SELECT bytes FROM usage WHERE id = 1", [], |row| row.get(0))?;
    let freed = if write.channel == Channel::Pack { old_bytes } else { 0 };
    let server_bytes = (used as u64 + write.body.len() as u64).saturating_sub(freed as u64);
    if server_bytes > quotas.server_bytes {
        return Err(StoreError::ServerFull);
    }
    if write.channel == Channel::Pack {
        tx.execute("DELETE FROM group_writes WHERE mailbox_id = ?1 AND channel = ?2", params![mailbox_id, channel])?;
    }
    tx.execute(
        "INSERT INTO group_writes (mailbox_id, channel, sequence, expires_at, body, signature)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            mailbox_id,
            channel,
            crate::storage::db_int(write.sequence),
            write.expires_at,
            write.body,
            write.signature
        ],
    )?;
    tx.execute("UPDATE usage SET bytes = ?1 WHERE id = 1", params![server_bytes as i64])?;
    Ok(())
}

pub fn change_write_key(
    tx: &Transaction,
    mailbox_id: &[u8],
    old_key: &[u8],
    generation: u32,
    new_key: &[u8],
) -> StoreResult<()> {
    let current = group(tx, mailbox_id)?;
    if current.write_key != old_key {
        return Err(StoreError::KeyChanged);
    }
    if generation != current.key_generation + 1 {
        return Err(StoreError::SequenceTooLow { current: u64::from(current.key_generation) });
    }
    tx.execute(
        "UPDATE groups SET write_key = ?2, key_generation = ?3 WHERE mailbox_id = ?1",
        params![mailbox_id, new_key, generation],
    )?;
    Ok(())
}

fn writes(
    tx: &Transaction,
    mailbox_id: &[u8],
    channel: Channel,
    after: u64,
    now: i64,
) -> StoreResult<Vec<SignedWrite>> {
    let mut statement = tx.prepare_cached(
        "SELECT sequence, expires_at, body, signature FROM group_writes
         WHERE mailbox_id = ?1 AND channel = ?2 AND sequence > ?3 AND (channel = 2 OR expires_at > ?4) ORDER BY sequence",
    )?;
    let rows = statement
        .query_map(params![mailbox_id, channel_code(channel), crate::storage::db_int(after), now], |row| {
            Ok(SignedWrite {
                channel,
                sequence: row.get::<_, i64>(0)? as u64,
                expires_at: row.get(1)?,
                body: row.get(2)?,
                signature: row.get(3)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

pub fn read_groups(tx: &Transaction, cursors: &[GroupCursor], now: i64) -> StoreResult<Vec<GroupState>> {
    cursors
        .iter()
        .map(|cursor| {
            let id = &cursor.mailbox_id;
            match group(tx, id) {
                Err(StoreError::NotFound) => Ok(GroupState {
                    mailbox_id: id.clone(),
                    found: false,
                    write_key: Vec::new(),
                    key_generation: 0,
                    pack: None,
                    charters: Vec::new(),
                }),
                Err(error) => Err(error),
                Ok(row) => Ok(GroupState {
                    mailbox_id: id.clone(),
                    found: true,
                    write_key: row.write_key,
                    key_generation: row.key_generation,
                    pack: writes(tx, id, Channel::Pack, cursor.pack_after, now)?.pop(),
                    charters: writes(tx, id, Channel::Charter, cursor.charter_after, now)?,
                }),
            }
        })
        .collect()
}

pub fn post_inbox(tx: &Transaction, mailbox_id: &[u8], body: &[u8], now: i64, quotas: Quotas) -> StoreResult<u64> {
    group(tx, mailbox_id)?;
    let (count, last): (i64, i64) = tx.query_row(
        "SELECT COUNT(*), (SELECT inbox_last FROM groups WHERE mailbox_id = ?1) FROM group_inbox WHERE mailbox_id = ?1",
        params![mailbox_id],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?;
    if count as u64 >= quotas.mailbox_messages {
        return Err(StoreError::MailboxFull { limit: quotas.mailbox_messages });
    }
    // From the group's mark, not the requests still held: acknowledged ones are deleted, and a sequence never
    // starts again below what moderators have read.
    let sequence = last + 1;
    tx.execute(
        "INSERT INTO group_inbox (mailbox_id, sequence, posted_at, body) VALUES (?1, ?2, ?3, ?4)",
        params![mailbox_id, sequence, now, body],
    )?;
    tx.execute("UPDATE groups SET inbox_last = ?2 WHERE mailbox_id = ?1", params![mailbox_id, sequence])?;
    Ok(sequence as u64)
}

pub fn inbox(tx: &Transaction, mailbox_id: &[u8], after: u64) -> StoreResult<Vec<MailboxMessage>> {
    group(tx, mailbox_id)?;
    messages(tx, "group_inbox", "mailbox_id", mailbox_id, after)
}

pub fn ack_inbox(tx: &Transaction, mailbox_id: &[u8], up_to: u64) -> StoreResult<()> {
    tx.execute(
        "DELETE FROM group_inbox WHERE mailbox_id = ?1 AND sequence <= ?2",
        params![mailbox_id, crate::storage::db_int(up_to)],
    )?;
    Ok(())
}

pub fn sweep(tx: &Transaction, now: i64, link_ttl: i64) -> StoreResult<u64> {
    let mut removed = tx.execute("DELETE FROM challenges WHERE expires_at < ?1", params![now])?;
    removed += tx.execute(
        "DELETE FROM link_mail WHERE mailbox_id IN
           (SELECT mailbox_id FROM link_mail GROUP BY mailbox_id HAVING MIN(posted_at) + ?2 < ?1)",
        params![now, link_ttl],
    )?;
    let freed: i64 = tx.query_row(
        "SELECT COALESCE(SUM(length(body)), 0) FROM group_writes WHERE channel = 1 AND expires_at <= ?1",
        params![now],
        |row| row.get(0),
    )?;
    removed += tx.execute("DELETE FROM group_writes WHERE channel = 1 AND expires_at <= ?1", params![now])?;
    tx.execute("UPDATE usage SET bytes = MAX(0, bytes - ?1) WHERE id = 1", params![freed])?;
    Ok(removed as u64)
}
