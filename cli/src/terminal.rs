//! Text bound for a terminal, made safe: anything from outside Mend (a medication name, a memorial's name, a
//! reminder title, a note, a crafted import) could carry escape sequences that clear the screen, move the
//! cursor or retitle the window, or bidi overrides that make text read backwards. Every human line Mend
//! prints passes through [`escape`], which shows such characters as visible `\u{…}` codes. The two styles
//! Mend itself prints (bold on and off) are kept; so are new lines and tabs. JSON output is not passed
//! through here: it stays exact.

use std::borrow::Cow;

/// Mend's own styles, kept as they are (see `guide_text::bold_markers`).
const OWN_STYLES: [&str; 2] = ["\x1b[1m", "\x1b[0m"];

/// Whether `c` must not reach a terminal raw: control characters other than new line and tab (C0, DEL, C1),
/// the bidirectional formatting characters, and the line and paragraph separators.
fn unsafe_char(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        || matches!(c, '\u{2028}' | '\u{2029}')
}

/// `text` with every unsafe character shown as `\u{…}`, Mend's own bold markers kept.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if let Some(style) = OWN_STYLES.iter().find(|s| rest.starts_with(**s)) {
            out.push_str(style);
            rest = &rest[style.len()..];
            continue;
        }
        if unsafe_char(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_and_bidi_overrides_are_shown_not_obeyed() {
        assert_eq!(escape("Iron\x1b[2J\x1b]0;owned\x07"), "Iron\\u{1b}[2J\\u{1b}]0;owned\\u{7}");
        assert_eq!(escape("Lily\u{202e}gnp.exe"), "Lily\\u{202e}gnp.exe");
        assert_eq!(escape("a\rb\u{9b}c\u{7f}"), "a\\u{d}b\\u{9b}c\\u{7f}");
        assert_eq!(escape("a\u{2028}b\u{2066}c"), "a\\u{2028}b\\u{2066}c");
    }

    #[test]
    fn plain_text_lines_tabs_and_mends_own_bold_pass_unchanged() {
        let plain = "Rest today.\n\tTake it gently — ça va, 大丈夫";
        assert!(matches!(escape(plain), Cow::Borrowed(_)));
        assert_eq!(
            escape("\x1b[1mTitle\x1b[0m and \x1b[31mred\x1b[0m"),
            "\x1b[1mTitle\x1b[0m and \\u{1b}[31mred\x1b[0m"
        );
    }
}
