//! The open-loop driver: requests are scheduled at a fixed rate whatever the server does (a slow answer never
//! delays the next send), spread over the devices in turn; each latency is measured from its scheduled send time.

use std::time::{Duration, Instant};

use crate::fleet::Fleet;

/// What one run measured.
pub struct Outcome {
    /// Milliseconds from scheduled send to answer, for answered requests.
    pub latencies: Vec<f64>,
    /// The same for answered uploads only (a subset of `latencies`), so the tail can be told apart by kind.
    pub upload_latencies: Vec<f64>,
    pub errors: u64,
    pub sent: u64,
    /// From the first scheduled send to the last answer.
    pub elapsed: Duration,
}

/// Offers `rate` requests a second for `duration`; keeps results only when `measure` is set.
pub async fn drive(fleet: &Fleet, rate: u32, duration: Duration, measure: Option<()>) -> Outcome {
    let total = (u128::from(rate) * duration.as_millis() / 1000) as u64;
    let interval = Duration::from_secs_f64(1.0 / f64::from(rate.max(1)));
    let (sender, mut receiver) = tokio::sync::mpsc::unbounded_channel();
    let start = tokio::time::Instant::now();
    for k in 0..total {
        let scheduled = start + interval.mul_f64(k as f64);
        tokio::time::sleep_until(scheduled).await;
        let device = fleet.devices[(k as usize) % fleet.devices.len()].clone();
        let sender = sender.clone();
        let scheduled: Instant = scheduled.into_std();
        tokio::spawn(async move {
            let result = device.cycle().await;
            let _ = sender.send((scheduled.elapsed().as_secs_f64() * 1000.0, result));
        });
    }
    drop(sender);
    let mut outcome = Outcome {
        latencies: Vec::with_capacity(total as usize),
        upload_latencies: Vec::with_capacity(total as usize / 8),
        errors: 0,
        sent: total,
        elapsed: Duration::ZERO,
    };
    let mut first_error = None;
    while let Some((millis, result)) = receiver.recv().await {
        match result {
            Ok(upload) => {
                outcome.latencies.push(millis);
                if upload {
                    outcome.upload_latencies.push(millis);
                }
            }
            Err(error) => {
                outcome.errors += 1;
                first_error.get_or_insert(error);
            }
        }
    }
    outcome.elapsed = start.elapsed();
    if measure.is_none() {
        outcome.latencies.clear();
        outcome.upload_latencies.clear();
    }
    if let Some(error) = first_error {
        eprintln!("mend-load: {} errors at {rate}/s, the first: {error}", outcome.errors);
    }
    outcome
}
