//! Reading and writing protocol messages over HTTP: [`Wire`] reads a body (refusing one over the limit) and
//! decodes it with the protocol's checked decoder; [`Reply`] encodes a message; [`QueryArgs`] parses the few
//! numeric query parameters with typed errors.

use axum::body::to_bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use mend_protocol::{CONTENT_TYPE, Message, decode, encode};

use crate::app::AppState;
use crate::error::ApiError;

/// A decoded, checked request body.
pub struct Wire<T>(pub T);

impl<T: Message + Send> FromRequest<AppState> for Wire<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, ApiError> {
        let limit = state.config.limits.max_body;
        let bytes =
            to_bytes(request.into_body(), limit).await.map_err(|_| ApiError::too_large("body", limit as u64))?;
        Ok(Wire(decode(&bytes)?))
    }
}

/// An encoded reply (status 200).
pub struct Reply<T>(pub T);

impl<T: Message> IntoResponse for Reply<T> {
    fn into_response(self) -> Response {
        let mut response = encode(&self.0).into_response();
        response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(CONTENT_TYPE));
        response
    }
}

/// Query parameters of the form `name=number`.
pub struct QueryArgs(Vec<(String, String)>);

impl QueryArgs {
    /// Splits a raw query string.
    pub fn parse(raw: Option<String>) -> Self {
        let pairs = raw
            .unwrap_or_default()
            .split('&')
            .filter(|pair| !pair.is_empty())
            .map(|pair| match pair.split_once('=') {
                Some((name, value)) => (name.to_owned(), value.to_owned()),
                None => (pair.to_owned(), String::new()),
            })
            .collect();
        QueryArgs(pairs)
    }

    /// The parameter `name` as a u64, or `default` when absent.
    pub fn u64(&self, name: &'static str, default: u64) -> Result<u64, ApiError> {
        match self.0.iter().find(|(key, _)| key == name) {
            None => Ok(default),
            Some((_, value)) => value.parse().map_err(|_| ApiError::field(name, format!("`{name}` must be a number"))),
        }
    }
}
