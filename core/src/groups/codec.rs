//! How group documents are written as bytes: postcard (compact, deterministic for these types, no field
//! names). Reading refuses anything over the size limit, malformed, or followed by extra bytes, so one document
//! has exactly one encoding and a signature or hash over it means one thing.

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::error::{GroupError, Result};

/// The bytes of `value`.
pub(crate) fn encode<T: Serialize>(value: &T) -> Vec<u8> {
    postcard::to_allocvec(value).expect("group documents always encode")
}

/// Reads one `what` of at most `max` bytes, refusing trailing bytes.
pub(crate) fn decode<T: DeserializeOwned>(bytes: &[u8], what: &'static str, max: usize) -> Result<T> {
    if bytes.len() > max {
        return Err(GroupError::Malformed { what });
    }
    match postcard::take_from_bytes::<T>(bytes) {
        Ok((value, [])) => Ok(value),
        _ => Err(GroupError::Malformed { what }),
    }
}
