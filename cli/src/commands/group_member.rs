//! `mend group …` on the member's side beyond joining and reading: `follow GROUP ITEM` makes a reminder from
//! a group's meeting, in the meeting's own zone, so it rings when the meeting starts wherever the person is.
//! The group's words (a meeting's title) are escaped before the terminal, like everything from the network.

use clap::Args as ClapArgs;
use mend_core::Mend;
use mend_core::sync::keystore::FileKeyStore;

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
