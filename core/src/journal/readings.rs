//! Readings: the few values insights and suggestions look at in a check-in (its day, bleeding, pads an hour,
//! clots, worst pain, mood, sleep and energy). A full [`CheckIn`] is a reading, and so is the slim
//! [`DayReading`] row that [`Journal::readings_between_days`] loads, so years of journal can be summarised
//! without holding every check-in's notes and symptoms in memory.

use chrono::NaiveDate;

use super::codes::{Bleeding, Clots};
use super::model::{CheckIn, PainScores};
use super::{Journal, LAST_DAY};
use crate::error::Result;
use crate::store::time::parse_day;

/// What insights read from a check-in.
pub trait Reading {
    fn day(&self) -> NaiveDate;
    fn bleeding(&self) -> Option<Bleeding>;
    /// Pads soaked an hour (a count above 0 means bleeding, whatever `bleeding` says).
    fn pads_per_hour(&self) -> Option<f64>;
    /// Clots passed (small or large means bleeding, whatever `bleeding` says).
    fn clots(&self) -> Option<Clots>;
    /// The highest pain score recorded anywhere.
    fn worst_pain(&self) -> Option<u8>;
    fn mood(&self) -> Option<u8>;
    fn sleep_hours(&self) -> Option<f64>;
    fn energy(&self) -> Option<u8>;
}

impl Reading for CheckIn {
    fn day(&self) -> NaiveDate {
        self.day
    }
    fn bleeding(&self) -> Option<Bleeding> {
        self.data.bleeding
    }
    fn pads_per_hour(&self) -> Option<f64> {
        self.data.pads_per_hour
    }
    fn clots(&self) -> Option<Clots> {
        self.data.clots
    }
    fn worst_pain(&self) -> Option<u8> {
        self.data.pain.worst()
    }
    fn mood(&self) -> Option<u8> {
        self.data.mood
    }
    fn sleep_hours(&self) -> Option<f64> {
        self.data.sleep_hours
    }
    fn energy(&self) -> Option<u8> {
        self.data.energy
    }
}

impl<T: Reading> Reading for &T {
    fn day(&self) -> NaiveDate {
        (*self).day()
    }
    fn bleeding(&self) -> Option<Bleeding> {
        (*self).bleeding()
    }
    fn pads_per_hour(&self) -> Option<f64> {
        (*self).pads_per_hour()
    }
    fn clots(&self) -> Option<Clots> {
        (*self).clots()
    }
    fn worst_pain(&self) -> Option<u8> {
        (*self).worst_pain()
    }
    fn mood(&self) -> Option<u8> {
        (*self).mood()
    }
    fn sleep_hours(&self) -> Option<f64> {
        (*self).sleep_hours()
    }
    fn energy(&self) -> Option<u8> {
        (*self).energy()
    }
}

/// A check-in reduced to what insights need.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DayReading {
    pub day: NaiveDate,
    pub bleeding: Option<Bleeding>,
    pub pads_per_hour: Option<f64>,
    pub clots: Option<Clots>,
    pub worst_pain: Option<u8>,
    pub mood: Option<u8>,
    pub sleep_hours: Option<f64>,
    pub energy: Option<u8>,
}

impl Reading for DayReading {
    fn day(&self) -> NaiveDate {
        self.day
    }
    fn bleeding(&self) -> Option<Bleeding> {
        self.bleeding
    }
    fn pads_per_hour(&self) -> Option<f64> {
        self.pads_per_hour
    }
    fn clots(&self) -> Option<Clots> {
        self.clots
    }
    fn worst_pain(&self) -> Option<u8> {
        self.worst_pain
    }
    fn mood(&self) -> Option<u8> {
        self.mood
    }
    fn sleep_hours(&self) -> Option<f64> {
        self.sleep_hours
    }
    fn energy(&self) -> Option<u8> {
        self.energy
    }
}

const READING_COLUMNS: &str = "local_day, bleeding, pain_cramps, pain_back, pain_one_sided, pain_shoulder_tip, \
    pain_breast, pain_head, pain_leg_left, pain_leg_right, mood, sleep_hours, energy, pads_per_hour, clots, \
    pain_pelvis, pain_chest, pain_side_left, pain_side_right";

fn reading_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<DayReading> {
    let pain = PainScores {
        cramps: row.get(2)?,
        back: row.get(3)?,
        one_sided: row.get(4)?,
        shoulder_tip: row.get(5)?,
        breast: row.get(6)?,
        head: row.get(7)?,
        leg_left: row.get(8)?,
        leg_right: row.get(9)?,
        pelvis: row.get(15)?,
        chest: row.get(16)?,
        side_left: row.get(17)?,
        side_right: row.get(18)?,
    };
    Ok(DayReading {
        day: parse_day(row.get_ref(0)?.as_str()?)?,
        bleeding: row.get(1)?,
        worst_pain: pain.worst(),
        mood: row.get(10)?,
        sleep_hours: row.get(11)?,
        energy: row.get(12)?,
        pads_per_hour: row.get(13)?,
        clots: row.get(14)?,
    })
}

impl Journal<'_> {
    /// Readings of the check-ins whose local day is between `from` and `to` (inclusive), in time order.
    pub fn readings_between_days(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<DayReading>> {
        let sql = format!(
            "SELECT {READING_COLUMNS} FROM checkins WHERE deleted = 0 AND local_day BETWEEN ?1 AND ?2 ORDER BY at_ms, id"
        );
        self.core.store.query_all(&sql, [from.to_string(), to.min(LAST_DAY).to_string()], reading_from_row)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{TempMend, checkin_at, utc};

    #[test]
    fn a_slim_reading_says_what_the_full_checkin_says() {
        let mend = TempMend::with_loss(utc(2026, 5, 20, 12, 0), NaiveDate::from_ymd_opt(2026, 5, 1).unwrap(), 8);
        mend.journal()
            .add_checkin(checkin_at(utc(2026, 5, 10, 9, 0), |d| {
                d.bleeding = Some(Bleeding::Spotting);
                d.pads_per_hour = Some(1.5);
                d.clots = Some(Clots::Small);
                d.pain.back = Some(3);
                d.pain.leg_right = Some(6);
                d.mood = Some(4);
                d.sleep_hours = Some(7.5);
                d.energy = Some(2);
                d.note = Some("not needed here".into());
            }))
            .unwrap();
        let full = &mend.journal().all_checkins().unwrap()[0];
        let slim = mend.journal().readings_between_days(full.day, full.day).unwrap()[0];
        assert_eq!(
            (slim.day(), slim.bleeding(), slim.worst_pain(), slim.mood(), slim.sleep_hours(), slim.energy()),
            (full.day(), full.bleeding(), full.worst_pain(), full.mood(), full.sleep_hours(), full.energy())
        );
        assert_eq!((slim.pads_per_hour(), slim.clots()), (full.pads_per_hour(), full.clots()));
        assert_eq!((slim.pads_per_hour, slim.clots), (Some(1.5), Some(Clots::Small)));
        assert_eq!(slim.worst_pain, Some(6));
    }
}
