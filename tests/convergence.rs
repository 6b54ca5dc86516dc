//! Convergence of sync (issue 16, item 8): two to four devices on one account make random creates, edits
//! (notes included) and deletes of check-ins and events offline, and sync in random order — one at a time, or two
//! at once in a precondition race — through transports that lose requests, lose replies after the server
//! committed, answer 503, and give earlier record pages again (duplicated and reordered replies), and syncs are
//! cancelled part way; one device in some cases runs a day fast. Then fault-free rounds until every device says
//! `synced`, and [`mend_e2e::devices::Fleet::check`]: every export the same, and every change the merge rule
//! keeps is there.
//!
//! The property tests run 24 cases (and 12 with tombstone purges) by default, well under a minute on two slow
//! cores. For a longer run: `PROPTEST_CASES=500 cargo test -p mend-e2e --test convergence -- --nocapture` (each
//! property then runs 500 cases; the counts of the faults that fired are printed at the end; 1,000 cases of the
//! first took about 6 minutes here). A failing case prints its plan, which replays it: the transports' faults are
//! drawn from the plan's seed.
//!
//! The tests of the test show the checker fails when a device diverges, when a merge drops one side of a note,
//! when it lets the older edit win, and when a deleted row comes back (each a deliberately wrong merge applied
//! with SQL after the real one — on every device alike, except the divergence — never a hook in the core).

use mend_e2e::devices::{Entry, Fleet};
use mend_e2e::faults::{Counts, Faults, Forced};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

const NO_HORIZON: std::time::Duration = std::time::Duration::from_secs(180 * 24 * 3600);

/// One step of a plan. Device numbers and row picks are reduced modulo what exists when the step runs.
#[derive(Debug, Clone)]
enum Step {
    Create {
        device: usize,
        event: bool,
    },
    Edit {
        device: usize,
        pick: usize,
        field: usize,
    },
    Delete {
        device: usize,
        pick: usize,
    },
    Sync {
        device: usize,
        allow_deletions: bool,
    },
    /// Two devices sync at once; with `conflict`, both first edit one row they both hold (so the race meets a
    /// precondition that fails).
    Race {
        a: usize,
        b: usize,
        conflict: Option<(usize, usize)>,
    },
    /// The server purges its tombstones (as past the horizon): devices behind reconcile in full.
    Purge,
}

#[derive(Debug, Clone)]
struct Plan {
    fast: Vec<bool>,
    seed: u64,
    faults: Faults,
    steps: Vec<Step>,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        2 => (0..4usize, any::<bool>()).prop_map(|(device, event)| Step::Create { device, event }),
        5 => (0..4usize, any::<usize>(), 0..3usize).prop_map(|(device, pick, field)| Step::Edit { device, pick, field }),
        1 => (0..4usize, any::<usize>()).prop_map(|(device, pick)| Step::Delete { device, pick }),
        4 => (0..4usize, any::<bool>()).prop_map(|(device, allow_deletions)| Step::Sync { device, allow_deletions }),
        3 => (0..4usize, 1..4usize, proptest::option::weighted(0.8, (any::<usize>(), 0..3usize)))
            .prop_map(|(a, b, conflict)| Step::Race { a, b, conflict }),
    ]
}

fn step_or_purge() -> impl Strategy<Value = Step> {
    prop_oneof![8 => step(), 1 => Just(Step::Purge)]
}

fn plan() -> impl Strategy<Value = Plan> {
    plan_of(step().boxed())
}

fn plan_of(step: BoxedStrategy<Step>) -> impl Strategy<Value = Plan> {
    (
        proptest::collection::vec(prop::bool::weighted(0.3), 2..=4),
        any::<u64>(),
        (0..20u8, 0..20u8, 0..15u8, 0..30u8, 0..4u8),
        proptest::collection::vec(step, 10..=40),
    )
        .prop_map(|(fast, seed, (lost_request, lost_reply, unavailable, replay, cancel), steps)| Plan {
            fast,
            seed,
            faults: Faults { lost_request, lost_reply, unavailable, replay, cancel },
            steps,
        })
}

/// Runs `plan` and gives the fleet for checking.
fn run(plan: &Plan) -> Fleet {
    let mut fleet = Fleet::new(&plan.fast, plan.seed, NO_HORIZON);
    fleet.set_faults(plan.faults);
    let n = fleet.devices.len();
    for step in &plan.steps {
        match *step {
            Step::Create { device, event } => {
                fleet.create(device % n, if event { Entry::Event } else { Entry::CheckIn });
            }
            Step::Edit { device, pick, field } => {
                let rows = fleet.live_rows(device % n);
                if !rows.is_empty() {
                    let (guid, _) = rows[pick % rows.len()].clone();
                    fleet.edit(device % n, &guid, field);
                }
            }
            Step::Delete { device, pick } => {
                let rows = fleet.live_rows(device % n);
                if !rows.is_empty() {
                    let (guid, _) = rows[pick % rows.len()].clone();
                    fleet.delete(device % n, &guid);
                }
            }
            // Failures are the point: the sync resumes next time.
            Step::Sync { device, allow_deletions } => {
                let _ = fleet.sync(device % n, allow_deletions);
            }
            Step::Race { a, b, conflict } => {
                let (a, b) = (a % n, (a + b) % n);
                if a == b {
                    continue;
                }
                if let Some((pick, field)) = conflict {
                    let theirs = fleet.live_rows(b);
                    let shared: Vec<_> = fleet.live_rows(a).into_iter().filter(|r| theirs.contains(r)).collect();
                    if !shared.is_empty() {
                        let (guid, _) = shared[pick % shared.len()].clone();
                        fleet.edit(a, &guid, field);
                        fleet.edit(b, &guid, field + pick);
                    }
                }
                let _ = fleet.race(a, b, true);
            }
            Step::Purge => {
                fleet.purge();
            }
        }
    }
    fleet
}

/// Runs, settles and checks `plan`.
fn converges(plan: &Plan) -> Result<Counts, String> {
    let mut fleet = run(plan);
    let counts = fleet.counts();
    fleet.settle(8)?;
    fleet.check()?;
    Ok(counts)
}

/// Runs `cases` cases of `plans` (`PROPTEST_CASES` overrides), printing the faults that fired.
fn property(plans: impl Strategy<Value = Plan>, cases: u32) {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(cases);
    let config = Config { cases, failure_persistence: None, max_shrink_iters: 64, ..Config::default() };
    let mut runner = TestRunner::new(config);
    let total = std::sync::Mutex::new(Counts::default());
    let result = runner.run(&plans, |plan| {
        let counts = converges(&plan).map_err(TestCaseError::fail)?;
        total.lock().unwrap().add(&counts);
        Ok(())
    });
    eprintln!("faults that fired over {cases} cases: {:?}", total.lock().unwrap());
    if let Err(failure) = result {
        panic!("{failure}");
    }
}

#[test]
fn devices_converge_and_keep_every_change_the_merge_rule_keeps() {
    property(plan(), 24);
}

/// The same with the server purging its tombstones now and then: devices whose cursor is behind reconcile in
/// full, and still converge without bringing back a deleted row or losing a kept change.
#[test]
fn devices_converge_across_tombstone_purges() {
    property(plan_of(step_or_purge().boxed()), 12);
}

/// Fixed plans with every fault at a high rate, run seed after seed (each must converge) until each kind of
/// fault has really fired (the counts say so): at most 12 seeds.
#[test]
fn every_fault_fires_and_the_devices_still_converge() {
    let mut steps = Vec::new();
    for round in 0..6 {
        for device in 0..3 {
            steps.push(Step::Create { device, event: round % 2 == 1 });
            steps.push(Step::Edit { device, pick: round + device, field: round });
            steps.push(Step::Edit { device, pick: round, field: 2 });
        }
        steps.push(Step::Delete { device: round % 3, pick: round * 7 });
        steps.push(Step::Race { a: round % 3, b: 1, conflict: Some((round, round)) });
        for device in 0..3 {
            steps.push(Step::Sync { device, allow_deletions: true });
            steps.push(Step::Sync { device, allow_deletions: true });
        }
    }
    let all_fired = |c: &Counts| {
        c.lost_requests > 0
            && c.lost_commits > 0
            && c.unavailable > 0
            && c.duplicated > 0
            && c.reordered > 0
            && c.refused_batches > 0
            && c.cancelled > 0
    };
    let mut total = Counts::default();
    for seed in 0..12 {
        let plan = Plan {
            fast: vec![false, true, false],
            seed,
            faults: Faults { lost_request: 12, lost_reply: 12, unavailable: 10, replay: 25, cancel: 2 },
            steps: steps.clone(),
        };
        let counts = converges(&plan).unwrap_or_else(|e| panic!("{e}\nplan: {plan:?}"));
        total.add(&counts);
        if all_fired(&total) {
            break;
        }
    }
    eprintln!("{total:?}");
    // A reply lost after the server committed an upload; a precondition race refused; pages duplicated and
    // reordered; requests lost; 503s; syncs cancelled.
    assert!(all_fired(&total), "{total:?}");
}

/// Two devices in sync on one check-in, fault-free: gives the fleet and the check-in's guid.
fn two_in_sync() -> (Fleet, String) {
    let mut fleet = Fleet::new(&[false, false], 1, NO_HORIZON);
    let guid = fleet.create(0, Entry::CheckIn);
    fleet.settle(4).unwrap();
    (fleet, guid)
}

#[test]
fn the_checker_fails_when_a_device_diverges() {
    let (mut fleet, guid) = two_in_sync();
    fleet.edit(1, &guid, 0);
    fleet.settle(4).unwrap();
    fleet.check().expect("the real engine converges");
    // One device's row changed behind sync's back (not counted as a change, so it never goes up).
    fleet.devices[1].sql().execute("UPDATE checkins SET energy = energy + 1 WHERE guid = ?1", [&guid]).unwrap();
    let failure = fleet.check().expect_err("the checker must see the divergence");
    assert!(failure.starts_with("divergence"), "{failure}");
}

#[test]
fn the_checker_fails_when_a_merge_drops_one_side_of_a_note() {
    let (mut fleet, guid) = two_in_sync();
    // Both devices change the note offline: the merge rule keeps both versions.
    fleet.edit(0, &guid, 2);
    fleet.edit(1, &guid, 2);
    fleet.settle(4).unwrap();
    fleet.check().expect("the real engine keeps both versions");
    // A wrong merge — the later version whole — applied on every device alike: still converged, but a note lost.
    for device in &fleet.devices {
        device
            .sql()
            .execute(
                "UPDATE checkins SET note = substr(note, instr(note, char(10) || char(10)) + 2) WHERE guid = ?1",
                [&guid],
            )
            .unwrap();
    }
    let failure = fleet.check().expect_err("the checker must see the lost words");
    assert!(failure.starts_with("lost words"), "{failure}");
}

#[test]
fn the_checker_fails_when_a_merge_lets_the_older_edit_win() {
    let (mut fleet, guid) = two_in_sync();
    // Both devices change the mood offline, device 1 later: the later clock wins.
    fleet.edit(0, &guid, 0);
    let older = fleet.devices[0].mend.journal().checkin(&guid).unwrap().unwrap().data.mood;
    fleet.edit(1, &guid, 0);
    fleet.settle(4).unwrap();
    fleet.check().expect("the real engine keeps the later edit");
    // A wrong merge — the older edit wins — on every device alike.
    for device in &fleet.devices {
        device.sql().execute("UPDATE checkins SET mood = ?1 WHERE guid = ?2", (older, &guid)).unwrap();
    }
    let failure = fleet.check().expect_err("the checker must see the lost edit");
    assert!(failure.starts_with("lost edit"), "{failure}");
}

#[test]
fn the_checker_fails_when_a_deleted_row_comes_back() {
    let (mut fleet, guid) = two_in_sync();
    fleet.delete(0, &guid);
    fleet.settle(4).unwrap();
    fleet.check().expect("the deletion reaches every device");
    for device in &fleet.devices {
        device.sql().execute("UPDATE checkins SET deleted = 0, mood = 3 WHERE guid = ?1", [&guid]).unwrap();
    }
    let failure = fleet.check().expect_err("the checker must see the row back");
    assert!(failure.starts_with("deleted row back"), "{failure}");
}

/// The race a [`Step::Race`] sets up: one device's upload meets the version the other has just written, is
/// refused, merged and sent again; both edits survive.
#[test]
fn a_precondition_race_is_refused_merged_and_sent_again() {
    let (mut fleet, guid) = two_in_sync();
    fleet.edit(0, &guid, 2);
    fleet.edit(1, &guid, 0);
    let (a, b) = fleet.race(0, 1, true);
    a.expect("device 0 syncs");
    b.expect("device 1 syncs");
    let counts = fleet.counts();
    assert_eq!(counts.refused_batches, 1, "{counts:?}");
    fleet.settle(4).unwrap();
    fleet.check().unwrap();
}

/// Clocks a day apart: a device whose clock runs a day fast makes the later change even when it edits first,
/// so its value wins a conflict on the same field (the later clock wins), and the check agrees.
#[test]
fn a_device_a_day_fast_wins_a_conflict_it_made_first() {
    let mut fleet = Fleet::new(&[true, false], 3, NO_HORIZON);
    let guid = fleet.create(1, Entry::CheckIn);
    fleet.settle(4).unwrap();
    fleet.edit(0, &guid, 1);
    let fast = fleet.devices[0].mend.journal().checkin(&guid).unwrap().unwrap().data.energy;
    std::thread::sleep(std::time::Duration::from_millis(5));
    fleet.edit(1, &guid, 1);
    let (first, second) = (&fleet.ops[fleet.ops.len() - 2], &fleet.ops[fleet.ops.len() - 1]);
    assert!(first.clock > second.clock, "the fast device's clock is ahead: {} and {}", first.clock, second.clock);
    let day = 24 * 60 * 60 * 1000;
    assert!(first.clock.millis >= second.clock.millis + day - 1_000, "{} and {}", first.clock, second.clock);
    fleet.settle(4).unwrap();
    for device in 0..2 {
        let energy = fleet.devices[device].mend.journal().checkin(&guid).unwrap().unwrap().data.energy;
        assert_eq!(energy, fast, "device {device}");
    }
    fleet.check().unwrap();
}

/// A device's first upload of a row it made is committed but the reply is lost, so it never learns the server
/// has the row; it edits one field, another device edits another, and the first downloads that version. Each side
/// changed one field since the row was made: both changes stay (the merge needs what was sent as its base).
#[test]
fn an_edit_after_a_lost_reply_to_the_first_upload_survives() {
    let mut fleet = Fleet::new(&[false, false], 5, NO_HORIZON);
    fleet.settle(2).unwrap();
    let guid = fleet.create(0, Entry::CheckIn);
    fleet.devices[0].transport.force_next("POST", "/v1/records", Forced::LostReply);
    assert!(fleet.sync(0, false).is_err(), "the reply was lost");
    assert_eq!(fleet.devices[0].transport.counts().lost_commits, 1, "the server committed the upload");
    fleet.edit(0, &guid, 1);
    let energy = fleet.devices[0].mend.journal().checkin(&guid).unwrap().unwrap().data.energy;
    fleet.sync(1, false).unwrap();
    fleet.edit(1, &guid, 0);
    let mood = fleet.devices[1].mend.journal().checkin(&guid).unwrap().unwrap().data.mood;
    fleet.sync(1, false).unwrap();
    fleet.settle(4).unwrap();
    for device in 0..2 {
        let data = fleet.devices[device].mend.journal().checkin(&guid).unwrap().unwrap().data;
        assert_eq!((data.energy, data.mood), (energy, mood), "device {device} has both edits");
    }
    fleet.check().unwrap();
}

/// A row both devices hold. The first edits a field and uploads it; the server commits, but the reply is lost. It
/// edits that field again. The second device downloads the committed version, then edits another field (later
/// than the first device's second edit) and uploads. When the first device downloads that version, its second
/// edit stays: the other device never changed that field, it only carried what the first had sent. (The mirror
/// still holds the version before the lost upload; what was sent is the other base the merge needs.)
#[test]
fn an_edit_after_a_lost_reply_to_a_later_upload_survives() {
    let mut fleet = Fleet::new(&[false, false], 7, NO_HORIZON);
    let guid = fleet.create(0, Entry::CheckIn);
    fleet.settle(4).unwrap();
    fleet.edit(0, &guid, 1);
    fleet.devices[0].transport.force_next("POST", "/v1/records", Forced::LostReply);
    assert!(fleet.sync(0, false).is_err(), "the reply was lost");
    assert_eq!(fleet.devices[0].transport.counts().lost_commits, 1, "the server committed the upload");
    fleet.edit(0, &guid, 1);
    let energy = fleet.devices[0].mend.journal().checkin(&guid).unwrap().unwrap().data.energy;
    std::thread::sleep(std::time::Duration::from_millis(5));
    fleet.sync(1, false).unwrap();
    fleet.edit(1, &guid, 0);
    let mood = fleet.devices[1].mend.journal().checkin(&guid).unwrap().unwrap().data.mood;
    fleet.sync(1, false).unwrap();
    fleet.settle(4).unwrap();
    for device in 0..2 {
        let data = fleet.devices[device].mend.journal().checkin(&guid).unwrap().unwrap().data;
        assert_eq!((data.energy, data.mood), (energy, mood), "device {device} has both later edits");
    }
    fleet.check().unwrap();
}
