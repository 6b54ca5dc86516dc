//! Properties over random journals: evaluation never panics; the same journal and clock give the same answer
//! whatever order the entries come in; reading only the engine's day ranges changes nothing; gates and
//! findings are well formed; and every text passes the language check. Plus: `Mend`'s evaluation (which reads
//! only those ranges from the database) equals assessing the whole journal.

use chrono::{Duration, NaiveDate};
use proptest::prelude::*;

use super::support::*;
use crate::care::view::EVENT_KINDS;
use crate::care::view::bleeding_context_gap;
use crate::care::{Assessment, CareInput, GateState, assess, checkin_day_ranges};
use crate::fixtures::{FixtureShape, TempMend, generate, load};
use crate::journal::*;
use crate::voice::app_text_problems as pregnancy_progress_words;

pub(super) fn checkin_strategy() -> impl Strategy<Value = CheckIn> {
    let when = 0i64..(200 * 24 * 60);
    let bleeding = proptest::option::of(proptest::sample::select(Bleeding::ALL.to_vec()));
    let pads = proptest::option::of((0u8..=12).prop_map(|p| p as f64 / 2.0));
    let clots = proptest::option::of(proptest::sample::select(Clots::ALL.to_vec()));
    let pain = proptest::collection::vec(proptest::option::of(0u8..=10), 8);
    let temp = proptest::option::of((355u16..=405).prop_map(|t| t as f64 / 10.0));
    let flags = proptest::collection::vec(any::<bool>(), 14);
    let mood = proptest::option::of(0u8..=10);
    let discharge = proptest::option::of(proptest::sample::select(Discharge::ALL.to_vec()));
    (when, bleeding, pads, clots, pain, temp, flags, mood, discharge).prop_map(
        |(when, bleeding, pads, clots, pain, temp, f, mood, discharge)| {
            ci(day(0) + Duration::minutes(when), |d| {
                d.bleeding = bleeding;
                d.pads_per_hour = pads;
                d.clots = clots;
                for (place, score) in PainPlace::ALL.iter().zip(pain) {
                    d.pain.set(*place, score);
                }
                d.temperature_c = temp;
                (d.chills, d.flu_like, d.dizziness, d.fainted, d.chest_pain, d.breathless, d.coughing_blood) = (
                    f[0],
                    f[1],
                    (f[2] && f[3]).then_some(crate::journal::Dizziness::Lasting),
                    f[4] && f[5],
                    f[6] && f[7] && f[8],
                    f[9] && f[10],
                    f[11] && f[12] && f[13],
                );
                d.leg_left.swelling = f[3] && f[8];
                d.leg_right.warmth = f[5] && f[9];
                d.self_harm_thoughts = f[0] && f[7] && f[12];
                d.mood = mood;
                d.discharge = discharge;
            })
        },
    )
}

fn event_strategy() -> impl Strategy<Value = Event> {
    let details = prop_oneof![
        (proptest::sample::select(TestResult::ALL.to_vec()), proptest::option::of(0u32..2000))
            .prop_map(|(result, hcg)| EventDetails::Test { result, hcg: hcg.map(f64::from) }),
        Just(EventDetails::PeriodStart),
        Just(EventDetails::PeriodEnd),
        proptest::sample::select(Activity::ALL.to_vec()).prop_map(|activity| EventDetails::GoAhead { activity }),
        Just(EventDetails::Appointment { with_whom: None }),
    ];
    (0i64..(200 * 24 * 60), details).prop_map(|(when, details)| ev(day(0) + Duration::minutes(when), details))
}

fn input<'a>(j: &'a J, now: chrono::DateTime<chrono::Utc>) -> CareInput<'a> {
    CareInput { mood_screens: false, ..j.input(now) }
}

/// Only the rows the engine reads from the database.
fn windowed(j: &J, now: chrono::DateTime<chrono::Utc>) -> J {
    let today = local_day(now, *ZONE);
    let loss_date = j.loss.as_ref().map(|l| l.loss_date);
    let ranges = checkin_day_ranges(loss_date, today);
    let mut context_days: Vec<NaiveDate> = match bleeding_context_gap(loss_date, today) {
        Some((from, to)) => j
            .checkins
            .iter()
            .filter(|c| insights::shows_bleeding(*c).is_some() && c.day >= from && c.day <= to)
            .map(|c| c.day)
            .collect(),
        None => Vec::new(),
    };
    context_days.sort_unstable();
    context_days.dedup();
    let context_days = &context_days[context_days.len().saturating_sub(2)..];
    let since = loss_date.unwrap_or(NaiveDate::MIN);
    J {
        mood_screens: j.mood_screens,
        loss: j.loss.clone(),
        checkins: j
            .checkins
            .iter()
            .filter(|c| ranges.iter().any(|(f, t)| c.day >= *f && c.day <= *t) || context_days.contains(&c.day))
            .cloned()
            .collect(),
        events: j
            .events
            .iter()
            .filter(|e| e.day >= since && EVENT_KINDS.contains(&e.details.kind()))
            .cloned()
            .collect(),
    }
}

fn texts(a: &Assessment) -> Vec<String> {
    let mut out: Vec<String> = a.findings.iter().map(|f| f.message.clone()).collect();
    out.extend(a.markers.iter().map(|m| m.message.clone()));
    for g in &a.readiness {
        out.extend(g.reasons.iter().cloned());
        out.extend(g.opens.clone());
        out.push(g.about.clone());
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn evaluation_is_total_deterministic_order_free_and_windowed(
        checkins in proptest::collection::vec(checkin_strategy(), 0..60),
        events in proptest::collection::vec(event_strategy(), 0..8),
        weeks in 1u8..=45,
        has_loss in any::<bool>(),
        now_minutes in 0i64..(220 * 24 * 60),
    ) {
        let now = day(0) + Duration::minutes(now_minutes);
        let j = J { loss: has_loss.then(|| loss(weeks)), checkins, events, mood_screens: false };
        let first = assess(&input(&j, now));
        prop_assert_eq!(&first, &assess(&input(&j, now)));
        let mut reversed = j.clone();
        reversed.checkins.reverse();
        reversed.events.reverse();
        prop_assert_eq!(&first, &assess(&input(&reversed, now)));
        let window = windowed(&j, now);
        prop_assert_eq!(&first, &assess(&input(&window, now)));

        prop_assert_eq!(first.readiness.len(), 6);
        for gate in &first.readiness {
            let ready = gate.state == GateState::Ready;
            prop_assert_eq!(ready, gate.reasons.is_empty(), "{:?}", gate);
            prop_assert!(!ready || (gate.from.is_none() && gate.opens.is_none()), "{:?}", gate);
        }
        let guids: Vec<&str> = j.checkins.iter().map(|c| c.guid.as_str()).collect();
        for finding in &first.findings {
            prop_assert!(!finding.because.is_empty());
            prop_assert!(finding.because.iter().all(|g| guids.contains(&g.as_str())));
        }
        for text in texts(&first) {
            prop_assert!(pregnancy_progress_words(&text).is_empty(), "{}", text);
        }
    }
}

#[test]
fn evaluating_through_the_database_equals_assessing_the_whole_journal() {
    let shape = FixtureShape { days: 400, checkins: 1_200, events: 60, weeks: 16, seed: 3 };
    let fixture = generate(shape);
    let mend = TempMend::at(fixture.now);
    load(&mend, &fixture).unwrap();
    let report = mend.care().report().unwrap();
    let journal = mend.journal();
    let (checkins, events) = (journal.all_checkins().unwrap(), journal.all_events().unwrap());
    let loss = journal.current_loss().unwrap();
    let whole = assess(&CareInput {
        zone: *ZONE,
        loss: loss.as_ref(),
        checkins: &checkins,
        events: &events,
        now: fixture.now,
        mood_screens: false,
        rhd: None,
    });
    assert_eq!(report.markers, whole.markers);
    assert_eq!(report.readiness, whole.readiness);
    let open: Vec<_> = mend.care().alerts(true).unwrap().into_iter().map(|a| (a.rule, a.because, a.message)).collect();
    let found: Vec<_> = whole.findings.into_iter().map(|f| (f.rule, f.because, f.message)).collect();
    let mut open_sorted = open.clone();
    open_sorted.sort_by_key(|(r, ..)| *r);
    assert_eq!(open_sorted, found);
    let reads = mend.care().reads().unwrap();
    assert_eq!(
        reads.len(),
        7,
        "profile, loss, two check-in ranges, bleeding before the recent one, events, alerts: {reads:?}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// A write evaluates only what it can change that is stored (the red flags, reading only their rows), and
    /// leaves exactly the alerts a full evaluation of the final journal would: evaluating in full right after
    /// every write finds nothing to change.
    #[test]
    fn a_writes_evaluation_equals_a_full_evaluation_of_the_final_journal(
        batches in proptest::collection::vec(proptest::collection::vec(checkin_strategy(), 1..6), 1..5),
        days_on in 1i64..70,
        doses in proptest::collection::vec((any::<proptest::sample::Index>(), 1i64..60, 0u8..3), 0..4),
        ectopic in any::<bool>(),
    ) {
        let mut mend = TempMend::with_loss(day(0), loss_date(), 9);
        if ectopic {
            let loss = mend.journal().current_loss().unwrap().unwrap();
            let input = NewLoss {
                loss_date: loss.loss_date,
                weeks: loss.weeks,
                kind: LossKind::Ectopic,
                management: Some(Management::Expectant),
                due_date: None,
                loss_at: None,
            };
            mend.journal().update_loss(&loss.guid, input).unwrap();
        }
        // Each batch is written at its own "now", its check-ins spread over the 10 days before it.
        let window = 10 * 24 * 60;
        let batches: Vec<(chrono::DateTime<chrono::Utc>, Vec<NewCheckIn>)> = batches
            .into_iter()
            .enumerate()
            .map(|(i, batch)| {
                let now = day(0) + Duration::days(days_on * (i as i64 + 1) / 2) + Duration::hours(20);
                let inputs = batch
                    .into_iter()
                    .map(|c| {
                        let back = (c.at - day(0)).num_minutes().rem_euclid(window);
                        let at = (now - Duration::minutes(back)).max(day(0));
                        NewCheckIn { at: Some(at), time_zone: Some(c.time_zone.clone()), data: c.data }
                    })
                    .collect();
                (now, inputs)
            })
            .collect();
        // Misoprostol doses, keyhole surgery and the end of follow-up, which red flags read from events: each lands
        // 1 to 60 hours before one of the check-ins, where the rules that read it can see it.
        mend.reopen(day(200));
        let times: Vec<chrono::DateTime<chrono::Utc>> =
            batches.iter().flat_map(|(_, inputs)| inputs.iter().filter_map(|c| c.at)).collect();
        for (index, hours, which) in doses {
            let details = match which {
                0 => EventDetails::Medication {
                    name: "misoprostol".into(),
                    dose: None,
                    medicine: Some(Medicine::Misoprostol),
                    route: Some(Route::ByMouth),
                },
                1 => EventDetails::Surgery { keyhole: true },
                _ => EventDetails::FollowUpEnded { reason: FollowUpEnd::HcgNormal },
            };
            let at = times[index.index(times.len())] - Duration::hours(hours);
            mend.journal().add_event(NewEvent { at: Some(at), time_zone: None, details, note: None }).unwrap();
        }
        for (now, inputs) in batches {
            mend.reopen(now);
            mend.journal().add_checkins(inputs).unwrap();
            let after_write = mend.care().alert_records().unwrap();
            prop_assert!(mend.care().evaluate().unwrap().is_empty(), "a full evaluation raised what the write did not");
            prop_assert_eq!(mend.care().alert_records().unwrap(), after_write);
        }
    }
}
