//! One check-in write through the FFI-facing Rust API (`mend_ffi::Mend::add_checkin`, exactly what the Kotlin
//! and Swift bindings call), against the same write straight into the core. The Kotlin side of the comparison
//! is android/mendkit/src/bench/kotlin (the same check-in, the same journal set-up, timed with System.nanoTime);
//! `scripts/bench-bindings.sh` runs both and prints the ratio (goal: Kotlin ≤ 1.5x Rust).
//! Run: `cargo bench -p mend-ffi --bench checkin_write -- --warm-up-time 1 --measurement-time 3`.

use criterion::{Criterion, criterion_group, criterion_main};
use mend_core::fixtures::utc;
use mend_core::journal::{
    Bleeding, CheckInData, Clots, Feeling, LossKind, Management, NewCheckIn, NewLoss, PainScores, ProfileInput,
};
use mend_ffi::{Mend, OpenOptions};
use std::hint::black_box;

/// The check-in both sides write (keep in step with CheckinWriteBench.kt).
fn checkin() -> NewCheckIn {
    NewCheckIn {
        at: None,
        time_zone: None,
        data: CheckInData {
            bleeding: Some(Bleeding::Light),
            pads_per_hour: Some(0.5),
            clots: Some(Clots::Small),
            pain: PainScores { cramps: Some(4), back: Some(2), ..Default::default() },
            temperature_c: Some(37.2),
            mood: Some(4),
            feelings: vec![Feeling::Grief, Feeling::Numbness],
            sleep_hours: Some(6.5),
            energy: Some(3),
            note: Some("Walked to the shop and back. Tired but okay.".into()),
            ..Default::default()
        },
    }
}

/// The journal both sides write into: Dublin, a loss on 2026-05-01 (as in the Kotlin benchmark).
fn profile() -> ProfileInput {
    ProfileInput {
        region: Some("IE".into()),
        time_zone: "Europe/Dublin".into(),
        discreet_notifications: true,
        unit_number: None,
        own_emergency_number: None,
        own_crisis_number: None,
        mood_screens: None,
        rhd: None,
    }
}

fn loss() -> NewLoss {
    NewLoss {
        loss_date: chrono::NaiveDate::from_ymd_opt(2026, 5, 1).unwrap(),
        weeks: 8,
        kind: LossKind::Miscarriage,
        management: Some(Management::Expectant),
        due_date: None,
        loss_at: None,
    }
}

fn bench(c: &mut Criterion) {
    let now = utc(2026, 5, 13, 20, 0);
    let input = checkin();
    let dir = tempfile::tempdir().unwrap();
    let mut group = c.benchmark_group("checkin_write");

    let ffi = Mend::open(dir.path().join("ffi").display().to_string(), OpenOptions { fixed_now: Some(now) }).unwrap();
    ffi.set_up(profile(), loss()).unwrap();
    group.bench_function("ffi_api", |b| b.iter(|| black_box(ffi.add_checkin(input.clone()).unwrap())));

    let options = mend_core::OpenOptions { clock: mend_core::Clock::Fixed(now) };
    let core = mend_core::Mend::open(dir.path().join("core"), options).unwrap();
    core.journal().set_up(profile(), loss()).unwrap();
    group.bench_function("core", |b| b.iter(|| black_box(core.journal().add_checkin(input.clone()).unwrap())));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
