//! The mood screens (guidance version 2 `mood-screen`; whooley, pc-ptsd, farren-ptsd): offered only when turned
//! on, from day 28 until answered or day 42 and from day 84 until answered or day 98; positive at either Whooley
//! answer yes or 3 of 5 PC-PTSD-5 answers yes; silent when turned off. Each scenario quotes its guidance phrase.

use chrono::Duration;

use super::support::*;
use crate::care::{RuleId, Severity, assess, form};
use crate::fixtures::{TempMend, checkin_at};
use crate::journal::{CheckIn, CheckInData};

fn offered(j: &J, n: i64) -> bool {
    let input = j.input(day(n));
    let view = crate::care::view::View::new(&input);
    form::form(&view, &[]).sections.iter().any(|s| s.id == "mood-screen")
}

fn on() -> J {
    J { mood_screens: true, ..J::first() }
}

fn screen(at: chrono::DateTime<chrono::Utc>, edit: fn(&mut CheckInData)) -> CheckIn {
    ci(at, |d| {
        d.answered = vec!["mood-screen".into()];
        edit(d);
    })
}

#[test]
fn the_screen_is_offered_in_its_windows_until_answered() {
    // guidance: mood-screen "opt-in, at about 4 weeks and 3 months after the loss"; the issue: "offered from day
    // 28 until answered or day 42, and from day 84 to day 98"
    let j = on();
    for (n, expected) in
        [(27, false), (28, true), (41, true), (42, false), (83, false), (84, true), (97, true), (98, false)]
    {
        assert_eq!(offered(&j, n), expected, "day {n}");
    }
    // Answered on day 30 (every answer no): not offered again in that window, offered again at day 84.
    let answered = on().with(screen(day(30), |_| {}));
    assert!(!offered(&answered, 31));
    assert!(offered(&answered, 84));
    // Skipped (a check-in that doesn't go through it): still offered, and nothing else asks.
    let skipped = on().with(ci(day(30), |d| d.mood = Some(5)));
    assert!(offered(&skipped, 31));
    assert!(skipped.at(day(31)).findings.is_empty());
}

#[test]
fn the_screen_is_never_offered_when_turned_off_or_not_chosen() {
    // The issue: "the screens can be skipped or turned off at any time and never nag"
    let off = J::first();
    assert!((20..100).all(|n| !offered(&off, n)));
}

#[test]
fn a_positive_screen_is_a_contact_alert_and_silent_when_turned_off() {
    // guidance: mood-screen "a positive screen" → Contact
    let positive = on().with(screen(day(30), |d| d.signs.whooley_down = true));
    let f = positive.finding(RuleId::MoodScreen, day(30) + Duration::minutes(5)).expect("positive");
    assert_eq!(f.severity, Severity::Contact);
    assert!(f.message.contains("pregnancy-loss support"), "{}", f.message);
    let off = J { mood_screens: false, ..positive.clone() };
    assert!(off.finding(RuleId::MoodScreen, day(30) + Duration::minutes(5)).is_none());
    // Mood alerts never close massage or exercise.
    let gates =
        assess(&crate::care::CareInput { mood_screens: true, ..positive.input(day(30) + Duration::minutes(5)) })
            .readiness;
    assert!(gates.iter().all(|g| g.reasons.iter().all(|r| !r.contains("open alert"))), "{gates:?}");
}

#[test]
fn through_the_journal_turning_the_screens_on_offers_them_and_turning_them_off_silences_them() {
    let mut mend = TempMend::with_loss(day(28), loss_date(), 9);
    let form_has_screen =
        |mend: &TempMend| mend.care().checkin_form(day(28)).unwrap().sections.iter().any(|s| s.id == "mood-screen");
    assert!(!form_has_screen(&mend), "not chosen yet: never offered");
    assert_eq!(mend.journal().set_mood_screens(true).unwrap().mood_screens, Some(true));
    assert!(form_has_screen(&mend));
    let answers = checkin_at(day(28), |d| {
        d.answered = vec!["mood-screen".into()];
        (d.signs.ptsd_memories, d.signs.ptsd_avoiding, d.signs.ptsd_numb) = (true, true, true);
    });
    let (_, raised) = mend.journal().add_checkin_with_alerts(answers).unwrap();
    assert_eq!(
        raised.iter().map(|a| (a.rule, a.severity)).collect::<Vec<_>>(),
        [(RuleId::MoodScreen, Severity::Contact)]
    );
    assert!(!form_has_screen(&mend), "answered: not asked again in this window");
    mend.reopen(day(29));
    mend.journal().set_mood_screens(false).unwrap();
    assert!(mend.care().alerts(true).unwrap().is_empty(), "silent when turned off");
}
