//! The red-flag rules: one per id in shared/clinical/guidance.md's "Red flags" table, each a small pure function
//! over the journal [`View`] with its severity, its sources and a plain title. [`ALL`] is the table as data, so
//! tests (and apps) can check every id in the guidance is here with the same severity and sources.
//!
//! Every rule decides whether its condition holds *now*: single-reading signs hold for [`HOLD`] after the
//! check-in that showed them; bleeding rules hold for the rest of the bleeding episode they were seen in (so
//! one episode raises one alert); rules over several readings say their own window.

mod bleeding;
mod clots;
mod infection;
mod mood;
mod pain;

use chrono::Duration;
use serde::Serialize;

use super::codes::{RuleId, Severity};
use super::view::View;
use crate::journal::CheckIn;

pub(crate) use clots::leg_sign;
pub(crate) use infection::{discharge_sign, fever_sign};

pub use bleeding::{CLOTS_BLEEDING, CLOTS_PADS, FAINT_NEAR, FAST_PADS, SOAKING_PADS, SOAKING_RUN_GAP, SOAKING_SPAN};
pub use clots::LEG_PAIN_MIN;
pub use infection::{FEVER_C, FEVER_REPEAT_WINDOW};
pub use mood::{MOOD_LOW_MAX, MOOD_LOW_MIN_DAYS, MOOD_WINDOW_DAYS};
pub use pain::{PAIN_SEVERE_MIN, PAIN_WORSE_READINGS, PAIN_WORSE_SPAN, PAIN_WORSE_WINDOW};

/// How long a sign seen at one check-in keeps its alert open with no newer sign: 48 hours.
pub const HOLD: Duration = Duration::hours(48);

/// A red flag that holds now, with what showed it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub rule: RuleId,
    /// Guids of the check-ins that showed it, oldest first.
    pub because: Vec<String>,
    /// The plain "why", with the values that were logged.
    pub message: String,
    /// How bad, where the rule measures it (higher is worse): for `mood-low-long`, the number of very low days.
    /// An acknowledged `contact` alert comes back when this rises above its level when acknowledged.
    pub level: Option<f64>,
}

/// What a rule's check gives: the check-ins that showed it and the message.
pub(crate) type Evidence<'a> = Option<(Vec<&'a CheckIn>, String)>;

/// A red flag: its id, how urgent, where the guidance comes from, a short title and the check.
pub struct Rule {
    pub id: RuleId,
    pub severity: Severity,
    /// Source ids from the guidance (empty where it cites standard practice).
    pub sources: &'static [&'static str],
    /// A few plain words for lists ("A high temperature").
    pub title: &'static str,
    check: for<'a> fn(&View<'a>) -> Evidence<'a>,
    /// How bad a finding is, from its evidence, for rules that measure it (see [`Finding::level`]).
    level: Option<fn(&[&CheckIn]) -> f64>,
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rule").field("id", &self.id).field("severity", &self.severity).finish_non_exhaustive()
    }
}

impl Rule {
    /// Whether the rule holds for `view`, and why.
    pub(crate) fn check(&self, view: &View<'_>) -> Option<Finding> {
        let (mut because, message) = (self.check)(view)?;
        because.sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.guid.cmp(&b.guid)));
        because.dedup_by(|a, b| a.guid == b.guid);
        let level = self.level.map(|level| level(&because));
        Some(Finding { rule: self.id, because: because.into_iter().map(|c| c.guid.clone()).collect(), message, level })
    }
}

use RuleId::*;
use Severity::*;

/// Every red flag, in the guidance's order.
pub static ALL: &[Rule] = &[
    Rule {
        id: BleedingSoaking,
        severity: Urgent,
        sources: &["acog-pb200", "tommys-miscarriage"],
        title: "Heavy bleeding for two hours",
        check: bleeding::soaking,
        level: None,
    },
    Rule {
        id: BleedingSoakingClots,
        severity: Emergency,
        sources: &["tommys-miscarriage", "hse-recovery"],
        title: "Very heavy bleeding",
        check: bleeding::soaking_clots,
        level: None,
    },
    Rule {
        id: BleedingFaint,
        severity: Emergency,
        sources: &["tommys-miscarriage"],
        title: "Heavy bleeding and feeling faint",
        check: bleeding::faint,
        level: None,
    },
    Rule {
        id: Fever,
        severity: Urgent,
        sources: &["hse-recovery", "nichd-symptoms"],
        title: "A high temperature",
        check: infection::fever,
        level: None,
    },
    Rule {
        id: FeverRepeated,
        severity: Urgent,
        sources: &["nichd-symptoms"],
        title: "A high temperature more than once",
        check: infection::fever_repeated,
        level: None,
    },
    Rule {
        id: DischargeFoul,
        severity: Urgent,
        sources: &["hse-recovery", "nichd-symptoms"],
        title: "Discharge that may mean infection",
        check: infection::discharge_foul,
        level: None,
    },
    Rule {
        id: PainSevere,
        severity: Urgent,
        sources: &["nichd-symptoms"],
        title: "Severe or worsening pain",
        check: pain::severe,
        level: None,
    },
    Rule {
        id: EctopicSigns,
        severity: Emergency,
        sources: &["tommys-miscarriage", "nhs-ectopic"],
        title: "Pain on one side with shoulder pain or fainting",
        check: pain::ectopic,
        level: None,
    },
    Rule {
        id: ClotLeg,
        severity: Urgent,
        sources: &["rcog-vte"],
        title: "Signs of a clot in the leg",
        check: clots::leg,
        level: None,
    },
    Rule {
        id: ClotLung,
        severity: Emergency,
        sources: &["rcog-vte"],
        title: "Chest pain or breathlessness",
        check: clots::lung,
        level: None,
    },
    Rule {
        id: MoodCrisis,
        severity: Emergency,
        sources: &[],
        title: "Thoughts of harming yourself",
        check: mood::crisis,
        level: None,
    },
    Rule {
        id: MoodLowLong,
        severity: Contact,
        sources: &[],
        title: "Two very hard weeks",
        check: mood::low_long,
        level: Some(mood::low_days),
    },
];

/// The rule with this id.
pub fn rule(id: RuleId) -> &'static Rule {
    ALL.iter().find(|r| r.id == id).expect("every rule id has a rule")
}

/// Every rule that holds for `view`, in the guidance's order.
pub(crate) fn findings(view: &View<'_>) -> Vec<Finding> {
    ALL.iter().filter_map(|rule| rule.check(view)).collect()
}
