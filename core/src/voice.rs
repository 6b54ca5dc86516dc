//! How Mend must never sound (shared/design/VOICE.md), as word lists every engine's tests share: words that
//! wound or blame, and pregnancy-progress language, which nothing Mend shows after a loss may contain. App texts
//! (alerts, reminders, suggestion reasons, the CLI) are held to more: they never mention a due date at all, while
//! a guide about hard dates may name one gently (never counting down to it).

/// Words that wound or blame, lower-case. Never used anywhere.
pub const WOUNDING: &[&str] = &[
    "abortion",
    "aborter",
    "failed",
    "failure",
    "fetus",
    "foetus",
    "fetal",
    "products of conception",
    "incompetent cervix",
    "habitual",
    "tissue",
    "you should have",
];

/// Pregnancy-progress language, lower-case. Never used after a loss.
pub const PREGNANCY_PROGRESS: &[&str] = &[
    "weeks pregnant",
    "week pregnant",
    "months pregnant",
    "weeks along",
    "until your due",
    "days until your due",
    "due date is in",
    "countdown to",
    "count down to your",
    "days to go",
    "weeks to go",
    "baby is the size",
    "baby is about the size",
    "baby is now",
    "size of your baby",
    "baby size",
    "baby's size",
    "congratulations",
    "congrats",
    "your growing baby",
    "your bump",
];

/// Further phrases an app text never uses (a guide may, gently).
pub const NOT_IN_APP_TEXT: &[&str] = &["due date", "due-date", "countdown"];

/// Words that name a massage-like practice (for finding claims about massage in a moderator's words).
pub const MASSAGE_PRACTICES: &[&str] = &[
    "massage",
    "bodywork",
    "body work",
    "reflexology",
    "abdominal therapy",
    "womb therapy",
    "uterine therapy",
    "maya abdominal",
    "mayan",
    "rebozo",
    "belly rub",
    "manual therapy",
    "hands-on",
];

/// Each claim with its paraphrases (lower case; matched inside the sentence).
/// Claims the evidence does not support (shared/clinical/guidance.md, "Not supported — never claim"), each with
/// its paraphrases, lower case. A moderator's pack is checked against them (`groups::checks`); the code names
/// are `groups::checks::Claim`'s, in its order.
pub const UNSUPPORTED_CLAIMS: [(&str, &[&str]); 5] = [
    (
        "expels_tissue",
        &[
            "expel",
            "flush out",
            "clear out",
            "push out",
            "leftover tissue",
            "remaining tissue",
            "retained tissue",
            "tissue left behind",
            "what is left in the womb",
            "what's left in the womb",
            "old blood",
            "stale blood",
            "trapped blood",
            "release clots",
            "clots out",
            "clear the womb",
            "empty the womb",
            "cleans the womb",
            "cleanse the womb",
        ],
    ),
    (
        "repositions_womb",
        &[
            "reposition",
            "tilted uterus",
            "tilted womb",
            "tipped uterus",
            "tipped womb",
            "back into place",
            "back into position",
            "realign",
            "lift the womb",
            "lift the uterus",
            "move your womb",
            "move the womb",
            "move the uterus",
            "displaced uterus",
            "fallen womb",
        ],
    ),
    (
        "detoxifies",
        &[
            "detox",
            "toxin",
            "toxic build",
            "purif",
            "cleanse your body",
            "cleanses the body",
            "flush hormones",
            "flushes hormones",
            "clear excess hormones",
            "drain the lymph of",
        ],
    ),
    (
        "balances_hormones",
        &[
            "balance hormones",
            "balance your hormones",
            "balances hormones",
            "balances your hormones",
            "hormonal balance",
            "hormone balance",
            "rebalanc",
            "regulate your hormones",
            "regulates hormones",
            "reset your hormones",
            "resets your hormones",
            "harmonise your hormones",
            "harmonize your hormones",
            "fix your hormones",
            "hormones back on track",
        ],
    ),
    (
        "restores_fertility",
        &[
            "restore fertility",
            "restores fertility",
            "restore your fertility",
            "boost fertility",
            "boosts fertility",
            "boost your fertility",
            "improve fertility",
            "improves fertility",
            "improve your fertility",
            "increase fertility",
            "enhance fertility",
            "help you conceive",
            "helps you conceive",
            "conceive faster",
            "pregnant faster",
            "pregnant sooner",
            "chances of conceiving",
            "chance of conceiving",
            "more fertile",
            "fertility massage",
        ],
    ),
];

fn found(lists: &[&'static [&'static str]], text: &str) -> Vec<&'static str> {
    let lower = text.to_lowercase();
    lists.iter().flat_map(|list| list.iter().copied()).filter(|phrase| lower.contains(phrase)).collect()
}

/// Every wounding or pregnancy-progress phrase in a guide's text (case-insensitive). Empty when it is fine.
pub fn guide_text_problems(text: &str) -> Vec<&'static str> {
    found(&[WOUNDING, PREGNANCY_PROGRESS], text)
}

/// Every phrase an app text must not contain (the guide lists and [`NOT_IN_APP_TEXT`]). Empty when it is fine.
pub fn app_text_problems(text: &str) -> Vec<&'static str> {
    found(&[WOUNDING, PREGNANCY_PROGRESS, NOT_IN_APP_TEXT], text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lists_catch_progress_language_and_wounding_words() {
        assert_eq!(app_text_problems("You are 9 Weeks Pregnant"), vec!["weeks pregnant"]);
        assert_eq!(app_text_problems("Your baby is the size of a lemon"), vec!["baby is the size"]);
        assert_eq!(
            app_text_problems("12 days until your due date"),
            vec!["until your due", "days until your due", "due date"]
        );
        assert_eq!(app_text_problems("The pregnancy failed"), vec!["failed"]);
        assert_eq!(app_text_problems("Retained products of conception"), vec!["products of conception"]);
        assert!(app_text_problems("Abortion").contains(&"abortion"));
        assert!(app_text_problems("Your loss at 9 weeks. Clots the size of a golf ball.").is_empty());
    }

    #[test]
    fn a_guide_may_name_a_due_date_but_an_app_text_may_not() {
        let gentle = "Anniversaries and due dates can be hard. Mend does not count down to any of these dates.";
        assert!(guide_text_problems(gentle).is_empty());
        assert_eq!(app_text_problems(gentle), vec!["due date"]);
        assert_eq!(
            guide_text_problems("Only 12 weeks to go until your due date"),
            vec!["until your due", "weeks to go"]
        );
    }
}
