//! How sync reaches `mend-server`: the [`Transport`] trait, one HTTP exchange at a time. The core holds no HTTP
//! client (application-services' `viaduct` is the precedent): the phones implement it over their own stacks
//! (URLSession, `java.net.http`) through the bindings, the CLI and the Rust tests over reqwest. What the core asks
//! of a transport is small — send these bytes with these headers, give back the status and the body — and what
//! it decides itself stays here: which server addresses are allowed ([`check_server`]: `https://`, or plain
//! `http://` to this machine only) and what a failure means for the person ([`TransportError`]).

use std::future::Future;
use std::pin::Pin;

/// A boxed future a transport gives back (object-safe and `Send`, so any executor can drive it).
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// One HTTP request: method, the full URL, headers, and a body (empty for `GET`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpRequest {
    pub method: String,
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Whether sending it twice does no harm (a `GET`, or a write the server makes single-use): a transport may
    /// retry it after a lost reply; others it must send once.
    pub idempotent: bool,
}

/// One HTTP reply: status and body (headers are not needed: the protocol's replies say everything in the body).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpResponse {
    pub status: u16,
    pub body: Vec<u8>,
}

/// Why an exchange did not happen. Words are for people; none carries a body or a token.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransportError {
    /// No network, or the server could not be reached.
    #[error("the sync server could not be reached: {0}")]
    Offline(String),
    /// The server did not answer in time.
    #[error("the sync server took too long to answer")]
    Timeout,
    /// The secure connection could not be made (a certificate the device does not trust, say).
    #[error("a secure connection to the sync server could not be made: {0}")]
    Tls(String),
    /// The sync was cancelled.
    #[error("the sync was stopped")]
    Cancelled,
}

/// Sends HTTP requests for sync. Implementations must be safe to call from several tasks.
pub trait Transport: Send + Sync {
    /// Sends `request` and gives back the reply (any status), or why there was none.
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>>;
}

/// Why a server address is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ServerAddressError {
    #[error("the server address must start with https:// (or http:// for this computer only)")]
    Scheme,
    #[error("plain http:// is allowed only to this computer (localhost, 127.0.0.1 or ::1); use https://")]
    PlainToAnotherHost,
    #[error("the server address has no host")]
    NoHost,
}

/// The server's base URL, checked and without a trailing slash: `https://` anywhere, plain `http://` only to
/// loopback (a journal's ciphertext is safe on the wire, but its tokens and its timing are not).
pub fn check_server(url: &str) -> Result<String, ServerAddressError> {
    let url = url.trim().trim_end_matches('/');
    let (plain, rest) = if let Some(rest) = url.strip_prefix("https://") {
        (false, rest)
    } else if let Some(rest) = url.strip_prefix("http://") {
        (true, rest)
    } else {
        return Err(ServerAddressError::Scheme);
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let authority = authority.rsplit_once('@').map_or(authority, |(_, host)| host);
    let host = if let Some(bracketed) = authority.strip_prefix('[') {
        bracketed.split(']').next().unwrap_or_default()
    } else {
        authority.split(':').next().unwrap_or_default()
    };
    if host.is_empty() {
        return Err(ServerAddressError::NoHost);
    }
    if plain && !is_loopback(host) {
        return Err(ServerAddressError::PlainToAnotherHost);
    }
    Ok(url.to_owned())
}

fn is_loopback(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost") || host.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_anywhere_and_plain_http_only_to_this_computer() {
        assert_eq!(check_server("https://sync.example.org/").unwrap(), "https://sync.example.org");
        assert_eq!(check_server("http://127.0.0.1:8787").unwrap(), "http://127.0.0.1:8787");
        assert_eq!(check_server("http://localhost:1/").unwrap(), "http://localhost:1");
        assert_eq!(check_server("http://[::1]:9").unwrap(), "http://[::1]:9");
        assert_eq!(check_server("http://127.5.6.7").unwrap(), "http://127.5.6.7");
        assert_eq!(check_server("http://sync.example.org"), Err(ServerAddressError::PlainToAnotherHost));
        assert_eq!(check_server("http://10.0.0.1:80"), Err(ServerAddressError::PlainToAnotherHost));
        // A loopback name in the user part does not make another host loopback.
        assert_eq!(check_server("http://localhost@evil.example"), Err(ServerAddressError::PlainToAnotherHost));
        assert_eq!(check_server("http://127.0.0.1.evil.example"), Err(ServerAddressError::PlainToAnotherHost));
        assert_eq!(check_server("ftp://x"), Err(ServerAddressError::Scheme));
        assert_eq!(check_server("https:///journal"), Err(ServerAddressError::NoHost));
    }
}
