//! What one synced row is on the wire: a [`Payload`] — the row's table, its guid, its natural key where the
//! table is identified by one, and the row as the merge takes it (clock, deletion, fields by column) — sealed in
//! an envelope ([`super::envelope`]) bound to the account, the table's collection tag, the record id and the
//! epoch. Collection tags and record ids are keyed hashes ([`NamingKey`]), so the server reads no table name,
//! guid or guide id. A deletion is sealed too: its clock travels, so a deletion and an edit made elsewhere merge
//! by which came later; its fields are empty.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::envelope::{self, EnvelopeError, Place};
use super::keys::{DataKey, NAME_LEN, NamingKey};
use super::merge::Version;
use crate::store::registry::{Identity, Owner, Sync, Table};

/// The layout of a payload, bound into every envelope (a newer layout is refused, never misread).
pub const SCHEMA: u16 = 1;

/// One synced row, as sealed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Payload {
    pub table: String,
    pub guid: String,
    /// The natural key's value, for a table identified by one (a guide's id, an alert decision's rule).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    pub row: Version,
}

/// Why a record from the server was not applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Unreadable {
    #[error("{0}")]
    Envelope(#[from] EnvelopeError),
    /// The sealed payload is not one (or names another table or record than its place).
    #[error("a synced record does not hold what its place says")]
    Mismatch,
    /// A collection this version of Mend does not know (a newer version's table).
    #[error("a synced record belongs to something this version of Mend does not know; update Mend")]
    UnknownCollection,
    /// No key for the record's epoch.
    #[error("a synced record was sealed with a key this device does not have")]
    NoKey,
}

/// The tables whose rows sync: synced and the person's (alerts are derived and recomputed on every device).
pub fn synced_tables() -> impl Iterator<Item = &'static Table> {
    crate::tables::TABLES.iter().copied().filter(|t| t.sync == Sync::Synced && t.owner == Owner::Person)
}

/// The collection tags of the synced tables, to find a record's table.
pub struct Collections {
    tags: Vec<([u8; NAME_LEN], &'static Table)>,
}

impl Collections {
    pub fn new(names: &NamingKey) -> Collections {
        Collections { tags: synced_tables().map(|t| (names.collection(t.name), t)).collect() }
    }

    pub fn table(&self, tag: &[u8]) -> Option<&'static Table> {
        self.tags.iter().find(|(t, _)| t.as_slice() == tag).map(|(_, table)| *table)
    }

    pub fn tag(&self, table: &Table) -> [u8; NAME_LEN] {
        self.tags.iter().find(|(_, t)| t.name == table.name).map(|(tag, _)| *tag).expect("a synced table")
    }
}

/// The record id a row travels under: a keyed hash of what identifies it across devices (its guid; for a
/// singleton, its table; for a natural key, the key's value).
pub fn record_id(names: &NamingKey, table: &Table, guid: &str, key: Option<&str>) -> [u8; NAME_LEN] {
    match table.identity {
        Identity::Singleton => names.record_id(table.name, ""),
        Identity::NaturalKey(_) => names.record_id(table.name, key.unwrap_or(guid)),
        Identity::Guid | Identity::Local => names.record_id(table.name, guid),
    }
}

/// The natural key's value in a row's fields, for a table identified by one.
pub fn natural_key(table: &Table, fields: &BTreeMap<String, serde_json::Value>) -> Option<String> {
    match table.identity {
        Identity::NaturalKey(column) => fields.get(column).map(|v| match v {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        }),
        _ => None,
    }
}

/// What sealing and opening a record needs: the epoch's key, the naming key and the account.
pub struct Sealer<'a> {
    pub key: &'a DataKey,
    pub names: &'a NamingKey,
    pub account: &'a [u8],
    pub epoch: u32,
}

impl Sealer<'_> {
    fn place<'p>(&'p self, collection: &'p [u8], id: &'p [u8]) -> Place<'p> {
        Place { account: self.account, collection, record: id, epoch: self.epoch, schema: SCHEMA }
    }

    /// Seals `payload` as record `id` of `collection`.
    pub fn seal(&self, collection: &[u8], id: &[u8], payload: &Payload) -> Result<Vec<u8>, EnvelopeError> {
        let bytes = zeroize::Zeroizing::new(serde_json::to_vec(payload).expect("a payload serialises"));
        envelope::seal(self.key, &self.place(collection, id), &bytes)
    }

    /// Opens record `id` of `table` (found under `collection`) and checks that what it holds belongs there.
    pub fn open(&self, table: &Table, collection: &[u8], id: &[u8], body: &[u8]) -> Result<Payload, Unreadable> {
        let bytes = zeroize::Zeroizing::new(envelope::open(self.key, &self.place(collection, id), body)?);
        let payload = parse(&bytes)?;
        let expected = record_id(self.names, table, &payload.guid, payload.key.as_deref());
        if payload.table != table.name || expected.as_slice() != id {
            return Err(Unreadable::Mismatch);
        }
        Ok(payload)
    }
}

/// The payload in an opened record: any bytes give a payload or [`Unreadable::Mismatch`], never a panic (a
/// device holding the account's keys could seal anything; the fuzz target `sync_payload` feeds this). A deletion
/// carries nothing but when it was made.
pub fn parse(bytes: &[u8]) -> Result<Payload, Unreadable> {
    let payload: Payload = serde_json::from_slice(bytes).map_err(|_| Unreadable::Mismatch)?;
    let bounded = payload.table.len() <= 64
        && payload.guid.len() <= 64
        && payload.key.as_ref().is_none_or(|k| k.len() <= 256)
        && payload.row.fields.len() <= 256;
    let only_when = payload.row.fields.keys().all(|k| k == "updated_at");
    if !bounded || (payload.row.deleted && !only_when) {
        return Err(Unreadable::Mismatch);
    }
    Ok(payload)
}
