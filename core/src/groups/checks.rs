//! Publishing checks: before a pack goes out, Mend reads it as a careful colleague would and tells the moderator
//! what it found and why. It is not censorship: the moderator decides, and a finding never stops a pack.
//!
//! What it looks for:
//! - **claims the evidence does not support** (shared/clinical/guidance.md, "Not supported — never claim"): that
//!   massage expels remaining tissue or clots, repositions the womb, detoxifies, balances hormones, or restores
//!   fertility. A sentence makes such a claim when it names a massage-like practice and a claim phrase (each
//!   claim has many paraphrases) and no denial comes before the phrase in the same stretch of the sentence:
//!   "massage can't move your womb" and "there is no evidence that massage boosts fertility" are denials, so
//!   Mend's own guides, which state these claims only to deny them, raise nothing; a "but" or "however" ends a
//!   denial's reach;
//! - **pregnancy-progress wording** (the voice tests' list) in an item without the `pregnancy` content note;
//! - **hotlines last verified more than 6 months ago** (numbers change: pages still give lines replaced years
//!   ago).

use chrono::{Duration, NaiveDate};
use serde::Serialize;

use super::items::{ContentNote, Item, ItemBody};

/// How old a hotline's last verification may be before the moderator is asked to check it again.
pub const HOTLINE_RECHECK: Duration = Duration::days(183);

/// A claim the guidance says never to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Claim {
    ExpelsTissue,
    RepositionsWomb,
    Detoxifies,
    BalancesHormones,
    RestoresFertility,
}

impl Claim {
    /// Every claim, in the order of [`UNSUPPORTED_CLAIMS`].
    pub const ALL: [Claim; 5] = [
        Claim::ExpelsTissue,
        Claim::RepositionsWomb,
        Claim::Detoxifies,
        Claim::BalancesHormones,
        Claim::RestoresFertility,
    ];
}

impl Claim {
    /// Why it is flagged, in words for the moderator.
    pub fn why(self) -> &'static str {
        match self {
            Claim::ExpelsTissue => {
                "massage does not clear what remains of a pregnancy, or clots; if anything remains, a clinician \
                 should advise"
            }
            Claim::RepositionsWomb => "massage does not reposition the womb",
            Claim::Detoxifies => "massage does not detoxify hormones or the body",
            Claim::BalancesHormones => "massage does not restore hormonal balance",
            Claim::RestoresFertility => "massage does not restore or boost fertility",
        }
    }
}

/// What a check found, for the moderator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Finding {
    /// An unsupported claim: the item, the words that made it, and why it is flagged.
    Claim { item: String, claim: Claim, phrase: &'static str, why: &'static str },
    /// Pregnancy-progress wording in an item without the `pregnancy` content note.
    ProgressWording { item: String, phrase: &'static str },
    /// A hotline last verified more than [`HOTLINE_RECHECK`] ago.
    StaleHotline { item: String, last_verified: NaiveDate },
}

impl Finding {
    /// What the moderator is told, naming the item and the words that were noticed (the moderator's own).
    pub fn words(&self) -> String {
        match self {
            Finding::Claim { item, phrase, why, .. } => format!("{item}: \"{phrase}\" reads as a claim that {why}."),
            Finding::ProgressWording { item, phrase } => format!(
                "{item}: \"{phrase}\" talks about pregnancy progress; add the content note `pregnancy` so members \
                 can choose before reading."
            ),
            Finding::StaleHotline { item, last_verified } => format!(
                "{item}: last verified {last_verified}, more than six months ago. Check the number still works, \
                 then update last_verified."
            ),
        }
    }
}

use crate::voice::{MASSAGE_PRACTICES as PRACTICES, UNSUPPORTED_CLAIMS};

/// Words that deny what follows them.
const DENIALS: &[&str] = &[
    "not ",
    "n't",
    "no ",
    "never",
    "cannot",
    "nothing",
    "myth",
    "unproven",
    "no evidence",
    "isn't true",
    "untrue",
    "false",
    "claims that",
    "claim that",
    "claims to",
    "be wary",
    "beware",
    "avoid anyone",
    "say no",
];

/// Words that end a denial's reach within a sentence.
const TURNS: &[&str] = &[" but ", " however", " yet ", " although ", " though ", " and it will ", " and will "];

/// Every finding for `items`, checked against `today`. Empty when nothing needs the moderator's attention.
pub fn check(items: &[Item], today: NaiveDate) -> Vec<Finding> {
    let mut findings = Vec::new();
    for item in items {
        let text = readable_text(item);
        for (claim, phrase) in claims_in(&text) {
            findings.push(Finding::Claim { item: item.id.clone(), claim, phrase, why: claim.why() });
        }
        if !item.content_notes.contains(&ContentNote::Pregnancy) {
            let lower = text.to_lowercase();
            for phrase in crate::voice::PREGNANCY_PROGRESS.iter().filter(|p| lower.contains(*p)) {
                findings.push(Finding::ProgressWording { item: item.id.clone(), phrase });
            }
        }
        if let ItemBody::Hotline(_) = item.body
            && today - item.last_verified > HOTLINE_RECHECK
        {
            findings.push(Finding::StaleHotline { item: item.id.clone(), last_verified: item.last_verified });
        }
    }
    findings
}

/// The unsupported claims `text` makes, each once, with the phrase that made it.
pub fn claims_in(text: &str) -> Vec<(Claim, &'static str)> {
    let mut found: Vec<(Claim, &'static str)> = Vec::new();
    for sentence in sentences(&text.to_lowercase()) {
        if !PRACTICES.iter().any(|p| sentence.contains(p)) {
            continue;
        }
        for (claim, phrases) in Claim::ALL.iter().zip(UNSUPPORTED_CLAIMS.iter().map(|(_, phrases)| *phrases)) {
            if found.iter().any(|(c, _)| c == claim) {
                continue;
            }
            let made = phrases
                .iter()
                .find(|phrase| sentence.match_indices(*phrase).any(|(at, _)| !denied_before(&sentence[..at])));
            if let Some(phrase) = made {
                found.push((*claim, phrase));
            }
        }
    }
    found
}

/// Whether the words before a claim phrase deny it: a denial with no turn ("but", "however") after it.
fn denied_before(before: &str) -> bool {
    let last_turn = TURNS.iter().filter_map(|t| before.rfind(t).map(|i| i + t.len())).max().unwrap_or(0);
    let reach = &before[last_turn..];
    let padded = format!(" {reach}");
    DENIALS.iter().any(|d| padded.contains(d))
}

/// Sentences, split at full stops, question and exclamation marks, semicolons and line breaks.
fn sentences(text: &str) -> impl Iterator<Item = &str> {
    text.split(['.', '!', '?', ';', '\n']).map(str::trim).filter(|s| !s.is_empty())
}

/// Everything in an item a member reads.
fn readable_text(item: &Item) -> String {
    match &item.body {
        ItemBody::Article { title, markdown } => format!("{title}\n{markdown}"),
        ItemBody::Meeting(m) => format!("{}\n{}", m.title, m.details.as_deref().unwrap_or("")),
        ItemBody::Service(s) => format!("{}\n{}", s.name, s.details.as_deref().unwrap_or("")),
        ItemBody::Hotline(h) => format!("{}\n{}", h.name, h.hours.as_deref().unwrap_or("")),
    }
}

#[cfg(test)]
mod tests;
