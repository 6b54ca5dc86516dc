//! The PostgreSQL backend: tokio-postgres through a deadpool pool, driven by a small runtime of its own so the
//! blocking [`Storage`] methods can be called from tokio's blocking pool (or from plain tests). Writes run in one
//! READ COMMITTED transaction that locks the rows it depends on (the server's storage total excepted: see usage.rs);
//! reads in one REPEATABLE READ snapshot, or in a single statement (a poll's page, the token's device lookup).
//! PostgreSQL's own `fsync` and `synchronous_commit` (on by default) make commits durable; docs/server.md says
//! to keep them on. Schema steps are numbered and applied once, under an advisory lock, by whichever process
//! starts first.

mod accounts;
mod mailboxes;
mod records;
mod usage;

use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod};
use mend_protocol::groups::{GroupCursor, GroupState, SignedWrite};
use mend_protocol::keys::{AddWraps, EpochSwitch, EpochWrap, KeyWraps};
use mend_protocol::mailboxes::MailboxMessage;
use mend_protocol::records::{BatchOutcome, Page, RecordWrite};
use tokio_postgres::{IsolationLevel, NoTls};

use crate::storage::{DeviceRow, GroupRow, NewAccount, Quotas, Storage, StoreError, StoreResult};

/// The numbered migrations; step N brings the schema from version N-1 to N.
const MIGRATIONS: &[&str] = &[
    include_str!("schema.sql"),
    include_str!("schema-2.sql"),
    include_str!("schema-3.sql"),
    include_str!("schema-4.sql"),
];

/// The advisory lock key migrations run under ("mend" in ASCII).
const MIGRATION_LOCK: i64 = 0x6d65_6e64;

impl From<tokio_postgres::Error> for StoreError {
    fn from(error: tokio_postgres::Error) -> Self {
        // Only the SQLSTATE: PostgreSQL's detail text can quote values.
        let code = error.code().map_or("connection", |code| code.code());
        StoreError::Backend(format!("postgres error {code}"))
    }
}

impl From<deadpool_postgres::PoolError> for StoreError {
    fn from(error: deadpool_postgres::PoolError) -> Self {
        match error {
            deadpool_postgres::PoolError::Backend(error) => error.into(),
            _ => StoreError::Backend("postgres pool unavailable".into()),
        }
    }
}

/// mend-server's storage in a PostgreSQL database.
pub struct PgStore {
    runtime: Option<tokio::runtime::Runtime>,
    pool: Pool,
}

impl Drop for PgStore {
    fn drop(&mut self) {
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}

macro_rules! write_tx {
    ($store:expr, |$tx:ident| $body:expr) => {
        $store.run(async {
            let mut client = $store.pool.get().await?;
            let $tx = client.transaction().await?;
            let value = $body.await?;
            $tx.commit().await?;
            Ok(value)
        })
    };
}

macro_rules! read_tx {
    ($store:expr, |$tx:ident| $body:expr) => {
        $store.run(async {
            let mut client = $store.pool.get().await?;
            let $tx = client
                .build_transaction()
                .isolation_level(IsolationLevel::RepeatableRead)
                .read_only(true)
                .start()
                .await?;
            let value = $body.await?;
            $tx.commit().await?;
            Ok(value)
        })
    };
}

impl PgStore {
    /// Connects (a pool of up to `max_connections`) and migrates the schema.
    pub fn connect(url: &str, max_connections: usize) -> StoreResult<Self> {
        let config: tokio_postgres::Config =
            url.parse().map_err(|_| StoreError::Backend("the --database connection string does not parse".into()))?;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("mend-postgres")
            .enable_all()
            .build()
            .map_err(|error| StoreError::Backend(error.to_string()))?;
        let manager = Manager::from_config(config, NoTls, ManagerConfig { recycling_method: RecyclingMethod::Fast });
        let pool = Pool::builder(manager)
            .max_size(max_connections)
            .runtime(deadpool_postgres::Runtime::Tokio1)
            .build()
            .map_err(|error| StoreError::Backend(error.to_string()))?;
        let store = PgStore { runtime: Some(runtime), pool };
        store.migrate()?;
        Ok(store)
    }

    fn run<T>(&self, future: impl std::future::Future<Output = StoreResult<T>>) -> StoreResult<T> {
        match &self.runtime {
            Some(runtime) => runtime.handle().block_on(future),
            None => Err(StoreError::Backend("the postgres store is shut down".into())),
        }
    }

    fn migrate(&self) -> StoreResult<()> {
        write_tx!(self, |tx| async {
            tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK]).await?;
            tx.execute("CREATE TABLE IF NOT EXISTS mend_schema (version integer NOT NULL)", &[]).await?;
            let version: i64 =
                tx.query_one("SELECT COALESCE(MAX(version), 0)::bigint FROM mend_schema", &[]).await?.get(0);
            let version = usize::try_from(version).unwrap_or(usize::MAX);
            if version > MIGRATIONS.len() {
                return Err(StoreError::Backend(format!("database schema {version} is newer than this server")));
            }
            for (step, sql) in MIGRATIONS.iter().enumerate().skip(version) {
                tx.batch_execute(sql).await?;
                tx.execute("INSERT INTO mend_schema (version) VALUES ($1)", &[&(step as i32 + 1)]).await?;
            }
            Ok::<_, StoreError>(())
        })
    }
}

impl Storage for PgStore {
    fn ping(&self) -> StoreResult<()> {
        read_tx!(self, |tx| async { tx.query_one("SELECT 1", &[]).await.map(|_| ()).map_err(StoreError::from) })
    }
    fn server_key(&self, fresh: [u8; 32]) -> StoreResult<[u8; 32]> {
        write_tx!(self, |tx| accounts::server_key(&tx, fresh))
    }
    fn add_registration_token(&self, token_hash: &[u8], now: i64) -> StoreResult<()> {
        write_tx!(self, |tx| accounts::add_registration_token(&tx, token_hash, now))
    }
    fn create_account(&self, account: NewAccount) -> StoreResult<()> {
        write_tx!(self, |tx| accounts::create_account(&tx, &account))
    }
    fn delete_account(&self, account_id: &[u8]) -> StoreResult<()> {
        write_tx!(self, |tx| accounts::delete_account(&tx, account_id))
    }
    fn recovery_key(&self, lookup_id: &[u8]) -> StoreResult<(Vec<u8>, Vec<u8>)> {
        read_tx!(self, |tx| accounts::recovery_key(&tx, lookup_id))
    }
    fn new_phrase(
        &self,
        account_id: &[u8],
        lookup_id: &[u8],
        recovery_key: &[u8],
        kek_wraps: &[EpochWrap],
    ) -> StoreResult<()> {
        write_tx!(self, |tx| accounts::new_phrase(&tx, account_id, lookup_id, recovery_key, kek_wraps))
    }
    fn account_epoch(&self, account_id: &[u8]) -> StoreResult<u32> {
        read_tx!(self, |tx| accounts::account_epoch(&tx, account_id))
    }
    fn put_challenge(&self, subject: &[u8], nonce: &[u8], expires_at: i64) -> StoreResult<()> {
        write_tx!(self, |tx| accounts::put_challenge(&tx, subject, nonce, expires_at))
    }
    fn take_challenge(&self, subject: &[u8], nonce: &[u8], now: i64) -> StoreResult<()> {
        write_tx!(self, |tx| accounts::take_challenge(&tx, subject, nonce, now))
    }
    fn recover_device(&self, lookup_id: &[u8], nonce: &[u8], device: DeviceRow, now: i64) -> StoreResult<u32> {
        write_tx!(self, |tx| accounts::recover_device(&tx, lookup_id, nonce, &device, now))
    }
    fn token_for(&self, device_id: &[u8], nonce: &[u8], now: i64) -> StoreResult<()> {
        write_tx!(self, |tx| accounts::token_for(&tx, device_id, nonce, now))
    }
    fn device(&self, device_id: &[u8]) -> StoreResult<DeviceRow> {
        self.run(async {
            let client = self.pool.get().await?;
            accounts::device(&client, device_id).await
        })
    }
    fn enrol_device(&self, device: DeviceRow, wraps: &[EpochWrap]) -> StoreResult<u32> {
        write_tx!(self, |tx| accounts::enrol_device(&tx, &device, wraps))
    }
    fn devices(&self, account_id: &[u8]) -> StoreResult<Vec<DeviceRow>> {
        read_tx!(self, |tx| accounts::devices(&tx, account_id))
    }
    fn rename_device(&self, account_id: &[u8], device_id: &[u8], name: &[u8]) -> StoreResult<()> {
        write_tx!(self, |tx| accounts::rename_device(&tx, account_id, device_id, name))
    }
    fn revoke_device(
        &self,
        account_id: &[u8],
        device_id: &[u8],
        wipe_order: Option<&[u8]>,
        now: i64,
    ) -> StoreResult<()> {
        write_tx!(self, |tx| accounts::revoke_device(&tx, account_id, device_id, wipe_order, now))
    }
    fn post_device_mail(
        &self,
        account_id: &[u8],
        device_id: &[u8],
        body: &[u8],
        now: i64,
        quotas: Quotas,
    ) -> StoreResult<u64> {
        write_tx!(self, |tx| mailboxes::post_device_mail(&tx, account_id, device_id, body, now, quotas))
    }
    fn device_mail(&self, device_id: &[u8], after: u64) -> StoreResult<Vec<MailboxMessage>> {
        read_tx!(self, |tx| mailboxes::device_mail(&tx, device_id, after))
    }
    fn ack_device_mail(&self, device_id: &[u8], up_to: u64) -> StoreResult<()> {
        write_tx!(self, |tx| mailboxes::ack_device_mail(&tx, device_id, up_to))
    }
    fn post_link(&self, mailbox_id: &[u8], body: &[u8], now: i64, ttl: i64, max_messages: u64) -> StoreResult<u64> {
        write_tx!(self, |tx| mailboxes::post_link(&tx, mailbox_id, body, now, ttl, max_messages))
    }
    fn link_mail(&self, mailbox_id: &[u8], after: u64, now: i64, ttl: i64) -> StoreResult<Vec<MailboxMessage>> {
        read_tx!(self, |tx| mailboxes::link_mail(&tx, mailbox_id, after, now, ttl))
    }
    fn upload(
        &self,
        account_id: &[u8],
        records: &[RecordWrite],
        now: i64,
        quotas: Quotas,
    ) -> StoreResult<BatchOutcome> {
        self.run(async {
            let client = self.pool.get().await?;
            records::upload(&client, account_id, records, now, quotas).await
        })
    }
    fn page(&self, account_id: &[u8], since: u64, limit: u32) -> StoreResult<Page> {
        self.run(async {
            let client = self.pool.get().await?;
            records::page(&client, account_id, since, limit).await
        })
    }
    fn purge_tombstones(&self, cutoff: i64) -> StoreResult<u64> {
        write_tx!(self, |tx| records::purge_tombstones(&tx, cutoff))
    }
    fn sweep(&self, now: i64, link_ttl: i64) -> StoreResult<u64> {
        write_tx!(self, |tx| mailboxes::sweep(&tx, now, link_ttl))
    }
    fn key_wraps(&self, account_id: &[u8], device_id: &[u8]) -> StoreResult<KeyWraps> {
        read_tx!(self, |tx| accounts::key_wraps(&tx, account_id, device_id))
    }
    fn add_wraps(
        &self,
        account_id: &[u8],
        epoch: u32,
        request: &AddWraps,
        digest: &dyn Fn(&[u8]) -> Vec<u8>,
    ) -> StoreResult<()> {
        write_tx!(self, |tx| accounts::add_wraps(&tx, account_id, epoch, request, digest))
    }
    fn switch_epoch(
        &self,
        account_id: &[u8],
        switch: &EpochSwitch,
        digest: &dyn Fn(&[u8]) -> Vec<u8>,
    ) -> StoreResult<u32> {
        write_tx!(self, |tx| accounts::switch_epoch(&tx, account_id, switch, digest))
    }
    fn create_group(&self, mailbox_id: &[u8], write_key: &[u8], now: i64) -> StoreResult<()> {
        write_tx!(self, |tx| mailboxes::create_group(&tx, mailbox_id, write_key, now))
    }
    fn group(&self, mailbox_id: &[u8]) -> StoreResult<GroupRow> {
        read_tx!(self, |tx| mailboxes::group(&tx, mailbox_id))
    }
    fn group_write(&self, mailbox_id: &[u8], key: &[u8], write: &SignedWrite, quotas: Quotas) -> StoreResult<()> {
        write_tx!(self, |tx| mailboxes::group_write(&tx, mailbox_id, key, write, quotas))
    }
    fn change_write_key(&self, mailbox_id: &[u8], old_key: &[u8], generation: u32, new_key: &[u8]) -> StoreResult<()> {
        write_tx!(self, |tx| mailboxes::change_write_key(&tx, mailbox_id, old_key, generation, new_key))
    }
    fn read_groups(&self, cursors: &[GroupCursor], now: i64) -> StoreResult<Vec<GroupState>> {
        read_tx!(self, |tx| mailboxes::read_groups(&tx, cursors, now))
    }
    fn post_inbox(&self, mailbox_id: &[u8], body: &[u8], now: i64, quotas: Quotas) -> StoreResult<u64> {
        write_tx!(self, |tx| mailboxes::post_inbox(&tx, mailbox_id, body, now, quotas))
    }
    fn inbox(&self, mailbox_id: &[u8], after: u64) -> StoreResult<Vec<MailboxMessage>> {
        read_tx!(self, |tx| mailboxes::inbox(&tx, mailbox_id, after))
    }
    fn ack_inbox(&self, mailbox_id: &[u8], up_to: u64) -> StoreResult<()> {
        write_tx!(self, |tx| mailboxes::ack_inbox(&tx, mailbox_id, up_to))
    }
}
