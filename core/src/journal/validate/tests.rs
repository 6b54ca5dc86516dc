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
fn temperature_range_is_30_to_43_celsius() {
    // guidance: Readings accepted from 30.0 °C.
    assert!(with(|d| d.temperature_c = Some(30.0)).is_ok());
    assert!(with(|d| d.temperature_c = Some(43.0)).is_ok());
    assert_eq!(field_of(with(|d| d.temperature_c = Some(29.9))), "temperature_c");
    assert_eq!(field_of(with(|d| d.temperature_c = Some(43.1))), "temperature_c");
    assert_eq!(field_of(with(|d| d.temperature_c = Some(f64::NAN))), "temperature_c");
}

#[test]
fn soaking_hours_are_0_to_72_and_named_when_refused() {
    assert!(with(|d| d.signs.soaking_hours = Some(0.0)).is_ok());
    assert!(with(|d| d.signs.soaking_hours = Some(72.0)).is_ok());
    assert_eq!(field_of(with(|d| d.signs.soaking_hours = Some(72.1))), "signs.soaking_hours");
    assert_eq!(field_of(with(|d| d.signs.soaking_hours = Some(-0.1))), "signs.soaking_hours");
    assert_eq!(field_of(with(|d| d.signs.soaking_hours = Some(f64::INFINITY))), "signs.soaking_hours");
}

#[test]
fn fahrenheit_is_converted_and_units_are_optional() {
    assert_eq!(parse_temperature("100.4F").unwrap(), 38.0);
    assert_eq!(parse_temperature("100.4 °f").unwrap(), 38.0);
    assert_eq!(parse_temperature("37.2").unwrap(), 37.2);
    assert_eq!(parse_temperature("37.2°C").unwrap(), 37.2);
    assert_eq!(field_of(parse_temperature("warm").map(|_| ())), "temperature_c");
    assert_eq!(field_of(parse_temperature("F").map(|_| ())), "temperature_c");
    assert_eq!(field_of(parse_temperature("1e308").map(|_| ())), "temperature_c", "no infinity from rounding");
    assert_eq!(field_of(parse_temperature("1e400F").map(|_| ())), "temperature_c");
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
    let mut l = NewLoss {
        loss_date: today,
        weeks: 1,
        kind: LossKind::Miscarriage,
        management: None,
        due_date: None,
        loss_at: None,
    };
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
    let ok = ProfileInput {
        region: Some("IE".into()),
        time_zone: "Europe/Dublin".into(),
        discreet_notifications: true,
        unit_number: None,
        own_emergency_number: None,
        own_crisis_number: None,
        mood_screens: None,
        rhd: None,
    };
    assert!(profile(&ok).is_ok());
    assert_eq!(field_of(profile(&ProfileInput { time_zone: "Mars/Base".into(), ..ok.clone() })), "time_zone");
    assert!(profile(&ProfileInput { region: Some("ie".into()), ..ok.clone() }).is_ok(), "any case");
    assert_eq!(field_of(profile(&ProfileInput { region: Some("IRL".into()), ..ok })), "region");
}

#[test]
fn event_rules() {
    let med = |name: &str| EventDetails::Medication { name: name.into(), dose: None, medicine: None, route: None };
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

mod properties {
    use super::*;
    use proptest::prelude::*;

    fn any_f64() -> impl Strategy<Value = Option<f64>> {
        proptest::option::of(prop_oneof![any::<f64>(), -5.0f64..60.0, Just(f64::NAN), Just(f64::INFINITY)])
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

        /// Validation never panics, and accepts a check-in exactly when every value is within its range.
        #[test]
        fn validation_never_panics_and_accepts_exactly_the_valid_values(
            scores in proptest::collection::vec(proptest::option::of(any::<u8>()), 10),
            pads in any_f64(), temp in any_f64(), sleep in any_f64(),
            note_len in 0usize..10_010,
        ) {
            let mut data = CheckInData {
                pads_per_hour: pads,
                temperature_c: temp,
                sleep_hours: sleep,
                mood: scores[8],
                energy: scores[9],
                note: Some("n".repeat(note_len)),
                ..Default::default()
            };
            for (place, score) in PainPlace::ALL.iter().zip(&scores) {
                data.pain.set(*place, *score);
            }
            let in_range = |v: Option<f64>, lo: f64, hi: f64| v.is_none_or(|x| x.is_finite() && x >= lo && x <= hi);
            let valid = scores.iter().all(|s| s.is_none_or(|s| s <= SCORE_MAX))
                && in_range(pads, 0.0, PADS_PER_HOUR_MAX)
                && in_range(temp, TEMPERATURE_MIN_C, TEMPERATURE_MAX_C)
                && in_range(sleep, 0.0, SLEEP_HOURS_MAX)
                && note_len <= NOTE_MAX_CHARS;
            prop_assert_eq!(checkin(&data).is_ok(), valid);
        }

        /// Any text typed as a temperature parses or is refused with the field named; it never panics.
        #[test]
        fn any_temperature_text_is_handled(text in "\\PC{0,12}") {
            match parse_temperature(&text) {
                Ok(c) => prop_assert!(c.is_finite()),
                Err(Error::InvalidInput { field, .. }) => prop_assert_eq!(field, "temperature_c"),
                Err(other) => prop_assert!(false, "unexpected error {:?}", other),
            }
        }
    }
}
