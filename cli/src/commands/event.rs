//! `mend event <kind>`: tests, periods, medication, appointments, go-aheads, sessions and memorials.

use clap::{Args as ClapArgs, Subcommand};
use mend_core::journal::{
    Activity, EventDetails, FocusArea, FollowUpEnd, Medicine, NewEvent, Pressure, Route, SessionKind, TestResult,
};

use crate::context::Context;
use crate::output::{CliError, emit};
use crate::{here, parse, render};

#[derive(Debug, ClapArgs)]
pub struct Args {
    #[command(subcommand)]
    kind: Kind,
    /// When: 09:30 (today), "2026-05-14 09:30" (in the zone you are in) or RFC 3339; default now.
    #[arg(long, global = true, value_name = "TIME")]
    at: Option<String>,
    /// The IANA zone you are in, e.g. America/New_York; default $TZ, else your home zone.
    #[arg(long, global = true, value_name = "ZONE")]
    tz: Option<String>,
    /// A note.
    #[arg(long, global = true)]
    note: Option<String>,
}

#[derive(Debug, Subcommand)]
enum Kind {
    /// A pregnancy test.
    Test {
        /// positive, faint or negative.
        #[arg(long)]
        result: String,
        /// An hCG value from a blood test, in IU/L.
        #[arg(long)]
        hcg: Option<String>,
    },
    /// A period started.
    PeriodStart,
    /// A period ended.
    PeriodEnd,
    /// Medication taken.
    Medication {
        #[arg(long)]
        name: String,
        #[arg(long)]
        dose: Option<String>,
        /// misoprostol, methotrexate or other (the care rules read misoprostol and methotrexate doses).
        #[arg(long)]
        medicine: Option<String>,
        /// How it was taken: by-mouth or other.
        #[arg(long)]
        route: Option<String>,
    },
    /// hCG is back to normal, or the unit discharged you from follow-up.
    FollowUpEnded {
        /// hcg-normal or discharged.
        #[arg(long)]
        reason: String,
    },
    /// An operation.
    Surgery {
        /// Keyhole (laparoscopic) surgery.
        #[arg(long)]
        keyhole: bool,
    },
    /// An appointment attended.
    Appointment {
        /// Who with (GP, midwife, early-pregnancy unit…).
        #[arg(long = "with", value_name = "WHO")]
        with_whom: Option<String>,
    },
    /// A clinician's go-ahead for an activity.
    GoAhead {
        /// massage, abdominal-massage, deep-leg-massage, baths, swimming, tampons, sex, exercise or trying-again
        /// (after a molar pregnancy, the specialist team's go-ahead to try again).
        #[arg(long)]
        activity: String,
    },
    /// A massage, counselling or physiotherapy session.
    #[command(alias = "session")]
    Massage {
        /// massage, counselling, physiotherapy or other.
        #[arg(long, default_value = "massage")]
        session: String,
        /// Areas worked on: back, neck, shoulders, abdomen, legs, feet, hands, head, whole-body.
        #[arg(long)]
        focus: Option<String>,
        /// light, medium or firm.
        #[arg(long)]
        pressure: Option<String>,
        /// Pain before, 0-10.
        #[arg(long)]
        pain_before: Option<String>,
        /// Pain after, 0-10.
        #[arg(long)]
        pain_after: Option<String>,
        #[arg(long)]
        therapist: Option<String>,
    },
    /// A memorial: a name you chose and a date that matters.
    Memorial {
        #[arg(long)]
        name: Option<String>,
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
    },
}

fn details(kind: Kind) -> Result<EventDetails, CliError> {
    Ok(match kind {
        Kind::Test { result, hcg } => EventDetails::Test {
            result: parse::code::<TestResult>("result", &result)?,
            hcg: hcg.as_deref().map(|h| parse::decimal("hcg", h)).transpose()?,
        },
        Kind::PeriodStart => EventDetails::PeriodStart,
        Kind::PeriodEnd => EventDetails::PeriodEnd,
        Kind::Medication { name, dose, medicine, route } => EventDetails::Medication {
            name,
            dose,
            medicine: medicine.as_deref().map(|m| parse::code::<Medicine>("medicine", m)).transpose()?,
            route: route.as_deref().map(|r| parse::code::<Route>("route", r)).transpose()?,
        },
        Kind::FollowUpEnded { reason } => {
            EventDetails::FollowUpEnded { reason: parse::code::<FollowUpEnd>("reason", &reason)? }
        }
        Kind::Surgery { keyhole } => EventDetails::Surgery { keyhole },
        Kind::Appointment { with_whom } => EventDetails::Appointment { with_whom },
        Kind::GoAhead { activity } => {
            EventDetails::GoAhead { activity: parse::code::<Activity>("activity", &activity)? }
        }
        Kind::Massage { session, focus, pressure, pain_before, pain_after, therapist } => EventDetails::Session {
            session: parse::code::<SessionKind>("session", &session)?,
            focus: focus.as_deref().map(|f| parse::codes::<FocusArea>("focus", f)).transpose()?.unwrap_or_default(),
            pressure: pressure.as_deref().map(|p| parse::code::<Pressure>("pressure", p)).transpose()?,
            pain_before: pain_before.as_deref().map(|p| parse::small_number("pain_before", p)).transpose()?,
            pain_after: pain_after.as_deref().map(|p| parse::small_number("pain_after", p)).transpose()?,
            therapist,
        },
        Kind::Memorial { name, date } => {
            EventDetails::Memorial { name, date: date.as_deref().map(|d| parse::date("date", d)).transpose()? }
        }
    })
}

pub fn run(ctx: &Context, args: Args) -> Result<(), CliError> {
    let mend = ctx.open()?;
    let zone = here::current_zone(&mend, args.tz.as_deref())?;
    let input = NewEvent {
        at: args.at.as_deref().map(|t| parse::entry_time("at", t, zone, mend.now())).transpose()?,
        time_zone: Some(zone.name().to_owned()),
        details: details(args.kind)?,
        note: args.note,
    };
    let saved = mend.journal().add_event(input)?;
    emit(ctx.json, &saved, || format!("Saved: {}.", render::event_summary(&saved.details)));
    Ok(())
}
