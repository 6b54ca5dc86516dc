//! The CLI's sync transport: the core's [`Transport`] over reqwest, with rustls on `ring` and the system's
//! trusted roots (plus one extra PEM root from `MEND_SYNC_CA_FILE`, for a server with a private certificate).
//! One client per command, so requests share a keep-alive connection; replies may be gzip-compressed; a request
//! that takes longer than 30 seconds is a timeout. Requests the core marks idempotent are retried after a lost
//! reply, a 5xx or a 429, up to three more times, with exponential backoff and jitter; others are sent once.
//! Which server addresses are allowed is the core's decision (`https://`, or `http://` to this computer only).

use std::time::Duration;

use mend_core::sync::transport::BoxFuture;
use mend_core::sync::{HttpRequest, HttpResponse, Transport, TransportError};

use crate::output::CliError;

/// reqwest behind the core's [`Transport`].
pub struct HttpTransport {
    client: reqwest::Client,
}

/// Retries of an idempotent request after the first try.
const RETRIES: u32 = 3;

impl HttpTransport {
    pub fn new() -> Result<HttpTransport, CliError> {
        let mut builder = reqwest::Client::builder()
            .use_rustls_tls()
            .timeout(Duration::from_secs(30))
            .connect_timeout(Duration::from_secs(10))
            .pool_idle_timeout(Duration::from_secs(90))
            .user_agent(concat!("mend/", env!("CARGO_PKG_VERSION")))
            .redirect(reqwest::redirect::Policy::none());
        if let Some(path) = std::env::var_os("MEND_SYNC_CA_FILE") {
            let pem = std::fs::read(&path)
                .map_err(|_| CliError::usage("MEND_SYNC_CA_FILE: the certificate file could not be read"))?;
            let root = reqwest::Certificate::from_pem(&pem)
                .map_err(|_| CliError::usage("MEND_SYNC_CA_FILE: not a PEM certificate"))?;
            builder = builder.add_root_certificate(root);
        }
        let client = builder.build().map_err(|_| CliError::failure("secure connections could not be set up"))?;
        Ok(HttpTransport { client })
    }

    async fn once(&self, request: &HttpRequest) -> Result<HttpResponse, TransportError> {
        let method = reqwest::Method::from_bytes(request.method.as_bytes())
            .map_err(|_| TransportError::Offline("a request could not be made".into()))?;
        let mut builder = self.client.request(method, &request.url);
        for (name, value) in &request.headers {
            builder = builder.header(name, value);
        }
        if !request.body.is_empty() {
            builder = builder.body(request.body.clone());
        }
        let response = builder.send().await.map_err(failure)?;
        let status = response.status().as_u16();
        let body = response.bytes().await.map_err(failure)?.to_vec();
        Ok(HttpResponse { status, body })
    }
}

impl Transport for HttpTransport {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        Box::pin(async move {
            let tries = if request.idempotent { RETRIES + 1 } else { 1 };
            let mut attempt = 0;
            loop {
                attempt += 1;
                let result = self.once(&request).await;
                let again = match &result {
                    Ok(reply) => reply.status >= 500 || reply.status == 429,
                    Err(TransportError::Tls(_)) => false,
                    Err(_) => true,
                };
                if !again || attempt >= tries {
                    return result;
                }
                tokio::time::sleep(backoff(attempt)).await;
            }
        })
    }
}

/// 250 ms doubling per attempt, plus up to as much again at random (so many clients do not retry in step).
fn backoff(attempt: u32) -> Duration {
    let base = 250u64 << (attempt - 1).min(6);
    let jitter = u64::from(u16::from_le_bytes(mend_core::crypto::random::<2>())) % base;
    Duration::from_millis(base + jitter)
}

/// What a failed exchange means, in words that carry no URL or body.
fn failure(error: reqwest::Error) -> TransportError {
    if error.is_timeout() {
        return TransportError::Timeout;
    }
    let mut source: Option<&dyn std::error::Error> = Some(&error);
    while let Some(cause) = source {
        let text = cause.to_string().to_ascii_lowercase();
        if text.contains("certificate") || text.contains("tls") || text.contains("handshake") {
            return TransportError::Tls("the server's certificate is not trusted here".into());
        }
        source = cause.source();
    }
    if error.is_connect() {
        TransportError::Offline("no connection (check the address and the network)".into())
    } else {
        TransportError::Offline("the connection was lost".into())
    }
}

/// Runs `work` on a one-thread runtime (a command does one sync at a time).
pub fn block_on<F: std::future::Future>(work: F) -> Result<F::Output, CliError> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|_| CliError::failure("sync could not start (no threads or timers available)"))?;
    Ok(runtime.block_on(work))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_with_jitter_below_the_next_step() {
        for attempt in 1..=4 {
            let base = 250u64 << (attempt - 1);
            let wait = backoff(attempt).as_millis() as u64;
            assert!((base..2 * base).contains(&wait), "attempt {attempt}: {wait} ms");
        }
    }
}
