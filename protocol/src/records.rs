//! Records: opaque collection tags and record ids, an epoch, a deleted flag and an encrypted body. Uploads are
//! atomic batches with a precondition per record; downloads are keyset pages by the account's version.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::codec::{DecodeError, Message, bounded_len, max_count, max_len};
use crate::limits::{
    MAX_BATCH_RECORDS, MAX_COLLECTION_LEN, MAX_PAGE_RECORDS, MAX_RECORD_BODY, MAX_RECORD_ID_LEN, MAX_TOMBSTONE_BODY,
};

/// What the uploader believes the server holds for a record; the batch is refused if it is not so.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Precondition {
    /// Write whatever the server holds.
    Any,
    /// The server must not hold the record (not even as a tombstone).
    Absent,
    /// The server's copy must be at exactly this version.
    Version(u64),
}

/// One record to write. A deletion (`deleted`) carries at most a small sealed body ([`MAX_TOMBSTONE_BODY`]: the
/// client seals the deletion's clock in it, so a deletion and a concurrent edit merge by when each was made); the
/// server keeps it as the tombstone and purges it with the tombstone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordWrite {
    pub collection: Vec<u8>,
    pub id: Vec<u8>,
    pub epoch: u32,
    pub deleted: bool,
    pub precondition: Precondition,
    pub body: Vec<u8>,
}

/// `POST /v1/records`: an atomic batch; either every record is written or none is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadBatch {
    pub records: Vec<RecordWrite>,
}

impl Message for UploadBatch {
    fn validate(&self) -> Result<(), DecodeError> {
        if self.records.is_empty() {
            return Err(DecodeError::invalid("records", "must not be empty"));
        }
        max_count("records", &self.records, MAX_BATCH_RECORDS)?;
        let mut seen = HashSet::with_capacity(self.records.len());
        for record in &self.records {
            bounded_len("records.collection", &record.collection, MAX_COLLECTION_LEN)?;
            bounded_len("records.id", &record.id, MAX_RECORD_ID_LEN)?;
            if record.deleted {
                max_len("records.body", &record.body, MAX_TOMBSTONE_BODY)?;
            } else {
                bounded_len("records.body", &record.body, MAX_RECORD_BODY)?;
            }
            if !seen.insert((&record.collection, &record.id)) {
                return Err(DecodeError::invalid("records.id", "appears twice in the batch"));
            }
        }
        Ok(())
    }
}

/// A refused record: its index in the batch and the server's current version (`None`: the server has none).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conflict {
    pub index: u32,
    pub current_version: Option<u64>,
}

/// The reply to an upload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum BatchOutcome {
    /// Every record was written; `versions[i]` is record i's new version.
    Committed { versions: Vec<u64>, server_version: u64 },
    /// Nothing was written: these records' preconditions failed. Merge them and send the batch again.
    Refused { conflicts: Vec<Conflict> },
}

impl Message for BatchOutcome {
    fn validate(&self) -> Result<(), DecodeError> {
        match self {
            BatchOutcome::Committed { versions, .. } => max_count("versions", versions, MAX_BATCH_RECORDS),
            BatchOutcome::Refused { conflicts } => {
                max_count("conflicts", conflicts, MAX_BATCH_RECORDS)?;
                if conflicts.is_empty() {
                    return Err(DecodeError::invalid("conflicts", "must not be empty"));
                }
                Ok(())
            }
        }
    }
}

/// A record as the server holds it. Tombstones have `deleted` and a small (or empty) body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    pub collection: Vec<u8>,
    pub id: Vec<u8>,
    pub epoch: u32,
    pub deleted: bool,
    pub version: u64,
    pub body: Vec<u8>,
}

/// The reply to `GET /v1/records?since=CURSOR&limit=N`: records with version > `since`, in version order.
/// `next_cursor` is the last version in the page (or `since` when empty); `more` says whether to ask again.
/// `server_version` is the account's latest version: a device is up to date when its cursor reaches it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page {
    pub records: Vec<Record>,
    pub next_cursor: u64,
    pub more: bool,
    pub server_version: u64,
}

impl Message for Page {
    fn validate(&self) -> Result<(), DecodeError> {
        max_count("records", &self.records, MAX_PAGE_RECORDS)?;
        let mut last = 0;
        for record in &self.records {
            bounded_len("records.collection", &record.collection, MAX_COLLECTION_LEN)?;
            bounded_len("records.id", &record.id, MAX_RECORD_ID_LEN)?;
            max_len("records.body", &record.body, if record.deleted { MAX_TOMBSTONE_BODY } else { MAX_RECORD_BODY })?;
            if record.version <= last {
                return Err(DecodeError::invalid("records.version", "must increase through the page"));
            }
            last = record.version;
        }
        if self.next_cursor < last || self.server_version < self.next_cursor {
            return Err(DecodeError::invalid("next_cursor", "is behind the page or past the server"));
        }
        Ok(())
    }
}
