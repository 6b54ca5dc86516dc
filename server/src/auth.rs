//! Device tokens: `device_id ‖ expiry ‖ HMAC-SHA256(server key, label ‖ device_id ‖ expiry)`, minted after a signed
//! challenge and checked on every account route by the [`Authed`] extractor (which also refuses revoked devices at
//! once and counts the account's requests against its per-minute limit).

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use mend_protocol::ErrorCode;
use mend_protocol::limits::DEVICE_ID_LEN;

use crate::app::AppState;
use crate::crypto::{mac, mac_eq};
use crate::error::ApiError;

/// How long a token lasts, in seconds.
pub const TOKEN_LIFETIME_SECS: i64 = 3600;

/// How long a challenge lasts, in seconds.
pub const CHALLENGE_LIFETIME_SECS: i64 = 60;

const LABEL: &[u8] = b"mend-token-v1\0";
const TOKEN_LEN: usize = DEVICE_ID_LEN + 8 + 32;

fn signed_part(device_id: &[u8], expires_at: i64) -> Vec<u8> {
    [LABEL, device_id, &expires_at.to_be_bytes()].concat()
}

/// A token for a device, valid until `expires_at`.
pub fn mint(key: &[u8; 32], device_id: &[u8], expires_at: i64) -> Vec<u8> {
    let tag = mac(key, &signed_part(device_id, expires_at));
    [device_id, &expires_at.to_be_bytes(), &tag].concat()
}

/// The device id in a token, if the MAC holds and it has not expired.
pub fn check(key: &[u8; 32], token: &[u8], now: i64) -> Result<Vec<u8>, ApiError> {
    let unauthorized = || ApiError::new(ErrorCode::Unauthorized, "the token is missing or not this server's");
    if token.len() != TOKEN_LEN {
        return Err(unauthorized());
    }
    let (device_id, rest) = token.split_at(DEVICE_ID_LEN);
    let (expiry, tag) = rest.split_at(8);
    let expires_at = i64::from_be_bytes(expiry.try_into().map_err(|_| unauthorized())?);
    if !mac_eq(tag, &mac(key, &signed_part(device_id, expires_at))) {
        return Err(unauthorized());
    }
    if expires_at < now {
        return Err(ApiError::new(ErrorCode::TokenExpired, "the token has expired; ask for a new challenge"));
    }
    Ok(device_id.to_vec())
}

/// The account and device a request acts for.
#[derive(Debug, Clone)]
pub struct Authed {
    pub account_id: Vec<u8>,
    pub device_id: Vec<u8>,
}

impl FromRequestParts<AppState> for Authed {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let header = parts
            .headers
            .get(mend_protocol::AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.strip_prefix("Bearer "))
            .ok_or_else(|| ApiError::new(ErrorCode::Unauthorized, "this route needs a device token"))?;
        let token = URL_SAFE_NO_PAD
            .decode(header)
            .map_err(|_| ApiError::new(ErrorCode::Unauthorized, "the token is not base64url"))?;
        let device_id = check(&state.token_key, &token, crate::app::now())?;
        let lookup = device_id.clone();
        let device = state.db(move |store| store.device(&lookup)).await.map_err(|error| match error.code() {
            ErrorCode::NotFound => ApiError::new(ErrorCode::Unauthorized, "the token's device is gone"),
            _ => error,
        })?;
        if device.revoked_at.is_some() {
            return Err(ApiError::new(
                ErrorCode::DeviceRevoked { wipe_order: device.wipe_order },
                "this device was revoked",
            ));
        }
        state.limiter.account(&device.account_id, state.config.limits.account_per_minute)?;
        Ok(Authed { account_id: device.account_id, device_id })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_hold_only_under_their_key_and_until_expiry() {
        let token = mint(&[1; 32], &[9; 16], 100);
        assert_eq!(check(&[1; 32], &token, 50).unwrap(), vec![9; 16]);
        assert_eq!(check(&[1; 32], &token, 101).unwrap_err().code(), &ErrorCode::TokenExpired);
        assert_eq!(check(&[2; 32], &token, 50).unwrap_err().code(), &ErrorCode::Unauthorized);
        let mut forged = token.clone();
        forged[20] ^= 1;
        assert_eq!(check(&[1; 32], &forged, 50).unwrap_err().code(), &ErrorCode::Unauthorized);
        assert_eq!(check(&[1; 32], &token[1..], 50).unwrap_err().code(), &ErrorCode::Unauthorized);
    }
}
