//! Renewing the account's data key after a device is removed (docs/protocol.md, "Epoch switch"): a new epoch's
//! key, every live record sealed again under it, and the server's switch, accepted only when the record count and
//! the digest of (collection, id, version) match its own, atomically.
//!
//! Every step leaves every device able to read everything:
//! 1. **Stage** the next epoch before sealing anything with it: its recovery wrap (made to the recovery key the
//!    current epoch's wrap names, checked under the current data key) and a wrap for every remaining device. From
//!    then on, a record in either epoch opens on every device and with the phrase. A device that stops here and
//!    starts again finds its own staged wrap and carries on with the same key; another device that finds a key
//!    staged by someone else waits ([`SyncError::SwitchBusy`]).
//! 2. **Read everything**: a full download, every live record opened — one that does not open stops the switch
//!    ([`SyncError::NotAllReadable`]), so nothing is ever re-sealed from a guess.
//! 3. **Seal again** each live record not yet in the new epoch, uploaded with the version it replaces as its
//!    precondition: a record another device changed meanwhile is refused, downloaded, and sealed again.
//! 4. **Switch**: count and digest of what this device saw; a mismatch (someone wrote in the old epoch meanwhile)
//!    means downloading what changed and going round again. A lost reply is found out by the next try (the server
//!    already moved on), and a switch already made is taken as made.

use std::collections::BTreeMap;

use mend_protocol::devices::DeviceList;
use mend_protocol::keys::{AddWraps, DeviceWrap, EpochSwitch, EpochSwitched, KeyWraps};
use mend_protocol::records::{BatchOutcome, Page, Precondition, RecordWrite, UploadBatch};
use mend_protocol::{ErrorCode, routes, signing};

use super::account::{DeviceKeysPublic, open_device_name};
use super::client::{Method, Refusal};
use super::engine::{PAGE, SyncEngine};
use super::error::SyncError;
use super::keys::{DataKey, check_epoch_link, recovery_wrap, wrap_for_device, wrapped_recovery_key};
use super::payload::{Collections, Payload, Sealer};
use super::signed_in::SignedIn;
use super::state;
use super::transport::Transport;
use crate::crypto::Bytes32;

/// Rounds of "download what changed, seal it again, ask again" before leaving the rest to the next sync.
const ROUNDS: usize = 8;

/// What a switch did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Switched {
    /// The account's epoch now.
    pub epoch: u32,
    /// Records this device sealed again for it.
    pub resealed: u64,
}

/// A live record as the server has it, opened.
struct Live {
    version: u64,
    epoch: u32,
    payload: Payload,
}

/// Everything live on the server, by (collection, id) — the byte order the server's digest uses.
type Records = BTreeMap<(Vec<u8>, Vec<u8>), Live>;

impl SyncEngine<'_> {
    /// Moves the account to a new epoch, as above. The caller syncs first, so what this device holds is on the
    /// server; records other devices write meanwhile are taken in by the rounds.
    pub(crate) async fn switch_epoch(&self, transport: &dyn Transport) -> Result<Switched, SyncError> {
        let mut me = self.signed_in(transport)?;
        let wraps: KeyWraps = me.get(routes::KEYS).await?;
        let from = wraps.epoch;
        if me.state.switch_owed.is_some_and(|owed| from > owed) {
            // Switched already past what was owed: by this device (its reply lost) or by another.
            self.core.store.write(|tx| Ok(state::set_epoch(tx, from)?))?;
            return Ok(Switched { epoch: from, resealed: 0 });
        }
        let next = from.checked_add(1).ok_or(SyncError::Refused("last epoch"))?;
        let Staged { key, recovery, current } = self.stage(&mut me, wraps.clone(), next).await?;

        let collections = Collections::new(&me.names);
        let mut keys = BTreeMap::from([(from, current.clone()), (next, key.clone())]);
        let mut records = Records::new();
        let mut cursor = 0;
        let mut resealed = 0;
        for _ in 0..ROUNDS {
            cursor = download(&mut me, &collections, &wraps, &mut keys, &mut records, cursor).await?;
            resealed += reseal(&mut me, &key, next, &mut records).await?;
            if records.values().any(|live| live.epoch != next) {
                continue; // another device wrote first: download what changed, and seal again.
            }
            let request = EpochSwitch {
                from_epoch: from,
                record_count: records.len() as u64,
                digest: digest(&records),
                kek_wrap: recovery_wrap(&key, &me.names, &recovery, next, Some(&current))
                    .map_err(|_| SyncError::Keys)?,
                device_wraps: device_wraps(&mut me, &key, next).await?,
            };
            let switched: Result<EpochSwitched, Refusal> = me
                .client
                .authed(&me.device, &me.state.device_id, Method::Post, routes::EPOCHS, Some(&request), true)
                .await;
            let epoch = match switched {
                Ok(switched) if switched.epoch >= next => switched.epoch,
                Ok(_) => return Err(SyncError::BadReply),
                // Switched already: by this device, its reply lost, or by another.
                Err(Refusal::Code(ErrorCode::StaleEpoch { current_epoch })) if current_epoch >= next => current_epoch,
                Err(Refusal::Code(ErrorCode::EpochMismatch { .. })) => continue,
                Err(refusal) => return Err(refusal.into()),
            };
            self.core.store.write(|tx| Ok(state::set_epoch(tx, epoch)?))?;
            return Ok(Switched { epoch, resealed });
        }
        Err(SyncError::Refused("too many changes at once"))
    }

    /// Stages the next epoch, or finds it staged: its data key — one this device holds already (it staged it
    /// before and stopped, or opened it with the phrase) or its own staged wrap, either only if the staged
    /// recovery wrap links it from the current key; or a new one, staged now with a wrap for every remaining device
    /// and the phrase. A new key is kept in the key store only once staged, so a key the server never took is never
    /// used. Read again and tried again when a new phrase changed the current recovery wrap meanwhile.
    async fn stage(&self, me: &mut SignedIn<'_, '_>, mut wraps: KeyWraps, next: u32) -> Result<Staged, SyncError> {
        let from = next - 1;
        for _ in 0..STAGING_TRIES {
            if wraps.epoch != from {
                return Err(SyncError::SwitchBusy);
            }
            let current = me.data_key(&wraps, from)?;
            let now = wraps.kek.iter().find(|w| w.epoch == from).ok_or(SyncError::Keys)?;
            let recovery = wrapped_recovery_key(&now.wrap, &current, from).map_err(|_| SyncError::Keys)?;
            if let Some(staged) = wraps.kek.iter().find(|w| w.epoch == next) {
                let key = match me.secrets.data_key(next)? {
                    Some(key) => key,
                    None => match wraps.device.iter().find(|w| w.epoch == next) {
                        Some(own) => me.device.unwrap(&own.wrap, next).map_err(|_| SyncError::Keys)?,
                        None => return Err(SyncError::SwitchBusy),
                    },
                };
                check_epoch_link(&staged.wrap, &current, &key, next).map_err(|_| SyncError::Keys)?;
                me.secrets.save_data_key(next, &key)?;
                return Ok(Staged { key, recovery, current });
            }
            let key = DataKey::generate();
            let request = AddWraps {
                device_wraps: device_wraps(me, &key, next).await?,
                kek_wrap: Some(
                    recovery_wrap(&key, &me.names, &recovery, next, Some(&current)).map_err(|_| SyncError::Keys)?,
                ),
                staged_from: Some(sha256(&now.wrap)),
            };
            let path = routes::KEYS_EPOCH.replace("{epoch}", &next.to_string());
            let staged: Result<mend_protocol::accounts::Done, Refusal> =
                me.client.authed(&me.device, &me.state.device_id, Method::Put, &path, Some(&request), true).await;
            match staged {
                Ok(_) => {
                    me.secrets.save_data_key(next, &key)?;
                    return Ok(Staged { key, recovery, current });
                }
                // Staged meanwhile (by this device, its reply lost; or by another), or a new phrase made the
                // current recovery wrap again: read again.
                Err(Refusal::Code(ErrorCode::AlreadyExists | ErrorCode::StaleEpoch { .. })) => {
                    wraps = me.get(routes::KEYS).await?;
                }
                Err(refusal) => return Err(refusal.into()),
            }
        }
        Err(SyncError::SwitchBusy)
    }
}

/// Tries at staging before leaving it to the next sync.
const STAGING_TRIES: usize = 4;

/// What staging gives: the next epoch's key, the recovery key to wrap it to, and the current epoch's key.
struct Staged {
    key: DataKey,
    recovery: Bytes32,
    current: DataKey,
}

fn sha256(bytes: &[u8]) -> Vec<u8> {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).to_vec()
}

/// `key` wrapped for every device of the account still in it whose name opens under the account's naming key (a
/// device the server listed but no device of the account named is never handed a key).
async fn device_wraps(me: &mut SignedIn<'_, '_>, key: &DataKey, epoch: u32) -> Result<Vec<DeviceWrap>, SyncError> {
    let list: DeviceList = me.get(routes::DEVICES).await?;
    let mut wraps = Vec::new();
    for device in list.devices.iter().filter(|d| d.revoked_at.is_none()) {
        let keys = DeviceKeysPublic { signing: &device.signing_key, exchange: &device.exchange_key };
        if open_device_name(&me.names, &device.name, keys).is_none() {
            continue;
        }
        let exchange = <Bytes32>::try_from(device.exchange_key.as_slice()).map_err(|_| SyncError::BadReply)?;
        let wrap = wrap_for_device(key, &exchange, epoch).map_err(|_| SyncError::Keys)?;
        wraps.push(DeviceWrap { device_id: device.device_id.clone(), wrap });
    }
    if !wraps.iter().any(|w| w.device_id == me.state.device_id) {
        return Err(SyncError::Keys);
    }
    Ok(wraps)
}

/// Downloads every page since `cursor` into `records` (a deletion takes its record out), opening each live one;
/// gives the new cursor. A record that does not open stops the switch.
async fn download(
    me: &mut SignedIn<'_, '_>,
    collections: &Collections,
    wraps: &KeyWraps,
    keys: &mut BTreeMap<u32, DataKey>,
    records: &mut Records,
    mut cursor: u64,
) -> Result<u64, SyncError> {
    let mut unreadable = 0;
    loop {
        let page: Page = me.get(&format!("{}?since={cursor}&limit={PAGE}", routes::RECORDS)).await?;
        for record in &page.records {
            let place = (record.collection.clone(), record.id.clone());
            if record.deleted {
                records.remove(&place);
                continue;
            }
            if !keys.contains_key(&record.epoch)
                && let Ok(key) = me.data_key(wraps, record.epoch)
            {
                keys.insert(record.epoch, key);
            }
            let opened = match (collections.table(&record.collection), keys.get(&record.epoch)) {
                (Some(table), Some(key)) => {
                    let sealer = Sealer { key, names: &me.names, account: &me.state.account_id, epoch: record.epoch };
                    sealer.open(table, &record.collection, &record.id, &record.body).ok()
                }
                _ => None,
            };
            match opened {
                Some(payload) => {
                    records.insert(place, Live { version: record.version, epoch: record.epoch, payload });
                }
                None => unreadable += 1,
            }
        }
        cursor = page.next_cursor.max(cursor);
        if !page.more {
            break;
        }
    }
    if unreadable > 0 {
        return Err(SyncError::NotAllReadable(unreadable));
    }
    Ok(cursor)
}

/// Seals every live record not yet in `epoch` again under `key` and uploads them, batch by batch, each with the
/// version it replaces; gives how many went up. A refused batch (another device wrote one of them first) stops
/// the round: the caller downloads what changed and comes back.
async fn reseal(me: &mut SignedIn<'_, '_>, key: &DataKey, epoch: u32, records: &mut Records) -> Result<u64, SyncError> {
    let sealer_names = me.names.clone();
    let account = me.state.account_id.clone();
    let sealer = Sealer { key, names: &sealer_names, account: &account, epoch };
    let waiting: Vec<(Vec<u8>, Vec<u8>)> =
        records.iter().filter(|(_, live)| live.epoch != epoch).map(|(place, _)| place.clone()).collect();
    let mut sent = 0;
    for chunk in waiting.chunks(PAGE) {
        let mut writes = Vec::with_capacity(chunk.len());
        for place @ (collection, id) in chunk {
            let live = &records[place];
            writes.push(RecordWrite {
                collection: collection.clone(),
                id: id.clone(),
                epoch,
                deleted: false,
                precondition: Precondition::Version(live.version),
                body: sealer.seal(collection, id, &live.payload)?,
            });
        }
        let request = UploadBatch { records: writes };
        let outcome: BatchOutcome = me.call(Method::Post, routes::RECORDS, Some(&request), false).await?;
        match outcome {
            BatchOutcome::Committed { versions, .. } => {
                for (place, version) in chunk.iter().zip(versions) {
                    if let Some(live) = records.get_mut(place) {
                        live.version = version;
                        live.epoch = epoch;
                    }
                }
                sent += chunk.len() as u64;
            }
            BatchOutcome::Refused { .. } => break,
        }
    }
    Ok(sent)
}

/// SHA-256 over each live record's (collection, id, version), in (collection, id) byte order — the server's.
fn digest(records: &Records) -> Vec<u8> {
    let mut input = Vec::with_capacity(records.len() * 48);
    for ((collection, id), live) in records {
        signing::digest_entry(&mut input, collection, id, live.version);
    }
    sha256(&input)
}
