//! The moderators' desk sealed and opened: each recipient opens it, a non-recipient cannot, every flipped bit
//! is refused, and a writer the charter does not list as owner or publisher is refused.

use chrono::{TimeZone, Utc};

use super::desk::{self, Desk, Note, RosterEntry, Status};
use super::hpke_seal;
use super::intake::{IntakeKey, moderators_mailbox_id};
use crate::crypto::{self, Bytes32, SigningKey};
use crate::fixtures::groups as fixtures;
use crate::groups::charter::Charter;
use crate::groups::error::GroupError;
use crate::groups::items::ItemKind;
use crate::groups::keys::GroupSecrets;

struct Moderators {
    charter: Charter,
    owner: SigningKey,
    publisher: SigningKey,
    /// The owner's and the publisher's X25519 secrets; the charter lists their public halves.
    exchange: [Bytes32; 2],
    mailbox: Bytes32,
}

fn moderators() -> Moderators {
    let secrets = GroupSecrets::generate();
    let (owner, publisher) = (SigningKey::generate(), SigningKey::generate());
    let now = Utc.with_ymd_and_hms(2027, 3, 1, 12, 0, 0).unwrap();
    let mut charter = fixtures::charter(&secrets, &[&owner], 1, &[("editor", &publisher, &ItemKind::ALL)], now);
    let exchange: [Bytes32; 2] = [crypto::random(), crypto::random()];
    charter.owners[0].exchange_key = hpke_seal::public_of(&exchange[0]);
    charter.publishers[0].exchange_key = hpke_seal::public_of(&exchange[1]);
    let mailbox = moderators_mailbox_id(&crypto::random());
    Moderators { charter, owner, publisher, exchange, mailbox }
}

fn desk(charter: &Charter) -> Desk {
    Desk {
        group_id: charter.group_id,
        sequence: 3,
        intake_secret: *IntakeKey::generate().secret(),
        epoch: 1,
        read_key: crypto::random(),
        roster: vec![RosterEntry {
            member_key: crypto::random(),
            display_name: "Sam".into(),
            status: Status::Pending,
            changed_at: 1_800_000_000,
            request_id: crypto::random(),
        }],
        inbox_read_up_to: 12,
        notes: vec![Note {
            author: "Ana".into(),
            text: "MARKER change the Tuesday passcode".into(),
            at: 1_800_000_100,
        }],
        draft: Some(b"a draft charter".to_vec()),
    }
}

#[test]
fn every_recipient_opens_the_desk_and_a_non_recipient_cannot() {
    let mods = moderators();
    let desk = desk(&mods.charter);
    let sealed = desk::seal(&desk, &mods.mailbox, &mods.owner, &desk::recipients(&mods.charter)).unwrap();
    assert!(!sealed.windows(6).any(|w| w == b"MARKER"), "the server reads nothing");
    for secret in &mods.exchange {
        let opened = desk::open(&sealed, secret, &mods.mailbox).unwrap();
        assert_eq!(opened.writer_public, mods.owner.public());
        assert_eq!(opened.verify(&mods.charter, &[]).unwrap(), &desk);
    }
    let stranger: Bytes32 = crypto::random();
    assert!(matches!(desk::open(&sealed, &stranger, &mods.mailbox), Err(GroupError::Refused { what: "desk", .. })));
    let elsewhere = moderators_mailbox_id(&crypto::random());
    assert!(desk::open(&sealed, &mods.exchange[0], &elsewhere).is_err(), "another mailbox's place");
    let debug = format!("{desk:?}");
    assert!(!debug.contains("MARKER") && !debug.contains(&format!("{:?}", desk.read_key)), "{debug}");
}

#[test]
fn every_flipped_bit_and_every_cut_is_refused() {
    let mods = moderators();
    let sealed =
        desk::seal(&desk(&mods.charter), &mods.mailbox, &mods.publisher, &desk::recipients(&mods.charter)).unwrap();
    for bit in 0..sealed.len() * 8 {
        let mut flipped = sealed.clone();
        flipped[bit / 8] ^= 1 << (bit % 8);
        assert!(desk::open(&flipped, &mods.exchange[1], &mods.mailbox).is_err(), "bit {bit}");
    }
    for cut in [0, 1, sealed.len() / 2, sealed.len() - 1] {
        assert!(desk::open(&sealed[..cut], &mods.exchange[1], &mods.mailbox).is_err(), "{cut}");
    }
    let huge = vec![0; desk::MAX_DESK_BYTES + 64 * 1024];
    assert_eq!(
        desk::open(&huge, &mods.exchange[1], &mods.mailbox).unwrap_err(),
        GroupError::Malformed { what: "desk" }
    );
}

#[test]
fn a_writer_the_charter_does_not_list_is_refused() {
    let mods = moderators();
    let desk = desk(&mods.charter);
    let stranger = SigningKey::generate();
    let sealed = desk::seal(&desk, &mods.mailbox, &stranger, &desk::recipients(&mods.charter)).unwrap();
    let opened = desk::open(&sealed, &mods.exchange[0], &mods.mailbox).unwrap();
    assert!(matches!(opened.verify(&mods.charter, &[]), Err(GroupError::Refused { what: "desk", .. })));
    // The publisher writes too; another group's charter does not list them.
    let sealed = desk::seal(&desk, &mods.mailbox, &mods.publisher, &desk::recipients(&mods.charter)).unwrap();
    let opened = desk::open(&sealed, &mods.exchange[0], &mods.mailbox).unwrap();
    assert!(opened.verify(&mods.charter, &[]).is_ok());
    let mut other = mods.charter.clone();
    other.group_id = crypto::random();
    assert!(matches!(opened.verify(&other, &[]), Err(GroupError::Refused { .. })));
}

#[test]
fn a_desk_breaking_the_rules_is_refused_naming_the_field() {
    let mods = moderators();
    let field = |desk: &Desk| match desk::seal(desk, &mods.mailbox, &mods.owner, &desk::recipients(&mods.charter)) {
        Err(GroupError::Invalid { field, .. }) => field,
        other => panic!("{:?}", other.map(|b| b.len())),
    };
    let good = desk(&mods.charter);
    let mut bad = good.clone();
    bad.roster[0].display_name = "Sam\u{7}".into();
    assert_eq!(field(&bad), "desk.roster.display_name");
    let mut bad = good.clone();
    bad.roster.push(bad.roster[0].clone());
    assert_eq!(field(&bad), "desk.roster");
    let mut bad = good.clone();
    bad.notes[0].text = "x".repeat(desk::MAX_NOTE_BYTES + 1);
    assert_eq!(field(&bad), "desk.notes.text");
    let mut bad = good.clone();
    bad.notes = vec![bad.notes[0].clone(); desk::MAX_NOTES + 1];
    assert_eq!(field(&bad), "desk.notes");
    let mut bad = good.clone();
    bad.draft = Some(vec![0; desk::MAX_DRAFT_BYTES + 1]);
    assert_eq!(field(&bad), "desk.draft");
    let mut bad = good.clone();
    bad.epoch = 0;
    assert_eq!(field(&bad), "desk.epoch");
    assert!(matches!(desk::seal(&good, &mods.mailbox, &mods.owner, &[]), Err(GroupError::Invalid { .. })));
}

#[test]
fn an_owner_who_signed_the_charter_handing_over_is_trusted_until_the_next_one() {
    use crate::groups::charter::{Moderator, SignedCharter};
    let mods = moderators();
    let (newcomer, stranger) = (SigningKey::generate(), SigningKey::generate());
    // The handover: the owner out, a new owner in, both signing; a stranger's signature rides along.
    let mut next = mods.charter.clone();
    next.version += 1;
    next.previous = Some(crypto::random());
    next.owners = vec![Moderator {
        name: "Noor".into(),
        signing_key: newcomer.public(),
        exchange_key: hpke_seal::public_of(&crypto::random()),
    }];
    next.publishers.retain(|p| p.signing_key != mods.owner.public());
    let mut in_force = SignedCharter::new(&next).unwrap();
    for key in [&mods.owner, &newcomer, &stranger] {
        in_force.sign(key);
    }
    let departing = desk::departing_signers(&mods.charter, &in_force).unwrap();
    assert_eq!(departing, vec![mods.owner.public()], "only the owner who left and signed");

    let sealed = desk::seal(&desk(&next), &mods.mailbox, &mods.owner, &desk::recipients(&mods.charter)).unwrap();
    let opened = desk::open(&sealed, &mods.exchange[0], &mods.mailbox).unwrap();
    assert!(matches!(opened.verify(&next, &[]), Err(GroupError::Refused { what: "desk", .. })));
    assert!(opened.verify(&next, &departing).is_ok());

    // An owner removed by others never signed the charter that removes them.
    let mut removed = SignedCharter::new(&next).unwrap();
    removed.sign(&newcomer);
    assert!(desk::departing_signers(&mods.charter, &removed).unwrap().is_empty());
}
