//! `mood-screen` (shared/clinical/guidance.md version 2; whooley, pc-ptsd, farren-ptsd): opt-in, at about 4
//! weeks and 3 months after the loss, the two Whooley questions and the five PC-PTSD-5 questions. A screen is
//! positive when either Whooley answer is yes, or 3 or more of the 5 PC-PTSD-5 answers are: a `Contact` alert,
//! with pregnancy-loss support. Silent when the person has not turned the screens on (or turned them off).
//!
//! The form offers the screen from day 28 until it is answered or day 42, and from day 84 until it is answered
//! or day 98 ([`SCREEN_WINDOWS`], [`due`]); nothing else asks, so it never nags.

use super::{Evidence, HOLD, hit};
use crate::care::codes::Severity;
use crate::care::view::View;
use crate::care::words;
use crate::journal::CheckIn;

/// The form section that asks the screen (a check-in lists it in `answered` once gone through).
pub const SECTION: &str = "mood-screen";
/// The days after the loss the screen is offered in: from the first day, until the second (not included).
pub const SCREEN_WINDOWS: [(i64, i64); 2] = [(28, 42), (84, 98)];
/// A PC-PTSD-5 screen is positive at this many yes answers of 5.
pub const PTSD_POSITIVE: usize = 3;

/// Whether check-in `c`'s screen answers are positive: either Whooley answer yes, or 3 or more of the five
/// PC-PTSD-5 answers yes.
pub fn positive(c: &CheckIn) -> bool {
    let s = &c.data.signs;
    s.whooley_down || s.whooley_no_interest || s.ptsd_yes() >= PTSD_POSITIVE
}

/// Whether check-in `c` answers any screen question yes (an open `mood-screen` alert closes only on a later
/// screen with every answer no, or when a clinician has seen the person).
pub fn any_yes(c: &CheckIn) -> bool {
    let s = &c.data.signs;
    s.whooley_down || s.whooley_no_interest || s.ptsd_yes() > 0
}

/// `mood-screen`: a positive screen logged in the last [`HOLD`], when the person has the screens on.
pub(super) fn screen<'a>(view: &View<'a>) -> Evidence<'a> {
    if !view.mood_screens {
        return None;
    }
    let evidence: Vec<&CheckIn> = view.within(HOLD).iter().copied().filter(|c| positive(c)).collect();
    let latest = evidence.last()?;
    let s = &latest.data.signs;
    let message = words::mood_screen(s.whooley_down || s.whooley_no_interest, s.ptsd_yes() >= PTSD_POSITIVE);
    hit(evidence, message, Severity::Contact)
}

/// The screen window today falls in (its first day after the loss), if any.
fn window(view: &View<'_>) -> Option<i64> {
    let loss = view.loss?;
    let n = (view.today - loss.loss_date).num_days();
    SCREEN_WINDOWS.iter().find(|(from, to)| n >= *from && n < *to).map(|(from, _)| *from)
}

/// Whether the form offers the screen now: the person has turned the screens on, today is in a window, and no
/// check-in since the window began went through the screen.
pub(crate) fn due(view: &View<'_>) -> bool {
    let (true, Some(from), Some(loss)) = (view.mood_screens, window(view), view.loss) else { return false };
    let start = loss.loss_date + chrono::Duration::days(from);
    !view.recent.iter().any(|c| c.day >= start && c.data.answered.iter().any(|a| a == SECTION))
}
