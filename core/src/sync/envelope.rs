//! The envelope every synced record travels in (shared/design/SYNC.md, "Records and merge"; the layout is in
//! docs/protocol.md): a version byte, then XChaCha20-Poly1305 with a random 24-byte nonce over the record padded
//! to a fixed bucket, under the epoch's data key. The associated data binds the account, the collection tag, the
//! record id, the epoch and the schema version, so a body moved to another record, collection, account or epoch
//! — or replayed under an older schema — does not open.
//!
//! Padding hides a record's exact size: the plaintext is its length (4 bytes, little-endian) and the record, then
//! zeros up to the next bucket — 256 bytes, doubling up to [`MAX_PADDED`] (a 300-byte row fits 512 bytes).
//! Opening checks every byte it was given: a body that is short, of an unknown version, tampered with, sealed with
//! another key or for another place, or whose padding is not as sealed, is refused with a typed error — never a
//! panic (a fuzz target feeds it arbitrary bytes).

use super::keys::DataKey;
use crate::crypto::{self, NONCE_LEN, TAG_LEN};

/// The envelope format this build writes and reads.
pub const VERSION: u8 = 1;
/// The smallest bucket.
pub const MIN_PADDED: usize = 256;
/// The largest bucket: a record must fit it with its length prefix.
pub const MAX_PADDED: usize = 128 * 1024;
/// Bytes an envelope adds to its padded plaintext: version, nonce, tag.
pub const OVERHEAD: usize = 1 + NONCE_LEN + TAG_LEN;

/// Where a record belongs: bound into its envelope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place<'a> {
    pub account: &'a [u8],
    pub collection: &'a [u8],
    pub record: &'a [u8],
    pub epoch: u32,
    /// The version of the record's layout (a table's columns), so an old body is never read as a new one.
    pub schema: u16,
}

/// Why an envelope was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum EnvelopeError {
    #[error("a synced record is too short to be one")]
    Truncated,
    #[error("a synced record was written by a newer version of Mend")]
    UnknownVersion,
    #[error("a synced record could not be decrypted: it was changed, moved, or sealed with another key")]
    Unsealed,
    #[error("a synced record's padding is not as it was sealed")]
    BadPadding,
    #[error("a record is too large to sync")]
    TooLarge,
}

/// The bucket `len` bytes of record (plus the length prefix) are padded to.
pub fn bucket(len: usize) -> Option<usize> {
    let needed = len.checked_add(4)?;
    let mut size = MIN_PADDED;
    while size < needed {
        size *= 2;
    }
    (size <= MAX_PADDED).then_some(size)
}

/// Seals `record` for `place` under `key`.
pub fn seal(key: &DataKey, place: &Place<'_>, record: &[u8]) -> Result<Vec<u8>, EnvelopeError> {
    let size = bucket(record.len()).ok_or(EnvelopeError::TooLarge)?;
    let mut padded = Vec::with_capacity(size);
    padded.extend_from_slice(&(record.len() as u32).to_le_bytes());
    padded.extend_from_slice(record);
    padded.resize(size, 0);
    let mut out = Vec::with_capacity(OVERHEAD + size);
    out.push(VERSION);
    out.extend(crypto::seal(key.bytes(), &aad(VERSION, place), &padded));
    Ok(out)
}

/// The record in `body`, if it was sealed for `place` under `key` and is whole.
pub fn open(key: &DataKey, place: &Place<'_>, body: &[u8]) -> Result<Vec<u8>, EnvelopeError> {
    let (&version, sealed) = body.split_first().ok_or(EnvelopeError::Truncated)?;
    if version != VERSION {
        return Err(EnvelopeError::UnknownVersion);
    }
    if sealed.len() < NONCE_LEN + TAG_LEN + MIN_PADDED {
        return Err(EnvelopeError::Truncated);
    }
    let padded = crypto::open(key.bytes(), &aad(version, place), sealed).map_err(|_| EnvelopeError::Unsealed)?;
    Ok(unpad(&padded)?.to_vec())
}

/// The record in opened, padded plaintext: its length prefix names a record that fills exactly its bucket's
/// worth with zeros after it.
pub fn unpad(padded: &[u8]) -> Result<&[u8], EnvelopeError> {
    let (prefix, rest) = padded.split_at_checked(4).ok_or(EnvelopeError::BadPadding)?;
    let len = u32::from_le_bytes(prefix.try_into().expect("split at 4")) as usize;
    if bucket(len) != Some(padded.len()) {
        return Err(EnvelopeError::BadPadding);
    }
    let (record, zeros) = rest.split_at(len);
    if zeros.iter().any(|&b| b != 0) {
        return Err(EnvelopeError::BadPadding);
    }
    Ok(record)
}

/// The associated data: a label, the version, and each part of the place, length-prefixed.
fn aad(version: u8, place: &Place<'_>) -> Vec<u8> {
    let mut aad = b"mend-sync-record".to_vec();
    aad.push(version);
    for part in [place.account, place.collection, place.record] {
        aad.extend_from_slice(&(part.len() as u32).to_be_bytes());
        aad.extend_from_slice(part);
    }
    aad.extend_from_slice(&place.epoch.to_be_bytes());
    aad.extend_from_slice(&place.schema.to_be_bytes());
    aad
}

#[cfg(test)]
mod tests;
