//! `mend group …`: support groups. A moderator creates an open resource group on a server
//! (`create --server URL --name …`), publishes a pack folder to it (`publish DIR`, after showing what the
//! publishing checks noticed: they inform, the moderator decides) and shares its link (`invite`); a member
//! joins from the link (`join LINK`), fetches what is new (`refresh`), reads the items (`items [GROUP]`, each
//! "from <group>": the moderators' words, never Mend's) and can leave (`leave GROUP`). `list` shows both kinds.
//! `preview DIR` shows a pack folder as members will see it — content notes first — before publishing.
//! `follow`, `ics` and `leave` are in `group_member.rs`.
//! Co-moderators, withdrawing, `show` and charter changes are in `group_moderate.rs`; private groups (`create
//! --private`, `join LINK --name NAME`, `members`, `approve`, `decline`, `remove-member`) in `group_private.rs`.
//! Everything that came over the network is escaped before it reaches the terminal (`emit`'s human path).
//!
//! Group secrets live in their own key file (`groups/sync-keys` in the data directory), apart from sync's,
//! which `mend sync off` clears.

use std::path::{Path, PathBuf};

use std::io::IsTerminal;

use clap::{Args as ClapArgs, Subcommand};
use mend_core::Mend;
use mend_core::groups::checks::{self, Finding};
use mend_core::groups::folder;
use mend_core::groups::invite::{Link, parse_link};
use mend_core::groups::items::{ContentNote, Item, ItemBody};
use mend_core::groups::member::Refreshed;
use mend_core::groups::owner::NewGroup;
use mend_core::groups::private_member::PrivateRefreshed;
use mend_core::groups::sections::Dropped;
use mend_core::groups::{GroupError, GroupItem, GroupSummary, GroupsFailure, Role};
use mend_core::library::text::{TextStyle, render};
use mend_core::sync::keystore::FileKeyStore;
use serde::Serialize;

use super::{group_moderate, group_private};
use crate::context::Context;
use crate::output::{CliError, emit, print_human};
use crate::sync::http::{HttpTransport, block_on};

#[derive(Debug, Subcommand)]
pub enum GroupCommand {
    /// Create a resource group on a server (open, or `--private`); you are its owner and publisher.
    Create(CreateArgs),
    /// Publish a pack folder to your group, after showing what the publishing checks noticed.
    Publish(PublishArgs),
    /// Show your group's invite link, to share with the people you support (`--qr`: as a QR code too).
    Invite(InviteArgs),
    /// Join a group from its invite link (mend://join#…); for a private group, ask to join with `--name`.
    Join(JoinArgs),
    /// Fetch what is new from every group you joined (one request), and how your requests to join stand.
    Refresh,
    /// The groups you moderate and the groups you joined.
    List,
    /// The items of the groups you joined (or of one: its id or name).
    Items(ItemsArgs),
    /// Leave a group you joined: its items are removed from this device (and, if you say so, the reminders
    /// made from its meetings).
    Leave(super::group_member::LeaveArgs),
    /// Show a pack folder as members will see it, with what the publishing checks noticed.
    Preview(PreviewArgs),
    /// Follow a group's meeting as a reminder, in the meeting's own time zone.
    Follow(super::group_member::FollowArgs),
    /// A group's meeting as an iCalendar (.ics) file, for your calendar.
    Ics(super::group_member::IcsArgs),
    /// Withdraw an item from your group: members stop seeing it after their next refresh.
    Withdraw(group_moderate::WithdrawArgs),
    /// One group as its charter describes it: owners, publishers and their scopes, version, expiry.
    Show(group_moderate::ShowArgs),
    /// This device's moderator key, to send to a group's owner (to be added as a publisher or owner).
    #[command(alias = "publisher-key")]
    Key,
    /// Accept a publisher's or owner's link an owner sealed for your moderator key (mend://moderate#…).
    Accept(group_moderate::AcceptArgs),
    /// Add or remove a publisher of your group.
    #[command(subcommand)]
    Publishers(group_moderate::PublishersCommand),
    /// Change a group's charter across owners' phones: propose, sign, publish (a handover is one change).
    #[command(subcommand)]
    Charter(group_moderate::CharterCommand),
    /// Write a backup of a group you own to a file, opened by 24 words of its own (a lost phone then orphans nothing).
    Backup(super::group_backup::BackupArgs),
    /// Put a group you own back on this device from its backup file and words.
    Restore(super::group_backup::RestoreArgs),
    /// A private group's requests to join and members, with the ids approving and declining take.
    Members(group_private::MembersArgs),
    /// Approve a request to join your private group: their Mend joins at its next refresh.
    Approve(group_private::DecideArgs),
    /// Decline a request to join your private group.
    Decline(group_private::DecideArgs),
    /// Remove a member from your private group: the group moves to a new key they do not get.
    RemoveMember(group_private::DecideArgs),
    /// Move your private group to a new key, every member carried over (done for you when a moderator is removed).
    Rekey(group_private::MembersArgs),
    /// The notes your private group's moderators left each other on its desk.
    Notes(super::group_desk::NotesArgs),
    /// Leave a note for your private group's other owners and publishers (a handover, a passcode to change).
    Note(super::group_desk::NoteArgs),
}

#[derive(Debug, ClapArgs)]
pub struct PreviewArgs {
    /// A folder of item files (Markdown with YAML front matter; see docs/groups.md).
    dir: PathBuf,
}

#[derive(Debug, ClapArgs)]
pub struct CreateArgs {
    /// The server's address: https://…, or http://127.0.0.1:PORT for one on this computer.
    #[arg(long)]
    server: String,
    /// The group's name, as members will see it.
    #[arg(long)]
    name: String,
    /// A few words about the group, for members.
    #[arg(long, default_value = "")]
    description: String,
    /// The group's language (a tag such as en or cy).
    #[arg(long, default_value = "en")]
    language: String,
    /// Where the group is for (such as GB or US); leave out for anywhere.
    #[arg(long, default_value = "")]
    region: String,
    /// A private group: people ask to join with its link, and you approve or decline each request.
    #[arg(long)]
    private: bool,
    /// Also draw the link as a QR code, as `mend group invite --qr` does.
    #[arg(long)]
    qr: bool,
}

#[derive(Debug, ClapArgs)]
pub struct PublishArgs {
    /// A folder of item files (see docs/groups.md).
    dir: PathBuf,
    /// Which of your groups (its id or name), if you moderate more than one.
    #[arg(long)]
    group: Option<String>,
}

#[derive(Debug, ClapArgs)]
pub struct GroupArg {
    /// Which of your groups (its id or name), if you moderate more than one.
    #[arg(long)]
    group: Option<String>,
}

#[derive(Debug, ClapArgs)]
pub struct InviteArgs {
    #[command(flatten)]
    group: GroupArg,
    /// Also draw the link as a QR code, for a leaflet or a screen (the link's text is printed either way).
    #[arg(long)]
    qr: bool,
}

#[derive(Debug, ClapArgs)]
pub struct JoinArgs {
    /// The invite link (mend://join#…).
    link: String,
    /// For a private group's link: the name the group's moderators will see with your request (your own choice;
    /// at most 64 characters).
    #[arg(long)]
    name: Option<String>,
}

#[derive(Debug, ClapArgs)]
pub struct ItemsArgs {
    /// One group's id or name.
    group: Option<String>,
}

#[derive(Serialize)]
struct Preview {
    items: Vec<Item>,
    findings: Vec<Finding>,
}

pub fn run(ctx: &Context, command: GroupCommand) -> Result<(), CliError> {
    if let GroupCommand::Preview(args) = command {
        return preview(ctx, args);
    }
    let mend = ctx.open()?;
    let keys = group_keys(&mend)?;
    match command {
        GroupCommand::Create(args) => create(ctx, &mend, &keys, args),
        GroupCommand::Publish(args) => publish(ctx, &mend, &keys, args),
        GroupCommand::Invite(args) => invite(ctx, &mend, &keys, args),
        GroupCommand::Join(args) => join(ctx, &mend, &keys, args),
        GroupCommand::Refresh => refresh(ctx, &mend, &keys),
        GroupCommand::List => list(ctx, &mend, &keys),
        GroupCommand::Items(args) => items(ctx, &mend, &keys, args),
        GroupCommand::Leave(args) => super::group_member::leave(ctx, &mend, &keys, args),
        GroupCommand::Follow(args) => super::group_member::follow(ctx, &mend, &keys, args),
        GroupCommand::Ics(args) => super::group_member::ics(ctx, &mend, &keys, args),
        GroupCommand::Withdraw(args) => group_moderate::withdraw(ctx, &mend, &keys, args),
        GroupCommand::Show(args) => group_moderate::show(ctx, &mend, &keys, args),
        GroupCommand::Key => group_moderate::key(ctx, &mend, &keys),
        GroupCommand::Accept(args) => group_moderate::accept(ctx, &mend, &keys, args),
        GroupCommand::Publishers(command) => group_moderate::publishers(ctx, &mend, &keys, command),
        GroupCommand::Charter(command) => group_moderate::charter(ctx, &mend, &keys, command),
        GroupCommand::Backup(args) => super::group_backup::backup(ctx, &mend, &keys, args),
        GroupCommand::Restore(args) => super::group_backup::restore(ctx, &mend, &keys, args),
        GroupCommand::Members(args) => group_private::members(ctx, &mend, &keys, args),
        GroupCommand::Approve(args) => group_private::decide(ctx, &mend, &keys, args, true),
        GroupCommand::Decline(args) => group_private::decide(ctx, &mend, &keys, args, false),
        GroupCommand::RemoveMember(args) => group_private::remove(ctx, &mend, &keys, args),
        GroupCommand::Rekey(args) => group_private::rekey(ctx, &mend, &keys, args),
        GroupCommand::Notes(args) => super::group_desk::notes(ctx, &mend, &keys, args),
        GroupCommand::Note(args) => super::group_desk::note(ctx, &mend, &keys, args),
        GroupCommand::Preview(_) => unreachable!("handled above"),
    }
}

/// The folder of the key file for group secrets, in the data directory (apart from sync's key file, which
/// `mend sync off` clears; `mend erase` clears both).
pub fn keys_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("groups")
}

/// The key file for group secrets, in its own private folder.
fn group_keys(mend: &Mend) -> Result<FileKeyStore, CliError> {
    let dir = keys_dir(mend.data_dir());
    mend_core::files::private_dir(&dir)?;
    Ok(FileKeyStore::in_dir(&dir))
}

/// Sync's key file: with it, joining and leaving write the person's membership rows (which sync carries to their
/// other devices) and a refresh first takes up or leaves what those rows say (`groups/membership_sync.rs`).
pub fn account_keys(mend: &Mend) -> FileKeyStore {
    FileKeyStore::in_dir(mend.data_dir())
}

pub(super) fn failed(error: GroupsFailure) -> CliError {
    match error {
        GroupsFailure::Group(GroupError::Invalid { .. }) | GroupsFailure::NotFound(_) | GroupsFailure::Conflict(_) => {
            CliError::usage(error.to_string())
        }
        GroupsFailure::Journal(core) => core.into(),
        other => CliError::failure(other.to_string()),
    }
}

fn create(ctx: &Context, mend: &Mend, keys: &FileKeyStore, args: CreateArgs) -> Result<(), CliError> {
    let new = NewGroup {
        server: args.server,
        name: args.name,
        description: args.description,
        language: args.language,
        region: args.region,
    };
    if args.private {
        return group_private::create(ctx, mend, keys, new, args.qr);
    }
    let transport = HttpTransport::new()?;
    let created = block_on(mend.groups(keys).create(&transport, new))?.map_err(failed)?;
    emit(ctx.json, &created, || {
        let mut out = vec![
            format!("Your group \u{201c}{}\u{201d} is ready.", created.name),
            "Share this link with the people you support; anyone who has it can read what you publish:".into(),
            created.invite.clone(),
        ];
        if created.single_owner {
            out.push(String::new());
            out.push(single_owner_words().into());
        }
        out.join("\n")
    });
    if args.qr {
        print_qr(ctx, &created.invite)?;
    }
    Ok(())
}

/// What `create` says when the group's keys are only on this device.
pub(super) fn single_owner_words() -> &'static str {
    "You are the group's only owner and its keys are only on this device: if it were lost, nobody could publish \
     to the group again. Back them up now with `mend group backup --out FILE`."
}

fn publish(ctx: &Context, mend: &Mend, keys: &FileKeyStore, args: PublishArgs) -> Result<(), CliError> {
    let transport = HttpTransport::new()?;
    let groups = mend.groups(keys);
    if !ctx.json {
        // What the checks noticed comes first, so it is read before the pack goes out; it never stops it.
        let found = groups.check_folder(&args.dir).map_err(failed)?;
        print_human(&findings(&found).join("\n"));
    }
    let published = block_on(groups.publish(&transport, args.group.as_deref(), &args.dir))?.map_err(failed)?;
    emit(ctx.json, &published, || {
        let mut out = vec![format!(
            "Published: {} item{} (pack {}). Members see it the next time their Mend checks the group.",
            published.items,
            if published.items == 1 { "" } else { "s" },
            published.sequence
        )];
        out.extend(dropped_lines(&published.dropped));
        out.join("\n")
    });
    Ok(())
}

/// The lines saying which publishers' sections a pack left out, and why (names are the moderators' own words;
/// `emit` escapes them).
pub(crate) fn dropped_lines(dropped: &[Dropped]) -> Vec<String> {
    if dropped.is_empty() {
        return Vec::new();
    }
    let mut out = vec!["Left out of the pack, because members would no longer accept them:".to_owned()];
    out.extend(dropped.iter().map(|d| format!("  {}'s items: {}", d.publisher, d.reason)));
    out
}

#[derive(Serialize)]
struct InviteOut {
    invite: String,
}

fn invite(ctx: &Context, mend: &Mend, keys: &FileKeyStore, args: InviteArgs) -> Result<(), CliError> {
    let invite = mend.groups(keys).invite(args.group.group.as_deref()).map_err(failed)?;
    let out = InviteOut { invite };
    emit(ctx.json, &out, || out.invite.clone());
    if args.qr {
        print_qr(ctx, &out.invite)?;
    }
    Ok(())
}

/// Draws `link` as a QR code after the text (not with `--json`, which gives the link only).
pub(super) fn print_qr(ctx: &Context, link: &str) -> Result<(), CliError> {
    let lines = crate::qr::lines(link).map_err(|_| CliError::failure("the link is too long to draw"))?;
    if !ctx.json {
        // Drawn by Mend, not from the network, so printed as is. Colour only on a terminal that takes it; the
        // plain drawing prints anywhere (into a file for a leaflet, say).
        let colour = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
        let lines = if colour { crate::qr::paint(&lines) } else { lines };
        println!("\n{}\n", lines.join("\n"));
    }
    Ok(())
}

fn join(ctx: &Context, mend: &Mend, keys: &FileKeyStore, args: JoinArgs) -> Result<(), CliError> {
    // A link that does not read is left to `join`, which says what is wrong with it.
    match (parse_link(&args.link), args.name.as_deref()) {
        (Ok(Link::Private(_)), Some(name)) => return group_private::request(ctx, mend, keys, &args.link, name),
        (Ok(Link::Private(_)), None) => {
            return Err(CliError::usage(
                "this is a private group's link: ask to join with `mend group join LINK --name NAME`, where NAME is \
                 the name the group's moderators will see",
            ));
        }
        (Ok(Link::Open(_)), Some(_)) => {
            return Err(CliError::usage(
                "--name is only for a private group's link; this one is an open group's: join it without --name",
            ));
        }
        _ => {}
    }
    let transport = HttpTransport::new()?;
    let account = account_keys(mend);
    let joined = block_on(mend.groups(keys).with_account(&account).join(&transport, &args.link))?.map_err(failed)?;
    emit(ctx.json, &joined, || {
        let mut out = vec![format!("You joined \u{201c}{}\u{201d}.", joined.name)];
        if !joined.description.is_empty() {
            out.push(format!("From the group: {}", joined.description));
        }
        out.push(match joined.items {
            0 => "The group has not shared anything yet.".to_owned(),
            n => format!("{n} item{} from the group: see them with `mend group items`.", if n == 1 { "" } else { "s" }),
        });
        out.join("\n")
    });
    Ok(())
}

fn refresh(ctx: &Context, mend: &Mend, keys: &FileKeyStore) -> Result<(), CliError> {
    let transport = HttpTransport::new()?;
    let account = account_keys(mend);
    let groups = mend.groups(keys).with_account(&account);
    // Private groups' roster chains first, for their outcomes: the refresh that follows reads them again and finds
    // nothing more to report (requests decided, epochs followed), then fetches every group still joined. Listed in
    // that order too.
    let private = block_on(groups.refresh_private(&transport))?.map_err(failed)?;
    let report = block_on(groups.refresh_with_account(&transport))?.map_err(failed)?;
    let both: Vec<RefreshOut> =
        private.iter().map(RefreshOut::Private).chain(report.iter().map(RefreshOut::Group)).collect();
    // A person removed from a private group has joined one: nothing is fetched for it, and the words say so.
    let removed: Vec<String> = if both.is_empty() {
        groups.list().map_err(failed)?.into_iter().filter(|g| g.removed).map(|g| g.name).collect()
    } else {
        Vec::new()
    };
    emit(ctx.json, &both, || {
        if both.is_empty() && !removed.is_empty() {
            let lines: Vec<String> = removed
                .iter()
                .map(|name| format!("{name}: you are no longer in this group, so nothing new is fetched for it."))
                .collect();
            return lines.join("\n");
        }
        if both.is_empty() {
            return "You have not joined a group yet.".into();
        }
        // A group just joined or moved to a new epoch came with its newest items: its "nothing new" would mislead.
        let told = group_private::told_ids(&private);
        let mut lines = group_private::private_lines(&private);
        lines.extend(report.iter().filter_map(|r| match r {
            Refreshed::Unchanged { id, .. } if told.contains(&id.as_str()) => None,
            r => Some(match r {
                Refreshed::Updated { name, .. } => format!("{name}: new items from the group."),
                Refreshed::Unchanged { name, .. } => format!("{name}: nothing new."),
                Refreshed::Refused { name, reason, .. } => {
                    format!("{name}: something new came but could not be checked, so it was not used ({reason}).")
                }
                Refreshed::Unreachable { name, reason, .. } => {
                    format!("{name}: could not be checked just now ({reason}); what you had is kept.")
                }
                Refreshed::Gone { name, .. } => {
                    format!("{name}: the group's server no longer has it; what you had is kept.")
                }
            }),
        }));
        lines.join("\n")
    });
    Ok(())
}

/// One entry of `refresh --json`: what a private group's roster chain said (a request to join's carries
/// `request`), or a group's outcome.
#[derive(Serialize)]
#[serde(untagged)]
enum RefreshOut<'a> {
    Group(&'a Refreshed),
    Private(&'a PrivateRefreshed),
}

fn list(ctx: &Context, mend: &Mend, keys: &FileKeyStore) -> Result<(), CliError> {
    let groups = mend.groups(keys).list().map_err(failed)?;
    emit(ctx.json, &groups, || {
        if groups.is_empty() {
            return "No groups on this device yet.".into();
        }
        groups.iter().map(summary_line).collect::<Vec<_>>().join("\n")
    });
    Ok(())
}

fn summary_line(group: &GroupSummary) -> String {
    let private = if group.private { "private; " } else { "" };
    match group.role {
        Role::Owner if group.needs_backup => format!(
            "{} ({private}you moderate it; id {}; no backup yet: `mend group backup --out FILE`)",
            group.name, group.id
        ),
        Role::Owner => format!("{} ({private}you moderate it; id {})", group.name, group.id),
        Role::Publisher => format!("{} ({private}you publish to it; id {})", group.name, group.id),
        Role::Member if group.removed => {
            format!("{} ({private}you are no longer in it; what you saw is kept; id {})", group.name, group.id)
        }
        Role::Member => format!(
            "{} ({private}{} item{}; id {})",
            group.name,
            group.items,
            if group.items == 1 { "" } else { "s" },
            group.id
        ),
    }
}

fn items(ctx: &Context, mend: &Mend, keys: &FileKeyStore, args: ItemsArgs) -> Result<(), CliError> {
    let items = mend.groups(keys).items(args.group.as_deref()).map_err(failed)?;
    let expired = mend.groups(keys).expired_groups().map_err(failed)?;
    emit(ctx.json, &items, || {
        if items.is_empty() {
            return "No items from your groups yet.".into();
        }
        let today = ctx.now().date_naive();
        let blocks: Vec<String> = items.iter().map(|i| group_item(i, expired.contains(&i.group_id), today)).collect();
        blocks.join("\n\n")
    });
    Ok(())
}

fn group_item(entry: &GroupItem, expired: bool, today: chrono::NaiveDate) -> String {
    let mut lines = vec![format!("From {}:", entry.group_name)];
    lines.extend(item_lines(&entry.item));
    lines.extend(super::group_member::freshness_note(&entry.item, expired, today));
    lines.join("\n")
}

fn preview(ctx: &Context, args: PreviewArgs) -> Result<(), CliError> {
    let items = read_folder(&args.dir)?;
    let findings = checks::check(&items, ctx.now().date_naive());
    let preview = Preview { items, findings };
    emit(ctx.json, &preview, || human(&preview));
    Ok(())
}

fn read_folder(dir: &Path) -> Result<Vec<Item>, CliError> {
    folder::read_folder(dir).map_err(|e| CliError::usage(e.to_string()))
}

fn findings(found: &[Finding]) -> Vec<String> {
    let mut out = Vec::new();
    if found.is_empty() {
        out.push("Mend's checks found nothing to look at before you publish.".to_owned());
    } else {
        out.push(format!(
            "Before you publish, Mend noticed {} thing{} to look at (you decide; nothing is blocked):",
            found.len(),
            if found.len() == 1 { "" } else { "s" }
        ));
        out.extend(found.iter().map(|f| format!("- {}", f.words())));
    }
    out
}

fn human(preview: &Preview) -> String {
    let mut out = findings(&preview.findings);
    for item in &preview.items {
        out.push(String::new());
        out.extend(item_lines(item));
    }
    out.join("\n")
}

/// "Content note: pregnancy, baby images", shown before an item's text; none without notes.
pub(crate) fn content_note_line(notes: &[ContentNote]) -> Option<String> {
    if notes.is_empty() {
        return None;
    }
    let words: Vec<&str> = notes.iter().map(|n| n.words()).collect();
    Some(format!("Content note: {}", words.join(", ")))
}

fn item_lines(item: &Item) -> Vec<String> {
    let mut lines = Vec::new();
    lines.extend(content_note_line(&item.content_notes));
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
