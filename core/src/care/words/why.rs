//! The "why" of every alert and card, with what was logged: "You logged …", then what it can mean, plainly
//! (shared/design/VOICE.md). The action (what to do, whom to call) comes first and lives in the parent module.

use super::{list, number, temperature};
use crate::journal::CheckIn;

pub const HEAVY_BLEEDING_WHY: &str = "Bleeding this heavy after a miscarriage needs care today.";
pub const BLOOD_LOSS_WHY: &str = "Bleeding this heavy can mean you are losing too much blood, which needs help now.";
pub const FAINT_WHY: &str =
    "Feeling faint with heavy bleeding can mean you are losing too much blood, which needs help now.";
pub const DIZZY_WHY: &str =
    "Feeling dizzy or light-headed like this can mean you are losing blood, so it needs checking today.";
pub const INFECTION_WHY: &str = "After a miscarriage this can mean an infection, which needs treatment soon.";
pub const FEVER_WHY: &str = "A fever after a miscarriage can mean an infection, which needs treatment soon.";
pub const FEVER_AGAIN_WHY: &str = "A fever that keeps coming back can mean an infection that needs treatment now.";
pub const SEPSIS_WHY: &str = "These can be signs of sepsis, a serious reaction to an infection, which needs help now.";
pub const PAIN_WHY: &str = "Severe pain, or pain that gets worse rather than better, needs checking today.";
pub const ECTOPIC_WHY: &str = "Together these can be signs of an ectopic pregnancy (a pregnancy outside the womb), which needs help straight away.";
pub const CLOT_LEG_WHY: &str = "After a pregnancy loss, a leg or arm that is swollen, warm, red or painful can be a sign of a blood clot, which needs checking today.";
pub const CLOT_LUNG_WHY: &str =
    "After a pregnancy loss this can be a sign of a blood clot in the lung, which is an emergency.";
pub const CRISIS_WHY: &str = "You don't have to carry this alone. Someone is there to listen, day and night.";
pub const LOW_MOOD_WHY: &str =
    "The last two weeks have been very hard. Talking to your GP can help, and so can someone who's been there.";
pub const FAINT_SOON: &str = "in the first two weeks after your loss";
pub const FAINT_WITH_SIGNS: &str = "with bleeding or pain in the same day";
pub const FAINT_UNRESOLVED: &str = "while your pregnancy hormone is still being followed up";

pub fn soaking(min_pads: f64, hours: f64) -> String {
    format!(
        "You logged soaking {} or more pads an hour for {} hours. {HEAVY_BLEEDING_WHY}",
        number(min_pads),
        number(hours)
    )
}

pub fn soaking_hour(pads: f64) -> String {
    format!("You logged soaking {} pads within an hour. {HEAVY_BLEEDING_WHY}", number(pads))
}

pub fn soaking_clots(pads: f64) -> String {
    format!("You logged soaking {} pads an hour with large clots. {BLOOD_LOSS_WHY}", number(pads))
}

/// Large clots with bleeding logged as heavy or very heavy (no pad count saying less than a pad an hour).
pub fn heavy_bleeding_clots(very_heavy: bool) -> String {
    let how = if very_heavy { "very heavy" } else { "heavy" };
    format!("You logged {how} bleeding with large clots. {BLOOD_LOSS_WHY}")
}

pub fn soaking_fast(pads: f64) -> String {
    format!(
        "You logged {} pads an hour, soaking through a pad in 15 minutes or less, more than once. {BLOOD_LOSS_WHY}",
        number(pads)
    )
}

pub fn bleeding_faint(fainted: bool) -> String {
    let how = if fainted { "fainting" } else { "feeling faint" };
    format!("You logged heavy bleeding and {how}. {FAINT_WHY}")
}

pub fn bleeding_dizzy() -> String {
    format!("You logged heavy bleeding and feeling dizzy. {DIZZY_WHY}")
}

/// `reasons`: what made a faint more urgent (may be empty).
pub fn fainted(reasons: &[String]) -> String {
    if reasons.is_empty() {
        "You logged fainting. After a pregnancy loss a faint needs checking today, even if you feel better now."
            .to_owned()
    } else {
        format!("You logged fainting, {}. This needs help now, even if you feel better.", list(reasons))
    }
}

pub fn dizzy(lasting: bool, again: bool, with_signs: bool, unresolved: bool) -> String {
    let mut what: Vec<String> = Vec::new();
    if lasting {
        what.push("dizziness that didn't pass".into());
    }
    if again {
        what.push("dizziness that came back".into());
    }
    if with_signs {
        what.push("dizziness with bleeding, a racing heart, breathlessness or pain".into());
    }
    if what.is_empty() && unresolved {
        what.push("feeling dizzy while your pregnancy hormone is still being followed up".into());
    }
    format!("You logged {}. {DIZZY_WHY}", list(&what))
}

pub fn dizzy_brief() -> String {
    "You logged feeling dizzy for a moment, and it passed. Sit or lie down when it happens, stand up slowly and \
     drink some water. If it happens again, lasts, or you faint, get seen now."
        .to_owned()
}

pub fn fever(celsius: f64) -> String {
    format!("Your temperature was {}. {FEVER_WHY}", temperature(celsius))
}

pub fn chills() -> String {
    format!("You logged chills, shivering or feeling flu-like. {INFECTION_WHY}")
}

pub fn chills_after_misoprostol() -> String {
    "You logged chills within a day of misoprostol, with a temperature under 38.0 °C. This is a common side effect. \
     Take your temperature again in 4 hours; if it is 38.0 °C or more, or you feel worse, get seen now."
        .to_owned()
}

pub fn fever_repeated(readings: usize, highest: f64) -> String {
    format!(
        "Your temperature was 38.0 °C or more on {readings} readings within 3 days, up to {}. {FEVER_AGAIN_WHY}",
        temperature(highest)
    )
}

pub fn fever_after_misoprostol(highest: f64) -> String {
    format!(
        "Your temperature has stayed at 38.0 °C or more for over a day after misoprostol, up to {}. {FEVER_AGAIN_WHY}",
        temperature(highest)
    )
}

/// The sepsis signs a check-in shows, in words.
pub fn sepsis_signs(c: &CheckIn) -> Vec<String> {
    let s = &c.data.signs;
    let cold = c.data.temperature_c.is_some_and(|t| t < crate::care::rules::LOW_TEMPERATURE_C)
        && (c.data.chills || s.very_unwell);
    [
        (s.confusion, "confusion or slurred speech"),
        (s.pale_or_mottled, "mottled, bluish or very pale skin"),
        (s.no_urine, "no urine for 18 hours or more"),
        (s.extreme_shivering, "extreme shivering or muscle pain"),
        (s.severe_breathlessness, "severe breathlessness"),
        (s.feel_might_die, "feeling you might die"),
        (s.very_sleepy, "being very sleepy or hard to wake"),
        (s.rash_not_fading, "a rash that does not fade under a glass"),
        (s.fit, "a fit"),
        (s.very_fast_breathing, "very fast breathing"),
        (cold, "a low temperature with shivering or feeling very unwell"),
    ]
    .into_iter()
    .filter(|(on, _)| *on)
    .map(|(_, text)| text.to_owned())
    .collect()
}

pub fn sepsis(signs: &[String]) -> String {
    format!("You logged {}. {SEPSIS_WHY}", list(signs))
}

pub fn unwell_after_misoprostol() -> String {
    format!(
        "You logged feeling weak, sick, being sick, diarrhoea or feeling very unwell more than a day after \
         misoprostol. {INFECTION_WHY}"
    )
}

pub fn vomiting() -> String {
    "You logged being sick, or not keeping fluids down. With a fever, pain or feeling very unwell, this needs \
     checking today."
        .to_owned()
}

pub fn vomiting_after_dose() -> String {
    "You logged being sick within 30 minutes of taking misoprostol by mouth. The dose may not have worked, and you \
     may need another."
        .to_owned()
}

pub fn discharge_foul() -> String {
    format!("You logged discharge that smells bad or looks like pus. {INFECTION_WHY}")
}

pub fn pain_severe(score: u8) -> String {
    format!("You logged pain low in your tummy of {score} out of 10. {PAIN_WHY}")
}

pub fn pain_not_eased() -> String {
    format!("You logged pain that pain relief didn't ease. {PAIN_WHY}")
}

pub fn pain_rising(low: u8, now: u8) -> String {
    format!("Your lower tummy pain went from {low} to {now} out of 10 within a day. {PAIN_WHY}")
}

pub fn pain_worse(scores: [u8; 3]) -> String {
    let [a, b, c] = scores;
    format!(
        "Your lower tummy pain has got worse over your last three check-ins: {a}, {b}, then {c} out of 10. {PAIN_WHY}"
    )
}

pub fn ectopic(emergency: bool, unresolved: bool) -> String {
    let what = match (emergency, unresolved) {
        (true, true) => "pain, with signs that need help now, while your pregnancy is still being followed up",
        (true, false) => "pain low on one side of your tummy with fainting, dizziness or shoulder-tip pain",
        (false, true) => "pain low on one side of your tummy, while your pregnancy is still being followed up",
        (false, false) => "pain low on one side of your tummy and pain in the tip of your shoulder",
    };
    format!("You logged {what}. {ECTOPIC_WHY}")
}

pub fn shoulder_after_keyhole() -> String {
    "You logged pain in the tip of your shoulder after keyhole surgery. This is common for a day or two. If it gets \
     worse, reaches 7 out of 10, or comes with dizziness, get seen now."
        .to_owned()
}

/// `limbs`: for each limb with signs, its name ("left leg", "arm") and the signs.
pub fn clot_limb(limbs: &[(&str, Vec<&str>)]) -> String {
    let parts: Vec<String> = limbs
        .iter()
        .map(|(limb, signs)| {
            format!("{} in your {limb}", list(&signs.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>()))
        })
        .collect();
    format!("You logged {}. {CLOT_LEG_WHY}", list(&parts))
}

pub fn clot_leg_pain(leg: &str, score: u8) -> String {
    format!("You logged pain in your {leg} leg only, {score} out of 10. {CLOT_LEG_WHY}")
}

pub fn leg_pain_recheck(leg: &str, score: u8) -> String {
    format!(
        "You logged pain in your {leg} leg only, {score} out of 10. Check again in 12 hours; if it is still there, \
         or the leg is swollen, warm or red, get seen now."
    )
}

pub fn clot_lung(signs: &[String]) -> String {
    format!("You logged {}. {CLOT_LUNG_WHY}", list(signs))
}

pub fn mood_crisis() -> String {
    format!("You told Mend you've had thoughts of harming yourself, or don't feel safe. {CRISIS_WHY}")
}

pub fn mood_low_long(low_days: usize) -> String {
    format!("Your mood was very low (2 out of 10 or less) on {low_days} of the last 14 days. {LOW_MOOD_WHY}")
}

/// `postnatal-preeclampsia` (nhs-preeclampsia).
pub fn postnatal_preeclampsia() -> String {
    "You logged a severe headache, problems with your vision, pain just below your ribs, being sick, or sudden \
     swelling. In the weeks after a birth these can be signs of pre-eclampsia, which needs checking today."
        .to_owned()
}

/// `postpartum-psychosis` (app-psychosis); `by_partner` when a partner logged it on the person's device.
pub fn postpartum_psychosis(by_partner: bool) -> String {
    let who = if by_partner { "You noticed" } else { "Mend noticed" };
    format!(
        "{who} signs such as hearing or seeing things, unusual beliefs, feeling very high or very confused. In the \
         weeks after a birth this can be postpartum psychosis, which needs help now. It is an illness, it is \
         treatable, and it is nobody's fault."
    )
}

/// `mastitis` (nhs-mastitis).
pub fn mastitis() -> String {
    "You logged a red, hot, painful area on a breast with a flu-like feeling. This can be mastitis, which needs \
     checking today."
        .to_owned()
}

/// `wound` (nhs-wound).
pub fn wound() -> String {
    "You logged a wound that is red, swollen, leaking pus or opening. It needs checking today, as it may be \
     infected."
        .to_owned()
}

/// `mood-screen` (whooley, pc-ptsd, farren-ptsd): what the answers showed, and that it is common and helped.
pub fn mood_screen(low: bool, ptsd: bool) -> String {
    let what = match (low, ptsd) {
        (true, true) => {
            "Your answers suggest you may be feeling low, and that what happened is still coming back to you"
        }
        (true, false) => "Your answers suggest you may be feeling low",
        _ => "Your answers suggest that what happened is still coming back to you",
    };
    format!(
        "{what}. Many people feel this way after a pregnancy loss, and it can get easier with support. Your GP can \
         help, and so can someone who's been there: Mend's library has pregnancy-loss support."
    )
}

/// Representative messages for the language tests.
pub fn samples() -> Vec<String> {
    vec![
        postnatal_preeclampsia(),
        postpartum_psychosis(true),
        postpartum_psychosis(false),
        mastitis(),
        wound(),
        mood_screen(true, true),
        mood_screen(true, false),
        mood_screen(false, true),
        soaking(1.0, 2.0),
        soaking_hour(2.5),
        soaking_clots(1.5),
        soaking_fast(4.0),
        heavy_bleeding_clots(true),
        heavy_bleeding_clots(false),
        bleeding_faint(true),
        bleeding_faint(false),
        bleeding_dizzy(),
        fainted(&[]),
        fainted(&[FAINT_SOON.into(), FAINT_WITH_SIGNS.into(), FAINT_UNRESOLVED.into(), "a fit".into()]),
        dizzy(true, true, true, true),
        dizzy(false, false, false, true),
        dizzy_brief(),
        fever(38.4),
        chills(),
        chills_after_misoprostol(),
        fever_repeated(3, 38.6),
        fever_after_misoprostol(38.4),
        sepsis(&["confusion or slurred speech".into(), "a fit".into()]),
        unwell_after_misoprostol(),
        vomiting(),
        vomiting_after_dose(),
        discharge_foul(),
        pain_severe(8),
        pain_not_eased(),
        pain_rising(2, 6),
        pain_worse([3, 5, 7]),
        ectopic(true, true),
        ectopic(true, false),
        ectopic(false, true),
        ectopic(false, false),
        shoulder_after_keyhole(),
        clot_limb(&[("left leg", vec!["swelling", "warmth"]), ("arm", vec!["swelling, warmth or redness"])]),
        clot_leg_pain("left", 4),
        leg_pain_recheck("right", 2),
        clot_lung(&["chest pain".into(), "sudden breathlessness".into(), "coughing blood".into()]),
        mood_crisis(),
        mood_low_long(9),
    ]
}
