//! The publishing checks: every claim caught in at least five paraphrases, denials left alone (Mend's own guides
//! raise nothing), pregnancy-progress wording caught without its content note, stale hotlines named.

use chrono::NaiveDate;

use super::*;
use crate::groups::items::{Hotline, ItemBody};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn article(markdown: &str, notes: Vec<ContentNote>) -> Item {
    Item {
        id: "a".into(),
        version: 1,
        language: "en".into(),
        region: String::new(),
        content_notes: notes,
        last_verified: day(2027, 1, 1),
        withdrawn: false,
        body: ItemBody::Article { title: "Care after loss".into(), markdown: markdown.into() },
    }
}

fn claims(text: &str) -> Vec<Claim> {
    claims_in(text).into_iter().map(|(c, _)| c).collect()
}

const PARAPHRASES: &[(Claim, &[&str])] = &[
    (
        Claim::ExpelsTissue,
        &[
            "Abdominal massage helps expel leftover tissue after a miscarriage.",
            "Our womb massage will flush out any old blood.",
            "Gentle massage clears out what is left in the womb.",
            "Mayan abdominal therapy pushes out retained tissue naturally.",
            "A belly rub each evening helps release clots out of the uterus.",
            "Massage is a natural way to cleanse the womb after loss.",
        ],
    ),
    (
        Claim::RepositionsWomb,
        &[
            "Massage can reposition the uterus after a loss.",
            "Our bodywork corrects a tilted uterus.",
            "Womb therapy lifts the womb back into place.",
            "A skilled massage will realign your pelvis and womb.",
            "Rebozo massage can move the uterus back into position.",
            "We treat a tipped womb with gentle massage.",
        ],
    ),
    (
        Claim::Detoxifies,
        &[
            "Massage helps detox your body after a miscarriage.",
            "Lymphatic massage removes toxins left by pregnancy hormones.",
            "This massage purifies the blood.",
            "Reflexology will cleanse your body of pregnancy hormones.",
            "Massage flushes hormones out of your system.",
        ],
    ),
    (
        Claim::BalancesHormones,
        &[
            "Massage restores hormonal balance after loss.",
            "Our massage will balance your hormones.",
            "Reflexology rebalances the endocrine system.",
            "Massage resets your hormones so your cycle returns.",
            "Regular massage regulates hormones after a miscarriage.",
            "Massage gets your hormones back on track.",
        ],
    ),
    (
        Claim::RestoresFertility,
        &[
            "Massage restores fertility after a miscarriage.",
            "Fertility massage improves your chances of conceiving again.",
            "Abdominal massage helps you conceive faster.",
            "Our bodywork will boost your fertility.",
            "Massage makes you more fertile.",
            "Mayan massage can get you pregnant faster.",
        ],
    ),
];

#[test]
fn every_unsupported_claim_is_caught_in_many_words() {
    for (claim, sentences) in PARAPHRASES {
        assert!(sentences.len() >= 5, "{claim:?} has at least five paraphrases");
        for sentence in *sentences {
            assert!(claims(sentence).contains(claim), "{claim:?} not caught in: {sentence}");
        }
    }
}

#[test]
fn denials_of_a_claim_are_not_findings() {
    for sentence in [
        "Massage can't clear the pregnancy from your body, move your womb, or change your hormones or fertility.",
        "There is no evidence that massage boosts fertility.",
        "Massage does not expel leftover tissue; if you are worried, call the unit.",
        "It is a myth that massage can reposition the uterus.",
        "Be wary of anyone who says massage will detox your body.",
        "A good therapist will not promise to fix your hormones, fertility or womb.",
        "Massage never restores hormonal balance, whatever some websites say.",
    ] {
        assert!(claims(sentence).is_empty(), "a denial was flagged: {sentence}");
    }
}

#[test]
fn a_turn_after_a_denial_brings_the_claim_back() {
    assert_eq!(claims("Massage is not painful, but it will flush out old blood."), vec![Claim::ExpelsTissue]);
    assert_eq!(claims("Massage won't hurt and it will boost fertility."), vec![Claim::RestoresFertility]);
}

#[test]
fn a_claim_needs_a_massage_like_practice_in_the_sentence() {
    assert!(claims("Your body will expel the remaining tissue in its own time.").is_empty());
    assert!(claims("Some people find a warm bath helps. Massage relaxes tense muscles.").is_empty());
}

#[test]
fn mends_own_guides_raise_no_claim() {
    let catalog = crate::library::Catalog::builtin();
    let mut read = 0;
    for guide in catalog.all() {
        let text = format!("{}\n{}\n{}", guide.title, guide.summary, guide.body);
        assert!(claims_in(&text).is_empty(), "{}: {:?}", guide.id, claims_in(&text));
        read += 1;
    }
    assert!(read >= 10, "the guides were read");
}

#[test]
fn a_pack_claiming_massage_expels_tissue_is_flagged_with_the_reason() {
    let findings = check(&[article("Abdominal massage helps expel leftover tissue.", vec![])], day(2027, 1, 2));
    assert_eq!(
        findings,
        vec![Finding::Claim {
            item: "a".into(),
            claim: Claim::ExpelsTissue,
            phrase: "expel",
            why: Claim::ExpelsTissue.why()
        }]
    );
}

#[test]
fn progress_wording_needs_the_pregnancy_content_note() {
    let text = "When I was 20 weeks pregnant again, I was frightened.";
    let flagged = check(&[article(text, vec![])], day(2027, 1, 2));
    assert_eq!(flagged, vec![Finding::ProgressWording { item: "a".into(), phrase: "weeks pregnant" }]);
    assert!(check(&[article(text, vec![ContentNote::Pregnancy])], day(2027, 1, 2)).is_empty());
}

#[test]
fn a_hotline_unverified_for_six_months_is_named() {
    let line = |verified: NaiveDate| Item {
        id: "line".into(),
        version: 1,
        language: "en".into(),
        region: "US".into(),
        content_notes: vec![],
        last_verified: verified,
        withdrawn: false,
        body: ItemBody::Hotline(Hotline {
            name: "Crisis line".into(),
            words: "988".into(),
            uri: "tel:988".into(),
            hours: None,
            not_emergency: true,
        }),
    };
    let today = day(2027, 7, 10);
    assert!(check(&[line(today - HOTLINE_RECHECK)], today).is_empty(), "exactly six months is still fine");
    let old = today - HOTLINE_RECHECK - chrono::Duration::days(1);
    assert_eq!(check(&[line(old)], today), vec![Finding::StaleHotline { item: "line".into(), last_verified: old }]);
}

#[test]
fn the_phrase_lists_line_up_with_the_claims() {
    for (claim, (name, phrases)) in Claim::ALL.iter().zip(crate::voice::UNSUPPORTED_CLAIMS) {
        assert_eq!(serde_json::to_value(claim).unwrap(), name);
        assert!(phrases.len() >= 5, "{name}");
    }
}
