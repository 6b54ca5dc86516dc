//! `mend sync`: the journal on every device the person owns, end-to-end encrypted through a `mend-server`.
//! `setup --server URL` makes a new account and shows the 24-word recovery phrase once (on a terminal it asks
//! two of the words back); `join --server URL` joins with the phrase, typed at a prompt or read from standard
//! input (never an argument, which would land in the shell's history); `now` syncs, with a progress bar on a
//! terminal; `status` tells the truth about where sync stands; `auto on|off` syncs after each change;
//! `reminders on|off` says whether reminders ring on this computer (off by default); `off`
//! stops syncing here (optionally deleting everything from the server); `devices` lists the journal's devices
//! (`sync/devices.rs`); `phrase --new` and `phrase --check` make a new recovery phrase or check one
//! (`sync/phrase.rs`); `link` shows a code on a new device and `approve CODE` links it from one in sync, once the
//! digits on both screens match (`sync/link.rs`, `sync/approve.rs`); `revoke DEVICE [--wipe]` removes a device
//! and renews the keys (`sync/revoke.rs`). The core decides everything; these files ask, call and print.

mod approve;
mod devices;
mod link;
mod phrase;
mod revoke;

use std::io::{IsTerminal, Write};
use std::sync::atomic::AtomicBool;

use clap::{Args as ClapArgs, Subcommand};
use mend_core::Mend;
use mend_core::sync::keystore::FileKeyStore;
use mend_core::sync::{Options, Progress, Report, Status, SyncError};
use serde::Serialize;
use zeroize::Zeroizing;

use crate::context::Context;
use crate::output::{CliError, emit};
use crate::sync::http::{HttpTransport, block_on};
use crate::terminal::escape;

#[derive(Debug, Subcommand)]
pub enum SyncCommand {
    /// Set sync up with a new account on a server: shows your recovery phrase once.
    Setup(SetupArgs),
    /// Join your synced journal from this device with your recovery phrase.
    Join(JoinArgs),
    /// Sync now.
    Now(NowArgs),
    /// Where sync stands.
    Status,
    /// Sync after each change on this device: on or off.
    Auto {
        #[arg(value_parser = ["on", "off"])]
        state: String,
    },
    /// Whether your reminders ring on this device: on or off (off on a computer by default).
    Reminders {
        #[arg(value_parser = ["on", "off"])]
        state: String,
    },
    /// Stop syncing on this device (it keeps its journal).
    Off(OffArgs),
    /// The devices your journal syncs with, and which one is this device.
    Devices,
    /// A new recovery phrase (--new), or check the one you wrote down (--check).
    Phrase(phrase::PhraseArgs),
    /// Link this device to your synced journal: shows a code to approve on a device that already syncs.
    Link(JoinArgs),
    /// Approve linking a new device by the code it shows, once the digits on both screens match.
    Approve(approve::ApproveArgs),
    /// Remove a device from your synced journal at once (a lost or sold one), by its name or id.
    Revoke(revoke::RevokeArgs),
}

#[derive(Debug, ClapArgs)]
pub struct SetupArgs {
    /// The server's address: https://…, or http://127.0.0.1:PORT for one on this computer.
    #[arg(long)]
    server: String,
    /// This device's name, as your other devices list it (sent encrypted).
    #[arg(long)]
    name: Option<String>,
    /// A registration token from whoever runs the server, if it asks for one.
    #[arg(long, env = "MEND_REGISTRATION_TOKEN")]
    registration_token: Option<String>,
}

/// How this device joins the synced journal, by phrase (`join`) or by a code (`link`).
#[derive(Debug, ClapArgs)]
pub struct JoinArgs {
    /// The server's address (the one your synced journal is on).
    #[arg(long)]
    server: String,
    /// This device's name, as your other devices list it (sent encrypted).
    #[arg(long)]
    name: Option<String>,
    /// Combine this device's entries with the synced journal without asking.
    #[arg(long)]
    yes: bool,
}

#[derive(Debug, ClapArgs)]
pub struct NowArgs {
    /// Apply deletions from another device that were held because there were many at once.
    #[arg(long)]
    allow_deletions: bool,
}

#[derive(Debug, ClapArgs)]
pub struct OffArgs {
    /// Also delete your synced journal from the server (your other devices keep theirs and stop syncing).
    #[arg(long)]
    delete_from_server: bool,
    /// Confirm deleting from the server.
    #[arg(long)]
    yes: bool,
}

pub fn run(ctx: &Context, command: SyncCommand) -> Result<(), CliError> {
    let mend = ctx.open()?;
    let keys = FileKeyStore::in_dir(mend.data_dir());
    match command {
        SyncCommand::Setup(args) => setup(ctx, &mend, &keys, args),
        SyncCommand::Join(args) => join(ctx, &mend, &keys, args),
        SyncCommand::Now(args) => now(ctx, &mend, &keys, args.allow_deletions),
        SyncCommand::Status => {
            let status = mend.sync(&keys, false).status().map_err(error)?;
            emit(ctx.json, &StatusOut::from(&status), || human_status(&status));
            Ok(())
        }
        SyncCommand::Auto { state } => {
            let on = state == "on";
            mend.sync(&keys, false).set_auto(on).map_err(error)?;
            emit(ctx.json, &serde_json::json!({ "auto": on }), || {
                if on { "Sync runs after each change on this device." } else { "Sync runs when you ask." }.into()
            });
            Ok(())
        }
        SyncCommand::Reminders { state } => {
            let on = state == "on";
            mend.sync(&keys, false).set_reminders_here(on).map_err(error)?;
            emit(ctx.json, &serde_json::json!({ "reminders_here": on }), || {
                if on { "Your reminders ring on this device too." } else { "Your reminders don't ring on this device." }
                    .into()
            });
            Ok(())
        }
        SyncCommand::Off(args) => off(ctx, &mend, &keys, args),
        SyncCommand::Devices => devices::run(ctx, &mend, &keys),
        SyncCommand::Phrase(args) => phrase::run(ctx, &mend, &keys, args),
        SyncCommand::Link(args) => link::run(ctx, &mend, &keys, args),
        SyncCommand::Approve(args) => approve::run(ctx, &mend, &keys, args),
        SyncCommand::Revoke(args) => revoke::run(ctx, &mend, &keys, args),
    }
}

/// A sync failure for the terminal: a transient one (offline, busy) exits 1 like any failure, with the core's
/// words.
pub fn error(err: SyncError) -> CliError {
    match err {
        SyncError::Phrase(_) | SyncError::Address(_) | SyncError::LinkCode => CliError::usage(err.to_string()),
        SyncError::Core(core) => core.into(),
        other => CliError::failure(other.to_string()),
    }
}

pub(super) fn device_name(given: Option<String>) -> String {
    given
        .or_else(|| std::fs::read_to_string("/etc/hostname").ok().map(|h| h.trim().to_owned()))
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "a computer".into())
}

#[derive(Serialize)]
struct SetUpOut<'a> {
    recovery_phrase: &'a str,
    #[serde(flatten)]
    status: StatusOut,
}

fn setup(ctx: &Context, mend: &Mend, keys: &FileKeyStore, args: SetupArgs) -> Result<(), CliError> {
    let transport = HttpTransport::new()?;
    let engine = mend.sync(keys, false);
    let set_up = block_on(engine.setup(&args.server, &transport, &device_name(args.name), args.registration_token))?
        .map_err(error)?;
    let interactive = !ctx.json && std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    if !ctx.json {
        show_phrase(&set_up.phrase);
    }
    if interactive {
        confirm_phrase(&set_up.phrase, set_up.confirm);
    }
    // The first sync uploads the journal already here.
    let synced = block_on(engine.sync_now(&transport, Options::default()))?;
    let status = engine.status().map_err(error)?;
    if ctx.json {
        emit(true, &SetUpOut { recovery_phrase: &set_up.phrase, status: StatusOut::from(&status) }, String::new);
    } else {
        match synced {
            Ok(report) => println!("Sync is set up. {}", escape(&human_report(&report))),
            Err(err) => println!("Sync is set up; the first sync did not finish: {}", escape(&err.to_string())),
        }
    }
    Ok(())
}

fn show_phrase(phrase: &str) {
    println!("Your recovery phrase (24 words). Write it down and keep it somewhere safe and private.");
    println!("It is the only way to reach your synced journal from a new device without another one to hand;");
    println!("Mend does not keep it, and cannot show it again.\n");
    crate::phrase_words::print_grid(phrase);
}

/// Asks two of the words back, so a phrase that was not written down is noticed now.
fn confirm_phrase(phrase: &str, positions: [usize; 2]) {
    crate::phrase_words::confirm(phrase, positions);
}

/// The phrase: at a prompt on a terminal, else the first line of standard input.
fn read_phrase() -> Result<Zeroizing<String>, CliError> {
    crate::phrase_words::read("Type your 24-word recovery phrase:", "recovery phrase")
}

/// Whether to go on joining a synced journal: a device that already has entries of its own says how many will be
/// combined and asks first (`yes` for scripts, `how` says how). When the answer is no, it says nothing changed.
pub(super) fn combine_first(
    ctx: &Context,
    engine: &mend_core::sync::SyncEngine<'_>,
    yes: bool,
    how: &str,
) -> Result<bool, CliError> {
    let here = engine.status().map_err(error)?;
    let local = here.pending;
    if local > 0 && !yes {
        let question = format!(
            "This device already has {local} {} of its own; {} will be combined with your synced journal.",
            if local == 1 { "entry" } else { "entries" },
            if local == 1 { "it" } else { "they" }
        );
        if !crate::confirm::go_ahead(false, &question, how)? {
            emit(ctx.json, &StatusOut::from(&here), || "Nothing was changed.".into());
            return Ok(false);
        }
    }
    Ok(true)
}

fn join(ctx: &Context, mend: &Mend, keys: &FileKeyStore, args: JoinArgs) -> Result<(), CliError> {
    let engine = mend.sync(keys, false);
    if engine.state().map_err(error)?.is_some() {
        return Err(error(SyncError::AlreadySetUp));
    }
    if !combine_first(ctx, &engine, args.yes, "mend sync join --server URL --yes")? {
        return Ok(());
    }
    let phrase = read_phrase()?;
    let transport = HttpTransport::new()?;
    block_on(engine.join(&args.server, &transport, &phrase, &device_name(args.name)))?.map_err(error)?;
    drop(phrase);
    let synced = block_on(engine.sync_now(&transport, Options::default()))?;
    let status = engine.status().map_err(error)?;
    emit(ctx.json, &StatusOut::from(&status), || match &synced {
        Ok(report) => format!("This device has joined your synced journal. {}", human_report(report)),
        Err(err) => format!("This device has joined; the first sync did not finish: {err}"),
    });
    Ok(())
}

#[derive(Serialize)]
struct NowOut {
    downloaded: u64,
    written: u64,
    uploaded: u64,
    held_deletions: u64,
    unreadable: u64,
    requests: u64,
    bytes_up: u64,
    bytes_down: u64,
    #[serde(flatten)]
    status: StatusOut,
}

fn now(ctx: &Context, mend: &Mend, keys: &FileKeyStore, allow_deletions: bool) -> Result<(), CliError> {
    let transport = HttpTransport::new()?;
    let engine = mend.sync(keys, false);
    let bar = !ctx.json && std::io::stderr().is_terminal();
    let progress = |p: &Progress| {
        if bar {
            draw(p);
        }
    };
    let cancel = AtomicBool::new(false);
    let options = Options { allow_deletions, cancel: Some(&cancel), progress: Some(&progress) };
    // Support groups joined before sync was set up get their membership rows, to go up with this sync.
    settle_groups(mend, keys)?;
    let result = block_on(engine.sync_now(&transport, options))?;
    if bar {
        eprint!("\r\x1b[2K");
    }
    let report = result.map_err(error)?;
    // Groups the person left on another device are left here too (`mend group refresh` takes up new ones).
    settle_groups(mend, keys)?;
    let status = engine.status().map_err(error)?;
    let out = NowOut {
        downloaded: report.downloaded,
        written: report.written,
        uploaded: report.uploaded,
        held_deletions: status.held_deletions,
        unreadable: status.unreadable,
        requests: report.traffic.requests,
        bytes_up: report.traffic.bytes_up,
        bytes_down: report.traffic.bytes_down,
        status: StatusOut::from(&status),
    };
    emit(ctx.json, &out, || format!("{}\n{}", human_report(&report), out.status.words));
    Ok(())
}

/// Follows the person's group membership rows without the network (`Groups::settle`).
fn settle_groups(mend: &Mend, keys: &FileKeyStore) -> Result<(), CliError> {
    let group_keys = FileKeyStore::in_dir(&super::group::keys_dir(mend.data_dir()));
    mend.groups(&group_keys).with_account(keys).settle().map_err(super::group::failed)?;
    Ok(())
}

/// One line on stderr: records down and up, with a bar for the larger part.
fn draw(p: &Progress) {
    let (done, total) = if p.to_upload > 0 { (p.uploaded, p.to_upload) } else { (p.downloaded, p.to_download) };
    let total = total.max(done).max(1);
    let filled = (done * 30 / total) as usize;
    eprint!(
        "\r\x1b[2K[{}{}] {} down, {} up, {} KB",
        "#".repeat(filled),
        " ".repeat(30 - filled),
        p.downloaded,
        p.uploaded,
        p.bytes / 1024
    );
    std::io::stderr().flush().ok();
}

fn off(ctx: &Context, mend: &Mend, keys: &FileKeyStore, args: OffArgs) -> Result<(), CliError> {
    let engine = mend.sync(keys, false);
    if args.delete_from_server {
        let question = "This deletes your synced journal from the server; your other devices keep what they have \
                        and stop syncing.";
        if !crate::confirm::go_ahead(args.yes, question, "mend sync off --delete-from-server --yes")? {
            emit(ctx.json, &serde_json::json!({ "sync": "on" }), || "Nothing was changed.".into());
            return Ok(());
        }
        let transport = HttpTransport::new()?;
        block_on(engine.off(Some(&transport), true))?.map_err(error)?;
    } else {
        block_on(engine.off(None, false))?.map_err(error)?;
    }
    emit(ctx.json, &serde_json::json!({ "sync": "off", "deleted_from_server": args.delete_from_server }), || {
        if args.delete_from_server {
            "Sync is off, and your synced journal was deleted from the server. This device keeps its journal."
        } else {
            "Sync is off on this device. It keeps its journal."
        }
        .into()
    });
    Ok(())
}

#[derive(Serialize)]
pub(super) struct StatusOut {
    state: &'static str,
    words: String,
    server: Option<String>,
    last_synced_at: Option<String>,
    pending: u64,
    unreadable: u64,
    held_deletions: u64,
    auto: bool,
    reminders_here: bool,
}

impl From<&Status> for StatusOut {
    fn from(status: &Status) -> StatusOut {
        // The core's words, and on a terminal how to give the OK the core asks for.
        let words = if status.held_deletions > 0 {
            format!("{} To apply them: `mend sync now --allow-deletions`.", status.words)
        } else {
            status.words.clone()
        };
        StatusOut {
            state: status.state.code(),
            words,
            server: status.server.clone(),
            last_synced_at: status.last_synced_at.map(|t| t.to_rfc3339()),
            pending: status.pending,
            unreadable: status.unreadable,
            held_deletions: status.held_deletions,
            auto: status.auto,
            reminders_here: status.reminders_here,
        }
    }
}

fn human_status(status: &Status) -> String {
    let mut text = StatusOut::from(status).words;
    if let Some(server) = &status.server {
        text.push_str(&format!("\nServer: {server}"));
    }
    if let Some(at) = status.last_synced_at {
        text.push_str(&format!("\nLast synced: {}", at.format("%Y-%m-%d %H:%M UTC")));
    }
    if status.server.is_some() {
        text.push_str(if status.auto { "\nSyncs after each change." } else { "\nSyncs when you run `mend sync now`." });
    }
    text
}

pub(super) fn human_report(report: &Report) -> String {
    let entries = |n: u64| format!("{n} {}", if n == 1 { "change" } else { "changes" });
    let changes = match (report.written, report.uploaded) {
        (0, 0) => "Nothing new to sync.".to_owned(),
        (down, 0) => format!("{} from your other devices.", entries(down)),
        (0, up) => format!("{} sent.", entries(up)),
        (down, up) => format!("{} from your other devices; {} sent.", entries(down), entries(up)),
    };
    match report.keys_renewed {
        Some(_) => format!("{changes} Your sync keys are renewed: a removed device can't read anything new."),
        None => changes,
    }
}
