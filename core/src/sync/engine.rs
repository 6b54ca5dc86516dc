//! The sync engine: upload this device's changes in atomic batches, each record with the precondition of the
//! server version it replaces, and download pages since the cursor, merging them through the one write path
//! (origin `remote`); a batch refused because another device wrote first is merged (by downloading) and sent
//! again. A change made here goes up in one request when nobody else wrote meanwhile; a sync with nothing to
//! send is one request. The cursor moves in the same transaction as the rows it covers, so a sync stopped at any
//! point — cancelled, offline, killed — resumes where it stopped, and running it twice changes nothing.
//! A cursor older than the server's tombstone horizon reconciles in full ([`super::reconcile`]).

use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, Ordering};

use mend_protocol::accounts::Done;
use mend_protocol::keys::KeyWraps;
use mend_protocol::records::{BatchOutcome, Conflict, Page, Precondition, RecordWrite, UploadBatch};
use mend_protocol::{ErrorCode, routes};

use super::apply::{self, Guard, Incoming};
use super::client::{Client, Method, Refusal, Traffic};
use super::error::SyncError;
use super::keys::{DataKey, DeviceKeys, NamingKey};
use super::keystore::{DeviceSecrets, KeyStore};
use super::payload::{Collections, Payload, Sealer, natural_key, record_id, synced_tables};
use super::state::{self, State};
use super::transport::Transport;
use super::{rows, status};
use crate::mend::Core;
use crate::observe::Change;
use crate::write::Afterwards;

/// Records per download page and per upload batch.
pub const PAGE: usize = 100;
/// Upload rounds (each after merging what another device wrote first) before giving up until next time.
const ROUNDS: usize = 8;

/// Sync for one journal and one key store.
pub struct SyncEngine<'m> {
    pub(crate) core: &'m Core,
    pub(crate) keys: &'m dyn KeyStore,
    /// Whether reminders ring on a device that sets sync up (phones: yes; the CLI: no).
    pub(crate) reminders_here_by_default: bool,
}

/// How a sync runs.
#[derive(Default, Clone, Copy)]
pub struct Options<'a> {
    /// Apply deletions held as a mass deletion (`mend sync now --allow-deletions`).
    pub allow_deletions: bool,
    /// Set to stop the sync between requests; it resumes next time.
    pub cancel: Option<&'a AtomicBool>,
    /// Told after each page and batch.
    pub progress: Option<&'a (dyn Fn(&Progress) + Send + Sync)>,
}

/// How far a sync has got.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    /// Records downloaded so far, and about how many there are in all (from the server's version).
    pub downloaded: u64,
    pub to_download: u64,
    /// Records uploaded so far, and how many were waiting when the upload began.
    pub uploaded: u64,
    pub to_upload: u64,
    pub bytes: u64,
}

/// What a sync did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub downloaded: u64,
    pub written: u64,
    pub uploaded: u64,
    pub held: u64,
    pub unreadable: u64,
    pub traffic: Traffic,
    /// The epoch the account moved to, when this sync finished a key switch (after a device was removed).
    pub keys_renewed: Option<u32>,
}

/// What one sync run knows.
struct Run<'c> {
    client: Client<'c>,
    state: State,
    device: DeviceKeys,
    names: NamingKey,
    collections: Collections,
    guard: Guard,
    report: Report,
    progress: Progress,
    /// During a full reconcile: every (table, guid) the server still has.
    seen: Option<HashSet<(String, String)>>,
}

impl<'m> SyncEngine<'m> {
    pub(crate) fn new(core: &'m Core, keys: &'m dyn KeyStore, reminders_here_by_default: bool) -> Self {
        SyncEngine { core, keys, reminders_here_by_default }
    }

    /// Sync's state on this device, if set up.
    pub fn state(&self) -> Result<Option<State>, SyncError> {
        Ok(self.core.store.read(|c| Ok(state::load(c)?))?)
    }

    pub(crate) fn device_keys(&self) -> Result<DeviceKeys, SyncError> {
        DeviceSecrets::new(self.keys).device()?.ok_or(SyncError::Keys)
    }

    /// Syncs now: download, merge, upload; then finishes a key switch this device owes after removing a device
    /// ([`super::revoke`]), and syncs again to take in the records it sealed anew. A device that finds it was
    /// removed acts on it (sync off, or an erase it could verify) and says so. Records how it ended for the status.
    pub async fn sync_now(&self, transport: &dyn Transport, options: Options<'_>) -> Result<Report, SyncError> {
        match self.sync_and_switch(transport, options).await {
            Err(SyncError::DeviceRevoked { wipe_order }) => Err(self.removed_here(wipe_order.as_deref())),
            other => other,
        }
    }

    /// A sync, then an owed switch and a sync after it.
    async fn sync_and_switch(&self, transport: &dyn Transport, options: Options<'_>) -> Result<Report, SyncError> {
        let mut report = self.sync_once(transport, options).await?;
        if self.switch_owed()? {
            let switched = match self.finish_switch(transport).await {
                Ok(switched) => switched,
                Err(error) => {
                    let now = self.core.clock.now().timestamp_millis();
                    let words = error.to_string();
                    self.core.store.write(|tx| Ok(state::finish(tx, now, Some(&words), error.is_offline())?))?;
                    self.core.notify(&[Change::Sync]);
                    return Err(error);
                }
            };
            let after = self.sync_once(transport, options).await?;
            report = Report {
                downloaded: report.downloaded + after.downloaded,
                written: report.written + after.written,
                uploaded: report.uploaded + after.uploaded,
                held: after.held,
                unreadable: after.unreadable,
                traffic: Traffic {
                    requests: report.traffic.requests + after.traffic.requests,
                    bytes_up: report.traffic.bytes_up + after.traffic.bytes_up,
                    bytes_down: report.traffic.bytes_down + after.traffic.bytes_down,
                },
                keys_renewed: switched.map(|s| s.epoch),
            };
        }
        Ok(report)
    }

    /// One sync: download, merge, upload.
    async fn sync_once(&self, transport: &dyn Transport, options: Options<'_>) -> Result<Report, SyncError> {
        let state = self.state()?.ok_or(SyncError::NotSetUp)?;
        let secrets = DeviceSecrets::new(self.keys);
        let device = secrets.device()?.ok_or(SyncError::Keys)?;
        let names = secrets.naming()?.ok_or(SyncError::Keys)?;
        let mut client = Client::new(&state.server, transport);
        let kept = secrets.session()?;
        if let Some(session) = kept.clone() {
            client.resume(session, self.core.clock.now().timestamp());
        }
        let mut run = Run {
            client,
            collections: Collections::new(&names),
            state,
            device,
            names,
            guard: Guard::new(options.allow_deletions),
            report: Report::default(),
            progress: Progress::default(),
            seen: None,
        };
        let result = self.run(&mut run, &options).await;
        run.report.traffic = run.client.traffic;
        if let Some(session) = run.client.session()
            && kept.is_none_or(|kept| kept.token != session.token)
        {
            secrets.save_session(&session)?;
        }
        let now = self.core.clock.now().timestamp_millis();
        let words = result.as_ref().err().map(ToString::to_string);
        let offline = result.as_ref().is_err_and(SyncError::is_offline);
        self.core.store.write(|tx| Ok(state::finish(tx, now, words.as_deref(), offline)?))?;
        self.core.notify(&[Change::Sync]);
        result.map(|()| run.report)
    }

    async fn run(&self, run: &mut Run<'_>, options: &Options<'_>) -> Result<(), SyncError> {
        if options.allow_deletions {
            self.apply_held()?;
        }
        self.ensure_key(run, run.state.epoch).await?;
        // Upload first: a batch whose versions follow the cursor shows nobody else wrote meanwhile, so a change
        // made here goes up in one request; otherwise (or with nothing to send) download, which merges what
        // others wrote, and send what the merge kept of this device's.
        for _ in 0..ROUNDS {
            match self.upload(run, options).await? {
                Uploaded::Conflicts => self.download(run, options).await?,
                Uploaded::Done { sent } => {
                    if sent > 0 && run.state.cursor >= run.state.server_version {
                        return Ok(());
                    }
                    self.download(run, options).await?;
                    if self.core.store.read(|c| Ok(state::pending(c)?))? == 0 {
                        return Ok(());
                    }
                }
            }
        }
        Err(SyncError::Refused("too many changes at once"))
    }

    fn cancelled(options: &Options<'_>) -> Result<(), SyncError> {
        match options.cancel {
            Some(flag) if flag.load(Ordering::Relaxed) => Err(SyncError::Cancelled),
            _ => Ok(()),
        }
    }

    /// The data key of `epoch`, fetched and unwrapped from the server if this device does not have it yet (and
    /// only if linked from a key it holds: [`super::epoch_keys`]).
    async fn ensure_key(&self, run: &mut Run<'_>, epoch: u32) -> Result<DataKey, SyncError> {
        let secrets = DeviceSecrets::new(self.keys);
        if let Some(key) = secrets.data_key(epoch)? {
            return Ok(key);
        }
        let wraps: KeyWraps = run
            .client
            .authed::<Done, KeyWraps>(&run.device, &run.state.device_id, Method::Get, routes::KEYS, None, true)
            .await?;
        match super::epoch_keys::data_key(&secrets, &run.device, &wraps, epoch) {
            // A next epoch staged, not switched to, whose key this device was not handed: another device is
            // renewing the keys, and will hand it over when it switches.
            Err(SyncError::Keys) if epoch > wraps.epoch => Err(SyncError::SwitchBusy),
            other => other,
        }
    }

    /// Downloads and applies every page since the cursor.
    async fn download(&self, run: &mut Run<'_>, options: &Options<'_>) -> Result<(), SyncError> {
        loop {
            Self::cancelled(options)?;
            let path = format!("{}?since={}&limit={PAGE}", routes::RECORDS, run.state.cursor);
            let page: Result<Page, Refusal> = run
                .client
                .authed::<Done, Page>(&run.device, &run.state.device_id, Method::Get, &path, None, true)
                .await;
            let page = match page {
                Err(Refusal::Code(ErrorCode::CursorBeyondHorizon { horizon_version })) if run.seen.is_none() => {
                    // From version 0 again. The stored cursor stays where it was until the reconcile finishes,
                    // so one stopped part way starts again next time (and still deletes what is gone). The server
                    // has got at least to the version it purged: a page older than that is stale.
                    run.state.cursor = 0;
                    run.state.server_version = run.state.server_version.max(horizon_version);
                    run.seen = Some(HashSet::new());
                    continue;
                }
                other => other?,
            };
            if page.server_version < run.state.server_version {
                // An older reply given again (a duplicated or cached one): it does not say what the server holds
                // now, and a full reconcile would take what it lacks as deleted. Try again next time.
                return Err(SyncError::BadReply);
            }
            run.progress.to_download = page.server_version.saturating_sub(run.state.cursor) + run.progress.downloaded;
            self.apply_page(run, &page).await?;
            run.state.cursor = cursor_after(&page);
            run.state.server_version = page.server_version;
            run.progress.downloaded += page.records.len() as u64;
            run.progress.bytes = run.client.traffic.bytes_down + run.client.traffic.bytes_up;
            if let Some(progress) = options.progress {
                progress(&run.progress);
            }
            if !page.more {
                break;
            }
        }
        if run.seen.is_some() {
            let seen = run.seen.take().unwrap_or_default();
            let cursor = (run.state.cursor, run.state.server_version);
            super::reconcile::finish(self.core, &seen, &mut run.guard, cursor)?;
        }
        Ok(())
    }

    /// Opens a page's records and applies them with the cursor, in one write.
    async fn apply_page(&self, run: &mut Run<'_>, page: &Page) -> Result<(), SyncError> {
        let mut incoming = Vec::with_capacity(page.records.len());
        let mut unreadable = Vec::new();
        let mut readable = Vec::new();
        for record in &page.records {
            let Some(table) = run.collections.table(&record.collection) else {
                unreadable.push(record);
                continue;
            };
            let key = match self.ensure_key(run, record.epoch).await {
                Ok(key) => key,
                // A key this device should have had (an older epoch's): the record is noted as unreadable.
                Err(SyncError::Keys) if record.epoch <= run.state.epoch => {
                    unreadable.push(record);
                    continue;
                }
                // A newer epoch's key not handed over yet, or never: stop before the cursor passes the record,
                // so it is read once the key comes (`SwitchBusy` says try again soon; `Keys`, set sync up again).
                Err(other) => return Err(other),
            };
            let sealer = Sealer { key: &key, names: &run.names, account: &run.state.account_id, epoch: record.epoch };
            match sealer.open(table, &record.collection, &record.id, &record.body) {
                Ok(payload) => {
                    if let Some(seen) = run.seen.as_mut() {
                        seen.insert((table.name.to_owned(), payload.guid.clone()));
                    }
                    readable.push(record);
                    incoming.push(Incoming { table, payload, version: record.version });
                }
                // A purged tombstone's body may be empty: nothing to apply, nothing wrong.
                Err(_) if record.deleted && record.body.is_empty() => {}
                Err(_) => unreadable.push(record),
            }
        }
        let now = self.core.clock.now().timestamp_millis();
        let deletions = incoming.iter().any(|i| i.payload.row.deleted);
        let afterwards = if deletions { Afterwards::Scrub } else { Afterwards::Keep };
        let changed = changes_for(&incoming);
        let (cursor, server_version) = (cursor_after(page), page.server_version);
        // During a full reconcile the cursor moves only when it finishes (`reconcile::finish`).
        let reconciling = run.seen.is_some();
        let written = self.core.write_remote(
            &changed,
            afterwards,
            |applied: &apply::Applied| applied.fresh,
            |tx| {
                let applied = apply::apply(tx, &incoming, &mut run.guard, now)?;
                for record in &unreadable {
                    tx.prepare_cached(
                        "INSERT INTO sync_unreadable (collection, record_id, version) VALUES (?1, ?2, ?3) \
                         ON CONFLICT (collection, record_id) DO UPDATE SET version = excluded.version",
                    )?
                    .execute(rusqlite::params![
                        record.collection,
                        record.id,
                        record.version as i64
                    ])?;
                }
                for record in &readable {
                    tx.prepare_cached("DELETE FROM sync_unreadable WHERE collection = ?1 AND record_id = ?2")?
                        .execute(rusqlite::params![record.collection, record.id])?;
                }
                if !reconciling {
                    state::advance(tx, cursor, server_version)?;
                }
                Ok(applied)
            },
        )?;
        run.report.downloaded += page.records.len() as u64;
        run.report.written += written.value.written as u64;
        run.report.held += written.value.held as u64;
        run.report.unreadable += unreadable.len() as u64;
        Ok(())
    }

    /// Uploads every change waiting, batch by batch.
    async fn upload(&self, run: &mut Run<'_>, options: &Options<'_>) -> Result<Uploaded, SyncError> {
        let key = self.ensure_key(run, run.state.epoch).await?;
        run.progress.to_upload = self.core.store.read(|c| Ok(state::pending(c)?))?;
        // A row changed again while its batch was in flight goes up again; the bound stops a row that never
        // settles from holding the sync forever (it goes up next time).
        let mut batches_left = run.progress.to_upload / PAGE as u64 + 16;
        let mut sent = 0;
        loop {
            Self::cancelled(options)?;
            if batches_left == 0 {
                return Ok(Uploaded::Done { sent });
            }
            batches_left -= 1;
            let batch = self.next_batch()?;
            if batch.is_empty() {
                return Ok(Uploaded::Done { sent });
            }
            let sealer =
                Sealer { key: &key, names: &run.names, account: &run.state.account_id, epoch: run.state.epoch };
            let mut writes = Vec::with_capacity(batch.len());
            for item in &batch {
                let mut row = item.dirty.row.clone();
                // The guid travels once, beside the row (the receiver puts its own back).
                row.fields.remove("guid");
                let payload = Payload {
                    table: item.table.name.to_owned(),
                    guid: item.dirty.guid.clone(),
                    key: item.key.clone(),
                    row,
                };
                let id = record_id(&run.names, item.table, &payload.guid, payload.key.as_deref());
                let collection = run.collections.tag(item.table);
                writes.push(RecordWrite {
                    collection: collection.to_vec(),
                    id: id.to_vec(),
                    epoch: run.state.epoch,
                    deleted: payload.row.deleted,
                    precondition: match item.server_version {
                        Some(version) => Precondition::Version(version),
                        None => Precondition::Absent,
                    },
                    body: sealer.seal(&collection, &id, &payload)?,
                });
            }
            let request = UploadBatch { records: writes };
            let outcome: BatchOutcome = match run
                .client
                .authed(&run.device, &run.state.device_id, Method::Post, routes::RECORDS, Some(&request), false)
                .await
            {
                Ok(outcome) => outcome,
                // The account moved to a new epoch (a device was removed): seal with its key from now on.
                Err(Refusal::Code(ErrorCode::StaleEpoch { current_epoch })) if current_epoch > run.state.epoch => {
                    self.ensure_key(run, current_epoch).await?;
                    self.core.store.write(|tx| Ok(state::set_epoch(tx, current_epoch)?))?;
                    run.state.epoch = current_epoch;
                    return Ok(Uploaded::Conflicts);
                }
                Err(refusal) => {
                    self.sent_without_reply(&batch)?;
                    return Err(refusal.into());
                }
            };
            match outcome {
                BatchOutcome::Committed { versions, server_version } => {
                    self.committed(run, &batch, &versions, server_version)?;
                    sent += batch.len() as u64;
                    run.report.uploaded += batch.len() as u64;
                    run.progress.uploaded += batch.len() as u64;
                    run.progress.bytes = run.client.traffic.bytes_down + run.client.traffic.bytes_up;
                    if let Some(progress) = options.progress {
                        progress(&run.progress);
                    }
                }
                BatchOutcome::Refused { conflicts } => {
                    self.gone_from_server(&batch, &conflicts)?;
                    return Ok(Uploaded::Conflicts);
                }
            }
        }
    }

    /// The next rows to upload (at most [`PAGE`]), with the server version each replaces.
    fn next_batch(&self) -> Result<Vec<Outgoing>, SyncError> {
        Ok(self.core.store.read(|c| {
            let mut batch = Vec::new();
            for table in synced_tables() {
                let room = PAGE - batch.len();
                if room == 0 {
                    break;
                }
                for dirty in rows::dirty(c, table, room)? {
                    let server_version = crate::store::mirror::base(c, table.name, &dirty.guid)?
                        .map(|(_, version)| version)
                        .filter(|v| *v > 0);
                    let key = natural_key(table, &dirty.row.fields).or_else(|| {
                        // A deletion's fields are empty: its natural key is still in the row.
                        natural_key_of_deleted(c, table, &dirty.guid)
                    });
                    batch.push(Outgoing { table, dirty, key, server_version });
                }
            }
            Ok(batch)
        })?)
    }

    /// A batch the server committed: each row's change is no longer waiting, and the mirror holds what was
    /// sent with its new version. The cursor moves past the batch when no other device wrote in between.
    fn committed(
        &self,
        run: &mut Run<'_>,
        batch: &[Outgoing],
        versions: &[u64],
        server_version: u64,
    ) -> Result<(), SyncError> {
        let contiguous = versions.first().is_some_and(|first| *first == run.state.cursor + 1)
            && versions.windows(2).all(|w| w[1] == w[0] + 1)
            && versions.last() == Some(&server_version);
        self.core.store.write(|tx| {
            for (item, version) in batch.iter().zip(versions) {
                rows::uploaded(tx, item.table, &item.dirty.guid, item.dirty.counter)?;
                let mut row = item.dirty.row.clone();
                if row.deleted {
                    row.fields.clear();
                }
                crate::store::mirror::record(tx, item.table.name, &item.dirty.guid, &row, *version)?;
            }
            if contiguous {
                state::advance(tx, server_version, server_version)?;
            }
            Ok(())
        })?;
        if contiguous {
            run.state.cursor = server_version;
        }
        run.state.server_version = run.state.server_version.max(server_version);
        Ok(())
    }

    /// Records of a refused batch the server no longer has at all, though the mirror names a version of them
    /// (a tombstone purged past the horizon, after this device revived the row with a later edit): no download
    /// can bring them back, so they go up as new next round (the mirror keeps its row as the merge base, at
    /// version 0, so the precondition becomes `Absent`).
    fn gone_from_server(&self, batch: &[Outgoing], conflicts: &[Conflict]) -> Result<(), SyncError> {
        self.core.store.write(|tx| {
            for conflict in conflicts.iter().filter(|c| c.current_version.is_none()) {
                if let Some(item) = batch.get(conflict.index as usize)
                    && item.server_version.is_some()
                {
                    tx.execute(
                        "UPDATE sync_mirror SET version = 0 WHERE table_name = ?1 AND guid = ?2",
                        [item.table.name, item.dirty.guid.as_str()],
                    )?;
                }
            }
            Ok(())
        })?;
        Ok(())
    }

    /// A batch whose outcome is unknown (no reply: it may have been committed). A row made here that the server
    /// never confirmed gets what was sent as its merge base (in the mirror at version 0, so its precondition stays
    /// `Absent`), unless it already has one. Its guid is random, so any version of it that arrives later grew from
    /// an upload of this device's that was committed after all — and only one can be (the next meets `Absent`
    /// refused). Without a base, every field the two versions differ in would count as changed on both sides, and
    /// an edit made here since would lose to the other device's older value. A row the server already had keeps
    /// its base, and what was sent becomes its second base (`sent`, [`crate::store::mirror`]): a version that grew
    /// from the upload, if it was committed, may arrive before this device hears of it.
    fn sent_without_reply(&self, batch: &[Outgoing]) -> Result<(), SyncError> {
        self.core.store.write(|tx| {
            for item in batch {
                let mut row = item.dirty.row.clone();
                if row.deleted {
                    row.fields.clear();
                }
                if crate::store::mirror::base(tx, item.table.name, &item.dirty.guid)?.is_some() {
                    if !row.deleted {
                        crate::store::mirror::sent(tx, item.table.name, &item.dirty.guid, &row)?;
                    }
                } else if item.table.identity == crate::store::registry::Identity::Guid {
                    crate::store::mirror::record(tx, item.table.name, &item.dirty.guid, &row, 0)?;
                }
            }
            Ok(())
        })?;
        Ok(())
    }

    /// Applies the deletions held for the person's OK (`--allow-deletions`, `confirm_deletions`).
    fn apply_held(&self) -> Result<(), SyncError> {
        let held = self.core.store.read(|c| Ok(apply::held(c)?))?;
        if held.is_empty() {
            return Ok(());
        }
        self.core.write_remote(
            &[Change::Journal],
            Afterwards::Scrub,
            |_: &()| false,
            |tx| {
                for (table_name, guid, clock, version) in &held {
                    let table = crate::tables::table(table_name);
                    let clock = super::hlc::Hlc::parse(clock).unwrap_or(super::hlc::Hlc::start(0));
                    let local = super::stored::version(tx, table, guid)?;
                    let deletion = super::merge::Version { clock, deleted: true, fields: Default::default() };
                    let merged = super::merge::merge_into(table, None, &[], local.as_ref(), &deletion);
                    if merged.version.deleted && local.is_some() {
                        crate::store::clock::receive(tx, clock)?;
                        rows::write(tx, table, guid, &merged.version, 0)?;
                    }
                    crate::store::mirror::record(tx, table.name, guid, &deletion, *version)?;
                }
                tx.execute("DELETE FROM sync_held", [])?;
                Ok(())
            },
        )?;
        Ok(())
    }

    /// Whether sync is set up, and how it stands (see [`status`]).
    pub fn status(&self) -> Result<status::Status, SyncError> {
        Ok(self.core.store.read(|c| Ok(status::read(c)?))?)
    }

    /// Sync after each change on this device (`mend sync auto on|off`).
    pub fn set_auto(&self, on: bool) -> Result<(), SyncError> {
        self.state()?.ok_or(SyncError::NotSetUp)?;
        self.core.store.write(|tx| Ok(state::set_auto(tx, on)?))?;
        self.core.notify(&[Change::Sync]);
        Ok(())
    }

    /// Whether reminders ring on this device.
    pub fn set_reminders_here(&self, on: bool) -> Result<(), SyncError> {
        self.state()?.ok_or(SyncError::NotSetUp)?;
        self.core.store.write(|tx| Ok(state::set_reminders_here(tx, on)?))?;
        self.core.notify(&[Change::Sync, Change::Reminders]);
        Ok(())
    }

    /// When the app should sync next (the core decides; apps only schedule), or `None` when sync is off.
    pub fn next_sync_at(&self) -> Result<Option<chrono::DateTime<chrono::Utc>>, SyncError> {
        let now = self.core.clock.now();
        Ok(self.core.store.read(|c| Ok(status::next_sync_at(c, now)?))?)
    }
}

/// What an upload round ended with.
enum Uploaded {
    /// Nothing more to send; `sent` rows went up.
    Done { sent: u64 },
    /// Another device wrote first: merge and send again.
    Conflicts,
}

/// One row on its way up.
struct Outgoing {
    table: &'static crate::store::registry::Table,
    dirty: rows::Dirty,
    key: Option<String>,
    server_version: Option<u64>,
}

fn natural_key_of_deleted(
    conn: &rusqlite::Connection,
    table: &crate::store::registry::Table,
    guid: &str,
) -> Option<String> {
    let crate::store::registry::Identity::NaturalKey(column) = table.identity else {
        return None;
    };
    conn.query_row(&format!("SELECT {column} FROM {} WHERE guid = ?1", table.name), [guid], |r| r.get(0)).ok()
}

/// The cursor after applying `page`: its last record's version, or — on the last page, which holds every record
/// up to the server's version — the server's version itself (records purged at the top, a deletion past the
/// tombstone horizon, leave nothing to carry it; without this a device that reconciled in full would stay behind
/// the purged version and reconcile in full again at every sync).
fn cursor_after(page: &Page) -> u64 {
    if page.more { page.next_cursor } else { page.next_cursor.max(page.server_version) }
}

/// What observers are told a page changed.
fn changes_for(incoming: &[Incoming]) -> Vec<Change> {
    let mut changes = Vec::new();
    let mut add = |change: Change| {
        if !changes.contains(&change) {
            changes.push(change);
        }
    };
    for item in incoming {
        match item.table.name {
            "library_state" => add(Change::Library),
            "reminders" | "reminder_history" | "reminder_settings" => add(Change::Reminders),
            _ => add(Change::Journal),
        }
    }
    changes
}
