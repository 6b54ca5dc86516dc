//! The words of guidance version 2's later weeks (shared/clinical/guidance.md, "Readiness gates" and
//! "Expected-by markers"): gates with limits, the activities inside `baths-swimming-tampons-sex`, trying again
//! after a molar pregnancy or methotrexate, and period starts not counted as a period yet. Written the way
//! Mend speaks (shared/design/VOICE.md): plain, warm, never blaming; the why in a sentence.

use chrono::NaiveDate;

use super::date;
use crate::care::codes::{MarkerId, MarkerState};
use crate::journal::Activity;
use crate::journal::periods::NotCounted;

/// exercise-gentle while unresolved (cork-cumh, methotrexate-wait): "walking only and no heavy lifting".
pub const LIMITS_UNRESOLVED_EXERCISE: &str = "Walking is fine. While your pregnancy hormone is still being \
    followed up, no heavy lifting or harder exercise until your team says follow-up is complete.";

/// baths-swimming-tampons-sex while sex still waits (the others are open).
pub const LIMITS_NOT_SEX_YET: &str = "Baths, swimming and tampons are fine again. Sex is not yet: see below.";

/// Sex while unresolved (guidance: "for sex, not unresolved"; cruk-molar, methotrexate-wait).
pub const REASON_SEX_UNRESOLVED: &str = "While your pregnancy hormone is still being followed up, wait for sex \
    until your team says follow-up is complete.";

/// When sex opens (hse-recovery, cork-cumh): "you can become pregnant before your first period".
pub const NOTE_SEX: &str = "You can become pregnant before your first period. If you don't want to yet, use \
    contraception from the start.";

/// When sex opens after a molar pregnancy or methotrexate (cruk-molar, methotrexate-wait).
pub const NOTE_SEX_CONTRACEPTION: &str = "You can become pregnant before your first period. Please use \
    contraception until your team says otherwise.";

/// trying-again after a molar pregnancy (cruk-molar): "not ready until the specialist's go-ahead is recorded".
pub const REASON_MOLAR: &str = "After a molar pregnancy, wait until your specialist team says it's safe to try \
    again, and record their go-ahead in Mend once they have. Please use contraception until then.";

/// trying-again while unresolved (an interpretation: sex waits too, so trying again does).
pub const REASON_TRYING_UNRESOLVED: &str = "Your pregnancy hormone is still being followed up. Wait until your \
    team says follow-up is complete.";

/// trying-again after methotrexate (methotrexate-wait): "at least 3 months after the last dose".
pub fn reason_methotrexate(from: NaiveDate) -> String {
    format!(
        "After methotrexate, wait at least 3 months after the last dose before trying again (until {}), because \
         it can affect a new pregnancy. Please use contraception until then.",
        date(from)
    )
}

/// An activity inside `baths-swimming-tampons-sex`, in a word.
pub fn activity_title(activity: Activity) -> &'static str {
    match activity {
        Activity::Baths => "Baths",
        Activity::Swimming => "Swimming",
        Activity::Tampons => "Tampons",
        Activity::Sex => "Sex",
        Activity::Massage => "Massage",
        Activity::AbdominalMassage => "Tummy massage",
        Activity::DeepLegMassage => "Deep leg massage",
        Activity::Exercise => "Exercise",
        Activity::TryingAgain => "Trying again",
    }
}

/// The marking of a period start that isn't counted as a period yet.
pub const NOT_COUNTED: &str = "not counted as a period yet";

/// Why the period start logged on `day` isn't counted as a period yet, gently (hse-recovery, cork-cumh,
/// cruk-molar): it is kept in the journal.
pub fn period_not_counted(day: NaiveDate, why: NotCounted) -> String {
    let kept = format!("The period start you logged on {} is kept, but {NOT_COUNTED}:", date(day));
    match why {
        NotCounted::BleedingNotStopped => format!(
            "{kept} the bleeding after your loss hadn't stopped before it, so it may still be part of that \
             bleeding. If you're unsure, your GP or midwife can help."
        ),
        NotCounted::TooSoon { counts_from } => format!(
            "{kept} it came less than 3 weeks after your bleeding stopped, and a first period usually comes later \
             than that. A period start from {} counts.",
            date(counts_from)
        ),
        NotCounted::Unresolved => format!(
            "{kept} your pregnancy hormone was still being followed up then, and bleeding while it is isn't read \
             as a period."
        ),
    }
}

/// Every text of this module, with representative values, for the language tests.
pub fn course_texts() -> Vec<String> {
    let day = NaiveDate::from_ymd_opt(2026, 11, 12).expect("a date");
    let mut texts: Vec<String> = [
        LIMITS_UNRESOLVED_EXERCISE,
        LIMITS_NOT_SEX_YET,
        REASON_SEX_UNRESOLVED,
        NOTE_SEX,
        NOTE_SEX_CONTRACEPTION,
        REASON_MOLAR,
        REASON_TRYING_UNRESOLVED,
        NOT_COUNTED,
    ]
    .map(str::to_owned)
    .to_vec();
    texts.push(reason_methotrexate(day));
    texts.push(period_heavy_or_long(day));
    texts.push(TEST_REMINDER.to_owned());
    texts.push(passed_after_day_14(day));
    for (unknown, emphasis) in [(false, false), (false, true), (true, false), (true, true)] {
        texts.push(anti_d(unknown, emphasis));
    }
    texts.extend(Activity::ALL.iter().map(|a| activity_title(*a).to_owned()));
    for why in [NotCounted::BleedingNotStopped, NotCounted::TooSoon { counts_from: day }, NotCounted::Unresolved] {
        texts.push(period_not_counted(day, why));
    }
    texts
}

/// The messages of guidance version 2's new markers, by state (`on`: the day the journal showed it;
/// `contact_by`: from when not having happened means a call).
pub fn course_marker(id: MarkerId, state: MarkerState, contact_by: Option<NaiveDate>, on: Option<NaiveDate>) -> String {
    let by = contact_by.map(|d| format!(" (from {})", date(d))).unwrap_or_default();
    let on = on.map(|d| format!(" on {}", date(d))).unwrap_or_default();
    match (id, state) {
        (MarkerId::BleedingReturns, MarkerState::Overdue) => format!(
            "Bleeding came back{on} after it had stopped. If it isn't a period, please call your GP or early \
             pregnancy unit in the next few days. If it is your first period, you can log the day it started as a \
             period start."
        ),
        (MarkerId::BleedingReturns, _) => "If bleeding comes back after it has stopped and isn't a period, or a \
             period is much heavier than usual or lasts more than 7 days, call your GP or early pregnancy unit."
            .to_owned(),
        (MarkerId::MisoNoBleeding, MarkerState::Met) => format!("Bleeding started after your misoprostol{on}."),
        (MarkerId::MisoNoBleeding, MarkerState::Overdue) => "Mend hasn't seen bleeding logged in the 24 hours \
             since your misoprostol. If there has been none, please call your early pregnancy unit today, so they \
             can check how things are going."
            .to_owned(),
        (MarkerId::MisoNoBleeding, MarkerState::Pending) => format!(
            "Bleeding usually starts within about 24 hours of misoprostol. If there's none 24 hours after your \
             dose{by}, call your early pregnancy unit."
        ),
        (MarkerId::ExpectantNotStarted, MarkerState::Met) => format!(
            "Your bleeding or pain began{on}. If it is still going or getting worse 14 days after your loss{by}, \
             call your early pregnancy unit."
        ),
        (MarkerId::ExpectantNotStarted, MarkerState::Overdue) => "It has been 14 days. If there has been no \
             bleeding or pain, or it is still going or getting worse, please call your early pregnancy unit in \
             the next few days."
            .to_owned(),
        (MarkerId::ExpectantNotStarted, MarkerState::Pending) => format!(
            "While you wait at home, the pregnancy usually passes within 14 days. If there's no bleeding or pain \
             by then{by}, or it is still going or getting worse, call your early pregnancy unit."
        ),
        (MarkerId::HcgFollowUp, MarkerState::Met) => format!("Your follow-up was complete{on}."),
        (MarkerId::AntiD, _) => anti_d(false, false),
        (MarkerId::HcgFollowUp, _) => "Your unit or specialist centre follows your hCG, the pregnancy hormone, \
             until it says follow-up is complete. When it does, record it in Mend."
            .to_owned(),
        _ => String::new(),
    }
}

/// The bleeding-returns message when a period is heavier or longer than usual (nice-ng126, cork-cumh).
pub fn period_heavy_or_long(started: NaiveDate) -> String {
    format!(
        "The period that started on {} has been very heavy or has lasted more than 7 days. Please call your GP \
         in the next few days.",
        date(started)
    )
}

/// `anti-d` (nice-ng126), once at set-up: `unknown` when the person doesn't know their RhD status; `emphasis`
/// after a loss at 12 weeks or later or after surgery.
pub fn anti_d(unknown: bool, emphasis: bool) -> String {
    let first = if unknown {
        "If you don't know your blood group, ask your early pregnancy unit whether you need an anti-D injection."
    } else {
        "As your blood group is RhD negative, ask your early pregnancy unit whether you need an anti-D injection."
    };
    let when = if emphasis {
        " After a loss at 12 weeks or later, or after surgery, it is usually offered."
    } else {
        " It matters most after a loss at 12 weeks or later, or after surgery."
    };
    format!("{first} It works best within 72 hours.{when} Practice differs between countries.")
}

/// bleeding-returns when tissue passes after day 14 (nice-ng126, cork-cumh).
pub fn passed_after_day_14(on: NaiveDate) -> String {
    format!(
        "You logged passing something firm that wasn't a clot on {}, more than 2 weeks after your loss. Please \
         call your GP or early pregnancy unit in the next few days.",
        date(on)
    )
}

/// test-negative once 3 weeks have passed with no test since (nice-ng126): the reminder to do it.
pub const TEST_REMINDER: &str = "It has been 3 weeks since your loss: this is the time for a home pregnancy \
    test. If it is still positive, call your GP or early pregnancy unit.";
