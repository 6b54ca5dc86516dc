//! The check-in form worth offering now, so a check-in stays under ten seconds: the everyday sections always;
//! the misoprostol questions within 72 hours of a dose; the ectopic questions while the pregnancy is unresolved;
//! the sepsis questions revealed once fever, shivering or "very unwell" is ticked. The words and the order are
//! the core's: apps render the form as given and choose nothing.

use chrono::Duration;
use serde::Serialize;

use super::view::View;

/// How long after a misoprostol dose its questions are offered.
pub const MISOPROSTOL_QUESTIONS: Duration = Duration::hours(72);

/// One question: the check-in field it fills (its export name, `signs.vomiting`) and its words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct FormField {
    pub field: String,
    pub label: String,
}

/// A group of questions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct FormSection {
    pub id: String,
    pub title: String,
    pub fields: Vec<FormField>,
    /// Fields that reveal this section once answered yes (or a temperature of 38.0 °C or more, for
    /// `temperature_c`); empty when it is shown from the start.
    pub revealed_by: Vec<String>,
}

/// The sections worth offering now, in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct CheckinForm {
    pub sections: Vec<FormSection>,
}

fn section(id: &str, title: &str, fields: &[(&str, &str)], revealed_by: &[&str]) -> FormSection {
    FormSection {
        id: id.to_owned(),
        title: title.to_owned(),
        fields: fields.iter().map(|(f, l)| FormField { field: (*f).to_owned(), label: (*l).to_owned() }).collect(),
        revealed_by: revealed_by.iter().map(|s| (*s).to_owned()).collect(),
    }
}

/// The form for the journal as `view` sees it.
pub(crate) fn form(view: &View<'_>) -> CheckinForm {
    let mut sections = vec![
        section(
            "bleeding",
            "Bleeding",
            &[
                ("bleeding", "How much bleeding?"),
                ("pads_per_hour", "Pads soaked in the last hour"),
                ("signs.soaking_hours", "Soaking for how many hours?"),
                ("clots", "Clots"),
            ],
            &[],
        ),
        section(
            "pain",
            "Pain",
            &[
                ("pain.cramps", "Cramps, low in your tummy (0-10)"),
                ("pain.side_left", "Low on the left side (0-10)"),
                ("pain.side_right", "Low on the right side (0-10)"),
                ("pain.shoulder_tip", "The tip of your shoulder (0-10)"),
                ("signs.pain_not_eased", "Pain relief didn't ease it"),
            ],
            &[],
        ),
        section(
            "feeling",
            "How you feel",
            &[
                ("temperature_c", "Temperature"),
                ("chills", "Chills or shivering"),
                ("signs.very_unwell", "Feeling very unwell"),
                ("dizziness", "Dizzy or light-headed"),
                ("fainted", "Fainted"),
                ("discharge", "Discharge"),
            ],
            &[],
        ),
    ];
    if view.misoprostol().iter().any(|(t, _)| view.now - *t <= MISOPROSTOL_QUESTIONS) {
        sections.push(section(
            "misoprostol",
            "Since misoprostol",
            &[
                ("signs.nausea", "Feeling sick"),
                ("signs.vomiting", "Being sick"),
                ("signs.diarrhoea", "Diarrhoea"),
                ("signs.weakness", "Feeling weak"),
            ],
            &[],
        ));
    }
    if view.unresolved() {
        sections.push(section(
            "ectopic",
            "While your pregnancy is followed up",
            &[
                ("signs.pain_started_suddenly", "Pain that started suddenly"),
                ("signs.pain_peeing_or_pooing", "Pain when peeing or pooing"),
                ("signs.brown_watery_discharge", "Brown, watery discharge"),
                ("signs.diarrhoea", "Diarrhoea"),
            ],
            &[],
        ));
    }
    sections.push(section(
        "sepsis",
        "A few more questions",
        &[
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
        &["temperature_c", "chills", "signs.very_unwell"],
    ));
    sections.push(section(
        "body",
        "Legs and chest",
        &[
            ("leg_left", "Left leg swollen, warm or red"),
            ("leg_right", "Right leg swollen, warm or red"),
            ("chest_pain", "Chest pain"),
            ("breathless", "Suddenly breathless"),
        ],
        &[],
    ));
    sections.push(section(
        "mood",
        "Your mood",
        &[
            ("mood", "Mood (0-10)"),
            ("feelings", "Feelings"),
            ("self_harm_thoughts", "Thoughts of harming yourself"),
            ("signs.unable_to_keep_safe", "Not feeling able to keep yourself safe"),
        ],
        &[],
    ));
    CheckinForm { sections }
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
        assert_eq!(ids(&at(LossKind::Miscarriage, None, 10, form)), everyday);
        let after = at(LossKind::Miscarriage, Some(72), 10, form);
        assert_eq!(ids(&after), ["bleeding", "pain", "feeling", "misoprostol", "sepsis", "body", "mood"]);
        assert_eq!(ids(&at(LossKind::Miscarriage, Some(73), 10, form)), everyday);
        let ectopic = at(LossKind::Ectopic, None, 10, form);
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
