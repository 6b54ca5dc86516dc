//! A join request: the key a member's device made for this group, the display name they chose and a random
//! request id, sealed with HPKE to the group's intake key (info `mend-group-join-v1`, bound to the intake
//! mailbox). Every request is padded to one size before sealing, so the server sees sealed boxes of one length
//! whatever the name; opening refuses any other length, any padding that is not zeros, and any name that breaks
//! the rules.

use serde::{Deserialize, Serialize};

use super::hpke_seal;
use super::intake::{IntakeKey, intake_mailbox_id};
use crate::crypto::{self, Bytes32};
use crate::groups::codec;
use crate::groups::error::{GroupError, Result};

/// The HPKE info label of join requests.
pub const JOIN_INFO: &[u8] = b"mend-group-join-v1";
/// The most characters a display name may have.
pub const MAX_NAME_CHARS: usize = 64;
/// The padded plaintext's length: a length prefix, the encoded request (at most 2 + 32 + 1 + 256 + 16 + 10
/// bytes), then zeros.
const PADDED_LEN: usize = 384;
/// Every sealed request's length.
pub const SEALED_LEN: usize = PADDED_LEN + hpke_seal::OVERHEAD;

/// What a member's device asks to join with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JoinRequest {
    /// The X25519 public key the member's device made for this group (the roster seals read keys to it).
    pub member_key: Bytes32,
    /// The name the member chose, as moderators see it.
    pub display_name: String,
    /// Random: tells two requests with one name apart.
    pub request_id: [u8; 16],
    /// Seconds since the Unix epoch, by the member's clock.
    pub requested_at: i64,
}

impl JoinRequest {
    /// A request with a new random id and `display_name` trimmed (checked).
    pub fn new(member_key: Bytes32, display_name: &str, requested_at: i64) -> Result<JoinRequest> {
        let request = JoinRequest {
            member_key,
            display_name: display_name.trim().to_owned(),
            request_id: crypto::random(),
            requested_at,
        };
        request.check()?;
        Ok(request)
    }

    /// Checks the request's fields.
    pub fn check(&self) -> Result<()> {
        check_display_name("display_name", &self.display_name)
    }
}

/// A character a name must not hold: a control character, or one that is invisible or turns text around.
pub fn hidden(c: char) -> bool {
    c.is_control() || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A display name: trimmed, 1 to 64 characters, no control or bidirectional-override characters (it is shown to
/// moderators, who must see what was written).
pub fn check_display_name(field: &str, name: &str) -> Result<()> {
    let count = name.chars().count();
    if name.trim() != name {
        return Err(GroupError::invalid(field, "must not start or end with spaces"));
    }
    if count == 0 || count > MAX_NAME_CHARS {
        return Err(GroupError::invalid(field, "must be 1-64 characters"));
    }
    if name.chars().any(hidden) {
        return Err(GroupError::invalid(field, "must not contain control characters"));
    }
    Ok(())
}

fn aad(intake_public: &Bytes32) -> Bytes32 {
    intake_mailbox_id(intake_public)
}

/// The bytes to post to the join inbox of the group whose intake key is `intake_public`: always
/// [`SEALED_LEN`] long.
pub fn seal(intake_public: &Bytes32, request: &JoinRequest) -> Result<Vec<u8>> {
    request.check()?;
    let encoded = codec::encode(request);
    let mut padded = zeroize::Zeroizing::new(vec![0u8; PADDED_LEN]);
    let length = u16::try_from(encoded.len()).expect("a checked request is a few hundred bytes");
    padded[..2].copy_from_slice(&length.to_be_bytes());
    padded[2..2 + encoded.len()].copy_from_slice(&encoded);
    hpke_seal::seal_to("join request", intake_public, JOIN_INFO, &aad(intake_public), &padded)
}

/// Opens a join request read from the group's join inbox with the intake key from the desk.
pub fn open(intake: &IntakeKey, sealed: &[u8]) -> Result<JoinRequest> {
    let malformed = || GroupError::Malformed { what: "join request" };
    if sealed.len() != SEALED_LEN {
        return Err(malformed());
    }
    let padded = hpke_seal::open_with("join request", intake.secret(), JOIN_INFO, &aad(&intake.public()), sealed)?;
    let (length, rest) = padded.split_at(2);
    let length = usize::from(u16::from_be_bytes([length[0], length[1]]));
    if padded.len() != PADDED_LEN || length > rest.len() || rest[length..].iter().any(|&b| b != 0) {
        return Err(malformed());
    }
    let request: JoinRequest = codec::decode(&rest[..length], "join request", PADDED_LEN)?;
    request.check()?;
    Ok(request)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(name: &str) -> JoinRequest {
        JoinRequest::new(crypto::random(), name, 1_800_000_000).unwrap()
    }

    #[test]
    fn a_request_opens_with_its_intake_key_only_and_every_request_is_one_size() {
        let intake = IntakeKey::generate();
        let short = request("  Sam ");
        assert_eq!(short.display_name, "Sam");
        let long = request(&"é".repeat(32).chars().chain("🌱".repeat(32).chars()).collect::<String>());
        let (sealed_short, sealed_long) =
            (seal(&intake.public(), &short).unwrap(), seal(&intake.public(), &long).unwrap());
        assert_eq!((sealed_short.len(), sealed_long.len()), (SEALED_LEN, SEALED_LEN));
        assert_eq!(open(&intake, &sealed_short).unwrap(), short);
        assert_eq!(open(&intake, &sealed_long).unwrap(), long);
        let other = IntakeKey::generate();
        assert!(matches!(open(&other, &sealed_short), Err(GroupError::Crypto { what: "join request", .. })));
        // Sealed to the other key but read from this group's inbox: the aad differs, so it does not open either.
        let misplaced = hpke_seal::seal_to("join request", &intake.public(), JOIN_INFO, &[0; 32], &[0; PADDED_LEN]);
        assert!(open(&intake, &misplaced.unwrap()).is_err());
    }

    #[test]
    fn every_flipped_bit_and_every_other_size_is_refused() {
        let intake = IntakeKey::generate();
        let sealed = seal(&intake.public(), &request("Sam")).unwrap();
        for bit in 0..sealed.len() * 8 {
            let mut flipped = sealed.clone();
            flipped[bit / 8] ^= 1 << (bit % 8);
            assert!(open(&intake, &flipped).is_err(), "bit {bit}");
        }
        let malformed = GroupError::Malformed { what: "join request" };
        assert_eq!(open(&intake, &sealed[..SEALED_LEN - 1]).unwrap_err(), malformed);
        assert_eq!(open(&intake, &[sealed.clone(), vec![0]].concat()).unwrap_err(), malformed);
        assert_eq!(open(&intake, &[]).unwrap_err(), malformed);
    }

    #[test]
    fn padding_that_is_not_zeros_or_a_wrong_length_is_refused() {
        let intake = IntakeKey::generate();
        let aad = intake_mailbox_id(&intake.public());
        let encoded = codec::encode(&request("Sam"));
        let padded = |length: u16, tail: u8| {
            let mut padded = vec![0u8; PADDED_LEN];
            padded[..2].copy_from_slice(&length.to_be_bytes());
            padded[2..2 + encoded.len()].copy_from_slice(&encoded);
            padded[PADDED_LEN - 1] = tail;
            hpke_seal::seal_to("join request", &intake.public(), JOIN_INFO, &aad, &padded).unwrap()
        };
        let length = encoded.len() as u16;
        assert!(open(&intake, &padded(length, 0)).is_ok());
        for bad in [padded(length, 1), padded(length + 1, 0), padded(length - 1, 0), padded(PADDED_LEN as u16, 0)] {
            assert_eq!(open(&intake, &bad).unwrap_err(), GroupError::Malformed { what: "join request" });
        }
    }

    #[test]
    fn bad_names_are_refused_naming_the_field() {
        for name in ["", "   ", &"a".repeat(65), "Sam\u{0}", "Sam\nDrop", "\u{202E}maS", "Sa\u{200B}m"] {
            match JoinRequest::new(crypto::random(), name, 0) {
                Err(GroupError::Invalid { field, .. }) => assert_eq!(field, "display_name", "{name:?}"),
                other => panic!("{name:?} gave {other:?}"),
            }
        }
        assert!(JoinRequest::new(crypto::random(), &"a".repeat(64), 0).is_ok());
        // A name that was not trimmed before sealing is refused when opened, as when made.
        let intake = IntakeKey::generate();
        let mut untrimmed = request("Sam");
        untrimmed.display_name = " Sam".into();
        assert!(matches!(seal(&intake.public(), &untrimmed), Err(GroupError::Invalid { .. })));
    }
}
