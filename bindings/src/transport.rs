//! The HTTP transport the apps give sync: a foreign `SyncTransport` (MendKit implements it over URLSession,
//! mendkit over the platform's HTTP client) adapted to the core's [`Transport`]. The phone library carries no
//! HTTP or TLS stack of its own; this file only converts requests, replies and failures.

use std::sync::Arc;

use mend_core::sync::transport::BoxFuture;
use mend_core::sync::{HttpRequest, HttpResponse, Transport, TransportError};

/// One header of a request.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SyncHeader {
    pub name: String,
    pub value: String,
}

/// One HTTP request sync asks the app to send: method, full URL, headers and body (empty for `GET`).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SyncHttpRequest {
    pub method: String,
    pub url: String,
    pub headers: Vec<SyncHeader>,
    pub body: Vec<u8>,
    /// Whether sending it twice does no harm: the app may retry it after a lost reply; others it sends once.
    pub idempotent: bool,
}

/// The server's reply: its status (any, 4xx and 5xx included) and body.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SyncHttpResponse {
    pub status: u16,
    pub body: Vec<u8>,
}

/// Why a request got no reply. `reason` is the platform's short description; never a body or a header.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum TransportFailure {
    /// No network, or the server could not be reached.
    #[error("{reason}")]
    Offline { reason: String },
    /// The server did not answer in time.
    #[error("timeout")]
    Timeout,
    /// The secure connection could not be made (an untrusted certificate, say).
    #[error("{reason}")]
    Tls { reason: String },
    /// The request was cancelled.
    #[error("cancelled")]
    Cancelled,
}

impl From<uniffi::UnexpectedUniFFICallbackError> for TransportFailure {
    fn from(err: uniffi::UnexpectedUniFFICallbackError) -> Self {
        TransportFailure::Offline { reason: err.reason }
    }
}

/// What an app implements to carry sync's requests (async; called from the bindings' runtime).
#[uniffi::export(with_foreign)]
#[async_trait::async_trait]
pub trait SyncTransport: Send + Sync {
    /// Sends `request` and gives back the reply, whatever its status, or why there was none.
    async fn send(&self, request: SyncHttpRequest) -> Result<SyncHttpResponse, TransportFailure>;
}

/// The app's transport as the core's [`Transport`].
pub(crate) struct ForeignTransport(pub(crate) Arc<dyn SyncTransport>);

impl Transport for ForeignTransport {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        let request = SyncHttpRequest {
            method: request.method,
            url: request.url,
            headers: request.headers.into_iter().map(|(name, value)| SyncHeader { name, value }).collect(),
            body: request.body,
            idempotent: request.idempotent,
        };
        Box::pin(async move {
            match self.0.send(request).await {
                Ok(reply) => Ok(HttpResponse { status: reply.status, body: reply.body }),
                Err(TransportFailure::Offline { reason }) => Err(TransportError::Offline(reason)),
                Err(TransportFailure::Timeout) => Err(TransportError::Timeout),
                Err(TransportFailure::Tls { reason }) => Err(TransportError::Tls(reason)),
                Err(TransportFailure::Cancelled) => Err(TransportError::Cancelled),
            }
        })
    }
}
