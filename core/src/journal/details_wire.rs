//! Reading an event's details from JSON in one pass. Details are stored, exported and synced internally tagged
//! (`{"kind":"test","result":"positive"}`). serde's derive for an internally tagged enum first buffers the whole
//! object and then reads the buffer again for the variant, which was a tenth of the care evaluation's time on the
//! 5-year journal (docs/performance.md). Here every field any kind has is read straight into one flat struct,
//! and the variant `kind` names is built from it, with serde's own words for a missing field. Writing stays the
//! derive's, so the JSON is the same both ways.

use chrono::NaiveDate;
use serde::Deserialize;

use super::codes::{Activity, EventKind, FocusArea, FollowUpEnd, Medicine, Pressure, Route, SessionKind, TestResult};
use super::model::EventDetails;

/// Every field of every kind of event's details, as the JSON holds them.
#[derive(Deserialize)]
pub struct Flat {
    kind: EventKind,
    result: Option<TestResult>,
    hcg: Option<f64>,
    name: Option<String>,
    dose: Option<String>,
    medicine: Option<Medicine>,
    route: Option<Route>,
    with_whom: Option<String>,
    activity: Option<Activity>,
    session: Option<SessionKind>,
    #[serde(default)]
    focus: Vec<FocusArea>,
    pressure: Option<Pressure>,
    pain_before: Option<u8>,
    pain_after: Option<u8>,
    therapist: Option<String>,
    date: Option<NaiveDate>,
    reason: Option<FollowUpEnd>,
    keyhole: Option<bool>,
}

/// A field the kind needs is missing (worded as serde words it).
#[derive(Debug, PartialEq, Eq)]
pub struct Missing(&'static str);

impl std::fmt::Display for Missing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "missing field `{}`", self.0)
    }
}

fn needed<T>(value: Option<T>, field: &'static str) -> Result<T, Missing> {
    value.ok_or(Missing(field))
}

impl TryFrom<Flat> for EventDetails {
    type Error = Missing;

    fn try_from(f: Flat) -> Result<EventDetails, Missing> {
        Ok(match f.kind {
            EventKind::Test => EventDetails::Test { result: needed(f.result, "result")?, hcg: f.hcg },
            EventKind::PeriodStart => EventDetails::PeriodStart,
            EventKind::PeriodEnd => EventDetails::PeriodEnd,
            EventKind::Medication => EventDetails::Medication {
                name: needed(f.name, "name")?,
                dose: f.dose,
                medicine: f.medicine,
                route: f.route,
            },
            EventKind::Appointment => EventDetails::Appointment { with_whom: f.with_whom },
            EventKind::GoAhead => EventDetails::GoAhead { activity: needed(f.activity, "activity")? },
            EventKind::Session => EventDetails::Session {
                session: needed(f.session, "session")?,
                focus: f.focus,
                pressure: f.pressure,
                pain_before: f.pain_before,
                pain_after: f.pain_after,
                therapist: f.therapist,
            },
            EventKind::Memorial => EventDetails::Memorial { name: f.name, date: f.date },
            EventKind::FollowUpEnded => EventDetails::FollowUpEnded { reason: needed(f.reason, "reason")? },
            EventKind::Surgery => EventDetails::Surgery { keyhole: needed(f.keyhole, "keyhole")? },
        })
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    /// The derive's own reading of internally tagged details, to compare with.
    #[derive(Deserialize, Debug, PartialEq)]
    #[serde(remote = "EventDetails", tag = "kind", rename_all = "snake_case")]
    enum Tagged {
        Test {
            result: TestResult,
            hcg: Option<f64>,
        },
        PeriodStart,
        PeriodEnd,
        Medication {
            name: String,
            dose: Option<String>,
            #[serde(default)]
            medicine: Option<Medicine>,
            #[serde(default)]
            route: Option<Route>,
        },
        Appointment {
            with_whom: Option<String>,
        },
        GoAhead {
            activity: Activity,
        },
        Session {
            session: SessionKind,
            #[serde(default)]
            focus: Vec<FocusArea>,
            pressure: Option<Pressure>,
            pain_before: Option<u8>,
            pain_after: Option<u8>,
            therapist: Option<String>,
        },
        Memorial {
            name: Option<String>,
            date: Option<NaiveDate>,
        },
        FollowUpEnded {
            reason: FollowUpEnd,
        },
        Surgery {
            keyhole: bool,
        },
    }

    fn both(value: serde_json::Value) -> (Result<EventDetails, String>, Result<EventDetails, String>) {
        let text = value.to_string();
        let ours = serde_json::from_str::<EventDetails>(&text).map_err(|e| e.to_string());
        let mut de = serde_json::Deserializer::from_str(&text);
        let derived = Tagged::deserialize(&mut de).map_err(|e| e.to_string());
        (ours, derived)
    }

    #[test]
    fn every_kind_reads_as_the_derive_reads_it_and_writes_back_the_same() {
        let samples = [
            json!({"kind": "test", "result": "faint", "hcg": 12.5}),
            json!({"kind": "test", "result": "negative"}),
            json!({"kind": "period_start"}),
            json!({"kind": "period_end"}),
            json!({"kind": "medication", "name": "Misoprostol", "dose": "800 mcg", "medicine": "misoprostol",
                   "route": "by_mouth"}),
            json!({"kind": "medication", "name": "Paracetamol", "dose": null}),
            json!({"kind": "appointment", "with_whom": "GP"}),
            json!({"kind": "appointment"}),
            json!({"kind": "go_ahead", "activity": "baths"}),
            json!({"kind": "session", "session": "massage", "focus": ["back", "legs"], "pressure": "light",
                   "pain_before": 6, "pain_after": 3, "therapist": "Sam"}),
            json!({"kind": "session", "session": "counselling"}),
            json!({"kind": "memorial", "name": "Robin", "date": "2026-03-01"}),
            json!({"kind": "follow_up_ended", "reason": "hcg_normal"}),
            json!({"kind": "surgery", "keyhole": true}),
        ];
        for sample in samples {
            let (ours, derived) = both(sample.clone());
            let details = ours.unwrap_or_else(|e| panic!("{sample}: {e}"));
            assert_eq!(Ok(details.clone()), derived, "{sample}");
            let again: EventDetails = serde_json::from_str(&serde_json::to_string(&details).unwrap()).unwrap();
            assert_eq!(again, details, "{sample}");
        }
    }

    #[test]
    fn a_missing_or_wrong_field_is_refused_as_the_derive_refuses_it() {
        for (sample, field) in [
            (json!({"kind": "test"}), "result"),
            (json!({"kind": "medication", "dose": "1"}), "name"),
            (json!({"kind": "go_ahead"}), "activity"),
            (json!({"kind": "session"}), "session"),
            (json!({"kind": "follow_up_ended"}), "reason"),
            (json!({"kind": "surgery"}), "keyhole"),
            (json!({"result": "positive"}), "kind"),
        ] {
            let (ours, derived) = both(sample.clone());
            let (ours, derived) = (ours.unwrap_err(), derived.unwrap_err());
            assert!(ours.contains(&format!("missing field `{field}`")), "{sample}: {ours}");
            assert!(derived.contains(&format!("missing field `{field}`")), "{sample}: {derived}");
        }
        for sample in [json!({"kind": "picnic"}), json!({"kind": "test", "result": "maybe"}), json!([1])] {
            let (ours, derived) = both(sample.clone());
            assert!(ours.is_err() && derived.is_err(), "{sample}: {ours:?} {derived:?}");
        }
    }
}
