//! Turning whatever a person types into a safe SQLite FTS5 query. The text is split into words (runs of
//! Unicode letters and digits); everything else — quotes, `*`, parentheses, `:`, `^`, emoji — is dropped, so
//! nothing typed can be read as FTS5 syntax. Each word is quoted as an FTS5 string (`"word"`), so `NOT`, `AND`,
//! `OR` and `NEAR` are words, never operators; the last word also matches as a prefix (`"perio" *`), for
//! search as you type. Common words ("when", "will", "my") are left out so a question finds its answer.

/// At most this many words are used (a pasted paragraph still makes a quick query).
pub const MAX_TERMS: usize = 12;
/// Longer "words" cannot match anything in the guides and are dropped.
const MAX_TERM_CHARS: usize = 40;

/// English words too common to help a search. Single letters are dropped anyway.
const STOP_WORDS_EN: &[&str] = &[
    "about", "after", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "been", "but", "by", "can",
    "could", "did", "do", "does", "doing", "don", "for", "from", "get", "had", "has", "have", "how", "if", "in",
    "into", "is", "it", "its", "just", "ll", "me", "my", "no", "not", "of", "on", "or", "our", "re", "should", "so",
    "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "to", "too", "us", "ve", "very",
    "was", "we", "were", "what", "when", "where", "which", "who", "why", "will", "with", "would", "you", "your",
];

/// The stop words for a locale (only English has a list so far).
pub fn stop_words(locale: &str) -> &'static [&'static str] {
    if locale == "en" || locale.starts_with("en-") { STOP_WORDS_EN } else { &[] }
}

/// The words of `text` a search uses: lowercased, de-duplicated, without stop words and single letters.
pub fn terms(text: &str, stop_words: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        let word: String = word.to_lowercase().chars().filter(|c| c.is_alphanumeric()).collect();
        let chars = word.chars().count();
        let single_letter = chars == 1 && !word.chars().all(|c| c.is_numeric());
        if word.is_empty() || single_letter || chars > MAX_TERM_CHARS || stop_words.contains(&word.as_str()) {
            continue;
        }
        if !out.contains(&word) {
            out.push(word);
        }
        if out.len() == MAX_TERMS {
            break;
        }
    }
    out
}

/// The FTS5 queries for a person's text: every word (`all`), and any word (`any`, only when there is more than
/// one word), to try when no guide has them all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FtsQuery {
    pub all: String,
    pub any: Option<String>,
}

/// Builds the queries, or `None` when the text has no usable words (an empty search finds nothing).
pub fn build(text: &str, stop_words: &[&str]) -> Option<FtsQuery> {
    let terms = terms(text, stop_words);
    let last = terms.len().checked_sub(1)?;
    // Terms hold only letters and digits, so quoting cannot be escaped; doubling quotes keeps it true regardless.
    let quoted: Vec<String> = terms
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let t = t.replace('"', "\"\"");
            if i == last { format!("\"{t}\" *") } else { format!("\"{t}\"") }
        })
        .collect();
    Some(FtsQuery { all: quoted.join(" "), any: (quoted.len() > 1).then(|| quoted.join(" OR ")) })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn words_are_quoted_and_the_last_is_a_prefix() {
        let q = build("Massage back-pain", STOP_WORDS_EN).unwrap();
        assert_eq!(q.all, "\"massage\" \"back\" \"pain\" *");
        assert_eq!(q.any.as_deref(), Some("\"massage\" OR \"back\" OR \"pain\" *"));
        assert_eq!(build("sciatica", STOP_WORDS_EN).unwrap(), FtsQuery { all: "\"sciatica\" *".into(), any: None });
    }

    #[test]
    fn syntax_and_stop_words_are_dropped() {
        assert_eq!(terms("when will my period come back?", STOP_WORDS_EN), ["period", "come", "back"]);
        assert_eq!(terms("\"guilt\" NOT (massage*) AND ^x:y", STOP_WORDS_EN), ["guilt", "massage"]);
        assert_eq!(terms("I'm so tired 😢 at 3 a.m.", STOP_WORDS_EN), ["tired", "3"]);
        assert_eq!(terms("Ní féidir liom codladh", &[]), ["ní", "féidir", "liom", "codladh"]);
        assert_eq!(terms("pain PAIN pain", STOP_WORDS_EN), ["pain"]);
        for nothing in ["", "   ", "\"", "NOT", "*", "()", "😢😢", "- : ^", "when will it"] {
            assert_eq!(build(nothing, STOP_WORDS_EN), None, "{nothing:?}");
        }
    }

    #[test]
    fn long_input_is_capped() {
        let essay = (0..100).map(|i| format!("word{i}")).collect::<Vec<_>>().join(" ");
        assert_eq!(terms(&essay, STOP_WORDS_EN).len(), MAX_TERMS);
        assert!(terms(&"x".repeat(500), STOP_WORDS_EN).is_empty());
    }

    proptest! {
        #[test]
        fn queries_hold_only_quoted_words(text in "\\PC{0,60}") {
            if let Some(q) = build(&text, STOP_WORDS_EN) {
                for part in q.all.split(' ') {
                    prop_assert!(part == "*" || (part.starts_with('"') && part.ends_with('"') && part.len() > 2), "{}", part);
                    prop_assert!(part.trim_matches('"').chars().all(|c| c.is_alphanumeric() || c == '*'));
                }
            }
        }
    }
}
