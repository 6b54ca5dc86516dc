//! Every red flag at its threshold and just below it, as a table: the `match` over [`RuleId`] is exhaustive,
//! so a rule added without boundary cases does not compile. Cases also pin the timing rules (timestamps, not
//! the order of entry) and how long a sign keeps its alert open.

use chrono::{DateTime, Duration, Utc};

use super::support::*;
use crate::care::RuleId;
use crate::journal::{Bleeding, Clots, Discharge, Dizziness};

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

/// Bleeding on days 2 to 5, then none on days 6 and 7: bleeding has stopped by the guidance's definition
/// before the check-ins on day 9 (`now`) that each case adds.
fn stopped() -> J {
    bleeding_days(bleeding_days(J::first(), 2..=5, Bleeding::Light), [6, 7], Bleeding::None)
}

/// Pads an hour (and clots) logged without a bleeding level.
fn pads_clots(at: DateTime<Utc>, pads: f64, clots: Clots) -> crate::journal::CheckIn {
    ci(at, |d| (d.pads_per_hour, d.clots) = (Some(pads), Some(clots)))
}

/// Readings of `each` pads an hour, `gap` apart, the last at `now`.
fn readings(j: J, count: i32, gap: Duration, each: f64) -> J {
    (0..count).fold(j, |j, i| j.with(pads(now() - gap * (count - 1 - i), each)))
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
            yes("four readings 90 minutes apart, 3 pads an hour each", readings(f(), 4, mins(90), 3.0)),
            yes("two readings 3 hours apart: nothing lower between them", readings(f(), 2, mins(180), 2.0)),
            no("3 hours and a minute between readings leaves a gap", readings(f(), 2, mins(181), 2.0)),
            no("readings 90 minutes apart at 1.9 pads an hour", readings(f(), 4, mins(90), 1.9)),
            no(
                "a lower reading in between ends the run",
                f().with(pads(t - mins(60), 2.0)).with(pads(t - mins(30), 1.0)).with(pads(t, 2.0)),
            ),
            no(
                "a lower reading between readings 2 hours apart ends the run",
                f().with(pads(t - mins(120), 3.0)).with(pads(t - mins(60), 1.5)).with(pads(t, 3.0)),
            ),
            yes(
                "pads only, after bleeding had stopped: 4 then 3 pads an hour, an hour apart",
                stopped().with(pads(t - mins(60), 4.0)).with(pads(t, 3.0)),
            ),
            no(
                "pads only, after bleeding had stopped: 59 minutes apart",
                stopped().with(pads(t - mins(59), 4.0)).with(pads(t, 3.0)),
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
            yes(
                "very heavy bleeding with large clots, no pad count",
                f().with(ci(t, |d| (d.bleeding, d.clots) = (Some(Bleeding::VeryHeavy), Some(Clots::Large)))),
            ),
            yes(
                "heavy bleeding with large clots, no pad count",
                f().with(ci(t, |d| (d.bleeding, d.clots) = (Some(Bleeding::Heavy), Some(Clots::Large)))),
            ),
            no(
                "medium bleeding with large clots, no pad count",
                f().with(ci(t, |d| (d.bleeding, d.clots) = (Some(Bleeding::Medium), Some(Clots::Large)))),
            ),
            no(
                "very heavy bleeding with small clots, no pad count",
                f().with(ci(t, |d| (d.bleeding, d.clots) = (Some(Bleeding::VeryHeavy), Some(Clots::Small)))),
            ),
            yes(
                "pads only, after bleeding had stopped: a pad an hour with large clots",
                stopped().with(pads_clots(t, 1.0, Clots::Large)),
            ),
            no(
                "pads only, after bleeding had stopped: 0.9 pads an hour with large clots",
                stopped().with(pads_clots(t, 0.9, Clots::Large)),
            ),
            yes("pads only, after bleeding had stopped: 4 pads an hour", stopped().with(pads(t, 4.0))),
            no("pads only, after bleeding had stopped: 3.9 pads an hour", stopped().with(pads(t, 3.9))),
        ],
        RuleId::BleedingFaint => vec![
            yes(
                "heavy bleeding and dizzy",
                f().with(ci(t, |d| (d.bleeding, d.dizziness) = (Some(Bleeding::Heavy), Some(Dizziness::Lasting)))),
            ),
            no(
                "medium bleeding and dizzy",
                f().with(ci(t, |d| (d.bleeding, d.dizziness) = (Some(Bleeding::Medium), Some(Dizziness::Lasting)))),
            ),
            yes("2 pads an hour and fainted", f().with(ci(t, |d| (d.pads_per_hour, d.fainted) = (Some(2.0), true)))),
            no("1.9 pads an hour and fainted", f().with(ci(t, |d| (d.pads_per_hour, d.fainted) = (Some(1.9), true)))),
            yes(
                "very heavy, then dizzy an hour later",
                f().with(ci(t - mins(60), |d| d.bleeding = Some(Bleeding::VeryHeavy)))
                    .with(ci(t, |d| d.dizziness = Some(Dizziness::Lasting))),
            ),
            no(
                "very heavy, then dizzy 61 minutes later",
                f().with(ci(t - mins(61), |d| d.bleeding = Some(Bleeding::VeryHeavy)))
                    .with(ci(t, |d| d.dizziness = Some(Dizziness::Lasting))),
            ),
            yes(
                "pads only, after bleeding had stopped: 2 pads an hour and fainted",
                stopped().with(ci(t, |d| (d.pads_per_hour, d.fainted) = (Some(2.0), true))),
            ),
            no(
                "pads only, after bleeding had stopped: 1.9 pads an hour and fainted",
                stopped().with(ci(t, |d| (d.pads_per_hour, d.fainted) = (Some(1.9), true))),
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
            no(
                "one-sided 4/10 and dizzy",
                f().with(ci(t, |d| (d.pain.one_sided, d.dizziness) = (Some(4), Some(Dizziness::Lasting)))),
            ),
            yes(
                "one-sided, then shoulder-tip an hour later",
                f().with(ci(t - mins(60), |d| d.pain.one_sided = Some(3)))
                    .with(ci(t, |d| d.pain.shoulder_tip = Some(2))),
            ),
            no(
                "one-sided, then shoulder-tip 61 minutes later",
                f().with(ci(t - mins(61), |d| d.pain.one_sided = Some(3)))
                    .with(ci(t, |d| d.pain.shoulder_tip = Some(2))),
            ),
            yes(
                "fainted, then one-sided 10 minutes later",
                f().with(ci(t - mins(10), |d| d.fainted = true)).with(ci(t, |d| d.pain.one_sided = Some(2))),
            ),
            yes(
                "the pair an hour apart, the newer exactly 48 hours ago",
                f().with(ci(t - Duration::hours(49), |d| d.pain.one_sided = Some(3)))
                    .with(ci(t - Duration::hours(48), |d| d.pain.shoulder_tip = Some(2))),
            ),
            no(
                "the pair an hour apart, the newer 48 hours and a minute ago",
                f().with(ci(t - Duration::hours(49) - mins(1), |d| d.pain.one_sided = Some(3)))
                    .with(ci(t - Duration::hours(48) - mins(1), |d| d.pain.shoulder_tip = Some(2))),
            ),
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
            no("none of them", f().with(ci(t, |d| d.dizziness = Some(Dizziness::Lasting)))),
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
    let slow = readings(J::first(), 4, mins(90), 3.0).finding(RuleId::BleedingSoaking, t).unwrap();
    assert!(
        slow.message.starts_with("You logged soaking 3 or more pads an hour for 5 hours in a row."),
        "the first reading covers the hour before it: {}",
        slow.message
    );
    assert_eq!(slow.because.len(), 4);
    let clots = J::first()
        .with(ci(t, |d| (d.bleeding, d.clots) = (Some(Bleeding::VeryHeavy), Some(Clots::Large))))
        .finding(RuleId::BleedingSoakingClots, t)
        .unwrap();
    assert!(clots.message.starts_with("You logged very heavy bleeding with large clots."), "{}", clots.message);
    let counted = J::first()
        .with(ci(t, |d| {
            (d.bleeding, d.pads_per_hour, d.clots) = (Some(Bleeding::Heavy), Some(1.5), Some(Clots::Large))
        }))
        .finding(RuleId::BleedingSoakingClots, t)
        .unwrap();
    assert!(
        counted.message.starts_with("You logged soaking 1.5 pads an hour with large clots."),
        "{}",
        counted.message
    );
    let ectopic = J::first()
        .with(ci(t - mins(10), |d| d.pain.one_sided = Some(3)))
        .with(ci(t, |d| (d.pain.shoulder_tip, d.fainted) = (Some(2), true)))
        .finding(RuleId::EctopicSigns, t)
        .unwrap();
    assert!(
        ectopic.message.starts_with(
            "You logged pain low on one side of your tummy with pain in the tip of your shoulder, and fainting."
        ),
        "{}",
        ectopic.message
    );
    assert_eq!(ectopic.because.len(), 2);
}

#[test]
fn pads_or_clots_logged_without_a_bleeding_level_count_as_bleeding_after_a_stop() {
    let t = now();
    assert!(stopped().at(t).findings.is_empty());
    assert_eq!(stopped().gate(crate::care::GateId::BathsSwimmingTamponsSex, t).state, crate::care::GateState::Ready);
    // The reviewer's journal: soaking with large clots, then soaking an hour later, no bleeding level given.
    let j = stopped().with(pads_clots(t - mins(60), 4.0, Clots::Large)).with(pads(t, 3.0));
    let rules: Vec<RuleId> = j.at(t).findings.iter().map(|f| f.rule).collect();
    assert_eq!(rules, vec![RuleId::BleedingSoaking, RuleId::BleedingSoakingClots]);
    // Just below: nothing soaked, no clots, is not bleeding (and says nothing either way).
    let quiet = stopped().with(pads_clots(t, 0.0, Clots::None));
    assert!(quiet.at(t).findings.is_empty());
    let gate = quiet.gate(crate::care::GateId::BathsSwimmingTamponsSex, t);
    assert_eq!(gate.state, crate::care::GateState::Ready, "{:?}", gate.reasons);
    // Small clots alone, or half a pad an hour, are bleeding again: the gates wait.
    for (p, c) in [(0.0, Clots::Small), (0.5, Clots::None)] {
        let again = stopped().with(pads_clots(t, p, c));
        let gate = again.gate(crate::care::GateId::BathsSwimmingTamponsSex, t);
        assert_eq!(gate.state, crate::care::GateState::NotYet, "{p} pads, {c} clots");
    }
}

#[test]
fn because_lists_the_triggering_checkins_oldest_first() {
    let t = now();
    let j = J::first().with(pads(t, 2.0)).with(ci(t - mins(200), |d| d.mood = Some(5))).with(pads(t - mins(60), 2.0));
    let finding = j.finding(RuleId::BleedingSoaking, t).unwrap();
    assert_eq!(finding.because, vec![j.checkins[2].guid.clone(), j.checkins[0].guid.clone()]);
}
