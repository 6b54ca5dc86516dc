//! The linking code the new device shows: 80 random bits as 16 letters and digits (Crockford's base32, in four
//! groups of four, so it is short enough to type), or the same inside `mend://link#…` for a QR. Everything the
//! exchange needs is derived from it by HKDF-SHA256 with its own label: the link mailbox's id (the only thing
//! the server learns) and the key that seals the exchange's first messages. The code never reaches the server.

use zeroize::{Zeroize, ZeroizeOnDrop};

use crate::crypto::{self, Bytes32, random};

/// How many random bytes a code carries (80 bits: 16 base32 characters).
pub const CODE_BYTES: usize = 10;

/// The link URI's prefix (a QR carries the whole URI).
pub const URI_PREFIX: &str = "mend://link#";

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// A linking code: the secret both devices share, never sent to the server.
#[derive(Clone, PartialEq, Eq, Zeroize, ZeroizeOnDrop)]
pub struct LinkCode([u8; CODE_BYTES]);

impl std::fmt::Debug for LinkCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LinkCode(..)")
    }
}

/// A code that does not read as one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotACode;

impl LinkCode {
    /// A new random code.
    pub fn generate() -> LinkCode {
        LinkCode(random())
    }

    /// A fixed code, so a test's outcome does not rest on a random draw.
    #[cfg(test)]
    pub(super) fn fixed(byte: u8) -> LinkCode {
        LinkCode([byte; CODE_BYTES])
    }

    /// Reads a code as typed (any case, with or without dashes or spaces; I and L read as 1, O as 0) or a
    /// `mend://link#…` URI.
    pub fn parse(text: &str) -> Result<LinkCode, NotACode> {
        let text = text.trim();
        let text = text.strip_prefix(URI_PREFIX).unwrap_or(text);
        let mut bits: u128 = 0;
        let mut count = 0;
        for c in text.chars().filter(|c| !matches!(c, '-' | ' ')) {
            let c = match c.to_ascii_uppercase() {
                'I' | 'L' => '1',
                'O' => '0',
                other => other,
            };
            let value = ALPHABET.iter().position(|&a| char::from(a) == c).ok_or(NotACode)?;
            count += 1;
            if count > CODE_BYTES * 8 / 5 {
                return Err(NotACode);
            }
            bits = (bits << 5) | value as u128;
        }
        if count != CODE_BYTES * 8 / 5 {
            return Err(NotACode);
        }
        let mut bytes = [0u8; CODE_BYTES];
        bytes.copy_from_slice(&bits.to_be_bytes()[16 - CODE_BYTES..]);
        Ok(LinkCode(bytes))
    }

    /// The code to show and type: `ABCD-EFGH-JKMN-PQRS`.
    pub fn text(&self) -> String {
        let mut full = [0u8; 16];
        full[16 - CODE_BYTES..].copy_from_slice(&self.0);
        let bits = u128::from_be_bytes(full);
        let chars: Vec<char> = (0..16).rev().map(|i| char::from(ALPHABET[((bits >> (i * 5)) & 31) as usize])).collect();
        chars.chunks(4).map(|group| group.iter().collect::<String>()).collect::<Vec<_>>().join("-")
    }

    /// The URI a QR carries.
    pub fn uri(&self) -> String {
        format!("{URI_PREFIX}{}", self.text())
    }

    /// The link mailbox's id on the server.
    pub fn mailbox_id(&self) -> Bytes32 {
        crypto::derive(&self.0, "mend-link-mailbox-v1")
    }

    /// The key the hello, the reply, the reveal and a refusal are sealed under.
    pub(super) fn box_key(&self) -> Bytes32 {
        crypto::derive(&self.0, "mend-link-box-v1")
    }

    /// The secret itself, bound into the session key.
    pub(super) fn secret(&self) -> &[u8] {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_reads_back_as_shown_typed_loosely_or_as_a_uri() {
        for _ in 0..50 {
            let code = LinkCode::generate();
            let text = code.text();
            assert_eq!(text.len(), 19, "{text}");
            assert_eq!(LinkCode::parse(&text).unwrap(), code);
            assert_eq!(LinkCode::parse(&text.to_lowercase().replace('-', " ")).unwrap(), code);
            assert_eq!(LinkCode::parse(&code.uri()).unwrap(), code);
            assert_eq!(LinkCode::parse(&text.replace('1', "l").replace('0', "O")).unwrap(), code);
        }
    }

    #[test]
    fn anything_else_is_not_a_code() {
        let text = LinkCode::generate().text();
        assert_eq!(LinkCode::parse(&text[..18]), Err(NotACode));
        assert_eq!(LinkCode::parse(&format!("{text}A")), Err(NotACode));
        assert_eq!(LinkCode::parse("ABCD-EFGH-JKMN-PQRU"), Err(NotACode));
        assert_eq!(LinkCode::parse(""), Err(NotACode));
    }

    #[test]
    fn the_mailbox_and_the_box_key_differ_and_differ_per_code() {
        let (one, two) = (LinkCode::generate(), LinkCode::generate());
        assert_ne!(one.mailbox_id(), one.box_key());
        assert_ne!(one.mailbox_id(), two.mailbox_id());
        assert_ne!(one.box_key(), two.box_key());
    }
}
