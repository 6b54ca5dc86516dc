//! The numbers an alert offers, in the guidance's order, each with the words to show ("116 123"), a URI to dial
//! or text ("tel:116123", "sms:988") and the date the guidance last verified it. Apps dial the `uri` and never
//! parse the words. Urgent: urgent advice, then the emergency number; Emergency: the emergency number; mood
//! alerts: the crisis line (call, then text where it takes texts), then the emergency number.

use chrono::NaiveDate;
use serde::Serialize;

use super::codes::{RuleId, Severity};
use super::regions::RegionNumbers;
use crate::codes;

codes! {
    /// Who a number reaches.
    pub enum PhoneRole {
        Unit = "unit", UrgentAdvice = "urgent_advice", Emergency = "emergency", Crisis = "crisis",
        CrisisText = "crisis_text", Own = "own",
    }
}

/// One number to offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Phone {
    pub role: PhoneRole,
    /// What to show: "116 123", "NHS 111", "112 or 999".
    pub words: String,
    /// What to dial or text: `tel:116123`, `sms:988`.
    pub uri: String,
    /// When the guidance last verified it.
    pub verified: NaiveDate,
}

/// The date every number in the guidance (version 2, "Numbers by region") was last verified.
pub const VERIFIED: (i32, u32, u32) = (2026, 11, 30);

fn verified() -> NaiveDate {
    NaiveDate::from_ymd_opt(VERIFIED.0, VERIFIED.1, VERIFIED.2).expect("a date")
}

/// `scheme:` and the first number in `words` ("NHS 111" → 111; "112 or 999" → 112), digits and `+` only.
fn uri(scheme: &str, words: &str) -> String {
    let first = words.split(" or ").next().unwrap_or(words);
    let number: String = first.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect();
    format!("{scheme}:{number}")
}

fn phone(role: PhoneRole, scheme: &str, words: &str) -> Phone {
    Phone { role, words: words.to_owned(), uri: uri(scheme, words), verified: verified() }
}

/// The numbers an alert of `rule` at `severity` offers for region `n`, in order.
pub fn phones(rule: RuleId, severity: Severity, n: &RegionNumbers) -> Vec<Phone> {
    let emergency = phone(PhoneRole::Emergency, "tel", n.emergency);
    let mut out = Vec::new();
    match rule {
        RuleId::MoodCrisis | RuleId::MoodLowLong => {
            if let Some(line) = n.crisis {
                out.push(phone(PhoneRole::Crisis, "tel", line.number));
                if line.text {
                    out.push(phone(PhoneRole::CrisisText, "sms", line.number));
                }
            }
        }
        _ if severity != Severity::Emergency => {
            if let Some(advice) = n.urgent_advice {
                out.push(phone(PhoneRole::UrgentAdvice, "tel", advice));
            }
        }
        _ => {}
    }
    out.push(emergency);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::care::regions::{REGIONS, numbers};

    #[test]
    fn every_region_reaches_the_apps_as_dialable_uris_in_the_guidance_order() {
        for n in REGIONS {
            for severity in [Severity::Emergency, Severity::Urgent, Severity::Contact] {
                let list = phones(RuleId::Fever, severity, n);
                assert_eq!(list.last().unwrap().role, PhoneRole::Emergency, "{:?}", n.region);
                if severity == Severity::Emergency {
                    assert_eq!(list.len(), 1, "emergency first and only: {:?}", n.region);
                }
                for p in &list {
                    assert!(p.uri.starts_with("tel:") && p.uri.len() > 4, "{p:?}");
                    assert_eq!(p.verified, NaiveDate::from_ymd_opt(2026, 11, 30).unwrap());
                }
            }
            let crisis = phones(RuleId::MoodCrisis, Severity::Emergency, n);
            match n.crisis {
                Some(line) => {
                    assert_eq!(crisis[0].role, PhoneRole::Crisis);
                    assert_eq!(crisis[0].uri, format!("tel:{}", line.number.replace(' ', "")));
                    if line.text {
                        assert_eq!(crisis[1].uri, format!("sms:{}", line.number.replace(' ', "")));
                    }
                }
                None => assert_eq!(crisis[0].role, PhoneRole::Emergency),
            }
        }
        let ie = phones(RuleId::MoodCrisis, Severity::Emergency, numbers(Some("IE")));
        assert_eq!((ie[0].words.as_str(), ie[0].uri.as_str()), ("116 123", "tel:116123"), "never cut to 116");
        let gb = phones(RuleId::Fever, Severity::Urgent, numbers(Some("GB")));
        assert_eq!(
            gb.iter().map(|p| (p.role, p.uri.as_str())).collect::<Vec<_>>(),
            vec![(PhoneRole::UrgentAdvice, "tel:111"), (PhoneRole::Emergency, "tel:999")]
        );
        let us = phones(RuleId::MoodCrisis, Severity::Emergency, numbers(Some("US")));
        assert_eq!(us.iter().map(|p| p.uri.as_str()).collect::<Vec<_>>(), ["tel:988", "sms:988", "tel:911"]);
        assert_eq!(phones(RuleId::Fever, Severity::Urgent, numbers(Some("IE")))[0].uri, "tel:112");
    }
}
