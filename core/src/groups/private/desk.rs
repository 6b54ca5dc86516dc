//! The moderators' desk: one document a group's owners and publishers share — the intake secret, the current
//! epoch and its read key, the roster of members, how far the join inbox has been read, handover notes and a
//! draft charter. It is sealed under a fresh random key (XChaCha20-Poly1305), that key sealed with HPKE to each
//! moderator's X25519 key (info `mend-group-desk-v1`, bound to the moderators' mailbox and the sequence), and
//! the whole signed by the moderator who wrote it. Opening needs one of those keys; [`OpenedDesk::verify`] then
//! trusts the desk only when the current charter lists its writer as an owner or publisher, or its writer is an
//! owner who signed the current charter as they left it ([`departing_signers`]: a handover's desk).
//!
//! Two moderators' desks merge (roster entries by member key, the later change winning) in [`super::desk_merge`].

use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, Zeroizing};

use super::hpke_seal;
use super::request::check_display_name;
use crate::crypto::{self, Bytes32, SigningKey};
use crate::groups::charter::{Charter, GroupId, MAX_OWNERS, MAX_PUBLISHERS, SignedCharter};
use crate::groups::codec;
use crate::groups::error::{GroupError, Result};

/// The label desk signatures, boxes and HPKE seals are made under.
pub const DESK_LABEL: &str = "mend-group-desk-v1";
/// The most members the roster holds.
pub const MAX_ROSTER: usize = 4096;
/// The most notes the desk keeps (a merge keeps the latest).
pub const MAX_NOTES: usize = 256;
/// The longest note, in bytes.
pub const MAX_NOTE_BYTES: usize = 4096;
/// The largest draft charter, in bytes.
pub const MAX_DRAFT_BYTES: usize = 64 * 1024;
/// The largest encoded desk.
pub const MAX_DESK_BYTES: usize = 4 * 1024 * 1024;
/// The most moderators a desk is sealed to: every owner and publisher a charter may list.
pub const MAX_RECIPIENTS: usize = MAX_OWNERS + MAX_PUBLISHERS;
/// A sealed content key: the key and HPKE's overhead.
const WRAP_LEN: usize = 32 + hpke_seal::OVERHEAD;
/// The largest sealed desk.
const MAX_BOX_BYTES: usize = MAX_DESK_BYTES + 64 + MAX_RECIPIENTS * (WRAP_LEN + 2) + 256;

/// What the moderators share about one private group.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Desk {
    pub group_id: GroupId,
    /// Rises with every write (the moderators' mailbox refuses a lower one).
    pub sequence: u64,
    /// The intake key's secret: join requests are sealed to its public half.
    pub intake_secret: Bytes32,
    /// The current epoch and its read key.
    pub epoch: u32,
    pub read_key: Bytes32,
    pub roster: Vec<RosterEntry>,
    /// The join inbox's sequence read up to.
    pub inbox_read_up_to: u64,
    pub notes: Vec<Note>,
    /// A draft charter's bytes.
    pub draft: Option<Vec<u8>>,
}

/// One member as the moderators know them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RosterEntry {
    /// The X25519 key the member's device made for this group.
    pub member_key: Bytes32,
    pub display_name: String,
    pub status: Status,
    /// Seconds since the Unix epoch, when `status` last changed.
    pub changed_at: i64,
    pub request_id: [u8; 16],
}

/// Where a member's request stands. The order is the merge's tie-break: at one moment, the later status wins
/// (a removal over an approval).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Status {
    Pending,
    Approved,
    Declined,
    Removed,
}

/// A note one moderator leaves the others (a handover, a reminder to change a meeting's passcode).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Note {
    pub author: String,
    pub text: String,
    /// Seconds since the Unix epoch.
    pub at: i64,
}

impl std::fmt::Debug for Desk {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Desk")
            .field("sequence", &self.sequence)
            .field("epoch", &self.epoch)
            .field("roster", &self.roster.len())
            .field("inbox_read_up_to", &self.inbox_read_up_to)
            .field("notes", &self.notes.len())
            .finish_non_exhaustive()
    }
}

impl Drop for Desk {
    fn drop(&mut self) {
        self.intake_secret.zeroize();
        self.read_key.zeroize();
    }
}

impl Desk {
    /// Checks the desk's own fields, naming the one at fault.
    pub fn check(&self) -> Result<()> {
        let field = |name: &str, reason: &str| Err(GroupError::invalid(format!("desk.{name}"), reason));
        if self.epoch == 0 {
            return field("epoch", "starts at 1");
        }
        if self.roster.len() > MAX_ROSTER {
            return field("roster", "holds at most 4096 members");
        }
        for entry in &self.roster {
            check_display_name("desk.roster.display_name", &entry.display_name)?;
        }
        let mut keys: Vec<&Bytes32> = self.roster.iter().map(|e| &e.member_key).collect();
        keys.sort();
        keys.dedup();
        if keys.len() != self.roster.len() {
            return field("roster", "each member appears once");
        }
        if self.notes.len() > MAX_NOTES {
            return field("notes", "holds at most 256 notes");
        }
        for note in &self.notes {
            check_display_name("desk.notes.author", &note.author)?;
            if note.text.len() > MAX_NOTE_BYTES {
                return field("notes.text", "can be at most 4 KiB");
            }
        }
        if self.draft.as_ref().is_some_and(|d| d.len() > MAX_DRAFT_BYTES) {
            return field("draft", "can be at most 64 KiB");
        }
        Ok(())
    }
}

/// A desk as it travels: sealed for its recipients and signed by its writer.
#[derive(Serialize, Deserialize)]
struct DeskBox {
    sequence: u64,
    writer: Bytes32,
    /// The content key sealed to each recipient, in the order given.
    wraps: Vec<Vec<u8>>,
    /// The encoded desk sealed under the content key.
    ciphertext: Vec<u8>,
    /// 64 bytes of Ed25519 signature over [`signed_message`].
    signature: Vec<u8>,
}

fn place(mailbox: &Bytes32, sequence: u64) -> Vec<u8> {
    [DESK_LABEL.as_bytes(), mailbox, &sequence.to_be_bytes()].concat()
}

/// What the writer signs: the mailbox, the sequence and a hash of everything sealed.
fn signed_message(mailbox: &Bytes32, sequence: u64, wraps: &[Vec<u8>], ciphertext: &[u8]) -> Vec<u8> {
    let sealed = codec::encode(&(wraps, ciphertext));
    [mailbox.as_slice(), &sequence.to_be_bytes(), &crypto::hash(DESK_LABEL, &sealed)].concat()
}

/// Whom a desk is sealed to under `charter`: every owner's and every publisher's X25519 key.
pub fn recipients(charter: &Charter) -> Vec<Bytes32> {
    let owners = charter.owners.iter().map(|o| o.exchange_key);
    owners.chain(charter.publishers.iter().map(|p| p.exchange_key)).collect()
}

/// The bytes to post for `desk` on the moderators' mailbox `mailbox`, signed by `writer` and opened by the
/// holder of any of `recipients` (X25519 keys: [`recipients`] of the current charter).
pub fn seal(desk: &Desk, mailbox: &Bytes32, writer: &SigningKey, recipients: &[Bytes32]) -> Result<Vec<u8>> {
    desk.check()?;
    if recipients.is_empty() || recipients.len() > MAX_RECIPIENTS {
        return Err(GroupError::invalid("desk.recipients", "a desk is sealed to 1-80 moderators"));
    }
    let encoded = Zeroizing::new(codec::encode(desk));
    if encoded.len() > MAX_DESK_BYTES {
        return Err(GroupError::invalid("desk", "is larger than 4 MiB"));
    }
    let content_key = Zeroizing::new(crypto::random::<32>());
    let aad = place(mailbox, desk.sequence);
    let ciphertext = crypto::seal(&content_key, &aad, &encoded);
    let wraps = recipients
        .iter()
        .map(|r| hpke_seal::seal_to("desk", r, DESK_LABEL.as_bytes(), &aad, content_key.as_slice()))
        .collect::<Result<Vec<_>>>()?;
    let signature = writer.sign(DESK_LABEL, &signed_message(mailbox, desk.sequence, &wraps, &ciphertext)).to_vec();
    let sealed = DeskBox { sequence: desk.sequence, writer: writer.public(), wraps, ciphertext, signature };
    Ok(codec::encode(&sealed))
}

/// A desk opened with one recipient's key, its writer not yet trusted: [`OpenedDesk::verify`] it.
#[derive(Debug)]
pub struct OpenedDesk {
    desk: Desk,
    pub writer_public: Bytes32,
}

/// The owners of `previous` who are not in `in_force` (the version after it) and signed it: an owner who puts a
/// handover in force seals the desk for the new owners as they leave, so the desk they wrote is trusted until
/// the next charter. Anyone else who signed, or an owner removed by others, is not.
pub fn departing_signers(previous: &Charter, in_force: &SignedCharter) -> Result<Vec<Bytes32>> {
    let charter = in_force.charter()?;
    let signers = in_force.verified_signers()?;
    Ok(previous
        .owners
        .iter()
        .map(|o| o.signing_key)
        .filter(|key| !charter.is_owner(key) && charter.publisher(key).is_none() && signers.contains(key))
        .collect())
}

impl OpenedDesk {
    /// The desk, once `charter` (the group's current charter) lists its writer as an owner or a publisher, or its
    /// writer is among `departing` ([`departing_signers`] of the current charter).
    pub fn verify(&self, charter: &Charter, departing: &[Bytes32]) -> Result<&Desk> {
        let listed = charter.is_owner(&self.writer_public) || charter.publisher(&self.writer_public).is_some();
        if !listed && !departing.contains(&self.writer_public) {
            return Err(GroupError::refused("desk", "its writer is not a moderator of the group"));
        }
        if self.desk.group_id != charter.group_id {
            return Err(GroupError::refused("desk", "it is of another group"));
        }
        Ok(&self.desk)
    }
}

/// Opens a desk read from the moderators' mailbox `mailbox` with this device's X25519 secret: the writer's
/// signature is checked, the content key opened from the wrap sealed to this key, the desk decoded and checked.
pub fn open(sealed: &[u8], my_exchange_secret: &Bytes32, mailbox: &Bytes32) -> Result<OpenedDesk> {
    let malformed = || GroupError::Malformed { what: "desk" };
    if sealed.len() > MAX_BOX_BYTES {
        return Err(malformed());
    }
    let sealed: DeskBox = codec::decode(sealed, "desk", MAX_BOX_BYTES)?;
    let signature: [u8; 64] = sealed.signature.as_slice().try_into().map_err(|_| malformed())?;
    if sealed.wraps.is_empty()
        || sealed.wraps.len() > MAX_RECIPIENTS
        || sealed.wraps.iter().any(|w| w.len() != WRAP_LEN)
    {
        return Err(malformed());
    }
    let message = signed_message(mailbox, sealed.sequence, &sealed.wraps, &sealed.ciphertext);
    crypto::verify(&sealed.writer, DESK_LABEL, &message, &signature)
        .map_err(|reason| GroupError::Crypto { what: "desk", reason })?;
    let aad = place(mailbox, sealed.sequence);
    let content_key = sealed
        .wraps
        .iter()
        .find_map(|wrap| hpke_seal::open_with("desk", my_exchange_secret, DESK_LABEL.as_bytes(), &aad, wrap).ok())
        .ok_or(GroupError::refused("desk", "it was not sealed to this device's key"))?;
    let content_key: Zeroizing<Bytes32> = Zeroizing::new(content_key.as_slice().try_into().map_err(|_| malformed())?);
    let plain = Zeroizing::new(
        crypto::open(&content_key, &aad, &sealed.ciphertext)
            .map_err(|reason| GroupError::Crypto { what: "desk", reason })?,
    );
    let desk: Desk = codec::decode(&plain, "desk", MAX_DESK_BYTES)?;
    desk.check()?;
    if desk.sequence != sealed.sequence {
        return Err(malformed());
    }
    Ok(OpenedDesk { desk, writer_public: sealed.writer })
}
