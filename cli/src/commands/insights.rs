//! `mend insights`: days since the loss, bleeding, periods, weekly averages and 14-day trends.

use crate::context::Context;
use crate::output::{CliError, emit};
use crate::render;

pub fn run(ctx: &Context) -> Result<(), CliError> {
    let mend = ctx.open()?;
    let insights = mend.journal().insights()?;
    emit(ctx.json, &insights, || {
        let mut lines = render::insights(&insights);
        if !insights.weekly.is_empty() {
            lines.push(String::new());
            lines.push("Week by week (averages):".to_owned());
            for w in &insights.weekly {
                let show = |v: Option<f64>| v.map(|x| format!("{x:.1}")).unwrap_or_else(|| "-".to_owned());
                lines.push(format!(
                    "  week {:>3}: pain {:>4}  mood {:>4}  sleep {:>4} h  energy {:>4}  ({} check-ins)",
                    w.week,
                    show(w.pain),
                    show(w.mood),
                    show(w.sleep_hours),
                    show(w.energy),
                    w.checkins
                ));
            }
        }
        if lines.is_empty() {
            "Nothing to show yet. Insights appear as you check in.".to_owned()
        } else {
            lines.join("\n")
        }
    });
    Ok(())
}
