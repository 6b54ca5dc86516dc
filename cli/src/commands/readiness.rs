//! `mend readiness`: when gentle things (massage, baths, exercise…) are safe again, with what holds each back
//! and the date it may open.

use crate::context::Context;
use crate::output::{CliError, emit};
use crate::render_care;

pub fn run(ctx: &Context) -> Result<(), CliError> {
    let mend = ctx.open()?;
    let gates = mend.care().readiness()?;
    emit(ctx.json, &gates, || {
        let mut lines = vec!["When things are safe again:".to_owned()];
        lines.extend(render_care::readiness(&gates, true));
        lines.join("\n")
    });
    Ok(())
}
