//! Device authentication: the server hands out a single-use challenge, the device signs it with its Ed25519 key,
//! and receives a short-lived token (a MAC under a key only the server holds) for every account route.

use serde::{Deserialize, Serialize};

use crate::codec::{DecodeError, Message, bounded_len, exact_len};
use crate::limits::{ACCOUNT_ID_LEN, DEVICE_ID_LEN, MAX_TOKEN_LEN, NONCE_LEN, SIGNATURE_LEN};

/// `POST /v1/auth/challenge`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChallengeRequest {
    pub device_id: Vec<u8>,
}

impl Message for ChallengeRequest {
    fn validate(&self) -> Result<(), DecodeError> {
        exact_len("device_id", &self.device_id, DEVICE_ID_LEN)
    }
}

/// A single-use challenge (also the reply to `POST /v1/recovery/challenge`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Challenge {
    pub nonce: Vec<u8>,
    /// Unix seconds after which the server refuses it.
    pub expires_at: i64,
}

impl Message for Challenge {
    fn validate(&self) -> Result<(), DecodeError> {
        exact_len("nonce", &self.nonce, NONCE_LEN)
    }
}

/// `POST /v1/auth/token`: the device's signature over [`crate::signing::auth_message`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenRequest {
    pub device_id: Vec<u8>,
    pub nonce: Vec<u8>,
    pub signature: Vec<u8>,
}

impl Message for TokenRequest {
    fn validate(&self) -> Result<(), DecodeError> {
        exact_len("device_id", &self.device_id, DEVICE_ID_LEN)?;
        exact_len("nonce", &self.nonce, NONCE_LEN)?;
        exact_len("signature", &self.signature, SIGNATURE_LEN)
    }
}

/// A bearer token for the account routes, sent as `authorization: Bearer <unpadded base64url>`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    pub token: Vec<u8>,
    pub account_id: Vec<u8>,
    /// Unix seconds; a later request gets `TokenExpired` and fetches a new challenge.
    pub expires_at: i64,
}

impl Message for Token {
    fn validate(&self) -> Result<(), DecodeError> {
        bounded_len("token", &self.token, MAX_TOKEN_LEN)?;
        exact_len("account_id", &self.account_id, ACCOUNT_ID_LEN)
    }
}
