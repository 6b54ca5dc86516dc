//! Every red flag at its threshold and just below it, as a table: the `match` over [`RuleId`] is exhaustive,
//! so a rule added without boundary cases does not compile. Each case says the severity it expects (or none),
//! so every level of a rule is pinned. Cases also pin the timing rules (timestamps, not the order of entry)
//! and how long a sign keeps its alert open.

use chrono::{DateTime, Duration, Utc};

use super::support::*;
use crate::care::{RuleId, Severity};
use crate::journal::{Bleeding, Clots, Discharge, Dizziness, EventDetails, FollowUpEnd, LossKind, Medicine, Route};

struct Case {
    label: &'static str,
    journal: J,
    now: DateTime<Utc>,
    /// The severity the finding must have, or `None` when the rule must not hold.
    raises: Option<Severity>,
}

fn now() -> DateTime<Utc> {
    day(9)
}

fn emergency(label: &'static str, journal: J) -> Case {
    Case { label, journal, now: now(), raises: Some(Severity::Emergency) }
}

fn urgent(label: &'static str, journal: J) -> Case {
    Case { label, journal, now: now(), raises: Some(Severity::Urgent) }
}

fn contact(label: &'static str, journal: J) -> Case {
    Case { label, journal, now: now(), raises: Some(Severity::Contact) }
}

fn info(label: &'static str, journal: J) -> Case {
    Case { label, journal, now: now(), raises: Some(Severity::Info) }
}

fn no(label: &'static str, journal: J) -> Case {
    Case { label, journal, now: now(), raises: None }
}

/// The same case assessed at another instant.
fn at(mut case: Case, now: DateTime<Utc>) -> Case {
    case.now = now;
    case
}

fn hours(n: i64) -> Duration {
    Duration::hours(n)
}

/// A first-trimester ectopic pregnancy managed expectantly: unresolved until follow-up ends.
fn ectopic_loss() -> J {
    let mut j = J::first();
    if let Some(loss) = j.loss.as_mut() {
        loss.kind = LossKind::Ectopic;
    }
    j
}

fn miso(j: J, at: DateTime<Utc>, by_mouth: bool) -> J {
    let route = by_mouth.then_some(Route::ByMouth);
    j.event(
        at,
        EventDetails::Medication {
            name: "misoprostol".into(),
            dose: None,
            medicine: Some(Medicine::Misoprostol),
            route,
        },
    )
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
    let dz = |level: Dizziness| move |d: &mut crate::journal::CheckInData| d.dizziness = Some(level);
    match rule {
        // guidance: soaking 1 or more pads an hour for 2 hours or more: readings spanning 2 hours, or one check-in
        // saying "soaking for 2 hours or more"
        RuleId::BleedingSoaking => vec![
            urgent(
                "a pad an hour at two check-ins an hour apart",
                f().with(pads(t - mins(60), 1.0)).with(pads(t, 1.0)),
            ),
            no("59 minutes apart", f().with(pads(t - mins(59), 1.0)).with(pads(t, 1.0))),
            no("0.9 pads an hour", f().with(pads(t - mins(60), 0.9)).with(pads(t, 1.0))),
            urgent(
                "entered in reverse order: timestamps count",
                f().with(pads(t, 2.5)).with(pads(t - mins(30), 3.0)).with(pads(t - mins(60), 2.0)),
            ),
            urgent("four readings 90 minutes apart, 1 pad an hour each", readings(f(), 4, mins(90), 1.0)),
            urgent("two readings 3 hours apart: nothing lower between them", readings(f(), 2, mins(180), 1.0)),
            no("3 hours and a minute between readings leaves a gap", readings(f(), 2, mins(181), 1.0)),
            no("readings 90 minutes apart at 0.9 pads an hour", readings(f(), 4, mins(90), 0.9)),
            no(
                "a lower reading in between ends the run",
                f().with(pads(t - mins(60), 1.0)).with(pads(t - mins(30), 0.5)).with(pads(t, 1.0)),
            ),
            urgent(
                "one check-in: a pad an hour for 2 hours",
                f().with(ci(t, |d| (d.pads_per_hour, d.signs.soaking_hours) = (Some(1.0), Some(2.0)))),
            ),
            no(
                "one check-in: a pad an hour for 1.9 hours",
                f().with(ci(t, |d| (d.pads_per_hour, d.signs.soaking_hours) = (Some(1.0), Some(1.9)))),
            ),
            urgent(
                "pads only, after bleeding had stopped: a pad an hour, an hour apart",
                stopped().with(pads(t - mins(60), 1.0)).with(pads(t, 1.0)),
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
        // guidance: 2 or more pads soaked within one hour, in a single reading
        RuleId::BleedingSoakingHour => vec![
            urgent("2 pads in an hour", f().with(pads(t, 2.0))),
            no("1.9 pads in an hour", f().with(pads(t, 1.9))),
            urgent("pads only, after bleeding had stopped: 2 pads", stopped().with(pads(t, 2.0))),
        ],
        // guidance: golf-ball clots with 1 or more pads an hour; or soaking through a pad within 15 minutes on two
        // readings at least 15 minutes apart, or for over an hour
        RuleId::BleedingSoakingClots => vec![
            emergency("a pad an hour with large clots", f().with(pads_clots(t, 1.0, Clots::Large))),
            no("0.9 pads an hour with large clots", f().with(pads_clots(t, 0.9, Clots::Large))),
            no("a pad an hour with small clots", f().with(pads_clots(t, 1.0, Clots::Small))),
            emergency(
                "4 pads an hour on two readings 15 minutes apart",
                f().with(pads(t - mins(15), 4.0)).with(pads(t, 4.0)),
            ),
            no("4 pads an hour on two readings 14 minutes apart", f().with(pads(t - mins(14), 4.0)).with(pads(t, 4.0))),
            no("4 pads an hour, once", f().with(pads(t, 4.0))),
            no("3.9 pads an hour twice", f().with(pads(t - mins(30), 3.9)).with(pads(t, 3.9))),
            emergency(
                "4 pads an hour for over an hour",
                f().with(ci(t, |d| (d.pads_per_hour, d.signs.soaking_hours) = (Some(4.0), Some(1.5)))),
            ),
            no(
                "4 pads an hour for exactly an hour",
                f().with(ci(t, |d| (d.pads_per_hour, d.signs.soaking_hours) = (Some(4.0), Some(1.0)))),
            ),
            emergency(
                "very heavy bleeding with large clots, no pad count",
                f().with(ci(t, |d| (d.bleeding, d.clots) = (Some(Bleeding::VeryHeavy), Some(Clots::Large)))),
            ),
            emergency(
                "heavy bleeding with large clots, no pad count",
                f().with(ci(t, |d| (d.bleeding, d.clots) = (Some(Bleeding::Heavy), Some(Clots::Large)))),
            ),
            no(
                "medium bleeding with large clots, no pad count",
                f().with(ci(t, |d| (d.bleeding, d.clots) = (Some(Bleeding::Medium), Some(Clots::Large)))),
            ),
            emergency(
                "pads only, after bleeding had stopped: a pad an hour with large clots",
                stopped().with(pads_clots(t, 1.0, Clots::Large)),
            ),
            no(
                "pads only, after bleeding had stopped: 0.9 pads an hour with large clots",
                stopped().with(pads_clots(t, 0.9, Clots::Large)),
            ),
        ],
        // guidance: fainting with heavy bleeding within 24 hours; or dizziness that does not pass on lying down,
        // with soaking or very heavy bleeding within 6 hours: Emergency. Dizziness with heavy bleeding within 24
        // hours: Urgent
        RuleId::BleedingFaint => vec![
            urgent(
                "heavy bleeding and briefly dizzy",
                f().with(ci(t, |d| (d.bleeding, d.dizziness) = (Some(Bleeding::Heavy), Some(Dizziness::Brief)))),
            ),
            no(
                "medium bleeding and dizzy",
                f().with(ci(t, |d| (d.bleeding, d.dizziness) = (Some(Bleeding::Medium), Some(Dizziness::Lasting)))),
            ),
            emergency(
                "2 pads an hour and fainted",
                f().with(ci(t, |d| (d.pads_per_hour, d.fainted) = (Some(2.0), true))),
            ),
            no("1.9 pads an hour and fainted", f().with(ci(t, |d| (d.pads_per_hour, d.fainted) = (Some(1.9), true)))),
            emergency(
                "very heavy, then fainted 23 hours later",
                f().with(ci(t - hours(23), |d| d.bleeding = Some(Bleeding::VeryHeavy)))
                    .with(ci(t, |d| d.fainted = true)),
            ),
            no(
                "very heavy, then fainted 25 hours later",
                f().with(ci(t - hours(25), |d| d.bleeding = Some(Bleeding::VeryHeavy)))
                    .with(ci(t, |d| d.fainted = true)),
            ),
            emergency(
                "soaking a pad an hour, then very dizzy 6 hours later",
                f().with(pads(t - hours(6), 1.0)).with(ci(t, dz(Dizziness::Lasting))),
            ),
            urgent(
                "heavy bleeding, then very dizzy 7 hours later: dizziness with heavy bleeding",
                f().with(ci(t - hours(7), |d| d.bleeding = Some(Bleeding::Heavy))).with(ci(t, dz(Dizziness::Lasting))),
            ),
            no(
                "a pad an hour (not heavy), then briefly dizzy 7 hours later",
                f().with(pads(t - hours(7), 1.0)).with(ci(t, dz(Dizziness::Brief))),
            ),
        ],
        // guidance: fainting within 14 days of the loss ... : Emergency. Any other faint within 12 weeks: Urgent
        RuleId::Fainted => vec![
            emergency("a faint on day 9", f().with(ci(t, |d| d.fainted = true))),
            at(
                emergency("a faint 14 days after the loss", f().with(ci(day(14) - hours(13), |d| d.fainted = true))),
                day(14),
            ),
            at(urgent("a faint on day 20, nothing else", f().with(ci(day(20), |d| d.fainted = true))), day(20)),
            at(
                emergency(
                    "a faint on day 20 with bleeding 23 hours before",
                    f().with(ci(day(20) - hours(23), |d| d.bleeding = Some(Bleeding::Light)))
                        .with(ci(day(20), |d| d.fainted = true)),
                ),
                day(20),
            ),
            at(
                urgent(
                    "a faint on day 20 with bleeding 25 hours before",
                    f().with(ci(day(20) - hours(25), |d| d.bleeding = Some(Bleeding::Light)))
                        .with(ci(day(20), |d| d.fainted = true)),
                ),
                day(20),
            ),
            at(
                emergency(
                    "a faint on day 20, not coming round within a minute",
                    f().with(ci(day(20), |d| (d.fainted, d.signs.came_round_within_a_minute) = (true, Some(false)))),
                ),
                day(20),
            ),
            at(
                emergency(
                    "a faint on day 20 while lying down",
                    f().with(ci(day(20), |d| (d.fainted, d.signs.fainted_lying_down) = (true, true))),
                ),
                day(20),
            ),
            at(
                urgent("a faint 84 days after the loss", f().with(ci(day(84) - hours(13), |d| d.fainted = true))),
                day(84),
            ),
            at(no("a faint 85 days after the loss", f().with(ci(day(85), |d| d.fainted = true))), day(85)),
            no("no faint", f().with(ci(t, dz(Dizziness::Lasting)))),
        ],
        // guidance: dizziness or light-headedness that lasts or comes back, or with bleeding heavier than spotting
        // ...: Urgent. Brief dizziness on standing that passed within a minute, with spotting only: Info
        RuleId::DizzyBleeding => vec![
            urgent("lasting dizziness", f().with(ci(t, dz(Dizziness::Lasting)))),
            info(
                "brief dizziness with spotting",
                f().with(ci(t, |d| (d.dizziness, d.bleeding) = (Some(Dizziness::Brief), Some(Bleeding::Spotting)))),
            ),
            urgent(
                "brief dizziness with light bleeding",
                f().with(ci(t, |d| (d.dizziness, d.bleeding) = (Some(Dizziness::Brief), Some(Bleeding::Light)))),
            ),
            urgent(
                "brief dizziness that came back an hour later",
                f().with(ci(t - hours(1), dz(Dizziness::Brief))).with(ci(t, dz(Dizziness::Brief))),
            ),
            info(
                "brief dizziness twice, 59 minutes apart",
                f().with(ci(t - mins(59), dz(Dizziness::Brief))).with(ci(t, dz(Dizziness::Brief))),
            ),
            urgent(
                "brief dizziness with shoulder-tip pain 23 hours before",
                f().with(ci(t - hours(23), |d| d.pain.shoulder_tip = Some(1))).with(ci(t, dz(Dizziness::Brief))),
            ),
            info(
                "brief dizziness with shoulder-tip pain 25 hours before",
                f().with(ci(t - hours(25), |d| d.pain.shoulder_tip = Some(1))).with(ci(t, dz(Dizziness::Brief))),
            ),
            urgent("any dizziness while unresolved", ectopic_loss().with(ci(t, dz(Dizziness::Brief)))),
            no("dizziness none", f().with(ci(t, dz(Dizziness::None)))),
        ],
        // guidance: 38.0 °C or more; or chills or shivering; or feeling flu-like. Exception: within 24 hours of a
        // misoprostol dose, chills with a measured temperature under 38.0 °C and no other sign is Info
        RuleId::Fever => vec![
            urgent("38.0 °C", f().with(ci(t, |d| d.temperature_c = Some(38.0)))),
            no("37.9 °C", f().with(ci(t, |d| d.temperature_c = Some(37.9)))),
            urgent("chills alone", f().with(ci(t, |d| d.chills = true))),
            urgent("flu-like alone", f().with(ci(t, |d| d.flu_like = true))),
            info(
                "chills at 37.9 °C, 24 hours after misoprostol",
                miso(f(), t - hours(24), false).with(ci(t, |d| (d.chills, d.temperature_c) = (true, Some(37.9)))),
            ),
            urgent(
                "chills at 37.9 °C, 25 hours after misoprostol",
                miso(f(), t - hours(25), false).with(ci(t, |d| (d.chills, d.temperature_c) = (true, Some(37.9)))),
            ),
            urgent(
                "chills after misoprostol with no temperature taken",
                miso(f(), t - hours(2), false).with(ci(t, |d| d.chills = true)),
            ),
            urgent("38.0 °C exactly 48 hours ago", f().with(ci(t - hours(48), |d| d.temperature_c = Some(38.0)))),
            no(
                "38.0 °C 48 hours and a minute ago",
                f().with(ci(t - hours(48) - mins(1), |d| d.temperature_c = Some(38.0))),
            ),
        ],
        // guidance: 38.0 °C or more on 3 or more readings at least 4 hours apart within 72 hours ...; or 38.0 °C
        // or more lasting more than 24 hours after misoprostol
        RuleId::FeverRepeated => {
            let fever = |j: J, at: DateTime<Utc>, c: f64| j.with(ci(at, |d| d.temperature_c = Some(c)));
            vec![
                emergency(
                    "three readings 4 hours apart",
                    fever(fever(fever(f(), t - hours(8), 38.0), t - hours(4), 38.0), t, 38.0),
                ),
                no(
                    "three readings 3 hours 59 minutes apart",
                    fever(fever(fever(f(), t - mins(478), 38.0), t - mins(239), 38.0), t, 38.0),
                ),
                no("two readings", fever(fever(f(), t - hours(8), 38.5), t, 38.5)),
                emergency(
                    "three readings over 72 hours",
                    fever(fever(fever(f(), t - hours(72), 38.0), t - hours(36), 38.0), t, 38.0),
                ),
                no(
                    "the first 72 hours and a minute before",
                    fever(fever(fever(f(), t - hours(72) - mins(1), 38.0), t - hours(36), 38.0), t, 38.0),
                ),
                no("one of them 37.9 °C", fever(fever(fever(f(), t - hours(8), 38.0), t - hours(4), 37.9), t, 38.0)),
                emergency(
                    "a fever from 2 hours to 25 hours after misoprostol",
                    fever(fever(miso(f(), t - hours(25), true), t - hours(23), 38.1), t, 38.2),
                ),
                no(
                    "a fever up to 24 hours after misoprostol",
                    fever(fever(miso(f(), t - hours(24), true), t - hours(22), 38.1), t, 38.2),
                ),
            ]
        }
        // guidance: at any temperature, any of: confusion or slurred speech; mottled, bluish or very pale skin; ...;
        // a temperature below 36.0 °C with shivering or feeling very unwell
        RuleId::SepsisSigns => vec![
            emergency("confusion", f().with(ci(t, |d| d.signs.confusion = true))),
            emergency("no urine for 18 hours", f().with(ci(t, |d| d.signs.no_urine = true))),
            emergency("35.9 °C with shivering", f().with(ci(t, |d| (d.temperature_c, d.chills) = (Some(35.9), true)))),
            no("36.0 °C with shivering", f().with(ci(t, |d| (d.temperature_c, d.chills) = (Some(36.0), true)))),
            no("35.9 °C alone", f().with(ci(t, |d| d.temperature_c = Some(35.9)))),
        ],
        // guidance: more than 24 hours after a misoprostol dose: weakness, nausea, vomiting, diarrhoea or feeling
        // very unwell, with or without fever or pain
        RuleId::UnwellAfterMisoprostol => vec![
            urgent(
                "nausea 24 hours and a minute after",
                miso(f(), t - hours(24) - mins(1), false).with(ci(t, |d| d.signs.nausea = true)),
            ),
            no("nausea 24 hours after", miso(f(), t - hours(24), false).with(ci(t, |d| d.signs.nausea = true))),
            urgent("diarrhoea 3 days after", miso(f(), t - hours(72), false).with(ci(t, |d| d.signs.diarrhoea = true))),
            no("nausea without misoprostol", f().with(ci(t, |d| d.signs.nausea = true))),
        ],
        // guidance: unable to keep fluids down; or vomiting with fever, pain or feeling very unwell. Vomiting within
        // 30 minutes of taking misoprostol by mouth: Contact the unit now
        RuleId::Vomiting => vec![
            urgent("unable to keep fluids down", f().with(ci(t, |d| d.signs.unable_to_keep_fluids_down = true))),
            urgent(
                "vomiting with a fever",
                f().with(ci(t, |d| (d.signs.vomiting, d.temperature_c) = (true, Some(38.0)))),
            ),
            urgent(
                "vomiting with cramps 1/10",
                f().with(ci(t, |d| (d.signs.vomiting, d.pain.cramps) = (true, Some(1)))),
            ),
            no("vomiting alone", f().with(ci(t, |d| d.signs.vomiting = true))),
            contact(
                "vomiting 30 minutes after misoprostol by mouth",
                miso(f(), t - mins(30), true).with(ci(t, |d| d.signs.vomiting = true)),
            ),
            no(
                "vomiting 31 minutes after misoprostol by mouth",
                miso(f(), t - mins(31), true).with(ci(t, |d| d.signs.vomiting = true)),
            ),
            no(
                "vomiting 10 minutes after misoprostol by another route",
                miso(f(), t - mins(10), false).with(ci(t, |d| d.signs.vomiting = true)),
            ),
        ],
        // guidance: foul-smelling or pus-like discharge, any colour (colour alone does not count)
        RuleId::DischargeFoul => vec![
            urgent("foul discharge", f().with(ci(t, |d| d.discharge = Some(Discharge::Foul)))),
            no("unusual discharge", f().with(ci(t, |d| d.discharge = Some(Discharge::Unusual)))),
        ],
        // guidance: severe pain (8/10 or more): Urgent; Emergency if it started suddenly, ... From 72 hours after the
        // loss, pain getting worse ...: Urgent (ending at 3-4/10: Contact). Pain not eased by pain relief: Urgent
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
                urgent("cramps 8/10", f().with(ci(t, |d| d.pain.cramps = Some(8)))),
                no("cramps 7/10", f().with(ci(t, |d| d.pain.cramps = Some(7)))),
                urgent("pelvis 8/10", f().with(ci(t, |d| d.pain.pelvis = Some(8)))),
                urgent("right side 8/10", f().with(ci(t, |d| d.pain.side_right = Some(8)))),
                emergency(
                    "8/10 that started suddenly",
                    f().with(ci(t, |d| (d.pain.cramps, d.signs.pain_started_suddenly) = (Some(8), true))),
                ),
                emergency(
                    "8/10 with vomiting",
                    f().with(ci(t, |d| (d.pain.cramps, d.signs.vomiting) = (Some(8), true))),
                ),
                emergency(
                    "8/10 not eased by pain relief, day 9",
                    f().with(ci(t, |d| (d.pain.cramps, d.signs.pain_not_eased) = (Some(8), true))),
                ),
                urgent(
                    "3/10 not eased by pain relief",
                    f().with(ci(t, |d| (d.pain.cramps, d.signs.pain_not_eased) = (Some(3), true))),
                ),
                urgent("3, 5, 7 over 24 hours", worse(hours(12), [1, 3, 5], t)),
                contact("1, 2, 3 over 24 hours", worse(hours(12), [1, 2, 3], t)),
                no("0, 1, 2 over 24 hours", worse(hours(12), [0, 1, 2], t)),
                no("1, 3, 5 over 23 hours 58 minutes", worse(hours(12) - mins(1), [1, 3, 4], t)),
                urgent(
                    "2 then 5 within a day",
                    f().with(ci(t - hours(20), |d| d.pain.cramps = Some(2))).with(ci(t, |d| d.pain.cramps = Some(5))),
                ),
                no(
                    "2 then 4 within a day",
                    f().with(ci(t - hours(20), |d| d.pain.cramps = Some(2))).with(ci(t, |d| d.pain.cramps = Some(4))),
                ),
                no("3, 5, 7 but the last 49 hours ago", worse(hours(12), [3, 4, 5], t - hours(49))),
                at(
                    no(
                        "2 then 5 within a day, in the first 72 hours",
                        J::first()
                            .with(ci(day(1), |d| d.pain.cramps = Some(2)))
                            .with(ci(day(1) + hours(20), |d| d.pain.cramps = Some(5))),
                    ),
                    day(1) + hours(20),
                ),
            ]
        }
        // guidance: one-sided low pain with shoulder-tip pain within 24 hours of each other: Urgent; with fainting
        // or feeling very dizzy, or one-sided pain of 7/10 or more with dizziness: Emergency. While unresolved ...
        RuleId::EctopicSigns => {
            let side = |d: &mut crate::journal::CheckInData| d.pain.side_left = Some(1);
            let shoulder = |d: &mut crate::journal::CheckInData| d.pain.shoulder_tip = Some(1);
            vec![
                urgent(
                    "one-sided 1/10 with shoulder-tip 1/10",
                    f().with(ci(t, |d| (d.pain.one_sided, d.pain.shoulder_tip) = (Some(1), Some(1)))),
                ),
                no(
                    "one-sided 0/10 with shoulder-tip 5/10",
                    f().with(ci(t, |d| (d.pain.one_sided, d.pain.shoulder_tip) = (Some(0), Some(5)))),
                ),
                urgent(
                    "left side, then shoulder-tip 23 hours later",
                    f().with(ci(t - hours(23), side)).with(ci(t, shoulder)),
                ),
                no(
                    "left side, then shoulder-tip 25 hours later",
                    f().with(ci(t - hours(25), side)).with(ci(t, shoulder)),
                ),
                emergency(
                    "one-sided 4/10 and fainted",
                    f().with(ci(t, |d| (d.pain.one_sided, d.fainted) = (Some(4), true))),
                ),
                emergency(
                    "one-sided 4/10 and very dizzy",
                    f().with(ci(t, |d| (d.pain.one_sided, d.dizziness) = (Some(4), Some(Dizziness::Lasting)))),
                ),
                emergency(
                    "one-sided 7/10 and briefly dizzy",
                    f().with(ci(t, |d| (d.pain.one_sided, d.dizziness) = (Some(7), Some(Dizziness::Brief)))),
                ),
                no(
                    "one-sided 6/10 and briefly dizzy",
                    f().with(ci(t, |d| (d.pain.one_sided, d.dizziness) = (Some(6), Some(Dizziness::Brief)))),
                ),
                emergency("unresolved: shoulder-tip pain alone", ectopic_loss().with(ci(t, shoulder))),
                no(
                    "resolved: shoulder-tip pain alone",
                    ectopic_loss()
                        .event(day(5), EventDetails::FollowUpEnded { reason: FollowUpEnd::HcgNormal })
                        .with(ci(t, shoulder)),
                ),
                urgent("unresolved: one-sided 5/10", ectopic_loss().with(ci(t, |d| d.pain.side_right = Some(5)))),
                no("unresolved: one-sided 4/10 alone", ectopic_loss().with(ci(t, |d| d.pain.side_right = Some(4)))),
                urgent(
                    "unresolved: one-sided 1/10 with diarrhoea",
                    ectopic_loss().with(ci(t, |d| (d.pain.side_right, d.signs.diarrhoea) = (Some(1), true))),
                ),
                info(
                    "unresolved: shoulder-tip 6/10 alone 48 hours after keyhole surgery",
                    ectopic_loss()
                        .event(t - hours(48), EventDetails::Surgery { keyhole: true })
                        .with(ci(t, |d| d.pain.shoulder_tip = Some(6))),
                ),
                emergency(
                    "unresolved: shoulder-tip 7/10 after keyhole surgery",
                    ectopic_loss()
                        .event(t - hours(10), EventDetails::Surgery { keyhole: true })
                        .with(ci(t, |d| d.pain.shoulder_tip = Some(7))),
                ),
                emergency(
                    "unresolved: shoulder-tip alone 49 hours after keyhole surgery",
                    ectopic_loss().event(t - hours(49), EventDetails::Surgery { keyhole: true }).with(ci(t, shoulder)),
                ),
            ]
        }
        // guidance: one leg (or arm) swollen, warm, red or darkened, or hard or sore veins, at any time: Urgent. Calf
        // or thigh pain in one leg only ...: after a second- or third-trimester loss 2/10 or more; otherwise 4/10 or
        // more, or on two check-ins at least 12 hours apart: Urgent. One-leg pain of 2-3/10 once after an early
        // loss: Info
        RuleId::ClotLeg => vec![
            urgent("a swollen left leg", f().with(ci(t, |d| d.leg_left.swelling = true))),
            urgent("hard or sore veins in the right leg", f().with(ci(t, |d| d.signs.veins_right = true))),
            urgent("an arm", f().with(ci(t, |d| d.signs.arm = true))),
            urgent("left leg pain 4/10", f().with(ci(t, |d| d.pain.leg_left = Some(4)))),
            info("left leg pain 3/10 once", f().with(ci(t, |d| d.pain.leg_left = Some(3)))),
            no("left leg pain 1/10", f().with(ci(t, |d| d.pain.leg_left = Some(1)))),
            no("both legs 4/10", f().with(ci(t, |d| (d.pain.leg_left, d.pain.leg_right) = (Some(4), Some(4))))),
            urgent(
                "left leg 2/10 on two check-ins 12 hours apart",
                f().with(ci(t - hours(12), |d| d.pain.leg_left = Some(2))).with(ci(t, |d| d.pain.leg_left = Some(2))),
            ),
            info(
                "left leg 2/10 on two check-ins 11 hours apart",
                f().with(ci(t - hours(11), |d| d.pain.leg_left = Some(2))).with(ci(t, |d| d.pain.leg_left = Some(2))),
            ),
            urgent("after a later loss, left leg 2/10", J::weeks(20).with(ci(t, |d| d.pain.leg_left = Some(2)))),
            no("after a later loss, left leg 1/10", J::weeks(20).with(ci(t, |d| d.pain.leg_left = Some(1)))),
            at(no("left leg 4/10 beyond 12 weeks", f().with(ci(day(85), |d| d.pain.leg_left = Some(4)))), day(85)),
        ],
        // guidance: any one of: chest pain; sudden or unexplained breathlessness; coughing blood; collapse; a racing
        // or irregular heartbeat with breathlessness
        // guidance: postnatal-preeclampsia "loss at 20 weeks or later, within 6 weeks: severe headache, vision
        // problems, pain just below the ribs, vomiting, or sudden swelling of face, hands or feet"
        RuleId::PostnatalPreeclampsia => {
            let later = || J::weeks(20);
            let six_weeks = later().loss.unwrap().time(*ZONE) + Duration::days(42);
            let late = |at| later().with(ci(at, |d| d.signs.vision_problems = true));
            vec![
                urgent("a headache of 8/10 at 20 weeks", later().with(ci(t, |d| d.pain.head = Some(8)))),
                no("a headache of 7/10", later().with(ci(t, |d| d.pain.head = Some(7)))),
                urgent("vision problems", later().with(ci(t, |d| d.signs.vision_problems = true))),
                urgent("pain just below the ribs", later().with(ci(t, |d| d.signs.pain_below_ribs = true))),
                urgent("sudden swelling", later().with(ci(t, |d| d.signs.sudden_swelling = true))),
                no("vision problems at 19 weeks", J::weeks(19).with(ci(t, |d| d.signs.vision_problems = true))),
                at(urgent("a minute before 6 weeks", late(six_weeks - mins(1))), six_weeks - mins(1)),
                at(no("at 6 weeks", late(six_weeks)), six_weeks),
            ]
        }
        // guidance: postpartum-psychosis "loss at 20 weeks or later, within 6 weeks: hallucinations, delusions,
        // mania, severe confusion, acting out of character (a partner may log it)"
        RuleId::PostpartumPsychosis => {
            let later = || J::weeks(24);
            let six_weeks = later().loss.unwrap().time(*ZONE) + Duration::days(42);
            let late = |at| later().with(ci(at, |d| d.signs.hallucinations = true));
            vec![
                emergency("hallucinations", later().with(ci(t, |d| d.signs.hallucinations = true))),
                emergency(
                    "mania, logged by a partner",
                    later().with(ci(t, |d| {
                        d.signs.mania = true;
                        d.logged_by = Some(crate::journal::LoggedBy::Partner);
                    })),
                ),
                emergency("acting out of character", later().with(ci(t, |d| d.signs.out_of_character = true))),
                no("hallucinations at 19 weeks", J::weeks(19).with(ci(t, |d| d.signs.hallucinations = true))),
                at(emergency("a minute before 6 weeks", late(six_weeks - mins(1))), six_weeks - mins(1)),
                at(no("at 6 weeks", late(six_weeks)), six_weeks),
            ]
        }
        // guidance: mastitis "a red, hot, painful area of breast with a flu-like feeling"
        RuleId::Mastitis => vec![
            urgent(
                "a red, hot area with a flu-like feeling",
                J::weeks(22).with(ci(t, |d| (d.signs.breast_red_hot, d.flu_like) = (true, true))),
            ),
            urgent(
                "a red, hot area with 38.0 °C",
                J::weeks(22).with(ci(t, |d| (d.signs.breast_red_hot, d.temperature_c) = (true, Some(38.0)))),
            ),
            no(
                "a red, hot area at 37.9 °C, no flu-like feeling",
                J::weeks(22).with(ci(t, |d| (d.signs.breast_red_hot, d.temperature_c) = (true, Some(37.9)))),
            ),
            no("breast pain alone after a later loss (normal)", J::weeks(22).with(ci(t, |d| d.pain.breast = Some(6)))),
        ],
        // guidance: wound "after a caesarean or other wound: red, swollen, pus, or the wound opening"
        RuleId::Wound => vec![
            urgent("red or swollen", J::weeks(30).with(ci(t, |d| d.signs.wound_red_swollen = true))),
            urgent("leaking pus", J::weeks(30).with(ci(t, |d| d.signs.wound_pus = true))),
            urgent("opening", J::weeks(30).with(ci(t, |d| d.signs.wound_opening = true))),
            no("nothing about the wound", J::weeks(30).with(ci(t, |d| d.pain.cramps = Some(3)))),
        ],
        RuleId::ClotLung => vec![
            emergency("chest pain", f().with(ci(t, |d| d.chest_pain = true))),
            emergency("chest pain 1/10", f().with(ci(t, |d| d.pain.chest = Some(1)))),
            no("chest pain 0/10", f().with(ci(t, |d| d.pain.chest = Some(0)))),
            emergency("sudden breathlessness", f().with(ci(t, |d| d.breathless = true))),
            emergency("coughing blood", f().with(ci(t, |d| d.coughing_blood = true))),
            emergency("collapse", f().with(ci(t, |d| d.signs.collapse = true))),
            no("a racing heart alone", f().with(ci(t, |d| d.signs.heart_racing = true))),
        ],
        // guidance: thoughts of suicide or of harming oneself, or feeling unable to keep oneself safe
        RuleId::MoodCrisis => vec![
            emergency("thoughts of self-harm", f().with(ci(t, |d| d.self_harm_thoughts = true))),
            emergency("unable to keep yourself safe", f().with(ci(t, |d| d.signs.unable_to_keep_safe = true))),
            no("a very low mood alone", f().with(ci(t, |d| d.mood = Some(0)))),
        ],
        // guidance: very low mood (2/10 or less) on at least half of the days that have a mood reading, over a span
        // of 14 days or more, with at least 5 such days
        RuleId::MoodLowLong => vec![
            Case {
                label: "mood 2 on 7 of 14 days",
                journal: mood_days(7, 7, 2),
                now: day(20),
                raises: Some(Severity::Contact),
            },
            Case { label: "mood 2 on 6 of 14 days", journal: mood_days(7, 6, 2), now: day(20), raises: None },
            Case { label: "mood 3 on 8 of 14 days", journal: mood_days(7, 8, 3), now: day(20), raises: None },
            Case { label: "only 13 days of readings", journal: mood_days(8, 10, 2), now: day(20), raises: None },
        ],
        // guidance: mood-screen "a positive screen" (either Whooley answer yes, or PC-PTSD-5 3 of 5)
        RuleId::MoodScreen => {
            let screen = |on: bool, edit: fn(&mut crate::journal::Signs)| {
                let mut j = f().with(ci(t, |d| {
                    d.answered = vec!["mood-screen".into()];
                    edit(&mut d.signs);
                }));
                j.mood_screens = on;
                j
            };
            vec![
                contact("the first Whooley question yes", screen(true, |s| s.whooley_down = true)),
                contact("the second Whooley question yes", screen(true, |s| s.whooley_no_interest = true)),
                contact(
                    "3 of 5 PTSD questions yes",
                    screen(true, |s| (s.ptsd_memories, s.ptsd_on_edge, s.ptsd_guilt) = (true, true, true)),
                ),
                no("2 of 5 PTSD questions yes", screen(true, |s| (s.ptsd_memories, s.ptsd_numb) = (true, true))),
                no("every answer no", screen(true, |_| {})),
                no("a positive screen with the screens turned off", screen(false, |s| s.whooley_down = true)),
            ]
        }
    }
}

#[test]
fn every_rule_at_its_threshold_and_just_below() {
    for rule in RuleId::ALL {
        let cases = cases(*rule);
        assert!(
            cases.iter().any(|c| c.raises.is_some()) && cases.iter().any(|c| c.raises.is_none()),
            "{rule} needs both sides"
        );
        for level in crate::care::rules::rule(*rule).levels {
            assert!(cases.iter().any(|c| c.raises == Some(*level)), "{rule}: a case at {level}");
        }
        for case in cases {
            let found = case.journal.finding(*rule, case.now);
            assert_eq!(found.as_ref().map(|f| f.severity), case.raises, "{rule}: {}", case.label);
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
        soaking.message.starts_with("You logged soaking 2.5 or more pads an hour for 2 hours."),
        "{}",
        soaking.message
    );
    assert_eq!(soaking.because.len(), 2);
    let leg =
        J::first().with(ci(t, |d| (d.leg_left.swelling, d.leg_left.warmth) = (true, true))).finding(RuleId::ClotLeg, t);
    assert!(leg.unwrap().message.starts_with("You logged swelling and warmth in your left leg."));
    let slow = readings(J::first(), 4, mins(90), 3.0).finding(RuleId::BleedingSoaking, t).unwrap();
    assert!(
        slow.message.starts_with("You logged soaking 3 or more pads an hour for 5.5 hours."),
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
            "You logged pain low on one side of your tummy with fainting, dizziness or shoulder-tip pain."
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
    assert_eq!(rules, vec![RuleId::BleedingSoaking, RuleId::BleedingSoakingHour, RuleId::BleedingSoakingClots]);
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
