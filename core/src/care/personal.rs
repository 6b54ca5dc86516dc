//! A stored alert as the person sees it: the numbers for their region, and the numbers they keep in their
//! profile (the unit's 24-hour number first for Urgent findings; their own numbers where the guidance has no
//! row for the region) in its phones and its first line.

use super::alerts::{Alert, AlertRecord};
use super::phones::{Own, phones_for};
use super::regions::numbers;
use super::words;
use crate::journal::Profile;

/// The alert for `record`, for `region` and the numbers in `profile`.
pub(crate) fn shown(record: &AlertRecord, region: Option<&str>, profile: Option<&Profile>) -> Alert {
    let alert = Alert::from_record(record, region);
    let own = Own::of(profile);
    if own == Own::default() {
        return alert;
    }
    let n = numbers(region);
    let phones = phones_for(alert.rule, alert.severity, n, own);
    Alert {
        action: words::action_for(alert.rule, alert.severity, n, own),
        phone: phones.first().map_or_else(|| alert.phone.clone(), |p| p.words.clone()),
        phones,
        ..alert
    }
}

#[cfg(test)]
mod tests {
    use chrono::DateTime;

    use super::*;
    use crate::care::phones::PhoneRole;
    use crate::care::regions::REGIONS;
    use crate::care::{RuleId, Severity, rules};
    use crate::journal::numbers::{NumberInput, own_number};

    fn profile(region: &str) -> Profile {
        let number = |field: &str, label: &str, number: &str| {
            Some(own_number(field, &NumberInput { label: label.into(), number: number.into() }).unwrap())
        };
        Profile {
            guid: "profile-0000001".into(),
            region: Some(region.into()),
            time_zone: "Europe/Dublin".into(),
            discreet_notifications: true,
            unit_number: number("unit_number", "the early pregnancy unit", "021 492 0000"),
            own_emergency_number: number("own_emergency_number", "Ambulance", "119"),
            own_crisis_number: number("own_crisis_number", "my sister", "087 123 4567"),
            mood_screens: None,
            rhd: None,
            created_at: DateTime::UNIX_EPOCH,
            updated_at: DateTime::UNIX_EPOCH,
        }
    }

    fn record(rule: RuleId) -> AlertRecord {
        let finding = rules::Finding {
            rule,
            severity: rules::rule(rule).severity,
            because: vec![],
            message: String::new(),
            level: None,
            latest_at: DateTime::UNIX_EPOCH,
        };
        AlertRecord::opened(&finding, DateTime::UNIX_EPOCH)
    }

    #[test]
    fn with_the_persons_numbers_every_action_still_names_its_first_number_for_every_region() {
        for n in REGIONS.iter() {
            let profile = profile(n.region);
            for rule in rules::ALL {
                let alert = shown(&record(rule.id), Some(n.region), Some(&profile));
                assert!(alert.action.contains(&alert.phone), "{} in {}: {}", rule.id, n.region, alert.action);
                let first = alert.phones[0].role;
                match (rule.id, alert.severity) {
                    (RuleId::MoodCrisis | RuleId::MoodLowLong | RuleId::MoodScreen, _) if n.region == "ZZ" => {
                        assert_eq!(first, PhoneRole::Own)
                    }
                    (RuleId::MoodCrisis | RuleId::MoodLowLong | RuleId::MoodScreen, _) => {
                        assert_ne!(first, PhoneRole::Own)
                    }
                    (_, Severity::Emergency) => assert_eq!(first, PhoneRole::Emergency, "{}", rule.id),
                    _ => assert_eq!(first, PhoneRole::Unit, "{}", rule.id),
                }
            }
        }
    }

    #[test]
    fn without_numbers_of_their_own_the_alert_is_the_regions() {
        let fever = record(RuleId::Fever);
        let none = Profile { unit_number: None, own_emergency_number: None, own_crisis_number: None, ..profile("GB") };
        let plain = Alert::from_record(&fever, Some("GB"));
        assert_eq!(shown(&fever, Some("GB"), None), plain);
        assert_eq!(shown(&fever, Some("GB"), Some(&none)), plain);
        assert_ne!(shown(&fever, Some("GB"), Some(&profile("GB"))), plain);
    }
}
