//! The core's [`Transport`] over reqwest for the tests: plain, no retries (faults are injected on purpose by
//! [`crate::faults`]), optionally trusting one extra root certificate.

use mend_core::sync::transport::BoxFuture;
use mend_core::sync::{HttpRequest, HttpResponse, Transport, TransportError};

/// reqwest, one keep-alive client.
#[derive(Clone)]
pub struct WireTransport {
    client: reqwest::Client,
}

impl WireTransport {
    pub fn new() -> WireTransport {
        WireTransport { client: reqwest::Client::builder().build().unwrap() }
    }

    /// A transport that trusts `root_pem` (a test CA) for HTTPS.
    pub fn trusting(root_pem: &[u8]) -> WireTransport {
        let root = reqwest::Certificate::from_pem(root_pem).unwrap();
        WireTransport {
            client: reqwest::Client::builder().use_rustls_tls().add_root_certificate(root).build().unwrap(),
        }
    }
}

impl Default for WireTransport {
    fn default() -> Self {
        WireTransport::new()
    }
}

impl Transport for WireTransport {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        Box::pin(async move {
            let method = reqwest::Method::from_bytes(request.method.as_bytes()).unwrap();
            let mut builder = self.client.request(method, &request.url);
            for (name, value) in &request.headers {
                builder = builder.header(name, value);
            }
            let response =
                builder.body(request.body).send().await.map_err(|e| TransportError::Offline(e.to_string()))?;
            let status = response.status().as_u16();
            let body = response.bytes().await.map_err(|e| TransportError::Offline(e.to_string()))?.to_vec();
            Ok(HttpResponse { status, body })
        })
    }
}
