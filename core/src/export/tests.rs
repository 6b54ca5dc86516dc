//! Export, import and erase: JSON round-trips every field (property test), import merges by guid without
//! duplicates, malformed files are rejected whole with a path and never quote values, erase leaves no trace.

use chrono::{Duration, NaiveDate};
use proptest::prelude::*;

use crate::error::Error;
use crate::fixtures::{TempMend, checkin_at, utc};
use crate::journal::*;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn now() -> chrono::DateTime<chrono::Utc> {
    utc(2026, 6, 1, 12, 0)
}

fn sample() -> TempMend {
    let mend = TempMend::with_loss(now(), date(2026, 5, 1), 10);
    mend.journal()
        .add_checkin(checkin_at(utc(2026, 5, 3, 9, 0), |d| {
            d.bleeding = Some(Bleeding::Heavy);
            d.pads_per_hour = Some(1.5);
            d.note = Some("Tired, \"sore\" and sad, but my sister came round.".into());
            d.feelings = vec![Feeling::Grief, Feeling::Hope];
            d.temperature_c = Some(37.4);
        }))
        .unwrap();
    mend.journal()
        .add_event(NewEvent {
            at: Some(utc(2026, 5, 20, 9, 0)),
            time_zone: None,
            details: EventDetails::Test { result: TestResult::Negative, hcg: Some(4.0) },
            note: None,
        })
        .unwrap();
    let unit = NumberInput { label: "Cork EPU".into(), number: "+353 21 492 0000".into() };
    let crisis = NumberInput { label: "my sister".into(), number: "087 123 4567".into() };
    mend.journal().set_own_numbers(Some(unit), None, Some(crisis)).unwrap();
    mend
}

#[test]
fn the_profiles_own_numbers_travel_and_older_files_without_them_still_import() {
    let json = sample().export().to_json().unwrap();
    let target = TempMend::at(now());
    target.export().import_json(&json).unwrap();
    let profile = target.journal().profile().unwrap().unwrap();
    let unit = profile.unit_number.unwrap();
    assert_eq!(
        (unit.label.as_str(), unit.number.as_str(), unit.uri.as_str()),
        ("Cork EPU", "+353 21 492 0000", "tel:+353214920000")
    );
    assert_eq!(profile.own_crisis_number.unwrap().number, "087 123 4567");
    assert_eq!(profile.own_emergency_number, None);

    let mut older: serde_json::Value = serde_json::from_str(&json).unwrap();
    for field in ["unit_number", "own_emergency_number", "own_crisis_number"] {
        older["profile"].as_object_mut().unwrap().remove(field);
    }
    let target = TempMend::at(now());
    target.export().import_json(&older.to_string()).unwrap();
    let profile = target.journal().profile().unwrap().unwrap();
    assert_eq!((profile.unit_number, profile.own_crisis_number), (None, None));
    assert_eq!(profile.region.as_deref(), Some("IE"));

    let mut bad: serde_json::Value = serde_json::from_str(&json).unwrap();
    bad["profile"]["unit_number"]["number"] = "call 021 492".into();
    bad["profile"]["unit_number"]["uri"] = "tel:666".into();
    match TempMend::at(now()).export().import_json(&bad.to_string()) {
        Err(Error::Import { at, reason }) => {
            assert!(at.contains("unit_number.number"), "{at}");
            assert!(!reason.contains("021") && !at.contains("021"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
    let mut forged: serde_json::Value = serde_json::from_str(&json).unwrap();
    forged["profile"]["unit_number"]["uri"] = "tel:666".into();
    let target = TempMend::at(now());
    target.export().import_json(&forged.to_string()).unwrap();
    assert_eq!(
        target.journal().profile().unwrap().unwrap().unit_number.unwrap().uri,
        "tel:+353214920000",
        "derived, never read"
    );
}

#[test]
fn import_into_an_empty_journal_restores_everything() {
    let source = sample();
    let json = source.export().to_json().unwrap();
    let target = TempMend::at(now());
    let summary = target.export().import_json(&json).unwrap();
    assert_eq!((summary.profile, summary.losses, summary.checkins, summary.events), (true, 1, 1, 1));
    assert_eq!(target.export().to_json().unwrap(), json);
}

#[test]
fn import_into_a_non_empty_journal_merges_by_guid_without_duplicates() {
    let mend = sample();
    let json = mend.export().to_json().unwrap();
    let extra = mend.journal().add_checkin(checkin_at(utc(2026, 5, 30, 9, 0), |d| d.mood = Some(6))).unwrap();
    let summary = mend.export().import_json(&json).unwrap();
    assert_eq!((summary.losses, summary.checkins, summary.events), (0, 0, 0), "same versions change nothing");
    let doc = mend.export().document().unwrap();
    assert_eq!(doc.checkins.len(), 2);
    assert!(doc.checkins.iter().any(|c| c.guid == extra.guid));
    // In a version 1 file (no clocks), a newer edit (by `updated_at`) wins over the stored row.
    let mut newer: serde_json::Value = serde_json::from_str(&json).unwrap();
    newer["version"] = 1.into();
    newer.as_object_mut().unwrap().remove("clocks");
    newer["checkins"][0]["mood"] = 9.into();
    newer["checkins"][0]["updated_at"] = "2026-06-01T13:00:00Z".into();
    let summary = mend.export().import_json(&newer.to_string()).unwrap();
    assert_eq!(summary.checkins, 1);
    let doc = mend.export().document().unwrap();
    assert_eq!(doc.checkins.len(), 2);
    assert_eq!(doc.checkins[0].data.mood, Some(9));
}

fn import_error(mend: &TempMend, text: &str) -> (String, String) {
    match mend.export().import_json(text) {
        Err(Error::Import { at, reason }) => (at, reason),
        other => panic!("expected an import error, got {other:?}"),
    }
}

#[test]
fn a_malformed_file_is_rejected_whole_with_its_path_and_no_values() {
    let mend = sample();
    let before = mend.export().to_json().unwrap();
    let mut doc: serde_json::Value = serde_json::from_str(&before).unwrap();
    // A valid new check-in first, then a bad one: neither may land.
    let mut good = doc["checkins"][0].clone();
    good["guid"] = "newguid000000001".into();
    let mut bad = good.clone();
    bad["guid"] = "newguid000000002".into();
    bad["mood"] = 12.into();
    doc["checkins"] = serde_json::json!([good, bad]);
    let (at, reason) = import_error(&mend, &doc.to_string());
    assert_eq!(at, "checkins[1].mood");
    assert_eq!(reason, "must be between 0 and 10");
    assert_eq!(mend.export().to_json().unwrap(), before, "nothing was half-imported");

    let mut typed = serde_json::from_str::<serde_json::Value>(&before).unwrap();
    typed["checkins"][0]["bleeding"] = "my secret words".into();
    let (at, reason) = import_error(&mend, &serde_json::to_string_pretty(&typed).unwrap());
    assert!(at.starts_with("checkins[0].bleeding") || at.starts_with("checkins[0]"), "{at}");
    assert!(at.contains("line "), "{at}");
    assert!(!reason.contains("secret"), "{reason}");

    let mut missing = serde_json::from_str::<serde_json::Value>(&before).unwrap();
    missing["checkins"][0].as_object_mut().unwrap().remove("time_zone");
    let (at, reason) = import_error(&mend, &missing.to_string());
    assert!(at.starts_with("checkins[0]"), "{at}");
    assert_eq!(reason, "missing field `time_zone`");

    let (at, _) = import_error(&mend, "{ not json");
    assert_eq!(at, "line 1");
    let (at, _) = import_error(
        &mend,
        r#"{"format":"something-else","version":1,"exported_at":"2026-01-01T00:00:00Z","profile":null}"#,
    );
    assert_eq!(at, "format");
    let (at, reason) = import_error(
        &mend,
        r#"{"format":"mend-journal","version":99,"exported_at":"2026-01-01T00:00:00Z","profile":null}"#,
    );
    assert_eq!(at, "version");
    assert!(reason.contains("newer version"));
    let mut wrong_day = serde_json::from_str::<serde_json::Value>(&before).unwrap();
    wrong_day["checkins"][0]["day"] = "2020-01-01".into();
    assert_eq!(import_error(&mend, &wrong_day.to_string()).0, "checkins[0].day");
    assert_eq!(mend.export().to_json().unwrap(), before);
}

#[test]
fn error_messages_never_contain_health_data() {
    let mend = sample();
    let secret_note = "SECRET-NOTE-4471";
    let mut errors: Vec<String> = Vec::new();
    errors.push(
        mend.journal()
            .add_checkin(checkin_at(now(), |d| d.note = Some(format!("{secret_note}{}", "x".repeat(10_001)))))
            .unwrap_err()
            .to_string(),
    );
    errors
        .push(mend.journal().add_checkin(checkin_at(now(), |d| d.temperature_c = Some(47.3))).unwrap_err().to_string());
    errors
        .push(mend.journal().add_checkin(checkin_at(now(), |d| d.pads_per_hour = Some(31.5))).unwrap_err().to_string());
    let loss = NewLoss {
        loss_date: date(2027, 2, 14),
        weeks: 12,
        kind: LossKind::Miscarriage,
        management: None,
        due_date: None,
        loss_at: None,
    };
    errors.push(mend.journal().record_loss(loss).unwrap_err().to_string());
    let mut doc: serde_json::Value = serde_json::from_str(&mend.export().to_json().unwrap()).unwrap();
    doc["checkins"][0]["note"] = serde_json::json!({ "text": secret_note });
    errors.push(mend.export().import_json(&doc.to_string()).unwrap_err().to_string());
    doc["checkins"][0]["note"] = serde_json::json!(secret_note);
    doc["checkins"][0]["temperature_c"] = serde_json::json!("38.9 SECRET-NOTE-4471");
    errors.push(mend.export().import_json(&doc.to_string()).unwrap_err().to_string());
    for e in &errors {
        for leak in [secret_note, "47.3", "31.5", "2027-02-14", "38.9", "2026-05-01"] {
            assert!(!e.contains(leak), "error text {e:?} contains {leak:?}");
        }
    }
}

#[test]
fn erase_all_leaves_nothing_recoverable_in_the_files() {
    let mend = sample();
    let marker = "UNIQUE-MARKER-93a1f0";
    for i in 0..200 {
        let at = utc(2026, 5, 2, 0, 0) + Duration::hours(i);
        mend.journal().add_checkin(checkin_at(at, |d| d.note = Some(format!("{marker} {i}")))).unwrap();
    }
    mend.export().erase_all().unwrap();
    assert!(mend.journal().profile().unwrap().is_none());
    assert!(mend.journal().all_checkins().unwrap().is_empty());
    for entry in std::fs::read_dir(mend.dir()).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        assert!(!bytes.windows(marker.len()).any(|w| w == marker.as_bytes()), "a trace was left on disk");
    }
    // The journal still works after erasing.
    mend.journal().add_checkin(checkin_at(now(), |d| d.mood = Some(5))).unwrap();
    assert_eq!(mend.journal().all_checkins().unwrap().len(), 1);
}

#[test]
fn csv_has_a_header_and_a_row_per_checkin() {
    let mend = sample();
    let csv = mend.export().checkins_csv().unwrap();
    let mut lines = csv.lines();
    assert!(lines.next().unwrap().starts_with("guid,at,time_zone,day,bleeding"));
    let row = lines.next().unwrap();
    assert!(row.contains(",heavy,1.5,") && row.contains("grief;hope"), "{row}");
    assert!(row.contains("\"Tired, \"\"sore\"\" and sad"), "{row}");
    assert!(lines.next().is_none());
}

fn bleeding() -> impl Strategy<Value = Option<Bleeding>> {
    proptest::option::of(proptest::sample::select(Bleeding::ALL))
}

fn score() -> impl Strategy<Value = Option<u8>> {
    proptest::option::of(0u8..=10)
}

prop_compose! {
    fn checkin_data()(
        bleeding in bleeding(),
        pads in proptest::option::of(0.0f64..=20.0),
        clots in proptest::option::of(proptest::sample::select(Clots::ALL)),
        pains in proptest::collection::vec(score(), PainPlace::ALL.len()),
        temp in proptest::option::of(30.0f64..=43.0),
        flags in proptest::collection::vec(any::<bool>(), 16),
        discharge in proptest::option::of(proptest::sample::select(Discharge::ALL)),
        mood in score(), energy in score(),
        feelings in proptest::sample::subsequence(Feeling::ALL, 0..=Feeling::ALL.len()),
        sleep in proptest::option::of(0.0f64..=24.0),
        note in proptest::option::of("\\PC{0,40}"),
        answered in proptest::sample::subsequence(crate::journal::FORM_SECTIONS.to_vec(), 0..=3),
    ) -> CheckInData {
        let mut pain = PainScores::default();
        for (place, value) in PainPlace::ALL.iter().zip(pains) {
            pain.set(*place, value);
        }
        CheckInData {
            bleeding, pads_per_hour: pads, clots, pain, temperature_c: temp,
            chills: flags[0], flu_like: flags[1], discharge, dizziness: flags[2].then_some(Dizziness::Lasting), fainted: flags[3],
            leg_left: LegSigns { swelling: flags[4], warmth: flags[5], redness: flags[6] },
            leg_right: LegSigns { swelling: flags[7], warmth: flags[8], redness: flags[9] },
            chest_pain: flags[10], breathless: flags[11], coughing_blood: flags[12],
            mood, feelings, self_harm_thoughts: flags[13], sleep_hours: sleep, energy, note,
            signs: Signs { vomiting: flags[14], soaking_hours: flags[15].then_some(3.0), ..Signs::default() },
            answered: answered.into_iter().map(str::to_owned).collect(),
            logged_by: flags[3].then_some(crate::journal::LoggedBy::Partner),
        }
    }
}

fn event_details() -> impl Strategy<Value = EventDetails> {
    prop_oneof![
        (proptest::sample::select(TestResult::ALL), proptest::option::of(0.0f64..=100_000.0))
            .prop_map(|(result, hcg)| EventDetails::Test { result, hcg }),
        Just(EventDetails::PeriodStart),
        Just(EventDetails::PeriodEnd),
        ("[A-Za-z][A-Za-z ]{0,20}", proptest::option::of("[0-9]{1,3} mg"))
            .prop_map(|(name, dose)| EventDetails::Medication { name, dose, medicine: None, route: None }),
        proptest::option::of("\\PC{0,20}").prop_map(|with_whom| EventDetails::Appointment { with_whom }),
        proptest::sample::select(Activity::ALL).prop_map(|activity| EventDetails::GoAhead { activity }),
        (
            proptest::sample::select(SessionKind::ALL),
            proptest::sample::subsequence(FocusArea::ALL, 0..=3),
            score(),
            score()
        )
            .prop_map(|(session, focus, pain_before, pain_after)| EventDetails::Session {
                session,
                focus,
                pressure: Some(Pressure::Medium),
                pain_before,
                pain_after,
                therapist: None
            }),
        (proptest::option::of("\\PC{0,20}"), proptest::option::of(0i64..3000)).prop_map(|(name, days)| {
            EventDetails::Memorial { name, date: days.map(|d| date(2020, 1, 1) + Duration::days(d)) }
        }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    #[test]
    fn json_export_round_trips_every_field(
        entries in proptest::collection::vec((checkin_data(), 0i64..30 * 24 * 60, prop_oneof![Just("Europe/Dublin"), Just("Pacific/Auckland"), Just("America/Los_Angeles")]), 0..12),
        events in proptest::collection::vec((event_details(), 0i64..30 * 24 * 60, proptest::option::of("\\PC{0,30}")), 0..8),
    ) {
        let source = TempMend::with_loss(now(), date(2026, 5, 1), 10);
        let inputs: Vec<NewCheckIn> = entries.iter().map(|(data, minutes, zone)| NewCheckIn {
            at: Some(utc(2026, 5, 1, 0, 0) + Duration::minutes(*minutes)),
            time_zone: Some((*zone).into()),
            data: data.clone(),
        }).collect();
        if !inputs.is_empty() {
            source.journal().add_checkins(inputs).unwrap();
        }
        for (details, minutes, note) in &events {
            let at = utc(2026, 5, 1, 0, 0) + Duration::minutes(*minutes);
            source.journal().add_event(NewEvent { at: Some(at), time_zone: None, details: details.clone(), note: note.clone() }).unwrap();
        }
        let json = source.export().to_json().unwrap();
        let target = TempMend::at(now());
        target.export().import_json(&json).unwrap();
        prop_assert_eq!(target.export().to_json().unwrap(), json);
    }

    #[test]
    fn import_never_panics_on_arbitrary_text(text in "\\PC{0,200}") {
        let target = TempMend::at(now());
        let _ = target.export().import_json(&text);
        prop_assert!(target.journal().all_checkins().unwrap().is_empty());
    }
}
