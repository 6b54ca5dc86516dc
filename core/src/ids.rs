//! Stable row identities: random, URL-safe guids that stay the same on every device a journal syncs to.

use base64::Engine as _;

/// A new guid: 12 random bytes as 16 URL-safe base64 characters.
pub fn new_guid() -> String {
    let mut bytes = [0u8; 12];
    getrandom::fill(&mut bytes).expect("the operating system's random source is available");
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// `count` new guids from one read of the operating system's random source (a batch write makes one per row).
pub fn new_guids(count: usize) -> Vec<String> {
    let mut bytes = vec![0u8; count * 12];
    getrandom::fill(&mut bytes).expect("the operating system's random source is available");
    bytes.chunks_exact(12).map(|b| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(b)).collect()
}

/// Whether `text` has the shape of a guid Mend would accept from an import (12 to 64 URL-safe characters).
pub fn is_valid_guid(text: &str) -> bool {
    (12..=64).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guids_are_url_safe_unique_and_valid() {
        let a = new_guid();
        let b = new_guid();
        assert_eq!(a.len(), 16);
        assert_ne!(a, b);
        assert!(is_valid_guid(&a));
        assert!(!is_valid_guid("short"));
        assert!(!is_valid_guid("has space in it here"));
    }
}
