//! `mend group backup` and `mend group restore`: a moderator's copy of a group they own, so a lost phone does not
//! orphan it. `backup [--group G] --out FILE` writes the file (whole and private, never over an existing one)
//! and shows the backup's own 24 words once, asking two back on a terminal; `restore FILE` reads the words at a
//! prompt or from standard input (never an argument) and puts the group back on this device.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::Args as ClapArgs;
use mend_core::Mend;
use mend_core::files::Existing;
use mend_core::groups::backup::MAX_FILE_BYTES;
use mend_core::sync::keystore::FileKeyStore;
use serde::Serialize;

use super::group::failed;
use crate::context::Context;
use crate::output::{CliError, emit};
use crate::phrase_words;
use crate::terminal::escape;

#[derive(Debug, ClapArgs)]
pub struct BackupArgs {
    /// Which of your groups (its id or name), if you moderate more than one.
    #[arg(long)]
    group: Option<String>,
    /// Where to write the backup file (an existing file is never replaced).
    #[arg(long)]
    out: PathBuf,
}

#[derive(Debug, ClapArgs)]
pub struct RestoreArgs {
    /// The backup file `mend group backup` wrote.
    file: PathBuf,
}

#[derive(Serialize)]
struct BackupOut<'a> {
    id: &'a str,
    name: &'a str,
    file: String,
    backup_phrase: &'a str,
}

pub fn backup(ctx: &Context, mend: &Mend, keys: &FileKeyStore, args: BackupArgs) -> Result<(), CliError> {
    let made = mend.groups(keys).backup(args.group.as_deref()).map_err(failed)?;
    mend_core::files::write_private(&args.out, &made.file, Existing::Keep)?;
    mend.groups(keys).backup_kept(&made.id).map_err(failed)?;
    let file = args.out.display().to_string();
    if ctx.json {
        emit(true, &BackupOut { id: &made.id, name: &made.name, file, backup_phrase: &made.phrase }, String::new);
        return Ok(());
    }
    println!("The backup of \u{201c}{}\u{201d} is in {}.", escape(&made.name), escape(&file));
    println!("It opens only with these 24 words, which belong to this backup alone. Write them down and keep them");
    println!("apart from the file: with both, anyone could moderate the group. Mend does not keep the words and");
    println!("cannot show them again.\n");
    phrase_words::print_grid(&made.phrase);
    if std::io::stdin().is_terminal() {
        phrase_words::confirm(&made.phrase, mend_core::sync::phrase::confirmation());
    }
    println!("If this device is lost, `mend group restore {}` on another one brings the group back.", escape(&file));
    Ok(())
}

pub fn restore(ctx: &Context, mend: &Mend, keys: &FileKeyStore, args: RestoreArgs) -> Result<(), CliError> {
    let unreadable =
        || CliError::usage(format!("{}: the backup file could not be read", escape(&args.file.display().to_string())));
    let size = std::fs::metadata(&args.file).map_err(|_| unreadable())?.len();
    if size > MAX_FILE_BYTES as u64 {
        return Err(CliError::usage("backup: the file is too large to be a group backup"));
    }
    let file = std::fs::read(&args.file).map_err(|_| unreadable())?;
    let phrase = phrase_words::read("Type the backup's 24 words:", "backup's words")?;
    let account = super::group::account_keys(mend);
    let restored = mend.groups(keys).with_account(&account).restore(&file, &phrase).map_err(failed)?;
    emit(ctx.json, &restored, || {
        format!(
            "\u{201c}{}\u{201d} is back on this device: you can publish to it, and share its link, again.",
            restored.name
        )
    });
    Ok(())
}
