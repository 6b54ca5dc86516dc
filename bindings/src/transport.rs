//! The HTTP transport the apps give sync: a foreign `SyncTransport` (MendKit implements it over URLSession,
//! mendkit over the platform's HTTP client) adapted to the core's [`Transport`]: the app sends each request and
//! answers through a [`SyncReply`], which the adapter awaits. The phone library carries no
//! HTTP or TLS stack of its own; this file only converts requests, replies and failures.

use std::sync::{Arc, Mutex};

use mend_core::sync::transport::BoxFuture;
use mend_core::sync::{HttpRequest, HttpResponse, Transport, TransportError};
use tokio::sync::oneshot;

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

impl From<TransportFailure> for TransportError {
    fn from(failure: TransportFailure) -> Self {
        match failure {
            TransportFailure::Offline { reason } => TransportError::Offline(reason),
            TransportFailure::Timeout => TransportError::Timeout,
            TransportFailure::Tls { reason } => TransportError::Tls(reason),
            TransportFailure::Cancelled => TransportError::Cancelled,
        }
    }
}

/// What an app implements to carry sync's requests: start sending `request` and answer through `reply`, once,
/// from any thread (the platform clients' completion handlers). Not an `async` method: uniffi 0.32's Swift code
/// for async foreign traits does not compile in Swift 6 language mode (it crashes Swift 6.0.3; uniffi-rs issue
/// 2929 for 6.3), and a completion suits URLSession and `java.net.http` as well.
#[uniffi::export(with_foreign)]
pub trait SyncTransport: Send + Sync {
    /// Starts sending `request`; the reply (any status) or the failure goes to `reply`. Throwing counts as a
    /// failure (`reply` is then ignored).
    fn send(&self, request: SyncHttpRequest, reply: Arc<SyncReply>) -> Result<(), TransportFailure>;
}

/// Where an app's transport answers one request. The first answer counts; a reply dropped unanswered means the
/// request failed.
#[derive(uniffi::Object)]
pub struct SyncReply(Mutex<Option<oneshot::Sender<Result<HttpResponse, TransportError>>>>);

#[uniffi::export]
impl SyncReply {
    /// The server answered (whatever the status).
    pub fn received(&self, response: SyncHttpResponse) {
        self.answer(Ok(HttpResponse { status: response.status, body: response.body }));
    }

    /// There was no answer, for this reason.
    pub fn failed(&self, failure: TransportFailure) {
        self.answer(Err(failure.into()));
    }
}

impl SyncReply {
    fn answer(&self, answer: Result<HttpResponse, TransportError>) {
        if let Some(sender) = self.0.lock().unwrap_or_else(|p| p.into_inner()).take() {
            // The sync may have stopped waiting (cancelled); then the answer has nowhere to go.
            let _ = sender.send(answer);
        }
    }
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
        let (sender, answer) = oneshot::channel();
        let sent = self.0.send(request, Arc::new(SyncReply(Mutex::new(Some(sender)))));
        Box::pin(async move {
            sent?;
            answer.await.unwrap_or_else(|_| Err(TransportError::Offline(UNANSWERED.into())))
        })
    }
}

/// The failure when an app's transport dropped a reply without answering.
const UNANSWERED: &str = "the app's connection gave no answer";
