//! The server's settings: where it listens, which database, registration, the tombstone horizon, and every limit
//! (with the defaults documented in docs/server.md). Parsed from the command line in `main.rs`.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

/// Which database holds the server's data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Backend {
    /// An SQLite file (`mend-server.sqlite3` in the data directory).
    Sqlite(PathBuf),
    /// A PostgreSQL connection string (`postgres://…` or `host=/run/postgresql user=…`).
    Postgres(String),
}

/// Who may create accounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Registration {
    /// Anyone (within the per-address daily limit).
    Open,
    /// Only with a token the operator issued (`mend-server issue-token`).
    Token,
}

/// The limits every request is held to; each refusal is a typed error naming it.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Largest request body, bytes.
    pub max_body: usize,
    /// Largest record body, bytes.
    pub max_record: usize,
    /// Most records in one batch.
    pub max_batch: usize,
    /// Most records in one page.
    pub max_page: u32,
    /// Largest mailbox message, bytes.
    pub max_mailbox_message: usize,
    /// Most messages one mailbox holds.
    pub mailbox_messages: u64,
    /// Largest group write (pack or charter), bytes.
    pub max_group_write: usize,
    /// Bytes of record bodies one account may hold.
    pub account_quota: u64,
    /// Bytes of record bodies and group writes the whole server may hold ("server full" past it).
    pub storage_cap: u64,
    /// Requests a minute one account may make (counted per process).
    pub account_per_minute: u32,
    /// Requests a minute one client address may make (counted per process).
    pub address_per_minute: u32,
    /// Accounts one client address may create a day (counted per process).
    pub accounts_per_address_per_day: u32,
    /// Longest a request may take.
    pub request_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_body: 4 * 1024 * 1024,
            max_record: 64 * 1024,
            max_batch: 500,
            max_page: 500,
            max_mailbox_message: 64 * 1024,
            mailbox_messages: 64,
            max_group_write: 1024 * 1024,
            account_quota: 256 * 1024 * 1024,
            storage_cap: 64 * 1024 * 1024 * 1024,
            account_per_minute: 600,
            address_per_minute: 1200,
            accounts_per_address_per_day: 20,
            request_timeout: Duration::from_secs(30),
        }
    }
}

/// Everything the server needs to run.
#[derive(Debug, Clone)]
pub struct Config {
    pub listen: SocketAddr,
    pub backend: Backend,
    pub registration: Registration,
    /// How long tombstones are kept before they are purged.
    pub tombstone_horizon: Duration,
    pub limits: Limits,
    /// PEM certificate chain and private key to serve HTTPS with (rustls); plain HTTP without.
    pub tls: Option<(PathBuf, PathBuf)>,
}

impl Config {
    /// The defaults, on an SQLite file at `path`, listening on `listen`.
    pub fn sqlite(path: PathBuf, listen: SocketAddr) -> Self {
        Config {
            listen,
            backend: Backend::Sqlite(path),
            registration: Registration::Open,
            tombstone_horizon: Duration::from_secs(180 * 24 * 3600),
            limits: Limits::default(),
            tls: None,
        }
    }
}

/// Parses a duration such as `180d`, `12h`, `30m`, `5s` or `2` (seconds).
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let (number, unit) = match text.find(|c: char| !c.is_ascii_digit()) {
        Some(at) => text.split_at(at),
        None => (text, "s"),
    };
    let number: u64 = number.parse().map_err(|_| format!("`{text}` is not a duration like 180d, 12h, 30m or 5s"))?;
    let seconds = match unit {
        "s" => 1,
        "m" => 60,
        "h" => 3600,
        "d" => 86_400,
        _ => return Err(format!("`{text}`: the unit must be s, m, h or d")),
    };
    Ok(Duration::from_secs(number.saturating_mul(seconds)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_parse_with_units_and_refuse_others() {
        assert_eq!(parse_duration("180d").unwrap(), Duration::from_secs(180 * 86_400));
        assert_eq!(parse_duration("2").unwrap(), Duration::from_secs(2));
        assert_eq!(parse_duration("3m").unwrap(), Duration::from_secs(180));
        assert!(parse_duration("3w").is_err());
        assert!(parse_duration("d").is_err());
    }
}
