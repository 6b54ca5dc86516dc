//! The check-in form worth offering now, so a check-in stays under ten seconds: the everyday sections always;
//! the misoprostol questions within 72 hours of a dose; the ectopic questions while the pregnancy is unresolved;
//! the sepsis questions revealed once fever, shivering or "very unwell" is ticked; and, while an alert is open,
//! the sections whose answers can close it (an alert closes when a later check-in answers its questions with
//! none of its signs: [`super::lifetime`]). The words and the order are the core's: apps render the form as given
//! and choose nothing. A check-in lists the sections the person went through in `answered`: what they left
//! unticked or empty there counts as "no" or 0.

use chrono::Duration;
use serde::Serialize;

use super::codes::RuleId;
use super::view::View;

/// How long after a misoprostol dose its questions are offered.
pub const MISOPROSTOL_QUESTIONS: Duration = Duration::hours(72);

/// One question: the check-in field it fills (its export name, `signs.vomiting`), its words, and what kind of
/// answer it takes (so apps draw it without knowing the field).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct FormField {
    pub field: String,
    pub label: String,
    pub kind: FieldKind,
}

/// What kind of answer a question takes. Answers go back to the core as text ([`super::answers`]): `yes`/`no`, a
/// whole number 0-10, one option's code, several codes joined with commas, or a number.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FieldKind {
    YesNo,
    /// 0 to 10.
    Score,
    /// One of the options.
    Choice {
        options: Vec<FormChoice>,
    },
    /// Any of the options.
    Several {
        options: Vec<FormChoice>,
    },
    /// A number from `min` to `max`, in `unit` (a temperature may also be given in °F, as in `100.4F`).
    Number {
        min: f64,
        max: f64,
        unit: String,
    },
}

/// An option of a choice: its code (what the answer says) and its words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct FormChoice {
    pub code: String,
    pub label: String,
}

fn options(pairs: &[(&str, &str)]) -> Vec<FormChoice> {
    pairs.iter().map(|(code, label)| FormChoice { code: (*code).to_owned(), label: (*label).to_owned() }).collect()
}

/// The kind of answer `field` takes.
pub fn kind(field: &str) -> FieldKind {
    use crate::journal::validate::{PADS_PER_HOUR_MAX, SOAKING_HOURS_MAX, TEMPERATURE_MAX_C, TEMPERATURE_MIN_C};
    let number = |min: f64, max: f64, unit: &str| FieldKind::Number { min, max, unit: unit.to_owned() };
    match field {
        "bleeding" => FieldKind::Choice {
            options: options(&[
                ("none", "None"),
                ("spotting", "Spotting"),
                ("light", "Light"),
                ("medium", "Medium"),
                ("heavy", "Heavy"),
                ("very_heavy", "Very heavy"),
            ]),
        },
        "clots" => FieldKind::Choice {
            options: options(&[("none", "None"), ("small", "Small"), ("large", "Large, the size of a golf ball")]),
        },
        "dizziness" => FieldKind::Choice {
            options: options(&[
                ("none", "No"),
                ("brief", "Briefly, and it passed within a minute of sitting or lying down"),
                ("lasting", "It doesn't pass, or I feel faint"),
            ]),
        },
        "discharge" => FieldKind::Choice {
            options: options(&[
                ("normal", "As usual"),
                ("unusual", "Different from usual"),
                ("foul", "Smelling bad, or like pus"),
            ]),
        },
        "feelings" => FieldKind::Several {
            options: crate::journal::Feeling::ALL
                .iter()
                .map(|f| FormChoice { code: f.code().to_owned(), label: feeling_label(*f) })
                .collect(),
        },
        "leg_left" | "leg_right" => FieldKind::Several {
            options: options(&[("swelling", "Swollen"), ("warmth", "Warm"), ("redness", "Red or darkened")]),
        },
        "pads_per_hour" => number(0.0, PADS_PER_HOUR_MAX, "pads"),
        "signs.soaking_hours" => number(0.0, SOAKING_HOURS_MAX, "hours"),
        "temperature_c" => number(TEMPERATURE_MIN_C, TEMPERATURE_MAX_C, "°C"),
        "mood" => FieldKind::Score,
        f if f.starts_with("pain.") => FieldKind::Score,
        _ => FieldKind::YesNo,
    }
}

/// A feeling's words: its code with spaces, capitalised ("Numbness").
fn feeling_label(f: crate::journal::Feeling) -> String {
    let code = f.code().replace('_', " ");
    let mut chars = code.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// A group of questions.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct FormSection {
    /// What a check-in lists in `answered` once the person has gone through this section.
    pub id: String,
    pub title: String,
    pub fields: Vec<FormField>,
    /// Fields that reveal this section once answered yes (or a temperature of 38.0 °C or more, for
    /// `temperature_c`); empty when it is shown from the start.
    pub revealed_by: Vec<String>,
}

/// The sections worth offering now, in order.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct CheckinForm {
    pub sections: Vec<FormSection>,
}

/// A section as the core writes it: id, title, (field, label) pairs, the fields that reveal it.
pub(crate) struct Section {
    pub id: &'static str,
    pub title: &'static str,
    pub fields: &'static [(&'static str, &'static str)],
    pub revealed_by: &'static [&'static str],
}

impl Section {
    fn to_form(&self) -> FormSection {
        FormSection {
            id: self.id.to_owned(),
            title: self.title.to_owned(),
            fields: self
                .fields
                .iter()
                .map(|(f, l)| FormField { field: (*f).to_owned(), label: (*l).to_owned(), kind: kind(f) })
                .collect(),
            revealed_by: self.revealed_by.iter().map(|s| (*s).to_owned()).collect(),
        }
    }
}

/// Every section, in the order the form offers them. Their ids are [`crate::journal::FORM_SECTIONS`].
pub(crate) static SECTIONS: &[Section] = &[
    Section {
        id: "bleeding",
        title: "Bleeding",
        fields: &[
            ("bleeding", "How much bleeding?"),
            ("pads_per_hour", "Pads soaked in the last hour"),
            ("signs.soaking_hours", "Soaking for how many hours?"),
            ("clots", "Clots"),
            ("signs.passed_not_a_clot", "Passed something firm that wasn't a clot"),
        ],
        revealed_by: &[],
    },
    Section {
        id: "pain",
        title: "Pain",
        fields: &[
            ("pain.cramps", "Cramps, low in your tummy (0-10)"),
            ("pain.side_left", "Low on the left side (0-10)"),
            ("pain.side_right", "Low on the right side (0-10)"),
            ("pain.shoulder_tip", "The tip of your shoulder (0-10)"),
            ("signs.pain_not_eased", "Pain relief didn't ease it"),
        ],
        revealed_by: &[],
    },
    Section {
        id: "feeling",
        title: "How you feel",
        fields: &[
            ("temperature_c", "Temperature"),
            ("chills", "Chills or shivering"),
            ("signs.very_unwell", "Feeling very unwell"),
            ("dizziness", "Dizzy or light-headed"),
            ("fainted", "Fainted"),
            ("discharge", "Discharge"),
        ],
        revealed_by: &[],
    },
    Section {
        id: "misoprostol",
        title: "Since misoprostol",
        fields: &[
            ("signs.nausea", "Feeling sick"),
            ("signs.vomiting", "Being sick"),
            ("signs.diarrhoea", "Diarrhoea"),
            ("signs.weakness", "Feeling weak"),
        ],
        revealed_by: &[],
    },
    Section {
        id: "ectopic",
        title: "While your pregnancy is followed up",
        fields: &[
            ("signs.pain_started_suddenly", "Pain that started suddenly"),
            ("signs.pain_peeing_or_pooing", "Pain when peeing or pooing"),
            ("signs.brown_watery_discharge", "Brown, watery discharge"),
            ("signs.diarrhoea", "Diarrhoea"),
        ],
        revealed_by: &[],
    },
    Section {
        id: "sepsis",
        title: "A few more questions",
        fields: &[
            ("signs.confusion", "Confused, or speech slurred"),
            ("signs.pale_or_mottled", "Skin mottled, bluish or very pale"),
            ("signs.no_urine", "No pee for 18 hours or more"),
            ("signs.extreme_shivering", "Extreme shivering or muscle pain"),
            ("signs.severe_breathlessness", "Very short of breath"),
            ("signs.very_fast_breathing", "Breathing very fast"),
            ("signs.very_sleepy", "Very sleepy or hard to wake"),
            ("signs.rash_not_fading", "A rash that doesn't fade under a glass"),
            ("signs.feel_might_die", "Feeling you might die"),
        ],
        revealed_by: &["temperature_c", "chills", "signs.very_unwell"],
    },
    Section {
        id: "body",
        title: "Legs and chest",
        fields: &[
            ("leg_left", "Left leg swollen, warm or red"),
            ("leg_right", "Right leg swollen, warm or red"),
            ("chest_pain", "Chest pain"),
            ("breathless", "Suddenly breathless"),
        ],
        revealed_by: &[],
    },
    // After a loss at 20 weeks or later, for 6 weeks: nhs-preeclampsia, nhs-mastitis, nhs-wound.
    Section {
        id: "after-birth",
        title: "Your body in the weeks after",
        fields: &[
            ("pain.head", "Headache (0-10)"),
            ("signs.vision_problems", "Problems with your vision, like blurring or flashing lights"),
            ("signs.pain_below_ribs", "Pain just below your ribs"),
            ("signs.sudden_swelling", "Sudden swelling of your face, hands or feet"),
            ("signs.vomiting", "Being sick"),
            ("signs.breast_red_hot", "A red, hot, painful area on a breast"),
            ("flu_like", "Feeling flu-like, achy or shivery"),
            ("signs.wound_red_swollen", "A wound (such as a caesarean) that is red or swollen"),
            ("signs.wound_pus", "A wound leaking pus"),
            ("signs.wound_opening", "A wound opening"),
        ],
        revealed_by: &[],
    },
    // After a loss at 20 weeks or later, for 6 weeks: app-psychosis. A partner may answer on the person's device.
    Section {
        id: "mind",
        title: "Things someone close to you may notice (a partner can answer these)",
        fields: &[
            ("signs.hallucinations", "Seeing or hearing things others don't"),
            ("signs.delusions", "Believing things others say aren't true"),
            ("signs.mania", "Feeling unusually high or excited, racing thoughts, hardly sleeping"),
            ("signs.confusion", "Very confused"),
            ("signs.out_of_character", "Acting very out of character"),
        ],
        revealed_by: &[],
    },
    Section {
        id: "mood",
        title: "Your mood",
        fields: &[
            ("mood", "Mood (0-10)"),
            ("feelings", "Feelings"),
            ("self_harm_thoughts", "Thoughts of harming yourself"),
            ("signs.unable_to_keep_safe", "Not feeling able to keep yourself safe"),
        ],
        revealed_by: &[],
    },
    // The mood screen (whooley, pc-ptsd): offered only when the person turned it on, in its windows, until
    // answered. It can be skipped: leaving it out of `answered` asks nothing.
    Section {
        id: "mood-screen",
        title: "How you've been this past month (you can skip this)",
        fields: &[
            ("signs.whooley_down", "Have you often been bothered by feeling down, depressed or hopeless?"),
            (
                "signs.whooley_no_interest",
                "Have you often been bothered by having little interest or pleasure in doing things?",
            ),
            (
                "signs.ptsd_memories",
                "Have you had nightmares about your loss, or thought about it when you didn't want to?",
            ),
            (
                "signs.ptsd_avoiding",
                "Have you tried hard not to think about it, or avoided things that remind you of it?",
            ),
            ("signs.ptsd_on_edge", "Have you been constantly on guard, watchful or easily startled?"),
            ("signs.ptsd_numb", "Have you felt numb or detached from people, activities or your surroundings?"),
            (
                "signs.ptsd_guilt",
                "Have you felt guilty, or unable to stop blaming yourself or others for what happened?",
            ),
        ],
        revealed_by: &[],
    },
];

/// The form for the journal as `view` sees it, with the sections that can close the alerts open for `open`.
pub(crate) fn form(view: &View<'_>, open: &[RuleId]) -> CheckinForm {
    let closes = |id: &str| open.iter().any(|rule| super::lifetime::sections(*rule).contains(&id));
    let offered = |s: &Section| match s.id {
        "misoprostol" => view.misoprostol().iter().any(|(t, _)| view.now - *t <= MISOPROSTOL_QUESTIONS) || closes(s.id),
        "ectopic" => view.unresolved() || closes(s.id),
        "after-birth" | "mind" => super::rules::later::later_loss_window(view, view.now) || closes(s.id),
        // Only in its windows until answered, never to close its alert: it never nags (a later window's screen
        // with every answer no, or a clinician's visit, closes it).
        "mood-screen" => super::rules::screen::due(view),
        _ => true,
    };
    CheckinForm { sections: SECTIONS.iter().filter(|s| offered(s)).map(Section::to_form).collect() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::care::tests_support_view as at;
    use crate::journal::LossKind;

    fn ids(form: &CheckinForm) -> Vec<&str> {
        form.sections.iter().map(|s| s.id.as_str()).collect()
    }

    #[test]
    fn misoprostol_questions_within_72_hours_of_a_dose_and_ectopic_ones_while_unresolved() {
        let everyday = ["bleeding", "pain", "feeling", "sepsis", "body", "mood"];
        assert_eq!(ids(&at(LossKind::Miscarriage, None, 10, |v| form(v, &[]))), everyday);
        let after = at(LossKind::Miscarriage, Some(72), 10, |v| form(v, &[]));
        assert_eq!(ids(&after), ["bleeding", "pain", "feeling", "misoprostol", "sepsis", "body", "mood"]);
        assert_eq!(ids(&at(LossKind::Miscarriage, Some(73), 10, |v| form(v, &[]))), everyday);
        let ectopic = at(LossKind::Ectopic, None, 10, |v| form(v, &[]));
        assert!(ids(&ectopic).contains(&"ectopic"));
        let sepsis = after.sections.iter().find(|s| s.id == "sepsis").unwrap();
        assert_eq!(sepsis.revealed_by, ["temperature_c", "chills", "signs.very_unwell"]);
        // Every field is one a check-in has (its export name).
        let data = serde_json::to_value(crate::journal::CheckInData::default()).unwrap();
        for f in after.sections.iter().chain(ectopic.sections.iter()).flat_map(|s| &s.fields) {
            let found = f.field.split('.').try_fold(&data, |v, k| v.get(k));
            assert!(found.is_some(), "{}", f.field);
        }
    }
}
