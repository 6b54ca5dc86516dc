//! `mend group …` on the member's side beyond joining and reading: `follow GROUP ITEM` makes a reminder from
//! a group's meeting, in the meeting's own zone, so it rings when the meeting starts wherever the person is;
//! `ics GROUP ITEM [--out FILE [--force]]` gives the meeting as an iCalendar file for any calendar (to a file:
//! written whole and private, never replacing one without `--force`). The group's words (a meeting's title) are
//! escaped before the terminal, like everything from the network.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::Args as ClapArgs;
use mend_core::Mend;
use mend_core::files::Existing;
use mend_core::groups::ics::meeting_ics;
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
