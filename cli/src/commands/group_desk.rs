//! What a private group's moderators leave each other on its desk, from the terminal: `mend group notes [GROUP]`
//! lists the notes, `mend group note [GROUP] TEXT` leaves one (a handover, a passcode to change); and the charter
//! change waiting there — `charter propose` on a private group shares the draft on the desk, and `charter sign`
//! and `charter publish` without a file take it from there. Notes are moderators' own words: they reach the
//! terminal only through `emit`, escaped.

use chrono::{DateTime, Utc};
use clap::Args as ClapArgs;
use mend_core::Mend;
use mend_core::groups::charter_flow::{CharterPublished, Draft, DraftStatus};
use mend_core::groups::private_desk_work::{DeskNote, SharedDraft};
use mend_core::sync::keystore::FileKeyStore;
use mend_core::zone::Zone;
use serde::Serialize;

use super::group::failed;
use crate::context::Context;
use crate::output::{CliError, emit};
use crate::sync::http::{HttpTransport, block_on};

#[derive(Debug, ClapArgs)]
pub struct NotesArgs {
    /// Which of your private groups (its id or name), if you moderate more than one.
    group: Option<String>,
}

#[derive(Debug, ClapArgs)]
#[command(allow_missing_positional = true)]
pub struct NoteArgs {
    /// Which of your private groups (its id or name), if you moderate more than one.
    group: Option<String>,
    /// What to leave for the group's other owners and publishers (at most 4 KiB; only they can read it).
    text: String,
}

#[derive(Serialize)]
struct NotesOut<'a> {
    notes: &'a [DeskNote],
}

fn notes_text(notes: &[DeskNote], zone: &Zone) -> String {
    if notes.is_empty() {
        return "No notes on this group's desk yet. Leave one with `mend group note TEXT`.".into();
    }
    let mut out = Vec::new();
    for note in notes {
        let at = DateTime::<Utc>::from_timestamp(note.at, 0).unwrap_or_default();
        let when = at.with_timezone(zone).format("%a %-d %b %Y at %H:%M");
        out.push(format!("From {}, {when}:", note.author));
        out.extend(note.text.lines().map(|l| format!("  {l}")));
    }
    out.join("\n")
}

/// `mend group notes [GROUP]`.
pub fn notes(ctx: &Context, mend: &Mend, keys: &FileKeyStore, args: NotesArgs) -> Result<(), CliError> {
    let transport = HttpTransport::new()?;
    let notes = block_on(mend.groups(keys).notes(&transport, args.group.as_deref()))?.map_err(failed)?;
    let zone = crate::here::current_zone(mend, None)?;
    emit(ctx.json, &NotesOut { notes: &notes }, || notes_text(&notes, &zone));
    Ok(())
}

/// `mend group note [GROUP] TEXT`.
pub fn note(ctx: &Context, mend: &Mend, keys: &FileKeyStore, args: NoteArgs) -> Result<(), CliError> {
    let transport = HttpTransport::new()?;
    let groups = mend.groups(keys);
    let notes = block_on(groups.leave_note(&transport, args.group.as_deref(), &args.text))?.map_err(failed)?;
    emit(ctx.json, &NotesOut { notes: &notes }, || {
        "Your note is on the group's desk. Its other owners and publishers see it with `mend group notes`.".into()
    });
    Ok(())
}

/// Where a draft is: a file, the group's desk, or both.
#[derive(Serialize)]
pub(super) struct DraftOut<'a> {
    pub file: Option<String>,
    pub on_desk: bool,
    #[serde(flatten)]
    pub status: &'a DraftStatus,
}

/// Shares a draft just proposed or signed on its private group's desk.
pub(super) fn share(mend: &Mend, keys: &FileKeyStore, draft: &Draft, replace: bool) -> Result<SharedDraft, CliError> {
    let transport = HttpTransport::new()?;
    block_on(mend.groups(keys).share_draft(&transport, draft, replace))?.map_err(failed)
}

/// The draft waiting on `group`'s desk (the only group this device owns when `None`).
pub(super) fn waiting(mend: &Mend, keys: &FileKeyStore, group: Option<&str>) -> Result<SharedDraft, CliError> {
    let transport = HttpTransport::new()?;
    block_on(mend.groups(keys).shared_draft(&transport, group))?.map_err(failed)?.ok_or_else(|| {
        CliError::usage(
            "no change to this group's charter is waiting on its desk: propose one with `mend group charter propose`",
        )
    })
}

/// Puts the draft waiting on `group`'s desk in force.
pub(super) fn publish_waiting(
    mend: &Mend,
    keys: &FileKeyStore,
    group: Option<&str>,
) -> Result<CharterPublished, CliError> {
    let shared = waiting(mend, keys, group)?;
    let transport = HttpTransport::new()?;
    block_on(mend.groups(keys).publish_charter(&transport, &shared.draft))?.map_err(failed)
}
