//! The merge's promises, as properties over generated versions of a check-in row (a score that merges by clock,
//! free text that keeps both versions, a level) and as examples: commutative, idempotent, a deletion never loses to
//! an older edit, an edit after a deletion revives the row with that side's content, merging a version with
//! itself changes nothing (so nothing is uploaded again), and a "last read" time takes the larger.

use std::collections::BTreeMap;

use proptest::prelude::*;
use serde_json::{Value, json};

use super::{BOTH_VERSIONS, Version, merge, merge_into};
use crate::sync::hlc::Hlc;
use crate::tables::table;

fn version(millis: u64, device: u64, deleted: bool, fields: &[(&str, Value)]) -> Version {
    Version {
        clock: Hlc { millis, counter: 0, device },
        deleted,
        fields: fields.iter().map(|(k, v)| ((*k).to_owned(), v.clone())).collect(),
    }
}

fn field_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        (0u8..=10).prop_map(|n| json!(n)),
        proptest::sample::select(vec!["a", "b", "c d"]).prop_map(|s| json!(s)),
    ]
}

fn fields() -> impl Strategy<Value = BTreeMap<String, Value>> {
    (field_value(), field_value(), field_value()).prop_map(|(mood, note, bleeding)| {
        [("mood", mood), ("note", note), ("bleeding", bleeding)].into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
    })
}

/// A version from `device` (so two sides never share a clock).
fn side(device: u64) -> impl Strategy<Value = Version> {
    (0u64..50, 0u32..3, proptest::bool::weighted(0.15), fields()).prop_map(move |(millis, counter, deleted, fields)| {
        Version {
            clock: Hlc { millis, counter, device },
            deleted,
            fields: if deleted { BTreeMap::new() } else { fields },
        }
    })
}

proptest! {
    #[test]
    fn merging_is_commutative_and_idempotent(base in proptest::option::of(side(0)), a in side(1), b in side(2)) {
        let checkins = table("checkins");
        let ab = merge(checkins, base.as_ref(), &a, &b);
        let ba = merge(checkins, base.as_ref(), &b, &a);
        prop_assert_eq!(&ab, &ba);
        prop_assert_eq!(merge(checkins, base.as_ref(), &a, &a), a.clone());
        // Merging the result with either side again changes nothing more.
        prop_assert_eq!(merge(checkins, base.as_ref(), &ab, &a), ab.clone());
        prop_assert_eq!(merge(checkins, base.as_ref(), &b, &ab), ab.clone());
        // Merging a version into itself is no change: nothing to write, nothing to upload.
        prop_assert!(!merge_into(checkins, base.as_ref(), &[], Some(&a), &a).changed);
    }

    #[test]
    fn a_deletion_never_loses_to_an_older_edit_and_a_later_edit_revives_the_row(
        base in proptest::option::of(side(0)), edit in side(1), when in 0u64..50,
    ) {
        let checkins = table("checkins");
        let deletion = version(when, 2, true, &[]);
        let merged = merge(checkins, base.as_ref(), &edit, &deletion);
        if edit.clock < deletion.clock || edit.deleted {
            prop_assert!(merged.deleted);
        } else {
            prop_assert_eq!(merged, edit.clone(), "revived with the editing side's full content");
        }
    }
}

#[test]
fn a_field_only_one_side_changed_takes_that_sides_value() {
    let checkins = table("checkins");
    let base = version(1, 0, false, &[("mood", json!(3)), ("bleeding", json!("light"))]);
    // Device 1 changed the mood (later clock); device 2 changed the bleeding (earlier clock).
    let a = version(10, 1, false, &[("mood", json!(6)), ("bleeding", json!("light"))]);
    let b = version(5, 2, false, &[("mood", json!(3)), ("bleeding", json!("none"))]);
    let merged = merge(checkins, Some(&base), &a, &b);
    assert_eq!(merged.fields["mood"], json!(6));
    assert_eq!(merged.fields["bleeding"], json!("none"), "the earlier side's own change is not lost");
    // Without a base, the later clock wins every differing field.
    assert_eq!(merge(checkins, None, &a, &b).fields["bleeding"], json!("light"));
}

#[test]
fn free_text_both_sides_changed_keeps_both_versions_older_first() {
    let checkins = table("checkins");
    let base = version(1, 0, false, &[("note", json!("slept badly"))]);
    let a = version(10, 1, false, &[("note", json!("slept badly, then better"))]);
    let b = version(5, 2, false, &[("note", json!("slept badly; called mum"))]);
    let merged = merge(checkins, Some(&base), &a, &b);
    assert_eq!(merged.fields["note"], json!(format!("slept badly; called mum{BOTH_VERSIONS}slept badly, then better")));
    // Merging again with either side keeps what is there (no text doubled).
    assert_eq!(merge(checkins, Some(&base), &merged, &a).fields["note"], merged.fields["note"]);
}

#[test]
fn a_last_read_time_takes_the_larger() {
    let state = table("library_state");
    let base = version(1, 0, false, &[("last_read_at", json!("2026-05-01T10:00:00Z"))]);
    let a = version(10, 1, false, &[("last_read_at", json!("2026-05-02T10:00:00Z"))]);
    let b = version(20, 2, false, &[("last_read_at", json!("2026-05-01T12:00:00Z"))]);
    assert_eq!(merge(state, Some(&base), &a, &b).fields["last_read_at"], json!("2026-05-02T10:00:00Z"));
}

/// Rows leave empty fields out (`stored.rs`), so a field missing from a version is an empty one: a field one side
/// filled in since a base that had it empty is that side's change, and a field empty on both sides stays out.
#[test]
fn a_missing_field_is_an_empty_one() {
    let checkins = table("checkins");
    let base = version(1, 0, false, &[("bleeding", json!("light"))]);
    // This device filled in the mood; the other device (later) changed the bleeding and never had a mood.
    let local = version(5, 1, false, &[("mood", json!(6)), ("bleeding", json!("light"))]);
    let incoming = version(10, 2, false, &[("bleeding", json!("none"))]);
    let merged = merge_into(checkins, Some(&base), &[], Some(&local), &incoming).version;
    assert_eq!(merged.fields, version(10, 2, false, &[("mood", json!(6)), ("bleeding", json!("none"))]).fields);
    // Nothing changed here since the base: the incoming version is taken as it is, with no empty field added.
    let merged = merge_into(checkins, Some(&base), &[], Some(&base), &incoming);
    assert_eq!(merged.version, incoming);
}

/// An upload of this device's may have been committed without its hearing back (`sent`), and another device's
/// version grown from it arrives: a field that version holds as sent is one the other device left alone, so this
/// device's later edit of it stays; a field it changed is taken.
#[test]
fn a_version_grown_from_what_was_sent_keeps_the_later_edit_here() {
    let checkins = table("checkins");
    let base = version(1, 0, false, &[("mood", json!(3)), ("bleeding", json!("light"))]);
    let sent = version(5, 1, false, &[("mood", json!(4)), ("bleeding", json!("light"))]);
    let local = version(6, 1, false, &[("mood", json!(5)), ("bleeding", json!("light"))]);
    let incoming = version(10, 2, false, &[("mood", json!(4)), ("bleeding", json!("none"))]);
    let merged = merge_into(checkins, Some(&base), std::slice::from_ref(&sent), Some(&local), &incoming).version;
    assert_eq!(merged.fields["mood"], json!(5), "this device's later edit stays");
    assert_eq!(merged.fields["bleeding"], json!("none"), "the other device's change is taken");
    // Without what was sent, the mood looks changed on both sides since the base, and the later clock wins.
    let merged = merge_into(checkins, Some(&base), &[], Some(&local), &incoming).version;
    assert_eq!(merged.fields["mood"], json!(4));
    // A version that did not grow from it (the upload was never committed) and changed the mood itself still
    // meets this device's edit as a conflict.
    let other = version(10, 2, false, &[("mood", json!(9)), ("bleeding", json!("light"))]);
    let merged = merge_into(checkins, Some(&base), std::slice::from_ref(&sent), Some(&local), &other).version;
    assert_eq!(merged.fields["mood"], json!(9));
    // Two uploads without a reply (the second after another edit here): either may be the one committed.
    let second = version(6, 1, false, &[("mood", json!(5)), ("bleeding", json!("light"))]);
    let latest = version(7, 1, false, &[("mood", json!(2)), ("bleeding", json!("light"))]);
    let both = [sent.clone(), second];
    let merged = merge_into(checkins, Some(&base), &both, Some(&latest), &incoming).version;
    assert_eq!(merged.fields["mood"], json!(2), "grown from the first upload");
    let grown_from_second = version(10, 2, false, &[("mood", json!(5)), ("bleeding", json!("none"))]);
    let merged = merge_into(checkins, Some(&base), &both, Some(&latest), &grown_from_second).version;
    assert_eq!(merged.fields["mood"], json!(2), "grown from the second");
}
