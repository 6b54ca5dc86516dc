//! The linking exchange's messages and keys, with no network (docs/protocol.md, "Linking"). Four messages pass
//! through the link mailbox, each sealed (XChaCha20-Poly1305) so the server can neither read nor change them:
//!
//! 1. **hello** (new device): a commitment to its ephemeral X25519 key, its device keys (Ed25519, X25519) and
//!    its name, under the code's box key, bound to the mailbox id;
//! 2. **reply** (approving device): its ephemeral X25519 key, under the box key, bound to the hello;
//! 3. **reveal** (new device): its ephemeral key, which must match the commitment, likewise;
//! 4. **final** (approving device, after the person confirmed the digits): the account, the new device's id,
//!    the epoch and the naming key, under a key from the X25519 agreement — or a **refusal** under the box key.
//!
//! The session key is HKDF over the X25519 shared secret, the code's secret and the transcript (the hello and
//! both ephemeral keys); the six digits both screens show come from it. A server that swaps a key must forge a
//! box under a key it does not have; someone who also knows the code and sits in the middle ends with different
//! digits on each screen, and the commitment stops them choosing a key that makes the digits agree.

use x25519_dalek::{PublicKey, StaticSecret};
use zeroize::Zeroizing;

use super::code::LinkCode;
use crate::crypto::{self, Bytes32, random};
use crate::sync::error::SyncError;
use crate::sync::keys::NamingKey;

/// Longest device name a hello carries, in characters (as set-up keeps it).
const NAME_CHARS: usize = 64;

/// What the new device says about itself in its hello.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hello {
    pub commitment: Bytes32,
    pub signing_key: Bytes32,
    pub exchange_key: Bytes32,
    pub name: String,
}

/// An ephemeral X25519 key for one exchange.
pub struct Ephemeral(StaticSecret);

impl Ephemeral {
    pub fn generate() -> Ephemeral {
        Ephemeral(StaticSecret::from(random::<32>()))
    }

    pub fn public(&self) -> Bytes32 {
        PublicKey::from(&self.0).to_bytes()
    }

    /// A fixed key, so a test's outcome does not rest on a random draw.
    #[cfg(test)]
    fn fixed(byte: u8) -> Ephemeral {
        Ephemeral(StaticSecret::from([byte; 32]))
    }
}

/// What the exchange agrees: the digits both screens show, and the key the final message is sealed under.
pub struct Session {
    pub digits: String,
    final_key: Zeroizing<Bytes32>,
}

/// What the approving device hands the new one at the end.
#[derive(Debug)]
pub struct Handover {
    pub account_id: Vec<u8>,
    pub device_id: Vec<u8>,
    pub epoch: u32,
    pub names: NamingKey,
    /// A commitment to `epoch`'s data key ([`crate::sync::keys::DataKey::commitment`]): the new device checks the
    /// keys the server hands it against it, so a key of the server's own making is never taken.
    pub key: Bytes32,
}

/// The commitment a hello carries to the new device's ephemeral key.
pub fn commitment(ephemeral: &Bytes32) -> Bytes32 {
    crypto::hash("mend-link-commit-v1", ephemeral)
}

fn bound(label: &str, hello: &[u8]) -> Vec<u8> {
    let mut aad = label.as_bytes().to_vec();
    aad.extend_from_slice(&crypto::hash("mend-link-hello-hash-v1", hello));
    aad
}

fn hello_aad(code: &LinkCode) -> Vec<u8> {
    let mut aad = b"mend-link-hello-v1".to_vec();
    aad.extend_from_slice(&code.mailbox_id());
    aad
}

fn key32(bytes: &[u8]) -> Result<Bytes32, SyncError> {
    <Bytes32>::try_from(bytes).map_err(|_| SyncError::LinkTampered)
}

/// The hello as the mailbox carries it.
pub fn seal_hello(code: &LinkCode, hello: &Hello) -> Vec<u8> {
    let name: String = hello.name.chars().take(NAME_CHARS).collect();
    let mut plain = Zeroizing::new(Vec::with_capacity(96 + name.len()));
    plain.extend_from_slice(&hello.commitment);
    plain.extend_from_slice(&hello.signing_key);
    plain.extend_from_slice(&hello.exchange_key);
    plain.extend_from_slice(name.as_bytes());
    crypto::seal(&code.box_key(), &hello_aad(code), &plain)
}

/// The hello in `body`; anything changed or sealed under another code is refused.
pub fn open_hello(code: &LinkCode, body: &[u8]) -> Result<Hello, SyncError> {
    let plain =
        Zeroizing::new(crypto::open(&code.box_key(), &hello_aad(code), body).map_err(|_| SyncError::LinkTampered)?);
    parse_hello(&plain)
}

/// An opened hello's fields (fuzzed: `fuzz/fuzz_targets/sync_link.rs`).
pub fn parse_hello(plain: &[u8]) -> Result<Hello, SyncError> {
    if plain.len() < 96 {
        return Err(SyncError::LinkTampered);
    }
    let name = std::str::from_utf8(&plain[96..]).map_err(|_| SyncError::LinkTampered)?;
    if name.chars().count() > NAME_CHARS {
        return Err(SyncError::LinkTampered);
    }
    Ok(Hello {
        commitment: key32(&plain[..32])?,
        signing_key: key32(&plain[32..64])?,
        exchange_key: key32(&plain[64..96])?,
        name: name.to_owned(),
    })
}

/// The reply: the approving device's ephemeral key.
pub fn seal_reply(code: &LinkCode, hello: &[u8], ephemeral: &Bytes32) -> Vec<u8> {
    crypto::seal(&code.box_key(), &bound("mend-link-reply-v1", hello), ephemeral)
}

pub fn open_reply(code: &LinkCode, hello: &[u8], body: &[u8]) -> Result<Bytes32, SyncError> {
    let plain = crypto::open(&code.box_key(), &bound("mend-link-reply-v1", hello), body)
        .map_err(|_| SyncError::LinkTampered)?;
    key32(&plain)
}

/// The reveal: the new device's ephemeral key.
pub fn seal_reveal(code: &LinkCode, hello: &[u8], ephemeral: &Bytes32) -> Vec<u8> {
    crypto::seal(&code.box_key(), &bound("mend-link-reveal-v1", hello), ephemeral)
}

/// The new device's ephemeral key, which must be the one its hello committed to.
pub fn open_reveal(code: &LinkCode, hello_body: &[u8], hello: &Hello, body: &[u8]) -> Result<Bytes32, SyncError> {
    let plain = crypto::open(&code.box_key(), &bound("mend-link-reveal-v1", hello_body), body)
        .map_err(|_| SyncError::LinkTampered)?;
    let ephemeral = key32(&plain)?;
    if commitment(&ephemeral) != hello.commitment {
        return Err(SyncError::LinkTampered);
    }
    Ok(ephemeral)
}

/// The approving device's "no" (the digits did not match), so the new device stops waiting.
pub fn seal_refusal(code: &LinkCode, hello: &[u8]) -> Vec<u8> {
    crypto::seal(&code.box_key(), &bound("mend-link-refusal-v1", hello), b"")
}

pub fn is_refusal(code: &LinkCode, hello: &[u8], body: &[u8]) -> bool {
    crypto::open(&code.box_key(), &bound("mend-link-refusal-v1", hello), body).is_ok()
}

/// The session both sides compute: `ours` is this side's ephemeral secret, `theirs` the other's public key,
/// `new_ephemeral` and `approver_ephemeral` the two public keys in that order.
pub fn session(
    code: &LinkCode,
    hello: &[u8],
    ours: &Ephemeral,
    theirs: &Bytes32,
    new_ephemeral: &Bytes32,
    approver_ephemeral: &Bytes32,
) -> Result<Session, SyncError> {
    let shared = ours.0.diffie_hellman(&PublicKey::from(*theirs));
    if !shared.was_contributory() {
        return Err(SyncError::LinkTampered);
    }
    let mut transcript = crypto::hash("mend-link-hello-hash-v1", hello).to_vec();
    transcript.extend_from_slice(new_ephemeral);
    transcript.extend_from_slice(approver_ephemeral);
    let transcript = crypto::hash("mend-link-transcript-v1", &transcript);
    let mut ikm = Zeroizing::new(shared.as_bytes().to_vec());
    ikm.extend_from_slice(code.secret());
    ikm.extend_from_slice(&transcript);
    let key = Zeroizing::new(crypto::derive(&ikm, "mend-link-session-v1"));
    let digits = crypto::derive(key.as_ref(), "mend-link-digits-v1");
    let number = u64::from_be_bytes(digits[..8].try_into().expect("8 bytes")) % 1_000_000;
    Ok(Session {
        digits: format!("{number:06}"),
        final_key: Zeroizing::new(crypto::derive(key.as_ref(), "mend-link-final-v1")),
    })
}

/// The final message: what the new device needs and cannot get from the server.
pub fn seal_handover(session: &Session, hello: &[u8], handover: &Handover) -> Vec<u8> {
    let mut plain = Zeroizing::new(Vec::with_capacity(80));
    for id in [&handover.account_id, &handover.device_id] {
        plain.push(id.len().min(255) as u8);
        plain.extend_from_slice(&id[..id.len().min(255)]);
    }
    plain.extend_from_slice(&handover.epoch.to_be_bytes());
    plain.extend_from_slice(handover.names.bytes());
    plain.extend_from_slice(&handover.key);
    crypto::seal(&session.final_key, &bound("mend-link-final-v1", hello), &plain)
}

pub fn open_handover(session: &Session, hello: &[u8], body: &[u8]) -> Result<Handover, SyncError> {
    let plain = Zeroizing::new(
        crypto::open(&session.final_key, &bound("mend-link-final-v1", hello), body)
            .map_err(|_| SyncError::LinkTampered)?,
    );
    parse_handover(&plain)
}

/// An opened final message's fields (fuzzed: `fuzz/fuzz_targets/sync_link.rs`).
pub fn parse_handover(plain: &[u8]) -> Result<Handover, SyncError> {
    let mut rest: &[u8] = plain;
    let mut ids = Vec::with_capacity(2);
    for _ in 0..2 {
        let (&len, tail) = rest.split_first().ok_or(SyncError::LinkTampered)?;
        let len = usize::from(len);
        if len == 0 || tail.len() < len {
            return Err(SyncError::LinkTampered);
        }
        ids.push(tail[..len].to_vec());
        rest = &tail[len..];
    }
    if rest.len() != 4 + 32 + 32 {
        return Err(SyncError::LinkTampered);
    }
    let epoch = u32::from_be_bytes(rest[..4].try_into().expect("4 bytes"));
    let names = NamingKey::from_bytes(key32(&rest[4..36])?);
    let key = key32(&rest[36..])?;
    let device_id = ids.pop().expect("two ids");
    let account_id = ids.pop().expect("two ids");
    Ok(Handover { account_id, device_id, epoch, names, key })
}

#[cfg(test)]
mod tests;
