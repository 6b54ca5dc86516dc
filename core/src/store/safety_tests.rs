//! The journal's files, as a fault-finder sees them: `mend.db` alone holds the whole journal once closed; no
//! deleted or overwritten words stay readable in any file of the data directory; the files are private; first
//! opens and set-ups are safe when concurrent; an export is one snapshot; an old export never brings a
//! deleted entry back; erase is all or nothing and tells the truth.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::sync::{Arc, Barrier};

use crate::fixtures::{TempMend, checkin_at, utc};
use crate::journal::{Bleeding, NewCheckIn};
use crate::{Error, Mend, OpenOptions};

fn now() -> chrono::DateTime<chrono::Utc> {
    utc(2026, 6, 1, 9, 0)
}

fn with_note(minute: u32, note: &str) -> NewCheckIn {
    checkin_at(utc(2026, 5, 30, 8, minute), |d| {
        d.mood = Some(4);
        d.note = Some(note.to_owned());
    })
}

/// How many times `marker` appears in the files of `dir` (database, WAL, shared memory, anything else).
pub(crate) fn copies_in(dir: &Path, marker: &str) -> usize {
    let mut copies = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            let bytes = std::fs::read(&path).unwrap();
            copies += bytes.windows(marker.len()).filter(|w| *w == marker.as_bytes()).count();
        }
    }
    copies
}

fn checkins_in_file_alone(db: &Path) -> usize {
    let copy = tempfile::tempdir().unwrap();
    std::fs::copy(db, copy.path().join("mend.db")).unwrap();
    let mend = Mend::open(copy.path(), OpenOptions::default()).unwrap();
    mend.journal().all_checkins().unwrap().len()
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn the_database_file_copied_alone_after_closing_has_every_checkin() {
    let temp = tempfile::tempdir().unwrap();
    {
        let mend = Mend::open(temp.path(), OpenOptions { clock: crate::Clock::Fixed(now()) }).unwrap();
        for minute in 0..30 {
            mend.journal().add_checkin(with_note(minute, "a day")).unwrap();
        }
        // Readers in the pool, as after any real use.
        assert_eq!(mend.journal().all_checkins().unwrap().len(), 30);
    }
    let wal = temp.path().join("mend.db-wal");
    assert!(!wal.exists() || std::fs::metadata(&wal).unwrap().len() == 0, "the WAL is empty once closed");
    assert_eq!(checkins_in_file_alone(&temp.path().join("mend.db")), 30);
}

#[test]
fn a_deleted_note_leaves_no_copy_in_any_file_while_the_journal_is_open() {
    let mend = TempMend::at(now());
    let keep = mend.journal().add_checkin(with_note(0, "KEEP-7f3a")).unwrap();
    let gone = mend.journal().add_checkin(with_note(1, "DELETED-NOTE-91c2")).unwrap();
    mend.journal().all_checkins().unwrap();
    assert!(copies_in(mend.dir(), "DELETED-NOTE-91c2") > 0, "the test can see a note on disk");
    mend.journal().delete_checkin(&gone.guid).unwrap();
    assert_eq!(copies_in(mend.dir(), "DELETED-NOTE-91c2"), 0);
    assert!(copies_in(mend.dir(), "KEEP-7f3a") > 0, "what was kept is still there");
    assert_eq!(mend.journal().checkin(&keep.guid).unwrap().unwrap().data.note.as_deref(), Some("KEEP-7f3a"));
}

#[test]
fn an_edited_note_or_title_leaves_no_copy_of_the_old_words() {
    let mend = TempMend::at(now());
    let checkin = mend.journal().add_checkin(with_note(0, "OLD-WORDS-55e1")).unwrap();
    mend.journal().update_checkin(&checkin.guid, with_note(0, "new words")).unwrap();
    // The one undo record keeps the words the edit replaced until the next write (or 15 minutes)...
    assert_eq!(copies_in(mend.dir(), "OLD-WORDS-55e1"), 1);
    mend.journal().add_checkin(with_note(1, "next")).unwrap();
    // ...which leaves no copy of them in any file.
    assert_eq!(copies_in(mend.dir(), "OLD-WORDS-55e1"), 0);

    let reminder = mend
        .reminders()
        .add(crate::reminders::NewReminder {
            kind: crate::reminders::ReminderKind::Medication,
            title: "OLD-TITLE-0b7d".into(),
            schedule: crate::reminders::Schedule::Once {
                date: chrono::NaiveDate::from_ymd_opt(2026, 6, 2).unwrap(),
                time: crate::reminders::TimeOfDay::new(9, 0).unwrap(),
            },
            time_zone: Some("Europe/Dublin".into()),
            until: None,
        })
        .unwrap();
    let mut edited = crate::reminders::NewReminder {
        kind: reminder.kind,
        title: "Iron".into(),
        schedule: reminder.schedule.clone(),
        time_zone: reminder.time_zone.clone(),
        until: None,
    };
    mend.reminders().update(&reminder.guid, edited.clone()).unwrap();
    assert_eq!(copies_in(mend.dir(), "OLD-TITLE-0b7d"), 0);
    edited.title = "DELETED-TITLE-77aa".into();
    mend.reminders().update(&reminder.guid, edited).unwrap();
    mend.reminders().delete(&reminder.guid).unwrap();
    assert_eq!(copies_in(mend.dir(), "DELETED-TITLE-77aa"), 0);
}

#[test]
fn erase_leaves_no_copy_of_anything_in_any_file() {
    let mend = TempMend::at(now());
    for minute in 0..40 {
        mend.journal().add_checkin(with_note(minute, "ERASED-NOTE-c4d2")).unwrap();
    }
    mend.journal().all_checkins().unwrap();
    mend.export().erase_all().unwrap();
    assert_eq!(copies_in(mend.dir(), "ERASED-NOTE-c4d2"), 0);
    assert!(mend.journal().all_checkins().unwrap().is_empty());
}

#[test]
fn erase_while_another_program_reads_changes_nothing_and_says_so() {
    let mend = TempMend::at(now());
    for minute in 0..10 {
        mend.journal().add_checkin(with_note(minute, "STILL-HERE-2e9f")).unwrap();
    }
    // Another program holding a snapshot of the journal.
    let other = rusqlite::Connection::open(mend.database_path()).unwrap();
    other.execute_batch("BEGIN").unwrap();
    let seen: i64 = other.query_row("SELECT count(*) FROM checkins", [], |r| r.get(0)).unwrap();
    assert_eq!(seen, 10);
    let refused = mend.export().erase_all().unwrap_err();
    assert!(matches!(refused, Error::Conflict(_)), "{refused}");
    assert!(refused.to_string().starts_with("Nothing was erased: another program is reading your journal"));
    assert_eq!(mend.journal().all_checkins().unwrap().len(), 10, "nothing was erased");
    other.execute_batch("COMMIT").unwrap();
    drop(other);
    mend.export().erase_all().unwrap();
    assert_eq!(copies_in(mend.dir(), "STILL-HERE-2e9f"), 0);
}

#[test]
fn a_new_journal_is_private_and_an_existing_one_is_made_private() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("journal");
    {
        let mend = Mend::open(&dir, OpenOptions::default()).unwrap();
        mend.journal().add_checkin(with_note(0, "private")).unwrap();
        assert_eq!(mode(&dir), 0o700);
        for name in ["mend.db", "mend.db-wal", "mend.db-shm"] {
            assert_eq!(mode(&dir.join(name)), 0o600, "{name}");
        }
    }
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(dir.join("mend.db"), std::fs::Permissions::from_mode(0o644)).unwrap();
    let _mend = Mend::open(&dir, OpenOptions::default()).unwrap();
    assert_eq!(mode(&dir), 0o700);
    assert_eq!(mode(&dir.join("mend.db")), 0o600);
}

#[test]
fn temporary_tables_and_sorts_stay_in_memory() {
    let temp = tempfile::tempdir().unwrap();
    let store = super::Store::open(&temp.path().join("mend.db")).unwrap();
    let memory = 2;
    let on_writer: i64 = store.with_writer(|c| Ok(c.pragma_query_value(None, "temp_store", |r| r.get(0))?)).unwrap();
    let on_reader: i64 = store.read(|c| Ok(c.pragma_query_value(None, "temp_store", |r| r.get(0))?)).unwrap();
    assert_eq!((on_writer, on_reader), (memory, memory));
}

#[test]
fn several_first_opens_of_a_new_journal_at_once_all_succeed() {
    for round in 0..20 {
        let temp = tempfile::tempdir().unwrap();
        let path = Arc::new(temp.path().join("mend.db"));
        let start = Arc::new(Barrier::new(3));
        let openers: Vec<_> = (0..3)
            .map(|_| {
                let (path, start) = (Arc::clone(&path), Arc::clone(&start));
                std::thread::spawn(move || {
                    start.wait();
                    let store = super::Store::open(&path)?;
                    store.write(|tx| {
                        tx.execute(
                            "INSERT INTO checkins (guid, at_ms, time_zone, local_day, created_at, updated_at) \
                             VALUES (lower(hex(randomblob(8))), 0, 'UTC', '2026-01-01', 0, 0)",
                            [],
                        )?;
                        Ok(())
                    })
                })
            })
            .collect();
        for opener in openers {
            opener.join().unwrap().unwrap_or_else(|e| panic!("round {round}: {e}"));
        }
        let store = super::Store::open(&path).unwrap();
        let rows: i64 = store.read(|c| Ok(c.query_row("SELECT count(*) FROM checkins", [], |r| r.get(0))?)).unwrap();
        assert_eq!(rows, 3, "round {round}");
    }
}

#[test]
fn two_set_ups_at_once_make_one_journal() {
    let temp = tempfile::tempdir().unwrap();
    let path = Arc::new(temp.path().join("mend.db"));
    drop(super::Store::open(&path).unwrap());
    let start = Arc::new(Barrier::new(2));
    let set_ups: Vec<_> = (0..2)
        .map(|_| {
            let (path, start) = (Arc::clone(&path), Arc::clone(&start));
            std::thread::spawn(move || {
                // Two processes: two stores on one file (Mend itself refuses a second in one process).
                let store = super::Store::open(&path).unwrap();
                let core = crate::mend::Core {
                    store,
                    clock: crate::Clock::Fixed(now()),
                    observers: crate::observe::Observers::default(),
                    evaluator: Box::new(crate::care::WriteEvaluator::new()),
                };
                start.wait();
                crate::journal::Journal::new(&core).set_up(
                    crate::journal::ProfileInput {
                        region: Some("IE".into()),
                        time_zone: "Europe/Dublin".into(),
                        discreet_notifications: true,
                        unit_number: None,
                        own_emergency_number: None,
                        own_crisis_number: None,
                        mood_screens: None,
                        rhd: None,
                    },
                    crate::journal::NewLoss {
                        loss_date: chrono::NaiveDate::from_ymd_opt(2026, 5, 20).unwrap(),
                        weeks: 8,
                        kind: crate::journal::LossKind::Miscarriage,
                        management: None,
                        due_date: None,
                        loss_at: None,
                    },
                )
            })
        })
        .collect();
    let results: Vec<_> = set_ups.into_iter().map(|t| t.join().unwrap()).collect();
    assert_eq!(results.iter().filter(|r| r.is_ok()).count(), 1, "exactly one set-up succeeds");
    assert!(results.iter().any(|r| matches!(r, Err(Error::Conflict(_)))));
    let store = super::Store::open(&path).unwrap();
    let losses: i64 = store.read(|c| Ok(c.query_row("SELECT count(*) FROM losses", [], |r| r.get(0))?)).unwrap();
    assert_eq!(losses, 1);
}

#[test]
fn a_snapshot_reads_one_state_while_writes_go_on() {
    let mend = TempMend::at(now());
    mend.journal().add_checkin(with_note(0, "first")).unwrap();
    let store = &mend.core_for_tests().store;
    let (before, after) = store
        .snapshot(|| {
            let before = mend.journal().all_checkins()?.len();
            mend.journal().add_checkin(with_note(1, "written meanwhile"))?;
            Ok((before, mend.journal().all_checkins()?.len()))
        })
        .unwrap();
    assert_eq!((before, after), (1, 1), "the snapshot does not see a write made after it began");
    assert_eq!(mend.journal().all_checkins().unwrap().len(), 2);
}

#[test]
fn an_export_taken_during_writes_never_cites_an_entry_it_does_not_hold() {
    let temp = tempfile::tempdir().unwrap();
    let writer_dir = temp.path().to_owned();
    let mend = Arc::new(Mend::open(&writer_dir, OpenOptions { clock: crate::Clock::Fixed(now()) }).unwrap());
    let writing = {
        let mend = Arc::clone(&mend);
        std::thread::spawn(move || {
            for minute in 0..120u32 {
                let at = utc(2026, 5, 31, 20, 0) + chrono::Duration::minutes(i64::from(minute) * 5);
                let checkin = checkin_at(at, |d| {
                    d.bleeding = Some(Bleeding::VeryHeavy);
                    d.pads_per_hour = Some(3.0);
                });
                mend.journal().add_checkin(checkin).unwrap();
            }
        })
    };
    let mut exports = 0;
    while !writing.is_finished() || exports == 0 {
        let document = mend.export().document().unwrap();
        let held: std::collections::BTreeSet<&str> = document.checkins.iter().map(|c| c.guid.as_str()).collect();
        for alert in &document.alerts {
            for guid in &alert.because {
                assert!(held.contains(guid.as_str()), "export {exports}: an alert cites a check-in it lacks");
            }
        }
        exports += 1;
    }
    writing.join().unwrap();
    assert!(exports > 1);
}

#[test]
fn importing_an_older_export_never_brings_a_deleted_entry_back() {
    let mend = TempMend::at(now());
    let kept = mend.journal().add_checkin(with_note(0, "kept")).unwrap();
    let deleted = mend.journal().add_checkin(with_note(1, "deleted later")).unwrap();
    let backup = mend.export().to_json().unwrap();
    // Deleted an hour after the backup was taken.
    let mut mend = mend;
    mend.reopen(now() + chrono::Duration::hours(1));
    mend.journal().delete_checkin(&deleted.guid).unwrap();
    mend.export().import_json(&backup).unwrap();
    let guids: Vec<String> = mend.journal().all_checkins().unwrap().into_iter().map(|c| c.guid).collect();
    assert_eq!(guids, vec![kept.guid], "the older row does not revive the deletion");
}
