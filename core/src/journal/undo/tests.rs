//! Undo end to end on a real journal: an add is removed, an edit reverted (as a new edit), a deletion refused
//! with the reason, nothing left after one undo, any later write of the person's ends what can be undone, the
//! 15 minutes, a change from another device, and the old words gone from every file once the record goes.

use chrono::{Duration, NaiveDate};

use super::*;
use crate::error::Error;
use crate::fixtures::{TempMend, checkin_at, utc};
use crate::journal::{EventDetails, NewEvent, TestResult};
use crate::store::Origin;

fn now() -> DateTime<Utc> {
    utc(2026, 5, 20, 12, 0)
}

fn journal() -> TempMend {
    TempMend::with_loss(now(), NaiveDate::from_ymd_opt(2026, 5, 1).unwrap(), 9)
}

fn refusal(err: Error) -> String {
    match err {
        Error::Conflict(message) => message,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

fn with_mood(mood: u8, note: &str) -> crate::journal::NewCheckIn {
    checkin_at(now() - Duration::hours(1), |d| {
        d.mood = Some(mood);
        d.note = Some(note.into());
    })
}

#[test]
fn undoing_an_add_removes_the_entry_and_leaves_nothing_more_to_undo() {
    let mend = journal();
    let added = mend.journal().add_checkin(with_mood(3, "first")).unwrap();
    let undone = mend.journal().undo().unwrap();
    assert_eq!(
        (undone.entry, undone.change, undone.guid.as_str()),
        (UndoneEntry::CheckIn, UndoneChange::AddRemoved, added.guid.as_str())
    );
    assert_eq!(undone.message, "Undone: the check-in you added has been removed.");
    assert_eq!(mend.journal().checkin(&added.guid).unwrap(), None);
    let again = refusal(mend.journal().undo().unwrap_err());
    assert!(again.starts_with("There is nothing to undo."), "{again}");
}

#[test]
fn undoing_an_edit_brings_back_the_entry_as_it_was_as_a_newer_edit() {
    let mend = journal();
    let added = mend.journal().add_checkin(with_mood(3, "before")).unwrap();
    let edited = mend.journal().update_checkin(&added.guid, with_mood(8, "after")).unwrap();
    let undone = mend.journal().undo().unwrap();
    assert_eq!(undone.change, UndoneChange::EditReverted);
    let back = mend.journal().checkin(&added.guid).unwrap().unwrap();
    assert_eq!(back.data, added.data);
    assert_eq!((back.at, back.created_at), (added.at, added.created_at));
    assert!(back.updated_at > edited.updated_at, "the undo is a newer edit, so sync carries it");
    // Only the edit was undone: the add stays.
    assert!(refusal(mend.journal().undo().unwrap_err()).starts_with("There is nothing to undo."));
    assert!(mend.journal().checkin(&added.guid).unwrap().is_some());
}

#[test]
fn undo_after_a_delete_refuses_and_says_why() {
    let mend = journal();
    let added = mend.journal().add_checkin(with_mood(3, "to delete")).unwrap();
    mend.journal().delete_checkin(&added.guid).unwrap();
    let why = refusal(mend.journal().undo().unwrap_err());
    assert_eq!(why, "A deletion can't be undone: Mend wipes a deleted entry at once and keeps no copy of it.");
    assert_eq!(mend.journal().checkin(&added.guid).unwrap(), None, "the deletion stands");
    // The add before the deletion cannot be reached either.
    assert!(refusal(mend.journal().undo().unwrap_err()).starts_with("A deletion can't be undone"));
}

#[test]
fn events_and_losses_are_undone_too() {
    let mend = journal();
    let test = NewEvent {
        at: Some(now() - Duration::hours(2)),
        time_zone: None,
        details: EventDetails::Test { result: TestResult::Positive, hcg: None },
        note: None,
    };
    let event = mend.journal().add_event(test.clone()).unwrap();
    let negative = NewEvent { details: EventDetails::Test { result: TestResult::Negative, hcg: None }, ..test };
    mend.journal().update_event(&event.guid, negative).unwrap();
    let undone = mend.journal().undo().unwrap();
    assert_eq!((undone.entry, undone.change), (UndoneEntry::Event, UndoneChange::EditReverted));
    assert_eq!(mend.journal().event(&event.guid).unwrap().unwrap().details, event.details);

    let loss = mend.journal().current_loss().unwrap().unwrap();
    let mut input = crate::journal::NewLoss {
        loss_date: loss.loss_date,
        weeks: 11,
        kind: loss.kind,
        management: loss.management,
        due_date: loss.due_date,
        loss_at: loss.loss_at,
    };
    mend.journal().update_loss(&loss.guid, input.clone()).unwrap();
    let undone = mend.journal().undo().unwrap();
    assert_eq!((undone.entry, undone.change), (UndoneEntry::Loss, UndoneChange::EditReverted));
    assert_eq!(mend.journal().loss(&loss.guid).unwrap().unwrap().weeks, 9);
    input.weeks = 10;
    let added = mend.journal().record_loss(input).unwrap();
    assert_eq!(mend.journal().undo().unwrap().change, UndoneChange::AddRemoved);
    assert_eq!(mend.journal().loss(&added.guid).unwrap(), None);
}

#[test]
fn any_later_write_of_the_persons_ends_what_can_be_undone() {
    let mend = journal();
    mend.journal().add_checkin(with_mood(3, "one")).unwrap();
    mend.library().mark_read("guilt-and-self-blame").unwrap();
    assert!(refusal(mend.journal().undo().unwrap_err()).starts_with("There is nothing to undo."));

    // A batch (an import-like add of many) is not undoable and ends the previous record.
    mend.journal().add_checkin(with_mood(3, "two")).unwrap();
    mend.journal().add_checkins(vec![with_mood(4, "three"), with_mood(5, "four")]).unwrap();
    assert!(refusal(mend.journal().undo().unwrap_err()).starts_with("There is nothing to undo."));
}

#[test]
fn a_change_can_be_undone_for_15_minutes_and_is_wiped_after() {
    let mut mend = journal();
    let added = mend.journal().add_checkin(with_mood(3, "fifteen")).unwrap();
    mend.reopen(now() + Duration::minutes(15));
    mend.journal().undo().unwrap();
    assert_eq!(mend.journal().checkin(&added.guid).unwrap(), None);

    mend.reopen(now());
    mend.journal().add_checkin(with_mood(3, "sixteen")).unwrap();
    mend.reopen(now() + Duration::minutes(15) + Duration::milliseconds(1));
    let rows: i64 = mend
        .core_for_tests()
        .store
        .read(|c| Ok(c.query_row("SELECT count(*) FROM undo_record", [], |r| r.get(0))?))
        .unwrap();
    assert_eq!(rows, 0, "opening the journal wipes a record older than 15 minutes");
    assert!(refusal(mend.journal().undo().unwrap_err()).starts_with("There is nothing to undo."));
}

#[test]
fn an_entry_changed_on_another_device_since_is_not_undone() {
    let mend = journal();
    let added = mend.journal().add_checkin(with_mood(3, "mine")).unwrap();
    let from_elsewhere =
        crate::journal::CheckIn { updated_at: added.updated_at + Duration::seconds(5), ..added.clone() };
    mend.core_for_tests()
        .write_change(Origin::Remote, &[], crate::write::Afterwards::Keep, |tx, origin| {
            Ok(crate::journal::rows::upsert_checkin_from(tx, &from_elsewhere, origin)?)
        })
        .unwrap();
    let why = refusal(mend.journal().undo().unwrap_err());
    assert_eq!(why, "This can't be undone: the entry has changed since (on another of your devices).");
    assert!(mend.journal().checkin(&added.guid).unwrap().is_some());
}

#[test]
fn an_edits_old_words_stay_only_in_the_one_record_and_leave_every_file_with_it() {
    let mend = journal();
    let added = mend.journal().add_checkin(with_mood(3, "OLD-WORDS-19c4")).unwrap();
    mend.journal().update_checkin(&added.guid, with_mood(3, "new words")).unwrap();
    let records: Vec<(String, String)> = mend
        .core_for_tests()
        .store
        .read(|c| {
            let mut stmt = c.prepare("SELECT entry, action FROM undo_record")?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        })
        .unwrap();
    assert_eq!(records, vec![("checkins".to_owned(), "edited".to_owned())], "one row");
    mend.journal().add_checkin(with_mood(4, "next")).unwrap();
    assert_eq!(crate::store::safety_tests::copies_in(mend.dir(), "OLD-WORDS-19c4"), 0);
}

#[test]
fn erase_removes_the_record() {
    let mend = journal();
    let added = mend.journal().add_checkin(with_mood(3, "erase")).unwrap();
    mend.export().erase_all().unwrap();
    assert!(refusal(mend.journal().undo().unwrap_err()).starts_with("There is nothing to undo."));
    assert_eq!(mend.journal().checkin(&added.guid).unwrap(), None);
}
