//! "For you now": a few guides that fit where the person is, ranked, each with a plain reason. A pure function
//! over a [`Stage`] (filled from the journal by [`Stage::from_journal`]; the care engine's open alerts are
//! added by whoever holds them), the guides and what was read in the last week.
//!
//! Rules: a guide outside its stage (days since the loss, trimester, bleeding) is never suggested; with open
//! alerts, "When to get help" always comes first; guides read in the last 7 days are not repeated (except that
//! one); guides about a new pregnancy are never pushed, only found by search; ties break by id, so the same
//! stage always gives the same list.

use std::collections::HashSet;

use chrono::{Duration, NaiveDate};
use serde::Serialize;

use super::model::{Guide, Suggestion};
use crate::journal::insights::Insights;
use crate::journal::{Loss, Reading, Trimester};

/// How many suggestions unless asked otherwise.
pub const DEFAULT_LIMIT: usize = 3;
/// A check-in mood at or below this (0-10) counts as low.
pub const LOW_MOOD_AT_MOST: u8 = 3;
/// Low mood and reading are looked at over this many days (today and the days before).
pub const RECENT_DAYS: i64 = 7;
/// The guide always shown first while an alert is open.
pub const WHEN_TO_GET_HELP: &str = "when-to-get-help";
/// Topics that make a guide one about mood and support when they come first.
const MOOD_TOPICS: &[&str] = &["low-mood", "depression", "mental-health", "emotional-health"];
/// Topics never suggested unprompted (a new pregnancy is the person's news to bring, not ours).
pub const NEVER_PUSHED: &[&str] = &["pregnancy-after-loss", "trying-again", "future-pregnancy"];

/// Where the person is in their recovery.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Stage {
    /// Days since the current loss (0 on the day); `None` when no loss is recorded.
    pub days_since_loss: Option<i64>,
    pub trimester: Option<Trimester>,
    /// Bleeding has stopped by the guidance's definition (false while bleeding or when not yet known).
    pub bleeding_stopped: bool,
    /// Any bleeding has been logged since the loss (so "while you are still bleeding" is true, not assumed).
    pub bleeding_logged: bool,
    /// A check-in in the last 7 days had mood at or below [`LOW_MOOD_AT_MOST`].
    pub low_mood: bool,
    /// The care engine has at least one open alert.
    pub has_open_alerts: bool,
    /// The care engine's rule ids for the open alerts (e.g. `bleeding-soaking`, `clot-leg`).
    pub open_alert_rules: Vec<String>,
}

impl Stage {
    /// Adds the care engine's open alerts: when any is open, "when to get help" comes first, and guides on the
    /// alerts' topics rank higher.
    pub fn with_alerts(mut self, alerts: &[crate::care::Alert]) -> Stage {
        let open: Vec<&crate::care::Alert> = alerts.iter().filter(|a| a.open).collect();
        self.has_open_alerts = !open.is_empty();
        self.open_alert_rules = open.iter().map(|a| a.rule.code().to_owned()).collect();
        self
    }

    /// The stage from the journal as of `today` (no alerts: the care engine adds those).
    pub fn from_journal<R: Reading>(
        loss: Option<&Loss>,
        insights: &Insights,
        checkins: &[R],
        today: NaiveDate,
    ) -> Stage {
        let since = today - Duration::days(RECENT_DAYS - 1);
        Stage {
            days_since_loss: insights.days_since_loss.filter(|d| *d >= 0),
            trimester: loss.map(Loss::trimester),
            bleeding_stopped: insights.bleeding.has_stopped(),
            bleeding_logged: insights.bleeding.first_day.is_some(),
            low_mood: checkins
                .iter()
                .any(|c| c.day() >= since && c.day() <= today && c.mood().is_some_and(|m| m <= LOW_MOOD_AT_MOST)),
            has_open_alerts: false,
            open_alert_rules: Vec::new(),
        }
    }
}

/// Whether `guide` is written for this stage. Without a recorded loss only guides for any time after any
/// loss fit.
pub fn fits(guide: &Guide, stage: &Stage) -> bool {
    let s = &guide.stages;
    let days_fit = match stage.days_since_loss {
        Some(days) => days >= i64::from(s.days_from) && s.days_to.is_none_or(|to| days <= i64::from(to)),
        None => s.days_from == 0 && s.days_to.is_none(),
    };
    let trimester_fits = s.trimesters.is_empty() || stage.trimester.is_some_and(|t| s.trimesters.contains(&t));
    let bleeding_fits = s.bleeding_stopped.is_none_or(|wanted| wanted == stage.bleeding_stopped);
    days_fit && trimester_fits && bleeding_fits
}

/// The topics an open alert's rule is about (rule ids as in shared/clinical/guidance.md).
fn alert_topics(rule: &str) -> &'static [&'static str] {
    let family = rule.split('-').next().unwrap_or(rule);
    match family {
        "bleeding" => &["bleeding"],
        "fever" | "discharge" => &["infection"],
        "pain" => &["pain"],
        "ectopic" => &["ectopic", "pain"],
        "clot" => &["blood-clots"],
        "mood" => &["crisis", "low-mood"],
        "test" => &["pregnancy-test", "hcg"],
        "first" => &["first-period", "periods"],
        _ => &[],
    }
}

/// Reasons, in the words Mend uses (shared/design/VOICE.md).
mod reasons {
    pub const ALERT: &str = "Something you logged needs checking. This guide says what to do and whom to call.";
    pub const ALERT_TOPIC: &str = "This is about something you logged that needs checking.";
    pub const LOW_MOOD: &str = "Some of your recent check-ins have been very hard. Support can help.";
    pub const LOW_MOOD_IDEAS: &str =
        "Some of your recent check-ins have been very hard. This has gentle ideas that help some people.";
    pub const FEELINGS: &str =
        "Some of your recent check-ins have been very hard. This is about feelings after a loss.";
    pub const TRIMESTER: &str = "This matters in the weeks after a loss in the second or third trimester.";
    pub const BLEEDING: &str = "While you are still bleeding, this explains what is usual and what needs care.";
    pub const BLEEDING_WEEKS: &str = "What bleeding is usual in the weeks after a loss, and when it needs care.";
    pub const STOPPED: &str = "Now that your bleeding has stopped, this may be useful.";
    pub const FIRST_DAYS: &str = "For the first days after your loss.";
    pub const EARLY_BODY: &str = "About how your body recovers in the first weeks.";
    pub const AROUND_NOW: &str = "Many people start to wonder about this around now.";
    pub const ANY_TIME: &str = "Something many people find helpful at any point after a loss.";
    pub const FROM_GROUP: &str = "Shared by a group you joined.";
}

/// A guide's score for this stage and the reason its strongest factor gives.
fn score(guide: &Guide, stage: &Stage) -> (i32, &'static str) {
    if guide.source != super::model::ItemSource::Mend {
        // A group's article has no stages or topics of Mend's: offered after the guides that fit.
        return (0, reasons::FROM_GROUP);
    }
    let has = |topic: &str| guide.topics.iter().any(|t| t == topic);
    let s = &guide.stages;
    let mut factors: Vec<(i32, &'static str)> = vec![(5, reasons::ANY_TIME)];
    if stage.has_open_alerts && guide.id == WHEN_TO_GET_HELP {
        factors.push((1000, reasons::ALERT));
    }
    let alert_match = stage.open_alert_rules.iter().flat_map(|r| alert_topics(r)).any(|t| has(t));
    if alert_match && (has("red-flags") || has("crisis")) {
        factors.push((200, reasons::ALERT_TOPIC));
    }
    if stage.low_mood {
        // "Support can help" only where support is what the guide is about (a massage guide mentions low mood
        // among what massage eases: its reason says so).
        let about_mood = guide.topics.first().is_some_and(|t| MOOD_TOPICS.contains(&t.as_str()));
        if about_mood {
            factors.push((90, reasons::LOW_MOOD));
        } else if has("low-mood") || has("depression") {
            factors.push((50, reasons::LOW_MOOD_IDEAS));
        } else if has("feelings") || has("grief") {
            factors.push((40, reasons::FEELINGS));
        }
    }
    if !s.trimesters.is_empty() {
        factors.push((60, reasons::TRIMESTER));
    }
    match s.bleeding_stopped {
        Some(false) if stage.bleeding_logged => factors.push((45, reasons::BLEEDING)),
        Some(false) => factors.push((45, reasons::BLEEDING_WEEKS)),
        Some(true) => factors.push((35, reasons::STOPPED)),
        None => {}
    }
    let days = stage.days_since_loss.unwrap_or(i64::MAX);
    if has("red-flags") && days <= 28 {
        // Early on, knowing which signs need care matters most.
        factors.push((10, reasons::EARLY_BODY));
    }
    if s.days_from == 0 && s.days_to.is_some_and(|to| to <= 14) {
        factors.push((80, reasons::FIRST_DAYS));
    } else if has("physical-recovery") && days <= 28 && s.days_to.is_some() {
        factors.push((20, reasons::EARLY_BODY));
    } else if s.days_from >= 7 && days - i64::from(s.days_from) < 21 {
        factors.push((15, reasons::AROUND_NOW));
    } else if s.days_to.is_some() {
        factors.push((10, reasons::AROUND_NOW));
    }
    let total = factors.iter().map(|(points, _)| points).sum();
    let reason = factors.iter().max_by_key(|(points, _)| *points).map(|(_, r)| *r).unwrap_or(reasons::ANY_TIME);
    (total, reason)
}

/// The `limit` guides to suggest for `stage`, best first. `recently_read` holds ids read in the last 7 days.
/// When every guide that fits was read this week, the most relevant are offered again rather than nothing. A
/// reason is given once: a later guide with the same reason has none (`""`), so a list never repeats itself.
pub fn suggest(guides: &[&Guide], stage: &Stage, recently_read: &HashSet<String>, limit: usize) -> Vec<Suggestion> {
    let fresh = ranked(guides, stage, recently_read, limit);
    let mut list = if fresh.is_empty() { ranked(guides, stage, &HashSet::new(), limit) } else { fresh };
    let mut given: Vec<String> = Vec::new();
    for s in &mut list {
        if given.contains(&s.reason) {
            s.reason.clear();
        } else {
            given.push(s.reason.clone());
        }
    }
    list
}

fn ranked(guides: &[&Guide], stage: &Stage, recently_read: &HashSet<String>, limit: usize) -> Vec<Suggestion> {
    let mut ranked: Vec<(i32, &str, &Guide)> = guides
        .iter()
        .filter(|g| fits(g, stage))
        .filter(|g| !g.topics.iter().any(|t| NEVER_PUSHED.contains(&t.as_str())))
        .filter(|g| {
            let forced = stage.has_open_alerts && g.id == WHEN_TO_GET_HELP;
            forced || !recently_read.contains(&g.id)
        })
        .map(|g| {
            let (points, reason) = score(g, stage);
            (points, reason, *g)
        })
        .collect();
    let from_group = |g: &Guide| g.source != super::model::ItemSource::Mend;
    ranked.sort_unstable_by(|a, b| {
        from_group(a.2).cmp(&from_group(b.2)).then(b.0.cmp(&a.0)).then_with(|| a.2.id.cmp(&b.2.id))
    });
    ranked
        .into_iter()
        .take(limit)
        .map(|(_, reason, guide)| Suggestion { guide: guide.summary(), reason: reason.to_owned() })
        .collect()
}

#[cfg(test)]
mod tests;
