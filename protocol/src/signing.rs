//! The exact bytes each signature and digest covers. Pure byte layouts with a distinct label per purpose (so a
//! signature for one can never be replayed as another); the signing and hashing are done by the core and server.
//! Every field here has a fixed length once decoded, except where a length prefix is written.

/// What a device signs to get a token: label ‖ device id ‖ challenge nonce.
pub fn auth_message(device_id: &[u8], nonce: &[u8]) -> Vec<u8> {
    join(b"mend-auth-v1", &[device_id, nonce])
}

/// What the recovery key signs to enrol a device restored from the phrase: label ‖ lookup id ‖ nonce ‖ the new
/// device's signing key ‖ its exchange key.
pub fn recovery_message(lookup_id: &[u8], nonce: &[u8], signing_key: &[u8], exchange_key: &[u8]) -> Vec<u8> {
    join(b"mend-recover-v1", &[lookup_id, nonce, signing_key, exchange_key])
}

/// What the new recovery key signs in a "new phrase" request: label ‖ account id ‖ new lookup id ‖ new key.
pub fn new_phrase_message(account_id: &[u8], lookup_id: &[u8], recovery_key: &[u8]) -> Vec<u8> {
    join(b"mend-new-phrase-v1", &[account_id, lookup_id, recovery_key])
}

/// What a group's write key signs for a write: label ‖ mailbox id ‖ channel tag ‖ sequence (u64 BE) ‖ SHA-256 of
/// the body ‖ expiry (i64 BE).
pub fn group_write_message(
    mailbox_id: &[u8],
    channel_tag: u8,
    sequence: u64,
    body_hash: &[u8],
    expires_at: i64,
) -> Vec<u8> {
    join(
        b"mend-group-write-v1",
        &[mailbox_id, &[channel_tag], &sequence.to_be_bytes(), body_hash, &expires_at.to_be_bytes()],
    )
}

/// What the current write key signs to hand over to a new one: label ‖ mailbox id ‖ generation (u32 BE) ‖ new key.
pub fn write_key_message(mailbox_id: &[u8], generation: u32, new_key: &[u8]) -> Vec<u8> {
    join(b"mend-group-write-key-v1", &[mailbox_id, &generation.to_be_bytes(), new_key])
}

/// What the write key signs to drop join requests: label ‖ mailbox id ‖ up_to (u64 BE).
pub fn inbox_ack_message(mailbox_id: &[u8], up_to: u64) -> Vec<u8> {
    join(b"mend-group-inbox-ack-v1", &[mailbox_id, &up_to.to_be_bytes()])
}

/// Appends one live record's entry to the epoch-switch digest input: len(collection) ‖ collection ‖ len(id) ‖ id ‖
/// version (u64 BE), lengths as one byte. The digest is SHA-256 over the entries of every live (not deleted)
/// record, in (collection, id) byte order.
pub fn digest_entry(out: &mut Vec<u8>, collection: &[u8], id: &[u8], version: u64) {
    out.push(collection.len() as u8);
    out.extend_from_slice(collection);
    out.push(id.len() as u8);
    out.extend_from_slice(id);
    out.extend_from_slice(&version.to_be_bytes());
}

fn join(label: &[u8], parts: &[&[u8]]) -> Vec<u8> {
    let mut out = Vec::with_capacity(label.len() + 1 + parts.iter().map(|part| part.len()).sum::<usize>());
    out.extend_from_slice(label);
    out.push(0);
    for part in parts {
        out.extend_from_slice(part);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_keep_purposes_apart() {
        let a = auth_message(&[1; 16], &[2; 32]);
        assert!(a.starts_with(b"mend-auth-v1\0"));
        assert_eq!(a.len(), 13 + 48);
        assert_ne!(inbox_ack_message(&[1; 32], 5), write_key_message(&[1; 32], 5, &[]));
        let w = group_write_message(&[3; 32], 1, 7, &[4; 32], -1);
        assert_eq!(&w[w.len() - 8..], &(-1i64).to_be_bytes());
    }

    #[test]
    fn digest_entries_are_length_prefixed() {
        let mut out = Vec::new();
        digest_entry(&mut out, b"ab", b"c", 258);
        assert_eq!(out, [2, b'a', b'b', 1, b'c', 0, 0, 0, 0, 0, 0, 1, 2]);
    }
}
