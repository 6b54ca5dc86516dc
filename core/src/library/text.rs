//! Guide Markdown as plain text: headings, paragraphs, bullet and numbered lists, bold, and links to other
//! guides, walked with `pulldown-cmark`. Used unwrapped for the search index and snippets, and wrapped to a
//! width (with the caller's bold markers, e.g. ANSI in a terminal) for reading in a text interface.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// Zero-width stand-ins for bold while wrapping; replaced by the style's markers at the end.
const BOLD_ON: char = '\u{E000}';
const BOLD_OFF: char = '\u{E001}';

/// How to lay text out.
pub struct TextStyle<'a> {
    /// Wrap lines at this many characters; `None` puts each paragraph or list item on one line.
    pub width: Option<usize>,
    /// Written before and after bold text (and headings).
    pub bold: (&'a str, &'a str),
    /// Text added after a link to another guide, given the guide's id and the link's text (e.g. how to open it).
    pub guide_link: &'a dyn Fn(&str, &str) -> Option<String>,
}

impl TextStyle<'_> {
    /// One line per block, no markers, links as their text: for indexing and previews.
    pub fn plain() -> TextStyle<'static> {
        TextStyle { width: None, bold: ("", ""), guide_link: &|_, _| None }
    }
}

/// Where the text of the current list item goes.
struct Item {
    first: String,
    rest: String,
    started: bool,
}

struct Renderer<'s, 'a> {
    style: &'s TextStyle<'a>,
    lines: Vec<String>,
    buffer: String,
    lists: Vec<Option<u64>>,
    item: Option<Item>,
    link: Option<(String, usize)>,
}

/// Renders `markdown` as text in `style`.
pub fn render(markdown: &str, style: &TextStyle<'_>) -> String {
    let mut r = Renderer { style, lines: Vec::new(), buffer: String::new(), lists: Vec::new(), item: None, link: None };
    for event in Parser::new_ext(markdown, Options::empty()) {
        r.event(event);
    }
    r.flush(false);
    while r.lines.last().is_some_and(|l| l.is_empty()) {
        r.lines.pop();
    }
    r.lines.join("\n")
}

impl Renderer<'_, '_> {
    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(Tag::List(start)) => {
                self.flush(false);
                self.lists.push(start);
            }
            Event::End(TagEnd::List(_)) => {
                self.flush(false);
                self.lists.pop();
                if self.lists.is_empty() {
                    self.item = None;
                    self.blank();
                }
            }
            Event::Start(Tag::Item) => {
                self.flush(false);
                let depth = self.lists.len().saturating_sub(1);
                let indent = "  ".repeat(depth + 1);
                let marker = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        *n += 1;
                        format!("{}. ", *n - 1)
                    }
                    _ => "• ".to_owned(),
                };
                let rest = format!("{indent}{}", " ".repeat(marker.chars().count()));
                self.item = Some(Item { first: format!("{indent}{marker}"), rest, started: false });
            }
            Event::End(TagEnd::Item) => self.flush(false),
            Event::End(TagEnd::Paragraph) => {
                self.flush(false);
                if self.lists.is_empty() {
                    self.blank();
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                self.blank();
                self.flush(true);
                self.blank();
            }
            Event::End(TagEnd::CodeBlock) => {
                let code = std::mem::take(&mut self.buffer);
                self.lines.extend(code.lines().map(|l| format!("    {l}")));
                self.blank();
            }
            Event::Text(text) | Event::Code(text) => self.buffer.push_str(&text),
            Event::SoftBreak => self.buffer.push(' '),
            Event::HardBreak => self.buffer.push('\n'),
            Event::Start(Tag::Strong) => self.buffer.push(BOLD_ON),
            Event::End(TagEnd::Strong) => self.buffer.push(BOLD_OFF),
            Event::Start(Tag::Link { dest_url, .. }) => self.link = Some((dest_url.to_string(), self.buffer.len())),
            Event::End(TagEnd::Link) => {
                if let Some((dest, at)) = self.link.take() {
                    let text: String = self.buffer[at..].chars().filter(|c| *c != BOLD_ON && *c != BOLD_OFF).collect();
                    match dest.strip_prefix("guide:") {
                        Some(id) => {
                            if let Some(hint) = (self.style.guide_link)(id, text.trim()) {
                                self.buffer.push(' ');
                                self.buffer.push_str(&hint);
                            }
                        }
                        None if !dest.is_empty() => self.buffer.push_str(&format!(" ({dest})")),
                        None => {}
                    }
                }
            }
            Event::Rule => {
                self.flush(false);
                self.lines.push("―".repeat(self.style.width.unwrap_or(8).min(40)));
                self.blank();
            }
            _ => {}
        }
    }

    /// Adds a blank line unless there is one already (or nothing yet).
    fn blank(&mut self) {
        if self.lines.last().is_some_and(|l| !l.is_empty()) {
            self.lines.push(String::new());
        }
    }

    /// Writes out the buffered text as wrapped lines, in the current list item if there is one.
    fn flush(&mut self, heading: bool) {
        let text = std::mem::take(&mut self.buffer);
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        let text = if heading { format!("{BOLD_ON}{text}{BOLD_OFF}") } else { text.to_owned() };
        let (first, rest) = match &mut self.item {
            Some(item) => {
                let first = if item.started { item.rest.clone() } else { item.first.clone() };
                item.started = true;
                (first, item.rest.clone())
            }
            None => (String::new(), String::new()),
        };
        let mut bold = false;
        for line in wrap(&text, self.style.width, &first, &rest) {
            self.lines.push(apply_bold(&line, self.style.bold, &mut bold));
        }
    }
}

fn visible_len(word: &str) -> usize {
    word.chars().filter(|c| *c != BOLD_ON && *c != BOLD_OFF).count()
}

/// Greedy word wrap; the first line starts with `first`, later ones with `rest`. Hard breaks (`\n`) are kept.
fn wrap(text: &str, width: Option<usize>, first: &str, rest: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for hard_line in text.split('\n') {
        let mut line = if lines.is_empty() { first.to_owned() } else { rest.to_owned() };
        let mut line_len = visible_len(&line);
        let mut has_word = false;
        for word in hard_line.split_whitespace() {
            let len = visible_len(word);
            if has_word && width.is_some_and(|w| line_len + 1 + len > w) {
                lines.push(std::mem::replace(&mut line, rest.to_owned()));
                line_len = visible_len(rest);
                has_word = false;
            }
            if has_word {
                line.push(' ');
                line_len += 1;
            }
            line.push_str(word);
            line_len += len;
            has_word = true;
        }
        lines.push(line);
    }
    lines
}

/// Replaces the bold stand-ins with real markers, closing bold at the end of a line and reopening it on the
/// next, so a terminal's bold never runs into a bullet or the next line.
fn apply_bold(line: &str, (on, off): (&str, &str), open: &mut bool) -> String {
    let mut out = String::with_capacity(line.len());
    let indent_len = line.len() - line.trim_start().len();
    out.push_str(&line[..indent_len]);
    if *open {
        out.push_str(on);
    }
    for ch in line[indent_len..].chars() {
        match ch {
            BOLD_ON if !*open => {
                out.push_str(on);
                *open = true;
            }
            BOLD_OFF if *open => {
                out.push_str(off);
                *open = false;
            }
            BOLD_ON | BOLD_OFF => {}
            other => out.push(other),
        }
    }
    if *open {
        out.push_str(off);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "Intro with **bold words** here.\n\n## A heading\n\n- first item that is long enough to wrap \
        around\n- second with [a link](guide:other)\n\nAfter the list.\n\n1. one\n2. two\n";

    #[test]
    fn plain_style_puts_each_block_on_one_line() {
        let text = render(SAMPLE, &TextStyle::plain());
        assert_eq!(
            text,
            "Intro with bold words here.\n\nA heading\n\n  • first item that is long enough to wrap around\n  \
             • second with a link\n\nAfter the list.\n\n  1. one\n  2. two"
        );
    }

    #[test]
    fn wrapped_style_wraps_marks_bold_and_explains_guide_links() {
        let hint = |id: &str, _: &str| Some(format!("(see {id})"));
        let style = TextStyle { width: Some(24), bold: ("<b>", "</b>"), guide_link: &hint };
        let text = render(SAMPLE, &style);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[..2], ["Intro with <b>bold words</b>", "here."]);
        assert!(lines.contains(&"<b>A heading</b>"), "{text}");
        assert!(lines.contains(&"  • first item that is"), "{text}");
        assert!(lines.contains(&"    long enough to wrap"), "{text}");
        assert!(text.split_whitespace().collect::<Vec<_>>().join(" ").contains("a link (see other)"), "{text}");
        for line in &lines {
            let visible = line.replace("<b>", "").replace("</b>", "");
            assert!(visible.chars().count() <= 24, "{line}");
        }
    }

    #[test]
    fn bold_that_wraps_is_closed_and_reopened_on_each_line() {
        let style = TextStyle { width: Some(12), bold: ("<b>", "</b>"), guide_link: &|_, _| None };
        let text = render("- **one two three four** five", &style);
        assert_eq!(text, "  • <b>one two</b>\n    <b>three</b>\n    <b>four</b>\n    five");
    }
}
