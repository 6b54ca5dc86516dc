//! The journal's records: the person's profile, their losses, check-ins and events, as the core hands them
//! out and as the JSON export writes them (field names are part of the documented export format).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::codes::*;
use super::numbers::{NumberInput, OwnNumber};
use crate::zone::Zone;

/// Settings that belong to the person rather than to one loss.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Profile {
    pub guid: String,
    /// ISO 3166 country code (`IE`, `GB`, `US`…), used for emergency numbers and thresholds.
    pub region: Option<String>,
    /// The IANA zone the person lives in; a check-in may carry another (travel).
    pub time_zone: String,
    /// When on (the default) notifications never name a medication, a symptom or the loss.
    pub discreet_notifications: bool,
    /// The early-pregnancy or maternity unit's 24-hour number: offered first when something needs care now.
    /// Absent in older exports.
    #[serde(default)]
    pub unit_number: Option<OwnNumber>,
    /// The person's own emergency number: offered after 112 where the guidance has no row for the region.
    #[serde(default)]
    pub own_emergency_number: Option<OwnNumber>,
    /// The person's own crisis contact: offered for thoughts of self-harm where the guidance has no row for
    /// the region.
    #[serde(default)]
    pub own_crisis_number: Option<OwnNumber>,
    /// Whether Mend offers the mood screens (the two Whooley questions and the PC-PTSD-5) at about 4 weeks and
    /// 3 months after the loss: `None` not asked yet (never offered), asked once at set-up and changeable.
    /// Absent in older exports.
    #[serde(default)]
    pub mood_screens: Option<bool>,
    /// The person's RhD status, if they said (asked at set-up: Mend says once to ask the unit about anti-D when
    /// it is negative or not known). Absent in older exports.
    #[serde(default)]
    pub rhd: Option<RhD>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Profile {
    /// The zone the person lives in; UTC if this device's time-zone database does not know the name.
    pub fn zone(&self) -> Zone {
        Zone::named_or_utc(&self.time_zone)
    }
}

/// What `set_profile` takes.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ProfileInput {
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub region: Option<String>,
    pub time_zone: String,
    #[cfg_attr(feature = "uniffi", uniffi(default = true))]
    pub discreet_notifications: bool,
    /// The early-pregnancy or maternity unit's 24-hour number (see [`Profile::unit_number`]).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub unit_number: Option<NumberInput>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub own_emergency_number: Option<NumberInput>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub own_crisis_number: Option<NumberInput>,
    /// Whether to offer the mood screens (see [`Profile::mood_screens`]); `None` not asked yet.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub mood_screens: Option<bool>,
    /// The person's RhD status (see [`Profile::rhd`]); `None` not asked.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub rhd: Option<RhD>,
}

impl ProfileInput {
    /// The input that keeps `profile` as it is.
    pub fn of(profile: &Profile) -> ProfileInput {
        let input = |n: &Option<OwnNumber>| {
            n.as_ref().map(|n| NumberInput { label: n.label.clone(), number: n.number.clone() })
        };
        ProfileInput {
            region: profile.region.clone(),
            time_zone: profile.time_zone.clone(),
            discreet_notifications: profile.discreet_notifications,
            unit_number: input(&profile.unit_number),
            own_emergency_number: input(&profile.own_emergency_number),
            own_crisis_number: input(&profile.own_crisis_number),
            mood_screens: profile.mood_screens,
            rhd: profile.rhd,
        }
    }
}

/// A pregnancy loss. The most recent is the current one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Loss {
    pub guid: String,
    pub loss_date: NaiveDate,
    /// Completed weeks of pregnancy at the loss (1-45).
    pub weeks: u8,
    pub kind: LossKind,
    pub management: Option<Management>,
    /// Kept only because a person may want to mark that day gently; never counted down to.
    pub due_date: Option<NaiveDate>,
    /// When the pregnancy passed, the procedure, the first misoprostol dose or the ectopic diagnosis, if known,
    /// kept apart from `loss_date` (the day it was diagnosed). Without it the loss counts from 00:00 local time
    /// on `loss_date` (see [`Loss::time`]).
    #[serde(default)]
    pub loss_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Loss {
    /// The trimester the loss happened in.
    pub fn trimester(&self) -> Trimester {
        Trimester::from_weeks(self.weeks)
    }

    /// Whether this loss is of a kind that stays unresolved until hCG is back to normal or follow-up ends
    /// (shared/clinical/guidance.md, "Unresolved"): an ectopic pregnancy not managed surgically, a pregnancy of
    /// unknown location or a molar pregnancy.
    pub fn may_be_unresolved(&self) -> bool {
        matches!(
            (self.kind, self.management),
            (LossKind::UnknownLocation | LossKind::Molar, _)
                | (LossKind::Ectopic, None | Some(Management::Expectant | Management::Medical))
        )
    }

    /// The loss time the care rules count from: `loss_at` when recorded, else 00:00 in `zone` on `loss_date`.
    pub fn time(&self, zone: Zone) -> DateTime<Utc> {
        use chrono::TimeZone;
        let midnight = self.loss_date.and_time(chrono::NaiveTime::MIN);
        self.loss_at.unwrap_or_else(|| match zone.from_local_datetime(&midnight).earliest() {
            Some(local) => local.with_timezone(&Utc),
            // A midnight skipped by a clock change: the first instant of the day is an hour later at most.
            None => (midnight + chrono::Duration::hours(1)).and_utc(),
        })
    }
}

/// What recording or editing a loss takes.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct NewLoss {
    pub loss_date: NaiveDate,
    pub weeks: u8,
    pub kind: LossKind,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub management: Option<Management>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub due_date: Option<NaiveDate>,
    /// When the pregnancy passed (see [`Loss::loss_at`]).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub loss_at: Option<DateTime<Utc>>,
}

/// Pain by place, each 0-10 when recorded.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(default)]
pub struct PainScores {
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub cramps: Option<u8>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub back: Option<u8>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub one_sided: Option<u8>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub shoulder_tip: Option<u8>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub breast: Option<u8>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub head: Option<u8>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub leg_left: Option<u8>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub leg_right: Option<u8>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub pelvis: Option<u8>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub chest: Option<u8>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub side_left: Option<u8>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub side_right: Option<u8>,
}

impl PainScores {
    /// The score recorded for `place`.
    pub fn get(&self, place: PainPlace) -> Option<u8> {
        *self.slot(place)
    }

    /// Records `score` for `place`.
    pub fn set(&mut self, place: PainPlace, score: Option<u8>) {
        *self.slot_mut(place) = score;
    }

    /// Every recorded (place, score), in the order of [`PainPlace::ALL`].
    pub fn entries(&self) -> Vec<(PainPlace, u8)> {
        PainPlace::ALL.iter().filter_map(|p| self.get(*p).map(|s| (*p, s))).collect()
    }

    /// The highest score recorded anywhere, if any.
    pub fn worst(&self) -> Option<u8> {
        self.entries().into_iter().map(|(_, s)| s).max()
    }

    fn slot(&self, place: PainPlace) -> &Option<u8> {
        match place {
            PainPlace::Cramps => &self.cramps,
            PainPlace::Back => &self.back,
            PainPlace::OneSided => &self.one_sided,
            PainPlace::ShoulderTip => &self.shoulder_tip,
            PainPlace::Breast => &self.breast,
            PainPlace::Head => &self.head,
            PainPlace::LegLeft => &self.leg_left,
            PainPlace::LegRight => &self.leg_right,
            PainPlace::Pelvis => &self.pelvis,
            PainPlace::Chest => &self.chest,
            PainPlace::SideLeft => &self.side_left,
            PainPlace::SideRight => &self.side_right,
        }
    }

    fn slot_mut(&mut self, place: PainPlace) -> &mut Option<u8> {
        match place {
            PainPlace::Cramps => &mut self.cramps,
            PainPlace::Back => &mut self.back,
            PainPlace::OneSided => &mut self.one_sided,
            PainPlace::ShoulderTip => &mut self.shoulder_tip,
            PainPlace::Breast => &mut self.breast,
            PainPlace::Head => &mut self.head,
            PainPlace::LegLeft => &mut self.leg_left,
            PainPlace::LegRight => &mut self.leg_right,
            PainPlace::Pelvis => &mut self.pelvis,
            PainPlace::Chest => &mut self.chest,
            PainPlace::SideLeft => &mut self.side_left,
            PainPlace::SideRight => &mut self.side_right,
        }
    }
}

/// Signs in one leg that can point to a clot.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(default)]
pub struct LegSigns {
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub swelling: bool,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub warmth: bool,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub redness: bool,
}

impl LegSigns {
    /// Whether any sign was noted.
    pub fn any(&self) -> bool {
        self.swelling || self.warmth || self.redness
    }
}

/// What a person logs at a check-in. Everything is optional: a check-in can be a single tap.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(default)]
pub struct CheckInData {
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub bleeding: Option<Bleeding>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub pads_per_hour: Option<f64>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub clots: Option<Clots>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub pain: PainScores,
    /// Degrees Celsius (Fahrenheit input is converted on the way in).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub temperature_c: Option<f64>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub chills: bool,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub flu_like: bool,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub discharge: Option<Discharge>,
    /// Dizziness or light-headedness. Older files' `dizzy: true` reads as `lasting`.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[serde(alias = "dizzy", deserialize_with = "dizziness_compat")]
    pub dizziness: Option<Dizziness>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub fainted: bool,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub leg_left: LegSigns,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub leg_right: LegSigns,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub chest_pain: bool,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub breathless: bool,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub coughing_blood: bool,
    /// 0 (very low) to 10 (very good).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub mood: Option<u8>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub feelings: Vec<Feeling>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub self_harm_thoughts: bool,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub sleep_hours: Option<f64>,
    /// 0 (none) to 10 (full).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub energy: Option<u8>,
    /// Free text, kept exactly as written.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub note: Option<String>,
    /// The further signs the care rules read (guidance version 2).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub signs: Signs,
    /// The sections of the check-in form ([`FORM_SECTIONS`]) the person went through: what they left unticked or
    /// empty there counts as "no" or 0, so a check-in can show that an alert's signs have gone.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub answered: Vec<String>,
    /// Who logged it on the person's device: `partner` when their partner did (guidance version 2: "a partner may
    /// log" signs of postpartum psychosis); `None` is the person. Absent in older files.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub logged_by: Option<LoggedBy>,
}

/// The ids of the check-in form's sections, which `answered` lists (the care engine's form gives their
/// questions and words).
pub const FORM_SECTIONS: [&str; 11] = [
    "bleeding",
    "pain",
    "feeling",
    "misoprostol",
    "ectopic",
    "sepsis",
    "body",
    "after-birth",
    "mind",
    "mood",
    "mood-screen",
];

/// Reads `dizziness` as a code, or an older file's `dizzy` boolean (true is `lasting`, false is not recorded).
fn dizziness_compat<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Dizziness>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Either {
        Flag(bool),
        Code(Dizziness),
    }
    Ok(match Option::<Either>::deserialize(d)? {
        Some(Either::Flag(true)) => Some(Dizziness::Lasting),
        Some(Either::Flag(false)) | None => None,
        Some(Either::Code(code)) => Some(code),
    })
}

/// Signs that the red flags of guidance version 2 read, each optional (false or not recorded by default).
/// Stored together in one column; their names are part of the export format (docs/export-format.md).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(default)]
pub struct Signs {
    /// After a faint: `Some(false)` when the person did not come round within a minute.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub came_round_within_a_minute: Option<bool>,
    /// The faint happened while lying down.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub fainted_lying_down: bool,
    /// The pain started suddenly (sudden, sharp, intense).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub pain_started_suddenly: bool,
    /// Pain that pain relief did not ease.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub pain_not_eased: bool,
    /// How long the soaking has gone on, in hours (0-72).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub soaking_hours: Option<f64>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub pain_peeing_or_pooing: bool,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub diarrhoea: bool,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub nausea: bool,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub vomiting: bool,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub unable_to_keep_fluids_down: bool,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub weakness: bool,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub very_unwell: bool,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub brown_watery_discharge: bool,
    /// A racing or irregular heartbeat (palpitations).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub heart_racing: bool,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub collapse: bool,
    /// Hard or sore veins in the left or right leg.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub veins_left: bool,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub veins_right: bool,
    /// One arm swollen, warm, red or darkened, or with hard or sore veins.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub arm: bool,
    /// Sepsis signs (uk-sepsis-trust): confusion or slurred speech.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub confusion: bool,
    /// Mottled, bluish or very pale skin (also "looking very pale").
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub pale_or_mottled: bool,
    /// No urine for 18 hours or more.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub no_urine: bool,
    /// Extreme shivering or muscle pain.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub extreme_shivering: bool,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub severe_breathlessness: bool,
    /// "It feels like I might die."
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub feel_might_die: bool,
    /// Very sleepy or hard to wake.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub very_sleepy: bool,
    /// A rash that does not fade under a glass.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub rash_not_fading: bool,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub fit: bool,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub very_fast_breathing: bool,
    /// Feeling unable to keep oneself safe.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub unable_to_keep_safe: bool,
    /// The mood screen (opt-in; guidance version 2 `mood-screen`), over the past month. Whooley: often bothered by
    /// feeling down, depressed or hopeless.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub whooley_down: bool,
    /// Whooley: often bothered by having little interest or pleasure in doing things.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub whooley_no_interest: bool,
    /// PC-PTSD-5: nightmares about it, or thinking about it when not wanting to.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub ptsd_memories: bool,
    /// PC-PTSD-5: trying hard not to think about it, or avoiding what brings it back.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub ptsd_avoiding: bool,
    /// PC-PTSD-5: constantly on guard, watchful or easily startled.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub ptsd_on_edge: bool,
    /// PC-PTSD-5: numb or detached from people, activities or surroundings.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub ptsd_numb: bool,
    /// PC-PTSD-5: guilt, or unable to stop blaming oneself or others.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub ptsd_guilt: bool,
    /// After a loss at 20 weeks or later (nhs-preeclampsia): problems with vision, such as blurring or flashing lights.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub vision_problems: bool,
    /// Pain just below the ribs.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub pain_below_ribs: bool,
    /// Sudden swelling of the face, hands or feet.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub sudden_swelling: bool,
    /// After a loss at 20 weeks or later (app-psychosis): seeing or hearing things others don't.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub hallucinations: bool,
    /// Believing things others say aren't true.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub delusions: bool,
    /// Feeling unusually high or excited, racing thoughts, hardly sleeping.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub mania: bool,
    /// Acting very out of character.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub out_of_character: bool,
    /// A red, hot, painful area on a breast (nhs-mastitis).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub breast_red_hot: bool,
    /// A wound (such as a caesarean) red or swollen (nhs-wound).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub wound_red_swollen: bool,
    /// A wound leaking pus.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub wound_pus: bool,
    /// A wound opening.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub wound_opening: bool,
    /// Passed something firm that wasn't a clot: the guidance's "tissue passes" (nice-ng126, cork-cumh: after day 14
    /// it needs a call). App text never says "tissue" (shared/design/VOICE.md).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub passed_not_a_clot: bool,
}

impl Signs {
    /// Every sign as (export name, on) for the yes/no signs, in declaration order (CSV and the CLI use it).
    pub fn flags(&self) -> [(&'static str, bool); 46] {
        [
            ("fainted_lying_down", self.fainted_lying_down),
            ("pain_started_suddenly", self.pain_started_suddenly),
            ("pain_not_eased", self.pain_not_eased),
            ("pain_peeing_or_pooing", self.pain_peeing_or_pooing),
            ("diarrhoea", self.diarrhoea),
            ("nausea", self.nausea),
            ("vomiting", self.vomiting),
            ("unable_to_keep_fluids_down", self.unable_to_keep_fluids_down),
            ("weakness", self.weakness),
            ("very_unwell", self.very_unwell),
            ("brown_watery_discharge", self.brown_watery_discharge),
            ("heart_racing", self.heart_racing),
            ("collapse", self.collapse),
            ("veins_left", self.veins_left),
            ("veins_right", self.veins_right),
            ("arm", self.arm),
            ("confusion", self.confusion),
            ("pale_or_mottled", self.pale_or_mottled),
            ("no_urine", self.no_urine),
            ("extreme_shivering", self.extreme_shivering),
            ("severe_breathlessness", self.severe_breathlessness),
            ("feel_might_die", self.feel_might_die),
            ("very_sleepy", self.very_sleepy),
            ("rash_not_fading", self.rash_not_fading),
            ("fit", self.fit),
            ("very_fast_breathing", self.very_fast_breathing),
            ("unable_to_keep_safe", self.unable_to_keep_safe),
            ("whooley_down", self.whooley_down),
            ("whooley_no_interest", self.whooley_no_interest),
            ("ptsd_memories", self.ptsd_memories),
            ("ptsd_avoiding", self.ptsd_avoiding),
            ("ptsd_on_edge", self.ptsd_on_edge),
            ("ptsd_numb", self.ptsd_numb),
            ("ptsd_guilt", self.ptsd_guilt),
            ("vision_problems", self.vision_problems),
            ("pain_below_ribs", self.pain_below_ribs),
            ("sudden_swelling", self.sudden_swelling),
            ("hallucinations", self.hallucinations),
            ("delusions", self.delusions),
            ("mania", self.mania),
            ("out_of_character", self.out_of_character),
            ("breast_red_hot", self.breast_red_hot),
            ("wound_red_swollen", self.wound_red_swollen),
            ("wound_pus", self.wound_pus),
            ("wound_opening", self.wound_opening),
            ("passed_not_a_clot", self.passed_not_a_clot),
        ]
    }

    /// Turns on the yes/no sign with this export name (`-` accepted for `_`); false if there is no such sign.
    pub fn set_flag(&mut self, name: &str) -> bool {
        let name = name.trim().to_ascii_lowercase().replace('-', "_");
        if !self.flags().iter().any(|(n, _)| *n == name) {
            return false;
        }
        let mut value = serde_json::to_value(&*self).expect("signs serialise");
        value[name.as_str()] = serde_json::Value::Bool(true);
        *self = serde_json::from_value(value).expect("a sign set to true reads back");
        true
    }

    /// How many of the five PC-PTSD-5 questions were answered yes.
    pub fn ptsd_yes(&self) -> usize {
        [self.ptsd_memories, self.ptsd_avoiding, self.ptsd_on_edge, self.ptsd_numb, self.ptsd_guilt]
            .iter()
            .filter(|on| **on)
            .count()
    }

    /// Any sepsis sign of uk-sepsis-trust that is a yes/no (the low temperature is read with the reading).
    pub fn sepsis(&self) -> bool {
        self.confusion
            || self.pale_or_mottled
            || self.no_urine
            || self.extreme_shivering
            || self.severe_breathlessness
            || self.feel_might_die
            || self.very_sleepy
            || self.rash_not_fading
            || self.fit
            || self.very_fast_breathing
    }
}

/// A saved check-in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct CheckIn {
    pub guid: String,
    /// When it was made (UTC).
    pub at: DateTime<Utc>,
    /// The IANA zone the person was in.
    pub time_zone: String,
    /// The local calendar date there.
    pub day: NaiveDate,
    #[serde(flatten)]
    pub data: CheckInData,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// What adding or editing a check-in takes. `at` defaults to now, `time_zone` to the profile's zone.
#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct NewCheckIn {
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub at: Option<DateTime<Utc>>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub time_zone: Option<String>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub data: CheckInData,
}

/// What happened, with the details each kind of event has.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
// Read in one pass through a flat struct (`details_wire.rs`); written internally tagged by the derive.
#[serde(tag = "kind", rename_all = "snake_case", try_from = "super::details_wire::Flat")]
pub enum EventDetails {
    /// A home pregnancy test, with an hCG value (IU/L) if a blood test gave one.
    Test {
        result: TestResult,
        hcg: Option<f64>,
    },
    PeriodStart,
    PeriodEnd,
    Medication {
        name: String,
        dose: Option<String>,
        /// Which medicine, where the care rules need to know (misoprostol, methotrexate).
        #[serde(default)]
        medicine: Option<Medicine>,
        /// How it was taken (misoprostol by mouth can need a repeat dose after vomiting).
        #[serde(default)]
        route: Option<Route>,
    },
    Appointment {
        with_whom: Option<String>,
    },
    /// A clinician said this activity is fine again.
    GoAhead {
        activity: Activity,
    },
    /// A massage, counselling or physiotherapy session.
    Session {
        session: SessionKind,
        #[serde(default)]
        focus: Vec<FocusArea>,
        pressure: Option<Pressure>,
        pain_before: Option<u8>,
        pain_after: Option<u8>,
        therapist: Option<String>,
    },
    /// A memorial the person made: a name they chose and a date that matters.
    Memorial {
        name: Option<String>,
        date: Option<NaiveDate>,
    },
    /// hCG is back to the non-pregnant level, or the unit discharged the person from follow-up: an unresolved
    /// pregnancy is resolved.
    FollowUpEnded {
        reason: FollowUpEnd,
    },
    /// An operation; `keyhole` for laparoscopic (keyhole) surgery.
    Surgery {
        keyhole: bool,
    },
}

impl EventDetails {
    /// This event's kind.
    pub fn kind(&self) -> EventKind {
        match self {
            EventDetails::Test { .. } => EventKind::Test,
            EventDetails::PeriodStart => EventKind::PeriodStart,
            EventDetails::PeriodEnd => EventKind::PeriodEnd,
            EventDetails::Medication { .. } => EventKind::Medication,
            EventDetails::Appointment { .. } => EventKind::Appointment,
            EventDetails::GoAhead { .. } => EventKind::GoAhead,
            EventDetails::Session { .. } => EventKind::Session,
            EventDetails::Memorial { .. } => EventKind::Memorial,
            EventDetails::FollowUpEnded { .. } => EventKind::FollowUpEnded,
            EventDetails::Surgery { .. } => EventKind::Surgery,
        }
    }
}

/// A saved event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Event {
    pub guid: String,
    pub at: DateTime<Utc>,
    pub time_zone: String,
    pub day: NaiveDate,
    #[serde(flatten)]
    pub details: EventDetails,
    pub note: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// What adding or editing an event takes.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct NewEvent {
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub at: Option<DateTime<Utc>>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub time_zone: Option<String>,
    pub details: EventDetails,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub note: Option<String>,
}

/// One line of the journal's timeline.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(tag = "entry", rename_all = "snake_case")]
pub enum HistoryEntry {
    Checkin(CheckIn),
    Event(Event),
}

impl HistoryEntry {
    /// When it happened.
    pub fn at(&self) -> DateTime<Utc> {
        match self {
            HistoryEntry::Checkin(c) => c.at,
            HistoryEntry::Event(e) => e.at,
        }
    }
}
