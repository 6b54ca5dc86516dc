//! The numbers an alert offers, in the guidance's order, each with the words to show ("116 123"), a URI to dial
//! or text ("tel:116123", "sms:85258?body=SHOUT") and the date the guidance last verified it. Apps dial the
//! `uri` and never parse the words.
//!
//! Order: Emergency — the emergency numbers. Urgent (and Contact, Info) — the unit's 24-hour number from the
//! profile, then urgent advice, then the emergency numbers. Mood alerts — the crisis lines (call, then text),
//! then the emergency numbers. Where the guidance has no row for the region (ZZ), the person's own crisis
//! number comes before the emergency number for mood alerts and their own emergency number after 112. A number
//! is offered once, in its first place.

use chrono::NaiveDate;
use serde::Serialize;

use super::codes::{RuleId, Severity};
use super::regions::{Line, OTHER, RegionNumbers};
use crate::codes;
use crate::journal::{OwnNumber, Profile};

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
    /// What to show: "116 123", "SHOUT to 85258", or the number as the person typed it.
    pub words: String,
    /// What to dial or text: `tel:116123`, `sms:85258?body=SHOUT`.
    pub uri: String,
    /// When the guidance last verified it; `None` for the person's own numbers.
    pub verified: Option<NaiveDate>,
}

impl Phone {
    fn of(line: &Line) -> Phone {
        Phone { role: line.role, words: line.words.to_owned(), uri: line.uri.to_owned(), verified: Some(line.verified) }
    }

    fn own(role: PhoneRole, number: &OwnNumber) -> Phone {
        Phone { role, words: number.number.clone(), uri: number.uri.clone(), verified: None }
    }
}

/// The numbers the person keeps in their profile, as the care engine offers them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Own<'a> {
    /// The early-pregnancy or maternity unit's 24-hour number.
    pub unit: Option<&'a OwnNumber>,
    /// Their own emergency number (offered where the guidance has no row for the region).
    pub emergency: Option<&'a OwnNumber>,
    /// Their own crisis contact (offered where the guidance has no row for the region).
    pub crisis: Option<&'a OwnNumber>,
}

impl<'a> Own<'a> {
    /// The numbers in `profile`, if any.
    pub fn of(profile: Option<&'a Profile>) -> Own<'a> {
        profile.map_or_else(Own::default, |p| Own {
            unit: p.unit_number.as_ref(),
            emergency: p.own_emergency_number.as_ref(),
            crisis: p.own_crisis_number.as_ref(),
        })
    }

    /// Their own numbers count where the guidance has no row for the region; the unit's number everywhere.
    pub fn for_region(self, n: &RegionNumbers) -> Own<'a> {
        if n.region == OTHER { self } else { Own { unit: self.unit, emergency: None, crisis: None } }
    }
}

/// The numbers an alert of `rule` at `severity` offers for region `n`, in order (no profile numbers).
pub fn phones(rule: RuleId, severity: Severity, n: &RegionNumbers) -> Vec<Phone> {
    phones_for(rule, severity, n, Own::default())
}

/// The numbers an alert of `rule` at `severity` offers for region `n` and the person's own numbers, in order.
pub fn phones_for(rule: RuleId, severity: Severity, n: &RegionNumbers, own: Own<'_>) -> Vec<Phone> {
    let own = own.for_region(n);
    let mut out: Vec<Phone> = Vec::new();
    match rule {
        RuleId::MoodCrisis | RuleId::MoodLowLong | RuleId::MoodScreen => {
            out.extend(
                n.lines.iter().filter(|l| matches!(l.role, PhoneRole::Crisis | PhoneRole::CrisisText)).map(Phone::of),
            );
            out.extend(own.crisis.map(|c| Phone::own(PhoneRole::Own, c)));
        }
        _ if severity != Severity::Emergency => {
            out.extend(own.unit.map(|u| Phone::own(PhoneRole::Unit, u)));
            out.extend(n.lines(PhoneRole::UrgentAdvice).map(Phone::of));
        }
        _ => {}
    }
    out.extend(n.lines(PhoneRole::Emergency).map(Phone::of));
    out.extend(own.emergency.map(|e| Phone::own(PhoneRole::Own, e)));
    let mut seen: Vec<String> = Vec::new();
    out.retain(|p| {
        let first = !seen.contains(&p.uri);
        seen.push(p.uri.clone());
        first
    });
    out
}

#[cfg(test)]
mod tests;
