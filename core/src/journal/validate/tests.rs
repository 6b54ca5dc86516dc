//! Boundary tests: every rule at its limit (accepted) and just past it (rejected, naming the field).

use super::*;
use crate::journal::codes::*;
use chrono::TimeZone;

fn field_of(result: Result<()>) -> String {
    match result {
        Err(Error::InvalidInput { field, .. }) => field,
        other => panic!("expected an input error, got {other:?}"),
    }
}

fn with(edit: impl FnOnce(&mut CheckInData)) -> Result<()> {
    let mut data = CheckInData::default();
    edit(&mut data);
    checkin(&data)
}

#[test]
fn scores_accept_0_to_10_and_reject_11() {
    for place in PainPlace::ALL {
        assert!(with(|d| d.pain.set(*place, Some(10))).is_ok());
        assert!(with(|d| d.pain.set(*place, Some(0))).is_ok());
        assert_eq!(field_of(with(|d| d.pain.set(*place, Some(11)))), format!("pain.{place}"));
    }
    assert!(with(|d| d.mood = Some(10)).is_ok());
    assert_eq!(field_of(with(|d| d.mood = Some(11))), "mood");
    assert!(with(|d| d.energy = Some(10)).is_ok());
    assert_eq!(field_of(with(|d| d.energy = Some(11))), "energy");
}

#[test]
fn temperature_range_is_34_to_43_celsius() {
    assert!(with(|d| d.temperature_c = Some(34.0)).is_ok());
    assert!(with(|d| d.temperature_c = Some(43.0)).is_ok());
    assert_eq!(field_of(with(|d| d.temperature_c = Some(33.9))), "temperature_c");
    assert_eq!(field_of(with(|d| d.temperature_c = Some(43.1))), "temperature_c");
    assert_eq!(field_of(with(|d| d.temperature_c = Some(f64::NAN))), "temperature_c");
}

#[test]
fn fahrenheit_is_converted_and_units_are_optional() {
    assert_eq!(parse_temperature("100.4F").unwrap(), 38.0);
    assert_eq!(parse_temperature("100.4 °f").unwrap(), 38.0);
    assert_eq!(parse_temperature("37.2").unwrap(), 37.2);
    assert_eq!(parse_temperature("37.2°C").unwrap(), 37.2);
    assert_eq!(field_of(parse_temperature("warm").map(|_| ())), "temperature_c");
    assert_eq!(field_of(parse_temperature("F").map(|_| ())), "temperature_c");
    // 100.4 without a unit is read as Celsius and then refused by the range, with a hint about F.
    let err = with(|d| d.temperature_c = Some(parse_temperature("100.4").unwrap())).unwrap_err();
    assert!(err.to_string().contains("100.4F"), "hint names the Fahrenheit form: {err}");
}

#[test]
fn pads_sleep_and_note_limits() {
    assert!(with(|d| d.pads_per_hour = Some(20.0)).is_ok());
    assert!(with(|d| d.pads_per_hour = Some(0.0)).is_ok());
    assert_eq!(field_of(with(|d| d.pads_per_hour = Some(20.5))), "pads_per_hour");
    assert_eq!(field_of(with(|d| d.pads_per_hour = Some(-1.0))), "pads_per_hour");
    assert!(with(|d| d.sleep_hours = Some(24.0)).is_ok());
    assert_eq!(field_of(with(|d| d.sleep_hours = Some(24.1))), "sleep_hours");
    assert_eq!(field_of(with(|d| d.sleep_hours = Some(-0.5))), "sleep_hours");
    assert!(with(|d| d.note = Some("é".repeat(NOTE_MAX_CHARS))).is_ok());
    assert_eq!(field_of(with(|d| d.note = Some("a".repeat(NOTE_MAX_CHARS + 1)))), "note");
}

#[test]
fn instants_may_be_up_to_ten_minutes_ahead() {
    let now = Utc.with_ymd_and_hms(2026, 5, 1, 12, 0, 0).unwrap();
    assert!(instant("at", now + Duration::minutes(10), now).is_ok());
    assert_eq!(field_of(instant("at", now + Duration::minutes(10) + Duration::milliseconds(1), now)), "at");
}

#[test]
fn loss_weeks_and_date() {
    let today = NaiveDate::from_ymd_opt(2026, 5, 1).unwrap();
    let mut l = NewLoss { loss_date: today, weeks: 1, kind: LossKind::Miscarriage, management: None, due_date: None };
    assert!(loss(&l, today).is_ok());
    l.weeks = 45;
    assert!(loss(&l, today).is_ok());
    l.weeks = 46;
    assert_eq!(field_of(loss(&l, today)), "weeks");
    l.weeks = 0;
    assert_eq!(field_of(loss(&l, today)), "weeks");
    l.weeks = 8;
    l.loss_date = today.succ_opt().unwrap();
    assert_eq!(field_of(loss(&l, today)), "loss_date");
}

#[test]
fn profile_zone_and_region() {
    let ok =
        ProfileInput { region: Some("IE".into()), time_zone: "Europe/Dublin".into(), discreet_notifications: true };
    assert!(profile(&ok).is_ok());
    assert_eq!(field_of(profile(&ProfileInput { time_zone: "Mars/Base".into(), ..ok.clone() })), "time_zone");
    assert_eq!(field_of(profile(&ProfileInput { region: Some("ie".into()), ..ok.clone() })), "region");
    assert_eq!(field_of(profile(&ProfileInput { region: Some("IRL".into()), ..ok })), "region");
}

#[test]
fn event_rules() {
    let med = |name: &str| EventDetails::Medication { name: name.into(), dose: None };
    assert!(event(&med("Ibuprofen"), None).is_ok());
    assert_eq!(field_of(event(&med("  "), None)), "name");
    assert_eq!(field_of(event(&med(&"x".repeat(NAME_MAX_CHARS + 1)), None)), "name");
    let test = |hcg| EventDetails::Test { result: TestResult::Faint, hcg };
    assert!(event(&test(Some(HCG_MAX)), None).is_ok());
    assert_eq!(field_of(event(&test(Some(-1.0)), None)), "hcg");
    let session = EventDetails::Session {
        session: SessionKind::Massage,
        focus: vec![FocusArea::Back],
        pressure: Some(Pressure::Light),
        pain_before: Some(10),
        pain_after: Some(11),
        therapist: None,
    };
    assert_eq!(field_of(event(&session, None)), "pain_after");
    assert_eq!(field_of(event(&EventDetails::PeriodStart, Some(&"n".repeat(NOTE_MAX_CHARS + 1)))), "note");
}

#[test]
fn messages_never_echo_the_value() {
    let secret = "my private words";
    let err = with(|d| d.note = Some(format!("{secret}{}", "x".repeat(NOTE_MAX_CHARS)))).unwrap_err();
    assert!(!err.to_string().contains(secret));
    let err = with(|d| d.temperature_c = Some(41.7 + 5.0)).unwrap_err();
    assert!(!err.to_string().contains("46.7"), "{err}");
}
