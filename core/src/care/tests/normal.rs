//! The normal course stays quiet: generated normal recoveries raise no Urgent or Emergency finding at any
//! check-in. The bounds of "normal" are the issue's, written beside the generator; each is a line of the
//! guidance's "Normal recovery must not alarm".

use chrono::Duration;
use proptest::prelude::*;

use super::support::*;
use crate::care::Severity;
use crate::journal::{Bleeding, Clots, Discharge, Dizziness, EventDetails, Medicine, Route};

/// One day's check-ins: (minutes after 06:00 UTC for each, a random seed per check-in).
fn day_strategy() -> impl Strategy<Value = Vec<(i64, u32)>> {
    proptest::collection::vec((0i64..(16 * 60), any::<u32>()), 1..=3)
}

fn pick<T: Copy>(seed: u32, shift: u32, options: &[T]) -> T {
    options[((seed >> shift) as usize) % options.len()]
}

/// A normal recovery over six weeks, from generated days.
fn recovery(days: &[Vec<(i64, u32)>], miso_hours: Option<i64>) -> J {
    let loss_time = day(0) - Duration::hours(13); // 00:00 in Dublin on the loss date (summer time)
    let mut j = J::first();
    let dose = miso_hours.map(|h| loss_time + Duration::hours(h));
    if let Some(at) = dose {
        let details = EventDetails::Medication {
            name: "misoprostol".into(),
            dose: None,
            medicine: Some(Medicine::Misoprostol),
            route: Some(Route::Other),
        };
        j = j.event(at, details);
    }
    for (n, entries) in days.iter().enumerate() {
        let n = n as i64;
        let mut times: Vec<(i64, u32)> = entries.clone();
        times.sort_unstable();
        times.dedup_by_key(|(m, _)| *m);
        for (i, (minute, seed)) in times.iter().enumerate() {
            let at = loss_time + Duration::days(n) + Duration::hours(6) + Duration::minutes(*minute);
            j = j.with(ci(at, |d| {
                // Bleeding like a heavy period while the pregnancy passes (days 0-2), then settling; pads under 1
                // an hour; small clots at most.
                d.bleeding = Some(match n {
                    0..=2 => pick(*seed, 0, &[Bleeding::Medium, Bleeding::Heavy]),
                    3..=6 => pick(*seed, 0, &[Bleeding::Light, Bleeding::Medium]),
                    7..=13 => pick(*seed, 0, &[Bleeding::Spotting, Bleeding::Light]),
                    _ => pick(*seed, 0, &[Bleeding::None, Bleeding::Spotting]),
                });
                d.pads_per_hour = (n < 14).then(|| pick(*seed, 2, &[0.0, 0.3, 0.5, 0.9]));
                d.clots = Some(pick(*seed, 4, &[Clots::None, Clots::Small]));
                // Cramps at most 7/10 while the pregnancy passes and for 48 hours after, easing after.
                let cap = match n {
                    0..=1 => 7,
                    2 => 5,
                    3..=9 => 4,
                    _ => 2,
                };
                d.pain.cramps = Some((seed >> 6) as u8 % (cap + 1));
                d.pain.back = Some((seed >> 9) as u8 % 6);
                // Both legs aching after a walk: within 1 point of each other.
                let leg = (seed >> 12) as u8 % 5;
                d.pain.leg_left = Some(leg);
                d.pain.leg_right = Some(pick(*seed, 15, &[leg.saturating_sub(1), leg, leg + 1]));
                // Yellowish discharge as bleeding fades, without a smell.
                d.discharge = Some(pick(*seed, 17, &[Discharge::Normal, Discharge::Unusual]));
                // Temperatures under 38.0 °C; chills only within 24 hours of a misoprostol dose.
                d.temperature_c = Some(36.0 + f64::from((seed >> 19) % 18) / 10.0);
                d.chills = dose.is_some_and(|t| at >= t && at - t <= Duration::hours(24)) && (seed >> 24) % 2 == 0;
                // Brief dizziness on standing, with spotting only: from day 15 (bleeding at most spotting), on
                // the first check-in of every other day (so it never "comes back" within 24 hours).
                if n >= 15 && n % 2 == 1 && i == 0 && (seed >> 25) % 2 == 0 {
                    d.dizziness = Some(Dizziness::Brief);
                    d.bleeding = Some(Bleeding::Spotting);
                    d.pads_per_hour = None;
                }
                // Low mood only in the first 7 days of grief.
                d.mood = Some(if n < 7 { (seed >> 26) as u8 % 3 } else { 4 + (seed >> 26) as u8 % 7 });
            }));
        }
    }
    j
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    // guidance: Normal recovery must not alarm: bleeding like a heavy period with small clots and strong cramps
    // while the pregnancy passes and for a day or two after; both legs aching after a walk; yellowish discharge
    // as bleeding fades; brief dizziness on standing with spotting; chills on the day of misoprostol; low mood in
    // the first days of grief.
    #[test]
    fn a_normal_recovery_raises_no_urgent_or_emergency_finding(
        days in proptest::collection::vec(day_strategy(), 42),
        miso in proptest::option::of(0i64..12),
    ) {
        let j = recovery(&days, miso);
        let mut instants: Vec<_> = j.checkins.iter().map(|c| c.at).collect();
        instants.push(day(43));
        for now in instants {
            // What the journal held at that moment (later check-ins weren't written yet).
            let mut then = j.clone();
            then.checkins.retain(|c| c.at <= now);
            for f in then.at(now).findings {
                prop_assert!(
                    !matches!(f.severity, Severity::Urgent | Severity::Emergency),
                    "{} at {now}: {}",
                    f.rule,
                    f.message
                );
            }
        }
    }
}
