//! `mend group …` for moderators beyond creating and publishing: `withdraw GROUP ITEM`, `show [GROUP]`,
//! `key` (this device's moderator key, to send to an owner), `accept LINK` (a publisher's or owner's link sealed
//! for that key), `publishers add|remove`, and `charter propose|sign|publish` (a charter change as a draft file
//! that travels between owners' phones; a handover is one such change). Names, descriptions and everything else
//! the moderators wrote are escaped before they reach the terminal (`emit`'s human path), and shown as theirs.

use std::path::PathBuf;

use clap::{Args as ClapArgs, Subcommand};
use mend_core::Mend;
use mend_core::files::{Existing, write_private};
use mend_core::groups::charter_change::PackAfterChange;
use mend_core::groups::charter_flow::{CharterChanges, Draft, DraftStatus};
use mend_core::groups::publishers::{PublisherLink, parse_scopes};
use mend_core::groups::show::{GroupDetails, Part};
use mend_core::sync::keystore::FileKeyStore;
use serde::Serialize;

use super::group::failed;
use super::group_desk::{self, DraftOut};
use crate::context::Context;
use crate::output::{CliError, emit};
use crate::sync::http::{HttpTransport, block_on};

#[derive(Debug, ClapArgs)]
pub struct WithdrawArgs {
    /// The group (its id or name).
    group: String,
    /// The item's id (the `id:` of its file in the pack folder).
    item: String,
}

#[derive(Debug, ClapArgs)]
pub struct ShowArgs {
    /// The group (its id or name); leave out when this device has only one.
    group: Option<String>,
}

#[derive(Debug, ClapArgs)]
pub struct AcceptArgs {
    /// The link an owner sent you (mend://moderate#…).
    link: String,
}

#[derive(Debug, Subcommand)]
pub enum PublishersCommand {
    /// Add a publisher: a new charter lists her key with her scopes; prints a link sealed for her key.
    Add(PublisherAddArgs),
    /// Remove a publisher: a new charter without her, and a new write key, so her later posts are refused.
    Remove(PublisherRemoveArgs),
}

#[derive(Debug, ClapArgs)]
pub struct PublisherAddArgs {
    /// The group (its id or name).
    group: String,
    /// Her moderator key (mend-key:…), from `mend group key` on her device.
    key: String,
    /// What she may publish: any of article, meeting, service, hotline, separated by commas.
    #[arg(long)]
    scopes: String,
    /// The name the other moderators know her by.
    #[arg(long)]
    name: String,
}

#[derive(Debug, ClapArgs)]
pub struct PublisherRemoveArgs {
    /// The group (its id or name).
    group: String,
    /// Her moderator key (mend-key:…) or her name as `mend group show` lists it.
    key: String,
}

#[derive(Debug, Subcommand)]
pub enum CharterCommand {
    /// Propose a change to a group's charter, signed by you, for the other owners to sign: a draft file, and for
    /// a private group the draft on its moderators' desk too.
    Propose(ProposeArgs),
    /// Check a draft (a file, or the one on a private group's desk), see what it changes, and add your signature.
    Sign(SignArgs),
    /// Put a draft (a file, or the one on a private group's desk) in force once enough owners (of the current and
    /// the new charter) have signed it.
    Publish(CharterPublishArgs),
}

#[derive(Debug, ClapArgs)]
pub struct ProposeArgs {
    /// The group (its id or name).
    group: String,
    /// A new name for the group.
    #[arg(long)]
    name: Option<String>,
    /// A new description.
    #[arg(long)]
    description: Option<String>,
    /// A new owner, as NAME=KEY (their moderator key from `mend group key`); repeatable.
    #[arg(long = "add-owner")]
    add_owner: Vec<String>,
    /// An owner leaving (their key or name); repeatable. A handover adds one owner and removes another.
    #[arg(long = "remove-owner")]
    remove_owner: Vec<String>,
    /// How many owners must sign the next change.
    #[arg(long)]
    threshold: Option<u8>,
    /// A new publisher, as NAME=KEY; repeatable. What they may publish is `--scopes`.
    #[arg(long = "add-publisher")]
    add_publisher: Vec<String>,
    /// What the new publishers may publish: any of article, meeting, service, hotline, separated by commas.
    #[arg(long, requires = "add_publisher")]
    scopes: Option<String>,
    /// A publisher leaving (their key or name); repeatable.
    #[arg(long = "remove-publisher")]
    remove_publisher: Vec<String>,
    /// Where to write the draft (a new file). A private group's draft goes on its desk, so this may be left out;
    /// a new owner who is not on the desk yet needs the file to sign.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Set aside another change waiting on the private group's desk.
    #[arg(long)]
    replace: bool,
}

#[derive(Debug, ClapArgs)]
pub struct SignArgs {
    /// The draft file; your signature is added to it. Leave out to sign the change waiting on a private
    /// group's desk.
    file: Option<PathBuf>,
    /// With no file: which private group's desk (its id or name), if you own more than one.
    #[arg(long, conflicts_with = "file")]
    group: Option<String>,
}

#[derive(Debug, ClapArgs)]
pub struct CharterPublishArgs {
    /// The signed draft file. Leave out to put in force the change waiting on a private group's desk.
    file: Option<PathBuf>,
    /// With no file: which private group's desk (its id or name), if you own more than one.
    #[arg(long, conflicts_with = "file")]
    group: Option<String>,
}

fn transport() -> Result<HttpTransport, CliError> {
    HttpTransport::new()
}

pub fn withdraw(ctx: &Context, mend: &Mend, keys: &FileKeyStore, args: WithdrawArgs) -> Result<(), CliError> {
    let done = block_on(mend.groups(keys).withdraw(&transport()?, Some(&args.group), &args.item))?.map_err(failed)?;
    emit(ctx.json, &done, || {
        let mut out = vec![format!(
            "Withdrawn: {} (pack {}). Members stop seeing it the next time their Mend checks the group.",
            done.item, done.sequence
        )];
        out.extend(super::group::dropped_lines(&done.dropped));
        out.join("\n")
    });
    Ok(())
}

pub fn show(ctx: &Context, mend: &Mend, keys: &FileKeyStore, args: ShowArgs) -> Result<(), CliError> {
    let details = mend.groups(keys).show(args.group.as_deref()).map_err(failed)?;
    emit(ctx.json, &details, || shown(&details));
    Ok(())
}

fn shown(d: &GroupDetails) -> String {
    let part = match d.part {
        Part::Owner => "you are an owner",
        Part::Publisher => "you publish to it",
        Part::Member => "you joined it",
    };
    let mut out = vec![format!("{} ({part}; id {})", d.name, d.id)];
    if !d.description.is_empty() {
        out.push(format!("From the group: {}", d.description));
    }
    let region = if d.region.is_empty() { "anywhere".to_owned() } else { d.region.clone() };
    out.push(format!("Language: {}. For: {region}. Server: {}", d.language, d.server));
    out.push(format!(
        "Charter version {}; {} of {} owner{} must sign a change.",
        d.charter_version,
        d.threshold,
        d.owners.len(),
        if d.owners.len() == 1 { "" } else { "s" }
    ));
    out.push("Owners:".into());
    for owner in &d.owners {
        out.push(format!("- {}{}: {}", owner.name, if owner.you { " (you)" } else { "" }, owner.key));
    }
    out.push("Publishers:".into());
    for publisher in &d.publishers {
        let scopes: Vec<&str> = publisher.scopes.iter().map(|k| k.code()).collect();
        out.push(format!(
            "- {}{} ({}): {}",
            publisher.name,
            if publisher.you { " (you)" } else { "" },
            scopes.join(", "),
            publisher.key
        ));
    }
    let until = d.expires_at.format("%-d %B %Y");
    out.push(if d.frozen {
        format!(
            "The charter expired on {until}: what was verified stays, and nothing newer is accepted until the owners \
             renew it."
        )
    } else {
        format!("The charter is valid until {until}.")
    });
    out.push(match d.pack_sequence {
        0 => "Nothing published yet.".to_owned(),
        n => format!("Newest pack: {n}."),
    });
    out.join("\n")
}

#[derive(Serialize)]
struct KeyOut {
    key: String,
}

pub fn key(ctx: &Context, mend: &Mend, keys: &FileKeyStore) -> Result<(), CliError> {
    let out = KeyOut { key: mend.groups(keys).moderator_key().map_err(failed)? };
    emit(ctx.json, &out, || {
        format!(
            "Your moderator key (send it to the group's owner; it holds nothing secret):\n{}\nThe owner adds it with \
             `mend group publishers add` and sends you a link back; accept it with `mend group accept LINK`.",
            out.key
        )
    });
    Ok(())
}

pub fn accept(ctx: &Context, mend: &Mend, keys: &FileKeyStore, args: AcceptArgs) -> Result<(), CliError> {
    let accepted = block_on(mend.groups(keys).accept(&transport()?, &args.link))?.map_err(failed)?;
    emit(ctx.json, &accepted, || {
        let scopes: Vec<&str> = accepted.scopes.iter().map(|k| k.code()).collect();
        let what = if scopes.is_empty() { "nothing".to_owned() } else { scopes.join(", ") };
        match accepted.role {
            "owner" if !accepted.pack_followed => format!(
                "You are now an owner of \u{201c}{}\u{201d}. You may publish: {what}. Its pack could not be posted under \
                 the new charter yet (the server could not be reached): people who join are turned away until your \
                 next publish.",
                accepted.name
            ),
            "owner" => format!("You are now an owner of \u{201c}{}\u{201d}. You may publish: {what}.", accepted.name),
            _ => format!(
                "You can now publish to \u{201c}{}\u{201d}: {what}. Use `mend group publish DIR --group {}`.",
                accepted.name, accepted.id
            ),
        }
    });
    Ok(())
}

fn links(lines: &mut Vec<String>, intro: &str, links: &[PublisherLink]) {
    if !links.is_empty() {
        lines.push(intro.to_owned());
        for link in links {
            lines.push(format!("- {}: {}", link.name, link.link));
        }
    }
}

pub fn publishers(ctx: &Context, mend: &Mend, keys: &FileKeyStore, command: PublishersCommand) -> Result<(), CliError> {
    let groups = mend.groups(keys);
    match command {
        PublishersCommand::Add(args) => {
            let scopes = parse_scopes(&args.scopes).map_err(|e| CliError::usage(e.to_string()))?;
            let added =
                block_on(groups.add_publisher(&transport()?, Some(&args.group), &args.key, &args.name, scopes))?
                    .map_err(failed)?;
            emit(ctx.json, &added, || {
                let scopes: Vec<&str> = added.scopes.iter().map(|k| k.code()).collect();
                let mut out = vec![format!(
                    "{} can now publish {} (charter version {}). Send her this link; only her device can open it:\n{}",
                    added.name,
                    scopes.join(", "),
                    added.charter_version,
                    added.link
                )];
                out.extend(pack_lines(&added.pack));
                out.join("\n")
            });
        }
        PublishersCommand::Remove(args) => {
            let removed =
                block_on(groups.remove_publisher(&transport()?, Some(&args.group), &args.key))?.map_err(failed)?;
            emit(ctx.json, &removed, || {
                let mut out = vec![format!(
                    "{} is no longer a publisher (charter version {}); the group's write key changed, so her later \
                     posts are refused.",
                    removed.name, removed.charter_version
                )];
                links(
                    &mut out,
                    "The other publishers need a new link (only each one's device can open it):",
                    &removed.links,
                );
                out.extend(pack_lines(&removed.pack));
                out.join("\n")
            });
        }
    }
    Ok(())
}

fn status_lines(status: &DraftStatus, on_desk: bool) -> Vec<String> {
    let mut out = vec![format!("Charter version {} would change:", status.version)];
    out.extend(status.changes.iter().map(|c| format!("- {c}")));
    out.push(format!(
        "Signed by {} of the {} current owners needed and {} of the {} new owners needed.",
        status.old_owners_signed, status.old_threshold, status.new_owners_signed, status.new_threshold
    ));
    out.push(match (status.ready, on_desk) {
        (true, false) => {
            "It has enough signatures: an owner can put it in force with `mend group charter publish FILE`.".into()
        }
        (true, true) => {
            "It has enough signatures: an owner can put it in force with `mend group charter publish`.".into()
        }
        (false, false) => {
            "It needs more signatures: send the file to the other owners (`mend group charter sign FILE`).".into()
        }
        (false, true) => "It needs more signatures: the other owners find it on the group's desk \
                          (`mend group charter sign`); a new owner not yet on the desk signs the file."
            .into(),
    });
    out
}

fn read_draft(path: &std::path::Path) -> Result<Draft, CliError> {
    let text = std::fs::read_to_string(path)
        .map_err(|_| CliError::usage("the draft file could not be read (check its name and permissions)"))?;
    Draft::from_text(&text).map_err(|e| CliError::usage(e.to_string()))
}

fn write_draft(path: &std::path::Path, draft: &Draft, existing: Existing) -> Result<(), CliError> {
    write_private(path, draft.to_text().as_bytes(), existing).map_err(CliError::from)
}

pub fn charter(ctx: &Context, mend: &Mend, keys: &FileKeyStore, command: CharterCommand) -> Result<(), CliError> {
    let groups = mend.groups(keys);
    match command {
        CharterCommand::Propose(args) => {
            let mut add_owners = Vec::new();
            for pair in &args.add_owner {
                let (name, key) = pair
                    .split_once('=')
                    .ok_or_else(|| CliError::field("add-owner", "write it as NAME=KEY (their mend-key:… code)"))?;
                add_owners.push((name.to_owned(), key.to_owned()));
            }
            let mut add_publishers = Vec::new();
            if !args.add_publisher.is_empty() {
                let scopes =
                    args.scopes.as_deref().ok_or_else(|| CliError::field("scopes", "say what they may publish"))?;
                let scopes = parse_scopes(scopes).map_err(|e| CliError::usage(e.to_string()))?;
                for pair in &args.add_publisher {
                    let (name, key) = pair.split_once('=').ok_or_else(|| {
                        CliError::field("add-publisher", "write it as NAME=KEY (their mend-key:… code)")
                    })?;
                    add_publishers.push((name.to_owned(), key.to_owned(), scopes.clone()));
                }
            }
            let changes = CharterChanges {
                name: args.name,
                description: args.description,
                add_owners,
                remove_owners: args.remove_owner,
                threshold: args.threshold,
                add_publishers,
                remove_publishers: args.remove_publisher,
            };
            let private = groups.show(Some(&args.group)).map_err(failed)?.private;
            if !private && args.out.is_none() {
                return Err(CliError::field("out", "an open group's draft travels as a file: give --out FILE"));
            }
            if !args.add_owner.is_empty() && args.out.is_none() {
                return Err(CliError::field(
                    "out",
                    "a new owner cannot read the group's desk until the change is in force: give --out FILE for \
                     them to sign",
                ));
            }
            let (draft, mut status) =
                block_on(groups.propose_charter(&transport()?, Some(&args.group), changes))?.map_err(failed)?;
            if let Some(out) = &args.out {
                write_draft(out, &draft, Existing::Keep)?;
            }
            if private {
                status = group_desk::share(mend, keys, &draft, args.replace)?.status;
            }
            let out = DraftOut { file: args.out.map(|f| f.display().to_string()), on_desk: private, status: &status };
            emit(ctx.json, &out, || {
                let mut lines = vec![match (&out.file, private) {
                    (Some(file), true) => format!("The draft is on the group's desk and in {file}, signed by you."),
                    (Some(file), false) => format!("The draft is in {file}, signed by you."),
                    (None, _) => "The draft is on the group's desk, signed by you.".into(),
                }];
                lines.extend(status_lines(&status, private));
                lines.join("\n")
            });
        }
        CharterCommand::Sign(args) => {
            let (file, on_desk) = (args.file.as_ref().map(|f| f.display().to_string()), args.file.is_none());
            let status = match &args.file {
                Some(file) => {
                    let mut draft = read_draft(file)?;
                    let status = groups.sign_charter(&mut draft).map_err(failed)?;
                    write_draft(file, &draft, Existing::Replace)?;
                    status
                }
                None => {
                    let mut waiting = group_desk::waiting(mend, keys, args.group.as_deref())?;
                    groups.sign_charter(&mut waiting.draft).map_err(failed)?;
                    group_desk::share(mend, keys, &waiting.draft, false)?.status
                }
            };
            let out = DraftOut { file, on_desk, status: &status };
            emit(ctx.json, &out, || {
                let mut lines = vec![match &out.file {
                    Some(file) => format!("You signed the draft in {file}."),
                    None => "You signed the change waiting on the group's desk.".into(),
                }];
                lines.extend(status_lines(&status, on_desk));
                lines.join("\n")
            });
        }
        CharterCommand::Publish(args) => {
            let published = match &args.file {
                Some(file) => {
                    let draft = read_draft(file)?;
                    block_on(groups.publish_charter(&transport()?, &draft))?.map_err(failed)?
                }
                None => group_desk::publish_waiting(mend, keys, args.group.as_deref())?,
            };
            emit(ctx.json, &published, || {
                let mut out = vec![format!("Charter version {} is in force.", published.version)];
                links(
                    &mut out,
                    "Send each new owner their link (only their device can open it):",
                    &published.owner_links,
                );
                links(&mut out, "Send each of these publishers their link:", &published.publisher_links);
                if published.handed_over {
                    out.push(
                        "You are no longer an owner of this group, so its keys were removed from this device. The new \
                         owner's Mend posts the group's pack under this charter when they accept their link; until \
                         then, people who join are turned away."
                            .into(),
                    );
                } else {
                    out.extend(pack_lines(&published.pack));
                }
                out.join("\n")
            });
        }
    }
    Ok(())
}

/// What a charter change did to the group's pack: the sections it left out, or that it could not be posted.
fn pack_lines(pack: &PackAfterChange) -> Vec<String> {
    let mut out = super::group::dropped_lines(&pack.dropped);
    if pack.new_epoch.is_some() {
        out.push(
            "The group moved to a new key that whoever left does not receive: they see nothing published from \
             now on. Members' Mend follows it at their next refresh; change the passcodes and links of meetings \
             they saw."
                .into(),
        );
    }
    if pack.rekey_needed {
        out.push(
            "The group could not move to a new key just now, so whoever left can still read what is published: \
             run `mend group rekey`."
                .into(),
        );
    }
    if !pack.followed {
        out.push(
            "The group's pack could not be posted again under the new charter (the server could not be reached): \
             people who join are turned away until your next publish."
                .into(),
        );
    }
    out
}
