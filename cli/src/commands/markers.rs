//! `mend markers`: what usually happens by when after a loss (bleeding settling, a negative test, the first
//! period), and whether it's time to call a clinician.

use crate::context::Context;
use crate::output::{CliError, emit};
use crate::render_care;

pub fn run(ctx: &Context) -> Result<(), CliError> {
    let mend = ctx.open()?;
    let markers = mend.care().markers()?;
    emit(ctx.json, &markers, || {
        if markers.is_empty() {
            "Markers appear once your loss is recorded: mend init".to_owned()
        } else {
            let mut lines = vec!["What usually happens, and when to call:".to_owned()];
            lines.extend(render_care::markers(&markers));
            lines.join("\n")
        }
    });
    Ok(())
}
