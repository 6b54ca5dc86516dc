//! The three-way merge of a synced row: this device's version, the incoming one, and the base (the last version
//! both had: the mirror, [`crate::store::mirror`]). Field by field (a field a version leaves out is empty): a field only one side changed since the base
//! takes that side's value; a field both changed merges by the column's rule in the table registry — the later
//! clock wins, a "last read" time takes the larger, free text keeps both versions (older first). Whole rows:
//! a deletion beats every version older than it; a version edited after the deletion revives the row with that
//! side's full content. Clocks are hybrid logical clocks ([`super::hlc`]) whose ties break by device, so
//! `merge(base, a, b) == merge(base, b, a)`; merging a version with itself gives it back unchanged, so it is
//! never counted as a change to upload.
//!
//! Import merges whole rows by `updated_at` (version 1 export files carry no clocks): see `store/upsert.rs`.

use std::collections::BTreeMap;

use serde_json::Value;

use super::hlc::Hlc;
use crate::store::registry::{Merge, Table};

/// One version of a row: its clock, whether it is a deletion, and its fields by column name.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Version {
    pub clock: Hlc,
    pub deleted: bool,
    pub fields: BTreeMap<String, Value>,
}

/// What merging an incoming version into this device's gave.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    pub version: Version,
    /// Whether this device's row changes (only then is it written, and counted as a change if it also differs
    /// from the incoming version).
    pub changed: bool,
}

/// The separator between the two versions of free text both sides changed: the person sees, in the note itself
/// and on every device, that the second version was also written on another device.
pub const BOTH_VERSIONS: &str = "\n\n(also written on another device)\n";

/// A total order of versions: by clock, then (only for a corrupt pair with equal clocks) by content.
fn later<'v>(a: &'v Version, b: &'v Version) -> (&'v Version, &'v Version) {
    let key = |v: &Version| (v.clock, v.deleted, serde_json::to_string(&v.fields).unwrap_or_default());
    if key(a) >= key(b) { (a, b) } else { (b, a) }
}

/// Free text both sides changed: both versions, the older first; a version that already holds the other is kept.
fn keep_both(older: &Value, newer: &Value) -> Value {
    match (older.as_str(), newer.as_str()) {
        (Some(o), Some(n)) if n.contains(o) => newer.clone(),
        (Some(o), Some(n)) if o.contains(n) => older.clone(),
        (Some(o), Some(n)) => Value::String(format!("{o}{BOTH_VERSIONS}{n}")),
        (None, _) if !newer.is_null() => newer.clone(),
        _ if newer.is_null() => older.clone(),
        _ => newer.clone(),
    }
}

/// The larger of two values of a column that only grows (numbers, or RFC 3339 times as text).
fn larger(a: &Value, b: &Value) -> Value {
    match (a, b) {
        (Value::Null, other) | (other, Value::Null) => other.clone(),
        (Value::Number(x), Value::Number(y)) => {
            if x.as_f64().unwrap_or(f64::MIN) >= y.as_f64().unwrap_or(f64::MIN) {
                a.clone()
            } else {
                b.clone()
            }
        }
        (Value::String(x), Value::String(y)) => {
            if x >= y {
                a.clone()
            } else {
                b.clone()
            }
        }
        _ => a.clone(),
    }
}

/// Merges `a` and `b`, two versions of one row of `table`, against `base` (see the module documentation).
pub fn merge(table: &Table, base: Option<&Version>, a: &Version, b: &Version) -> Version {
    if a == b {
        return a.clone();
    }
    let (newer, older) = later(a, b);
    if newer.deleted || older.deleted {
        // A deletion beats what is older than it; an edit after a deletion revives the row as that side has it.
        return newer.clone();
    }
    let rule = |column: &str| table.columns.iter().find(|c| c.name == column).map_or(Merge::Later, |c| c.merge);
    let mut fields = BTreeMap::new();
    let keys: std::collections::BTreeSet<&String> = a.fields.keys().chain(b.fields.keys()).collect();
    for key in keys {
        let (va, vb) = (a.fields.get(key).unwrap_or(&Value::Null), b.fields.get(key).unwrap_or(&Value::Null));
        // A field a version leaves out is an empty one (rows leave empty fields out: `stored.rs`).
        let vbase = base.filter(|v| !v.deleted).map(|v| v.fields.get(key).unwrap_or(&Value::Null));
        let value = if va == vb {
            va.clone()
        } else if vbase == Some(va) {
            vb.clone()
        } else if vbase == Some(vb) {
            va.clone()
        } else {
            let (vn, vo) =
                (newer.fields.get(key).unwrap_or(&Value::Null), older.fields.get(key).unwrap_or(&Value::Null));
            match rule(key) {
                Merge::Later | Merge::Identity => vn.clone(),
                Merge::Max => larger(vn, vo),
                Merge::KeepBoth => keep_both(vo, vn),
            }
        };
        if !value.is_null() {
            fields.insert(key.clone(), value);
        }
    }
    Version { clock: newer.clock, deleted: false, fields }
}

/// Merges `incoming` into this device's version `local` (if it has one) against `base`. `sent`: what this device
/// uploaded since `base` without hearing back (see [`crate::store::mirror`]) — if the server committed one of
/// them, the incoming version may have grown from it, so a field the incoming version holds as sent is one the
/// other side did not change, and this device's later edit of it stays.
pub fn merge_into(
    table: &Table,
    base: Option<&Version>,
    sent: &[Version],
    local: Option<&Version>,
    incoming: &Version,
) -> Merged {
    match local {
        None => Merged { version: incoming.clone(), changed: true },
        Some(local) => {
            let grown = (!sent.is_empty() && !incoming.deleted).then(|| grown_from(base, sent, incoming));
            let version = merge(table, grown.as_ref().or(base), local, incoming);
            let changed = &version != local;
            Merged { version, changed }
        }
    }
}

/// The base for an incoming version that may have grown from one of `sent`: `base`, with each field the incoming
/// version holds as one of them sent it taken as that.
fn grown_from(base: Option<&Version>, sent: &[Version], incoming: &Version) -> Version {
    let mut grown = match base.filter(|b| !b.deleted) {
        Some(base) => base.clone(),
        None => Version { clock: incoming.clock, deleted: false, fields: BTreeMap::new() },
    };
    let keys: std::collections::BTreeSet<&String> =
        sent.iter().flat_map(|s| s.fields.keys()).chain(incoming.fields.keys()).collect();
    for key in keys {
        let value = incoming.fields.get(key);
        if sent.iter().filter(|s| !s.deleted).any(|s| s.fields.get(key) == value) {
            match value {
                Some(value) => grown.fields.insert(key.clone(), value.clone()),
                None => grown.fields.remove(key),
            };
        }
    }
    grown
}

#[cfg(test)]
mod tests;
