//! The red flags: one per id in the guidance's "Red flags" table (version 2), each a small pure function over
//! the journal [`View`] with its sources, a plain title and the severities it can give. [`ALL`] is the table as
//! data, so tests (and apps) can check every id in the guidance is here with the same severity and sources.
//!
//! Every rule decides whether its condition holds *now*, and how bad it is: many rules have two or three levels
//! (`pain-severe`: Emergency, Urgent or Contact), and some an Info level that is a card, never an alert.
//! Single-reading signs hold for [`HOLD`] after the check-in that showed them; signs that combine do so when
//! logged no more than the rule's window apart (absolute instants: travel and clock changes move nothing), the
//! newer within [`HOLD`]; bleeding rules look at the current bleeding episode.

mod bleeding;
pub mod closing;
mod clots;
mod faint;
mod infection;
pub mod later;
mod mood;
mod pain;
pub mod screen;
mod signs;

use chrono::Duration;
use serde::Serialize;

use super::codes::{RuleId, Severity};
use super::view::View;
use crate::journal::CheckIn;

pub(crate) use clots::leg_sign;
pub(crate) use infection::{discharge_sign, fever_sign, sepsis_sign};

pub use bleeding::{
    CLOTS_BLEEDING, CLOTS_PADS, FAST_PADS, FAST_READINGS_APART, HOUR_PADS, SOAKING_HOURS, SOAKING_PADS,
    SOAKING_RUN_GAP, SOAKING_SPAN,
};
pub use clots::{LEG_PAIN_EARLY, LEG_PAIN_INFO, LEG_PAIN_LATER, LEG_PAIN_REPEAT_APART, LEG_PAIN_WINDOW};
pub use faint::{
    DIZZY_AGAIN_APART, FAINT_EARLY_DAYS, FAINT_HEAVY_WINDOW, FAINT_LATE_DAYS, FAINT_SIGNS_WINDOW, VERY_DIZZY_WINDOW,
};
pub use infection::{
    FEVER_C, FEVER_READINGS, FEVER_READINGS_APART, FEVER_REPEAT_WINDOW, LOW_TEMPERATURE_C, MISOPROSTOL_SIDE_EFFECTS,
    MISOPROSTOL_UNWELL_UNTIL, VOMIT_AFTER_DOSE,
};
pub use mood::{MOOD_LOW_MAX, MOOD_LOW_MIN_DAYS, MOOD_WINDOW_DAYS};
pub use pain::{
    ECTOPIC_PAIR_WINDOW, ECTOPIC_SEVERE_SIDE, KEYHOLE_WINDOW, PAIN_NOT_EASED_AFTER, PAIN_RISE, PAIN_RISE_NOW,
    PAIN_SEVERE_MIN, PAIN_WORSE_FROM, PAIN_WORSE_READINGS, PAIN_WORSE_SPAN, PAIN_WORSE_WINDOW, SHOULDER_INFO_MAX,
    UNRESOLVED_SIDE_MIN,
};

/// How long a sign seen at one check-in keeps its rule holding with no newer sign: 48 hours. (Its alert stays open
/// longer: until a check-in shows the sign has gone, [`closing`].)
pub const HOLD: Duration = Duration::hours(48);

/// A red flag that holds now, with what showed it and how bad it is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub rule: RuleId,
    /// How bad, for this finding (a rule can give several levels; Info is a card, not an alert).
    pub severity: Severity,
    /// Guids of the check-ins that showed it, oldest first.
    pub because: Vec<String>,
    /// The plain "why", with the values that were logged.
    pub message: String,
    /// How bad, where the rule measures it (higher is worse): for `mood-low-long`, the number of very low days.
    /// An acknowledged `contact` alert comes back when this rises above its level when acknowledged.
    pub level: Option<f64>,
    /// When the newest check-in that showed it was made: an alert "seen by a clinician" re-opens only for
    /// evidence after that.
    pub latest_at: chrono::DateTime<chrono::Utc>,
}

/// What a rule's check gives: the check-ins that showed it, the message and the severity.
pub(crate) struct Hit<'a> {
    pub evidence: Vec<&'a CheckIn>,
    pub message: String,
    pub severity: Severity,
}

/// A rule's answer: `None` when it does not hold.
pub(crate) type Evidence<'a> = Option<Hit<'a>>;

/// A hit, when there is evidence.
pub(crate) fn hit<'a>(evidence: Vec<&'a CheckIn>, message: String, severity: Severity) -> Evidence<'a> {
    (!evidence.is_empty()).then_some(Hit { evidence, message, severity })
}

/// A red flag: its id, how urgent at most (and every level it can give), where the guidance comes from, a
/// short title and the check.
pub struct Rule {
    pub id: RuleId,
    /// The most urgent level the rule gives (the guidance table's first severity).
    pub severity: Severity,
    /// Every level the rule can give an alert at, most urgent first, as in the guidance table (Info, a card,
    /// is not listed there).
    pub levels: &'static [Severity],
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
        let Hit { evidence: mut because, message, severity } = (self.check)(view)?;
        because.sort_unstable_by(|a, b| a.at.cmp(&b.at).then_with(|| a.guid.cmp(&b.guid)));
        because.dedup_by(|a, b| a.guid == b.guid);
        let level = self.level.map(|level| level(&because));
        let latest_at = because.iter().map(|c| c.at).max().unwrap_or(view.now);
        Some(Finding {
            rule: self.id,
            severity,
            latest_at,
            because: because.into_iter().map(|c| c.guid.clone()).collect(),
            message,
            level,
        })
    }
}

use RuleId::*;
use Severity::*;

/// Every red flag, in the guidance's order.
pub static ALL: &[Rule] = &[
    Rule {
        id: BleedingSoaking,
        severity: Urgent,
        levels: &[Urgent],
        sources: &["tommys-miscarriage", "nz-miscarriage-matters", "acog-pb200"],
        title: "Soaking pads for two hours",
        check: bleeding::soaking,
        level: None,
    },
    Rule {
        id: BleedingSoakingHour,
        severity: Urgent,
        levels: &[Urgent],
        sources: &["au-pbb", "tommys-miscarriage"],
        title: "Soaking two pads in an hour",
        check: bleeding::soaking_hour,
        level: None,
    },
    Rule {
        id: BleedingSoakingClots,
        severity: Emergency,
        levels: &[Emergency],
        sources: &["tommys-miscarriage", "cork-cumh", "hse-recovery"],
        title: "Very heavy bleeding",
        check: bleeding::soaking_clots,
        level: None,
    },
    Rule {
        id: BleedingFaint,
        severity: Emergency,
        levels: &[Emergency, Urgent],
        sources: &["tommys-miscarriage"],
        title: "Heavy bleeding and feeling faint",
        check: faint::bleeding_faint,
        level: None,
    },
    Rule {
        id: Fainted,
        severity: Emergency,
        levels: &[Emergency, Urgent],
        sources: &["tommys-miscarriage", "nhs-fainting"],
        title: "Fainting",
        check: faint::fainted,
        level: None,
    },
    Rule {
        id: DizzyBleeding,
        severity: Urgent,
        levels: &[Urgent],
        sources: &["nz-miscarriage-matters", "cork-cumh"],
        title: "Feeling dizzy or light-headed",
        check: faint::dizzy_bleeding,
        level: None,
    },
    Rule {
        id: Fever,
        severity: Urgent,
        levels: &[Urgent],
        sources: &["hse-recovery", "nichd-symptoms", "au-pbb", "misoprostol-label"],
        title: "A high temperature or chills",
        check: infection::fever,
        level: None,
    },
    Rule {
        id: FeverRepeated,
        severity: Emergency,
        levels: &[Emergency],
        sources: &["nichd-symptoms", "misoprostol-label"],
        title: "A high temperature that keeps coming back",
        check: infection::fever_repeated,
        level: None,
    },
    Rule {
        id: SepsisSigns,
        severity: Emergency,
        levels: &[Emergency],
        sources: &["uk-sepsis-trust"],
        title: "Signs of a serious infection",
        check: infection::sepsis,
        level: None,
    },
    Rule {
        id: UnwellAfterMisoprostol,
        severity: Urgent,
        levels: &[Urgent],
        sources: &["misoprostol-label"],
        title: "Feeling unwell after misoprostol",
        check: infection::unwell_after_misoprostol,
        level: None,
    },
    Rule {
        id: Vomiting,
        severity: Urgent,
        levels: &[Urgent, Contact],
        sources: &["nz-miscarriage-matters", "nichd-symptoms"],
        title: "Being sick",
        check: infection::vomiting,
        level: None,
    },
    Rule {
        id: DischargeFoul,
        severity: Urgent,
        levels: &[Urgent],
        sources: &["hse-recovery", "nichd-symptoms", "cork-cumh"],
        title: "Discharge that may mean infection",
        check: infection::discharge_foul,
        level: None,
    },
    Rule {
        id: PainSevere,
        severity: Emergency,
        levels: &[Emergency, Urgent, Contact],
        sources: &["nichd-symptoms", "tommys-miscarriage", "nice-ng126"],
        title: "Severe or worsening pain",
        check: pain::severe,
        level: None,
    },
    Rule {
        id: EctopicSigns,
        severity: Emergency,
        levels: &[Urgent, Emergency],
        sources: &["nhs-ectopic", "ept-symptoms", "tommys-miscarriage", "laparoscopy-shoulder"],
        title: "Signs of an ectopic pregnancy",
        check: pain::ectopic,
        level: None,
    },
    Rule {
        id: ClotLeg,
        severity: Urgent,
        levels: &[Urgent],
        sources: &["nhs-dvt", "rcog-vte", "sultan-2013"],
        title: "Signs of a clot in the leg or arm",
        check: clots::leg,
        level: None,
    },
    Rule {
        id: ClotLung,
        severity: Emergency,
        levels: &[Emergency],
        sources: &["nhs-dvt", "rcog-vte"],
        title: "Chest pain or breathlessness",
        check: clots::lung,
        level: None,
    },
    Rule {
        id: PostnatalPreeclampsia,
        severity: Urgent,
        levels: &[Urgent],
        sources: &["nhs-preeclampsia"],
        title: "Signs of pre-eclampsia after birth",
        check: later::preeclampsia,
        level: None,
    },
    Rule {
        id: PostpartumPsychosis,
        severity: Emergency,
        levels: &[Emergency],
        sources: &["app-psychosis"],
        title: "Signs of postpartum psychosis",
        check: later::psychosis,
        level: None,
    },
    Rule {
        id: Mastitis,
        severity: Urgent,
        levels: &[Urgent],
        sources: &["nhs-mastitis"],
        title: "A hot, painful area on a breast",
        check: later::mastitis,
        level: None,
    },
    Rule {
        id: Wound,
        severity: Urgent,
        levels: &[Urgent],
        sources: &["nhs-wound"],
        title: "A wound that may be infected",
        check: later::wound,
        level: None,
    },
    Rule {
        id: MoodCrisis,
        severity: Emergency,
        levels: &[Emergency],
        sources: &[],
        title: "Thoughts of harming yourself",
        check: mood::crisis,
        level: None,
    },
    Rule {
        id: MoodLowLong,
        severity: Contact,
        levels: &[Contact],
        sources: &["whooley"],
        title: "Two very hard weeks",
        check: mood::low_long,
        level: Some(mood::low_days),
    },
    Rule {
        id: MoodScreen,
        severity: Contact,
        levels: &[Contact],
        sources: &["whooley", "pc-ptsd", "farren-ptsd"],
        title: "How you've been coping",
        check: screen::screen,
        level: None,
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

/// Whether a finding is physical (not a mood rule) and Urgent or Emergency: only these close readiness gates.
pub fn closes_gates(finding: &Finding) -> bool {
    !matches!(finding.rule, MoodCrisis | MoodLowLong | MoodScreen) && matches!(finding.severity, Emergency | Urgent)
}
