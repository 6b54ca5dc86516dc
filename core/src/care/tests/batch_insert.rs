//! A batch of new check-ins hands its rows to the write's evaluation instead of having them read back
//! (`care::recent`'s `Copy::insert`): each row is taken in by what it can change. These tests show that the
//! shortcut is taken (no fresh read of the check-ins), that a red flag anywhere in a batch is still raised, and
//! that rows before the recent stretch move the bleeding context exactly as reading afresh would (inside this
//! crate's tests every such update is also compared with a fresh read).

use chrono::{DateTime, Duration, Utc};

use super::support::*;
use crate::care::RuleId;
use crate::care::recent::FRESH_READS;
use crate::fixtures::{TempMend, checkin_at};
use crate::journal::*;

fn fresh_reads() -> usize {
    FRESH_READS.with(|n| n.get())
}

/// Adds `batch` in one write; gives the rules of the open alerts afterwards and whether the check-ins were read
/// afresh. Fails if a full evaluation would change what the write left.
fn add(mend: &TempMend, batch: Vec<NewCheckIn>) -> (Vec<RuleId>, bool) {
    let before = fresh_reads();
    mend.journal().add_checkins(batch).unwrap();
    let read_afresh = fresh_reads() != before;
    let after_write = mend.care().alert_records().unwrap();
    assert!(mend.care().evaluate().unwrap().is_empty(), "a full evaluation changed what the batch left");
    assert_eq!(mend.care().alert_records().unwrap(), after_write);
    let open = after_write.iter().filter(|a| a.is_open()).map(|a| a.rule).collect();
    (open, read_afresh)
}

fn quiet(at: DateTime<Utc>) -> NewCheckIn {
    checkin_at(at, |d| d.mood = Some(6))
}

fn bleeding(at: DateTime<Utc>, level: Bleeding) -> NewCheckIn {
    checkin_at(at, |d| d.bleeding = Some(level))
}

#[test]
fn a_red_flag_in_a_batch_of_new_check_ins_is_raised_without_reading_the_batch_back() {
    let now = day(90);
    let mend = TempMend::with_loss(now, loss_date(), 9);
    // A first write leaves the evaluation's copy of the check-ins current.
    assert_eq!(add(&mend, vec![quiet(now - Duration::days(3))]), (vec![], false));
    let mut batch: Vec<NewCheckIn> = (1..80).map(|n| quiet(now - Duration::hours(n * 20))).collect();
    batch.push(quiet(day(-5)));
    batch.insert(40, checkin_at(now - Duration::hours(2), |d| d.chest_pain = true));
    let (open, read_afresh) = add(&mend, batch);
    assert_eq!(open, [RuleId::ClotLung]);
    assert!(!read_afresh, "the batch's rows were handed over, not read back");
    // One new check-in takes the same way.
    let (open, read_afresh) = add(&mend, vec![checkin_at(now - Duration::hours(1), |d| d.temperature_c = Some(38.4))]);
    assert!(open.contains(&RuleId::Fever) && open.contains(&RuleId::ClotLung), "{open:?}");
    assert!(!read_afresh);
}

#[test]
fn rows_before_the_recent_stretch_move_the_bleeding_context_as_a_fresh_read_would() {
    // Today is day 90: the recent stretch starts on day 30, and before it the engine reads the check-ins of
    // the last two days that mention bleeding.
    let now = day(90);
    let mend = TempMend::with_loss(now, loss_date(), 9);
    assert_eq!(add(&mend, vec![bleeding(day(10), Bleeding::Light), bleeding(day(12), Bleeding::Spotting)]).0, []);
    // A quiet row on a context day joins it; one on another day, or before the loss, changes nothing.
    let (_, read_afresh) = add(&mend, vec![quiet(day(12) + Duration::hours(2)), quiet(day(11)), quiet(day(-3))]);
    assert!(!read_afresh);
    // A new day that mentions bleeding pushes day 10 out; a day that joins is read whole (with its older row).
    add(&mend, vec![quiet(day(20))]);
    let (_, read_afresh) = add(&mend, vec![bleeding(day(20) + Duration::hours(1), Bleeding::None), quiet(day(5))]);
    assert!(!read_afresh);
    // Heavy bleeding just before the stretch and on into it: what the engine decides is what a full evaluation
    // decides (checked by `add`), whichever rows of the batch fall where.
    let (_, read_afresh) = add(
        &mend,
        vec![
            bleeding(day(29), Bleeding::Heavy),
            bleeding(day(31), Bleeding::VeryHeavy),
            checkin_at(day(31) + Duration::hours(1), |d| d.pads_per_hour = Some(2.0)),
        ],
    );
    assert!(!read_afresh);
}
