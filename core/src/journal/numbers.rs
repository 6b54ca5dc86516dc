//! The person's own numbers, kept in the profile: the early-pregnancy or maternity unit's 24-hour number (asked
//! for at set-up; offered first when something needs care now) and their own emergency and crisis numbers (offered
//! where the guidance has no row for their region). Each has a label in the person's words and the number as
//! they typed it; Mend derives the `tel:` URI the apps dial. These are health data: errors name the field and
//! say what is expected, never the value.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// A number the person keeps, as they typed it, with the URI to dial.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct OwnNumber {
    /// Whose number it is, in the person's words ("Cork EPU", "my sister").
    pub label: String,
    /// The number as typed ("021 492 0000", "+353 21 492 0000").
    pub number: String,
    /// What to dial: `tel:` and the number's digits (a leading `+` kept). Derived from `number`; a file's value
    /// is never trusted.
    #[serde(default)]
    pub uri: String,
}

/// A number as the person gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct NumberInput {
    pub label: String,
    pub number: String,
}

/// The longest label, in characters.
pub const LABEL_MAX: usize = 60;
/// A number has 3 digits ("112") to 15 (the longest international number, ITU E.164).
pub const DIGITS: std::ops::RangeInclusive<usize> = 3..=15;

/// `tel:` and the digits of `number`, a leading `+` kept: "+353 21 492 0000" is `tel:+353214920000`.
pub fn tel_uri(number: &str) -> String {
    let plus = if number.trim_start().starts_with('+') { "+" } else { "" };
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    format!("tel:{plus}{digits}")
}

/// Checks `input` for the field `field` (`unit_number`, `own_crisis_number`…) and gives the number to keep:
/// label and number trimmed, the URI derived. Errors name `field.label` or `field.number`.
pub fn own_number(field: &str, input: &NumberInput) -> Result<OwnNumber> {
    let label = input.label.trim();
    if label.is_empty() || label.chars().count() > LABEL_MAX || label.chars().any(char::is_control) {
        return Err(Error::invalid(
            format!("{field}.label"),
            format!("must be 1 to {LABEL_MAX} characters on one line, such as the unit's name"),
        ));
    }
    let number = input.number.trim();
    let allowed = |(i, c): (usize, char)| c.is_ascii_digit() || " -().".contains(c) || (c == '+' && i == 0);
    let digits = number.chars().filter(char::is_ascii_digit).count();
    if !number.chars().enumerate().all(allowed) || !DIGITS.contains(&digits) {
        return Err(Error::invalid(
            format!("{field}.number"),
            "must be a phone number of 3 to 15 digits; spaces, dashes and brackets are fine, and + first for an \
             international number",
        ));
    }
    Ok(OwnNumber { label: label.to_owned(), number: number.to_owned(), uri: tel_uri(number) })
}

/// A stored number from its two columns, if both are there.
pub fn from_columns(label: Option<String>, number: Option<String>) -> Option<OwnNumber> {
    let (label, number) = (label?, number?);
    let uri = tel_uri(&number);
    Some(OwnNumber { label, number, uri })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(label: &str, number: &str) -> NumberInput {
        NumberInput { label: label.into(), number: number.into() }
    }

    #[test]
    fn words_are_kept_as_typed_and_the_uri_is_digits_with_a_leading_plus() {
        let n = own_number("unit_number", &input(" Cork EPU ", " +353 (21) 492-0000 ")).unwrap();
        assert_eq!((n.label.as_str(), n.number.as_str()), ("Cork EPU", "+353 (21) 492-0000"));
        assert_eq!(n.uri, "tel:+353214920000");
        assert_eq!(own_number("own_crisis_number", &input("Mam", "021 492 0000")).unwrap().uri, "tel:0214920000");
        assert_eq!(own_number("own_emergency_number", &input("Ambulance", "119")).unwrap().uri, "tel:119");
    }

    #[test]
    fn a_bad_label_or_number_names_the_field_and_never_repeats_the_value() {
        let cases = [
            (input("", "021 492 0000"), "unit_number.label"),
            (input("x".repeat(LABEL_MAX + 1).as_str(), "021 492 0000"), "unit_number.label"),
            (input("Cork\nEPU", "021 492 0000"), "unit_number.label"),
            (input("Cork EPU", "12"), "unit_number.number"),
            (input("Cork EPU", "1234567890123456"), "unit_number.number"),
            (input("Cork EPU", "021 492 00 ext 5"), "unit_number.number"),
            (input("Cork EPU", "021+4920000"), "unit_number.number"),
            (input("Cork EPU", ""), "unit_number.number"),
        ];
        for (bad, want) in cases {
            match own_number("unit_number", &bad) {
                Err(Error::InvalidInput { field, reason }) => {
                    assert_eq!(field, want, "{bad:?}");
                    assert!(!reason.contains("021") && !reason.contains("Cork"), "{reason}");
                }
                other => panic!("{bad:?}: {other:?}"),
            }
        }
        assert_eq!(own_number("unit_number", &input("a", "123")).unwrap().number, "123", "3 digits is enough");
        assert!(own_number("unit_number", &input("a", "123456789012345")).is_ok(), "15 digits is the most");
    }
}
