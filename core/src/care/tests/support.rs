//! Building journals for pure tests: check-ins, events and losses as records (no database), in Dublin time,
//! with readable guids, and assessing them at an instant.

use std::sync::atomic::{AtomicU64, Ordering};

use chrono::{DateTime, Duration, NaiveDate, Utc};

use crate::care::{Assessment, CareInput, Finding, Gate, GateId, Marker, MarkerId, RuleId, assess};
use crate::fixtures::utc;
use crate::journal::{CheckIn, CheckInData, Event, EventDetails, Loss, LossKind, Management, local_day};
use crate::zone::Zone;

pub static ZONE: std::sync::LazyLock<Zone> = std::sync::LazyLock::new(|| Zone::named("Europe/Dublin").unwrap());

static NEXT: AtomicU64 = AtomicU64::new(1);

fn guid(prefix: &str) -> String {
    format!("{prefix}-{:012}", NEXT.fetch_add(1, Ordering::Relaxed))
}

/// The loss date every pure test uses.
pub fn loss_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 5, 1).unwrap()
}

/// Midday UTC on day `n` after the loss (13:00 in Dublin, summer time).
pub fn day(n: i64) -> DateTime<Utc> {
    utc(2026, 5, 1, 12, 0) + Duration::days(n)
}

pub fn date(n: i64) -> NaiveDate {
    loss_date() + Duration::days(n)
}

pub fn loss(weeks: u8) -> Loss {
    Loss {
        guid: guid("loss"),
        loss_date: loss_date(),
        weeks,
        kind: LossKind::Miscarriage,
        management: Some(Management::Expectant),
        due_date: None,
        loss_at: None,
        created_at: day(0),
        updated_at: day(0),
    }
}

pub fn ci(at: DateTime<Utc>, edit: impl FnOnce(&mut CheckInData)) -> CheckIn {
    let mut data = CheckInData::default();
    edit(&mut data);
    CheckIn {
        guid: guid("checkin"),
        at,
        time_zone: ZONE.name().to_owned(),
        day: local_day(at, *ZONE),
        data,
        created_at: at,
        updated_at: at,
    }
}

pub fn ev(at: DateTime<Utc>, details: EventDetails) -> Event {
    Event {
        guid: guid("event"),
        at,
        time_zone: ZONE.name().to_owned(),
        day: local_day(at, *ZONE),
        details,
        note: None,
        created_at: at,
        updated_at: at,
    }
}

/// A journal as records.
#[derive(Clone, Debug)]
pub struct J {
    pub loss: Option<Loss>,
    pub checkins: Vec<CheckIn>,
    pub events: Vec<Event>,
    /// The profile's choice of mood screens (off unless a test turns them on).
    pub mood_screens: bool,
}

impl J {
    /// A first-trimester loss (9 weeks) and nothing else.
    pub fn first() -> J {
        J::weeks(9)
    }

    /// A loss at `weeks`.
    pub fn weeks(weeks: u8) -> J {
        J { loss: Some(loss(weeks)), checkins: Vec::new(), events: Vec::new(), mood_screens: false }
    }

    pub fn with(mut self, checkin: CheckIn) -> J {
        self.checkins.push(checkin);
        self
    }

    pub fn event(mut self, at: DateTime<Utc>, details: EventDetails) -> J {
        self.events.push(ev(at, details));
        self
    }

    /// The engine's input over this journal at `now`, the person in Dublin.
    pub fn input(&self, now: DateTime<Utc>) -> CareInput<'_> {
        self.input_in(*ZONE, now)
    }

    /// The engine's input with the person living in `zone` (their loss counts from 00:00 there on its date).
    pub fn input_in(&self, zone: Zone, now: DateTime<Utc>) -> CareInput<'_> {
        CareInput {
            zone,
            loss: self.loss.as_ref(),
            checkins: &self.checkins,
            events: &self.events,
            now,
            mood_screens: self.mood_screens,
            rhd: None,
        }
    }

    pub fn at(&self, now: DateTime<Utc>) -> Assessment {
        assess(&self.input(now))
    }

    /// Assessed with the person living in `zone`.
    pub fn at_in(&self, zone: Zone, now: DateTime<Utc>) -> Assessment {
        assess(&self.input_in(zone, now))
    }

    pub fn finding(&self, rule: RuleId, now: DateTime<Utc>) -> Option<Finding> {
        self.at(now).findings.into_iter().find(|f| f.rule == rule)
    }

    pub fn marker(&self, id: MarkerId, now: DateTime<Utc>) -> Marker {
        self.at(now).markers.into_iter().find(|m| m.marker == id).expect("every marker is assessed")
    }

    pub fn gate(&self, id: GateId, now: DateTime<Utc>) -> Gate {
        self.at(now).readiness.into_iter().find(|g| g.gate == id).expect("every gate is assessed")
    }
}

/// Bleeding of `level` logged at midday on each of `days`.
pub fn bleeding_days(mut j: J, days: impl IntoIterator<Item = i64>, level: crate::journal::Bleeding) -> J {
    for n in days {
        j = j.with(ci(day(n), |d| d.bleeding = Some(level)));
    }
    j
}
