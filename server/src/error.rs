//! The server's error reply: a protocol [`ErrorBody`] with its HTTP status, built from decode and storage errors.
//! Messages name fields and limits, never payloads, ids or addresses.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use mend_protocol::{CONTENT_TYPE, DecodeError, ErrorBody, ErrorCode, encode};

use crate::storage::StoreError;

/// A refusal, sent as an encoded [`ErrorBody`].
#[derive(Debug)]
pub struct ApiError(pub ErrorBody);

/// Results of route handlers.
pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    /// A refusal with a code and words.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        ApiError(ErrorBody::new(code, message))
    }

    /// A bad request naming its field.
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        ApiError(ErrorBody { code: ErrorCode::BadRequest, field: Some(field.into()), message: message.into() })
    }

    /// Over a size limit, naming the field.
    pub fn too_large(field: &str, limit: u64) -> Self {
        ApiError(ErrorBody {
            code: ErrorCode::TooLarge { limit },
            field: Some(field.into()),
            message: format!("`{field}` is over the server's limit of {limit}"),
        })
    }

    /// The code, for metrics and tests.
    pub fn code(&self) -> &ErrorCode {
        &self.0.code
    }
}

impl From<DecodeError> for ApiError {
    fn from(error: DecodeError) -> Self {
        ApiError(ErrorBody::from_decode(&error))
    }
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> Self {
        let code = match &error {
            StoreError::NotFound => ErrorCode::NotFound,
            StoreError::AlreadyExists => ErrorCode::AlreadyExists,
            StoreError::Expired => ErrorCode::Expired,
            StoreError::RegistrationClosed => ErrorCode::RegistrationClosed,
            StoreError::StaleEpoch { current } => ErrorCode::StaleEpoch { current_epoch: *current },
            StoreError::EpochMismatch { record_count, current_epoch } => {
                ErrorCode::EpochMismatch { record_count: *record_count, current_epoch: *current_epoch }
            }
            StoreError::SequenceTooLow { current } => ErrorCode::SequenceTooLow { current: *current },
            StoreError::CursorBeyondHorizon { horizon_version } => {
                ErrorCode::CursorBeyondHorizon { horizon_version: *horizon_version }
            }
            StoreError::QuotaExceeded { limit } => ErrorCode::QuotaExceeded { limit: *limit },
            StoreError::MailboxFull { limit } => ErrorCode::TooLarge { limit: *limit },
            StoreError::ServerFull => ErrorCode::ServerFull,
            StoreError::KeyChanged => ErrorCode::BadSignature,
            StoreError::Backend(detail) => {
                tracing::error!(detail = detail.as_str(), "storage failed");
                return ApiError::new(ErrorCode::Internal, "the server could not store or read that; nothing changed");
            }
        };
        ApiError::new(code, error.to_string())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.0.code.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut response = (status, encode(&self.0)).into_response();
        response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(CONTENT_TYPE));
        if let ErrorCode::RateLimited { retry_after_secs } = self.0.code {
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(retry_after_secs));
        }
        response.extensions_mut().insert(self.0.code);
        response
    }
}
