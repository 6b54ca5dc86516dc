//! A moderator's backup of one group they own: [`Groups::backup`] seals the owner's keys, the group's secrets and
//! the charter chain under a key derived from a new 24-word phrase of its own (the same BIP-39 encoding as the
//! recovery phrase, [`crate::sync::phrase`], but a different secret), and [`Groups::restore`] puts them back on
//! any device from the file and the phrase ([`open`] is its pure part: the checks on the file, with no I/O).
//! [`Groups::owner_payload`] and [`open_payload`] are the inner payload without the file and its phrase: an
//! owner's membership row seals it for their other devices (`memberships.rs`).
//! Without a backup, a group with one owner is orphaned when that owner's phone is lost: nobody could publish,
//! change its charter or hand it over again.
//!
//! The file is `MAGIC` then XChaCha20-Poly1305 over the payload, with `MAGIC` as associated data. The payload
//! is the encoded [`BackupContents`], followed for a private group only by an encoded [`PrivatePart`] (its
//! intake public key, so the group stays private wherever its owner's keys go: its invite stays the private
//! link, never an open one carrying the read key). An open group's payload is exactly what it was before
//! private groups, so older backups and owner rows still open. `MAGIC` is unchanged: an older Mend reads the
//! payload with `codec::decode`, which refuses trailing bytes, so it refuses a private group's backup or owner
//! row ("does not open") rather than restoring it as an open group.
//! A changed byte anywhere, or another phrase, opens nothing: a changed byte anywhere, or another phrase, opens nothing. The phrase holds 256 bits, so no slow key
//! stretching is needed. Restoring needs no network: the chain in the file is checked as members check one
//! (each version signed by the owners it must be), and this device's owner key must still be an owner of its
//! newest version. A later charter or pack on the server is caught up by the next publish, as on any of the
//! owner's devices.

use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, Zeroizing};

use super::charter::{Charter, GroupId, SignedCharter};
use super::codec;
use super::device::Groups;
use super::error::GroupError;
use super::failure::{GroupsFailure, Outcome};
use super::keys::GroupSecrets;
use super::local::{self, OwnedRow};
use super::memberships::{self, MembershipKey};
use super::private_rows;
use super::secrets::GroupKeys;
use super::trust::GroupTrust;
use crate::crypto::{self, Bytes32, SigningKey};
use crate::sync::phrase::RootSecret;

/// What every backup file starts with: says what the file is to a person who opens it, and which format.
pub const MAGIC: &[u8] =
    b"Mend group backup, version 1. Restore it in Mend (the app, or `mend group restore`) with its 24 words.\n";
/// The largest backup file read (a long charter chain is a few kilobytes a version).
pub const MAX_FILE_BYTES: usize = 1024 * 1024;

/// What a backup carries.
#[derive(Serialize, Deserialize)]
struct BackupContents {
    group_id: GroupId,
    server: String,
    /// Each version's exact bytes, oldest first.
    charters: Vec<Vec<u8>>,
    pack_sequence: u64,
    owner_signing: Bytes32,
    owner_exchange: Bytes32,
    secrets: GroupSecrets,
}

/// What follows [`BackupContents`] in a private group's payload (nothing follows an open group's).
#[derive(Serialize, Deserialize)]
struct PrivatePart {
    /// The intake public key its private invite carries (`groups_owned.intake_public`).
    intake_public: Bytes32,
}

impl Drop for BackupContents {
    fn drop(&mut self) {
        self.owner_signing.zeroize();
        self.owner_exchange.zeroize();
        self.secrets.owner_secret.zeroize();
        self.secrets.read_key.zeroize();
    }
}

/// A backup just made: the file's bytes and the phrase that opens them, shown once.
pub struct Backup {
    /// The group's id (hex).
    pub id: String,
    pub name: String,
    /// The 24 words: shown to the moderator once, never stored.
    pub phrase: Zeroizing<String>,
    /// The file to keep (not secret on its own: it opens only with the phrase).
    pub file: Vec<u8>,
}

/// A group put back on this device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Restored {
    pub id: String,
    pub name: String,
    pub charter_version: u32,
    pub pack_sequence: u64,
}

fn file_key(secret: &RootSecret) -> Zeroizing<Bytes32> {
    Zeroizing::new(crypto::derive(secret.bytes(), "mend-group-backup-v1"))
}

/// Why a file and phrase did not open: the same words for a changed file and a wrong phrase, since nothing can
/// tell the two apart.
fn does_not_open() -> GroupsFailure {
    GroupError::invalid(
        "backup",
        "the file does not open with these words: check each word and their order, and that this is the group's \
         backup file (nothing was restored)",
    )
    .into()
}

impl Groups<'_> {
    /// A new backup of the owned group `group` (its id or name; `None` for the only one), under a new phrase.
    /// Each backup has its own phrase; an earlier file keeps opening with its own words. Once the file is saved,
    /// [`Groups::backup_kept`] records it.
    pub fn backup(&self, group: Option<&str>) -> Outcome<Backup> {
        let row = self.owned_group(group)?;
        let newest = row.charters.last().ok_or(GroupError::Malformed { what: "charter" })?.charter()?;
        let payload = self.owner_payload(&row)?;
        let secret = RootSecret::generate();
        let file = seal_payload(&payload, &secret);
        Ok(Backup { id: row.group_id, name: newest.name, phrase: secret.phrase(), file })
    }

    /// What a backup of the owned group `row` carries, from the journal and the key store.
    fn contents(&self, row: &OwnedRow, group_id: GroupId) -> Outcome<BackupContents> {
        let keys = GroupKeys::new(self.keys, group_id);
        Ok(BackupContents {
            group_id,
            server: row.server.clone(),
            charters: row.charters.iter().map(SignedCharter::encode).collect(),
            pack_sequence: row.pack_sequence,
            owner_signing: keys.owner_signing()?.secret(),
            owner_exchange: *keys.owner_exchange()?,
            secrets: keys.secrets()?,
        })
    }

    /// A backup's inner payload for the owned group `row` (before any phrase seals it): what the owner's other
    /// devices need to take the same place, sealed in their membership row (`memberships.rs`).
    /// A private group's payload carries its intake public key (from the journal).
    pub(crate) fn owner_payload(&self, row: &OwnedRow) -> Outcome<Zeroizing<Vec<u8>>> {
        let intake = self.core.store.read(|conn| Ok(private_rows::owned_intake(conn, &row.group_id)?))?;
        self.payload_with(row, intake)
    }

    /// [`Groups::owner_payload`] with the intake public key given (`None` for an open group): for a row not yet
    /// in the journal.
    fn payload_with(&self, row: &OwnedRow, intake_public: Option<Bytes32>) -> Outcome<Zeroizing<Vec<u8>>> {
        let newest = row.charters.last().ok_or(GroupError::Malformed { what: "charter" })?.charter()?;
        Ok(encode_payload(&self.contents(row, newest.group_id)?, intake_public))
    }

    /// Records that the backup of the owned group `id` was kept (its file saved, its words shown): the "a lost
    /// device would orphan it" warning stops. Called after saving, so a file that was never written counts for
    /// nothing.
    pub fn backup_kept(&self, id: &str) -> Outcome<()> {
        let row = self.owned_group(Some(id))?;
        let now_ms = self.now_ms();
        self.core.store.write(|tx| Ok(local::mark_backed_up(tx, &row.group_id, now_ms)?))?;
        Ok(())
    }

    /// Puts the group in the backup `file` back on this device, opened with `phrase` (typed as the person wrote
    /// it down). Nothing is stored unless the file opens, its charter chain verifies and its owner key is still
    /// an owner ([`open`]).
    pub fn restore(&self, file: &[u8], phrase: &str) -> Outcome<Restored> {
        let opened = open(file, phrase)?;
        let record = self.membership_key()?;
        self.keep_opened(&opened, true, record.as_ref())
    }

    /// Stores a checked backup's group (a restore, or a membership row from another of the person's devices):
    /// the keys, then the group (marked private with its intake public key when the payload says so), and — with `record` — the person's membership row in the same write. With
    /// `backed_up`, the group counts as backed up (a restore from a file).
    pub(crate) fn keep_opened(
        &self,
        opened: &Opened,
        backed_up: bool,
        record: Option<&MembershipKey>,
    ) -> Outcome<Restored> {
        let id = mend_protocol::hex::encode(&opened.group_id);
        let already = self.core.store.read(|conn| Ok(local::owned(conn)?))?;
        if already.iter().any(|row| row.group_id == id) {
            return Err(GroupsFailure::Conflict("this device already moderates this group".into()));
        }
        let keys = GroupKeys::new(self.keys, opened.group_id);
        keys.set_owner(&opened.owner, &opened.owner_exchange, &opened.secrets)?;
        let row = OwnedRow {
            group_id: id.clone(),
            server: opened.server.clone(),
            charters: opened.charters.clone(),
            pack_sequence: opened.pack_sequence,
        };
        let payload = match record {
            Some(_) => Some(self.payload_with(&row, opened.intake_public)?),
            None => None,
        };
        let now_ms = self.now_ms();
        let now = self.core.clock.now();
        let stored = self.core.store.write(|tx| {
            local::insert_owned(tx, &row, now_ms)?;
            if let Some(intake_public) = &opened.intake_public {
                private_rows::set_owned_intake(tx, &id, intake_public)?;
            }
            if let (Some(key), Some(payload)) = (record, &payload) {
                memberships::record_owner(tx, key, &id, &row.server, payload, now)?;
            }
            if backed_up {
                local::mark_backed_up(tx, &id, now_ms)?;
            }
            Ok(())
        });
        if let Err(error) = stored {
            // Nothing was restored, so no keys are left behind for a group this device does not hold.
            keys.forget_owner()?;
            return Err(error.into());
        }
        Ok(Restored {
            id,
            name: opened.newest.name.clone(),
            charter_version: opened.newest.version,
            pack_sequence: opened.pack_sequence,
        })
    }
}

/// A backup file opened and checked, before anything is stored: what [`Groups::restore`] puts back.
pub struct Opened {
    pub group_id: GroupId,
    pub server: String,
    /// The verified chain, oldest first.
    pub charters: Vec<SignedCharter>,
    /// The chain's newest version, which names the owner key as an owner.
    pub newest: Charter,
    pub pack_sequence: u64,
    pub owner: SigningKey,
    pub owner_exchange: Zeroizing<Bytes32>,
    pub secrets: GroupSecrets,
    /// A private group's intake public key (`None`: an open group).
    pub intake_public: Option<Bytes32>,
}

/// Opens the backup `file` with `phrase` (typed as the person wrote it down), with no I/O: checks the file's
/// size and `MAGIC`, decrypts and decodes it, verifies its charter chain from version 1 (as members check one)
/// and that its owner key is an owner of the newest version. Every file read from outside goes through here.
pub fn open(file: &[u8], phrase: &str) -> Outcome<Opened> {
    let secret =
        RootSecret::from_phrase(phrase).map_err(|e| GroupError::invalid("phrase", words_only(&e.to_string())))?;
    if file.len() > MAX_FILE_BYTES {
        return Err(GroupError::invalid("backup", "the file is too large to be a group backup").into());
    }
    let sealed = file
        .strip_prefix(MAGIC)
        .ok_or_else(|| GroupError::invalid("backup", "this is not a Mend group backup file (nothing was restored)"))?;
    let plain = Zeroizing::new(crypto::open(&file_key(&secret), MAGIC, sealed).map_err(|_| does_not_open())?);
    open_payload(&plain, does_not_open)
}

/// Checks a backup's inner payload, once opened (from a file, or a membership row): decodes it, verifies its
/// charter chain from version 1 and that its owner key is an owner of the newest version. `undecodable` is the
/// failure for bytes that are not a payload, or whose parts disagree; a private part that does not read is
/// refused naming `intake_public`.
pub(crate) fn open_payload(plain: &[u8], undecodable: fn() -> GroupsFailure) -> Outcome<Opened> {
    let does_not_open = undecodable;
    // `codec::decode` refuses trailing bytes, so the contents are taken from the front and what follows (a
    // private group's part, or nothing) is read strictly on its own.
    if plain.len() > MAX_FILE_BYTES {
        return Err(does_not_open());
    }
    let (contents, rest) = postcard::take_from_bytes::<BackupContents>(plain).map_err(|_| does_not_open())?;
    let intake_public = match rest {
        [] => None,
        rest => {
            let part: PrivatePart = codec::decode(rest, "intake_public", MAX_FILE_BYTES).map_err(|_| {
                GroupError::invalid("intake_public", "is not a private group's intake key (nothing was restored)")
            })?;
            Some(part.intake_public)
        }
    };
    let charters = contents.charters.iter().map(|bytes| SignedCharter::decode(bytes)).collect::<Result<Vec<_>, _>>()?;
    let root = charters.first().ok_or(GroupError::Malformed { what: "backup" })?;
    let mut trust = GroupTrust::from_root(&root.hash(), root)?;
    trust.apply_charters(&charters[1..])?;
    let newest = trust.charter;
    let owner = SigningKey::from_secret(&contents.owner_signing);
    if newest.group_id != contents.group_id || contents.secrets.group_id != contents.group_id {
        return Err(does_not_open());
    }
    if !newest.is_owner(&owner.public()) {
        return Err(GroupsFailure::Conflict(
            "the owner key in this backup is no longer one of the group's owners; ask an owner to add you \
             again (nothing was restored)"
                .into(),
        ));
    }
    Ok(Opened {
        group_id: contents.group_id,
        server: contents.server.clone(),
        charters,
        newest,
        pack_sequence: contents.pack_sequence,
        owner,
        owner_exchange: Zeroizing::new(contents.owner_exchange),
        secrets: contents.secrets.clone(),
        intake_public,
    })
}

/// A backup file of the owned group `charters` (oldest first) describe, sealed under `phrase` exactly as
/// [`Groups::backup`] seals one, built without a device or a server: for tests and fuzz seeds.
#[cfg(feature = "fixtures")]
pub fn seal(
    server: &str,
    charters: &[SignedCharter],
    pack_sequence: u64,
    owner: &SigningKey,
    owner_exchange: &Bytes32,
    secrets: &GroupSecrets,
    phrase: &str,
) -> Outcome<Vec<u8>> {
    let secret =
        RootSecret::from_phrase(phrase).map_err(|e| GroupError::invalid("phrase", words_only(&e.to_string())))?;
    let contents = BackupContents {
        group_id: secrets.group_id,
        server: server.to_owned(),
        charters: charters.iter().map(SignedCharter::encode).collect(),
        pack_sequence,
        owner_signing: owner.secret(),
        owner_exchange: *owner_exchange,
        secrets: secrets.clone(),
    };
    Ok(seal_payload(&encode_payload(&contents, None), &secret))
}

/// A payload: the encoded `contents`, then for a private group (`intake_public`) its encoded [`PrivatePart`].
fn encode_payload(contents: &BackupContents, intake_public: Option<Bytes32>) -> Zeroizing<Vec<u8>> {
    let front = Zeroizing::new(codec::encode(contents));
    let Some(intake_public) = intake_public else { return front };
    let part = codec::encode(&PrivatePart { intake_public });
    // Sized once, so no copy of the secrets is left behind by a reallocation.
    let mut plain = Zeroizing::new(Vec::with_capacity(front.len() + part.len()));
    plain.extend_from_slice(&front);
    plain.extend_from_slice(&part);
    plain
}

/// `MAGIC`, then `plain` sealed under the key `secret` derives, with `MAGIC` as associated data.
fn seal_payload(plain: &[u8], secret: &RootSecret) -> Vec<u8> {
    let mut file = MAGIC.to_vec();
    file.extend(crypto::seal(&file_key(secret), MAGIC, plain));
    file
}

/// A phrase error's words without the "phrase: " its own message starts with (the field is named already).
fn words_only(message: &str) -> String {
    message.strip_prefix("phrase: ").unwrap_or(message).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::groups::device_tests::{FakeServer, device, new_group, run};

    fn undecodable() -> GroupsFailure {
        GroupError::invalid("backup", "does not open").into()
    }

    fn field(result: Outcome<Opened>) -> String {
        match result {
            Err(GroupsFailure::Group(GroupError::Invalid { field, .. })) => field,
            Err(other) => panic!("expected a refusal naming a field, got {other:?}"),
            Ok(_) => panic!("expected a refusal"),
        }
    }

    #[test]
    fn an_open_groups_payload_is_as_before_and_a_private_groups_adds_only_its_part() {
        let server = FakeServer::new();
        let owner = device();
        let groups = owner.mend.groups(&owner.keys);
        run(groups.create(&server, new_group("Tuesday circle"))).unwrap();
        run(groups.create_private(&server, new_group("Quiet circle"))).unwrap();
        let mut rows = groups.core.store.read(|c| Ok(local::owned(c)?)).unwrap();
        // Created at the same moment, so listed by id, in either order: sorted with the open one first.
        let intake_of =
            |row: &OwnedRow| groups.core.store.read(|c| Ok(private_rows::owned_intake(c, &row.group_id)?)).unwrap();
        rows.sort_by_key(|row| intake_of(row).is_some());
        let [open_row, private_row] = &rows[..] else { panic!("two groups") };
        let contents = |row: &OwnedRow| {
            let group_id = row.charters[0].charter().unwrap().group_id;
            codec::encode(&groups.contents(row, group_id).unwrap())
        };

        // An open group's payload is exactly the old format, and the old format opens as an open group.
        let open_payload_bytes = groups.owner_payload(open_row).unwrap();
        assert_eq!(*open_payload_bytes, contents(open_row));
        assert!(open_payload(&open_payload_bytes, undecodable).unwrap().intake_public.is_none());
        // A private group's payload written before it carried its part still opens (as the old code read it).
        assert!(open_payload(&contents(private_row), undecodable).unwrap().intake_public.is_none());

        // A private group's: the old format, then its intake key, which opens back.
        let private = groups.owner_payload(private_row).unwrap();
        let intake = intake_of(private_row);
        let front = contents(private_row);
        assert_eq!(&private[..front.len()], &front[..]);
        assert_eq!(open_payload(&private, undecodable).unwrap().intake_public, intake);
        assert!(intake.is_some());
        // An older Mend reads it with `codec::decode`, which refuses the trailing part: it restores nothing
        // rather than an open group.
        assert!(codec::decode::<BackupContents>(&private, "backup", MAX_FILE_BYTES).is_err());

        // A part too short or too long is refused naming it; a payload too large is refused as undecodable.
        assert_eq!(field(open_payload(&private[..private.len() - 1], undecodable)), "intake_public");
        let mut longer = private.to_vec();
        longer.push(0);
        assert_eq!(field(open_payload(&longer, undecodable)), "intake_public");
        let mut huge = front.clone();
        huge.resize(MAX_FILE_BYTES + 1, 0);
        assert_eq!(field(open_payload(&huge, undecodable)), "backup");
    }
}
