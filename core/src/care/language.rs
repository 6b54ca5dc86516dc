//! The language check shared by every engine that speaks to a person after a loss (shared/design/VOICE.md):
//! no pregnancy-progress language (weeks pregnant, due-date countdowns, baby sizes, "congratulations") and none
//! of the words that wound ("abortion", "failed", "fetus", "products of conception"…). Library and reminders
//! tests reuse [`pregnancy_progress_words`] over their own texts.

/// Phrases Mend never says after a loss, lower-case.
pub const FORBIDDEN: &[&str] = &[
    // Pregnancy progress.
    "weeks pregnant",
    "week pregnant",
    "months pregnant",
    "weeks along",
    "due date",
    "due-date",
    "until your due",
    "days to go",
    "countdown",
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
    // Words that wound or blame.
    "abortion",
    "aborter",
    "failed",
    "failure",
    "fetus",
    "foetus",
    "fetal",
    "products of conception",
    "incompetent cervix",
    "you should have",
];

/// Every forbidden phrase found in `text` (case-insensitive), in the order of [`FORBIDDEN`]. Empty when the
/// text is fine.
pub fn pregnancy_progress_words(text: &str) -> Vec<&'static str> {
    let lower = text.to_lowercase();
    FORBIDDEN.iter().copied().filter(|phrase| lower.contains(phrase)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scanner_finds_progress_language_and_wounding_words() {
        assert_eq!(pregnancy_progress_words("You are 9 Weeks Pregnant!"), vec!["weeks pregnant"]);
        assert_eq!(pregnancy_progress_words("Your baby is the size of a lemon"), vec!["baby is the size"]);
        assert_eq!(pregnancy_progress_words("12 days until your due date"), vec!["due date", "until your due"]);
        assert_eq!(pregnancy_progress_words("The pregnancy failed"), vec!["failed"]);
        assert_eq!(pregnancy_progress_words("Retained products of conception"), vec!["products of conception"]);
        assert_eq!(pregnancy_progress_words("Fetus"), vec!["fetus"]);
        assert!(pregnancy_progress_words("Abortion").contains(&"abortion"));
        assert!(pregnancy_progress_words("Your loss at 9 weeks. Clots the size of a golf ball.").is_empty());
    }
}
