//! `mend undo`: reverts the latest add or edit made on this device within 15 minutes (a check-in, an event or
//! the loss's details). The core decides what can be undone and words the outcome; a deletion, an erase, or a
//! change older than 15 minutes cannot be undone, and the refusal says why (exit 1).

use serde::Serialize;

use crate::context::Context;
use crate::output::{CliError, emit};
use mend_core::journal::{UndoneChange, UndoneEntry};

#[derive(Serialize)]
struct Undone<'a> {
    guid: &'a str,
    entry: &'static str,
    change: &'static str,
    message: &'a str,
}

pub fn run(ctx: &Context) -> Result<(), CliError> {
    let mend = ctx.open()?;
    let undone = mend.journal().undo()?;
    let entry = match undone.entry {
        UndoneEntry::CheckIn => "checkin",
        UndoneEntry::Event => "event",
        UndoneEntry::Loss => "loss",
    };
    let change = match undone.change {
        UndoneChange::AddRemoved => "add_removed",
        UndoneChange::EditReverted => "edit_reverted",
    };
    let out = Undone { guid: &undone.guid, entry, change, message: &undone.message };
    emit(ctx.json, &out, || undone.message.clone());
    Ok(())
}
