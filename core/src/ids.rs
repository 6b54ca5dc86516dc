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

/// How many characters of a guid human output shows (and commands accept, when no other entry starts the same).
pub const SHORT_ID_LEN: usize = 6;

/// The first [`SHORT_ID_LEN`] characters of a guid, as human output shows it.
pub fn short_id(guid: &str) -> &str {
    guid.get(..SHORT_ID_LEN).unwrap_or(guid)
}

/// The one guid among `candidates` (the rows whose guid starts with `text`, at most two looked at) that `text`
/// names: itself when it is whole, else the only guid it begins. `what` names the kind of row for the errors.
pub(crate) fn resolve(text: &str, candidates: &[String], what: &str) -> crate::error::Result<String> {
    let text = text.trim();
    if let Some(exact) = candidates.iter().find(|c| c.as_str() == text) {
        return Ok(exact.clone());
    }
    match candidates {
        [only] => Ok(only.clone()),
        [] => Err(crate::error::Error::not_found(what)),
        _ => Err(crate::error::Error::invalid("id", "begins more than one entry: type more of it")),
    }
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
