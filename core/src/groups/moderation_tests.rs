//! The moderator's side as an attacker would probe it: a charter draft changed on its way between owners (every
//! character), a draft that skips a version (or names the last possible version as the one in force), and a
//! handover that needs both sides' signatures; a group's state as a server hands it to a moderator's device — a
//! charter hidden, changed or from another root, a pack from someone who was never a publisher — refused before
//! anything is signed on top of it.

use chrono::{Duration, TimeZone, Utc};
use mend_protocol::groups::{Channel, GroupState, SignedWrite};

use super::charter::{Charter, Moderator, SignedCharter};
use super::charter_box;
use super::charter_change::removes_someone;
use super::charter_flow::{DRAFT_HEADER, Draft, changes};
use super::current;
use super::error::GroupError;
use super::items::ItemKind;
use super::keys::{GroupSecrets, mailbox_id};
use super::pack::Pack;
use super::posting::opened;
use super::sections::{self, Section};
use crate::crypto::{self, SigningKey};
use crate::fixtures::groups as fixtures;

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2027, 1, 10, 12, 0, 0).unwrap()
}

struct Setup {
    secrets: GroupSecrets,
    old_owner: SigningKey,
    new_owner: SigningKey,
    midwife: SigningKey,
    v1: SignedCharter,
}

fn setup() -> Setup {
    let secrets = GroupSecrets::generate();
    let (old_owner, new_owner, midwife) = (SigningKey::generate(), SigningKey::generate(), SigningKey::generate());
    let publishers: [(&str, &SigningKey, &[ItemKind]); 2] =
        [("owner", &old_owner, &ItemKind::ALL), ("midwife", &midwife, &[ItemKind::Meeting, ItemKind::Service])];
    let charter = fixtures::charter(&secrets, &[&old_owner], 1, &publishers, now());
    let mut v1 = SignedCharter::new(&charter).unwrap();
    v1.sign(&old_owner);
    Setup { secrets, old_owner, new_owner, midwife, v1 }
}

/// Version 2: the handover (the new owner in, the old one out), unsigned.
fn handover(setup: &Setup) -> Charter {
    let mut next = setup.v1.charter().unwrap();
    next.version = 2;
    next.previous = Some(setup.v1.hash());
    next.owners =
        vec![Moderator { name: "Sam".into(), signing_key: setup.new_owner.public(), exchange_key: crypto::random() }];
    next.publishers.retain(|p| p.signing_key != setup.old_owner.public());
    next
}

#[test]
fn a_handover_draft_needs_both_sides_and_every_changed_character_is_refused() {
    let setup = setup();
    let mut proposed = SignedCharter::new(&handover(&setup)).unwrap();
    proposed.sign(&setup.old_owner);
    let mut draft = Draft { previous: setup.v1.clone(), proposed };
    let status = draft.status().unwrap();
    assert_eq!((status.old_owners_signed, status.new_owners_signed, status.ready), (1, 0, false));
    assert!(status.changes.iter().any(|c| c == "new owner: Sam"), "{:?}", status.changes);
    assert!(status.changes.iter().any(|c| c == "owner leaving: owner 0"), "{:?}", status.changes);
    draft.proposed.sign(&setup.new_owner);
    assert!(draft.status().unwrap().ready);

    let text = draft.to_text();
    assert_eq!(Draft::from_text(&text).unwrap(), draft);
    let body = text.lines().nth(1).unwrap();
    for at in 0..body.len() {
        let mut chars: Vec<char> = body.chars().collect();
        chars[at] = if chars[at] == 'A' { 'B' } else { 'A' };
        let changed = format!("{DRAFT_HEADER}\n{}\n", chars.iter().collect::<String>());
        assert!(Draft::from_text(&changed).is_err(), "a change at {at} was accepted");
    }
    assert!(
        matches!(Draft::from_text(&text[..text.len() - 5]), Err(GroupError::Invalid { field, .. }) if field == "draft")
    );
    assert!(Draft::from_text(&text.replace(DRAFT_HEADER, "a charter")).is_err());
}

#[test]
fn a_draft_that_skips_a_version_or_names_another_charter_is_refused() {
    let setup = setup();
    let mut skipping = handover(&setup);
    skipping.version = 3;
    let draft = Draft { previous: setup.v1.clone(), proposed: SignedCharter::new(&skipping).unwrap() };
    assert!(matches!(Draft::from_text(&draft.to_text()), Err(GroupError::Refused { .. })));
    let mut elsewhere = handover(&setup);
    elsewhere.previous = Some([9; 32]);
    let draft = Draft { previous: setup.v1.clone(), proposed: SignedCharter::new(&elsewhere).unwrap() };
    assert!(matches!(Draft::from_text(&draft.to_text()), Err(GroupError::Refused { .. })));
    // A draft naming the last possible version as the one in force is refused, not an overflow.
    let mut last = handover(&setup);
    last.version = u32::MAX;
    let last = SignedCharter::new(&last).unwrap();
    let mut after = handover(&setup);
    after.previous = Some(last.hash());
    let draft = Draft { previous: last, proposed: SignedCharter::new(&after).unwrap() };
    assert!(matches!(Draft::from_text(&draft.to_text()), Err(GroupError::Refused { .. })));
}

fn charter_write(setup: &Setup, charter: &SignedCharter, sequence: u64) -> SignedWrite {
    let mailbox = mailbox_id(&setup.secrets.read_key);
    let body = charter_box::seal(&setup.secrets.read_key, &mailbox, charter);
    SignedWrite { channel: Channel::Charter, sequence, expires_at: 0, body, signature: vec![0; 64] }
}

fn pack_write(setup: &Setup, by: &SigningKey, version: u32) -> SignedWrite {
    let section = Section {
        group_id: setup.secrets.group_id,
        publisher: by.public(),
        sequence: 4,
        charter_version: version,
        issued_at: now(),
        expires_at: now() + Duration::days(30),
        items: vec![fixtures::meeting("tuesday")],
    };
    let body = Pack::single(&section, by).unwrap().seal(by, &setup.secrets.read_key).unwrap();
    SignedWrite { channel: Channel::Pack, sequence: 4, expires_at: 0, body, signature: vec![0; 64] }
}

fn state(charters: Vec<SignedWrite>, pack: Option<SignedWrite>) -> GroupState {
    GroupState {
        mailbox_id: mailbox_id(&[0; 32]).to_vec(),
        found: true,
        write_key: vec![0; 32],
        key_generation: 1,
        pack,
        charters,
    }
}

#[test]
fn a_moderator_builds_only_on_a_state_verified_from_their_own_root() {
    let setup = setup();
    let mut v2 = SignedCharter::new(&handover(&setup)).unwrap();
    v2.sign(&setup.old_owner);
    v2.sign(&setup.new_owner);
    let key = &setup.secrets.read_key;
    let root = setup.v1.hash();
    let good = state(
        vec![charter_write(&setup, &setup.v1, 1), charter_write(&setup, &v2, 2)],
        Some(pack_write(&setup, &setup.midwife, 2)),
    );
    let verified = current::verify(&root, key, &good).unwrap();
    assert_eq!((verified.trust.charter.version, verified.pack_sequence, verified.chain.len()), (2, 4, 2));
    assert_eq!(verified.pack.unwrap().sections.len(), 1);

    // The server hides version 1: nothing to verify from.
    let hidden = state(vec![charter_write(&setup, &v2, 2)], None);
    assert!(current::verify(&root, key, &hidden).is_err());
    // Version 2 lacks the new owner's signature: refused.
    let mut half = SignedCharter::new(&handover(&setup)).unwrap();
    half.sign(&setup.old_owner);
    let unsigned = state(vec![charter_write(&setup, &setup.v1, 1), charter_write(&setup, &half, 2)], None);
    assert!(matches!(current::verify(&root, key, &unsigned), Err(GroupError::Refused { .. })));
    // Another root: refused.
    assert!(matches!(current::verify(&[7; 32], key, &good), Err(GroupError::Refused { .. })));
    // A changed byte in a charter box: refused.
    let mut changed = charter_write(&setup, &v2, 2);
    let middle = changed.body.len() / 2;
    changed.body[middle] ^= 1;
    let tampered = state(vec![charter_write(&setup, &setup.v1, 1), changed], None);
    assert!(current::verify(&root, key, &tampered).is_err());
    // A pack signed by someone who was never a publisher: refused.
    let stranger = SigningKey::generate();
    let strange = state(vec![charter_write(&setup, &setup.v1, 1)], Some(pack_write(&setup, &stranger, 1)));
    assert!(matches!(current::verify(&root, key, &strange), Err(GroupError::Refused { .. })));
}

#[test]
fn removing_anyone_who_held_the_write_key_calls_for_a_new_one_and_the_changes_are_told_plainly() {
    let setup = setup();
    let v1 = setup.v1.charter().unwrap();
    let mut same = v1.clone();
    same.description = "Now fortnightly.".into();
    assert!(!removes_someone(&v1, &same));
    assert_eq!(changes(&v1, &same)[0], "description becomes: \u{201c}Now fortnightly.\u{201d}");
    let mut without_midwife = v1.clone();
    without_midwife.publishers.retain(|p| p.signing_key != setup.midwife.public());
    assert!(removes_someone(&v1, &without_midwife));
    assert!(changes(&v1, &without_midwife).contains(&"publisher leaving: midwife".to_owned()));
    assert!(removes_someone(&v1, &handover(&setup)), "an owner leaving");
}

/// A pack of `items` by `by`, named for charter `version`, as the server would hold it.
fn pack_of(setup: &Setup, by: &SigningKey, version: u32, items: Vec<super::items::Item>) -> SignedWrite {
    let section = Section {
        group_id: setup.secrets.group_id,
        publisher: by.public(),
        sequence: 5,
        charter_version: version,
        issued_at: now(),
        expires_at: now() + Duration::days(30),
        items,
    };
    let body = Pack::single(&section, by).unwrap().seal(by, &setup.secrets.read_key).unwrap();
    SignedWrite { channel: Channel::Pack, sequence: 5, expires_at: 0, body, signature: vec![0; 64] }
}

#[test]
fn a_moderator_carries_forward_only_sections_members_would_accept_and_never_builds_on_a_shorter_chain() {
    let setup = setup();
    let mut v2 = SignedCharter::new(&handover(&setup)).unwrap();
    v2.sign(&setup.old_owner);
    v2.sign(&setup.new_owner);
    let (key, root) = (&setup.secrets.read_key, setup.v1.hash());
    let both = || vec![charter_write(&setup, &setup.v1, 1), charter_write(&setup, &v2, 2)];
    // What the new owner's next pack would carry of the current one.
    let carried = |write: SignedWrite| {
        let current = current::verify(&root, key, &state(both(), Some(write))).unwrap();
        assert_eq!(current.pack_sequence, 5, "its sequence still counts");
        let previous = current.pack.as_ref().map(|p| p.sections.clone()).unwrap_or_default();
        assert_eq!(opened(&current).len(), previous.len());
        let charter = &current.trust.charter;
        sections::merge(&previous, None, &setup.new_owner.public(), charter, 6, now(), &|k| sections::name(charter, k))
            .unwrap()
    };

    // A section made under charter 1 by a publisher charter 2 still lists, within her scopes: carried unchanged.
    let meeting = vec![fixtures::meeting("tuesday")];
    let (kept, dropped) = carried(pack_of(&setup, &setup.midwife, 1, meeting.clone()));
    assert_eq!((kept.len(), dropped.len()), (1, 0));
    // Outside her scope (the midwife publishes meetings and services, not hotlines): dropped, and said so.
    let (kept, dropped) = carried(pack_of(&setup, &setup.midwife, 2, vec![fixtures::hotline("line")]));
    assert!(kept.is_empty() && dropped[0].publisher == "midwife" && dropped[0].reason.contains("outside"));
    // The old owner, gone in charter 2: their section is dropped, never re-signed as the new owner's.
    let (kept, dropped) = carried(pack_of(&setup, &setup.old_owner, 1, meeting));
    assert!(kept.is_empty() && dropped[0].reason.contains("not by a publisher"), "{dropped:?}");

    // A server that hides version 2 from a device that already verified it: refused before anything is signed.
    let shorter = current::verify(&root, key, &state(vec![charter_write(&setup, &setup.v1, 1)], None)).unwrap();
    let known = [setup.v1.clone(), v2.clone()];
    assert!(matches!(current::extends(&shorter, &known), Err(GroupError::Refused { .. })));
    let longer = current::verify(&root, key, &state(both(), None)).unwrap();
    assert!(current::extends(&longer, &known).is_ok() && current::extends(&longer, &known[..1]).is_ok());
}
