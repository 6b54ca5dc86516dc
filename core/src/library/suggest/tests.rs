//! Suggestion rules over the real guides: stage filters are never broken, alerts bring "When to get help"
//! first, low mood brings support, later losses bring their guides, reading this week is respected, and the
//! ranking is deterministic.

use std::collections::HashSet;

use proptest::prelude::*;

use super::*;
use crate::library::catalog::Catalog;

fn guides() -> Vec<&'static Guide> {
    Catalog::builtin().guides("en")
}

fn stage(days: i64, trimester: Trimester) -> Stage {
    Stage { days_since_loss: Some(days), trimester: Some(trimester), ..Stage::default() }
}

fn top(stage: &Stage) -> Vec<String> {
    top_without(stage, &HashSet::new())
}

fn top_without(stage: &Stage, read: &HashSet<String>) -> Vec<String> {
    suggest(&guides(), stage, read, DEFAULT_LIMIT).into_iter().map(|s| s.guide.id).collect()
}

#[test]
fn the_first_days_bring_the_first_days_guides() {
    assert_eq!(
        top(&stage(2, Trimester::First)),
        ["first-days-after-miscarriage", "bleeding-after-miscarriage", "pain-and-cramps"]
    );
}

#[test]
fn open_alerts_always_bring_when_to_get_help_first_even_if_read() {
    let mut s = stage(5, Trimester::First);
    s.has_open_alerts = true;
    s.open_alert_rules = vec!["bleeding-soaking".into()];
    let read: HashSet<String> = ["when-to-get-help".to_owned()].into();
    let ids = top_without(&s, &read);
    assert_eq!(ids[0], WHEN_TO_GET_HELP);
    assert_eq!(ids[1], "bleeding-after-miscarriage", "the guide about what the alert is about");
    let first = &suggest(&guides(), &s, &read, 1)[0];
    assert_eq!(first.reason, reasons::ALERT);
    // Without alerts, a guide read this week is not repeated.
    assert!(!top_without(&stage(0, Trimester::First), &read).contains(&WHEN_TO_GET_HELP.to_owned()));
}

#[test]
fn a_later_loss_brings_its_own_guides() {
    let ids = top(&stage(10, Trimester::Second));
    assert!(ids.contains(&"blood-clots-after-a-later-loss".to_owned()), "{ids:?}");
    assert!(ids.contains(&"breasts-and-milk-after-a-later-loss".to_owned()), "{ids:?}");
    for days in 0..400 {
        let ids = top(&stage(days, Trimester::First));
        assert!(!ids.iter().any(|id| id.contains("later-loss")), "day {days}: {ids:?}");
    }
}

#[test]
fn low_mood_brings_support_and_a_mood_alert_its_guide() {
    let mut s = stage(40, Trimester::First);
    s.bleeding_stopped = true;
    s.low_mood = true;
    let list = suggest(&guides(), &s, &HashSet::new(), DEFAULT_LIMIT);
    assert_eq!(list[0].guide.id, "low-mood-and-getting-support");
    assert_eq!(list[0].reason, reasons::LOW_MOOD);
    let mut crisis = stage(3, Trimester::First);
    crisis.has_open_alerts = true;
    crisis.open_alert_rules = vec!["mood-crisis".into()];
    assert_eq!(top(&crisis)[..1], [WHEN_TO_GET_HELP]);
    let mut later = crisis.clone();
    later.days_since_loss = Some(20);
    assert_eq!(top(&later)[..2], [WHEN_TO_GET_HELP, "low-mood-and-getting-support"]);
}

#[test]
fn bleeding_guides_follow_the_bleeding() {
    let mut s = stage(9, Trimester::First);
    assert!(top(&s).contains(&"bleeding-after-miscarriage".to_owned()));
    s.bleeding_stopped = true;
    let all: Vec<String> = suggest(&guides(), &s, &HashSet::new(), 100).into_iter().map(|s| s.guide.id).collect();
    assert!(!all.contains(&"bleeding-after-miscarriage".to_owned()));
}

#[test]
fn without_a_loss_only_guides_for_any_time_are_suggested() {
    let all = suggest(&guides(), &Stage::default(), &HashSet::new(), 100);
    assert!(!all.is_empty());
    for s in &all {
        let guide = Catalog::builtin().guide(&s.guide.id, "en").unwrap();
        assert_eq!((guide.stages.days_from, guide.stages.days_to), (0, None), "{}", guide.id);
        assert!(guide.stages.trimesters.is_empty() && guide.stages.bleeding_stopped.is_none());
    }
}

#[test]
fn a_new_pregnancy_is_never_pushed() {
    for days in [60, 90, 200, 700] {
        let all: Vec<String> = suggest(&guides(), &stage(days, Trimester::First), &HashSet::new(), 100)
            .into_iter()
            .map(|s| s.guide.id)
            .collect();
        assert!(!all.contains(&"massage-in-a-later-pregnancy".to_owned()), "day {days}");
    }
}

#[test]
fn reasons_are_plain_sentences_in_mends_voice() {
    let all = [
        reasons::ALERT,
        reasons::ALERT_TOPIC,
        reasons::LOW_MOOD,
        reasons::FEELINGS,
        reasons::TRIMESTER,
        reasons::BLEEDING,
        reasons::STOPPED,
        reasons::FIRST_DAYS,
        reasons::EARLY_BODY,
        reasons::AROUND_NOW,
        reasons::ANY_TIME,
    ];
    for reason in all {
        assert!(reason.ends_with('.') && !reason.contains('!'), "{reason}");
        assert!(reason.len() <= 100, "{reason}");
        for word in ["weeks pregnant", "fail", "fetus", "abortion", "should", "must", "your mood score"] {
            assert!(!reason.to_lowercase().contains(word), "{reason}");
        }
    }
}

fn any_stage() -> impl Strategy<Value = Stage> {
    (
        proptest::option::of(0i64..800),
        proptest::option::of(proptest::sample::select(Trimester::ALL)),
        any::<bool>(),
        any::<bool>(),
        proptest::sample::subsequence(
            vec!["bleeding-soaking", "fever", "clot-leg", "mood-crisis", "pain-severe"],
            0..3,
        ),
    )
        .prop_map(|(days, trimester, bleeding_stopped, low_mood, rules)| Stage {
            days_since_loss: days,
            trimester,
            bleeding_stopped,
            bleeding_logged: !bleeding_stopped,
            low_mood,
            has_open_alerts: !rules.is_empty(),
            open_alert_rules: rules.into_iter().map(String::from).collect(),
        })
}

proptest! {
    #[test]
    fn suggestions_always_fit_the_stage_and_are_deterministic(
        s in any_stage(),
        read in proptest::sample::subsequence(guides().iter().map(|g| g.id.clone()).collect::<Vec<_>>(), 0..6),
        limit in 0usize..6,
    ) {
        let read: HashSet<String> = read.into_iter().collect();
        let list = suggest(&guides(), &s, &read, limit);
        prop_assert!(list.len() <= limit);
        let ids: Vec<&str> = list.iter().map(|x| x.guide.id.as_str()).collect();
        prop_assert_eq!(ids.iter().collect::<HashSet<_>>().len(), ids.len());
        // Read guides come back only when every guide that fits was read this week.
        let unread_fits = guides().iter().any(|g| {
            fits(g, &s) && !read.contains(&g.id) && !g.topics.iter().any(|t| NEVER_PUSHED.contains(&t.as_str()))
        });
        let mut reasons_given = HashSet::new();
        for item in &list {
            let guide = Catalog::builtin().guide(&item.guide.id, "en").unwrap();
            prop_assert!(fits(guide, &s), "{} outside its stage", guide.id);
            prop_assert!(
                guide.id == WHEN_TO_GET_HELP && s.has_open_alerts || !read.contains(&guide.id) || !unread_fits
            );
            prop_assert!(item.reason.is_empty() || reasons_given.insert(item.reason.clone()), "a reason repeated");
        }
        prop_assert!(list.first().is_none_or(|first| !first.reason.is_empty()));
        if s.has_open_alerts && limit > 0 {
            prop_assert_eq!(ids[0], WHEN_TO_GET_HELP);
        }
        prop_assert_eq!(suggest(&guides(), &s, &read, limit), list);
    }
}

#[test]
fn a_new_pregnancy_is_never_brought_up_unprompted() {
    let unprompted: Vec<&str> = guides()
        .iter()
        .filter(|g| g.topics.iter().any(|t| NEVER_PUSHED.contains(&t.as_str())))
        .map(|g| g.id.as_str())
        .collect();
    assert!(unprompted.contains(&"thinking-about-another-pregnancy"), "{unprompted:?}");
    assert!(unprompted.contains(&"massage-in-a-later-pregnancy"), "{unprompted:?}");
    for days in [0, 14, 30, 60, 90, 200, 400, 1000] {
        for trimester in [Trimester::First, Trimester::Second, Trimester::Third] {
            for bleeding_stopped in [false, true] {
                let mut s = stage(days, trimester);
                s.bleeding_stopped = bleeding_stopped;
                let suggested = suggest(&guides(), &s, &HashSet::new(), guides().len());
                assert!(!suggested.is_empty());
                for g in &suggested {
                    assert!(!unprompted.contains(&g.guide.id.as_str()), "{} suggested on day {days}", g.guide.id);
                }
            }
        }
    }
}

#[test]
fn the_bleeding_guide_never_says_you_are_still_bleeding_unless_bleeding_was_logged() {
    let reason_for_bleeding_guide = |logged: bool| {
        let s = Stage { bleeding_logged: logged, ..stage(5, Trimester::First) };
        suggest(&guides(), &s, &HashSet::new(), guides().len())
            .into_iter()
            .find(|g| g.guide.id == "bleeding-after-miscarriage")
            .map(|g| g.reason)
            .expect("the bleeding guide fits the first week")
    };
    assert_eq!(reason_for_bleeding_guide(true), reasons::BLEEDING);
    let unknown = reason_for_bleeding_guide(false);
    assert_eq!(unknown, reasons::BLEEDING_WEEKS);
    assert!(!unknown.contains("still bleeding"));
}

#[test]
fn each_reason_matches_its_guide() {
    // A massage guide that mentions low mood among what massage eases is not offered as "support can help".
    let mut hard = stage(30, Trimester::First);
    hard.low_mood = true;
    hard.bleeding_stopped = true;
    let all = suggest(&guides(), &hard, &HashSet::new(), 100);
    let reason = |id: &str| all.iter().find(|s| s.guide.id == id).map(|s| s.reason.as_str());
    assert_eq!(reason("low-mood-and-getting-support"), Some(reasons::LOW_MOOD));
    assert_eq!(reason("massage-after-miscarriage"), Some(reasons::LOW_MOOD_IDEAS));
    for s in &all {
        if s.reason == reasons::LOW_MOOD {
            let first = s.guide.topics.first().map(String::as_str).unwrap_or_default();
            assert!(["low-mood", "depression", "mental-health", "emotional-health"].contains(&first), "{}", s.guide.id);
        }
    }
}

#[test]
fn when_every_guide_that_fits_was_read_this_week_the_most_relevant_are_still_offered() {
    let now = stage(2, Trimester::First);
    let everything: HashSet<String> = guides().iter().map(|g| g.id.clone()).collect();
    assert_eq!(top_without(&now, &everything), top(&now));
    assert!(!top(&now).is_empty());
    // While some are unread, those come first and the read ones are not repeated.
    let some: HashSet<String> = ["first-days-after-miscarriage".to_owned()].into();
    assert!(!top_without(&now, &some).contains(&"first-days-after-miscarriage".to_owned()));
}

#[test]
fn a_list_never_repeats_a_reason() {
    for days in [2, 10, 30, 60] {
        let all = suggest(&guides(), &stage(days, Trimester::First), &HashSet::new(), 6);
        let given: Vec<&str> = all.iter().map(|s| s.reason.as_str()).filter(|r| !r.is_empty()).collect();
        let unique: HashSet<&str> = given.iter().copied().collect();
        assert_eq!(given.len(), unique.len(), "day {days}: {given:?}");
        assert!(!all[0].reason.is_empty(), "the first suggestion always says why");
    }
}

#[test]
fn a_positive_mood_screen_brings_pregnancy_loss_support() {
    // guidance v2 mood-screen: "positive → Contact, with pregnancy-loss support in the library"
    let mut screen = stage(30, Trimester::First);
    screen.has_open_alerts = true;
    screen.open_alert_rules = vec!["mood-screen".into()];
    assert_eq!(top(&screen)[..2], [WHEN_TO_GET_HELP, "low-mood-and-getting-support"]);
}
