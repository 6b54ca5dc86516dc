//! `mend loss add|list`: a person may have had more than one loss; the most recent is the current one.

use clap::{Args as ClapArgs, Subcommand};
use mend_core::journal::{LossKind, Management, NewLoss};

use crate::context::Context;
use crate::output::{CliError, emit};
use crate::parse;

/// The details of a loss, shared by `init` and `loss add`.
#[derive(Debug, ClapArgs)]
pub struct LossArgs {
    /// The date of the loss (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub loss_date: String,
    /// Completed weeks of pregnancy at the loss (1-45).
    #[arg(long)]
    pub weeks: String,
    /// early-loss, miscarriage, missed, ectopic, molar, later-loss or unknown-location (no scan ever showed the
    /// pregnancy in the womb).
    #[arg(long, default_value = "miscarriage")]
    pub kind: String,
    /// expectant, medical or surgical.
    #[arg(long)]
    pub management: Option<String>,
    /// Optional; kept only so Mend can be gentle around that day. Never counted down to.
    #[arg(long, value_name = "DATE")]
    pub due_date: Option<String>,
    /// When the pregnancy passed, the procedure, the first misoprostol dose or the ectopic diagnosis (RFC 3339),
    /// if it differs from 00:00 on the loss date.
    #[arg(long, value_name = "INSTANT")]
    pub loss_at: Option<String>,
}

impl LossArgs {
    pub fn to_new_loss(&self) -> Result<NewLoss, CliError> {
        Ok(NewLoss {
            loss_date: parse::date("loss_date", &self.loss_date)?,
            weeks: self
                .weeks
                .trim()
                .parse()
                .map_err(|_| CliError::field("weeks", "must be a whole number between 1 and 45"))?,
            kind: parse::code::<LossKind>("kind", &self.kind)?,
            management: self.management.as_deref().map(|m| parse::code::<Management>("management", m)).transpose()?,
            due_date: self.due_date.as_deref().map(|d| parse::date("due_date", d)).transpose()?,
            loss_at: self.loss_at.as_deref().map(|t| parse::instant("loss_at", t)).transpose()?,
        })
    }
}

#[derive(Debug, Subcommand)]
pub enum LossCommand {
    /// Record another loss; it becomes the current one if it is the most recent.
    Add(LossArgs),
    /// List the losses recorded.
    List,
}

pub fn run(ctx: &Context, command: LossCommand) -> Result<(), CliError> {
    let mend = ctx.open()?;
    match command {
        LossCommand::Add(args) => {
            let loss = mend.journal().record_loss(args.to_new_loss()?)?;
            emit(ctx.json, &loss, || format!("Your loss on {} is recorded.", loss.loss_date.format("%-d %B %Y")))
        }
        LossCommand::List => {
            let losses = mend.journal().losses()?;
            emit(ctx.json, &losses, || {
                if losses.is_empty() {
                    return "No loss is recorded yet.".to_owned();
                }
                losses
                    .iter()
                    .map(|l| {
                        format!("{}  your loss at {} weeks ({})", l.loss_date, l.weeks, l.kind.code().replace('_', " "))
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            })
        }
    }
    Ok(())
}
