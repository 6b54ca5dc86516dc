//! Encoding and decoding of every message: postcard bytes in, a checked value out. Decoders are pure functions
//! of a byte slice (so they can be fuzzed) and never trust a length or a value they have not checked.

use serde::Serialize;
use serde::de::DeserializeOwned;

/// Why bytes from the network were refused. Names the field where one is at fault; never echoes the bytes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// The bytes are not a valid encoding of the message (truncated, wrong tag, bad varint, invalid UTF-8).
    #[error("malformed message: {reason}")]
    Malformed { reason: String },
    /// The message decoded but carried bytes after its end.
    #[error("trailing bytes after the message")]
    TrailingBytes,
    /// A field decoded but its value is not allowed (wrong length, too large, out of range, duplicate).
    #[error("invalid field `{field}`: {reason}")]
    Invalid { field: &'static str, reason: String },
}

impl DecodeError {
    /// A refusal of `field` for `reason`.
    pub fn invalid(field: &'static str, reason: impl Into<String>) -> Self {
        DecodeError::Invalid { field, reason: reason.into() }
    }

    /// The field at fault, if the refusal names one.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            DecodeError::Invalid { field, .. } => Some(field),
            _ => None,
        }
    }
}

/// A wire message: it can be encoded and, once decoded, checks its own fields.
pub trait Message: Serialize + DeserializeOwned {
    /// Checks every field's length and range; called by [`decode`] before the value is handed out.
    fn validate(&self) -> Result<(), DecodeError>;
}

/// Encodes a message to its wire bytes.
pub fn encode<T: Message>(message: &T) -> Vec<u8> {
    // postcard only fails to serialize on a writer error or an unsized sequence; Vec writers and the derived
    // serde impls here have neither.
    postcard::to_allocvec(message).unwrap_or_default()
}

/// Decodes and checks a message from wire bytes: the whole input must be exactly one valid message.
pub fn decode<T: Message>(bytes: &[u8]) -> Result<T, DecodeError> {
    let (value, rest) =
        postcard::take_from_bytes::<T>(bytes).map_err(|error| DecodeError::Malformed { reason: error.to_string() })?;
    if !rest.is_empty() {
        return Err(DecodeError::TrailingBytes);
    }
    value.validate()?;
    Ok(value)
}

/// Checks that `value` is exactly `len` bytes long.
pub fn exact_len(field: &'static str, value: &[u8], len: usize) -> Result<(), DecodeError> {
    if value.len() != len {
        return Err(DecodeError::invalid(field, format!("must be {len} bytes, got {}", value.len())));
    }
    Ok(())
}

/// Checks that `value` is between 1 and `max` bytes long.
pub fn bounded_len(field: &'static str, value: &[u8], max: usize) -> Result<(), DecodeError> {
    if value.is_empty() || value.len() > max {
        return Err(DecodeError::invalid(field, format!("must be 1 to {max} bytes, got {}", value.len())));
    }
    Ok(())
}

/// Checks that `value` is at most `max` bytes long (empty allowed).
pub fn max_len(field: &'static str, value: &[u8], max: usize) -> Result<(), DecodeError> {
    if value.len() > max {
        return Err(DecodeError::invalid(field, format!("must be at most {max} bytes, got {}", value.len())));
    }
    Ok(())
}

/// Checks that a list has at most `max` entries.
pub fn max_count<T>(field: &'static str, list: &[T], max: usize) -> Result<(), DecodeError> {
    if list.len() > max {
        return Err(DecodeError::invalid(field, format!("must have at most {max} entries, got {}", list.len())));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::ChallengeRequest;

    #[test]
    fn trailing_bytes_are_refused() {
        let mut bytes = encode(&ChallengeRequest { device_id: vec![7; 16] });
        assert_eq!(decode::<ChallengeRequest>(&bytes).unwrap().device_id, vec![7; 16]);
        bytes.push(0);
        assert_eq!(decode::<ChallengeRequest>(&bytes).unwrap_err(), DecodeError::TrailingBytes);
    }

    #[test]
    fn truncated_input_is_malformed_and_short_ids_name_the_field() {
        let bytes = encode(&ChallengeRequest { device_id: vec![7; 16] });
        for cut in 0..bytes.len() {
            assert!(matches!(decode::<ChallengeRequest>(&bytes[..cut]), Err(DecodeError::Malformed { .. })));
        }
        let short = encode(&ChallengeRequest { device_id: vec![7; 15] });
        assert_eq!(decode::<ChallengeRequest>(&short).unwrap_err().field(), Some("device_id"));
    }
}
