//! `mend profile`: shows, and with flags changes, what the journal knows about the person and their current
//! loss — region, home zone, the loss's date, weeks, kind, management and time (the date a person gives so Mend
//! can be gentle around it is kept, never shown). One way to correct
//! them; the numbers the person keeps are in `mend settings numbers`. Every value is checked before anything is
//! written, so a bad one changes nothing.

use clap::Args as ClapArgs;
use serde::Serialize;

use mend_core::journal::{Loss, LossKind, Management, NewLoss, Profile, ProfileInput, RhD, validate};

use crate::context::Context;
use crate::output::{CliError, emit};
use crate::parse;

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Your region: an ISO 3166-1 code, a UK nation (GB-ENG, GB-SCT, GB-WLS, GB-NIR) or `other`.
    #[arg(long, value_name = "CC")]
    region: Option<String>,
    /// Your home time zone (an IANA name such as Europe/Dublin).
    #[arg(long, value_name = "ZONE")]
    tz: Option<String>,
    /// The date of the loss (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    loss_date: Option<String>,
    /// Completed weeks of pregnancy at the loss (1-45).
    #[arg(long)]
    weeks: Option<String>,
    /// early-loss, miscarriage, missed, ectopic, molar, later-loss or unknown-location.
    #[arg(long)]
    kind: Option<String>,
    /// expectant, medical or surgical; `none` to remove it.
    #[arg(long)]
    management: Option<String>,
    /// When the pregnancy passed (RFC 3339); `none` to count from 00:00 on the loss date.
    #[arg(long, value_name = "INSTANT")]
    loss_at: Option<String>,
    /// Optional; kept only so Mend can be gentle around that day (never shown, never counted down to); `none` to
    /// remove it.
    #[arg(long, value_name = "DATE")]
    due_date: Option<String>,
    /// `on` to have Mend offer two short mood check-ins at about 4 weeks and 3 months after the loss (each can be
    /// skipped); `off` to stop them.
    #[arg(long, value_name = "on|off")]
    mood_screens: Option<String>,
    /// Your RhD blood group status: negative, positive or unknown.
    #[arg(long, value_name = "STATUS")]
    rhd: Option<String>,
}

impl Args {
    fn changes_profile(&self) -> bool {
        self.region.is_some() || self.tz.is_some() || self.mood_screens.is_some() || self.rhd.is_some()
    }

    fn changes_loss(&self) -> bool {
        [&self.loss_date, &self.weeks, &self.kind, &self.management, &self.loss_at, &self.due_date]
            .iter()
            .any(|v| v.is_some())
    }
}

/// `none` (any case) clears an optional value.
fn or_none<T>(text: &str, read: impl FnOnce(&str) -> Result<T, CliError>) -> Result<Option<T>, CliError> {
    if text.trim().eq_ignore_ascii_case("none") { Ok(None) } else { read(text).map(Some) }
}

#[derive(Serialize)]
struct Shown {
    profile: Option<Profile>,
    loss: Option<Loss>,
}

pub fn run(ctx: &Context, args: Args) -> Result<(), CliError> {
    let mend = ctx.open()?;
    let journal = mend.journal();
    let profile = journal.profile()?;
    let loss = journal.current_loss()?;
    if args.changes_profile() || args.changes_loss() {
        let Some(current) = profile.as_ref() else {
            return Err(CliError::usage("set up your journal first: mend init --help"));
        };
        // Read and check everything first: a bad value changes nothing.
        let mut input = ProfileInput::of(current);
        if let Some(region) = &args.region {
            input.region = Some(region.trim().to_owned());
        }
        if let Some(tz) = &args.tz {
            input.time_zone = parse::zone("tz", tz)?.name().to_owned();
        }
        if let Some(r) = &args.rhd {
            input.rhd = Some(parse::code::<RhD>("rhd", r)?);
        }
        if let Some(m) = &args.mood_screens {
            input.mood_screens = Some(parse::switch("mood_screens", m)?);
        }
        validate::profile(&input)?;
        let new_loss = match (&loss, args.changes_loss()) {
            (Some(l), true) => {
                let mut n = NewLoss {
                    loss_date: l.loss_date,
                    weeks: l.weeks,
                    kind: l.kind,
                    management: l.management,
                    due_date: l.due_date,
                    loss_at: l.loss_at,
                };
                if let Some(d) = &args.loss_date {
                    n.loss_date = parse::date("loss_date", d)?;
                }
                if let Some(w) = &args.weeks {
                    n.weeks = w
                        .trim()
                        .parse()
                        .map_err(|_| CliError::field("weeks", "must be a whole number between 1 and 45"))?;
                }
                if let Some(k) = &args.kind {
                    n.kind = parse::code::<LossKind>("kind", k)?;
                }
                if let Some(m) = &args.management {
                    n.management = or_none(m, |t| parse::code::<Management>("management", t))?;
                }
                if let Some(t) = &args.loss_at {
                    n.loss_at = or_none(t, |t| parse::instant("loss_at", t))?;
                }
                if let Some(d) = &args.due_date {
                    n.due_date = or_none(d, |d| parse::date("due_date", d))?;
                }
                validate::loss(&n, mend.today()?)?;
                Some((l.guid.clone(), n))
            }
            (None, true) => return Err(CliError::usage("no loss is recorded yet: mend loss add --help")),
            _ => None,
        };
        if args.changes_profile() {
            journal.set_profile(input)?;
        }
        if let Some((guid, n)) = new_loss {
            journal.update_loss(&guid, n)?;
        }
    }
    let shown = Shown { profile: journal.profile()?, loss: journal.current_loss()? };
    emit(ctx.json, &shown, || describe(&shown));
    Ok(())
}

fn describe(shown: &Shown) -> String {
    let Some(p) = &shown.profile else {
        return "Your journal isn't set up yet: mend init --help".to_owned();
    };
    let mut lines = vec![
        format!("Region: {}", p.region.as_deref().unwrap_or("not given")),
        format!("Home time zone: {}", p.time_zone),
        format!(
            "Mood check-ins at about 4 weeks and 3 months: {}",
            match p.mood_screens {
                Some(true) => "on",
                Some(false) => "off",
                None => "not chosen (mend profile --mood-screens on)",
            }
        ),
    ];
    match &shown.loss {
        Some(l) => {
            lines.push(format!(
                "Your loss: {} at {} weeks ({})",
                l.loss_date.format("%-d %B %Y"),
                l.weeks,
                l.kind.code().replace('_', " ")
            ));
            if let Some(m) = l.management {
                lines.push(format!("Management: {}", m.code()));
            }
            if let Some(at) = l.loss_at {
                lines.push(format!("When it happened: {}", at.to_rfc3339()));
            }
        }
        None => lines.push("No loss is recorded yet.".to_owned()),
    }
    lines.push("Change any of these with flags (mend profile --help); your numbers: mend settings numbers".to_owned());
    lines.join("\n")
}
