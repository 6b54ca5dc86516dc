//! Journal behaviour on a real temporary database: writes, edits, tombstones, local days across zones,
//! transactional batches and "a rejected write changes nothing".

use chrono::NaiveDate;

use super::*;
use crate::error::Error;
use crate::fixtures::{TempMend, checkin_at, utc};
use crate::observe::Change;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn journal_with_loss() -> TempMend {
    TempMend::with_loss(utc(2026, 5, 20, 12, 0), date(2026, 5, 1), 9)
}

#[test]
fn a_checkin_round_trips_every_field() {
    let mend = journal_with_loss();
    let mut data = CheckInData {
        bleeding: Some(Bleeding::VeryHeavy),
        pads_per_hour: Some(2.5),
        clots: Some(Clots::Large),
        temperature_c: Some(38.2),
        chills: true,
        flu_like: true,
        discharge: Some(Discharge::Foul),
        dizziness: Some(Dizziness::Lasting),
        fainted: true,
        leg_left: LegSigns { swelling: true, warmth: false, redness: true },
        leg_right: LegSigns { swelling: false, warmth: true, redness: false },
        chest_pain: true,
        breathless: true,
        coughing_blood: true,
        mood: Some(2),
        feelings: vec![Feeling::Relief, Feeling::Grief, Feeling::Grief],
        self_harm_thoughts: true,
        sleep_hours: Some(4.5),
        energy: Some(1),
        note: Some("Line one\nline two — «quoted» 💙".into()),
        signs: Signs {
            came_round_within_a_minute: Some(false),
            soaking_hours: Some(2.5),
            heart_racing: true,
            unable_to_keep_safe: true,
            ..Signs::default()
        },
        ..Default::default()
    };
    for (i, place) in PainPlace::ALL.iter().enumerate() {
        data.pain.set(*place, Some((i % 11) as u8));
    }
    let saved = mend.journal().add_checkin(checkin_at(utc(2026, 5, 20, 11, 0), |d| *d = data.clone())).unwrap();
    assert_eq!(saved.data.feelings, vec![Feeling::Grief, Feeling::Relief], "feelings are stored sorted and once each");
    let loaded = mend.journal().checkin(&saved.guid).unwrap().unwrap();
    assert_eq!(loaded, saved);
    assert_eq!(loaded.time_zone, "Europe/Dublin");
}

#[test]
fn the_day_is_the_local_date_where_the_person_was() {
    let mend = journal_with_loss();
    // 23:30 UTC on 29 March 2026 is 00:30 on the 30th in Dublin (summer time began that morning).
    let c = mend.journal().add_checkin(checkin_at(utc(2026, 3, 29, 23, 30), |_| {})).unwrap();
    assert_eq!(c.day, date(2026, 3, 30));
    // The same instant in New York is still the 29th.
    let mut input = checkin_at(utc(2026, 3, 29, 23, 30), |_| {});
    input.time_zone = Some("America/New_York".into());
    let ny = mend.journal().add_checkin(input).unwrap();
    assert_eq!(ny.day, date(2026, 3, 29));
    assert_eq!(mend.journal().checkins_on(date(2026, 3, 30)).unwrap().len(), 1);
    assert_eq!(mend.journal().checkins_on(date(2026, 3, 29)).unwrap()[0].guid, ny.guid);
}

#[test]
fn several_checkins_a_day_and_range_queries() {
    let mend = journal_with_loss();
    for hour in [8, 13, 21] {
        mend.journal().add_checkin(checkin_at(utc(2026, 5, 10, hour, 0), |d| d.mood = Some(5))).unwrap();
    }
    mend.journal().add_checkin(checkin_at(utc(2026, 5, 12, 9, 0), |d| d.mood = Some(6))).unwrap();
    assert_eq!(mend.journal().checkins_on(date(2026, 5, 10)).unwrap().len(), 3);
    assert_eq!(mend.journal().checkins_between_days(date(2026, 5, 10), date(2026, 5, 12)).unwrap().len(), 4);
    assert_eq!(mend.journal().checkins_between(utc(2026, 5, 10, 9, 0), utc(2026, 5, 12, 9, 0)).unwrap().len(), 2);
    assert_eq!(mend.journal().latest_checkin().unwrap().unwrap().data.mood, Some(6));
}

#[test]
fn editing_bumps_the_change_counter_and_deleting_wipes_the_contents() {
    let mend = journal_with_loss();
    let c =
        mend.journal().add_checkin(checkin_at(utc(2026, 5, 20, 9, 0), |d| d.note = Some("private".into()))).unwrap();
    let edited =
        mend.journal().update_checkin(&c.guid, checkin_at(utc(2026, 5, 20, 9, 5), |d| d.mood = Some(4))).unwrap();
    assert_eq!(edited.guid, c.guid);
    assert_eq!(edited.created_at, c.created_at);
    assert!(edited.updated_at > c.updated_at);
    let counter = |guid: &str| -> i64 {
        let conn = rusqlite::Connection::open(mend.database_path()).unwrap();
        conn.query_row("SELECT sync_change_counter FROM checkins WHERE guid = ?1", [guid], |r| r.get(0)).unwrap()
    };
    assert_eq!(counter(&c.guid), 2);
    mend.journal().delete_checkin(&c.guid).unwrap();
    assert!(mend.journal().checkin(&c.guid).unwrap().is_none());
    let conn = rusqlite::Connection::open(mend.database_path()).unwrap();
    let (deleted, note, mood): (bool, Option<String>, Option<u8>) = conn
        .query_row("SELECT deleted, note, mood FROM checkins WHERE guid = ?1", [&c.guid], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    assert!(deleted && note.is_none() && mood.is_none(), "a tombstone keeps no health data");
    assert!(matches!(mend.journal().delete_checkin(&c.guid), Err(Error::NotFound { .. })));
    assert!(matches!(
        mend.journal().update_checkin("nosuchguid000", NewCheckIn::default()),
        Err(Error::NotFound { .. })
    ));
}

#[test]
fn a_rejected_write_leaves_the_export_byte_for_byte_unchanged() {
    let mend = journal_with_loss();
    mend.journal().add_checkin(checkin_at(utc(2026, 5, 19, 9, 0), |d| d.mood = Some(3))).unwrap();
    let before = mend.export().to_json().unwrap();
    let bad: Vec<NewCheckIn> = vec![
        checkin_at(utc(2026, 5, 19, 10, 0), |d| d.mood = Some(5)),
        checkin_at(utc(2026, 5, 19, 11, 0), |d| d.mood = Some(11)),
    ];
    match mend.journal().add_checkins(bad) {
        Err(Error::InvalidInput { field, .. }) => assert_eq!(field, "checkins[1].mood"),
        other => panic!("expected a rejected batch, got {other:?}"),
    }
    assert!(
        mend.journal().add_checkin(checkin_at(utc(2026, 5, 21, 9, 0), |_| {})).is_err(),
        "more than 10 minutes ahead"
    );
    assert!(
        mend.journal()
            .add_event(NewEvent {
                at: None,
                time_zone: None,
                details: EventDetails::Medication { name: "".into(), dose: None, medicine: None, route: None },
                note: None
            })
            .is_err()
    );
    let loss = mend.journal().current_loss().unwrap().unwrap();
    let future = NewLoss {
        loss_date: date(2026, 6, 1),
        weeks: 9,
        kind: LossKind::Miscarriage,
        management: None,
        due_date: None,
        loss_at: None,
    };
    assert!(mend.journal().update_loss(&loss.guid, future).is_err());
    assert_eq!(mend.export().to_json().unwrap(), before);
}

#[test]
fn the_current_loss_is_the_most_recent() {
    let mend = journal_with_loss();
    mend.journal()
        .record_loss(NewLoss {
            loss_date: date(2024, 1, 10),
            weeks: 16,
            kind: LossKind::LaterLoss,
            management: Some(Management::Medical),
            due_date: None,
            loss_at: None,
        })
        .unwrap();
    let current = mend.journal().current_loss().unwrap().unwrap();
    assert_eq!(current.loss_date, date(2026, 5, 1));
    assert_eq!(current.trimester(), Trimester::First);
    assert_eq!(mend.journal().losses().unwrap().len(), 2);
    mend.journal().delete_loss(&current.guid).unwrap();
    assert_eq!(mend.journal().current_loss().unwrap().unwrap().trimester(), Trimester::Second);
}

#[test]
fn events_round_trip_and_history_interleaves_by_time() {
    let mend = journal_with_loss();
    let details = [
        EventDetails::Test { result: TestResult::Faint, hcg: Some(25.0) },
        EventDetails::PeriodStart,
        EventDetails::Medication { name: "Ibuprofen".into(), dose: Some("400 mg".into()), medicine: None, route: None },
        EventDetails::GoAhead { activity: Activity::Massage },
        EventDetails::Session {
            session: SessionKind::Massage,
            focus: vec![FocusArea::Back, FocusArea::Neck],
            pressure: Some(Pressure::Light),
            pain_before: Some(5),
            pain_after: Some(2),
            therapist: Some("Niamh".into()),
        },
        EventDetails::Memorial { name: Some("Little one".into()), date: Some(date(2026, 5, 1)) },
    ];
    for (i, d) in details.iter().enumerate() {
        let e = mend
            .journal()
            .add_event(NewEvent {
                at: Some(utc(2026, 5, 15, 8 + i as u32, 0)),
                time_zone: None,
                details: d.clone(),
                note: Some(format!("n{i}")),
            })
            .unwrap();
        assert_eq!(mend.journal().event(&e.guid).unwrap().unwrap(), e);
    }
    mend.journal().add_checkin(checkin_at(utc(2026, 5, 15, 10, 30), |d| d.mood = Some(5))).unwrap();
    let history = mend.journal().history(date(2026, 5, 15), date(2026, 5, 15)).unwrap();
    assert_eq!(history.len(), 7);
    assert!(history.windows(2).all(|w| w[0].at() <= w[1].at()));
    assert!(matches!(history[3], HistoryEntry::Checkin(_)));
    assert_eq!(mend.journal().events_of_kind(EventKind::Session).unwrap().len(), 1);
}

#[test]
fn observers_hear_about_committed_writes_only() {
    let mend = journal_with_loss();
    let seen = crate::fixtures::RecordingObserver::new();
    let subscription = mend.subscribe(seen.clone());
    mend.journal().add_checkin(checkin_at(utc(2026, 5, 20, 9, 0), |_| {})).unwrap();
    let _ = mend.journal().add_checkin(checkin_at(utc(2026, 5, 20, 9, 0), |d| d.mood = Some(42)));
    assert_eq!(seen.count(&Change::Journal), 1);
    drop(subscription);
    mend.journal().add_checkin(checkin_at(utc(2026, 5, 20, 9, 1), |_| {})).unwrap();
    assert_eq!(seen.count(&Change::Journal), 1);
}

#[test]
fn reopening_keeps_everything() {
    let mut mend = journal_with_loss();
    let c = mend.journal().add_checkin(checkin_at(utc(2026, 5, 20, 9, 0), |d| d.energy = Some(3))).unwrap();
    mend.reopen(utc(2026, 5, 21, 9, 0));
    assert_eq!(mend.journal().checkin(&c.guid).unwrap().unwrap(), c);
    assert_eq!(mend.journal().profile().unwrap().unwrap().region.as_deref(), Some("IE"));
}

#[test]
fn a_journal_open_in_this_process_is_not_opened_twice() {
    let mut mend = journal_with_loss();
    let second = crate::Mend::open(mend.dir(), crate::OpenOptions::default());
    assert!(matches!(second, Err(Error::Conflict(_))), "a second writer on the same file is refused");
    // The same directory by another spelling is the same journal.
    let dotted = mend.dir().join(".");
    assert!(matches!(crate::Mend::open(&dotted, crate::OpenOptions::default()), Err(Error::Conflict(_))));
    // Once the first is closed, it opens again with everything kept.
    mend.reopen(utc(2026, 5, 21, 9, 0));
    assert_eq!(mend.journal().profile().unwrap().unwrap().region.as_deref(), Some("IE"));
}

#[test]
fn own_numbers_are_kept_changed_and_offered_first_when_something_needs_care_now() {
    let mend = journal_with_loss();
    let unit = NumberInput { label: "Cork EPU".into(), number: "021 492 0000".into() };
    let profile = mend.journal().set_own_numbers(Some(unit.clone()), None, None).unwrap();
    assert_eq!(profile.unit_number.as_ref().map(|n| n.uri.as_str()), Some("tel:0214920000"));
    assert_eq!(profile.region.as_deref(), Some("IE"), "the rest of the profile is kept");
    mend.journal().add_checkin(checkin_at(utc(2026, 5, 20, 9, 0), |d| d.chills = true)).unwrap();
    let alert = mend.care().alerts(true).unwrap().into_iter().find(|a| a.rule == crate::care::RuleId::Fever).unwrap();
    assert_eq!(alert.phones[0].role, crate::care::phones::PhoneRole::Unit);
    assert_eq!((alert.phone.as_str(), alert.phones[0].uri.as_str()), ("021 492 0000", "tel:0214920000"));
    assert!(alert.action.starts_with("Call Cork EPU on 021 492 0000 now, or go to"), "{}", alert.action);
    assert_eq!(alert.phones.last().unwrap().uri, "tel:999");

    let bad = NumberInput { label: "Cork EPU".into(), number: "02".into() };
    match mend.journal().set_own_numbers(Some(unit), None, Some(bad)) {
        Err(Error::InvalidInput { field, reason }) => {
            assert_eq!(field, "own_crisis_number.number");
            assert!(!reason.contains("021"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
    let cleared = mend.journal().set_own_numbers(None, None, None).unwrap();
    assert_eq!(cleared.unit_number, None);
    let alert = mend.care().alerts(true).unwrap().into_iter().find(|a| a.rule == crate::care::RuleId::Fever).unwrap();
    assert_eq!(alert.phones[0].role, crate::care::phones::PhoneRole::Emergency);
}
