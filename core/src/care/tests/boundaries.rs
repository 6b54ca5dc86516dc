//! Every red flag at its threshold and just below it, as a table: the `match` over [`RuleId`] is exhaustive,
//! so a rule added without boundary cases does not compile. Cases also pin the timing rules (timestamps, not
//! the order of entry) and how long a sign keeps its alert open.

use chrono::{DateTime, Duration, Utc};

use super::support::*;
use crate::care::RuleId;
use crate::journal::{Bleeding, Clots, Discharge};

struct Case {
    label: &'static str,
    journal: J,
    now: DateTime<Utc>,
    raises: bool,
}

fn now() -> DateTime<Utc> {
    day(9)
}

fn yes(label: &'static str, journal: J) -> Case {
    Case { label, journal, now: now(), raises: true }
}

fn no(label: &'static str, journal: J) -> Case {
    Case { label, journal, now: now(), raises: false }
}

fn mins(n: i64) -> Duration {
    Duration::minutes(n)
}

fn pads(at: DateTime<Utc>, pads: f64) -> crate::journal::CheckIn {
    ci(at, |d| d.pads_per_hour = Some(pads))
}

/// Check-ins with mood `low` on `low_days` of the days `first..=20` (counted from the start) and 5 on the
/// rest, assessed on day 20.
fn mood_days(first: i64, low_days: usize, low: u8) -> J {
    let mut j = J::first();
    for (i, n) in (first..=20).enumerate() {
        let mood = if i < low_days { low } else { 5 };
        j = j.with(ci(day(n), |d| d.mood = Some(mood)));
    }
    j
}

fn cases(rule: RuleId) -> Vec<Case> {
    let t = now();
    let f = J::first;
    match rule {
        RuleId::BleedingSoaking => vec![
            yes("2 pads an hour at two check-ins an hour apart", f().with(pads(t - mins(60), 2.0)).with(pads(t, 2.0))),
            no("59 minutes apart", f().with(pads(t - mins(59), 2.0)).with(pads(t, 2.0))),
            no("1.9 pads an hour", f().with(pads(t - mins(60), 1.9)).with(pads(t, 2.0))),
            yes(
                "entered in reverse order: timestamps count",
                f().with(pads(t, 2.5)).with(pads(t - mins(30), 3.0)).with(pads(t - mins(60), 2.0)),
            ),
            no("61 minutes between readings leaves a gap", f().with(pads(t - mins(61), 2.0)).with(pads(t, 2.0))),
            no(
                "a lower reading in between ends the run",
                f().with(pads(t - mins(60), 2.0)).with(pads(t - mins(30), 1.0)).with(pads(t, 2.0)),
            ),
            no(
                "bleeding has stopped since",
                bleeding_days(f().with(pads(day(2), 2.0)).with(pads(day(2) + mins(60), 2.0)), [7, 8], Bleeding::None),
            ),
        ],
        RuleId::BleedingSoakingClots => vec![
            yes(
                "a pad an hour with large clots",
                f().with(ci(t, |d| (d.pads_per_hour, d.clots) = (Some(1.0), Some(Clots::Large)))),
            ),
            no(
                "0.9 pads an hour with large clots",
                f().with(ci(t, |d| (d.pads_per_hour, d.clots) = (Some(0.9), Some(Clots::Large)))),
            ),
            no(
                "a pad an hour with small clots",
                f().with(ci(t, |d| (d.pads_per_hour, d.clots) = (Some(1.0), Some(Clots::Small)))),
            ),
            yes("4 pads an hour: a pad within 15 minutes", f().with(pads(t, 4.0))),
            no("3.9 pads an hour", f().with(pads(t, 3.9))),
        ],
        RuleId::BleedingFaint => vec![
            yes("heavy bleeding and dizzy", f().with(ci(t, |d| (d.bleeding, d.dizzy) = (Some(Bleeding::Heavy), true)))),
            no(
                "medium bleeding and dizzy",
                f().with(ci(t, |d| (d.bleeding, d.dizzy) = (Some(Bleeding::Medium), true))),
            ),
            yes("2 pads an hour and fainted", f().with(ci(t, |d| (d.pads_per_hour, d.fainted) = (Some(2.0), true)))),
            no("1.9 pads an hour and fainted", f().with(ci(t, |d| (d.pads_per_hour, d.fainted) = (Some(1.9), true)))),
            yes(
                "very heavy, then dizzy an hour later",
                f().with(ci(t - mins(60), |d| d.bleeding = Some(Bleeding::VeryHeavy))).with(ci(t, |d| d.dizzy = true)),
            ),
            no(
                "very heavy, then dizzy 61 minutes later",
                f().with(ci(t - mins(61), |d| d.bleeding = Some(Bleeding::VeryHeavy))).with(ci(t, |d| d.dizzy = true)),
            ),
        ],
        RuleId::Fever => vec![
            yes("38.0 °C", f().with(ci(t, |d| d.temperature_c = Some(38.0)))),
            no("37.9 °C", f().with(ci(t, |d| d.temperature_c = Some(37.9)))),
            yes("chills and flu-like", f().with(ci(t, |d| (d.chills, d.flu_like) = (true, true)))),
            no("chills alone", f().with(ci(t, |d| d.chills = true))),
            yes(
                "38.0 °C exactly 48 hours ago",
                f().with(ci(t - Duration::hours(48), |d| d.temperature_c = Some(38.0))),
            ),
            no(
                "38.0 °C 48 hours and a minute ago",
                f().with(ci(t - Duration::hours(48) - mins(1), |d| d.temperature_c = Some(38.0))),
            ),
        ],
        RuleId::FeverRepeated => vec![
            yes(
                "38.0 °C twice within 7 days",
                f().with(ci(t - Duration::days(7), |d| d.temperature_c = Some(38.0)))
                    .with(ci(t, |d| d.temperature_c = Some(38.0))),
            ),
            no(
                "the first reading 7 days and a minute ago",
                f().with(ci(t - Duration::days(7) - mins(1), |d| d.temperature_c = Some(38.0)))
                    .with(ci(t, |d| d.temperature_c = Some(38.0))),
            ),
            no(
                "38.0 then 37.9",
                f().with(ci(t - mins(60), |d| d.temperature_c = Some(38.0)))
                    .with(ci(t, |d| d.temperature_c = Some(37.9))),
            ),
        ],
        RuleId::DischargeFoul => vec![
            yes("foul discharge", f().with(ci(t, |d| d.discharge = Some(Discharge::Foul)))),
            no("unusual discharge", f().with(ci(t, |d| d.discharge = Some(Discharge::Unusual)))),
        ],
        RuleId::PainSevere => {
            let worse = |gap: Duration, scores: [u8; 3], newest: DateTime<Utc>| {
                let mut j = f();
                for (i, s) in scores.iter().enumerate() {
                    let at = newest - gap * (2 - i as i32);
                    j = j.with(ci(at, |d| d.pain.cramps = Some(*s)));
                }
                j
            };
            vec![
                yes("cramps 8/10", f().with(ci(t, |d| d.pain.cramps = Some(8)))),
                no("cramps 7/10", f().with(ci(t, |d| d.pain.cramps = Some(7)))),
                yes("one-sided 8/10", f().with(ci(t, |d| d.pain.one_sided = Some(8)))),
                yes("3, 5, 7 over 24 hours", worse(Duration::hours(12), [3, 5, 7], t)),
                no("3, 5, 7 over 23 hours 58 minutes", worse(Duration::hours(12) - mins(1), [3, 5, 7], t)),
                no("3, 5, 5", worse(Duration::hours(12), [3, 5, 5], t)),
                no("3, 5, 7 but the last 49 hours ago", worse(Duration::hours(12), [3, 5, 7], t - Duration::hours(49))),
                no(
                    "3, 5, 7 then 4: easing again",
                    worse(Duration::hours(12), [3, 5, 7], t - mins(60)).with(ci(t, |d| d.pain.cramps = Some(4))),
                ),
            ]
        }
        RuleId::EctopicSigns => vec![
            yes(
                "one-sided 1/10 with shoulder-tip 1/10",
                f().with(ci(t, |d| (d.pain.one_sided, d.pain.shoulder_tip) = (Some(1), Some(1)))),
            ),
            no(
                "one-sided 0/10 with shoulder-tip 5/10",
                f().with(ci(t, |d| (d.pain.one_sided, d.pain.shoulder_tip) = (Some(0), Some(5)))),
            ),
            yes("one-sided 4/10 and fainted", f().with(ci(t, |d| (d.pain.one_sided, d.fainted) = (Some(4), true)))),
            no("one-sided 4/10 and dizzy", f().with(ci(t, |d| (d.pain.one_sided, d.dizzy) = (Some(4), true)))),
        ],
        RuleId::ClotLeg => vec![
            yes("a swollen left leg", f().with(ci(t, |d| d.leg_left.swelling = true))),
            yes("a red right leg", f().with(ci(t, |d| d.leg_right.redness = true))),
            yes("left leg pain 3/10", f().with(ci(t, |d| d.pain.leg_left = Some(3)))),
            no("left leg pain 2/10", f().with(ci(t, |d| d.pain.leg_left = Some(2)))),
            no("nothing in the legs", f().with(ci(t, |d| d.mood = Some(5)))),
        ],
        RuleId::ClotLung => vec![
            yes("chest pain", f().with(ci(t, |d| d.chest_pain = true))),
            yes("sudden breathlessness", f().with(ci(t, |d| d.breathless = true))),
            yes("coughing blood", f().with(ci(t, |d| d.coughing_blood = true))),
            no("none of them", f().with(ci(t, |d| d.dizzy = true))),
        ],
        RuleId::MoodCrisis => vec![
            yes("thoughts of self-harm", f().with(ci(t, |d| d.self_harm_thoughts = true))),
            no("a very low mood alone", f().with(ci(t, |d| d.mood = Some(0)))),
        ],
        RuleId::MoodLowLong => vec![
            Case { label: "mood 2 on 8 of 14 days", journal: mood_days(7, 8, 2), now: day(20), raises: true },
            Case { label: "mood 2 on 7 of 14 days", journal: mood_days(7, 7, 2), now: day(20), raises: false },
            Case { label: "mood 3 on 8 of 14 days", journal: mood_days(7, 8, 3), now: day(20), raises: false },
            Case { label: "only 13 days of readings", journal: mood_days(8, 10, 2), now: day(20), raises: false },
        ],
    }
}

#[test]
fn every_rule_at_its_threshold_and_just_below() {
    for rule in RuleId::ALL {
        let cases = cases(*rule);
        assert!(cases.iter().any(|c| c.raises) && cases.iter().any(|c| !c.raises), "{rule} needs both sides");
        for case in cases {
            let found = case.journal.finding(*rule, case.now);
            assert_eq!(found.is_some(), case.raises, "{rule}: {}", case.label);
            if let Some(finding) = found {
                assert!(!finding.because.is_empty() && !finding.message.is_empty(), "{rule}: {}", case.label);
                let known: Vec<&str> = case.journal.checkins.iter().map(|c| c.guid.as_str()).collect();
                assert!(finding.because.iter().all(|g| known.contains(&g.as_str())), "{rule}: {}", case.label);
            }
        }
    }
}

#[test]
fn messages_carry_what_was_logged() {
    let t = now();
    let fever = J::first().with(ci(t, |d| d.temperature_c = Some(38.4))).finding(RuleId::Fever, t).unwrap();
    assert_eq!(
        fever.message,
        "Your temperature was 38.4 °C. A fever after a miscarriage can mean an infection, which needs treatment soon."
    );
    let soaking =
        J::first().with(pads(t - mins(60), 2.5)).with(pads(t, 3.0)).finding(RuleId::BleedingSoaking, t).unwrap();
    assert!(
        soaking.message.starts_with("You logged soaking 2.5 or more pads an hour for 2 hours in a row."),
        "{}",
        soaking.message
    );
    assert_eq!(soaking.because.len(), 2);
    let leg =
        J::first().with(ci(t, |d| (d.leg_left.swelling, d.leg_left.warmth) = (true, true))).finding(RuleId::ClotLeg, t);
    assert!(leg.unwrap().message.starts_with("You logged swelling and warmth in your left leg."));
}

#[test]
fn because_lists_the_triggering_checkins_oldest_first() {
    let t = now();
    let j = J::first().with(pads(t, 2.0)).with(ci(t - mins(200), |d| d.mood = Some(5))).with(pads(t - mins(60), 2.0));
    let finding = j.finding(RuleId::BleedingSoaking, t).unwrap();
    assert_eq!(finding.because, vec![j.checkins[2].guid.clone(), j.checkins[0].guid.clone()]);
}
