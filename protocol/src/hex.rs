//! Lower-case hex for ids in route paths (`/v1/devices/{device_id}`), with a decoder that checks the length.

use crate::codec::DecodeError;

/// Lower-case hex of `bytes`.
pub fn encode(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        out.push(DIGITS[usize::from(byte >> 4)] as char);
        out.push(DIGITS[usize::from(byte & 15)] as char);
    }
    out
}

/// Decodes hex (either case) that must stand for exactly `len` bytes.
pub fn decode(field: &'static str, text: &str, len: usize) -> Result<Vec<u8>, DecodeError> {
    if text.len() != len * 2 {
        return Err(DecodeError::invalid(field, format!("must be {} hex digits", len * 2)));
    }
    let digit = |c: u8| match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    };
    text.as_bytes()
        .chunks(2)
        .map(|pair| match (digit(pair[0]), digit(pair[1])) {
            (Some(high), Some(low)) => Ok(high << 4 | low),
            _ => Err(DecodeError::invalid(field, "must be hex digits")),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn round_trips_and_refuses_bad_digits_and_lengths() {
        let bytes = [0u8, 1, 0xab, 0xff];
        assert_eq!(super::encode(&bytes), "0001abff");
        assert_eq!(super::decode("id", "0001ABff", 4).unwrap(), bytes);
        assert_eq!(super::decode("id", "0001abf", 4).unwrap_err().field(), Some("id"));
        assert_eq!(super::decode("id", "0001abfg", 4).unwrap_err().field(), Some("id"));
    }
}
