//! The journal's records: the person's profile, their losses, check-ins and events, as the core hands them
//! out and as the JSON export writes them (field names are part of the documented export format).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::codes::*;
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
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Loss {
    /// The trimester the loss happened in.
    pub fn trimester(&self) -> Trimester {
        Trimester::from_weeks(self.weeks)
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
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub dizzy: bool,
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
#[serde(tag = "kind", rename_all = "snake_case")]
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
