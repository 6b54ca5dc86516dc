//! `mend group …` on the member's side beyond joining and reading: `follow GROUP ITEM` makes a reminder from
//! a group's meeting, in the meeting's own zone, so it rings when the meeting starts wherever the person is;
//! `leave GROUP [--yes | --keep-reminders]` removes a group's items, Library entries and states, and asks
//! whether to delete the reminders made from its meetings (`--yes` deletes them, `--keep-reminders` keeps them;
//! without a terminal and without either, they are kept and the message says how to delete them);
//! `ics GROUP ITEM [--out FILE [--force]]` gives the meeting as an iCalendar file for any calendar (to a file:
//! written whole and private, never replacing one without `--force`). The group's words (a meeting's title) are
//! escaped before the terminal, like everything from the network.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::Args as ClapArgs;
use mend_core::Mend;
use mend_core::files::Existing;
use mend_core::groups::freshness;
use mend_core::groups::ics::meeting_ics;
use mend_core::groups::items::{Item, ItemBody};
use mend_core::sync::keystore::FileKeyStore;
use serde::Serialize;

use super::group::failed;
use crate::context::Context;
use crate::here::current_zone;
use crate::output::{CliError, emit};

#[derive(Debug, ClapArgs)]
pub struct FollowArgs {
    /// The group's id or name.
    group: String,
    /// The meeting's id (see `mend group items`).
    item: String,
    /// The IANA zone you are in now, to say when it next rings (default: your home zone).
    #[arg(long, value_name = "ZONE")]
    tz: Option<String>,
}

pub fn follow(ctx: &Context, mend: &Mend, keys: &FileKeyStore, args: FollowArgs) -> Result<(), CliError> {
    let followed = mend.groups(keys).follow(&args.group, &args.item).map_err(failed)?;
    let zone = current_zone(mend, args.tz.as_deref())?;
    let listing = mend.reminders().list(zone)?.into_iter().find(|l| l.reminder.guid == followed.reminder.guid);
    emit(ctx.json, &followed, || {
        let meeting_zone = followed.reminder.time_zone.clone().unwrap_or_default();
        let mut out = vec![format!(
            "You follow \u{201c}{}\u{201d} from {}: a reminder when it starts, by the meeting's own clock ({}).",
            followed.reminder.title, followed.group_name, meeting_zone
        )];
        if let Some(l) = &listing {
            out.push(format!("It meets {}.", l.words));
            if let Some(at) = l.next_at_utc {
                out.push(format!(
                    "Next: {} your time ({}).",
                    at.with_timezone(&zone).format("%a %-d %b %H:%M"),
                    zone.name()
                ));
            }
        }
        out.push("To stop it: mend reminders delete ".to_owned() + &followed.reminder.guid);
        out.join("\n")
    });
    Ok(())
}

#[derive(Debug, ClapArgs)]
pub struct IcsArgs {
    /// The group's id or name.
    group: String,
    /// The meeting's id (see `mend group items`).
    item: String,
    /// Write it to this file (private to you) instead of printing it.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Replace the file if it exists.
    #[arg(long, requires = "out")]
    force: bool,
}

#[derive(Serialize)]
struct IcsOut {
    group_id: String,
    item_id: String,
    /// The file written, when `--out` was given.
    path: Option<PathBuf>,
    /// The iCalendar text (CRLF lines).
    ics: String,
}

pub fn ics(ctx: &Context, mend: &Mend, keys: &FileKeyStore, args: IcsArgs) -> Result<(), CliError> {
    let (entry, meeting) = mend.groups(keys).meeting(&args.group, &args.item).map_err(failed)?;
    let ics = meeting_ics(&entry, &meeting, ctx.now());
    let out = IcsOut { group_id: entry.group_id.clone(), item_id: entry.item.id.clone(), path: args.out, ics };
    let Some(path) = &out.path else {
        if ctx.json {
            emit(true, &out, String::new);
        } else if std::io::stdout().is_terminal() {
            // On a screen, the group's words are escaped like all text from outside; into a file or a pipe,
            // exact.
            crate::output::print_human(out.ics.trim_end());
        } else {
            // Byte for byte: every line ends in CRLF, the last one too.
            let mut stdout = std::io::stdout().lock();
            std::io::Write::write_all(&mut stdout, out.ics.as_bytes())
                .and_then(|()| std::io::Write::flush(&mut stdout))
                .map_err(|_| CliError::failure("the calendar could not be written to the output"))?;
        }
        return Ok(());
    };
    let existing = if args.force { Existing::Replace } else { Existing::Keep };
    mend_core::files::write_private(path, out.ics.as_bytes(), existing).map_err(|e| match e {
        mend_core::Error::Conflict(_) => CliError::usage(format!(
            "{} already exists; nothing was written. Choose another name, or add --force to replace it",
            path.display()
        )),
        other => CliError::from(other),
    })?;
    emit(ctx.json, &out, || {
        format!(
            "\u{201c}{}\u{201d} from {} is in {}: open it with your calendar.",
            entry.item.title(),
            entry.group_name,
            path.display()
        )
    });
    Ok(())
}

/// What `mend group items` adds under an item that may be out of date: a meeting of a group whose pack has
/// expired "may have changed"; a hotline then, or one not re-confirmed in six months, is "not re-confirmed
/// since" its date.
pub fn freshness_note(item: &Item, expired: bool, today: chrono::NaiveDate) -> Option<String> {
    let since = item.last_verified.format("%-d %B %Y");
    match &item.body {
        ItemBody::Meeting(_) if expired => Some(format!(
            "This may have changed: the group has not re-confirmed it since {since}. Check with the group before you go."
        )),
        ItemBody::Hotline(_) if expired || freshness::stale(item.last_verified, today) => {
            Some(format!("Not re-confirmed since {since}: check it before you rely on it."))
        }
        _ => None,
    }
}

#[derive(Debug, ClapArgs)]
pub struct LeaveArgs {
    /// The group's id or name.
    group: String,
    /// Also delete the reminders made from its meetings, without asking.
    #[arg(long, conflicts_with = "keep_reminders")]
    yes: bool,
    /// Keep the reminders made from its meetings, without asking.
    #[arg(long)]
    keep_reminders: bool,
}

#[derive(Serialize)]
struct LeftOut {
    left: String,
    #[serde(flatten)]
    detail: mend_core::groups::member::Left,
}

pub fn leave(ctx: &Context, mend: &Mend, keys: &FileKeyStore, args: LeaveArgs) -> Result<(), CliError> {
    let account = super::group::account_keys(mend);
    let groups = mend.groups(keys).with_account(&account);
    let followed = groups.followed_reminders(&args.group).map_err(failed)?;
    // With an account the answer reaches every device of the person's, each of which removes the reminders it
    // made: asked even when this device made none.
    let everywhere = groups.follows_the_person().map_err(failed)?;
    let remove = match (args.yes, args.keep_reminders) {
        (true, _) => true,
        (_, true) => false,
        _ if (followed.is_empty() && !everywhere) || !std::io::stdin().is_terminal() => false,
        _ => ask(&followed, everywhere),
    };
    let detail = groups.leave_with(&args.group, remove).map_err(failed)?;
    let out = LeftOut { left: detail.name.clone(), detail };
    emit(ctx.json, &out, || {
        let mut lines = vec![format!("You left \u{201c}{}\u{201d}. Its items are no longer on this device.", out.left)];
        match (out.detail.reminders_removed, out.detail.reminders_kept.as_slice()) {
            (0, []) => {}
            (n, []) => lines.push(format!(
                "The {n} reminder{} made from its meetings {} deleted too.",
                plural(n),
                if n == 1 { "was" } else { "were" }
            )),
            (_, kept) => {
                lines.push(format!(
                    "The reminder{} made from its meetings {} kept. To delete {}:",
                    plural(kept.len()),
                    if kept.len() == 1 { "is" } else { "are" },
                    if kept.len() == 1 { "it" } else { "them" }
                ));
                lines.extend(kept.iter().map(|guid| format!("  mend reminders delete {guid}")));
            }
        }
        lines.join("\n")
    });
    Ok(())
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Asks on the terminal whether to delete the reminders made from the group's meetings (`everywhere`: on the
/// person's other devices too); only "yes" (or "y") deletes them.
fn ask(followed: &[mend_core::reminders::Reminder], everywhere: bool) -> bool {
    use std::io::{BufRead, Write};
    let titles: Vec<String> = followed.iter().map(|r| format!("\u{201c}{}\u{201d}", r.title)).collect();
    let question = match (followed.len(), everywhere) {
        (0, _) => "Delete the reminders you made from this group's meetings on your other devices too? Type yes to \
                   delete, anything else to keep: "
            .to_owned(),
        (n, _) => format!(
            "You made {n} reminder{} from this group's meetings here ({}). Delete {}{} too? Type yes to delete, \
             anything else to keep: ",
            plural(n),
            titles.join(", "),
            if n == 1 { "it" } else { "them" },
            if everywhere { ", and the ones you made on your other devices" } else { "" }
        ),
    };
    eprint!("{}", crate::terminal::escape(&question));
    std::io::stderr().flush().ok();
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer).ok();
    matches!(answer.trim().to_ascii_lowercase().as_str(), "yes" | "y")
}
