//! The care engine's choices as stable text codes. Rule, marker and gate ids are spelled exactly as in
//! shared/clinical/guidance.md (`bleeding-soaking`), so an app, an export and the guidance all agree.

use crate::codes;

codes! {
    /// A red flag from the guidance's "Red flags" table.
    pub enum RuleId {
        BleedingSoaking = "bleeding-soaking",
        BleedingSoakingHour = "bleeding-soaking-hour",
        BleedingSoakingClots = "bleeding-soaking-clots",
        BleedingFaint = "bleeding-faint",
        Fainted = "fainted",
        DizzyBleeding = "dizzy-bleeding",
        Fever = "fever",
        FeverRepeated = "fever-repeated",
        SepsisSigns = "sepsis-signs",
        UnwellAfterMisoprostol = "unwell-after-misoprostol",
        Vomiting = "vomiting",
        DischargeFoul = "discharge-foul",
        PainSevere = "pain-severe",
        EctopicSigns = "ectopic-signs",
        ClotLeg = "clot-leg",
        ClotLung = "clot-lung",
        PostnatalPreeclampsia = "postnatal-preeclampsia",
        PostpartumPsychosis = "postpartum-psychosis",
        Mastitis = "mastitis",
        Wound = "wound",
        MoodCrisis = "mood-crisis",
        MoodLowLong = "mood-low-long",
        MoodScreen = "mood-screen",
    }
}

codes! {
    /// How soon to act. Emergency: call the local emergency number now. Urgent: get seen now — the unit's
    /// 24-hour number, urgent advice or an emergency department. Contact: a GP, midwife or the unit within
    /// days. Info: a card, not an alert. Declared most urgent first, so sorting puts emergencies first.
    pub enum Severity { Emergency = "emergency", Urgent = "urgent", Contact = "contact", Info = "info" }
}

codes! {
    /// An expected-by marker from the guidance ("contact if not by").
    pub enum MarkerId {
        BleedingDuration = "bleeding-duration",
        BleedingReturns = "bleeding-returns",
        TestNegative = "test-negative",
        MisoNoBleeding = "miso-no-bleeding",
        ExpectantNotStarted = "expectant-not-started",
        HcgNormal = "hcg-normal",
        HcgFollowUp = "hcg-follow-up",
        FirstPeriod = "first-period",
        AntiD = "anti-d",
    }
}

codes! {
    /// Where a marker stands: not yet known, happened, or past its "contact if not by" point.
    pub enum MarkerState { Pending = "pending", Met = "met", Overdue = "overdue" }
}

codes! {
    /// A readiness gate from the guidance: when gentle things are safe again.
    pub enum GateId {
        MassageGeneral = "massage-general",
        MassageAbdominal = "massage-abdominal",
        MassageDeepLeg = "massage-deep-leg",
        BathsSwimmingTamponsSex = "baths-swimming-tampons-sex",
        ExerciseGentle = "exercise-gentle",
        TryingAgain = "trying-again",
    }
}

codes! {
    /// A gate's state: open, open with limits, not yet (something still holds it back), or closed for a known
    /// stretch of time.
    /// `ready_with_limits`: open, with a `limits` sentence saying what is not yet (gentle exercise while
    /// unresolved: walking only; baths, swimming and tampons while sex still waits).
    pub enum GateState {
        Ready = "ready", ReadyWithLimits = "ready_with_limits", NotYet = "not_yet",
        NotInThisWindow = "not_in_this_window",
    }
}
