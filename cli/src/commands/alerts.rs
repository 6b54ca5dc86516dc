//! `mend alerts [--ack ID] [--seen ID] [--all]`: the care engine's open alerts, evaluated now (time passes, so an
//! alert can clear or a window fill without a new check-in); `--ack` marks one as seen; `--seen` records that a
//! clinician has seen you about it (it closes until a later check-in meets its threshold again). Alerts marked as seen that still
//! hold are listed in one short line each (in full with `--all`); a new sign brings one back in full. After a mood
//! alert's official numbers come the support lines of the groups the person joined, labelled with the group
//! (`group_lines`; never with any other alert).

use clap::Args as ClapArgs;
use mend_core::care::{Alert, Severity};

use crate::context::Context;
use crate::output::{CliError, emit};
use crate::render_care;

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Mark this alert as seen (its id is shown with it; ids may begin with "-").
    #[arg(long, value_name = "ID", allow_hyphen_values = true)]
    ack: Option<String>,
    /// Record that a clinician has seen you about this alert: it closes, and comes back only if a later check-in
    /// shows the same signs again.
    #[arg(long, value_name = "ID", allow_hyphen_values = true)]
    seen: Option<String>,
    /// Include alerts you've already marked as seen, in full.
    #[arg(long)]
    all: bool,
}

/// What acknowledging says: what brings the alert back (see `mend_core::care::Care::acknowledge`).
fn acknowledged(alert: &Alert) -> String {
    let back = match alert.severity {
        Severity::Emergency | Severity::Urgent => "If you log any of these signs again, Mend will tell you at once.",
        Severity::Contact | Severity::Info => "If things get worse, Mend will tell you again.",
    };
    format!("Marked as seen. While it still applies, Today keeps it as one line. {back}")
}

pub fn run(ctx: &Context, args: Args) -> Result<(), CliError> {
    let mend = ctx.open()?;
    if let Some(id) = args.ack {
        let alert = mend.care().acknowledge(&mend.care().resolve_alert(&id)?)?;
        emit(ctx.json, &alert, || acknowledged(&alert));
        return Ok(());
    }
    if let Some(id) = args.seen {
        let alert = mend.care().seen_by_clinician(&mend.care().resolve_alert(&id)?)?;
        emit(ctx.json, &alert, || {
            "Noted that a clinician has seen you about this. If you log these signs again, Mend will tell you at once."
                .to_owned()
        });
        return Ok(());
    }
    let open = mend.care().alerts(true)?;
    let alerts: Vec<Alert> = open.iter().filter(|a| args.all || !a.acknowledged).cloned().collect();
    let with_lines = crate::group_lines::for_alerts(&mend, &alerts);
    emit(ctx.json, &with_lines, || {
        let from_groups = crate::group_lines::after_alerts(&with_lines);
        if args.all {
            return if alerts.is_empty() {
                "Nothing needs your attention right now.".to_owned()
            } else {
                let mut lines = render_care::alerts_in_full(&mend, &alerts);
                lines.extend(from_groups);
                lines.join("\n")
            };
        }
        // Those not yet seen in full; those marked as seen that still hold, one line each, so an open alert
        // that readiness mentions can always be found here.
        let mut lines = render_care::alerts_in_full(&mend, &alerts);
        lines.extend(from_groups);
        let seen: Vec<String> = open.iter().filter(|a| a.acknowledged).map(render_care::seen).collect();
        match (lines.is_empty(), seen.is_empty()) {
            (true, true) => lines.push("Nothing needs your attention right now.".to_owned()),
            (true, false) => lines.push("Nothing new needs your attention.".to_owned()),
            (false, false) => lines.push(String::new()),
            (false, true) => {}
        }
        lines.extend(seen);
        lines.join("\n")
    });
    Ok(())
}
