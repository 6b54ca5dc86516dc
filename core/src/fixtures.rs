//! A realistic journal generator shared by tests and benchmarks (feature `fixtures`): a loss, then years of
//! check-ins and events shaped like recovery — bleeding that eases over two weeks, pain that fades, mood that
//! dips and lifts, periods returning about five weeks on, medication, sessions and tests. Deterministic per seed.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};

use crate::journal::*;
use crate::{Mend, Result};

pub mod groups;

/// A generated journal, ready to write through the API.
#[derive(Debug, Clone)]
pub struct JournalFixture {
    pub profile: ProfileInput,
    pub loss: NewLoss,
    pub checkins: Vec<NewCheckIn>,
    pub events: Vec<NewEvent>,
    /// The instant just after the last entry: use it as the clock.
    pub now: DateTime<Utc>,
}

/// Shape of a generated journal.
#[derive(Debug, Clone, Copy)]
pub struct FixtureShape {
    pub days: i64,
    pub checkins: usize,
    pub events: usize,
    pub weeks: u8,
    pub seed: u64,
}

impl FixtureShape {
    /// Five years of daily life: about 9,000 check-ins and 2,000 events.
    pub const FIVE_YEARS: FixtureShape =
        FixtureShape { days: 5 * 365, checkins: 9_000, events: 2_000, weeks: 9, seed: 7 };
    /// Six weeks after a loss, a few check-ins a day.
    pub const SIX_WEEKS: FixtureShape = FixtureShape { days: 42, checkins: 120, events: 20, weeks: 9, seed: 11 };
}

const ZONE: &str = "Europe/Dublin";

/// The loss date every fixture starts from.
pub fn loss_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2021, 3, 1).unwrap()
}

fn instant(day: i64, minute_of_day: i64) -> DateTime<Utc> {
    let start = Utc.from_utc_datetime(&loss_date().and_hms_opt(0, 0, 0).unwrap());
    start + Duration::days(day) + Duration::minutes(minute_of_day)
}

/// Generates a journal of `shape`.
pub fn generate(shape: FixtureShape) -> JournalFixture {
    let mut rng = StdRng::seed_from_u64(shape.seed);
    let per_day = shape.checkins as f64 / shape.days as f64;
    let mut checkins = Vec::with_capacity(shape.checkins);
    for i in 0..shape.checkins {
        let day = ((i as f64) / per_day) as i64;
        let minute = 7 * 60 + rng.random_range(0..15 * 60);
        checkins.push(NewCheckIn {
            at: Some(instant(day, minute)),
            time_zone: Some(ZONE.into()),
            data: checkin_for(day, &mut rng),
        });
    }
    checkins.sort_by_key(|c| c.at);
    let mut events = Vec::with_capacity(shape.events);
    for i in 0..shape.events {
        let day = (i as i64 * shape.days) / shape.events as i64;
        events.push(event_for(i, day, &mut rng));
    }
    events.sort_by_key(|e| e.at);
    JournalFixture {
        profile: ProfileInput {
            region: Some("IE".into()),
            time_zone: ZONE.into(),
            discreet_notifications: true,
            unit_number: None,
            own_emergency_number: None,
            own_crisis_number: None,
            mood_screens: None,
            rhd: None,
        },
        loss: NewLoss {
            loss_date: loss_date(),
            weeks: shape.weeks,
            kind: LossKind::Miscarriage,
            management: Some(Management::Expectant),
            due_date: None,
            loss_at: None,
        },
        checkins,
        events,
        now: instant(shape.days, 23 * 60),
    }
}

fn checkin_for(day: i64, rng: &mut StdRng) -> CheckInData {
    let bleeding = match day {
        0..=2 => Bleeding::Medium,
        3..=6 => Bleeding::Light,
        7..=10 => Bleeding::Spotting,
        _ if day % 28 < 5 && day > 35 => Bleeding::Light,
        _ => Bleeding::None,
    };
    let healing = (day as f64 / 30.0).min(1.0);
    let mut pain = PainScores::default();
    if day < 21 {
        pain.cramps = Some((6.0 * (1.0 - healing) + rng.random_range(0.0..2.0)).round().min(10.0) as u8);
    }
    if rng.random_bool(0.3) {
        pain.back = Some(rng.random_range(0..5));
    }
    let mood = (3.0 + 4.0 * healing + rng.random_range(-2.0..2.0)).clamp(0.0, 10.0).round() as u8;
    let feelings =
        [Feeling::Grief, Feeling::Sadness, Feeling::Numbness, Feeling::Hope, Feeling::Calm, Feeling::Anxiety]
            .into_iter()
            .filter(|_| rng.random_bool(0.25))
            .collect();
    CheckInData {
        bleeding: Some(bleeding),
        pads_per_hour: bleeding.is_bleeding().then(|| rng.random_range(0..2) as f64),
        clots: Some(if day < 3 { Clots::Small } else { Clots::None }),
        pain,
        temperature_c: rng.random_bool(0.2).then(|| 36.4 + rng.random_range(0..8) as f64 / 10.0),
        discharge: Some(Discharge::Normal),
        mood: Some(mood),
        feelings,
        sleep_hours: Some(5.0 + rng.random_range(0..7) as f64 / 2.0),
        energy: Some((2.0 + 5.0 * healing + rng.random_range(-1.0..2.0)).clamp(0.0, 10.0).round() as u8),
        note: rng.random_bool(0.15).then(|| "A quiet day. Walked a little and rested in the afternoon.".to_owned()),
        ..CheckInData::default()
    }
}

fn event_for(i: usize, day: i64, rng: &mut StdRng) -> NewEvent {
    let details = match i % 10 {
        0 if day > 30 => EventDetails::PeriodStart,
        1 if day > 30 => EventDetails::PeriodEnd,
        2 => {
            EventDetails::Test { result: if day < 21 { TestResult::Positive } else { TestResult::Negative }, hcg: None }
        }
        3 | 4 => EventDetails::Session {
            session: if i % 20 < 10 { SessionKind::Massage } else { SessionKind::Counselling },
            focus: vec![FocusArea::Back, FocusArea::Shoulders],
            pressure: Some(Pressure::Light),
            pain_before: Some(rng.random_range(2..6)),
            pain_after: Some(rng.random_range(0..3)),
            therapist: Some("Aoife".into()),
        },
        5 => EventDetails::Appointment { with_whom: Some("GP".into()) },
        _ => EventDetails::Medication {
            name: "Paracetamol".into(),
            dose: Some("1 g".into()),
            medicine: None,
            route: None,
        },
    };
    NewEvent { at: Some(instant(day, 12 * 60 + (i % 60) as i64)), time_zone: Some(ZONE.into()), details, note: None }
}

/// Writes a fixture through the public API (profile, loss, then entries in batches of one transaction each).
pub fn load(mend: &Mend, fixture: &JournalFixture) -> Result<()> {
    let journal = mend.journal();
    journal.set_profile(fixture.profile.clone())?;
    journal.record_loss(fixture.loss.clone())?;
    for chunk in fixture.checkins.chunks(1_000) {
        journal.add_checkins(chunk.to_vec())?;
    }
    for event in &fixture.events {
        journal.add_event(event.clone())?;
    }
    Ok(())
}

/// A journal in a temporary directory, removed when dropped. Derefs to [`Mend`].
pub struct TempMend {
    mend: Option<Mend>,
    dir: tempfile::TempDir,
}

impl TempMend {
    /// Opens a fresh journal whose clock is fixed at `now`.
    pub fn at(now: DateTime<Utc>) -> TempMend {
        TempMend::at_in(&std::env::temp_dir(), now)
    }

    /// A fresh journal in a new temporary directory under `parent` (benchmarks put theirs on `/dev/shm`).
    pub fn at_in(parent: &std::path::Path, now: DateTime<Utc>) -> TempMend {
        let dir = tempfile::tempdir_in(parent).expect("a temporary directory");
        let mend = Mend::open(dir.path(), crate::OpenOptions { clock: crate::Clock::Fixed(now) })
            .expect("a fresh journal opens");
        TempMend { mend: Some(mend), dir }
    }

    /// The data directory.
    pub fn dir(&self) -> &std::path::Path {
        self.dir.path()
    }

    /// Closes and reopens the same directory with the clock fixed at `now`.
    pub fn reopen(&mut self, now: DateTime<Utc>) {
        self.mend = None;
        self.mend =
            Some(Mend::open(self.dir.path(), crate::OpenOptions { clock: crate::Clock::Fixed(now) }).expect("reopens"));
    }

    /// A journal set up like a person in Ireland with a first-trimester loss on `loss_date`.
    pub fn with_loss(now: DateTime<Utc>, loss_date: NaiveDate, weeks: u8) -> TempMend {
        let temp = TempMend::at(now);
        temp.journal()
            .set_profile(ProfileInput {
                region: Some("IE".into()),
                time_zone: ZONE.into(),
                discreet_notifications: true,
                unit_number: None,
                own_emergency_number: None,
                own_crisis_number: None,
                mood_screens: None,
                rhd: None,
            })
            .expect("profile");
        temp.journal()
            .record_loss(NewLoss {
                loss_date,
                weeks,
                kind: LossKind::Miscarriage,
                management: Some(Management::Expectant),
                due_date: None,
                loss_at: None,
            })
            .expect("loss");
        temp
    }
}

impl std::ops::Deref for TempMend {
    type Target = Mend;
    fn deref(&self) -> &Mend {
        self.mend.as_ref().expect("open")
    }
}

/// A UTC instant from its parts (tests read better with it).
pub fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0).single().expect("a valid instant")
}

/// A check-in at `at` with `edit` applied to empty data.
pub fn checkin_at(at: DateTime<Utc>, edit: impl FnOnce(&mut CheckInData)) -> NewCheckIn {
    let mut data = CheckInData::default();
    edit(&mut data);
    NewCheckIn { at: Some(at), time_zone: None, data }
}

/// An observer that keeps every change it is told about, for tests.
#[derive(Default)]
pub struct RecordingObserver(std::sync::Mutex<Vec<crate::observe::Change>>);

impl RecordingObserver {
    /// A new observer, shared so it can be subscribed and read.
    pub fn new() -> std::sync::Arc<RecordingObserver> {
        std::sync::Arc::new(RecordingObserver::default())
    }

    /// Every change so far, in order.
    pub fn changes(&self) -> Vec<crate::observe::Change> {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// The alert ids of every `AlertRaised` so far, in order.
    pub fn raised_alerts(&self) -> Vec<String> {
        self.changes()
            .into_iter()
            .filter_map(|c| match c {
                crate::observe::Change::AlertRaised { alert } => Some(alert),
                _ => None,
            })
            .collect()
    }

    /// How many of the changes so far equal `change`.
    pub fn count(&self, change: &crate::observe::Change) -> usize {
        self.changes().iter().filter(|c| *c == change).count()
    }
}

impl crate::observe::Observer for RecordingObserver {
    fn changed(&self, change: &crate::observe::Change) {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).push(change.clone());
    }
}
