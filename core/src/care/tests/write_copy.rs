//! The write path keeps the check-ins it reads in memory between writes (`care::recent`). Whatever a person does,
//! one write after another on one open journal — add, correct (moving an entry in time, into the stretch before
//! the recent one or out of it), delete, add many at once, log doses and surgery — the alerts after each write
//! are exactly those a full evaluation of the journal gives. (Inside this crate's tests every in-place update of
//! the copy is also checked against reading the rows afresh.)

use chrono::Duration;
use proptest::prelude::*;

use super::properties::checkin_strategy;
use super::support::*;
use crate::fixtures::TempMend;
use crate::journal::*;

#[derive(Debug, Clone)]
enum Op {
    Add(CheckInData, i64),
    Edit(proptest::sample::Index, CheckInData, i64),
    Delete(proptest::sample::Index),
    Batch(Vec<(CheckInData, i64)>),
    Dose(i64, bool),
}

/// How far back an entry is written, in minutes: up to 100 days before "now", which is 90 days after the loss,
/// so entries land in the recent stretch (60 days), in the stretch before it, and before the loss.
fn back() -> impl Strategy<Value = i64> {
    prop_oneof![0i64..(3 * 24 * 60), 0i64..(100 * 24 * 60)]
}

fn op() -> impl Strategy<Value = Op> {
    let data = || checkin_strategy().prop_map(|c| c.data);
    prop_oneof![
        4 => (data(), back()).prop_map(|(d, b)| Op::Add(d, b)),
        3 => (any::<proptest::sample::Index>(), data(), back()).prop_map(|(i, d, b)| Op::Edit(i, d, b)),
        2 => any::<proptest::sample::Index>().prop_map(Op::Delete),
        1 => proptest::collection::vec((data(), back()), 2..5).prop_map(Op::Batch),
        1 => (back(), any::<bool>()).prop_map(|(b, surgery)| Op::Dose(b, surgery)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn every_write_leaves_the_alerts_a_full_evaluation_gives(ops in proptest::collection::vec(op(), 1..24)) {
        let now = day(90) + Duration::hours(20);
        let mend = TempMend::with_loss(now, loss_date(), 9);
        let at = |back: i64| Some(now - Duration::minutes(back));
        let new = |data: CheckInData, back: i64| NewCheckIn { at: at(back), time_zone: None, data };
        let mut guids: Vec<String> = Vec::new();
        for op in ops {
            match op {
                Op::Add(data, back) => guids.push(mend.journal().add_checkin(new(data, back)).unwrap().guid),
                Op::Edit(index, data, back) if !guids.is_empty() => {
                    let guid = guids[index.index(guids.len())].clone();
                    mend.journal().update_checkin(&guid, new(data, back)).unwrap();
                }
                Op::Delete(index) if !guids.is_empty() => {
                    let guid = guids.remove(index.index(guids.len()));
                    mend.journal().delete_checkin(&guid).unwrap();
                }
                Op::Batch(entries) => {
                    let saved = mend.journal().add_checkins(entries.into_iter().map(|(d, b)| new(d, b)).collect());
                    guids.extend(saved.unwrap().into_iter().map(|c| c.guid));
                }
                Op::Dose(back, surgery) => {
                    let details = if surgery {
                        EventDetails::Surgery { keyhole: true }
                    } else {
                        EventDetails::Medication {
                            name: "misoprostol".into(),
                            dose: None,
                            medicine: Some(Medicine::Misoprostol),
                            route: Some(Route::ByMouth),
                        }
                    };
                    mend.journal().add_event(NewEvent { at: at(back), time_zone: None, details, note: None }).unwrap();
                }
                Op::Edit(..) | Op::Delete(_) => continue,
            }
            let after_write = mend.care().alert_records().unwrap();
            prop_assert!(mend.care().evaluate().unwrap().is_empty(), "a full evaluation changed what the write left");
            prop_assert_eq!(mend.care().alert_records().unwrap(), after_write);
        }
    }
}
