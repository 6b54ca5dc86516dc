//! `mend library list|search|read|suggest|bookmark|unbookmark|bookmarks|lines`: the guides written for Mend (and
//! the articles of joined groups, a group's content notes shown before its text), and the support lines (official
//! first, then the groups'). Reading a guide marks it read (so "for you now" does not repeat it this week). Any
//! search text is safe.

use clap::{Args as ClapArgs, Subcommand};
use mend_core::groups::items::ContentNote;
use mend_core::library::{Guide, GuideState, Reference};
use serde::Serialize;

use crate::context::Context;
use crate::guide_text;
use crate::output::{CliError, emit};

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Language for the guides (e.g. en, ga-IE); a guide not yet translated is shown in English.
    #[arg(long, global = true, default_value = "en", value_name = "LOCALE")]
    locale: String,
    #[command(subcommand)]
    command: LibraryCommand,
}

#[derive(Debug, Subcommand)]
pub enum LibraryCommand {
    /// Every guide, in the order recovery usually meets them.
    List,
    /// Find guides by words, e.g. `mend library search when will my period come back`.
    Search {
        /// What to look for. Any text is fine: quotes and symbols are ignored.
        #[arg(num_args = 0.., value_name = "TEXT")]
        text: Vec<String>,
    },
    /// Read a guide (and mark it read).
    Read {
        /// The guide's id, as shown by `list` or `search`.
        id: String,
    },
    /// A few guides for where you are now.
    Suggest,
    /// Save a guide to your bookmarks.
    Bookmark {
        /// The guide's id.
        id: String,
    },
    /// Remove a guide from your bookmarks.
    Unbookmark {
        /// The guide's id.
        id: String,
    },
    /// Your bookmarked guides.
    Bookmarks,
    /// Support lines: the official crisis and emergency numbers for your region, then your groups' lines.
    Lines,
}

/// What `read --json` prints: the guide, its numbered sources and whether it is bookmarked.
#[derive(Serialize)]
struct GuideView<'a> {
    #[serde(flatten)]
    guide: &'a Guide,
    references: &'a [Reference],
    bookmarked: bool,
    /// A group article's content notes (`pregnancy`, `baby_images` …), shown before its text; empty otherwise.
    content_notes: &'a [ContentNote],
}

pub fn run(ctx: &Context, args: Args) -> Result<(), CliError> {
    let mend = ctx.open()?;
    let library = mend.library();
    let locale = args.locale.as_str();
    match args.command {
        LibraryCommand::List => {
            let guides = library.list(locale)?;
            emit(ctx.json, &guides, || {
                guides
                    .iter()
                    .map(|g| {
                        let from = g.label.as_deref().map(|l| format!(" · {l}")).unwrap_or_default();
                        format!("{} ({} min){from}\n  {}", g.title, g.reading_minutes, guide_text::read_command(&g.id))
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        LibraryCommand::Search { text } => {
            let hits = library.search(&text.join(" "), locale)?;
            emit(ctx.json, &hits, || {
                if hits.is_empty() {
                    return "No guides matched. Try other words, such as bleeding, sleep or feelings, or see them all \
                            with: mend library list"
                        .to_owned();
                }
                hits.iter()
                    .map(|h| {
                        format!(
                            "{}. {}\n   {}\n   {}",
                            h.rank,
                            h.guide.title,
                            guide_text::snippet(&h.snippet),
                            guide_text::read_command(&h.guide.id)
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n\n")
            });
        }
        LibraryCommand::Read { id } => {
            let guide = library.guide(id.trim(), locale)?;
            let state = library.mark_read(&guide.id)?;
            let cited = library.cited(&guide);
            let content_notes = library.content_notes(&guide.id)?;
            let view = GuideView {
                guide: &guide,
                references: &cited.references,
                bookmarked: state.bookmarked,
                content_notes: &content_notes,
            };
            emit(ctx.json, &view, || {
                let text = guide_text::guide(&guide, &cited.markdown, &cited.references, library.catalog());
                match super::group::content_note_line(&content_notes) {
                    // Before the text, so the person can choose before reading.
                    Some(line) => format!("{line}\n\n{text}"),
                    None => text,
                }
            });
        }
        LibraryCommand::Suggest => {
            let suggestions = library.suggest(locale)?;
            emit(ctx.json, &suggestions, || {
                if suggestions.is_empty() {
                    return "Nothing new to suggest right now. Every guide is in: mend library list".to_owned();
                }
                let mut lines = vec!["For you now:".to_owned()];
                for s in &suggestions {
                    lines.push(String::new());
                    lines.push(format!("  {}", s.guide.title));
                    lines.push(format!("  {}", s.reason));
                    lines.push(format!("  {}", guide_text::read_command(&s.guide.id)));
                }
                lines.join("\n")
            });
        }
        LibraryCommand::Bookmark { id } => {
            let state = library.bookmark(id.trim())?;
            emit_state(ctx, &state, &library.guide(&state.guide_id, locale)?, "Saved to your bookmarks");
        }
        LibraryCommand::Unbookmark { id } => {
            let state = library.unbookmark(id.trim())?;
            emit_state(ctx, &state, &library.guide(&state.guide_id, locale)?, "Removed from your bookmarks");
        }
        LibraryCommand::Lines => {
            let lines = library.support_lines()?;
            emit(ctx.json, &lines, || {
                let mut out = vec!["Support lines:".to_owned()];
                out.extend(lines.official.iter().map(|p| format!("  {} ({})", p.words, p.uri)));
                if !lines.groups.is_empty() {
                    out.push(String::new());
                    out.push("From your groups (their words, not Mend's):".to_owned());
                    out.extend(lines.groups.iter().map(|l| format!("  {}", crate::group_lines::library_line(l))));
                }
                out.join("\n")
            });
        }
        LibraryCommand::Bookmarks => {
            let bookmarks = library.bookmarks(locale)?;
            emit(ctx.json, &bookmarks, || {
                if bookmarks.is_empty() {
                    return "No bookmarks yet. Save a guide with: mend library bookmark <id>".to_owned();
                }
                bookmarks
                    .iter()
                    .map(|b| format!("{}\n  {}", b.guide.title, guide_text::read_command(&b.guide.id)))
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
    }
    Ok(())
}

fn emit_state(ctx: &Context, state: &GuideState, guide: &Guide, done: &str) {
    emit(ctx.json, state, || format!("{done}: {}", guide.title));
}
