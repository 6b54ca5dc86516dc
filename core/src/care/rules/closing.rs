//! What closes each red flag's alert (guidance version 2, "An alert stays open"): the inputs a later check-in
//! must record, and the signs it must not show. A check-in *records* an input when it holds a value for one of
//! the input's fields (a pain score of 0 and bleeding "none" are values), or when the person went through the
//! form section that asks it (`answered`: an unticked box there is a "no"). It shows *none of the rule's signs*
//! when [`sign`] is false for it — read literally: no bleeding at all for the bleeding rules, a pain score of 0
//! in the places the pain rules read, a temperature under 38.0 °C with no chills for fever, a mood above very
//! docs/care.md lists them. `mood-low-long` has none: it reads two weeks already, so its alert stays open
//! while most of the last 14 days are very low, and one better day does not close it.

use super::clots::leg_visible;
use super::infection::{discharge_sign, fever_sign, sepsis_sign, unwell};
use super::mood::very_low;
use super::signs::{bleeding, chest, dizzy, lower, one_side, shoulder};
use crate::care::codes::RuleId::{self, *};
use crate::journal::{CheckIn, Clots};

/// The inputs a check-in must record to close `rule`'s alert: each group is one input, recorded when any of its
/// fields (export names) is. Empty for a rule whose alert simply follows the rule (`mood-low-long`).
pub fn inputs(rule: RuleId) -> &'static [&'static [&'static str]] {
    const BLEEDING: &[&str] = &["bleeding", "pads_per_hour"];
    const FAINT: &[&str] = &["dizziness", "fainted"];
    const SEPSIS: &[&str] = &[
        "signs.confusion",
        "signs.pale_or_mottled",
        "signs.no_urine",
        "signs.extreme_shivering",
        "signs.severe_breathlessness",
        "signs.very_fast_breathing",
        "signs.very_sleepy",
        "signs.rash_not_fading",
        "signs.feel_might_die",
    ];
    match rule {
        BleedingSoaking | BleedingSoakingHour | BleedingSoakingClots => &[BLEEDING],
        BleedingFaint => &[BLEEDING, FAINT],
        Fainted => &[&["fainted"]],
        DizzyBleeding => &[&["dizziness"]],
        Fever | FeverRepeated => &[&["temperature_c"]],
        SepsisSigns => &[SEPSIS],
        UnwellAfterMisoprostol => {
            &[&["signs.nausea", "signs.vomiting", "signs.diarrhoea", "signs.weakness"], &["signs.very_unwell"]]
        }
        Vomiting => &[&["signs.vomiting", "signs.unable_to_keep_fluids_down"]],
        DischargeFoul => &[&["discharge"]],
        PainSevere => &[&["pain.cramps", "pain.side_left", "pain.side_right", "pain.one_sided", "pain.pelvis"]],
        EctopicSigns => &[&["pain.side_left", "pain.side_right", "pain.one_sided"], &["pain.shoulder_tip"]],
        ClotLeg => &[&[
            "leg_left",
            "leg_right",
            "pain.leg_left",
            "pain.leg_right",
            "signs.veins_left",
            "signs.veins_right",
            "signs.arm",
        ]],
        ClotLung => &[&["chest_pain", "breathless"]],
        PostnatalPreeclampsia => &[&[
            "pain.head",
            "signs.vision_problems",
            "signs.pain_below_ribs",
            "signs.vomiting",
            "signs.sudden_swelling",
        ]],
        PostpartumPsychosis => {
            &[&["signs.hallucinations", "signs.delusions", "signs.mania", "signs.confusion", "signs.out_of_character"]]
        }
        Mastitis => &[&["signs.breast_red_hot"]],
        Wound => &[&["signs.wound_red_swollen", "signs.wound_pus", "signs.wound_opening"]],
        MoodCrisis => &[&["self_harm_thoughts", "signs.unable_to_keep_safe"]],
        MoodLowLong => &[],
        MoodScreen => &[&[
            "signs.whooley_down",
            "signs.whooley_no_interest",
            "signs.ptsd_memories",
            "signs.ptsd_avoiding",
            "signs.ptsd_on_edge",
            "signs.ptsd_numb",
            "signs.ptsd_guilt",
        ]],
    }
}

/// Whether check-in `c` shows any of `rule`'s signs (so it cannot close its alert).
pub fn sign(rule: RuleId, c: &CheckIn) -> bool {
    let d = &c.data;
    let s = &d.signs;
    match rule {
        BleedingSoaking | BleedingSoakingHour => bleeding(c),
        BleedingSoakingClots => bleeding(c) || d.clots == Some(Clots::Large),
        BleedingFaint => bleeding(c) || dizzy(c) || d.fainted,
        Fainted => d.fainted,
        DizzyBleeding => dizzy(c) || d.fainted,
        Fever | FeverRepeated => fever_sign(c),
        SepsisSigns => sepsis_sign(c),
        UnwellAfterMisoprostol => unwell(c),
        Vomiting => s.vomiting || s.unable_to_keep_fluids_down,
        DischargeFoul => discharge_sign(c),
        PainSevere => lower(c).is_some_and(|p| p > 0) || s.pain_not_eased,
        EctopicSigns => one_side(c).is_some_and(|p| p > 0) || shoulder(c) || s.pain_started_suddenly,
        ClotLeg => leg_visible(c) || d.pain.leg_left.is_some_and(|p| p > 0) || d.pain.leg_right.is_some_and(|p| p > 0),
        ClotLung => chest(c) || d.breathless || d.coughing_blood || s.collapse || s.heart_racing,
        // Read literally: any headache, any breast sign, any wound sign keeps these open.
        PostnatalPreeclampsia => {
            d.pain.head.is_some_and(|p| p > 0)
                || s.vision_problems
                || s.pain_below_ribs
                || s.vomiting
                || s.sudden_swelling
        }
        PostpartumPsychosis => super::later::psychosis_sign(c),
        Mastitis => s.breast_red_hot,
        Wound => super::later::wound_sign(c),
        MoodCrisis => d.self_harm_thoughts || s.unable_to_keep_safe,
        MoodLowLong => d.mood.is_some_and(very_low),
        // Read literally ("none of its signs"): any yes answer keeps it open, not only a positive screen.
        MoodScreen => super::screen::any_yes(c),
    }
}
