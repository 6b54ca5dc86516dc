//! `mend group …`: support groups. For now, the moderator's first tool: `mend group preview DIR` reads a pack
//! written as a folder (docs/groups.md), checks every item as a member's device will, and shows it as members
//! will see it — content notes first — after what the publishing checks noticed (claims the evidence does not
//! support, pregnancy-progress wording without its content note, hotlines not re-checked for six months). The
//! checks inform; the moderator decides.

use std::path::PathBuf;

use clap::{Args as ClapArgs, Subcommand};
use mend_core::groups::checks::{self, Finding};
use mend_core::groups::folder;
use mend_core::groups::items::{ContentNote, Item, ItemBody};
use mend_core::library::text::{TextStyle, render};
use serde::Serialize;

use crate::context::Context;
use crate::output::{CliError, emit};

#[derive(Debug, Subcommand)]
pub enum GroupCommand {
    /// Show a pack folder as members will see it, with what the publishing checks noticed.
    Preview(PreviewArgs),
}

#[derive(Debug, ClapArgs)]
pub struct PreviewArgs {
    /// A folder of item files (Markdown with YAML front matter; see docs/groups.md).
    dir: PathBuf,
}

#[derive(Serialize)]
struct Preview {
    items: Vec<Item>,
    findings: Vec<Finding>,
}

pub fn run(ctx: &Context, command: GroupCommand) -> Result<(), CliError> {
    match command {
        GroupCommand::Preview(args) => preview(ctx, args),
    }
}

fn preview(ctx: &Context, args: PreviewArgs) -> Result<(), CliError> {
    let items = folder::read_folder(&args.dir).map_err(|e| CliError::usage(e.to_string()))?;
    let findings = checks::check(&items, ctx.now().date_naive());
    let preview = Preview { items, findings };
    emit(ctx.json, &preview, || human(&preview));
    Ok(())
}

fn human(preview: &Preview) -> String {
    let mut out = Vec::new();
    if preview.findings.is_empty() {
        out.push("Mend's checks found nothing to look at before you publish.".to_owned());
    } else {
        out.push(format!(
            "Before you publish, Mend noticed {} thing{} to look at (you decide; nothing is blocked):",
            preview.findings.len(),
            if preview.findings.len() == 1 { "" } else { "s" }
        ));
        out.extend(preview.findings.iter().map(|f| format!("- {}", finding(f))));
    }
    for item in &preview.items {
        out.push(String::new());
        out.extend(item_lines(item));
    }
    out.join("\n")
}

fn finding(finding: &Finding) -> String {
    match finding {
        Finding::Claim { item, phrase, why, .. } => format!("{item}: \"{phrase}\" reads as a claim that {why}."),
        Finding::ProgressWording { item, phrase } => format!(
            "{item}: \"{phrase}\" talks about pregnancy progress; add the content note `pregnancy` so members can \
             choose before reading."
        ),
        Finding::StaleHotline { item, last_verified } => format!(
            "{item}: last verified {last_verified}, more than six months ago. Check the number still works, then \
             update last_verified."
        ),
    }
}

fn note(note: &ContentNote) -> &'static str {
    match note {
        ContentNote::Pregnancy => "pregnancy",
        ContentNote::BabyImages => "baby images",
        ContentNote::Stillbirth => "stillbirth",
        ContentNote::Tfmr => "termination for medical reasons",
        ContentNote::Faith => "faith",
        ContentNote::MedicalDetail => "medical detail",
    }
}

fn item_lines(item: &Item) -> Vec<String> {
    let mut lines = Vec::new();
    if !item.content_notes.is_empty() {
        let notes: Vec<&str> = item.content_notes.iter().map(note).collect();
        lines.push(format!("Content note: {}", notes.join(", ")));
    }
    let withdrawn = if item.withdrawn { " (withdrawn: members no longer see it)" } else { "" };
    lines.push(format!("{}: {}{withdrawn}", item.kind().code(), item.title()));
    let style = TextStyle { width: Some(crate::guide_text::width()), bold: ("", ""), guide_link: &|_, _| None };
    match &item.body {
        ItemBody::Article { markdown, .. } => lines.push(render(markdown, &style)),
        ItemBody::Meeting(m) => {
            let when = m.start.format("%A %-d %B %Y at %H:%M");
            lines.push(format!("First meeting: {when} ({}), {} minutes", m.time_zone, m.duration_minutes));
            if let Some(rule) = &m.rrule {
                lines.push(format!("Repeats: {rule}"));
            }
            if m.cancelled {
                lines.push("Cancelled.".to_owned());
            }
            if let Some(place) = &m.place {
                lines.push(format!("Where: {place}"));
            }
            if let Some(link) = &m.link {
                lines.push(format!("Online: {link}"));
            }
            if let Some(details) = &m.details {
                lines.push(render(details, &style));
            }
        }
        ItemBody::Service(s) => {
            lines.push(format!("Contact: {}", s.contact.join(", ")));
            if !s.area_served.is_empty() {
                lines.push(format!("Area: {}", s.area_served));
            }
            if let Some(hours) = &s.hours {
                lines.push(format!("Hours: {hours}"));
            }
            if let Some(details) = &s.details {
                lines.push(render(details, &style));
            }
        }
        ItemBody::Hotline(h) => {
            lines.push(format!("Call: {} ({})", h.words, h.uri));
            if let Some(hours) = &h.hours {
                lines.push(format!("Hours: {hours}"));
            }
            if h.not_emergency {
                lines.push("This is not an emergency line.".to_owned());
            }
        }
    }
    lines.push(format!("Last verified: {}", item.last_verified));
    lines
}
