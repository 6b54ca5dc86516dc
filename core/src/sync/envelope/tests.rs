//! The envelope: records of every size round-trip in their bucket; every flipped bit, every truncation, another
//! key, and every part of the place changed is refused with a typed error; padding is checked byte by byte.

use super::*;

fn place<'a>() -> Place<'a> {
    Place { account: b"account-0123456", collection: b"collection-tag-16", record: b"guid-1", epoch: 3, schema: 1 }
}

#[test]
fn records_of_every_size_round_trip_in_their_bucket() {
    let key = DataKey::generate();
    for len in [0, 1, 252, 253, 300, 508, 509, 4096, MAX_PADDED - 4] {
        let record: Vec<u8> = (0..len).map(|i| (i % 251) as u8).collect();
        let body = seal(&key, &place(), &record).unwrap();
        assert_eq!(body.len(), OVERHEAD + bucket(len).unwrap(), "{len}");
        assert_eq!(open(&key, &place(), &body).unwrap(), record, "{len}");
    }
    assert_eq!(bucket(300), Some(512), "a 300-byte row fits a 512-byte bucket");
    assert_eq!((bucket(252), bucket(253)), (Some(256), Some(512)));
    assert_eq!(seal(&key, &place(), &vec![0; MAX_PADDED - 3]), Err(EnvelopeError::TooLarge));
    let twice = (seal(&key, &place(), b"same").unwrap(), seal(&key, &place(), b"same").unwrap());
    assert_ne!(twice.0, twice.1, "a fresh nonce each time");
}

#[test]
fn every_flipped_bit_and_every_truncation_is_refused() {
    let key = DataKey::generate();
    let body = seal(&key, &place(), b"{\"mood\":4,\"note\":\"private\"}").unwrap();
    for i in 0..body.len() * 8 {
        let mut bad = body.clone();
        bad[i / 8] ^= 1 << (i % 8);
        let err = open(&key, &place(), &bad).unwrap_err();
        let expected = if i < 8 { EnvelopeError::UnknownVersion } else { EnvelopeError::Unsealed };
        assert_eq!(err, expected, "bit {i}");
    }
    for len in 0..body.len() {
        assert!(open(&key, &place(), &body[..len]).is_err(), "{len} bytes");
    }
    let mut longer = body.clone();
    longer.push(0);
    assert_eq!(open(&key, &place(), &longer), Err(EnvelopeError::Unsealed));
}

#[test]
fn another_key_or_any_other_place_does_not_open() {
    let key = DataKey::generate();
    let body = seal(&key, &place(), b"row").unwrap();
    assert_eq!(open(&DataKey::generate(), &place(), &body), Err(EnvelopeError::Unsealed));
    let moved = [
        Place { account: b"account-other-00", ..place() },
        Place { collection: b"collection-tag-17", ..place() },
        Place { record: b"guid-2", ..place() },
        Place { epoch: 4, ..place() },
        Place { schema: 2, ..place() },
        // Length prefixes keep parts from sliding into each other.
        Place { collection: b"collection-tag-16g", record: b"uid-1", ..place() },
    ];
    for other in moved {
        assert_eq!(open(&key, &other, &body), Err(EnvelopeError::Unsealed), "{other:?}");
    }
}

#[test]
fn padding_is_checked_byte_by_byte() {
    let mut padded = vec![0u8; 512];
    padded[..4].copy_from_slice(&300u32.to_le_bytes());
    padded[4..304].fill(7);
    assert_eq!(unpad(&padded).unwrap(), &[7u8; 300][..]);
    let mut stray = padded.clone();
    stray[400] = 1;
    assert_eq!(unpad(&stray), Err(EnvelopeError::BadPadding));
    assert_eq!(unpad(&padded[..256]), Err(EnvelopeError::BadPadding), "a length beyond the bucket");
    let mut small = padded.clone();
    small[..4].copy_from_slice(&10u32.to_le_bytes());
    assert_eq!(unpad(&small), Err(EnvelopeError::BadPadding), "a 10-byte record belongs in 256 bytes");
    let mut huge = padded;
    huge[..4].copy_from_slice(&u32::MAX.to_le_bytes());
    assert_eq!(unpad(&huge), Err(EnvelopeError::BadPadding));
    assert_eq!(unpad(&[1, 0]), Err(EnvelopeError::BadPadding));
}
