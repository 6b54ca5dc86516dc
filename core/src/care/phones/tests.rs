use super::*;
use crate::care::regions::{REGIONS, numbers};
use crate::care::words::sample_own_numbers;

fn roles_and_uris(list: &[Phone]) -> Vec<(PhoneRole, &str)> {
    list.iter().map(|p| (p.role, p.uri.as_str())).collect()
}

#[test]
fn emergency_offers_the_emergency_numbers_first_and_urgent_the_advice_line_before_them() {
    for n in REGIONS.iter() {
        let emergency: Vec<&str> = n.lines(PhoneRole::Emergency).map(|l| l.uri).collect();
        let list = phones(RuleId::Fever, Severity::Emergency, n);
        assert_eq!(list.iter().map(|p| p.uri.as_str()).collect::<Vec<_>>(), emergency, "{}", n.region);
        let urgent = phones(RuleId::Fever, Severity::Urgent, n);
        let advice: Vec<&str> = n.lines(PhoneRole::UrgentAdvice).map(|l| l.uri).collect();
        let want: Vec<&str> = advice.iter().chain(&emergency).copied().collect();
        assert_eq!(urgent.iter().map(|p| p.uri.as_str()).collect::<Vec<_>>(), want, "{}", n.region);
        for p in list.iter().chain(&urgent) {
            assert_eq!(p.verified, NaiveDate::from_ymd_opt(2026, 11, 30), "{p:?}");
            assert!(p.uri.starts_with("tel:") && !p.uri.contains(' '), "{p:?}");
        }
    }
    let gb = phones(RuleId::Fever, Severity::Urgent, numbers(Some("GB")));
    assert_eq!(roles_and_uris(&gb), [(PhoneRole::UrgentAdvice, "tel:111"), (PhoneRole::Emergency, "tel:999")]);
    let ie = phones(RuleId::ClotLung, Severity::Emergency, numbers(Some("IE")));
    assert_eq!(
        ie.iter().map(|p| (p.words.as_str(), p.uri.as_str())).collect::<Vec<_>>(),
        [("112", "tel:112"), ("999", "tel:999")]
    );
}

#[test]
fn the_crisis_line_reaches_the_apps_as_tel_and_sms_uris_for_every_region_that_has_one() {
    for n in REGIONS.iter() {
        let crisis = phones(RuleId::MoodCrisis, Severity::Emergency, n);
        for line in n.lines(PhoneRole::Crisis) {
            let p = crisis.iter().find(|p| p.uri == line.uri).unwrap_or_else(|| panic!("{} {}", n.region, line.uri));
            assert!(p.uri.starts_with("tel:"), "{p:?}");
        }
        for line in n.lines(PhoneRole::CrisisText) {
            let p = crisis.iter().find(|p| p.uri == line.uri).unwrap_or_else(|| panic!("{} {}", n.region, line.uri));
            assert_eq!(p.role, PhoneRole::CrisisText);
            assert!(p.uri.starts_with("sms:"), "{p:?}");
        }
        assert!(crisis.iter().any(|p| p.uri.starts_with("tel:")), "{}: something to call", n.region);
        let uris: Vec<&str> = crisis.iter().map(|p| p.uri.as_str()).collect();
        let mut unique = uris.clone();
        unique.dedup();
        assert_eq!(uris, unique, "{}: each number once", n.region);
    }
    let uris = |region: &str| -> Vec<String> {
        phones(RuleId::MoodCrisis, Severity::Emergency, numbers(Some(region))).into_iter().map(|p| p.uri).collect()
    };
    assert_eq!(uris("IE"), ["tel:116123", "sms:50808", "tel:112", "tel:999"]);
    assert_eq!(uris("GB"), ["tel:116123", "sms:85258?body=SHOUT", "tel:999"]);
    assert_eq!(uris("US"), ["tel:988", "sms:988", "tel:911"]);
    assert_eq!(uris("GB-NIR"), ["tel:08088088000", "tel:116123", "tel:999"]);
    assert_eq!(uris("EU"), ["tel:112"], "the crisis number is 112 itself");
    assert_eq!(uris("ZZ"), ["tel:112"]);
    let ie = phones(RuleId::MoodLowLong, Severity::Contact, numbers(Some("IE")));
    assert_eq!((ie[0].words.as_str(), ie[0].uri.as_str()), ("116 123", "tel:116123"), "never cut to 116");
}

#[test]
fn the_units_number_leads_urgent_findings_and_own_numbers_count_where_the_guidance_has_no_row() {
    let (unit, emergency, crisis) = sample_own_numbers();
    let own = Own { unit: Some(&unit), emergency: Some(&emergency), crisis: Some(&crisis) };
    let gb = numbers(Some("GB"));
    let urgent = phones_for(RuleId::BleedingSoaking, Severity::Urgent, gb, own);
    assert_eq!(
        roles_and_uris(&urgent),
        [(PhoneRole::Unit, "tel:0214920000"), (PhoneRole::UrgentAdvice, "tel:111"), (PhoneRole::Emergency, "tel:999")]
    );
    assert_eq!((urgent[0].words.as_str(), urgent[0].verified), ("021 492 0000", None), "as typed, never dated");
    let emergency_gb = phones_for(RuleId::BleedingSoaking, Severity::Emergency, gb, own);
    assert_eq!(roles_and_uris(&emergency_gb), [(PhoneRole::Emergency, "tel:999")], "emergency first and only");
    let crisis_gb = phones_for(RuleId::MoodCrisis, Severity::Emergency, gb, own);
    assert!(crisis_gb.iter().all(|p| p.role != PhoneRole::Own), "a row of its own: the guidance's lines");

    let zz = numbers(Some("ZZ"));
    let crisis_zz = phones_for(RuleId::MoodCrisis, Severity::Emergency, zz, own);
    assert_eq!(
        roles_and_uris(&crisis_zz),
        [(PhoneRole::Own, "tel:0871234567"), (PhoneRole::Emergency, "tel:112"), (PhoneRole::Own, "tel:119")]
    );
    let emergency_zz = phones_for(RuleId::ClotLung, Severity::Emergency, zz, own);
    assert_eq!(roles_and_uris(&emergency_zz), [(PhoneRole::Emergency, "tel:112"), (PhoneRole::Own, "tel:119")]);
    let urgent_zz = phones_for(RuleId::Fever, Severity::Urgent, numbers(Some("JP")), own);
    assert_eq!(urgent_zz[0].role, PhoneRole::Unit);
    assert_eq!(
        phones_for(RuleId::Fever, Severity::Urgent, zz, Own::default()),
        phones(RuleId::Fever, Severity::Urgent, zz)
    );
}
