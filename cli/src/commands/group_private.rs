//! `mend group …` for private groups, where members ask to join and the owners decide. `create --private` makes
//! one (its link carries no read key); `join LINK --name NAME` on a private link sends a request under the name
//! the moderators will see; `refresh` also follows each request (approved, declined, still waiting: the core's
//! words), and each joined private group's new epochs or the member's removal; `members [GROUP]` lists the
//! requests and members with their ids; `approve [GROUP] MEMBER` and `decline [GROUP] MEMBER` decide one;
//! `remove-member [GROUP] MEMBER` removes someone (a new epoch) and names the meetings to change; `rekey [GROUP]`
//! moves the group to a new key with every member carried over (after a moderator's removal). Display names are the members' own words: they reach the terminal only
//! through `emit`, escaped.

use clap::Args as ClapArgs;
use mend_core::Mend;
use mend_core::groups::owner::NewGroup;
use mend_core::groups::private::desk::Status;
use mend_core::groups::private_member::PrivateRefreshed;
use mend_core::groups::private_moderation::{MemberEntry, MemberList};
use mend_core::groups::private_removal::RemovedMember;
use mend_core::sync::keystore::FileKeyStore;
use serde::Serialize;

use super::group::{failed, print_qr, single_owner_words};
use crate::context::Context;
use crate::output::{CliError, emit};
use crate::sync::http::{HttpTransport, block_on};

#[derive(Debug, ClapArgs)]
pub struct MembersArgs {
    /// Which of your private groups (its id or name), if you moderate more than one.
    group: Option<String>,
}

#[derive(Debug, ClapArgs)]
#[command(allow_missing_positional = true)]
pub struct DecideArgs {
    /// Which of your private groups (its id or name), if you moderate more than one.
    group: Option<String>,
    /// The member's id, as `mend group members` shows it.
    member: String,
}

/// `mend group create … --private`: the group, then its private link (and, with `--qr`, drawn as a QR code).
pub(super) fn create(ctx: &Context, mend: &Mend, keys: &FileKeyStore, new: NewGroup, qr: bool) -> Result<(), CliError> {
    let transport = HttpTransport::new()?;
    let created = block_on(mend.groups(keys).create_private(&transport, new))?.map_err(failed)?;
    emit(ctx.json, &created, || {
        let mut out = vec![
            format!("Your private group \u{201c}{}\u{201d} is ready.", created.name),
            "Share this link with the people you support. It does not open the group: each person who uses it asks \
             to join under a name they choose, and you approve or decline each request (`mend group members`)."
                .into(),
            created.invite.clone(),
        ];
        if created.single_owner {
            out.push(String::new());
            out.push(single_owner_words().into());
        }
        out.join("\n")
    });
    if qr {
        print_qr(ctx, &created.invite)?;
    }
    Ok(())
}

/// `mend group join LINK --name NAME` for a private group's link: sends the request to join.
pub(super) fn request(ctx: &Context, mend: &Mend, keys: &FileKeyStore, link: &str, name: &str) -> Result<(), CliError> {
    let transport = HttpTransport::new()?;
    let requested = block_on(mend.groups(keys).request_join(&transport, link, name))?.map_err(failed)?;
    emit(ctx.json, &requested, || {
        [
            format!("You asked to join the group as \u{201c}{}\u{201d}.", requested.display_name),
            "The group's moderators will see your request and that name. The group appears here after they approve \
             it: `mend group refresh` checks."
                .to_owned(),
        ]
        .join("\n")
    });
    Ok(())
}

/// The lines `mend group refresh` prints for private groups: requests to join, new epochs, removals (the core's
/// words where it has them).
pub(super) fn private_lines(outcomes: &[PrivateRefreshed]) -> Vec<String> {
    outcomes
        .iter()
        .map(|outcome| match outcome {
            PrivateRefreshed::Approved { name, items, .. } => format!(
                "{name}: the moderators approved your request. You joined \u{201c}{name}\u{201d}: {items} item{} \
                 (see them with `mend group items`).",
                if *items == 1 { "" } else { "s" }
            ),
            PrivateRefreshed::Declined { request } | PrivateRefreshed::Waiting { request } => {
                format!("Request {}: {}", short(request), outcome.words().unwrap_or_default())
            }
            PrivateRefreshed::NewEpoch { name, .. } => {
                format!("{name}: the group moved to a new key (someone is no longer in it); you follow it, with its newest items.")
            }
            PrivateRefreshed::Removed { name, .. } => format!("{name}: {}", outcome.words().unwrap_or_default()),
            PrivateRefreshed::Refused { id, reason } => format!(
                "Private group {}: something came from the group but could not be checked, so it was not used \
                 ({reason}). The next refresh tries again.",
                short(id)
            ),
            PrivateRefreshed::Unreachable { id, reason } => format!(
                "Private group {}: could not be checked just now ({reason}). The next refresh tries again.",
                short(id)
            ),
        })
        .collect()
}

/// The groups a private outcome already told about with their newest items (joined, or followed to a new epoch).
pub(super) fn told_ids(outcomes: &[PrivateRefreshed]) -> Vec<&str> {
    outcomes
        .iter()
        .filter_map(|outcome| match outcome {
            PrivateRefreshed::Approved { id, .. } | PrivateRefreshed::NewEpoch { id, .. } => Some(id.as_str()),
            _ => None,
        })
        .collect()
}

/// The first 8 characters of a request's or group's id: enough to tell a person's requests apart.
fn short(request: &str) -> &str {
    request.get(..8).unwrap_or(request)
}

#[derive(Serialize)]
struct MemberOut<'a> {
    member_id: &'a str,
    display_name: &'a str,
    status: &'static str,
    changed_at: i64,
}

#[derive(Serialize)]
struct MembersOut<'a> {
    members: Vec<MemberOut<'a>>,
    unreadable: usize,
}

fn status_code(status: Status) -> &'static str {
    match status {
        Status::Pending => "pending",
        Status::Approved => "approved",
        Status::Declined => "declined",
        Status::Removed => "removed",
    }
}

fn member_out(entry: &MemberEntry) -> MemberOut<'_> {
    MemberOut {
        member_id: &entry.member_id,
        display_name: &entry.display_name,
        status: status_code(entry.status),
        changed_at: entry.changed_at,
    }
}

/// `mend group members [GROUP]`: takes in the new requests and lists everyone by status.
pub(super) fn members(ctx: &Context, mend: &Mend, keys: &FileKeyStore, args: MembersArgs) -> Result<(), CliError> {
    let transport = HttpTransport::new()?;
    let list = block_on(mend.groups(keys).members(&transport, args.group.as_deref()))?.map_err(failed)?;
    let out = MembersOut { members: list.members.iter().map(member_out).collect(), unreadable: list.unreadable };
    emit(ctx.json, &out, || members_text(&list));
    Ok(())
}

fn members_text(list: &MemberList) -> String {
    let mut out = Vec::new();
    if list.members.is_empty() {
        out.push("Nobody has asked to join yet.".to_owned());
    }
    let sections = [
        (Status::Pending, "Waiting for your decision"),
        (Status::Approved, "Approved"),
        (Status::Declined, "Declined"),
        (Status::Removed, "Removed"),
    ];
    for (status, heading) in sections {
        let some: Vec<&MemberEntry> = list.members.iter().filter(|m| m.status == status).collect();
        if some.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(String::new());
        }
        out.push(format!("{heading} ({}):", some.len()));
        out.extend(some.iter().map(|m| format!("  {}  {}", m.member_id, m.display_name)));
    }
    if list.members.iter().any(|m| m.status == Status::Pending) {
        out.push(String::new());
        out.push("Approve with `mend group approve MEMBER`, or decline with `mend group decline MEMBER`.".into());
    }
    if list.unreadable > 0 {
        out.push(format!(
            "{} request{} could not be opened (damaged, or not for this group) and {} skipped.",
            list.unreadable,
            if list.unreadable == 1 { "" } else { "s" },
            if list.unreadable == 1 { "was" } else { "were" }
        ));
    }
    out.join("\n")
}

/// `mend group approve [GROUP] MEMBER` (`approve`) or `mend group decline [GROUP] MEMBER`.
pub(super) fn decide(
    ctx: &Context,
    mend: &Mend,
    keys: &FileKeyStore,
    args: DecideArgs,
    approve: bool,
) -> Result<(), CliError> {
    let transport = HttpTransport::new()?;
    let groups = mend.groups(keys);
    let group = args.group.as_deref();
    let decided = match approve {
        true => block_on(groups.approve(&transport, group, &args.member))?,
        false => block_on(groups.decline(&transport, group, &args.member))?,
    }
    .map_err(failed)?;
    let out = member_out(&decided);
    emit(ctx.json, &out, || match approve {
        true => format!(
            "Approved \u{201c}{}\u{201d} ({}): their Mend joins the group at its next refresh.",
            decided.display_name, decided.member_id
        ),
        false => format!(
            "Declined the request of \u{201c}{}\u{201d} ({}): their Mend tells them at its next refresh, and nothing \
             of the group reaches them.",
            decided.display_name, decided.member_id
        ),
    });
    Ok(())
}

#[derive(Serialize)]
struct RemovedOut<'a> {
    #[serde(flatten)]
    member: MemberOut<'a>,
    epoch: u32,
    meetings: &'a [String],
}

/// `mend group remove-member [GROUP] MEMBER`: a new epoch without them, and the meetings to change.
pub(super) fn remove(ctx: &Context, mend: &Mend, keys: &FileKeyStore, args: DecideArgs) -> Result<(), CliError> {
    let transport = HttpTransport::new()?;
    let removed =
        block_on(mend.groups(keys).remove_member(&transport, args.group.as_deref(), &args.member))?.map_err(failed)?;
    let out = RemovedOut { member: member_out(&removed.member), epoch: removed.epoch, meetings: &removed.meetings };
    emit(ctx.json, &out, || removed_text(&removed));
    Ok(())
}

fn removed_text(removed: &RemovedMember) -> String {
    let mut out = vec![
        format!(
            "Removed \u{201c}{}\u{201d} ({}). The group moved to a new key that their Mend does not receive: they \
             see nothing published from now on, and keep only what they already saw.",
            removed.member.display_name, removed.member.member_id
        ),
        "Their Mend tells them at its next refresh; the other members follow the new key at theirs.".to_owned(),
    ];
    out.extend(meeting_lines("They", &removed.meetings));
    out.join("\n")
}

/// The meetings whose passcodes, links and places someone who no longer belongs (`who`) saw.
pub(super) fn meeting_lines(who: &str, meetings: &[String]) -> Vec<String> {
    if meetings.is_empty() {
        return Vec::new();
    }
    let mut out = vec![String::new()];
    out.push(format!("{who} saw these meetings' passcodes, links and places: change them, then publish again."));
    out.extend(meetings.iter().map(|m| format!("  {m}")));
    out
}

/// `mend group rekey [GROUP]`: the private group moved to a new key, every member carried over.
pub(super) fn rekey(ctx: &Context, mend: &Mend, keys: &FileKeyStore, args: MembersArgs) -> Result<(), CliError> {
    let transport = HttpTransport::new()?;
    let rekeyed = block_on(mend.groups(keys).rekey(&transport, args.group.as_deref()))?.map_err(failed)?;
    emit(ctx.json, &rekeyed, || {
        let mut out = vec![
            "The group moved to a new key. Its members' Mend follows it at their next refresh; anyone no longer \
             among its members or moderators sees nothing published from now on."
                .to_owned(),
        ];
        out.extend(meeting_lines("If you moved it because someone left, they", &rekeyed.meetings));
        out.join("\n")
    });
    Ok(())
}
