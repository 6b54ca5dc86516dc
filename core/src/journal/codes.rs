//! The journal's choices, each a stable text code (see the data model in shared/design/ARCHITECTURE.md).

use crate::codes;

codes! {
    /// What kind of loss it was, in the words the person chose.
    pub enum LossKind {
        EarlyLoss = "early_loss", Miscarriage = "miscarriage", Missed = "missed",
        Ectopic = "ectopic", Molar = "molar", LaterLoss = "later_loss",
        /// "We never had a scan that showed it in the womb": a pregnancy of unknown location (unresolved until
        /// hCG is back to normal or follow-up ends).
        UnknownLocation = "unknown_location",
    }
}

codes! {
    /// How the loss was managed.
    pub enum Management { Expectant = "expectant", Medical = "medical", Surgical = "surgical" }
}

codes! {
    /// The trimester the loss happened in, derived from the weeks.
    pub enum Trimester { First = "first", Second = "second", Third = "third" }
}

codes! {
    /// How much bleeding, from none to very heavy. Spotting counts as bleeding.
    pub enum Bleeding {
        None = "none", Spotting = "spotting", Light = "light", Medium = "medium", Heavy = "heavy",
        VeryHeavy = "very_heavy",
    }
}

codes! {
    /// Clots passed.
    pub enum Clots { None = "none", Small = "small", Large = "large" }
}

codes! {
    /// Vaginal discharge.
    pub enum Discharge { Normal = "normal", Unusual = "unusual", Foul = "foul" }
}

codes! {
    /// Where pain is felt.
    pub enum PainPlace {
        Cramps = "cramps", Back = "back", OneSided = "one_sided", ShoulderTip = "shoulder_tip",
        Breast = "breast", Head = "head", LegLeft = "leg_left", LegRight = "leg_right",
        Pelvis = "pelvis", Chest = "chest", SideLeft = "side_left", SideRight = "side_right",
    }
}

codes! {
    /// Dizziness or light-headedness: `brief` passed within a minute of sitting or lying down; `lasting` did not
    /// pass ("very dizzy", "feeling faint").
    pub enum Dizziness { None = "none", Brief = "brief", Lasting = "lasting" }
}

codes! {
    /// Which medicine a medication event records, where the care rules need to know.
    pub enum Medicine { Misoprostol = "misoprostol", Methotrexate = "methotrexate", Other = "other" }
}

codes! {
    /// How a medicine was taken.
    pub enum Route { ByMouth = "by_mouth", Other = "other" }
}

codes! {
    /// Why follow-up of an unresolved pregnancy ended.
    pub enum FollowUpEnd { HcgNormal = "hcg_normal", Discharged = "discharged" }
}

codes! {
    /// The person's RhD blood group status, as they know it (guidance version 2, `anti-d`).
    pub enum RhD { Negative = "negative", Positive = "positive", Unknown = "unknown" }
}

codes! {
    /// Who logged a check-in on the person's device: the person, or their partner (who may log signs of
    /// postpartum psychosis the person can't see in themselves).
    pub enum LoggedBy { Person = "person", Partner = "partner" }
}

codes! {
    /// Feelings a person may name at a check-in; any mix is valid.
    pub enum Feeling {
        Grief = "grief", Sadness = "sadness", Anger = "anger", Guilt = "guilt", Numbness = "numbness",
        Anxiety = "anxiety", Relief = "relief", Hope = "hope", Loneliness = "loneliness", Calm = "calm",
    }
}

codes! {
    /// A home pregnancy test's result.
    pub enum TestResult { Positive = "positive", Faint = "faint", Negative = "negative" }
}

codes! {
    /// Activities a clinician can give the go-ahead for.
    pub enum Activity {
        Massage = "massage", AbdominalMassage = "abdominal_massage", DeepLegMassage = "deep_leg_massage",
        Baths = "baths", Swimming = "swimming", Tampons = "tampons", Sex = "sex", Exercise = "exercise",
        /// Trying for another pregnancy: after a molar pregnancy, the specialist centre's go-ahead.
        TryingAgain = "trying_again",
    }
}

codes! {
    /// A care session's kind.
    pub enum SessionKind {
        Massage = "massage", Counselling = "counselling", Physiotherapy = "physiotherapy", Other = "other",
    }
}

codes! {
    /// Where a massage focused.
    pub enum FocusArea {
        Back = "back", Neck = "neck", Shoulders = "shoulders", Abdomen = "abdomen", Legs = "legs",
        Feet = "feet", Hands = "hands", Head = "head", WholeBody = "whole_body",
    }
}

codes! {
    /// Massage pressure.
    pub enum Pressure { Light = "light", Medium = "medium", Firm = "firm" }
}

codes! {
    /// The kinds of journal event.
    pub enum EventKind {
        Test = "test", PeriodStart = "period_start", PeriodEnd = "period_end", Medication = "medication",
        Appointment = "appointment", GoAhead = "go_ahead", Session = "session", Memorial = "memorial",
        FollowUpEnded = "follow_up_ended", Surgery = "surgery",
    }
}

impl Trimester {
    /// The trimester for completed weeks of pregnancy at the loss (first: up to 13 weeks; second: 14-27).
    pub fn from_weeks(weeks: u8) -> Trimester {
        match weeks {
            0..=13 => Trimester::First,
            14..=27 => Trimester::Second,
            _ => Trimester::Third,
        }
    }
}

impl Bleeding {
    /// Whether this counts as bleeding (spotting does).
    pub fn is_bleeding(self) -> bool {
        self != Bleeding::None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trimester_boundaries() {
        assert_eq!(Trimester::from_weeks(13), Trimester::First);
        assert_eq!(Trimester::from_weeks(14), Trimester::Second);
        assert_eq!(Trimester::from_weeks(27), Trimester::Second);
        assert_eq!(Trimester::from_weeks(28), Trimester::Third);
    }

    #[test]
    fn spotting_counts_as_bleeding() {
        assert!(Bleeding::Spotting.is_bleeding());
        assert!(!Bleeding::None.is_bleeding());
    }
}
