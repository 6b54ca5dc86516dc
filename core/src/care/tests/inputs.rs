//! The input table in docs/care.md covers every check-in field a rule reads: each field is changed on its own, on
//! an empty check-in and beside a faint, severe pain and soaking (signs that only count together), and a field
//! that changes any finding (rule or severity) must be named in the table as `` `field` ``.

use chrono::DateTime;
use serde_json::{Value, json};

use super::support::*;
use crate::care::{RuleId, Severity};
use crate::journal::{CheckIn, CheckInData, Dizziness, EventDetails, LossKind, Medicine, Route};

const CARE_DOC: &str = include_str!("../../../../docs/care.md");

/// The input table of docs/care.md.
fn table() -> String {
    let from = CARE_DOC.find("## Inputs the rules read").expect("docs/care.md has the input table");
    let rest = &CARE_DOC[from..];
    let to = rest[3..].find("\n## ").map_or(rest.len(), |i| i + 3);
    rest[..to].to_owned()
}

/// Every leaf field of a check-in's data as a dotted path, with a value that says "yes, a lot".
fn fields() -> Vec<(String, Value)> {
    let strong = |path: &str, value: &Value| -> Value {
        match (path, value) {
            ("bleeding", _) => json!("very_heavy"),
            ("clots", _) => json!("large"),
            ("discharge", _) => json!("foul"),
            ("dizziness", _) => json!("lasting"),
            ("feelings", _) => json!(["grief"]),
            ("answered", _) => json!(["feeling"]),
            ("logged_by", _) => json!("partner"),
            ("note", _) => json!("a note"),
            ("temperature_c", _) => json!(39.0),
            ("signs.came_round_within_a_minute", _) => json!(false),
            ("pads_per_hour", _) => json!(4.0),
            ("signs.soaking_hours", _) => json!(3.0),
            ("sleep_hours", _) => json!(2.0),
            (_, Value::Bool(_)) => json!(true),
            _ => json!(9),
        }
    };
    let mut data = serde_json::to_value(CheckInData::default()).unwrap();
    // Options are null by default: give every field a place to show up.
    data["dizziness"] = json!(null);
    let mut out = Vec::new();
    fn walk(prefix: &str, value: &Value, out: &mut Vec<String>) {
        match value {
            Value::Object(map) if prefix.is_empty() || ["pain", "leg_left", "leg_right", "signs"].contains(&prefix) => {
                for (k, v) in map {
                    let path = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
                    walk(&path, v, out);
                }
            }
            _ => out.push(prefix.to_owned()),
        }
    }
    let mut paths = Vec::new();
    walk("", &data, &mut paths);
    for path in paths {
        let value = strong(&path, &json!(path_value(&data, &path)));
        out.push((path, value));
    }
    out
}

fn path_value(data: &Value, path: &str) -> Value {
    path.split('.').fold(data.clone(), |v, k| v[k].clone())
}

fn with_field(base: &CheckInData, path: &str, value: &Value) -> CheckInData {
    let mut data = serde_json::to_value(base).unwrap();
    let mut slot = &mut data;
    for key in path.split('.') {
        slot = &mut slot[key];
    }
    *slot = value.clone();
    serde_json::from_value(data).unwrap()
}

fn outcome(journal: &J, data: &CheckInData, now: DateTime<chrono::Utc>) -> Vec<(RuleId, Severity)> {
    let c: CheckIn = ci(now, |d| *d = data.clone());
    journal.clone().with(c).at(now).findings.into_iter().map(|f| (f.rule, f.severity)).collect()
}

/// Journals and check-ins that fields are changed against: alone, and beside the signs some only count with.
fn bases(now: DateTime<chrono::Utc>) -> Vec<(J, CheckInData)> {
    let edit = |f: fn(&mut CheckInData)| {
        let mut d = CheckInData::default();
        f(&mut d);
        d
    };
    let mut ectopic = J::first();
    if let Some(loss) = ectopic.loss.as_mut() {
        loss.kind = LossKind::Ectopic;
    }
    let miso = EventDetails::Medication {
        name: "misoprostol".into(),
        dose: None,
        medicine: Some(Medicine::Misoprostol),
        route: Some(Route::ByMouth),
    };
    vec![
        (J::first(), CheckInData::default()),
        (J::first(), edit(|d| d.fainted = true)),
        (J::first(), edit(|d| d.pain.cramps = Some(8))),
        (J::first(), edit(|d| d.pads_per_hour = Some(4.0))),
        (J::first(), edit(|d| d.dizziness = Some(Dizziness::Brief))),
        (J::first(), edit(|d| d.temperature_c = Some(35.0))),
        (ectopic, edit(|d| d.pain.side_left = Some(1))),
        (J::first().event(now - chrono::Duration::hours(48), miso), CheckInData::default()),
        // After a loss at 20 weeks or later (the later-loss rules), and beside a flu-like feeling (mastitis).
        (J::weeks(22), CheckInData::default()),
        (J::first(), edit(|d| d.flu_like = true)),
    ]
}

#[test]
fn every_input_a_rule_reads_is_in_the_input_table() {
    let doc = table();
    let now = day(20);
    let bases = bases(now);
    let mut read = Vec::new();
    for (path, value) in fields() {
        let changes =
            bases.iter().any(|(j, base)| outcome(j, base, now) != outcome(j, &with_field(base, &path, &value), now));
        if changes {
            read.push(path.clone());
            let name = if path.starts_with("leg_") && path.contains('.') {
                path.split('.').next().unwrap().to_owned()
            } else {
                path.clone()
            };
            assert!(
                doc.contains(&format!("`{name}`")),
                "a rule reads `{path}`, missing from docs/care.md's input table"
            );
        }
    }
    // The test itself must see the inputs it is about.
    for expected in [
        "bleeding",
        "pads_per_hour",
        "fainted",
        "signs.came_round_within_a_minute",
        "signs.fainted_lying_down",
        "signs.pain_started_suddenly",
        "signs.brown_watery_discharge",
        "signs.nausea",
        "signs.very_unwell",
        "signs.confusion",
    ] {
        assert!(read.contains(&expected.to_owned()), "{expected} should change a finding: {read:?}");
    }
}
