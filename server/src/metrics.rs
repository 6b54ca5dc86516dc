//! Prometheus metrics in the text exposition format: requests by route template and status, latency histograms by
//! route, bytes in and out, records written and read, refusals by code. No label ever names an account, a
//! device, a mailbox or an address.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

const BUCKETS_MS: [f64; 12] = [0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 500.0, 1000.0, 5000.0];

#[derive(Default)]
struct Histogram {
    buckets: [u64; BUCKETS_MS.len()],
    count: u64,
    sum_ms: f64,
}

/// The process's metrics.
#[derive(Default)]
pub struct Metrics {
    requests: Mutex<BTreeMap<(String, String, u16), u64>>,
    latency: Mutex<BTreeMap<String, Histogram>>,
    refusals: Mutex<BTreeMap<String, u64>>,
    pub bytes_in: AtomicU64,
    pub bytes_out: AtomicU64,
    pub records_written: AtomicU64,
    pub records_read: AtomicU64,
    pub tombstones_purged: AtomicU64,
}

impl Metrics {
    /// Counts one request to a route template (never a concrete path: those carry ids).
    pub fn request(&self, method: &str, route: &str, status: u16, millis: f64) {
        let mut requests = self.requests.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        *requests.entry((method.to_owned(), route.to_owned(), status)).or_default() += 1;
        drop(requests);
        let mut latency = self.latency.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let histogram = latency.entry(route.to_owned()).or_default();
        for (bucket, bound) in histogram.buckets.iter_mut().zip(BUCKETS_MS) {
            if millis <= bound {
                *bucket += 1;
            }
        }
        histogram.count += 1;
        histogram.sum_ms += millis;
    }

    /// Counts one refusal by its code's name.
    pub fn refusal(&self, code: &str) {
        let mut refusals = self.refusals.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        *refusals.entry(code.to_owned()).or_default() += 1;
    }

    /// The exposition text.
    pub fn render(&self) -> String {
        let mut out = String::new();
        out.push_str("# TYPE mend_requests_total counter\n");
        for ((method, route, status), count) in self.requests.lock().unwrap_or_else(|p| p.into_inner()).iter() {
            let _ = writeln!(
                out,
                "mend_requests_total{{method=\"{method}\",route=\"{route}\",status=\"{status}\"}} {count}"
            );
        }
        out.push_str("# TYPE mend_request_duration_ms histogram\n");
        for (route, histogram) in self.latency.lock().unwrap_or_else(|p| p.into_inner()).iter() {
            for (count, bound) in histogram.buckets.iter().zip(BUCKETS_MS) {
                let _ = writeln!(out, "mend_request_duration_ms_bucket{{route=\"{route}\",le=\"{bound}\"}} {count}");
            }
            let _ =
                writeln!(out, "mend_request_duration_ms_bucket{{route=\"{route}\",le=\"+Inf\"}} {}", histogram.count);
            let _ = writeln!(out, "mend_request_duration_ms_sum{{route=\"{route}\"}} {}", histogram.sum_ms);
            let _ = writeln!(out, "mend_request_duration_ms_count{{route=\"{route}\"}} {}", histogram.count);
        }
        out.push_str("# TYPE mend_refusals_total counter\n");
        for (code, count) in self.refusals.lock().unwrap_or_else(|p| p.into_inner()).iter() {
            let _ = writeln!(out, "mend_refusals_total{{code=\"{code}\"}} {count}");
        }
        for (name, value) in [
            ("mend_request_bytes_total", &self.bytes_in),
            ("mend_response_bytes_total", &self.bytes_out),
            ("mend_records_written_total", &self.records_written),
            ("mend_records_read_total", &self.records_read),
            ("mend_tombstones_purged_total", &self.tombstones_purged),
        ] {
            let _ = writeln!(out, "# TYPE {name} counter\n{name} {}", value.load(Ordering::Relaxed));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_land_in_their_buckets() {
        let metrics = Metrics::default();
        metrics.request("GET", "/v1/records", 200, 3.0);
        metrics.request("GET", "/v1/records", 200, 30.0);
        let text = metrics.render();
        assert!(text.contains("mend_requests_total{method=\"GET\",route=\"/v1/records\",status=\"200\"} 2"));
        assert!(text.contains("mend_request_duration_ms_bucket{route=\"/v1/records\",le=\"5\"} 1"));
        assert!(text.contains("mend_request_duration_ms_bucket{route=\"/v1/records\",le=\"50\"} 2"));
    }
}
