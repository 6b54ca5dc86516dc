use super::*;
use crate::care::regions::numbers;

fn act(rule: RuleId, severity: Severity, region: &str) -> String {
    action(rule, severity, numbers(Some(region)))
}

#[test]
fn urgent_and_emergency_actions_say_what_to_do_and_the_number_first() {
    let urgent = act(RuleId::BleedingSoaking, Severity::Urgent, "IE");
    assert_eq!(
        urgent,
        "Go to your nearest emergency department today, or call 112 or 999. You can also go to the maternity \
         hospital's emergency room, or call a GP out of hours, or call your early pregnancy unit or maternity service."
    );
    let gb = act(RuleId::Fever, Severity::Urgent, "GB");
    assert!(gb.starts_with("Go to A&E today, or call 999. For urgent advice, call NHS 111;"), "{gb}");
    assert!(act(RuleId::Fever, Severity::Urgent, "GB-SCT").contains("call NHS 24 on 111"));
    let nir = act(RuleId::Fever, Severity::Urgent, "GB-NIR");
    assert!(nir.contains("call your GP, or the GP out-of-hours service") && !nir.contains("111"), "{nir}");
    assert!(act(RuleId::Fever, Severity::Urgent, "US").contains("OB-GYN's after-hours line"));
    assert!(act(RuleId::Fever, Severity::Urgent, "AU").contains("call healthdirect on 1800 022 222"));
    assert!(act(RuleId::ClotLung, Severity::Emergency, "AU").starts_with("Call 000 now."));
    assert!(act(RuleId::ClotLung, Severity::Emergency, "FR").starts_with("Call 112 or SAMU 15 now."));
    assert!(
        act(RuleId::ClotLung, Severity::Emergency, "JP").starts_with("Call 112 or your local emergency number now.")
    );
}

#[test]
fn crisis_lines_by_region_with_their_text_lines() {
    let crisis = |r: &str| act(RuleId::MoodCrisis, Severity::Emergency, r);
    assert_eq!(
        crisis("IE"),
        "Call Samaritans on 116 123 now, day or night, or text 50808, to talk to someone. If you might act on \
         these thoughts, call 112 or 999."
    );
    assert!(crisis("GB").contains("or text SHOUT to 85258"), "{}", crisis("GB"));
    assert!(crisis("GB-NIR").starts_with("Call Lifeline on 0808 808 8000 or Samaritans on 116 123 now"));
    assert!(crisis("US").starts_with("Call or text 988 now") && crisis("US").contains("call 911"));
    assert!(crisis("AU").starts_with("Call Lifeline on 13 11 14 now"));
    assert!(crisis("NZ").starts_with("Call or text 1737 now"));
    assert!(crisis("DE").starts_with("Call TelefonSeelsorge on 0800 111 0 111, 0800 111 0 222 or 116 123 now"));
    assert!(crisis("FR").starts_with("Call 3114 now") && crisis("NL").starts_with("Call 113 or 0800 0113 now"));
    assert!(crisis("ES").starts_with("Call 024 now"));
    for region in ["EU", "AT", "ZZ"] {
        let text = crisis(region);
        assert!(text.contains("call 112") && text.contains("local crisis service"), "{region}: {text}");
    }
    let low = act(RuleId::MoodLowLong, Severity::Contact, "US");
    assert!(low.ends_with("call or text 988, day or night."), "{low}");
    assert_eq!(phone(RuleId::MoodCrisis, numbers(Some("GB"))), "116 123");
    assert_eq!(phone(RuleId::BleedingSoaking, numbers(Some("NZ"))), "111");
}

#[test]
fn the_units_number_leads_and_own_numbers_are_said_where_the_guidance_has_no_row() {
    let (unit, emergency, crisis) = sample_own_numbers();
    let own = Own { unit: Some(&unit), emergency: Some(&emergency), crisis: Some(&crisis) };
    let gb = action_for(RuleId::Fever, Severity::Urgent, numbers(Some("GB")), own);
    assert_eq!(
        gb,
        "Call the early pregnancy unit on 021 492 0000 now, or go to A&E today, or call 999. For urgent advice, \
         call NHS 111."
    );
    let contact = action_for(RuleId::BleedingSoaking, Severity::Contact, numbers(Some("IE")), own);
    assert!(contact.starts_with("Please call your GP, midwife or the early pregnancy unit on 021 492 0000"));
    let vomiting = action_for(RuleId::Vomiting, Severity::Contact, numbers(Some("IE")), own);
    assert!(vomiting.starts_with("Call the early pregnancy unit on 021 492 0000 now: you may need another dose."));
    let gb_crisis = action_for(RuleId::MoodCrisis, Severity::Emergency, numbers(Some("GB")), own);
    assert!(!gb_crisis.contains("087") && !gb_crisis.contains("119"), "the guidance's lines there: {gb_crisis}");
    let zz = numbers(Some("ZZ"));
    assert_eq!(
        action_for(RuleId::MoodCrisis, Severity::Emergency, zz, own),
        "Call my sister on 087 123 4567 now, day or night, to talk to someone. If you might act on these \
         thoughts, call 112 or 119 (Ambulance)."
    );
    assert!(action_for(RuleId::ClotLung, Severity::Emergency, zz, own).starts_with("Call 112 or 119 (Ambulance) now."));
}
