//! `mend checkin`: a quick check-in. Every flag is optional; health values are parsed by `crate::parse` so an
//! error names the field without repeating what was typed. Any alert the check-in raises is printed first, at once.

use clap::Args as ClapArgs;
use mend_core::Mend;
use mend_core::journal::{
    Bleeding, CheckIn, CheckInData, Clots, Discharge, Dizziness, LoggedBy, NewCheckIn, Signs, validate,
};
use serde::Serialize;

use crate::context::Context;
use crate::output::{CliError, emit};
use crate::{here, parse, render, render_care};

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// none, spotting, light, medium, heavy or very-heavy.
    #[arg(long)]
    bleeding: Option<String>,
    /// Pads soaked per hour (0-20).
    #[arg(long, value_name = "N")]
    pads_per_hour: Option<String>,
    /// none, small or large (golf-ball size).
    #[arg(long)]
    clots: Option<String>,
    /// Pain by place, 0-10: cramps, back, one-sided, shoulder-tip, breast, head, leg-left, leg-right (calf or
    /// thigh), pelvis, chest, side-left, side-right. E.g. cramps=4,back=3
    #[arg(long, value_name = "PLACE=SCORE,…")]
    pain: Option<String>,
    /// Temperature: 37.2 (°C) or 100.4F.
    #[arg(long, value_name = "DEGREES")]
    temp: Option<String>,
    /// Chills or shivering.
    #[arg(long)]
    chills: bool,
    /// Feeling flu-like.
    #[arg(long)]
    flu_like: bool,
    /// normal, unusual or foul (green or yellow, or smelling bad).
    #[arg(long)]
    discharge: Option<String>,
    /// Feeling dizzy or faint that does not pass (the same as --dizziness lasting).
    #[arg(long)]
    dizzy: bool,
    /// Dizziness or light-headedness: none, brief (passed within a minute of sitting or lying down) or lasting.
    #[arg(long, value_name = "HOW")]
    dizziness: Option<String>,
    /// After fainting: did you come round within a minute? yes or no.
    #[arg(long, value_name = "YES|NO")]
    came_round_within_a_minute: Option<String>,
    /// How long the soaking has gone on, in hours (0-72).
    #[arg(long, value_name = "HOURS")]
    soaking_hours: Option<String>,
    /// Further signs, comma-separated: fainted-lying-down, pain-started-suddenly, pain-not-eased,
    /// pain-peeing-or-pooing, diarrhoea, nausea, vomiting, unable-to-keep-fluids-down, weakness, very-unwell,
    /// brown-watery-discharge, heart-racing, collapse, veins-left, veins-right, arm, confusion, pale-or-mottled,
    /// no-urine, extreme-shivering, severe-breathlessness, feel-might-die, very-sleepy, rash-not-fading, fit,
    /// very-fast-breathing, unable-to-keep-safe.
    #[arg(long, value_name = "SIGNS")]
    signs: Option<String>,
    /// Fainted.
    #[arg(long)]
    fainted: bool,
    /// Left leg: swelling, warmth, redness (any of them, comma-separated).
    #[arg(long, value_name = "SIGNS")]
    leg_left: Option<String>,
    /// Right leg: swelling, warmth, redness.
    #[arg(long, value_name = "SIGNS")]
    leg_right: Option<String>,
    /// Chest pain.
    #[arg(long)]
    chest_pain: bool,
    /// Sudden breathlessness.
    #[arg(long)]
    breathless: bool,
    /// Coughing blood.
    #[arg(long)]
    coughing_blood: bool,
    /// Mood, 0 (very low) to 10 (very good).
    #[arg(long)]
    mood: Option<String>,
    /// Feelings: grief, sadness, anger, guilt, numbness, anxiety, relief, hope, loneliness, calm.
    #[arg(long)]
    feelings: Option<String>,
    /// Thoughts of harming yourself. Mend will show you who to call, straight away.
    #[arg(long)]
    self_harm_thoughts: bool,
    /// Hours slept (0-24).
    #[arg(long, value_name = "HOURS")]
    sleep: Option<String>,
    /// Energy, 0 (none) to 10 (full).
    #[arg(long)]
    energy: Option<String>,
    /// A note, kept exactly as you write it.
    #[arg(long)]
    note: Option<String>,
    /// The form's sections you went through, comma-separated (bleeding, pain, feeling, misoprostol, ectopic,
    /// sepsis, body, after-birth, mind, mood, mood-screen), or `all`: what you left out there counts as "no" or 0,
    /// so an alert whose signs have gone can close.
    #[arg(long, value_name = "SECTIONS")]
    answered: Option<String>,
    /// `partner` when a partner logs this check-in on the person's device (for signs the person may not see in
    /// themselves).
    #[arg(long, value_name = "WHO")]
    logged_by: Option<String>,
    /// Show the questions worth answering now, with the flag for each, and save nothing.
    #[arg(long, conflicts_with_all = ["answered", "note"])]
    form: bool,
    /// When: 09:30 (today), "2026-05-14 09:30" (in the zone you are in) or RFC 3339; default now.
    #[arg(long, value_name = "TIME")]
    at: Option<String>,
    /// The IANA zone you are in, e.g. America/New_York; default $TZ, else your home zone.
    #[arg(long, value_name = "ZONE")]
    tz: Option<String>,
}

impl Args {
    /// Whether `--at` or `--tz` was given (an edit keeps the entry's time otherwise).
    pub(crate) fn gives_time(&self) -> bool {
        self.at.is_some() || self.tz.is_some()
    }

    pub(crate) fn to_input(&self, mend: &Mend) -> Result<NewCheckIn, CliError> {
        let mut signs = Signs {
            came_round_within_a_minute: self
                .came_round_within_a_minute
                .as_deref()
                .map(|t| parse::switch("came_round_within_a_minute", t))
                .transpose()?,
            soaking_hours: self.soaking_hours.as_deref().map(|t| parse::decimal("soaking_hours", t)).transpose()?,
            ..Signs::default()
        };
        if let Some(text) = &self.signs {
            parse::signs(text, &mut signs)?;
        }
        let dizziness = match (&self.dizziness, self.dizzy) {
            (Some(text), _) => Some(parse::code::<Dizziness>("dizziness", text)?),
            (None, true) => Some(Dizziness::Lasting),
            (None, false) => None,
        };
        let data = CheckInData {
            bleeding: self.bleeding.as_deref().map(|t| parse::code::<Bleeding>("bleeding", t)).transpose()?,
            pads_per_hour: self.pads_per_hour.as_deref().map(|t| parse::decimal("pads_per_hour", t)).transpose()?,
            clots: self.clots.as_deref().map(|t| parse::code::<Clots>("clots", t)).transpose()?,
            pain: self.pain.as_deref().map(parse::pain).transpose()?.unwrap_or_default(),
            temperature_c: self.temp.as_deref().map(validate::parse_temperature).transpose()?,
            chills: self.chills,
            flu_like: self.flu_like,
            discharge: self.discharge.as_deref().map(|t| parse::code::<Discharge>("discharge", t)).transpose()?,
            dizziness,
            fainted: self.fainted,
            leg_left: self.leg_left.as_deref().map(|t| parse::leg("leg_left", t)).transpose()?.unwrap_or_default(),
            leg_right: self.leg_right.as_deref().map(|t| parse::leg("leg_right", t)).transpose()?.unwrap_or_default(),
            chest_pain: self.chest_pain,
            breathless: self.breathless,
            coughing_blood: self.coughing_blood,
            mood: self.mood.as_deref().map(|t| parse::small_number("mood", t)).transpose()?,
            feelings: self.feelings.as_deref().map(parse::feelings).transpose()?.unwrap_or_default(),
            self_harm_thoughts: self.self_harm_thoughts,
            sleep_hours: self.sleep.as_deref().map(|t| parse::decimal("sleep_hours", t)).transpose()?,
            energy: self.energy.as_deref().map(|t| parse::small_number("energy", t)).transpose()?,
            note: self.note.clone(),
            signs,
            answered: self.answered.as_deref().map(parse::sections).transpose()?.unwrap_or_default(),
            logged_by: self.logged_by.as_deref().map(|t| parse::code::<LoggedBy>("logged_by", t)).transpose()?,
        };
        let zone = here::current_zone(mend, self.tz.as_deref())?;
        Ok(NewCheckIn {
            at: self.at.as_deref().map(|t| parse::entry_time("at", t, zone, mend.now())).transpose()?,
            time_zone: Some(zone.name().to_owned()),
            data,
        })
    }
}

/// What `checkin --json` prints: the saved check-in, and the alerts it raised (each with the group lines offered
/// after its numbers: only for a mood alert).
#[derive(Serialize)]
struct Saved {
    #[serde(flatten)]
    checkin: CheckIn,
    alerts: Vec<crate::group_lines::AlertWithLines>,
}

pub fn run(ctx: &Context, args: Args) -> Result<(), CliError> {
    let mend = ctx.open()?;
    if args.form {
        let form = mend.checkin_form(mend.now())?;
        emit(ctx.json, &form, || render_care::form(&form));
        return Ok(());
    }
    let (checkin, alerts) = mend.journal().add_checkin_with_alerts(args.to_input(&mend)?)?;
    let with_lines = crate::group_lines::for_alerts(&mend, &alerts);
    let saved = Saved { checkin, alerts: with_lines };
    emit(ctx.json, &saved, || {
        // Anything that needs care comes first, before "Saved"; a group's lines after the official numbers.
        let mut lines = render_care::alerts(&mend, &alerts);
        lines.extend(crate::group_lines::after_alerts(&saved.alerts));
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.push(format!("Saved. {}", render::checkin_summary(&saved.checkin.data)));
        lines.join("\n")
    });
    Ok(())
}
