//! The `mend` commands, one file each. This file only lists them and dispatches.

mod alerts;
mod checkin;
mod delete;
mod edit;
mod erase;
mod event;
mod export;
pub(crate) mod group;
mod group_backup;
mod group_desk;
mod group_member;
mod group_moderate;
mod group_private;
mod history;
mod import;
mod init;
mod insights;
mod library;
mod loss;
mod markers;
mod numbers;
mod profile;
mod readiness;
mod reminders;
mod settings;
pub(crate) mod sync;
mod today;
mod undo;

use clap::Subcommand;

use crate::context::Context;
use crate::output::CliError;

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Set up the journal: the loss, your time zone and region.
    Init(init::Args),
    /// Record another loss, or list them.
    #[command(subcommand)]
    Loss(loss::LossCommand),
    /// A quick check-in: every field is optional.
    Checkin(Box<checkin::Args>),
    /// Log an event: a test, a period, medication, an appointment, a go-ahead, a session or a memorial.
    Event(event::Args),
    /// Today: how you are doing, at a glance (anything that needs attention first).
    Today(today::Args),
    /// Alerts: anything in your check-ins that needs care, with what to do and whom to call.
    Alerts(alerts::Args),
    /// What usually happens by when after a loss, and when to call a clinician.
    Markers,
    /// When massage, baths, exercise and other gentle things are safe again.
    Readiness,
    /// Your check-ins and events, day by day.
    History(history::Args),
    /// Insights: days since the loss, bleeding, periods, weekly averages and trends.
    Insights,
    /// Guides written for Mend: list, search, read, suggestions and bookmarks.
    Library(library::Args),
    /// Export your journal as JSON (everything) or CSV (check-ins).
    Export(export::Args),
    /// Import a JSON export (merges by entry; nothing is duplicated).
    Import(import::Args),
    /// Correct a check-in (the same flags as checkin: only what you give changes) or an event (--at, --note).
    Edit(Box<edit::EditArgs>),
    /// Undo your latest add or edit on this device (within 15 minutes; a deletion can't be undone).
    Undo,
    /// Delete one check-in or event.
    Delete(delete::Args),
    /// Erase everything, leaving nothing recoverable.
    Erase(erase::Args),
    /// Reminders: medication, check-ins, appointments and more; quiet hours; the notification plan.
    #[command(subcommand)]
    Reminders(reminders::RemindersCommand),
    /// Support groups: preview a pack folder before publishing it.
    #[command(subcommand)]
    Group(group::GroupCommand),
    /// Your region, home zone and current loss: shows them, and changes them with flags.
    Profile(profile::Args),
    /// Settings: discreet notifications, quiet hours and the numbers you keep.
    #[command(subcommand)]
    Settings(settings::SettingsCommand),
    /// Sync: your journal on every device you own, end-to-end encrypted (set up, join, now, status, auto, off).
    #[command(subcommand)]
    Sync(sync::SyncCommand),
}

pub fn run(ctx: &Context, command: Command) -> Result<(), CliError> {
    match command {
        Command::Init(args) => init::run(ctx, args),
        Command::Loss(cmd) => loss::run(ctx, cmd),
        Command::Checkin(args) => checkin::run(ctx, *args),
        Command::Event(args) => event::run(ctx, args),
        Command::Today(args) => today::run(ctx, args),
        Command::Alerts(args) => alerts::run(ctx, args),
        Command::Markers => markers::run(ctx),
        Command::Readiness => readiness::run(ctx),
        Command::History(args) => history::run(ctx, args),
        Command::Insights => insights::run(ctx),
        Command::Library(args) => library::run(ctx, args),
        Command::Export(args) => export::run(ctx, args),
        Command::Group(cmd) => group::run(ctx, cmd),
        Command::Import(args) => import::run(ctx, args),
        Command::Undo => undo::run(ctx),
        Command::Delete(args) => delete::run(ctx, args),
        Command::Edit(args) => edit::run(ctx, *args),
        Command::Erase(args) => erase::run(ctx, args),
        Command::Reminders(cmd) => reminders::run(ctx, cmd),
        Command::Profile(args) => profile::run(ctx, args),
        Command::Settings(cmd) => settings::run(ctx, cmd),
        Command::Sync(cmd) => sync::run(ctx, cmd),
    }
}
