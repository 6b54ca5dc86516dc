//! Reminders in the export document: they round-trip through import into an empty journal, merge by guid
//! without duplicates, are validated like a write (a bad row is reported by path, never quoting a title), and
//! erase-all removes them.

use chrono::Duration;

use super::*;
use crate::error::Error;
use crate::fixtures::TempMend;
use crate::zone::Zone;

fn sample() -> TempMend {
    let mend = TempMend::with_loss(utc(2026, 6, 1, 8, 5), date(2026, 5, 20), 8);
    let r = mend.reminders();
    let med = r
        .add(NewReminder {
            kind: ReminderKind::Medication,
            title: "Iron, with \"orange juice\"".into(),
            schedule: Schedule::Repeating {
                rrule: "freq=daily;until=20260630".into(),
                start: date(2026, 6, 1),
                time: hm(9, 0),
            },
            time_zone: Some("Europe/Dublin".into()),
            until: Some(date(2026, 7, 31)),
        })
        .unwrap();
    r.add(NewReminder {
        kind: ReminderKind::GroupMeeting,
        title: "Support group".into(),
        schedule: Schedule::Once { date: date(2026, 6, 9), time: hm(19, 30) },
        time_zone: None,
        until: None,
    })
    .unwrap();
    let paused = r
        .add(NewReminder {
            kind: ReminderKind::Memorial,
            title: "Remembering".into(),
            schedule: Schedule::Repeating { rrule: "FREQ=YEARLY".into(), start: date(2026, 5, 20), time: hm(10, 0) },
            time_zone: None,
            until: None,
        })
        .unwrap();
    r.pause(&paused.guid).unwrap();
    r.snooze(&med.guid, None, SnoozeFor::OneHour, Zone::named("Europe/Dublin").unwrap()).unwrap();
    r.set_quiet_hours(Some(QuietHours { from: hm(22, 0), to: hm(7, 30) })).unwrap();
    mend
}

#[test]
fn reminders_round_trip_through_export_and_import() {
    let source = sample();
    let document = source.export().document().unwrap();
    assert_eq!(document.reminders.len(), 3);
    assert_eq!(document.reminder_history.len(), 1);
    assert!(document.reminder_settings.is_some());
    let med = document.reminders.iter().find(|r| r.kind == ReminderKind::Medication).unwrap();
    assert_eq!(
        med.schedule,
        Schedule::Repeating {
            rrule: "FREQ=DAILY;UNTIL=20260630T235959Z".into(),
            start: date(2026, 6, 1),
            time: hm(9, 0)
        },
        "the rule is stored normalised"
    );
    let json = source.export().to_json().unwrap();
    let target = TempMend::at(utc(2026, 6, 1, 8, 5));
    let summary = target.export().import_json(&json).unwrap();
    assert_eq!(summary.reminders, 5);
    assert_eq!(target.export().to_json().unwrap(), json);
    let plan =
        |m: &TempMend| m.reminders().plan(m.now(), Duration::days(3), Zone::named("Europe/Dublin").unwrap()).unwrap();
    assert_eq!(plan(&target), plan(&source), "the imported journal plans the same firings");
}

#[test]
fn importing_again_merges_by_guid_and_newer_edits_win() {
    let mend = sample();
    let json = mend.export().to_json().unwrap();
    assert_eq!(mend.export().import_json(&json).unwrap().reminders, 0, "same versions change nothing");
    let mut doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    let group = doc["reminders"].as_array_mut().unwrap().iter_mut().find(|r| r["kind"] == "group_meeting");
    let group = group.unwrap();
    group["title"] = "Group at the hospital".into();
    group["updated_at"] = "2026-06-01T09:00:00Z".into();
    let guid = group["guid"].as_str().unwrap().to_owned();
    // A version 2 file's row carries its clock: a later updated_at under the same clock is not a newer version.
    assert_eq!(mend.export().import_json(&doc.to_string()).unwrap().reminders, 0);
    let clock = crate::sync::hlc::Hlc::parse(doc["clocks"]["reminders"][&guid].as_str().unwrap()).unwrap();
    let later = crate::sync::hlc::Hlc { millis: clock.millis + 1, ..clock };
    doc["clocks"]["reminders"][&guid] = later.to_string().into();
    assert_eq!(mend.export().import_json(&doc.to_string()).unwrap().reminders, 1);
    let all = mend.reminders().all().unwrap();
    assert_eq!(all.len(), 3);
    let group = all.iter().find(|r| r.kind == ReminderKind::GroupMeeting).unwrap();
    assert_eq!(group.title, "Group at the hospital");
}

#[test]
fn a_bad_reminder_is_rejected_by_path_without_quoting_it() {
    let mend = sample();
    let before = mend.export().to_json().unwrap();
    let import_error = |doc: &serde_json::Value| match mend.export().import_json(&doc.to_string()) {
        Err(Error::Import { at, reason }) => format!("{at}: {reason}"),
        other => panic!("expected an import error, got {other:?}"),
    };
    let parsed: serde_json::Value = serde_json::from_str(&before).unwrap();
    let med = parsed["reminders"].as_array().unwrap().iter().position(|r| r["kind"] == "medication");
    let med = med.unwrap();
    let mut doc = parsed.clone();
    doc["reminders"][med]["title"] = "x".repeat(201).into();
    let err = import_error(&doc);
    assert!(err.starts_with(&format!("reminders[{med}].title:")), "{err}");
    assert!(!err.contains("xxxx"), "{err}");
    let mut doc = parsed.clone();
    doc["reminders"][med]["schedule"]["rrule"] = "FREQ=SOMETIMES".into();
    assert!(import_error(&doc).starts_with(&format!("reminders[{med}].rrule:")));
    let mut doc = parsed.clone();
    doc["reminders"][med]["schedule"]["rrule"] = "freq=daily".into();
    assert!(import_error(&doc).contains("normal form"));
    let mut doc = parsed.clone();
    doc["reminders"][0]["kind"] = "due_date_countdown".into();
    assert!(import_error(&doc).contains("reminders[0].kind"));
    let mut doc = parsed;
    doc["reminder_history"][0]["reminder"] = "no".into();
    assert_eq!(import_error(&doc), "reminder_history[0].reminder: is not a valid identifier");
    assert_eq!(mend.export().to_json().unwrap(), before, "nothing was half-imported");
}

#[test]
fn an_export_from_before_reminders_still_imports() {
    let mend = TempMend::at(utc(2026, 6, 1, 8, 5));
    let old = r#"{"format":"mend-journal","version":1,"exported_at":"2026-01-01T00:00:00Z","profile":null}"#;
    mend.export().import_json(old).unwrap();
    let doc = mend.export().document().unwrap();
    assert!(doc.reminders.is_empty() && doc.reminder_history.is_empty() && doc.reminder_settings.is_none());
}

#[test]
fn erase_all_removes_reminders_history_and_settings() {
    let mend = sample();
    mend.export().erase_all().unwrap();
    let doc = mend.export().document().unwrap();
    assert!(doc.reminders.is_empty() && doc.reminder_history.is_empty() && doc.reminder_settings.is_none());
    assert_eq!(mend.reminders().quiet_hours().unwrap(), None);
}
