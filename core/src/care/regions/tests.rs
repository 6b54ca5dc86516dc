use super::*;
use crate::care::phones::PhoneRole::{self, *};

/// One number: its role, words and URI.
type Number = (PhoneRole, &'static str, &'static str);

/// Every row of the guidance's "Numbers by region", written out again by hand from the guidance (version 2):
/// (row, [(role, words, uri)]) in the guidance's order.
#[rustfmt::skip]
const EXPECTED: &[(&str, &[Number])] = &[
    ("IE", &[(Emergency, "112", "tel:112"), (Emergency, "999", "tel:999"), (Crisis, "116 123", "tel:116123"),
        (CrisisText, "50808", "sms:50808")]),
    ("GB", &[(Emergency, "999", "tel:999"), (UrgentAdvice, "111", "tel:111"), (Crisis, "116 123", "tel:116123"),
        (CrisisText, "SHOUT to 85258", "sms:85258?body=SHOUT")]),
    ("GB-SCT", &[(Emergency, "999", "tel:999"), (UrgentAdvice, "111", "tel:111"), (Crisis, "116 123", "tel:116123"),
        (CrisisText, "SHOUT to 85258", "sms:85258?body=SHOUT")]),
    ("GB-NIR", &[(Emergency, "999", "tel:999"), (Crisis, "0808 808 8000", "tel:08088088000"),
        (Crisis, "116 123", "tel:116123")]),
    ("US", &[(Emergency, "911", "tel:911"), (Crisis, "988", "tel:988"), (CrisisText, "988", "sms:988")]),
    ("CA", &[(Emergency, "911", "tel:911"), (UrgentAdvice, "811", "tel:811"), (Crisis, "988", "tel:988"),
        (CrisisText, "988", "sms:988")]),
    ("AU", &[(Emergency, "000", "tel:000"), (UrgentAdvice, "1800 022 222", "tel:1800022222"),
        (Crisis, "13 11 14", "tel:131114")]),
    ("NZ", &[(Emergency, "111", "tel:111"), (UrgentAdvice, "0800 611 116", "tel:0800611116"),
        (Crisis, "1737", "tel:1737"), (CrisisText, "1737", "sms:1737")]),
    ("DE", &[(Emergency, "112", "tel:112"), (UrgentAdvice, "116 117", "tel:116117"),
        (Crisis, "0800 111 0 111", "tel:08001110111"), (Crisis, "0800 111 0 222", "tel:08001110222"),
        (Crisis, "116 123", "tel:116123")]),
    ("FR", &[(Emergency, "112", "tel:112"), (Emergency, "15", "tel:15"), (Crisis, "3114", "tel:3114")]),
    ("ES", &[(Emergency, "112", "tel:112"), (Crisis, "024", "tel:024")]),
    ("NL", &[(Emergency, "112", "tel:112"), (Crisis, "113", "tel:113"), (Crisis, "0800 0113", "tel:08000113")]),
    ("EU", &[(Emergency, "112", "tel:112"), (Crisis, "112", "tel:112")]),
    ("ZZ", &[(Emergency, "112", "tel:112")]),
];

#[test]
fn every_row_of_the_guidance_has_each_number_with_its_words_uri_and_role() {
    let codes: Vec<&str> = REGIONS.iter().map(|r| r.region).collect();
    assert_eq!(codes, EXPECTED.iter().map(|(c, _)| *c).collect::<Vec<_>>(), "the rows, in order, ZZ last");
    for (code, lines) in EXPECTED {
        let got: Vec<(PhoneRole, &str, &str)> =
            numbers(Some(code)).lines.iter().map(|l| (l.role, l.words, l.uri)).collect();
        assert_eq!(got, *lines, "{code}");
    }
}

#[test]
fn every_number_was_verified_on_the_guidance_date_and_its_uri_dials_exactly_its_words() {
    let verified = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    for region in REGIONS.iter() {
        for line in &region.lines {
            assert_eq!(line.verified, verified, "{} {}", region.region, line.words);
            let digits: String = line.words.chars().filter(char::is_ascii_digit).collect();
            match line.role {
                PhoneRole::CrisisText => {
                    // RFC 5724: sms:<number>[?body=<text>]; the body is the keyword the words ask for.
                    let (number, body) = match line.words.split_once(" to ") {
                        Some((keyword, number)) => (number, Some(keyword)),
                        None => (line.words, None),
                    };
                    let number: String = number.chars().filter(char::is_ascii_digit).collect();
                    let want = match body {
                        Some(keyword) => format!("sms:{number}?body={keyword}"),
                        None => format!("sms:{number}"),
                    };
                    assert_eq!(line.uri, want, "{}", region.region);
                }
                _ => assert_eq!(line.uri, format!("tel:{digits}"), "{} {}", region.region, line.words),
            }
            assert!(!line.uri.contains(' '), "{}", line.uri);
        }
    }
}

#[test]
fn sentences_name_the_services_as_the_guidance_does() {
    assert_eq!(numbers(Some("IE")).emergency(), "112 or 999");
    assert_eq!(numbers(Some("FR")).emergency(), "112 or SAMU 15");
    assert_eq!(numbers(Some("ZZ")).emergency(), "112 or your local emergency number");
    assert_eq!(numbers(Some("GB")).urgent_advice().as_deref(), Some("NHS 111"));
    assert_eq!(numbers(Some("GB-SCT")).urgent_advice().as_deref(), Some("NHS 24 on 111"));
    assert_eq!(numbers(Some("GB-NIR")).urgent_advice(), None);
    assert_eq!(numbers(Some("AU")).urgent_advice().as_deref(), Some("healthdirect on 1800 022 222"));
    assert_eq!(numbers(Some("NZ")).urgent_advice().as_deref(), Some("Healthline on 0800 611 116"));
    assert_eq!(numbers(Some("DE")).urgent_advice().as_deref(), Some("ärztlicher Bereitschaftsdienst on 116 117"));
    assert_eq!(numbers(Some("CA")).urgent_advice().as_deref(), Some("811"));
    assert!(numbers(Some("EU")).crisis_calls().is_empty(), "the EU row's crisis number is the emergency number");
    assert_eq!(numbers(Some("DE")).crisis_calls().len(), 3);
}

#[test]
fn a_region_reads_its_row_uk_nations_and_eu_countries_theirs_and_anywhere_else_zz() {
    for (typed, row) in [
        ("IE", "IE"),
        ("ie", "IE"),
        (" uk ", "GB"),
        ("GB", "GB"),
        ("GB-ENG", "GB"),
        ("gb-wls", "GB"),
        ("GB-SCT", "GB-SCT"),
        ("GB-NIR", "GB-NIR"),
        ("FR", "FR"),
        ("DE", "DE"),
        ("AT", "EU"),
        ("PL", "EU"),
        ("EU", "EU"),
        ("JP", "ZZ"),
        ("ZZ", "ZZ"),
        ("CH", "ZZ"),
        ("", "ZZ"),
        ("GBR", "ZZ"),
    ] {
        assert_eq!(numbers(Some(typed)).region, row, "{typed}");
    }
    assert_eq!(numbers(None).region, "ZZ");
    assert_eq!(EU_MEMBERS.split_whitespace().count(), 27);
    for code in EU_MEMBERS.split_whitespace() {
        assert!(["IE", "DE", "FR", "ES", "NL", "EU"].contains(&numbers(Some(code)).region), "{code}");
    }
}
