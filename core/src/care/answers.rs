//! The check-in form's answers as apps send them back — each question's field (its export name) and the answer as
//! text — turned into a check-in's data by the core, so apps draw the form ([`super::form`]) and parse nothing.
//! A bad answer is refused with a typed error naming its field, never repeating what was given.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use super::form::{FieldKind, SECTIONS, kind};
use crate::error::{Error, Result};
use crate::journal::{CheckInData, validate};

/// One answer: the field (as the form names it) and the answer as text (see [`FieldKind`]); empty means not
/// answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct FormAnswer {
    pub field: String,
    pub value: String,
}

/// The answer to one question as the check-in's JSON value.
fn value(field: &str, text: &str) -> Result<Value> {
    let code = |t: &str| t.trim().to_ascii_lowercase().replace('-', "_");
    let codes =
        |options: &[super::form::FormChoice]| -> Vec<String> { options.iter().map(|o| o.code.clone()).collect() };
    match kind(field) {
        FieldKind::YesNo => match code(text).as_str() {
            "yes" | "true" => Ok(json!(true)),
            "no" | "false" => Ok(json!(false)),
            _ => Err(Error::invalid(field, "must be yes or no")),
        },
        FieldKind::Score => match text.trim().parse::<u8>() {
            Ok(n) if n <= 10 => Ok(json!(n)),
            _ => Err(Error::invalid(field, "must be a whole number from 0 to 10")),
        },
        FieldKind::Choice { options } => {
            let known = codes(&options);
            let given = code(text);
            if known.contains(&given) {
                Ok(json!(given))
            } else {
                Err(Error::invalid(field, format!("must be one of: {}", known.join(", "))))
            }
        }
        FieldKind::Several { options } => {
            let known = codes(&options);
            let given: Vec<String> = text.split(',').map(code).filter(|c| !c.is_empty()).collect();
            if let Some(_unknown) = given.iter().find(|c| !known.contains(c)) {
                return Err(Error::invalid(field, format!("can list only: {}", known.join(", "))));
            }
            if field.starts_with("leg_") {
                let mut signs = Map::new();
                for c in given {
                    signs.insert(c, json!(true));
                }
                Ok(Value::Object(signs))
            } else {
                Ok(json!(given))
            }
        }
        FieldKind::Number { min, max, unit } => {
            let number = if field == "temperature_c" {
                validate::parse_temperature(text)?
            } else {
                text.trim()
                    .replace(',', ".")
                    .parse::<f64>()
                    .ok()
                    .filter(|n| n.is_finite())
                    .ok_or_else(|| Error::invalid(field, format!("must be a number from {min} to {max} {unit}")))?
            };
            Ok(json!(number))
        }
    }
}

/// A check-in's data from the form's answers, with `answered` the sections the person went through. Validated
/// as a saved check-in is (ranges, section ids), so the first bad answer is the error.
pub fn check_in_data(answers: &[FormAnswer], answered: &[String]) -> Result<CheckInData> {
    let mut data = serde_json::to_value(CheckInData::default()).expect("a check-in serialises");
    for answer in answers.iter().filter(|a| !a.value.trim().is_empty()) {
        let field = answer.field.as_str();
        if !SECTIONS.iter().any(|s| s.fields.iter().any(|(f, _)| *f == field)) {
            return Err(Error::invalid("answers", "can answer only the questions the check-in form asks"));
        }
        let mut slot = &mut data;
        for key in field.split('.') {
            slot = &mut slot[key];
        }
        *slot = value(field, &answer.value)?;
    }
    let mut data: CheckInData =
        serde_json::from_value(data).map_err(|_| Error::invalid("answers", "could not be read as a check-in"))?;
    data.answered = answered.to_vec();
    validate::normalise(&mut data);
    validate::checkin(&data)?;
    Ok(data)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::{Bleeding, Dizziness, Feeling};

    fn answer(field: &str, value: &str) -> FormAnswer {
        FormAnswer { field: field.into(), value: value.into() }
    }

    #[test]
    fn every_question_of_the_form_can_be_answered_and_lands_in_its_field() {
        let answers = [
            answer("bleeding", "very-heavy"),
            answer("pads_per_hour", "2,5"),
            answer("signs.soaking_hours", "3"),
            answer("pain.side_left", "4"),
            answer("temperature_c", "100.4F"),
            answer("chills", "yes"),
            answer("dizziness", "brief"),
            answer("leg_right", "swelling,redness"),
            answer("feelings", "grief, hope"),
            answer("signs.unable_to_keep_safe", "no"),
            answer("mood", ""),
        ];
        let data = check_in_data(&answers, &["bleeding".into(), "feeling".into()]).unwrap();
        assert_eq!(data.bleeding, Some(Bleeding::VeryHeavy));
        assert_eq!((data.pads_per_hour, data.signs.soaking_hours), (Some(2.5), Some(3.0)));
        assert_eq!((data.pain.side_left, data.temperature_c), (Some(4), Some(38.0)));
        assert!(data.chills && !data.signs.unable_to_keep_safe);
        assert_eq!(data.dizziness, Some(Dizziness::Brief));
        assert!(data.leg_right.swelling && data.leg_right.redness && !data.leg_right.warmth);
        assert_eq!(data.feelings, vec![Feeling::Grief, Feeling::Hope]);
        assert_eq!((data.mood, data.answered.len()), (None, 2));
        // Every field the form can offer has a kind that reads an answer.
        for section in SECTIONS {
            for (field, _) in section.fields {
                let sample = match kind(field) {
                    FieldKind::YesNo => "yes".to_owned(),
                    FieldKind::Score => "3".to_owned(),
                    FieldKind::Choice { options } | FieldKind::Several { options } => options[0].code.clone(),
                    FieldKind::Number { min, .. } => min.to_string(),
                };
                check_in_data(&[answer(field, &sample)], &[]).unwrap_or_else(|e| panic!("{field}: {e}"));
            }
        }
    }

    #[test]
    fn a_bad_answer_names_its_field_and_never_repeats_what_was_given() {
        for (field, value) in [
            ("mood", "11"),
            ("bleeding", "torrential"),
            ("chills", "maybe"),
            ("temperature_c", "29.0"),
            ("pads_per_hour", "lots"),
            ("leg_left", "swelling,purple"),
        ] {
            let err = check_in_data(&[answer(field, value)], &[]).unwrap_err();
            let text = err.to_string();
            assert!(text.contains(field), "{field}: {text}");
            assert!(!text.contains(value), "{field}: {text}");
        }
        let err = check_in_data(&[answer("note", "private words")], &[]).unwrap_err();
        assert!(err.to_string().contains("answers") && !err.to_string().contains("private"), "{err}");
        let err = check_in_data(&[], &["elsewhere".into()]).unwrap_err();
        assert!(err.to_string().contains("answered"), "{err}");
    }
}
