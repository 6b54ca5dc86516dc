//! Typed errors: every refusal is an [`ErrorBody`] with a stable [`ErrorCode`], the field at fault where there is
//! one, and words for people. Errors never carry a payload, an address or another account's data.

use serde::{Deserialize, Serialize};

use crate::codec::{DecodeError, Message, max_len};

/// A stable reason for a refusal. New codes are only ever added at the end (postcard encodes the variant index).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ErrorCode {
    /// The request did not decode or a field is invalid (`field` names it). HTTP 400.
    BadRequest,
    /// No token, or one the server did not make. HTTP 401.
    Unauthorized,
    /// The token's time is up: ask for a new challenge. HTTP 401.
    TokenExpired,
    /// The device was revoked; with a `wipe_order` (sealed by the revoking device under a key derived from the
    /// account's naming key, which the server never holds), it should erase its journal. HTTP 403.
    DeviceRevoked { wipe_order: Option<Vec<u8>> },
    /// A signature did not verify. HTTP 403.
    BadSignature,
    /// No such account, device, challenge or mailbox (or not this account's). HTTP 404.
    NotFound,
    /// The thing exists already (a lookup id, a mailbox id). HTTP 409.
    AlreadyExists,
    /// The cursor is older than the tombstone horizon: reconcile in full (download from 0). HTTP 410.
    CursorBeyondHorizon { horizon_version: u64 },
    /// The epoch switch saw other records than the client: these are the server's. HTTP 409.
    EpochMismatch { record_count: u64, current_epoch: u32 },
    /// A record or wrap names an epoch that is not the current one. HTTP 409.
    StaleEpoch { current_epoch: u32 },
    /// A sequence or key generation is not above the current one. HTTP 409.
    SequenceTooLow { current: u64 },
    /// A challenge or mailbox has expired. HTTP 410.
    Expired,
    /// The body, a record, a batch or a mailbox is over the server's limit. HTTP 413.
    TooLarge { limit: u64 },
    /// The account's storage quota would be exceeded. HTTP 507.
    QuotaExceeded { limit: u64 },
    /// Too many requests: try again after this many seconds. HTTP 429.
    RateLimited { retry_after_secs: u32 },
    /// Registration needs an operator-issued token that was missing or wrong. HTTP 403.
    RegistrationClosed,
    /// The server's storage cap is reached: no new data is accepted. HTTP 507.
    ServerFull,
    /// The request took longer than the server allows. HTTP 503.
    Timeout,
    /// The server could not serve the request; nothing was changed. HTTP 500.
    Internal,
}

impl ErrorCode {
    /// The HTTP status that carries this code.
    pub fn http_status(&self) -> u16 {
        match self {
            ErrorCode::BadRequest => 400,
            ErrorCode::Unauthorized | ErrorCode::TokenExpired => 401,
            ErrorCode::DeviceRevoked { .. } | ErrorCode::BadSignature | ErrorCode::RegistrationClosed => 403,
            ErrorCode::NotFound => 404,
            ErrorCode::AlreadyExists
            | ErrorCode::EpochMismatch { .. }
            | ErrorCode::StaleEpoch { .. }
            | ErrorCode::SequenceTooLow { .. } => 409,
            ErrorCode::CursorBeyondHorizon { .. } | ErrorCode::Expired => 410,
            ErrorCode::TooLarge { .. } => 413,
            ErrorCode::RateLimited { .. } => 429,
            ErrorCode::Internal => 500,
            ErrorCode::Timeout => 503,
            ErrorCode::QuotaExceeded { .. } | ErrorCode::ServerFull => 507,
        }
    }
}

/// The body of every error reply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub code: ErrorCode,
    /// The request field at fault, e.g. `records.body`.
    pub field: Option<String>,
    /// Words for the person or the operator; never a payload.
    pub message: String,
}

impl ErrorBody {
    /// An error with a code and a message.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        ErrorBody { code, field: None, message: message.into() }
    }

    /// The error for a request that failed to decode.
    pub fn from_decode(error: &DecodeError) -> Self {
        ErrorBody { code: ErrorCode::BadRequest, field: error.field().map(str::to_owned), message: error.to_string() }
    }
}

impl Message for ErrorBody {
    fn validate(&self) -> Result<(), DecodeError> {
        if let Some(field) = &self.field {
            max_len("field", field.as_bytes(), 128)?;
        }
        if let ErrorCode::DeviceRevoked { wipe_order: Some(order) } = &self.code {
            max_len("code.wipe_order", order, crate::limits::MAX_WRAP_LEN)?;
        }
        max_len("message", self.message.as_bytes(), 1024)
    }
}
