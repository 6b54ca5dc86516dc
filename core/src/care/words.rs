//! Every sentence the care engine says, in one place, written the way Mend speaks (shared/design/VOICE.md):
//! plain and warm, never blaming, no pregnancy-progress language, and urgent means clear — an alert's action
//! says what to do and whom to call, with the number; the why comes second. [`all_texts`] lists every text
//! this module can produce so the language scanner can check them.

use chrono::NaiveDate;

mod actions;
mod course;
mod why;

pub use actions::*;
pub use course::*;
pub use why::*;

use super::codes::{GateId, MarkerId, MarkerState, RuleId, Severity};
use super::phones::Own;
use super::regions::REGIONS;

/// "2", "2.5": a number as a person would write it.
pub fn number(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 { format!("{rounded:.0}") } else { format!("{rounded:.1}") }
}

/// "38.4 °C".
pub fn temperature(celsius: f64) -> String {
    format!("{celsius:.1} °C")
}

/// "12 November".
pub fn date(day: NaiveDate) -> String {
    day.format("%-d %B").to_string()
}

/// A list in words: "a", "a and b", "a, b and c".
pub fn list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

// ---------------------------------------------------------------------------------------------------------
// Markers.

/// A marker's name in a few words.
pub fn marker_title(id: MarkerId) -> &'static str {
    match id {
        MarkerId::BleedingDuration => "Bleeding settling",
        MarkerId::BleedingReturns => "Bleeding coming back",
        MarkerId::TestNegative => "A negative home test",
        MarkerId::MisoNoBleeding => "Bleeding after misoprostol",
        MarkerId::ExpectantNotStarted => "Bleeding starting at home",
        MarkerId::HcgNormal => "hCG back to non-pregnant levels",
        MarkerId::HcgFollowUp => "hCG follow-up",
        MarkerId::FirstPeriod => "Your first period",
        MarkerId::AntiD => "Anti-D",
    }
}

/// What a marker says in its state. `on` is the day the journal showed that state (met, or for a test, still
/// positive); dates are filled in where known.
pub fn marker(id: MarkerId, state: MarkerState, contact_by: Option<NaiveDate>, on: Option<NaiveDate>) -> String {
    let by = |text: &str| match contact_by {
        Some(d) => format!("{text} (from {})", date(d)),
        None => text.to_owned(),
    };
    let on_day = on;
    let on = |text: &str| match on_day {
        Some(d) => format!("{text} on {}.", date(d)),
        None => format!("{text}."),
    };
    match (id, state) {
        (MarkerId::BleedingDuration, MarkerState::Pending) => format!(
            "Bleeding usually settles within about 7 to 10 days. If you're still bleeding more than 14 days after \
             your loss{}, call your GP or midwife.",
            contact_by.map(|d| format!(" (from {})", date(d))).unwrap_or_default()
        ),
        (MarkerId::BleedingDuration, MarkerState::Met) => on("Your bleeding stopped"),
        (MarkerId::BleedingDuration, MarkerState::Overdue) => "You're still bleeding more than 14 days after your \
             loss. Please call your GP, midwife or early pregnancy unit in the next few days. If this bleeding is \
             your first period, you can log the day it started as a period start."
            .to_owned(),
        (MarkerId::TestNegative, MarkerState::Pending) => format!(
            "A home pregnancy test usually turns negative about 3 weeks after a loss, as hCG falls. Mend will \
             remind you to take one then. {}, call your GP or early pregnancy unit.",
            by("If it is still positive")
        ),
        (MarkerId::TestNegative, MarkerState::Met) => on("Your home test was negative"),
        (MarkerId::TestNegative, MarkerState::Overdue) => format!(
            "{}, 3 weeks after your loss (or 2 weeks after your bleeding stopped). Please call your GP or early \
             pregnancy unit in the next few days.",
            on("Your home test was still positive").trim_end_matches('.')
        ),
        (
            MarkerId::BleedingReturns
            | MarkerId::MisoNoBleeding
            | MarkerId::ExpectantNotStarted
            | MarkerId::HcgFollowUp
            | MarkerId::AntiD,
            _,
        ) => course_marker(id, state, contact_by, on_day),
        (MarkerId::HcgNormal, MarkerState::Met) => on("Your last test showed your hCG has fallen"),
        (MarkerId::HcgNormal, _) => {
            "hCG, the pregnancy hormone, usually falls back to non-pregnant levels within about 4 to 6 weeks."
                .to_owned()
        }
        (MarkerId::FirstPeriod, MarkerState::Pending) => format!(
            "Your first period usually comes 4 to 6 weeks after a loss. {}, call your GP.",
            by("If it hasn't come 8 weeks after your loss")
        ),
        (MarkerId::FirstPeriod, MarkerState::Met) => on("Your first period since your loss began"),
        (MarkerId::FirstPeriod, MarkerState::Overdue) => "Your period hasn't come back in the 8 weeks since your \
             loss. Please call your GP in the next few days."
            .to_owned(),
    }
}

// ---------------------------------------------------------------------------------------------------------
// Readiness.

/// A gate's name in a few words.
pub fn gate_title(id: GateId) -> &'static str {
    match id {
        GateId::MassageGeneral => "Massage",
        GateId::MassageAbdominal => "Tummy massage",
        GateId::MassageDeepLeg => "Deep leg massage",
        GateId::BathsSwimmingTamponsSex => "Baths, swimming, tampons and sex",
        GateId::ExerciseGentle => "Gentle exercise",
        GateId::TryingAgain => "Trying again",
    }
}

/// What each gate is about, in a sentence.
pub fn gate_about(id: GateId) -> &'static str {
    match id {
        GateId::MassageGeneral => {
            "Massage can ease tight muscles, back pain and stress. It doesn't change how your body recovers."
        }
        GateId::MassageAbdominal => {
            "Gentle massage of the tummy, once massage in general is fine and there are no \
             signs of infection."
        }
        GateId::MassageDeepLeg => "Firm, deep massage of the legs. Light, slow strokes up the leg are fine.",
        GateId::BathsSwimmingTamponsSex => "Waiting until bleeding has stopped lowers the risk of infection.",
        GateId::ExerciseGentle => "Walking and other gentle movement, whenever you feel ready.",
        GateId::TryingAgain => {
            "When to try again is your choice. Many clinicians suggest waiting for one normal \
             period; NICHD found no extra complications from trying within 3 months. Your clinician can help \
             you decide."
        }
    }
}

pub const REASON_UNRESOLVED: &str = "Your pregnancy hormone is still being followed up. Wait until your team \
    says follow-up is complete.";
pub const REASON_NO_LOSS: &str = "Mend doesn't know the date of your loss yet, so it can't say.";
pub const REASON_BLEEDING: &str =
    "Bleeding hasn't stopped yet (Mend counts it as stopped after two days in a row with none logged).";
pub const REASON_GO_AHEAD: &str = "After a loss in the second or third trimester, ask your clinician first, and \
     record their go-ahead in Mend once they've said yes.";
pub const REASON_NO_PERIOD: &str = "Your first period since your loss hasn't been logged yet. Many clinicians \
     suggest waiting for one normal period, which makes it easier to date a new pregnancy.";

pub fn reason_too_soon(from: NaiveDate) -> String {
    format!(
        "After a loss in the second or third trimester, wait at least 7 days after the loss (until {}).",
        date(from)
    )
}

pub fn reason_open_alert(title: &str) -> String {
    format!("Mend has an open alert ({}). Please follow its advice first.", title.to_lowercase())
}

pub fn reason_infection(from: NaiveDate) -> String {
    format!(
        "You logged a temperature of 38 °C or more, chills with a flu-like feeling, or discharge that may mean \
         infection in the last 7 days. Wait until at least {}, with no new signs.",
        date(from)
    )
}

pub fn reason_deep_leg_window(from: NaiveDate) -> String {
    format!(
        "In the 12 weeks after a loss in the second or third trimester the risk of a blood clot is higher, so no \
         deep leg massage until {}: only light, slow strokes up the leg.",
        date(from)
    )
}

pub fn reason_leg_signs(from: NaiveDate) -> String {
    format!(
        "You logged signs in a leg that can point to a blood clot in the last 14 days, so no deep leg massage until \
         {} at the earliest: only light, slow strokes up the leg. Please have the leg checked.",
        date(from)
    )
}

/// "from 12 November, if bleeding has stopped": how a gate's opening reads.
pub fn opens(from: Option<NaiveDate>, needs_bleeding_stopped: bool) -> Option<String> {
    match (from, needs_bleeding_stopped) {
        (Some(d), true) => Some(format!("from {}, if bleeding has stopped", date(d))),
        (Some(d), false) => Some(format!("from {}", date(d))),
        (None, true) => Some("once bleeding has stopped".to_owned()),
        (None, false) => None,
    }
}

// ---------------------------------------------------------------------------------------------------------

/// Every text the care engine can produce, with representative values, for every region: alert actions and
/// messages, marker messages in every state, gate descriptions and reasons, and rule titles. Shared with the
/// language tests of other engines.
pub fn all_texts() -> Vec<String> {
    let day = NaiveDate::from_ymd_opt(2026, 11, 12).expect("a date");
    let mut texts: Vec<String> = Vec::new();
    let (unit, emergency, crisis) = actions::sample_own_numbers();
    let with_own = Own { unit: Some(&unit), emergency: Some(&emergency), crisis: Some(&crisis) };
    for n in REGIONS.iter() {
        for own in [Own::default(), with_own] {
            for rule in super::rules::ALL {
                texts.push(action_for(rule.id, rule.severity, n, own));
            }
            for severity in Severity::ALL {
                texts.push(action_for(RuleId::Fever, *severity, n, own));
                texts.push(action_for(RuleId::Vomiting, *severity, n, own));
                texts.push(action_for(RuleId::MoodLowLong, *severity, n, own));
            }
        }
        for rule in super::rules::ALL {
            texts.push(phone(rule.id, n));
        }
    }
    for rule in super::rules::ALL {
        texts.push(rule.title.to_owned());
    }
    texts.extend(why::samples());
    texts.extend(course::course_texts());
    for id in MarkerId::ALL {
        for state in MarkerState::ALL {
            for (by, on) in [(None, None), (Some(day), Some(day))] {
                texts.push(marker(*id, *state, by, on));
            }
        }
    }
    for id in GateId::ALL {
        texts.push(gate_about(*id).to_owned());
        texts.push(gate_title(*id).to_owned());
    }
    texts.extend(MarkerId::ALL.iter().map(|id| marker_title(*id).to_owned()));
    texts.extend(
        [REASON_NO_LOSS, REASON_BLEEDING, REASON_GO_AHEAD, REASON_NO_PERIOD, REASON_UNRESOLVED]
            .map(str::to_owned)
            .into_iter()
            .chain([
                reason_too_soon(day),
                reason_open_alert("A high temperature"),
                reason_infection(day),
                reason_deep_leg_window(day),
                reason_leg_signs(day),
            ]),
    );
    texts.extend([opens(Some(day), true), opens(Some(day), false), opens(None, true)].into_iter().flatten());
    texts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_a_person_writes_them() {
        assert_eq!(number(2.0), "2");
        assert_eq!(number(2.5), "2.5");
        assert_eq!(temperature(38.0), "38.0 °C");
        assert_eq!(list(&["a".into(), "b".into(), "c".into()]), "a, b and c");
    }
}
