//! The engine end to end on a temporary journal: adding, listing, editing, pausing and deleting; validation
//! that never echoes a title; snooze, done, skip and adherence; quiet hours; discreet text; the massage gate;
//! the pregnancy-test suggestion; nothing created on its own; Today's upcoming reminders; observers.

use chrono::Duration;

use super::*;
use crate::error::Error;
use crate::fixtures::{TempMend, checkin_at};
use crate::journal::{Activity, Bleeding, EventDetails, NewEvent, NewLoss, TestResult};
use crate::observe::Change;
use crate::zone::Zone;

static DUBLIN: std::sync::LazyLock<Zone> = std::sync::LazyLock::new(|| Zone::named("Europe/Dublin").unwrap());

fn now() -> DateTime<Utc> {
    utc(2026, 6, 1, 12, 0)
}

fn journal() -> TempMend {
    TempMend::with_loss(now(), date(2026, 5, 20), 8)
}

fn new_daily(kind: ReminderKind, title: &str, h: u8, m: u8) -> NewReminder {
    NewReminder {
        kind,
        title: title.into(),
        schedule: daily(date(2026, 6, 1), h, m),
        time_zone: Some("Europe/Dublin".into()),
        until: None,
    }
}

fn plan(mend: &TempMend, hours: i64) -> Plan {
    mend.reminders().plan(mend.now(), Duration::hours(hours), *DUBLIN).unwrap()
}

fn field(result: crate::Result<Reminder>) -> String {
    match result {
        Err(Error::InvalidInput { field, .. }) => field,
        other => panic!("expected an input error, got {other:?}"),
    }
}

#[test]
fn add_list_edit_pause_resume_and_delete() {
    let mend = journal();
    let reminders = mend.reminders();
    let added = reminders.add(new_daily(ReminderKind::Medication, "Ibuprofen", 20, 0)).unwrap();
    assert!(!added.paused);
    let listed = reminders.list(*DUBLIN).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].status, ReminderStatus::Active);
    assert!(!listed[0].floating);
    assert_eq!(listed[0].next_at_utc, Some(utc(2026, 6, 1, 19, 0)));

    let edited = reminders
        .update(
            &added.guid,
            NewReminder { title: "Ibuprofen 400".into(), ..new_daily(ReminderKind::Medication, "", 21, 30) },
        )
        .unwrap();
    assert_eq!(edited.title, "Ibuprofen 400");
    assert!(edited.updated_at > added.updated_at || edited.updated_at == now());
    assert_eq!(reminders.list(*DUBLIN).unwrap()[0].next_at_utc, Some(utc(2026, 6, 1, 20, 30)));

    reminders.pause(&added.guid).unwrap();
    assert_eq!(reminders.list(*DUBLIN).unwrap()[0].status, ReminderStatus::Paused);
    assert!(plan(&mend, 72).firings.is_empty(), "a paused reminder never appears");
    reminders.resume(&added.guid).unwrap();
    assert_eq!(plan(&mend, 72).firings.len(), 3);

    reminders.delete(&added.guid).unwrap();
    assert!(reminders.all().unwrap().is_empty());
    assert!(matches!(reminders.delete(&added.guid), Err(Error::NotFound { .. })));
    let conn = rusqlite::Connection::open(mend.database_path()).unwrap();
    let (title, deleted): (String, bool) = conn
        .query_row("SELECT title, deleted FROM reminders WHERE guid = ?1", [&added.guid], |row| {
            Ok((row.get(0)?, row.get(1)?))
        })
        .unwrap();
    assert_eq!((title.as_str(), deleted), ("", true), "the tombstone keeps no title");
}

#[test]
fn validation_names_fields_and_never_echoes_a_title() {
    let mend = journal();
    let r = mend.reminders();
    let secret = "Misoprostol secret title";
    assert_eq!(field(r.add(new_daily(ReminderKind::Medication, "   ", 9, 0))), "title");
    let long = format!("{secret}{}", "x".repeat(200));
    let err = r.add(new_daily(ReminderKind::Medication, &long, 9, 0)).unwrap_err().to_string();
    assert!(err.starts_with("title:") && !err.contains(secret), "{err}");
    let zoned =
        NewReminder { time_zone: Some("Mars/Olympus".into()), ..new_daily(ReminderKind::CheckIn, secret, 9, 0) };
    let err = r.add(zoned).unwrap_err().to_string();
    assert!(err.starts_with("time_zone:") && !err.contains(secret), "{err}");
    let bad_rule = NewReminder {
        schedule: Schedule::Repeating { rrule: "FREQ=FORTNIGHTLY".into(), start: date(2026, 6, 1), time: hm(9, 0) },
        ..new_daily(ReminderKind::CheckIn, secret, 9, 0)
    };
    let err = r.add(bad_rule).unwrap_err().to_string();
    assert!(err.starts_with("rrule:") && !err.contains(secret), "{err}");
    let past = NewReminder {
        schedule: Schedule::Once { date: date(2026, 6, 1), time: hm(9, 0) },
        ..new_daily(ReminderKind::Appointment, secret, 9, 0)
    };
    assert_eq!(field(r.add(past)), "at");
    let until = NewReminder { until: Some(date(2026, 5, 1)), ..new_daily(ReminderKind::CheckIn, secret, 9, 0) };
    assert_eq!(field(r.add(until)), "until");
    assert!(r.all().unwrap().is_empty(), "nothing was saved");
}

#[test]
fn a_one_off_fires_once_and_then_has_ended() {
    let mut mend = journal();
    let once = NewReminder {
        schedule: Schedule::Once { date: date(2026, 6, 2), time: hm(15, 0) },
        ..new_daily(ReminderKind::Appointment, "Early pregnancy unit", 0, 0)
    };
    let saved = mend.reminders().add(once).unwrap();
    let firings = plan(&mend, 72).firings;
    assert_eq!(firings.len(), 1);
    assert_eq!(firings[0].at_utc, utc(2026, 6, 2, 14, 0));
    assert_eq!(firings[0].reminder, saved.guid);
    mend.reopen(utc(2026, 6, 3, 12, 0));
    assert!(plan(&mend, 72).firings.is_empty());
    assert_eq!(mend.reminders().list(*DUBLIN).unwrap()[0].status, ReminderStatus::Ended);
}

#[test]
fn snoozing_replaces_the_occurrence_in_the_plan() {
    let mut mend = TempMend::with_loss(utc(2026, 6, 1, 7, 0), date(2026, 5, 20), 8);
    let r = mend.reminders().add(new_daily(ReminderKind::Medication, "Iron", 9, 0)).unwrap();
    mend.reopen(utc(2026, 6, 1, 8, 3));
    // 09:00 IST is 08:00 UTC: at 08:03 it has just fired; snooze it ten minutes.
    let snoozed = mend.reminders().snooze(&r.guid, None, SnoozeFor::TenMinutes, *DUBLIN).unwrap();
    assert_eq!(snoozed.occurrence, utc(2026, 6, 1, 8, 0));
    assert_eq!(snoozed.snoozed_until, Some(utc(2026, 6, 1, 8, 13)));
    let firings = plan(&mend, 30).firings;
    assert_eq!(firings.len(), 2);
    assert_eq!((firings[0].at_utc, firings[0].snoozed), (utc(2026, 6, 1, 8, 13), true));
    assert_eq!(firings[0].occurrence_utc, utc(2026, 6, 1, 8, 0));
    assert_eq!((firings[1].at_utc, firings[1].snoozed), (utc(2026, 6, 2, 8, 0), false));

    // Snoozing again (an hour) moves the same occurrence; "tomorrow" is the same local time the next day.
    mend.reopen(utc(2026, 6, 1, 8, 14));
    let again = mend.reminders().snooze(&r.guid, None, SnoozeFor::OneHour, *DUBLIN).unwrap();
    assert_eq!((again.guid.clone(), again.snoozed_until), (snoozed.guid.clone(), Some(utc(2026, 6, 1, 9, 14))));
    let tomorrow = mend.reminders().snooze(&r.guid, None, SnoozeFor::Tomorrow, *DUBLIN).unwrap();
    assert_eq!(tomorrow.snoozed_until, Some(utc(2026, 6, 2, 8, 0)));
    // Tomorrow's own 09:00 and the snoozed one coincide: one firing, for the earlier occurrence.
    let firings = plan(&mend, 30).firings;
    assert_eq!(firings.len(), 1);
    assert_eq!(firings[0].occurrence_utc, utc(2026, 6, 1, 8, 0));
}

#[test]
fn done_and_skipped_leave_the_plan_and_count_towards_adherence() {
    let mut mend = TempMend::with_loss(utc(2026, 6, 1, 0, 0), date(2026, 5, 20), 8);
    let r = mend.reminders().add(new_daily(ReminderKind::Medication, "Antibiotic", 9, 0)).unwrap();
    // Day 1 done, day 2 skipped, day 3 nothing (missed), day 4 done early, before it fired.
    for (day, action) in [(1, "done"), (2, "skip"), (4, "done")] {
        let at = utc(2026, 6, day, 8, 30);
        mend.reopen(at);
        let record = match action {
            "done" => mend.reminders().done(&r.guid, None, *DUBLIN).unwrap(),
            _ => mend.reminders().skip(&r.guid, None, *DUBLIN).unwrap(),
        };
        assert_eq!(record.occurrence, utc(2026, 6, day, 8, 0));
    }
    mend.reopen(utc(2026, 6, 5, 7, 30));
    let early = mend.reminders().done(&r.guid, None, *DUBLIN);
    assert_eq!(early.unwrap().occurrence, utc(2026, 6, 5, 8, 0), "day 4 is done, so the next one is meant");
    let firings = plan(&mend, 48).firings;
    assert_eq!(firings.iter().map(|f| f.at_utc).collect::<Vec<_>>(), vec![utc(2026, 6, 6, 8, 0)]);

    let a = mend.reminders().adherence(&r.guid, utc(2026, 6, 1, 0, 0), utc(2026, 6, 8, 0, 0), *DUBLIN).unwrap();
    assert_eq!((a.occurrences, a.done, a.skipped, a.missed, a.upcoming), (7, 3, 1, 1, 2));
    assert_eq!(mend.reminders().history(&r.guid).unwrap().len(), 4);

    let wrong = mend.reminders().done(&r.guid, Some(utc(2026, 6, 3, 8, 1)), *DUBLIN);
    assert!(matches!(wrong, Err(Error::InvalidInput { field, .. }) if field == "occurrence"));
    let named = mend.reminders().done(&r.guid, Some(utc(2026, 6, 3, 8, 0)), *DUBLIN).unwrap();
    assert_eq!(named.status, OccurrenceStatus::Done);
}

#[test]
fn quiet_hours_are_stored_and_move_firings_to_their_end() {
    let mend = journal();
    let r = mend.reminders();
    assert_eq!(r.quiet_hours().unwrap(), None);
    r.add(new_daily(ReminderKind::Medication, "Late tablet", 23, 0)).unwrap();
    let q = QuietHours { from: hm(22, 0), to: hm(7, 30) };
    r.set_quiet_hours(Some(q)).unwrap();
    assert_eq!(r.quiet_hours().unwrap(), Some(q));
    let firings = plan(&mend, 48).firings;
    assert_eq!(firings.len(), 2);
    assert_eq!(firings[0].at_local.to_rfc3339(), "2026-06-02T07:30:00+01:00");
    assert!(firings[0].moved_by_quiet_hours);
    assert_eq!(firings[0].occurrence_utc, utc(2026, 6, 1, 22, 0));
    assert!(matches!(
        r.set_quiet_hours(Some(QuietHours { from: hm(7, 0), to: hm(7, 0) })),
        Err(Error::InvalidInput { .. })
    ));
    r.set_quiet_hours(None).unwrap();
    assert_eq!(plan(&mend, 48).firings[0].at_local.to_rfc3339(), "2026-06-01T23:00:00+01:00");
}

#[test]
fn notifications_are_discreet_unless_the_person_opts_in() {
    let mend = journal();
    let r = mend.reminders();
    assert!(r.discreet().unwrap(), "discreet is the default");
    r.add(new_daily(ReminderKind::Medication, "Misoprostol", 18, 0)).unwrap();
    r.add(new_daily(ReminderKind::CheckIn, "How is the bleeding", 19, 0)).unwrap();
    let firings = plan(&mend, 12).firings;
    assert_eq!(firings[0].title, "A reminder from Mend");
    assert_eq!(firings[1].title, "Time for your check-in");
    let json = serde_json::to_string(&firings).unwrap();
    assert!(!json.contains("Misoprostol") && !json.contains("bleeding"), "{json}");
    r.set_discreet(false).unwrap();
    assert!(!r.discreet().unwrap());
    let firings = plan(&mend, 12).firings;
    assert_eq!((firings[0].title.as_str(), firings[1].title.as_str()), ("Misoprostol", "How is the bleeding"));
    let empty = TempMend::at(now());
    assert!(matches!(empty.reminders().set_discreet(false), Err(Error::NotFound { .. })));
}

#[test]
fn a_massage_reminder_waits_until_bleeding_has_stopped() {
    let mut mend = journal();
    mend.journal().add_checkin(checkin_at(utc(2026, 5, 30, 9, 0), |d| d.bleeding = Some(Bleeding::Light))).unwrap();
    let r = mend.reminders().add(new_daily(ReminderKind::MassageSession, "Back massage", 18, 0)).unwrap();
    assert!(!mend.reminders().massage_allowed().unwrap());
    assert_eq!(mend.reminders().list(*DUBLIN).unwrap()[0].status, ReminderStatus::Waiting);
    assert!(plan(&mend, 48).firings.is_empty());
    for day in [31, 1] {
        let at = if day == 31 { utc(2026, 5, 31, 9, 0) } else { utc(2026, 6, 1, 9, 0) };
        mend.journal().add_checkin(checkin_at(at, |d| d.bleeding = Some(Bleeding::None))).unwrap();
    }
    mend.reopen(now());
    assert_eq!(mend.reminders().list(*DUBLIN).unwrap()[0].status, ReminderStatus::Active);
    assert_eq!(plan(&mend, 48).firings[0].reminder, r.guid);
    // With an explicit gate it waits again.
    let request = PlanRequest { now: now(), horizon: Duration::hours(48), zone: *DUBLIN, cap: 64 };
    assert!(mend.reminders().plan_with(&request, &false).unwrap().firings.is_empty());
    // An open red flag (a fever) closes the care engine's massage gate: the reminder waits, and is kept.
    mend.journal().add_checkin(checkin_at(utc(2026, 6, 1, 11, 0), |d| d.temperature_c = Some(38.6))).unwrap();
    assert!(!mend.reminders().massage_allowed().unwrap());
    assert_eq!(mend.reminders().list(*DUBLIN).unwrap()[0].status, ReminderStatus::Waiting);
    assert!(plan(&mend, 48).firings.is_empty());
}

#[test]
fn after_a_later_loss_massage_also_needs_seven_days_and_a_go_ahead() {
    let mend = TempMend::with_loss(utc(2026, 6, 1, 12, 0), date(2026, 5, 29), 20);
    for day in [30, 31] {
        mend.journal().add_checkin(checkin_at(utc(2026, 5, day, 9, 0), |d| d.bleeding = Some(Bleeding::None))).unwrap();
    }
    assert!(!mend.reminders().massage_allowed().unwrap(), "only 3 days on");
    let mut later = mend;
    later.reopen(utc(2026, 6, 6, 12, 0));
    assert!(!later.reminders().massage_allowed().unwrap(), "8 days on, but no go-ahead yet");
    later
        .journal()
        .add_event(NewEvent {
            at: Some(utc(2026, 6, 6, 10, 0)),
            time_zone: None,
            details: EventDetails::GoAhead { activity: Activity::Massage },
            note: None,
        })
        .unwrap();
    assert!(later.reminders().massage_allowed().unwrap());
}

#[test]
fn a_test_reminder_is_suggested_about_three_weeks_on_unless_a_negative_test_is_logged() {
    let mend = journal();
    let s = mend.reminders().suggested_test_reminder().unwrap().expect("a suggestion");
    assert_eq!(s.marker, "test-negative");
    assert_eq!(s.reminder.kind, ReminderKind::PregnancyTest);
    assert_eq!(s.reminder.schedule, Schedule::Once { date: date(2026, 6, 10), time: hm(9, 0) });
    assert_eq!(s.reminder.time_zone, None);
    assert!(mend.reminders().all().unwrap().is_empty(), "a suggestion saves nothing");
    // Accepting it makes it a real reminder, and then it is not suggested again.
    mend.reminders().add(s.reminder.clone()).unwrap();
    assert!(mend.reminders().suggested_test_reminder().unwrap().is_none());

    let other = journal();
    other
        .journal()
        .add_event(NewEvent {
            at: Some(utc(2026, 5, 31, 9, 0)),
            time_zone: None,
            details: EventDetails::Test { result: TestResult::Negative, hcg: None },
            note: None,
        })
        .unwrap();
    assert!(other.reminders().suggested_test_reminder().unwrap().is_none());
    assert!(TempMend::at(now()).reminders().suggested_test_reminder().unwrap().is_none(), "no loss, no suggestion");
}

#[test]
fn nothing_is_created_on_its_own_not_even_with_a_due_date() {
    let mend = TempMend::at(now());
    mend.journal()
        .set_up(
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
            NewLoss {
                loss_date: date(2026, 5, 20),
                weeks: 16,
                kind: crate::journal::LossKind::Miscarriage,
                management: None,
                due_date: Some(date(2026, 11, 1)),
                loss_at: None,
            },
        )
        .unwrap();
    assert!(mend.reminders().all().unwrap().is_empty());
    let today = mend.today_dashboard().unwrap();
    assert!(today.upcoming_reminders.is_empty());
}

#[test]
fn today_shows_the_next_firings_in_the_next_day() {
    let mend = journal();
    mend.reminders().add(new_daily(ReminderKind::CheckIn, "Check in", 20, 0)).unwrap();
    mend.reminders().add(new_daily(ReminderKind::Medication, "Iron", 9, 0)).unwrap();
    let today = mend.today_dashboard().unwrap();
    let at: Vec<String> = today.upcoming_reminders.iter().map(|f| f.at_local.format("%d %H:%M").to_string()).collect();
    assert_eq!(at, ["01 20:00", "02 09:00"]);
    let json = serde_json::to_value(&today).unwrap();
    assert_eq!(json["upcoming_reminders"][0]["title"], "Time for your check-in");
    assert!(!json.to_string().contains("Iron"));
}

#[test]
fn a_firing_id_leads_back_to_its_reminder_and_occurrence() {
    let mend = journal();
    let r = mend.reminders().add(new_daily(ReminderKind::Medication, "Iron", 20, 0)).unwrap();
    let f = plan(&mend, 24).firings.remove(0);
    assert_eq!(mend.reminders().find_firing(&f.id, *DUBLIN).unwrap(), Some((r.guid.clone(), f.occurrence_utc)));
    assert_eq!(mend.reminders().find_firing("0000000000000000", *DUBLIN).unwrap(), None);
    assert_eq!(f.id, firing_id(&r.guid, utc(2026, 6, 1, 19, 0)));
}

#[test]
fn horizons_are_bounded() {
    let mend = journal();
    let r = mend.reminders();
    assert!(
        matches!(r.plan(now(), Duration::days(400), *DUBLIN), Err(Error::InvalidInput { field, .. }) if field == "horizon")
    );
    assert!(r.plan(now(), Duration::days(366), *DUBLIN).is_ok());
}

#[test]
fn observers_hear_about_reminder_changes() {
    let mend = journal();
    let seen = crate::fixtures::RecordingObserver::new();
    let _sub = mend.subscribe(seen.clone());
    let r = mend.reminders().add(new_daily(ReminderKind::CheckIn, "Check in", 20, 0)).unwrap();
    mend.reminders().pause(&r.guid).unwrap();
    mend.reminders().set_quiet_hours(Some(QuietHours { from: hm(22, 0), to: hm(7, 0) })).unwrap();
    assert_eq!(seen.count(&Change::Reminders), 3);
}

#[test]
fn occurrences_before_a_reminder_existed_neither_fire_nor_count() {
    let mut mend = journal();
    // Made at noon for 09:00 every day from today: the first is tomorrow.
    let r = mend.reminders().add(new_daily(ReminderKind::Medication, "Iron", 9, 0)).unwrap();
    assert_eq!(mend.reminders().list(*DUBLIN).unwrap()[0].next_at_utc, Some(utc(2026, 6, 2, 8, 0)));
    mend.reopen(utc(2026, 6, 3, 12, 0));
    let a = mend.reminders().adherence(&r.guid, utc(2026, 6, 1, 0, 0), utc(2026, 6, 4, 0, 0), *DUBLIN).unwrap();
    assert_eq!((a.occurrences, a.missed), (2, 2));
    let early = mend.reminders().done(&r.guid, Some(utc(2026, 6, 1, 8, 0)), *DUBLIN);
    assert!(matches!(early, Err(Error::InvalidInput { field, .. }) if field == "occurrence"));
}

#[test]
fn a_new_reminder_starts_at_the_cores_time_and_quiet_hours_at_its_suggestion() {
    let mend = journal();
    let reminders = mend.reminders();
    let at = |kind| reminders.suggested_time(kind).to_string();
    assert_eq!(at(ReminderKind::Medication), "09:00");
    assert_eq!(at(ReminderKind::PregnancyTest), "09:00", "morning urine is the most concentrated");
    assert_eq!(at(ReminderKind::CheckIn), "20:00");
    let quiet = reminders.suggested_quiet_hours();
    assert_eq!((quiet.from.to_string(), quiet.to.to_string()), ("22:00".to_owned(), "07:30".to_owned()));
    reminders.set_quiet_hours(Some(quiet)).unwrap();
    assert_eq!(reminders.quiet_hours().unwrap(), Some(quiet));
}
