//! Rate limits, counted per process (several processes behind a load balancer each count their own, as
//! docs/server.md says): requests per minute per account and per client address, and accounts created per
//! address per day. Addresses are held in memory only, never stored, logged or exported.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;

use mend_protocol::ErrorCode;

use crate::error::ApiError;

/// Fixed windows of counts per key.
struct Windows<K> {
    counts: HashMap<K, (i64, u32)>,
}

impl<K> Default for Windows<K> {
    fn default() -> Self {
        Windows { counts: HashMap::new() }
    }
}

impl<K: std::hash::Hash + Eq> Windows<K> {
    /// Counts one event for `key` in the window `window`; false if that passes `limit`.
    fn hit(&mut self, key: K, window: i64, limit: u32) -> bool {
        if self.counts.len() > 100_000 {
            self.counts.retain(|_, (seen, _)| *seen == window);
        }
        let entry = self.counts.entry(key).or_insert((window, 0));
        if entry.0 != window {
            *entry = (window, 0);
        }
        if entry.1 >= limit {
            return false;
        }
        entry.1 += 1;
        true
    }
}

/// The process's rate limiter.
#[derive(Default)]
pub struct Limiter {
    accounts: Mutex<Windows<Vec<u8>>>,
    addresses: Mutex<Windows<IpAddr>>,
    registrations: Mutex<Windows<IpAddr>>,
}

fn refuse(window_secs: i64, now: i64) -> ApiError {
    let retry = (window_secs - now.rem_euclid(window_secs)).max(1) as u32;
    ApiError::new(ErrorCode::RateLimited { retry_after_secs: retry }, "too many requests; try again shortly")
}

impl Limiter {
    /// One request by an account.
    pub fn account(&self, account_id: &[u8], per_minute: u32) -> Result<(), ApiError> {
        let now = crate::app::now();
        let mut windows = self.accounts.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if windows.hit(account_id.to_vec(), now / 60, per_minute) { Ok(()) } else { Err(refuse(60, now)) }
    }

    /// One request from an address.
    pub fn address(&self, address: IpAddr, per_minute: u32) -> Result<(), ApiError> {
        let now = crate::app::now();
        let mut windows = self.addresses.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if windows.hit(address, now / 60, per_minute) { Ok(()) } else { Err(refuse(60, now)) }
    }

    /// One account created from an address.
    pub fn registration(&self, address: IpAddr, per_day: u32) -> Result<(), ApiError> {
        let now = crate::app::now();
        let mut windows = self.registrations.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if windows.hit(address, now / 86_400, per_day) { Ok(()) } else { Err(refuse(86_400, now)) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_window_allows_its_limit_then_refuses_until_the_next() {
        let mut windows = Windows::default();
        assert!(windows.hit("a", 1, 2));
        assert!(windows.hit("a", 1, 2));
        assert!(!windows.hit("a", 1, 2));
        assert!(windows.hit("b", 1, 2));
        assert!(windows.hit("a", 2, 2));
    }
}
