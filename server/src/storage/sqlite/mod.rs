//! The SQLite backend: one file in the data directory, WAL, one writer, `synchronous=FULL`. Each [`Storage`]
//! method runs in one transaction on the writer (writes) or a reader (reads).

mod accounts;
mod connection;
mod mailboxes;
mod records;

use std::path::Path;

use mend_protocol::groups::{GroupCursor, GroupState, SignedWrite};
use mend_protocol::keys::{AddWraps, EpochSwitch, EpochWrap, KeyWraps};
use mend_protocol::mailboxes::MailboxMessage;
use mend_protocol::records::{BatchOutcome, Page, RecordWrite};

use crate::storage::{DeviceRow, GroupRow, NewAccount, Quotas, Storage, StoreResult};
use connection::Connections;

/// mend-server's storage in one SQLite file.
pub struct SqliteStore {
    db: Connections,
}

impl SqliteStore {
    /// Opens (creating and migrating) the database file.
    pub fn open(path: &Path) -> StoreResult<Self> {
        Ok(SqliteStore { db: Connections::open(path)? })
    }
}

impl Storage for SqliteStore {
    fn ping(&self) -> StoreResult<()> {
        self.db.read(|tx| Ok(tx.query_row("SELECT 1", [], |_| Ok(()))?))
    }
    fn server_key(&self, fresh: [u8; 32]) -> StoreResult<[u8; 32]> {
        self.db.write(|tx| accounts::server_key(tx, fresh))
    }
    fn add_registration_token(&self, token_hash: &[u8], now: i64) -> StoreResult<()> {
        self.db.write(|tx| accounts::add_registration_token(tx, token_hash, now))
    }
    fn create_account(&self, account: NewAccount) -> StoreResult<()> {
        self.db.write(|tx| accounts::create_account(tx, &account))
    }
    fn delete_account(&self, account_id: &[u8]) -> StoreResult<()> {
        self.db.write(|tx| accounts::delete_account(tx, account_id))
    }
    fn recovery_key(&self, lookup_id: &[u8]) -> StoreResult<(Vec<u8>, Vec<u8>)> {
        self.db.read(|tx| accounts::recovery_key(tx, lookup_id))
    }
    fn new_phrase(
        &self,
        account_id: &[u8],
        lookup_id: &[u8],
        recovery_key: &[u8],
        kek_wraps: &[EpochWrap],
    ) -> StoreResult<()> {
        self.db.write(|tx| accounts::new_phrase(tx, account_id, lookup_id, recovery_key, kek_wraps))
    }
    fn account_epoch(&self, account_id: &[u8]) -> StoreResult<u32> {
        self.db.read(|tx| accounts::account_epoch(tx, account_id))
    }
    fn put_challenge(&self, subject: &[u8], nonce: &[u8], expires_at: i64) -> StoreResult<()> {
        self.db.write(|tx| accounts::put_challenge(tx, subject, nonce, expires_at))
    }
    fn take_challenge(&self, subject: &[u8], nonce: &[u8], now: i64) -> StoreResult<()> {
        self.db.write(|tx| accounts::take_challenge(tx, subject, nonce, now))
    }
    fn recover_device(&self, lookup_id: &[u8], nonce: &[u8], device: DeviceRow, now: i64) -> StoreResult<u32> {
        self.db.write(|tx| accounts::recover_device(tx, lookup_id, nonce, &device, now))
    }
    fn token_for(&self, device_id: &[u8], nonce: &[u8], now: i64) -> StoreResult<()> {
        self.db.write(|tx| accounts::token_for(tx, device_id, nonce, now))
    }
    fn device(&self, device_id: &[u8]) -> StoreResult<DeviceRow> {
        self.db.read(|tx| accounts::device(tx, device_id))
    }
    fn enrol_device(&self, device: DeviceRow, wraps: &[EpochWrap]) -> StoreResult<u32> {
        self.db.write(|tx| accounts::enrol_device(tx, &device, wraps))
    }
    fn devices(&self, account_id: &[u8]) -> StoreResult<Vec<DeviceRow>> {
        self.db.read(|tx| accounts::devices(tx, account_id))
    }
    fn rename_device(&self, account_id: &[u8], device_id: &[u8], name: &[u8]) -> StoreResult<()> {
        self.db.write(|tx| accounts::rename_device(tx, account_id, device_id, name))
    }
    fn revoke_device(
        &self,
        account_id: &[u8],
        device_id: &[u8],
        wipe_order: Option<&[u8]>,
        now: i64,
    ) -> StoreResult<()> {
        self.db.write(|tx| accounts::revoke_device(tx, account_id, device_id, wipe_order, now))
    }
    fn post_device_mail(
        &self,
        account_id: &[u8],
        device_id: &[u8],
        body: &[u8],
        now: i64,
        quotas: Quotas,
    ) -> StoreResult<u64> {
        self.db.write(|tx| mailboxes::post_device_mail(tx, account_id, device_id, body, now, quotas))
    }
    fn device_mail(&self, device_id: &[u8], after: u64) -> StoreResult<Vec<MailboxMessage>> {
        self.db.read(|tx| mailboxes::device_mail(tx, device_id, after))
    }
    fn ack_device_mail(&self, device_id: &[u8], up_to: u64) -> StoreResult<()> {
        self.db.write(|tx| mailboxes::ack_device_mail(tx, device_id, up_to))
    }
    fn post_link(&self, mailbox_id: &[u8], body: &[u8], now: i64, ttl: i64, max_messages: u64) -> StoreResult<u64> {
        self.db.write(|tx| mailboxes::post_link(tx, mailbox_id, body, now, ttl, max_messages))
    }
    fn link_mail(&self, mailbox_id: &[u8], after: u64, now: i64, ttl: i64) -> StoreResult<Vec<MailboxMessage>> {
        self.db.read(|tx| mailboxes::link_mail(tx, mailbox_id, after, now, ttl))
    }
    fn upload(
        &self,
        account_id: &[u8],
        records: &[RecordWrite],
        now: i64,
        quotas: Quotas,
    ) -> StoreResult<BatchOutcome> {
        self.db.write(|tx| records::upload(tx, account_id, records, now, quotas))
    }
    fn page(&self, account_id: &[u8], since: u64, limit: u32) -> StoreResult<Page> {
        self.db.read(|tx| records::page(tx, account_id, since, limit))
    }
    fn purge_tombstones(&self, cutoff: i64) -> StoreResult<u64> {
        self.db.write(|tx| records::purge_tombstones(tx, cutoff))
    }
    fn sweep(&self, now: i64, link_ttl: i64) -> StoreResult<u64> {
        self.db.write(|tx| mailboxes::sweep(tx, now, link_ttl))
    }
    fn key_wraps(&self, account_id: &[u8], device_id: &[u8]) -> StoreResult<KeyWraps> {
        self.db.read(|tx| accounts::key_wraps(tx, account_id, device_id))
    }
    fn add_wraps(
        &self,
        account_id: &[u8],
        epoch: u32,
        request: &AddWraps,
        digest: &dyn Fn(&[u8]) -> Vec<u8>,
    ) -> StoreResult<()> {
        self.db.write(|tx| accounts::add_wraps(tx, account_id, epoch, request, digest))
    }
    fn switch_epoch(
        &self,
        account_id: &[u8],
        switch: &EpochSwitch,
        digest: &dyn Fn(&[u8]) -> Vec<u8>,
    ) -> StoreResult<u32> {
        self.db.write(|tx| accounts::switch_epoch(tx, account_id, switch, digest))
    }
    fn create_group(&self, mailbox_id: &[u8], write_key: &[u8], now: i64) -> StoreResult<()> {
        self.db.write(|tx| mailboxes::create_group(tx, mailbox_id, write_key, now))
    }
    fn group(&self, mailbox_id: &[u8]) -> StoreResult<GroupRow> {
        self.db.read(|tx| mailboxes::group(tx, mailbox_id))
    }
    fn group_write(&self, mailbox_id: &[u8], key: &[u8], write: &SignedWrite, quotas: Quotas) -> StoreResult<()> {
        self.db.write(|tx| mailboxes::group_write(tx, mailbox_id, key, write, quotas))
    }
    fn change_write_key(&self, mailbox_id: &[u8], old_key: &[u8], generation: u32, new_key: &[u8]) -> StoreResult<()> {
        self.db.write(|tx| mailboxes::change_write_key(tx, mailbox_id, old_key, generation, new_key))
    }
    fn read_groups(&self, cursors: &[GroupCursor], now: i64) -> StoreResult<Vec<GroupState>> {
        self.db.read(|tx| mailboxes::read_groups(tx, cursors, now))
    }
    fn post_inbox(&self, mailbox_id: &[u8], body: &[u8], now: i64, quotas: Quotas) -> StoreResult<u64> {
        self.db.write(|tx| mailboxes::post_inbox(tx, mailbox_id, body, now, quotas))
    }
    fn inbox(&self, mailbox_id: &[u8], after: u64) -> StoreResult<Vec<MailboxMessage>> {
        self.db.read(|tx| mailboxes::inbox(tx, mailbox_id, after))
    }
    fn ack_inbox(&self, mailbox_id: &[u8], up_to: u64) -> StoreResult<()> {
        self.db.write(|tx| mailboxes::ack_inbox(tx, mailbox_id, up_to))
    }
}
