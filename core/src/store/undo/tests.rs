//! The undo record on a bare store: one row, handed to the next write of the person's and gone after it (even
//! when that write fails nothing is lost: it rolls back with it), left in place by a change from elsewhere,
//! and fresh for exactly 15 minutes.

use chrono::Duration;

use super::*;
use crate::fixtures::utc;

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("mend.db")).unwrap();
    (dir, store)
}

fn record(action: Action) -> Record {
    let at = utc(2026, 5, 20, 12, 0);
    Record { entry: Entry::Event, guid: "g-1".into(), action, after_updated: Some(at), made_at: at }
}

#[test]
fn the_next_write_of_the_persons_takes_the_record_whole() {
    let (_dir, store) = store();
    let edited = record(Action::Edited { before: "{\"note\":\"old\"}".into() });
    store
        .write_person(|tx, taken| {
            assert_eq!(taken, None);
            remember(tx, &record(Action::Added))?;
            remember(tx, &edited)
        })
        .unwrap();
    let taken = store.write_person(|_, taken| Ok(taken)).unwrap();
    assert_eq!(taken, Some(edited), "one record: the newer replaced the older");
    assert_eq!(store.write_person(|_, taken| Ok(taken)).unwrap(), None);
}

#[test]
fn a_write_that_fails_keeps_the_record() {
    let (_dir, store) = store();
    store.write_person(|tx, _| remember(tx, &record(Action::Added))).unwrap();
    let failed: Result<()> = store.write_person(|_, _| Err(crate::Error::Conflict("no".into())));
    assert!(failed.is_err());
    assert_eq!(store.write_person(|_, taken| Ok(taken)).unwrap(), Some(record(Action::Added)));
}

#[test]
fn a_plain_write_leaves_the_record_alone() {
    let (_dir, store) = store();
    store.write_person(|tx, _| remember(tx, &record(Action::Deleted))).unwrap();
    store.write(|_| Ok(())).unwrap();
    assert_eq!(store.write_person(|_, taken| Ok(taken)).unwrap(), Some(record(Action::Deleted)));
}

#[test]
fn a_record_is_fresh_for_exactly_fifteen_minutes() {
    let r = record(Action::Added);
    assert!(r.is_fresh(r.made_at));
    assert!(r.is_fresh(r.made_at + UNDO_WINDOW));
    assert!(!r.is_fresh(r.made_at + UNDO_WINDOW + Duration::milliseconds(1)));
    assert!(!r.is_fresh(r.made_at - Duration::milliseconds(1)), "a clock set back does not stretch the window");
}

#[test]
fn opening_late_wipes_a_stale_record_and_keeps_a_fresh_one() {
    let (_dir, store) = store();
    let r = record(Action::Added);
    store.write_person(|tx, _| remember(tx, &r)).unwrap();
    store.wipe_stale_undo(r.made_at + UNDO_WINDOW).unwrap();
    assert_eq!(
        store
            .write_person(|tx, taken| {
                remember(tx, &r)?;
                Ok(taken)
            })
            .unwrap(),
        Some(r.clone())
    );
    store.wipe_stale_undo(r.made_at + UNDO_WINDOW + Duration::milliseconds(1)).unwrap();
    assert_eq!(store.write_person(|_, taken| Ok(taken)).unwrap(), None);
}
