//! The report line: offered and achieved rate (answers over the time from the first send to the last answer),
//! p50/p99/max latency, the p99 of uploads alone, errors, server CPU-µs per request, and the machine's load average.

use crate::run::Outcome;

/// The `q` quantile (0..=1) of `values` in the same unit, 0 when empty.
pub fn percentile(values: &[f64], q: f64) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let rank = ((sorted.len() as f64 - 1.0) * q).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

/// One line for one measured rate.
pub fn line(rate: u32, outcome: &Outcome, server_cpu_micros: u64) -> String {
    let answered = outcome.latencies.len() as f64;
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    format!(
        "offered {rate}/s: achieved {:.0}/s, p50 {:.2} ms, p99 {:.2} ms, max {:.1} ms, upload p99 {:.2} ms, errors {} of {}, server {:.0} CPU-µs/request, load {}",
        answered / outcome.elapsed.as_secs_f64().max(0.001),
        percentile(&outcome.latencies, 0.5),
        percentile(&outcome.latencies, 0.99),
        percentile(&outcome.latencies, 1.0),
        percentile(&outcome.upload_latencies, 0.99),
        outcome.errors,
        outcome.sent,
        server_cpu_micros as f64 / answered.max(1.0),
        load.split_whitespace().take(3).collect::<Vec<_>>().join(" "),
    )
}

#[cfg(test)]
mod tests {
    use super::percentile;

    #[test]
    fn percentiles_pick_by_rank() {
        let values: Vec<f64> = (1..=100).map(f64::from).collect();
        assert_eq!(percentile(&values, 0.5), 51.0);
        assert_eq!(percentile(&values, 0.99), 99.0);
        assert_eq!(percentile(&values, 1.0), 100.0);
        assert_eq!(percentile(&[], 0.99), 0.0);
    }
}
