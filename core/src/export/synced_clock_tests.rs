//! Version 2's clocks and deletions for the synced tables beyond the journal's four — guide states, the person's
//! decisions about alerts, reminders, their history and their settings: each merges whole rows by clock as a
//! journal row does (the later clock wins whatever `updated_at` says, a deletion beats every older version and
//! keeps none of its health data, a version edited after it revives the row), round-trips through export and
//! import, and a version 1 file still merges by `updated_at`. Each behaviour is one generic test, run for every
//! table (their rows: `rows.rs`); the natural keys (a guide's id, the settings' one row) have their own tests.

mod rows;

use chrono::{DateTime, Duration, Utc};

use super::{ExportDocument, ImportSummary};
use crate::care::AlertDecision;
use crate::fixtures::{TempMend, utc};
use crate::ids::new_guid;
use crate::library::GuideState;
use crate::reminders::{OccurrenceRecord, Reminder, ReminderSettings};
use crate::store::Origin;
use crate::store::record::tombstone;
use crate::sync::hlc::Hlc;
use rows::Synced;

fn now() -> DateTime<Utc> {
    utc(2026, 6, 1, 12, 0)
}
fn section<C: Synced>() -> &'static str {
    C::record().table.name
}

fn document(mend: &TempMend) -> ExportDocument {
    mend.export().document().unwrap()
}

fn import(mend: &TempMend, doc: &ExportDocument) -> ImportSummary {
    mend.export().import_json(&serde_json::to_string(doc).unwrap()).unwrap()
}

/// Writes `row` here, as this device's change (stamped with this device's clock).
fn write<C: Synced>(mend: &TempMend, row: &C) {
    mend.core_for_tests().store.write(|tx| Ok(C::record().write(tx, row, Origin::Local)?)).unwrap();
}

/// A new row holding `value`, written here.
fn add<C: Synced>(mend: &TempMend, value: i64) -> C {
    let row = C::new(value);
    write(mend, &row);
    row
}

/// The live row stored under `guid`, if any.
fn stored<C: Synced>(mend: &TempMend, guid: &str) -> Option<C> {
    let record = C::record();
    let sql = format!("SELECT {} FROM {} WHERE guid = ?1 AND deleted = 0", record.columns(), record.table.name);
    mend.core_for_tests()
        .store
        .read(|conn| Ok(rusqlite::OptionalExtension::optional(conn.query_row(&sql, [guid], |r| record.read(r)))?))
        .unwrap()
}

fn value<C: Synced>(mend: &TempMend, guid: &str) -> Option<i64> {
    stored::<C>(mend, guid).map(|row| row.value())
}

/// The file's row `guid` of this table.
fn row<'d, C: Synced>(doc: &'d mut ExportDocument, guid: &str) -> &'d mut C {
    C::rows(doc).into_iter().find(|r| C::record().guid(r) == guid).expect("the row is in the file")
}

fn clock<C: Synced>(doc: &ExportDocument, guid: &str) -> Hlc {
    Hlc::parse(&doc.clocks[section::<C>()][guid]).unwrap()
}

/// A clock `ms` milliseconds after `after`, another device's.
fn later(after: Hlc, ms: i64) -> Hlc {
    Hlc { millis: after.millis.checked_add_signed(ms).unwrap(), counter: 0, device: 7 }
}

fn delete<C: Synced>(mend: &TempMend, guid: &str) {
    let table = &C::record().table;
    mend.core_for_tests().store.write(|tx| Ok(tombstone(tx, table, guid, now() + Duration::minutes(1))?)).unwrap();
}

/// Whether the stored row `guid` is a tombstone that keeps none of its health data (every health column holds
/// what the registry says a deletion leaves) and has no copy in the sync mirror.
fn wiped<C: Synced>(mend: &TempMend, guid: &str) -> bool {
    let table = &C::record().table;
    let mut checks: Vec<String> = table.health_columns().map(|c| format!("({}) IS ({})", c.name, c.cleared)).collect();
    checks.push("deleted = 1".into());
    checks.push(format!("NOT EXISTS (SELECT 1 FROM sync_mirror WHERE table_name = '{}' AND guid = ?1)", table.name));
    let sql = format!("SELECT {} FROM {} WHERE guid = ?1", checks.join(" AND "), table.name);
    mend.core_for_tests().store.read(|conn| Ok(conn.query_row(&sql, [guid], |r| r.get(0))?)).unwrap()
}

fn an_older_clock_loses_whatever_updated_at_says<C: Synced>() {
    let mend = TempMend::at(now());
    let mut mine = add::<C>(&mend, 1);
    let old = document(&mend);
    // Edited here after the export: a later clock than the file's.
    mine.set(2, now() + Duration::seconds(1));
    write(&mend, &mine);
    // The file's version claims a far later updated_at (a device whose wall clock runs fast), but its clock is older.
    let mut stale = old.clone();
    row::<C>(&mut stale, C::record().guid(&mine)).set(3, now() + Duration::days(30));
    assert_eq!(C::changed(&import(&mend, &stale)), 0, "an older clock loses");
    assert_eq!(value::<C>(&mend, C::record().guid(&mine)), Some(2));
}

fn a_later_clock_wins_and_is_kept<C: Synced>() {
    let mend = TempMend::at(now());
    let mine = add::<C>(&mend, 1);
    let guid = C::record().guid(&mine).to_owned();
    let mut theirs = document(&mend);
    let their_clock = later(clock::<C>(&theirs, &guid), 1_000);
    theirs.clocks.get_mut(section::<C>()).unwrap().insert(guid.clone(), their_clock.to_string());
    // Another device's later version wins though its updated_at is older than the stored row's.
    row::<C>(&mut theirs, &guid).set(4, now() - Duration::days(1));
    assert_eq!(C::changed(&import(&mend, &theirs)), 1);
    assert_eq!(value::<C>(&mend, &guid), Some(4));
    assert_eq!(clock::<C>(&document(&mend), &guid), their_clock, "the row keeps the file's clock");
}

fn a_deletion_beats_older_versions_and_a_later_edit_revives<C: Synced>() {
    let mend = TempMend::at(now());
    let mine = add::<C>(&mend, 1);
    let guid = C::record().guid(&mine).to_owned();
    let before = document(&mend);
    delete::<C>(&mend, &guid);
    let deleted = document(&mend);
    let deletion = deleted.deleted.iter().find(|d| d.guid == guid).expect("the export lists the deletion");
    assert_eq!(deletion.section, section::<C>());
    assert!(!deleted.clocks.get(section::<C>()).is_some_and(|s| s.contains_key(&guid)));
    // An export from before the deletion never brings the row back, however new its updated_at.
    let mut old = before.clone();
    row::<C>(&mut old, &guid).set(6, now() + Duration::days(365));
    assert_eq!(C::changed(&import(&mend, &old)), 0);
    assert_eq!(value::<C>(&mend, &guid), None);
    // A file carrying the deletion deletes the row where it is still stored, keeping none of its health data
    // and dropping its copy in the sync mirror.
    let other = TempMend::at(now());
    import(&other, &before);
    assert_eq!(value::<C>(&other, &guid), Some(1));
    let mirror = "INSERT INTO sync_mirror (table_name, guid, row) VALUES (?1, ?2, '{\"x\": 1}')";
    other.core_for_tests().store.write(|tx| Ok(tx.execute(mirror, [section::<C>(), &guid])?)).unwrap();
    assert_eq!(C::changed(&import(&other, &deleted)), 1, "the deletion is counted");
    assert_eq!(value::<C>(&other, &guid), None);
    assert!(wiped::<C>(&other, &guid));
    // An older deletion does not delete a later version.
    let mut edited_later = before.clone();
    let after_deletion = later(Hlc::parse(&deletion.clock).unwrap(), 1_000);
    edited_later.clocks.get_mut(section::<C>()).unwrap().insert(guid.clone(), after_deletion.to_string());
    row::<C>(&mut edited_later, &guid).set(5, now());
    let third = TempMend::at(now());
    import(&third, &edited_later);
    assert_eq!(C::changed(&import(&third, &deleted)), 0);
    assert_eq!(value::<C>(&third, &guid), Some(5));
    // And a version edited after the deletion revives the row.
    assert_eq!(C::changed(&import(&mend, &edited_later)), 1);
    assert_eq!(value::<C>(&mend, &guid), Some(5));
}

fn export_and_import_round_trip_clocks_and_deletions<C: Synced>() {
    let mend = TempMend::at(now());
    let mut kept = add::<C>(&mend, 1);
    kept.set(2, now() + Duration::seconds(1));
    write(&mend, &kept);
    let before = document(&mend);
    let kept = C::record().guid(&kept).to_owned();
    delete::<C>(&mend, &kept);
    let after = document(&mend);
    // Into a fresh journal that had the row (an older backup restored): the same clock, then the same deletion.
    let target = TempMend::at(now());
    import(&target, &before);
    assert_eq!(document(&target).clocks.get(section::<C>()), before.clocks.get(section::<C>()));
    assert_eq!(value::<C>(&target, &kept), Some(2));
    import(&target, &after);
    let restored = document(&target);
    let ours =
        |doc: &ExportDocument| doc.deleted.iter().filter(|d| d.section == section::<C>()).cloned().collect::<Vec<_>>();
    assert_eq!((ours(&restored), ours(&after).len()), (ours(&after), 1));
    assert_eq!(restored.clocks.get(section::<C>()), after.clocks.get(section::<C>()));
    // Importing them again changes nothing.
    assert_eq!((C::changed(&import(&target, &before)), C::changed(&import(&target, &after))), (0, 0));
}

fn a_version_1_file_or_one_without_their_clocks_merges_by_updated_at<C: Synced>() {
    for version in [1, 2] {
        let mend = TempMend::at(now());
        let mine = add::<C>(&mend, 1);
        let guid = C::record().guid(&mine).to_owned();
        let mut file = document(&mend);
        file.version = version;
        if version == 1 {
            // A version 1 file's clocks and deletions are not read.
            file.clocks.entry(section::<C>().to_owned()).or_default().insert(guid.clone(), "not a clock".into());
        } else {
            // A version 2 file written before these tables' rows carried their clocks.
            file.clocks.remove(section::<C>());
        }
        row::<C>(&mut file, &guid).set(3, now() - Duration::minutes(1));
        assert_eq!(C::changed(&import(&mend, &file)), 0, "an older updated_at loses");
        row::<C>(&mut file, &guid).set(3, now() + Duration::minutes(1));
        assert_eq!(C::changed(&import(&mend, &file)), 1, "a later one wins");
        assert_eq!(value::<C>(&mend, &guid), Some(3));
    }
}

macro_rules! for_each_table {
    ($($table:ident: $row:ty),+ $(,)?) => {$(
        mod $table {
            use super::*;

            #[test]
            fn an_older_clock_loses_whatever_updated_at_says() {
                super::an_older_clock_loses_whatever_updated_at_says::<$row>();
            }

            #[test]
            fn a_later_clock_wins_and_is_kept() {
                super::a_later_clock_wins_and_is_kept::<$row>();
            }

            #[test]
            fn a_deletion_beats_older_versions_and_a_later_edit_revives() {
                super::a_deletion_beats_older_versions_and_a_later_edit_revives::<$row>();
            }

            #[test]
            fn export_and_import_round_trip_clocks_and_deletions() {
                super::export_and_import_round_trip_clocks_and_deletions::<$row>();
            }

            #[test]
            fn a_version_1_file_or_one_without_their_clocks_merges_by_updated_at() {
                super::a_version_1_file_or_one_without_their_clocks_merges_by_updated_at::<$row>();
            }
        }
    )+};
}

for_each_table! {
    library_state: GuideState,
    alert_decisions: AlertDecision,
    reminders: Reminder,
    reminder_history: OccurrenceRecord,
    reminder_settings: ReminderSettings,
}

#[test]
fn a_guides_state_under_another_guid_merges_by_clock_into_the_stored_row() {
    let mend = TempMend::at(now());
    let mine = add::<GuideState>(&mend, 1);
    // Another device read the same guide: its row has its own guid.
    let mut theirs = document(&mend);
    let their_clock = later(clock::<GuideState>(&theirs, &mine.guid), 1_000);
    let their_guid = new_guid();
    theirs.clocks.get_mut("library_state").unwrap().clear();
    theirs.clocks.get_mut("library_state").unwrap().insert(their_guid.clone(), their_clock.to_string());
    theirs.library[0].guid = their_guid.clone();
    theirs.library[0].set(8, now() - Duration::days(1));
    let mut older = theirs.clone();
    older.clocks.get_mut("library_state").unwrap().insert(their_guid.clone(), later(their_clock, -2_000).to_string());
    older.library[0].set(9, now() + Duration::days(1));
    assert_eq!(import(&mend, &older).library, 0, "an older clock loses under any guid");
    assert_eq!(import(&mend, &theirs).library, 1);
    let states = mend.library().states().unwrap();
    assert_eq!(states.len(), 1, "one row per guide");
    assert_eq!((states[0].guid.as_str(), states[0].value()), (mine.guid.as_str(), 8), "the stored row keeps its guid");
    assert_eq!(clock::<GuideState>(&document(&mend), &mine.guid), their_clock);
}

#[test]
fn the_settings_are_one_row_whatever_guid_the_file_gives_them_and_so_is_their_deletion() {
    let mend = TempMend::at(now());
    let mine = add::<ReminderSettings>(&mend, 1);
    let mut theirs = document(&mend);
    let their_clock = later(clock::<ReminderSettings>(&theirs, &mine.guid), 1_000);
    let their_guid = new_guid();
    theirs.clocks.insert("reminder_settings".into(), [(their_guid.clone(), their_clock.to_string())].into());
    let settings = theirs.reminder_settings.as_mut().unwrap();
    settings.guid = their_guid.clone();
    settings.set(8, now() - Duration::days(1));
    assert_eq!(import(&mend, &theirs).reminders, 1);
    assert_eq!(value::<ReminderSettings>(&mend, &their_guid), Some(8), "the one row, as the file has it");
    // A deletion of the settings under yet another guid deletes the one row if it is later.
    let other = TempMend::at(now());
    let there = add::<ReminderSettings>(&other, 2);
    delete::<ReminderSettings>(&other, &there.guid);
    let mut deleted = document(&other);
    deleted.deleted[0].clock = later(their_clock, 1_000).to_string();
    assert_eq!(import(&mend, &deleted).reminders, 1);
    assert_eq!(mend.reminders().settings().unwrap(), None);
    assert!(wiped::<ReminderSettings>(&mend, &their_guid));
}

#[test]
fn a_decision_with_a_bad_or_repeated_rule_is_refused_by_its_path() {
    let mend = TempMend::at(now());
    add::<AlertDecision>(&mend, 1);
    let refused = |doc: &ExportDocument| match mend.export().import_json(&serde_json::to_string(doc).unwrap()) {
        Err(crate::error::Error::Import { at, reason }) => format!("{at}: {reason}"),
        other => panic!("expected an import error, got {other:?}"),
    };
    let mut doc = document(&mend);
    doc.alert_decisions[0].rule = "Not A Rule!".into();
    assert_eq!(refused(&doc), "alert_decisions[0].rule: is not a rule id");
    let mut doc = document(&mend);
    let mut twice = doc.alert_decisions[0].clone();
    twice.guid = new_guid();
    doc.alert_decisions.push(twice);
    assert_eq!(refused(&doc), "alert_decisions[1].rule: appears twice");
    // A rule this version does not know (a newer Mend's) is kept.
    let mut doc = document(&mend);
    doc.alert_decisions[0].rule = "a-rule-from-later".into();
    doc.alert_decisions[0].guid = new_guid();
    assert_eq!(import(&mend, &doc).alert_decisions, 1);
}
