//! Device, link and group mailboxes on PostgreSQL. Appends take a transaction-scoped advisory lock on the
//! mailbox so processes sharing the database never hand out one sequence twice.

use deadpool_postgres::Transaction;
use mend_protocol::groups::{Channel, GroupCursor, GroupState, SignedWrite};
use mend_protocol::mailboxes::MailboxMessage;

use crate::storage::{GroupRow, Quotas, StoreError, StoreResult};

async fn lock_mailbox(tx: &Transaction<'_>, table: &str, id: &[u8]) -> StoreResult<()> {
    tx.execute(
        &tx.prepare_cached("SELECT pg_advisory_xact_lock(hashtextextended($1 || encode($2, 'hex'), 0))").await?,
        &[&table, &id],
    )
    .await?;
    Ok(())
}

async fn append(
    tx: &Transaction<'_>,
    table: &str,
    column: &str,
    id: &[u8],
    body: &[u8],
    now: i64,
    max: u64,
) -> StoreResult<u64> {
    lock_mailbox(tx, table, id).await?;
    let row = tx
        .query_one(
            &tx.prepare_cached(&format!(
                "SELECT COUNT(*), COALESCE(MAX(sequence), 0) FROM {table} WHERE {column} = $1"
            ))
            .await?,
            &[&id],
        )
        .await?;
    let (count, last): (i64, i64) = (row.get(0), row.get(1));
    if count as u64 >= max {
        return Err(StoreError::MailboxFull { limit: max });
    }
    let sequence = last + 1;
    tx.execute(
        &tx.prepare_cached(&format!(
            "INSERT INTO {table} ({column}, sequence, posted_at, body) VALUES ($1, $2, $3, $4)"
        ))
        .await?,
        &[&id, &sequence, &now, &body],
    )
    .await?;
    Ok(sequence as u64)
}

async fn messages(
    tx: &Transaction<'_>,
    table: &str,
    column: &str,
    id: &[u8],
    after: u64,
) -> StoreResult<Vec<MailboxMessage>> {
    let rows = tx
        .query(
            &tx.prepare_cached(&format!(
                "SELECT sequence, posted_at, body FROM {table} WHERE {column} = $1 AND sequence > $2 ORDER BY sequence LIMIT 1024"
            )).await?,
            &[&id, &crate::storage::db_int(after)],
        )
        .await?;
    Ok(rows
        .iter()
        .map(|row| MailboxMessage { sequence: row.get::<_, i64>(0) as u64, posted_at: row.get(1), body: row.get(2) })
        .collect())
}

pub async fn post_device_mail(
    tx: &Transaction<'_>,
    account_id: &[u8],
    device_id: &[u8],
    body: &[u8],
    now: i64,
    quotas: Quotas,
) -> StoreResult<u64> {
    let active = tx
        .query_opt(
            &tx.prepare_cached("SELECT 1 FROM devices WHERE device_id = $1 AND account_id = $2 AND revoked_at IS NULL")
                .await?,
            &[&device_id, &account_id],
        )
        .await?;
    if active.is_none() {
        return Err(StoreError::NotFound);
    }
    append(tx, "device_mail", "device_id", device_id, body, now, quotas.mailbox_messages).await
}

pub async fn device_mail(tx: &Transaction<'_>, device_id: &[u8], after: u64) -> StoreResult<Vec<MailboxMessage>> {
    messages(tx, "device_mail", "device_id", device_id, after).await
}

pub async fn ack_device_mail(tx: &Transaction<'_>, device_id: &[u8], up_to: u64) -> StoreResult<()> {
    tx.execute(
        &tx.prepare_cached("DELETE FROM device_mail WHERE device_id = $1 AND sequence <= $2").await?,
        &[&device_id, &crate::storage::db_int(up_to)],
    )
    .await?;
    Ok(())
}

async fn link_opened(tx: &Transaction<'_>, mailbox_id: &[u8]) -> StoreResult<Option<i64>> {
    Ok(tx
        .query_one(
            &tx.prepare_cached("SELECT MIN(posted_at) FROM link_mail WHERE mailbox_id = $1").await?,
            &[&mailbox_id],
        )
        .await?
        .get(0))
}

pub async fn post_link(
    tx: &Transaction<'_>,
    mailbox_id: &[u8],
    body: &[u8],
    now: i64,
    ttl: i64,
    max: u64,
) -> StoreResult<u64> {
    lock_mailbox(tx, "link_mail", mailbox_id).await?;
    if link_opened(tx, mailbox_id).await?.is_some_and(|opened| opened + ttl < now) {
        return Err(StoreError::Expired);
    }
    append(tx, "link_mail", "mailbox_id", mailbox_id, body, now, max).await
}

pub async fn link_mail(
    tx: &Transaction<'_>,
    mailbox_id: &[u8],
    after: u64,
    now: i64,
    ttl: i64,
) -> StoreResult<Vec<MailboxMessage>> {
    match link_opened(tx, mailbox_id).await? {
        None => Err(StoreError::NotFound),
        Some(opened) if opened + ttl < now => Err(StoreError::Expired),
        Some(_) => messages(tx, "link_mail", "mailbox_id", mailbox_id, after).await,
    }
}

pub async fn create_group(tx: &Transaction<'_>, mailbox_id: &[u8], write_key: &[u8], now: i64) -> StoreResult<()> {
    let inserted = tx
        .execute(
            &tx.prepare_cached("INSERT INTO groups (mailbox_id, write_key, key_generation, created_at) VALUES ($1, $2, 1, $3) ON CONFLICT DO NOTHING").await?,
            &[&mailbox_id, &write_key, &now],
        )
        .await?;
    if inserted == 0 {
        return Err(StoreError::AlreadyExists);
    }
    Ok(())
}

async fn group_row(tx: &Transaction<'_>, mailbox_id: &[u8], lock: bool) -> StoreResult<GroupRow> {
    let sql = if lock {
        "SELECT write_key, key_generation FROM groups WHERE mailbox_id = $1 FOR UPDATE"
    } else {
        "SELECT write_key, key_generation FROM groups WHERE mailbox_id = $1"
    };
    let row = tx.query_opt(sql, &[&mailbox_id]).await?.ok_or(StoreError::NotFound)?;
    Ok(GroupRow { write_key: row.get(0), key_generation: row.get::<_, i64>(1) as u32 })
}

pub async fn group(tx: &Transaction<'_>, mailbox_id: &[u8]) -> StoreResult<GroupRow> {
    group_row(tx, mailbox_id, false).await
}

pub async fn group_write(
    tx: &Transaction<'_>,
    mailbox_id: &[u8],
    key: &[u8],
    write: &SignedWrite,
    quotas: Quotas,
) -> StoreResult<()> {
    if group_row(tx, mailbox_id, true).await?.write_key != key {
        return Err(StoreError::KeyChanged);
    }
    let channel = i32::from(write.channel.tag());
    let row = tx
        .query_one(
            &tx.prepare_cached(
                "SELECT COALESCE(MAX(sequence), 0), COALESCE(SUM(octet_length(body)), 0)::bigint FROM group_writes
             WHERE mailbox_id = $1 AND channel = $2",
            )
            .await?,
            &[&mailbox_id, &channel],
        )
        .await?;
    let (last, old_bytes) = (row.get::<_, i64>(0) as u64, row.get::<_, i64>(1) as u64);
    let accepted = match write.channel {
        Channel::Pack => write.sequence > last,
        Channel::Charter => write.sequence == last + 1,
    };
    if !accepted {
        return Err(StoreError::SequenceTooLow { current: last });
    }
    let freed = if write.channel == Channel::Pack { old_bytes } else { 0 };
    let growth = write.body.len() as i64 - freed as i64;
    if (super::usage::total(tx).await? as i64).saturating_add(growth) > quotas.server_bytes.min(i64::MAX as u64) as i64
    {
        return Err(StoreError::ServerFull);
    }
    if write.channel == Channel::Pack {
        tx.execute(
            &tx.prepare_cached("DELETE FROM group_writes WHERE mailbox_id = $1 AND channel = $2").await?,
            &[&mailbox_id, &channel],
        )
        .await?;
    }
    tx.execute(
        &tx.prepare_cached("INSERT INTO group_writes (mailbox_id, channel, sequence, expires_at, body, signature) VALUES ($1, $2, $3, $4, $5, $6)").await?,
        &[&mailbox_id, &channel, &crate::storage::db_int(write.sequence), &write.expires_at, &write.body, &write.signature],
    )
    .await?;
    super::usage::add(tx, growth).await?;
    Ok(())
}

pub async fn change_write_key(
    tx: &Transaction<'_>,
    mailbox_id: &[u8],
    old_key: &[u8],
    generation: u32,
    new_key: &[u8],
) -> StoreResult<()> {
    let current = group_row(tx, mailbox_id, true).await?;
    if current.write_key != old_key {
        return Err(StoreError::KeyChanged);
    }
    if generation != current.key_generation + 1 {
        return Err(StoreError::SequenceTooLow { current: u64::from(current.key_generation) });
    }
    tx.execute(
        &tx.prepare_cached("UPDATE groups SET write_key = $2, key_generation = $3 WHERE mailbox_id = $1").await?,
        &[&mailbox_id, &new_key, &i64::from(generation)],
    )
    .await?;
    Ok(())
}

async fn writes(
    tx: &Transaction<'_>,
    mailbox_id: &[u8],
    channel: Channel,
    after: u64,
    now: i64,
) -> StoreResult<Vec<SignedWrite>> {
    let rows = tx
        .query(
            &tx.prepare_cached("SELECT sequence, expires_at, body, signature FROM group_writes
             WHERE mailbox_id = $1 AND channel = $2 AND sequence > $3 AND (channel = 2 OR expires_at > $4) ORDER BY sequence").await?,
            &[&mailbox_id, &i32::from(channel.tag()), &crate::storage::db_int(after), &now],
        )
        .await?;
    Ok(rows
        .iter()
        .map(|row| SignedWrite {
            channel,
            sequence: row.get::<_, i64>(0) as u64,
            expires_at: row.get(1),
            body: row.get(2),
            signature: row.get(3),
        })
        .collect())
}

pub async fn read_groups(tx: &Transaction<'_>, cursors: &[GroupCursor], now: i64) -> StoreResult<Vec<GroupState>> {
    let mut states = Vec::with_capacity(cursors.len());
    for cursor in cursors {
        let id = &cursor.mailbox_id;
        states.push(match group(tx, id).await {
            Err(StoreError::NotFound) => GroupState {
                mailbox_id: id.clone(),
                found: false,
                write_key: Vec::new(),
                key_generation: 0,
                pack: None,
                charters: Vec::new(),
            },
            Err(error) => return Err(error),
            Ok(row) => GroupState {
                mailbox_id: id.clone(),
                found: true,
                write_key: row.write_key,
                key_generation: row.key_generation,
                pack: writes(tx, id, Channel::Pack, cursor.pack_after, now).await?.pop(),
                charters: writes(tx, id, Channel::Charter, cursor.charter_after, now).await?,
            },
        });
    }
    Ok(states)
}

pub async fn post_inbox(
    tx: &Transaction<'_>,
    mailbox_id: &[u8],
    body: &[u8],
    now: i64,
    quotas: Quotas,
) -> StoreResult<u64> {
    group(tx, mailbox_id).await?;
    lock_mailbox(tx, "group_inbox", mailbox_id).await?;
    let row = tx
        .query_one(
            &tx.prepare_cached(
                "SELECT COUNT(*), (SELECT inbox_last FROM groups WHERE mailbox_id = $1) FROM group_inbox \
                 WHERE mailbox_id = $1",
            )
            .await?,
            &[&mailbox_id],
        )
        .await?;
    let (count, last): (i64, i64) = (row.get(0), row.get(1));
    if count as u64 >= quotas.mailbox_messages {
        return Err(StoreError::MailboxFull { limit: quotas.mailbox_messages });
    }
    // From the group's mark, not the requests still held: acknowledged ones are deleted, and a sequence never
    // starts again below what moderators have read.
    let sequence = last + 1;
    tx.execute(
        &tx.prepare_cached("INSERT INTO group_inbox (mailbox_id, sequence, posted_at, body) VALUES ($1, $2, $3, $4)")
            .await?,
        &[&mailbox_id, &sequence, &now, &body],
    )
    .await?;
    tx.execute(
        &tx.prepare_cached("UPDATE groups SET inbox_last = $2 WHERE mailbox_id = $1").await?,
        &[&mailbox_id, &sequence],
    )
    .await?;
    Ok(sequence as u64)
}

pub async fn inbox(tx: &Transaction<'_>, mailbox_id: &[u8], after: u64) -> StoreResult<Vec<MailboxMessage>> {
    group(tx, mailbox_id).await?;
    messages(tx, "group_inbox", "mailbox_id", mailbox_id, after).await
}

pub async fn ack_inbox(tx: &Transaction<'_>, mailbox_id: &[u8], up_to: u64) -> StoreResult<()> {
    tx.execute(
        &tx.prepare_cached("DELETE FROM group_inbox WHERE mailbox_id = $1 AND sequence <= $2").await?,
        &[&mailbox_id, &crate::storage::db_int(up_to)],
    )
    .await?;
    Ok(())
}

pub async fn sweep(tx: &Transaction<'_>, now: i64, link_ttl: i64) -> StoreResult<u64> {
    let mut removed =
        tx.execute(&tx.prepare_cached("DELETE FROM challenges WHERE expires_at < $1").await?, &[&now]).await?;
    removed += tx
        .execute(
            &tx.prepare_cached(
                "DELETE FROM link_mail WHERE mailbox_id IN
               (SELECT mailbox_id FROM link_mail GROUP BY mailbox_id HAVING MIN(posted_at) + $2 < $1)",
            )
            .await?,
            &[&now, &link_ttl],
        )
        .await?;
    let freed: i64 = tx
        .query_one(&tx.prepare_cached("SELECT COALESCE(SUM(octet_length(body)), 0)::bigint FROM group_writes WHERE channel = 1 AND expires_at <= $1").await?, &[&now])
        .await?
        .get(0);
    removed += tx
        .execute(&tx.prepare_cached("DELETE FROM group_writes WHERE channel = 1 AND expires_at <= $1").await?, &[&now])
        .await?;
    super::usage::add(tx, -freed).await?;
    Ok(removed)
}
