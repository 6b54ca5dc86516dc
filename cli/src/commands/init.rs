//! `mend init`: sets up the journal with the loss, the person's time zone and region, and the numbers they keep
//! (the unit's 24-hour number; their own emergency and crisis numbers).

use clap::Args as ClapArgs;
use mend_core::care::MarkerId;
use mend_core::journal::{ProfileInput, RhD};
use serde::Serialize;

use super::loss::LossArgs;
use super::numbers::NumberArgs;
use crate::context::Context;
use crate::output::{CliError, emit};
use crate::parse;

#[derive(Debug, ClapArgs)]
pub struct Args {
    #[command(flatten)]
    loss: LossArgs,
    /// Required: your country as an ISO code (IE, GB, US, CA, AU, NZ…), a UK nation (GB-ENG, GB-SCT, GB-WLS,
    /// GB-NIR), or `other`: Mend shows the right emergency and crisis numbers for it.
    #[arg(long, value_name = "CC")]
    region: String,
    /// Your IANA time zone, e.g. Europe/Dublin.
    #[arg(long, value_name = "ZONE")]
    tz: String,
    #[command(flatten)]
    numbers: NumberArgs,
    /// `on` to have Mend offer two short mood check-ins, at about 4 weeks and 3 months after the loss (you can
    /// skip them, or turn them off at any time with `mend profile --mood-screens off`); `off` never to.
    #[arg(long, value_name = "on|off")]
    mood_screens: Option<String>,
    /// Your RhD blood group status if you know it: negative, positive or unknown (Mend says once whether to ask
    /// your unit about anti-D).
    #[arg(long, value_name = "STATUS")]
    rhd: Option<String>,
}

#[derive(Serialize)]
struct Initialised {
    profile: mend_core::journal::Profile,
    loss: mend_core::journal::Loss,
}

pub fn run(ctx: &Context, args: Args) -> Result<(), CliError> {
    let mend = ctx.open()?;
    if mend.journal().profile()?.is_some() {
        return Err(CliError::usage("this journal is already set up. To record another loss, use `mend loss add`"));
    }
    let new_loss = args.loss.to_new_loss()?;
    let [unit_number, own_emergency_number, own_crisis_number] = args.numbers.inputs();
    let profile = ProfileInput {
        region: Some(args.region.trim().to_owned()),
        time_zone: parse::zone("tz", &args.tz)?.name().to_owned(),
        discreet_notifications: true,
        unit_number,
        own_emergency_number,
        own_crisis_number,
        mood_screens: args.mood_screens.as_deref().map(|m| parse::switch("mood_screens", m)).transpose()?,
        rhd: args.rhd.as_deref().map(|t| parse::code::<RhD>("rhd", t)).transpose()?,
    };
    let (profile, loss) = mend.journal().set_up(profile, new_loss)?;
    // anti-d (guidance version 2): said once, at set-up, when RhD negative or not known.
    let anti_d = mend.care().markers()?.into_iter().find(|m| m.marker == MarkerId::AntiD).map(|m| m.message);
    let result = Initialised { profile, loss };
    emit(ctx.json, &result, || {
        let mut text = "Mend is ready. Your journal is private and stays on this device.\n\
         Whenever you're ready, a quick check-in helps Mend look out for you: mend checkin --mood 5\n\
         Notifications are discreet by default."
            .to_owned();
        if let Some(words) = &anti_d {
            text.push_str(&format!("\n{words}"));
        }
        if result.profile.mood_screens.is_none() {
            // Asked once, at set-up (guidance version 2, mood-screen: opt-in).
            text.push_str(
                "\nIf you'd like, Mend can offer two short questions about how you're coping, at about 4 weeks and \
                 3 months (you can always skip them): mend profile --mood-screens on",
            );
        }
        text
    });
    Ok(())
}
