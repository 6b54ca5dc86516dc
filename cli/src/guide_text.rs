//! How the Library reads in a terminal: a guide laid out as wrapped text with numbered references and its
//! sources at the end, links to other guides shown with the command that opens them, search snippets with the
//! match in bold. Bold is ANSI only when printing to a terminal (and `NO_COLOR` is not set).

use std::io::IsTerminal;

use mend_core::library::text::{TextStyle, render};
use mend_core::library::{Catalog, Guide, Reference};

const BOLD: (&str, &str) = ("\x1b[1m", "\x1b[0m");

/// Bold markers for stdout: ANSI on a terminal, nothing otherwise.
pub fn bold_markers() -> (&'static str, &'static str) {
    if std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none() { BOLD } else { ("", "") }
}

/// The width to wrap at: `COLUMNS` when set, else 80, kept between 40 and 100.
pub fn width() -> usize {
    std::env::var("COLUMNS").ok().and_then(|c| c.trim().parse().ok()).unwrap_or(80).clamp(40, 100)
}

/// The command that opens a guide.
pub fn read_command(id: &str) -> String {
    format!("mend library read {id}")
}

/// A whole guide: title, summary, reading time, the body with numbered references, then its sources.
pub fn guide(guide: &Guide, cited_markdown: &str, references: &[Reference], catalog: &Catalog) -> String {
    let (on, off) = bold_markers();
    let link = |id: &str, text: &str| -> Option<String> {
        let target = catalog.guide(id, &guide.locale)?;
        if target.title.trim_end_matches('?').eq_ignore_ascii_case(text.trim_end_matches('?')) {
            Some(format!("(see: {})", read_command(id)))
        } else {
            Some(format!("(see: {}, {})", target.title, read_command(id)))
        }
    };
    let width = width();
    let style = TextStyle { width: Some(width), bold: (on, off), guide_link: &link };
    let mut out = vec![format!("{on}{}{off}", guide.title)];
    // A group's words are shown as theirs: "From <group>", under the title.
    out.extend(guide.source.label());
    out.push(String::new());
    let summary = TextStyle { width: Some(width), bold: ("", ""), guide_link: &|_, _| None };
    out.push(render(&guide.summary, &summary));
    out.push(format!(
        "About {} minute{} to read.",
        guide.reading_minutes,
        if guide.reading_minutes == 1 { "" } else { "s" }
    ));
    out.push(String::new());
    out.push(render(cited_markdown, &style));
    if !references.is_empty() {
        out.push(String::new());
        out.push(format!("{on}Sources{off}"));
        for r in references {
            let item = format!("{}. {}", r.number, r.citation);
            let indent = " ".repeat(format!("{}. ", r.number).len());
            out.push(render_hanging(&item, width, &indent));
        }
    }
    out.push(String::new());
    out.push(format!("Reviewed {}.", guide.reviewed.format("%-d %B %Y")));
    out.join("\n")
}

/// Wraps one line of text with later lines indented by `indent`.
fn render_hanging(text: &str, width: usize, indent: &str) -> String {
    let mut lines: Vec<String> = vec![String::new()];
    for word in text.split_whitespace() {
        let line = lines.last_mut().expect("there is always a line");
        if !line.trim().is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(format!("{indent}{word}"));
        } else {
            if !line.trim().is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
    }
    lines.join("\n")
}

/// A search snippet with `«match»` shown in bold (or kept as «» when not on a terminal).
pub fn snippet(text: &str) -> String {
    let (on, off) = bold_markers();
    if on.is_empty() { text.to_owned() } else { text.replace('«', on).replace('»', off) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_wrap_with_a_hanging_indent() {
        let text = render_hanging("12. one two three four five six", 14, "    ");
        assert_eq!(text, "12. one two\n    three four\n    five six");
    }
}
