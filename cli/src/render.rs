//! Human-readable text for journal records, written the way Mend speaks (shared/design/VOICE.md): plain,
//! short, no exclamation marks, never blaming.

use chrono::{DateTime, NaiveDate, Utc};
use mend_core::journal::insights::{Insights, Trend};
use mend_core::journal::{CheckInData, Dizziness, EventDetails, FollowUpEnd};
use mend_core::zone::Zone;

/// The local time of an instant in a zone, "09:30".
pub fn local_time(at: DateTime<Utc>, zone: &str) -> String {
    at.with_timezone(&Zone::named_or_utc(zone)).format("%H:%M").to_string()
}

/// "today at 21:00", "tomorrow at 09:00" or "Sun 17 May at 09:00", as seen from `today` in `zone`.
pub fn day_and_time(at: DateTime<Utc>, zone: &str, today: NaiveDate) -> String {
    let local = at.with_timezone(&Zone::named_or_utc(zone));
    let day = match (local.date_naive() - today).num_days() {
        0 => "today".to_owned(),
        1 => "tomorrow".to_owned(),
        _ => local.format("%a %-d %b").to_string(),
    };
    format!("{day} at {}", local.format("%H:%M"))
}

/// A check-in's contents in one line, in the order a person logs them.
pub fn checkin_summary(data: &CheckInData) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(b) = data.bleeding {
        parts.push(format!("bleeding {}", b.code().replace('_', " ")));
    }
    if let Some(p) = data.pads_per_hour {
        parts.push(format!("{p} {} an hour", if p == 1.0 { "pad" } else { "pads" }));
    }
    if let Some(c) = data.clots.filter(|c| c.code() != "none") {
        parts.push(format!("{} clots", c.code()));
    }
    let pain: Vec<String> =
        data.pain.entries().iter().map(|(p, s)| format!("{} {s}/10", p.code().replace('_', " "))).collect();
    if !pain.is_empty() {
        parts.push(format!("pain: {}", pain.join(", ")));
    }
    if let Some(t) = data.temperature_c {
        parts.push(format!("{t:.1} °C"));
    }
    let flags = [
        (data.chills, "chills"),
        (data.flu_like, "flu-like"),
        (data.dizziness == Some(Dizziness::Brief), "briefly dizzy"),
        (data.dizziness == Some(Dizziness::Lasting), "dizzy"),
        (data.fainted, "fainted"),
        (data.chest_pain, "chest pain"),
        (data.breathless, "breathless"),
        (data.coughing_blood, "coughing blood"),
        (data.leg_left.any(), "left leg signs"),
        (data.leg_right.any(), "right leg signs"),
    ];
    parts.extend(flags.iter().filter(|(on, _)| *on).map(|(_, name)| (*name).to_owned()));
    if let Some(d) = data.discharge {
        parts.push(format!("discharge {d}"));
    }
    if let Some(h) = data.signs.soaking_hours {
        parts.push(format!("soaking for {h} h"));
    }
    if data.signs.came_round_within_a_minute == Some(false) {
        parts.push("slow to come round".to_owned());
    }
    parts.extend(data.signs.flags().iter().filter(|(_, on)| *on).map(|(name, _)| name.replace('_', " ")));
    if let Some(m) = data.mood {
        let feelings: Vec<&str> = data.feelings.iter().map(|f| f.code()).collect();
        if feelings.is_empty() {
            parts.push(format!("mood {m}/10"));
        } else {
            parts.push(format!("mood {m}/10 ({})", feelings.join(", ")));
        }
    }
    if let Some(s) = data.sleep_hours {
        parts.push(format!("slept {s} h"));
    }
    if let Some(e) = data.energy {
        parts.push(format!("energy {e}/10"));
    }
    if data.note.is_some() {
        parts.push("a note".to_owned());
    }
    if parts.is_empty() { "nothing noted".to_owned() } else { parts.join(" · ") }
}

/// What an event was, in a few words.
pub fn event_summary(details: &EventDetails) -> String {
    match details {
        EventDetails::Test { result, hcg } => match hcg {
            Some(v) => format!("pregnancy test: {result} (hCG {v} IU/L)"),
            None => format!("pregnancy test: {result}"),
        },
        EventDetails::PeriodStart => "period started".to_owned(),
        EventDetails::PeriodEnd => "period ended".to_owned(),
        EventDetails::Medication { name, dose, .. } => match dose {
            Some(d) => format!("medication: {name}, {d}"),
            None => format!("medication: {name}"),
        },
        EventDetails::Appointment { with_whom } => match with_whom {
            Some(w) => format!("appointment with {w}"),
            None => "appointment".to_owned(),
        },
        EventDetails::GoAhead { activity } => {
            format!("go-ahead from a clinician: {}", activity.code().replace('_', " "))
        }
        EventDetails::Session { session, pain_before, pain_after, .. } => {
            let mut text = format!("{} session", session.code());
            if let (Some(b), Some(a)) = (pain_before, pain_after) {
                text.push_str(&format!(", pain {b}/10 before and {a}/10 after"));
            }
            text
        }
        EventDetails::FollowUpEnded { reason } => match reason {
            FollowUpEnd::HcgNormal => "hCG back to normal".to_owned(),
            FollowUpEnd::Discharged => "discharged from follow-up".to_owned(),
        },
        EventDetails::Surgery { keyhole: true } => "keyhole surgery".to_owned(),
        EventDetails::Surgery { keyhole: false } => "surgery".to_owned(),
        EventDetails::Memorial { name, date } => {
            let mut text = "memorial".to_owned();
            if let Some(n) = name {
                text.push_str(&format!(": {n}"));
            }
            if let Some(d) = date {
                text.push_str(&format!(", {d}"));
            }
            text
        }
    }
}

/// A trend in plain words: `better` is the word for this measure getting better ("easier" pain, "lighter" mood).
fn trend_words(trend: Option<Trend>, what: &str, better: &str) -> Option<String> {
    trend.map(|t| match t {
        Trend::Better => format!("{what} has been {better} this week than the week before."),
        Trend::AboutTheSame => format!("{what} has been about the same this week as the week before."),
        Trend::Harder => format!("{what} has been harder this week than the week before."),
    })
}

/// Insights as a few plain lines.
pub fn insights(i: &Insights) -> Vec<String> {
    let mut lines = Vec::new();
    if let (Some(days), Some(week)) = (i.days_since_loss, i.week_of_recovery) {
        let unit = if days == 1 { "day" } else { "days" };
        lines.push(format!("It has been {days} {unit} since your loss (week {week} of your recovery)."));
    }
    match (i.bleeding.first_day, i.bleeding.last_day, i.bleeding.stopped_on) {
        (_, _, Some(stopped)) => lines.push(format!("Bleeding stopped on {}.", stopped.format("%-d %B"))),
        (Some(first), Some(last), None) if first == last => {
            lines.push(format!("Bleeding: logged on {}.", first.format("%-d %B")))
        }
        (Some(first), Some(last), None) => lines.push(format!(
            "Bleeding: logged from {} to {} ({} days so far).",
            first.format("%-d %B"),
            last.format("%-d %B"),
            i.bleeding.days_with_bleeding
        )),
        _ => {}
    }
    if let Some(first) = i.periods.first_period {
        lines.push(format!("Your first period after the loss began on {}.", first.format("%-d %B")));
    }
    for day in &i.periods.not_counted {
        lines.push(format!(
            "The period start you logged on {} is kept, but not counted as a period yet (mend markers says why).",
            day.format("%-d %B")
        ));
    }
    if !i.periods.cycle_lengths.is_empty() {
        let cycles: Vec<String> = i.periods.cycle_lengths.iter().map(|c| c.to_string()).collect();
        lines.push(format!("Cycle lengths since then: {} days.", cycles.join(", ")));
    }
    lines.extend(trend_words(i.trends.pain, "Pain", "easier"));
    lines.extend(trend_words(i.trends.mood, "Your mood", "a little lighter"));
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn firings_say_which_day_they_are_on() {
        let today = NaiveDate::from_ymd_opt(2026, 5, 15).unwrap();
        let at = |d, h| Utc.with_ymd_and_hms(2026, 5, d, h, 0, 0).unwrap();
        assert_eq!(day_and_time(at(15, 20), "Europe/Dublin", today), "today at 21:00");
        assert_eq!(day_and_time(at(16, 20), "Europe/Dublin", today), "tomorrow at 21:00");
        assert_eq!(day_and_time(at(17, 8), "Europe/Dublin", today), "Sun 17 May at 09:00");
    }

    #[test]
    fn trends_read_as_sentences_in_each_measure_s_own_words() {
        assert_eq!(
            trend_words(Some(Trend::Better), "Your mood", "a little lighter").unwrap(),
            "Your mood has been a little lighter this week than the week before."
        );
        assert_eq!(
            trend_words(Some(Trend::Harder), "Pain", "easier").unwrap(),
            "Pain has been harder this week than the week before."
        );
        assert_eq!(trend_words(None, "Pain", "easier"), None);
    }
}
