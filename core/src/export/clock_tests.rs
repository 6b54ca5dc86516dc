//! Version 2 of the export: rows carry their clocks and deletions travel, so an import merges whole rows by
//! clock — the later clock wins, a deletion beats every older version (and an older export never brings a
//! deleted entry back), a version edited after the deletion revives the row — while a version 1 file still
//! merges by `updated_at`.

use chrono::{Duration, NaiveDate};

use super::{CLOCKS_SINCE, ExportDocument, VERSION};
use crate::fixtures::{TempMend, checkin_at, utc};
use crate::journal::*;
use crate::sync::hlc::Hlc;

fn now() -> chrono::DateTime<chrono::Utc> {
    utc(2026, 6, 1, 12, 0)
}

fn journal() -> (TempMend, CheckIn) {
    let mend = TempMend::with_loss(now(), NaiveDate::from_ymd_opt(2026, 5, 1).unwrap(), 10);
    let c = mend.journal().add_checkin(checkin_at(utc(2026, 5, 3, 9, 0), |d| d.note = Some("sore".into()))).unwrap();
    (mend, c)
}

fn document(mend: &TempMend) -> ExportDocument {
    mend.export().document().unwrap()
}

fn import(mend: &TempMend, doc: &ExportDocument) -> super::ImportSummary {
    mend.export().import_json(&serde_json::to_string(doc).unwrap()).unwrap()
}

fn clock(doc: &ExportDocument, guid: &str) -> Hlc {
    Hlc::parse(&doc.clocks["checkins"][guid]).unwrap()
}

#[test]
fn an_export_carries_every_journal_rows_clock_and_its_deletions_and_round_trips() {
    let (mend, c) = journal();
    let gone = mend.journal().add_checkin(checkin_at(utc(2026, 5, 4, 9, 0), |d| d.mood = Some(3))).unwrap();
    mend.journal().delete_checkin(&gone.guid).unwrap();
    let doc = document(&mend);
    assert_eq!((doc.version, VERSION, CLOCKS_SINCE), (2, 2, 2));
    assert!(doc.clocks["checkins"].contains_key(&c.guid) && doc.clocks["losses"].len() == 1);
    assert!(doc.clocks.contains_key("profile"));
    assert!(!doc.clocks["checkins"].contains_key(&gone.guid), "a deleted row has no contents to clock");
    assert_eq!(doc.deleted.len(), 1);
    let deletion = &doc.deleted[0];
    assert_eq!((deletion.section.as_str(), deletion.guid.as_str()), ("checkins", gone.guid.as_str()));
    assert!(Hlc::parse(&deletion.clock).unwrap() > clock(&doc, &c.guid), "deleted after the first was written");
    let json = serde_json::to_string(&doc).unwrap();
    assert!(!json.contains("\"mood\":3"), "a deletion carries nothing of the row");
    // Into an empty journal: the same rows, the same clocks, the same deletion.
    let target = TempMend::at(now());
    import(&target, &doc);
    let restored = document(&target);
    assert_eq!((restored.checkins.clone(), restored.clocks.clone()), (doc.checkins.clone(), doc.clocks.clone()));
    // Importing it again changes nothing.
    let again = import(&target, &doc);
    assert_eq!((again.profile, again.losses, again.checkins, again.events), (false, 0, 0, 0));
}

#[test]
fn the_later_clock_wins_whatever_updated_at_says() {
    let (mend, c) = journal();
    let old = document(&mend);
    // Edited here after the export: a later clock than the file's, though the file claims a later updated_at.
    let mut edit = NewCheckIn { at: Some(c.at), time_zone: None, data: c.data.clone() };
    edit.data.mood = Some(7);
    mend.journal().update_checkin(&c.guid, edit).unwrap();
    let mut stale = old.clone();
    stale.checkins[0].data.mood = Some(1);
    stale.checkins[0].updated_at = now() + Duration::days(30);
    assert_eq!(import(&mend, &stale).checkins, 0, "an older clock loses");
    assert_eq!(mend.journal().checkin(&c.guid).unwrap().unwrap().data.mood, Some(7));
    // Another device's later version, though its updated_at is older, wins and keeps its clock.
    let mut later = old;
    let theirs = Hlc { millis: clock(&document(&mend), &c.guid).millis + 1_000, counter: 0, device: 7 };
    later.clocks.get_mut("checkins").unwrap().insert(c.guid.clone(), theirs.to_string());
    later.checkins[0].data.mood = Some(2);
    later.checkins[0].updated_at = utc(2026, 5, 3, 9, 0);
    assert_eq!(import(&mend, &later).checkins, 1);
    assert_eq!(mend.journal().checkin(&c.guid).unwrap().unwrap().data.mood, Some(2));
    assert_eq!(clock(&document(&mend), &c.guid), theirs);
}

#[test]
fn a_deletion_beats_every_older_version_and_a_later_edit_revives_the_row() {
    let (mend, c) = journal();
    let before_deletion = document(&mend);
    mend.journal().delete_checkin(&c.guid).unwrap();
    // An export from before the deletion never brings the entry back, however new its updated_at.
    let mut old = before_deletion.clone();
    old.checkins[0].updated_at = now() + Duration::days(365);
    assert_eq!(import(&mend, &old).checkins, 0);
    assert!(mend.journal().checkin(&c.guid).unwrap().is_none());
    // A file carrying the deletion deletes the entry in a journal that still has it, keeping none of its words.
    let other = TempMend::at(now());
    import(&other, &before_deletion);
    assert!(other.journal().checkin(&c.guid).unwrap().is_some());
    let deleted = document(&mend);
    assert_eq!(import(&other, &deleted).checkins, 1);
    assert!(other.journal().checkin(&c.guid).unwrap().is_none());
    let note: Option<String> = other
        .core_for_tests()
        .store
        .read(|conn| Ok(conn.query_row("SELECT note FROM checkins WHERE guid = ?1", [&c.guid], |r| r.get(0))?))
        .unwrap();
    assert_eq!(note, None, "a deletion clears the person's words");
    // An older deletion does not delete a later version.
    let third = TempMend::at(now());
    let mut edited_later = before_deletion.clone();
    let deletion = Hlc::parse(&deleted.deleted[0].clock).unwrap();
    let later = Hlc { millis: deletion.millis + 1_000, counter: 0, device: 9 };
    edited_later.clocks.get_mut("checkins").unwrap().insert(c.guid.clone(), later.to_string());
    edited_later.checkins[0].data.mood = Some(5);
    import(&third, &edited_later);
    import(&third, &deleted);
    assert_eq!(third.journal().checkin(&c.guid).unwrap().unwrap().data.mood, Some(5));
    // And an edit made after the deletion revives the row with its full content.
    assert_eq!(import(&mend, &edited_later).checkins, 1);
    let revived = mend.journal().checkin(&c.guid).unwrap().unwrap();
    assert_eq!((revived.data.mood, revived.data.note.as_deref()), (Some(5), Some("sore")));
}

#[test]
fn a_version_1_file_merges_by_updated_at_and_a_bad_clock_is_refused_by_its_path() {
    let (mend, c) = journal();
    let mut v1 = document(&mend);
    v1.version = 1;
    // A version 1 file has no clocks; any found there are ignored, and the newer updated_at wins.
    v1.clocks.get_mut("checkins").unwrap().insert(c.guid.clone(), "not a clock".into());
    v1.checkins[0].data.mood = Some(4);
    v1.checkins[0].updated_at = now() + Duration::minutes(1);
    assert_eq!(import(&mend, &v1).checkins, 1);
    assert_eq!(mend.journal().checkin(&c.guid).unwrap().unwrap().data.mood, Some(4));
    let mut v2 = v1.clone();
    v2.version = 2;
    match mend.export().import_json(&serde_json::to_string(&v2).unwrap()) {
        Err(crate::error::Error::Import { at, reason }) => {
            assert_eq!(
                (at.as_str(), reason.as_str()),
                (format!("clocks.checkins.{}", c.guid).as_str(), "is not a clock")
            )
        }
        other => panic!("expected an import error, got {other:?}"),
    }
}
