//! Groups verified as an attacker would probe them: every flipped bit of a charter, pack or invite refused; a
//! removed publisher's later pack refused; a pack outside its scope refused; an older pack replayed refused; a
//! charter that skips a version, lacks its owners' signatures or carries a stray one refused; an expired charter
//! freezes the group. Cases after awslabs/tough's 2025 advisories and TUF's root-rotation rules.

use chrono::{Duration, TimeZone, Utc};

use super::charter::{Charter, Moderator, SignedCharter};
use super::error::GroupError;
use super::invite::Invite;
use super::items::{Item, ItemBody, ItemKind};
use super::keys::{GroupSecrets, mailbox_id};
use super::pack::Pack;
use super::sections::Section;
use super::trust::GroupTrust;
use crate::crypto::{self, SigningKey};
use crate::fixtures::groups as fixtures;

pub(super) fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2027, 1, 10, 12, 0, 0).unwrap()
}

pub(super) struct Group {
    pub(super) secrets: GroupSecrets,
    pub(super) owners: Vec<SigningKey>,
    pub(super) midwife: SigningKey,
    pub(super) editor: SigningKey,
    pub(super) chain: Vec<SignedCharter>,
}

fn moderator(name: &str, key: &SigningKey) -> Moderator {
    Moderator { name: name.into(), signing_key: key.public(), exchange_key: crypto::random() }
}

fn charter_v1(secrets: &GroupSecrets, owners: &[SigningKey], midwife: &SigningKey, editor: &SigningKey) -> Charter {
    let owners: Vec<&SigningKey> = owners.iter().collect();
    let publishers: [(&str, &SigningKey, &[ItemKind]); 2] =
        [("midwife", midwife, &[ItemKind::Service, ItemKind::Meeting]), ("editor", editor, &ItemKind::ALL)];
    fixtures::charter(secrets, &owners, 2, &publishers, now())
}

pub(super) fn signed(charter: &Charter, by: &[&SigningKey]) -> SignedCharter {
    let mut signed = SignedCharter::new(charter).unwrap();
    for key in by {
        signed.sign(key);
    }
    signed
}

pub(super) fn group() -> Group {
    let secrets = GroupSecrets::generate();
    let owners = vec![SigningKey::generate(), SigningKey::generate(), SigningKey::generate()];
    let (midwife, editor) = (SigningKey::generate(), SigningKey::generate());
    let v1 = signed(&charter_v1(&secrets, &owners, &midwife, &editor), &[&owners[0], &owners[1]]);
    Group { secrets, owners, midwife, editor, chain: vec![v1] }
}

impl Group {
    pub(super) fn trust(&self) -> GroupTrust {
        GroupTrust::from_root(&self.chain[0].hash(), &self.chain[0]).unwrap()
    }

    pub(super) fn current(&self) -> Charter {
        self.chain.last().unwrap().charter().unwrap()
    }

    /// The next charter after the newest, changed by `edit`.
    pub(super) fn next_charter(&self, edit: impl FnOnce(&mut Charter)) -> Charter {
        let mut next = self.current();
        next.version += 1;
        next.previous = Some(self.chain.last().unwrap().hash());
        next.issued_at = now() - Duration::days(1);
        edit(&mut next);
        next
    }

    /// `by`'s section of `items`, numbered `sequence`, under the newest charter.
    pub(super) fn section(&self, sequence: u64, by: &SigningKey, items: Vec<Item>) -> Section {
        Section {
            group_id: self.secrets.group_id,
            publisher: by.public(),
            sequence,
            charter_version: self.current().version,
            issued_at: now() - Duration::hours(1),
            expires_at: now() + Duration::days(30),
            items,
        }
    }

    /// A pack posted by `by` holding only their section (numbered as the pack).
    pub(super) fn pack(&self, sequence: u64, by: &SigningKey, items: Vec<Item>) -> Pack {
        Pack::single(&self.section(sequence, by, items), by).unwrap()
    }

    pub(super) fn sealed(&self, sequence: u64, by: &SigningKey, items: Vec<Item>) -> Vec<u8> {
        self.pack(sequence, by, items).seal(by, &self.secrets.read_key).unwrap()
    }
}

pub(super) fn article(id: &str, markdown: &str) -> Item {
    fixtures::article(id, markdown)
}

pub(super) fn meeting() -> Item {
    fixtures::meeting("tuesday")
}

pub(super) fn hotline() -> Item {
    fixtures::hotline("listening-line")
}

pub(super) fn refused(result: Result<impl std::fmt::Debug, GroupError>) -> String {
    match result {
        Err(GroupError::Refused { reason, .. }) => reason,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn a_member_verifies_the_root_and_accepts_a_publishers_pack() {
    let group = group();
    let mut trust = group.trust();
    let sealed =
        group.sealed(1, &group.editor, vec![article("welcome", "You are welcome here."), meeting(), hotline()]);
    let pack = trust.accept_pack(&group.secrets.read_key, &sealed, now()).unwrap();
    assert_eq!(pack.items().len(), 3);
    assert_eq!(trust.pack_sequence, 1);
    assert_eq!(trust.charter.name, "Tuesday circle");
    assert_ne!(mailbox_id(&group.secrets.read_key), mailbox_id(&crypto::random()));
}

#[test]
fn every_flipped_bit_of_a_sealed_pack_is_refused() {
    let group = group();
    let sealed = group.sealed(1, &group.editor, vec![hotline()]);
    for bit in 0..sealed.len() * 8 {
        let mut flipped = sealed.clone();
        flipped[bit / 8] ^= 1 << (bit % 8);
        assert!(group.trust().accept_pack(&group.secrets.read_key, &flipped, now()).is_err(), "bit {bit}");
    }
    // A pack sealed for another group never opens in this one.
    let other = super::tests::group();
    let theirs = other.sealed(1, &other.editor, vec![hotline()]);
    assert!(matches!(
        group.trust().accept_pack(&group.secrets.read_key, &theirs, now()),
        Err(GroupError::Crypto { .. })
    ));
}

#[test]
fn every_flipped_bit_of_a_charter_is_refused() {
    let group = group();
    let root = group.chain[0].encode();
    let pinned = group.chain[0].hash();
    for bit in 0..root.len() * 8 {
        let mut flipped = root.clone();
        flipped[bit / 8] ^= 1 << (bit % 8);
        let verified = SignedCharter::decode(&flipped).and_then(|c| GroupTrust::from_root(&pinned, &c));
        assert!(verified.is_err(), "root bit {bit}");
    }
    let v2 =
        signed(&group.next_charter(|c| c.description = "Meets weekly.".into()), &[&group.owners[0], &group.owners[1]]);
    group.trust().apply_charter(&v2).unwrap();
    let bytes = v2.encode();
    for bit in 0..bytes.len() * 8 {
        let mut flipped = bytes.clone();
        flipped[bit / 8] ^= 1 << (bit % 8);
        let applied = SignedCharter::decode(&flipped).and_then(|c| group.trust().apply_charter(&c));
        assert!(applied.is_err(), "v2 bit {bit}");
    }
}

#[test]
fn every_flipped_bit_of_an_invite_is_refused_or_fails_to_verify() {
    let group = group();
    let invite = Invite {
        server: "https://groups.example.org".into(),
        charter_hash: group.chain[0].hash(),
        epoch: 1,
        read_key: group.secrets.read_key,
    };
    let link = invite.link();
    assert_eq!(Invite::parse(&link).unwrap(), invite);
    let sealed = group.sealed(1, &group.editor, vec![hotline()]);
    let fragment_at = link.find('#').unwrap() + 1 + invite.server.len();
    for bit in 0..link.len() * 8 {
        let mut bytes = link.clone().into_bytes();
        bytes[bit / 8] ^= 1 << (bit % 8);
        let Ok(text) = String::from_utf8(bytes) else { continue };
        let Ok(parsed) = Invite::parse(&text) else { continue };
        assert_ne!(parsed, invite, "bit {bit} changed nothing the parser kept");
        if bit / 8 >= fragment_at {
            let joined = GroupTrust::from_root(&parsed.charter_hash, &group.chain[0])
                .and_then(|mut trust| trust.accept_pack(&parsed.read_key, &sealed, now()).map(|_| trust));
            assert!(joined.is_err() || parsed.epoch != invite.epoch, "bit {bit} joined the group unchanged");
        }
    }
    for bad in [
        "mend://join#https://x.org.abc.1",
        "https://join#x",
        "mend://join#http://evil.example.org.AAAA.1.AAAA",
        "mend://join#",
    ] {
        assert!(Invite::parse(bad).is_err(), "{bad}");
    }
}

#[test]
fn a_removed_publishers_later_pack_is_refused() {
    let mut group = group();
    let v2 = group.next_charter(|c| c.publishers.retain(|p| p.name != "editor"));
    group.chain.push(signed(&v2, &[&group.owners[0], &group.owners[2]]));
    let mut trust = group.trust();
    trust.apply_charters(&group.chain).unwrap();
    let later = group.sealed(5, &group.editor, vec![article("later", "Words after removal.")]);
    assert!(refused(trust.accept_pack(&group.secrets.read_key, &later, now())).contains("not a publisher"));
    // Even signed as if under the old charter.
    let mut old = group.pack(6, &group.editor, vec![article("older", "Words.")]);
    old.charter_version = 1;
    let old = old.seal(&group.editor, &group.secrets.read_key).unwrap();
    assert!(trust.accept_pack(&group.secrets.read_key, &old, now()).is_err());
}

#[test]
fn a_pack_outside_its_publishers_scope_is_refused() {
    let group = group();
    let sealed = group.sealed(1, &group.midwife, vec![meeting(), article("advice", "Medical advice.")]);
    let reason = refused(group.trust().accept_pack(&group.secrets.read_key, &sealed, now()));
    assert!(reason.contains("may not publish a article") || reason.contains("outside their scope"), "{reason}");
    let within = group.sealed(2, &group.midwife, vec![meeting()]);
    group.trust().accept_pack(&group.secrets.read_key, &within, now()).unwrap();
}

#[test]
fn an_older_pack_replayed_is_refused() {
    let group = group();
    let mut trust = group.trust();
    let first = group.sealed(7, &group.editor, vec![hotline()]);
    let second = group.sealed(8, &group.editor, vec![hotline(), meeting()]);
    trust.accept_pack(&group.secrets.read_key, &first, now()).unwrap();
    trust.accept_pack(&group.secrets.read_key, &second, now()).unwrap();
    assert!(refused(trust.accept_pack(&group.secrets.read_key, &first, now())).contains("older"));
    assert!(refused(trust.accept_pack(&group.secrets.read_key, &second, now())).contains("older"));
    assert_eq!(trust.pack_sequence, 8);
}

#[test]
fn a_charter_that_skips_a_version_or_breaks_the_chain_is_refused() {
    let group = group();
    let v3 = group.next_charter(|c| {
        c.version = 3;
    });
    let v3 = signed(&v3, &[&group.owners[0], &group.owners[1]]);
    assert!(refused(group.trust().apply_charter(&v3)).contains("version 2 comes next"));
    let wrong_previous = group.next_charter(|c| c.previous = Some(crypto::random()));
    let wrong_previous = signed(&wrong_previous, &[&group.owners[0], &group.owners[1]]);
    assert!(refused(group.trust().apply_charter(&wrong_previous)).contains("does not follow"));
    let replayed_root = group.chain[0].clone();
    assert!(group.trust().apply_charter(&replayed_root).is_err(), "an older charter never replaces a newer one");
    let other_root = super::tests::group().chain[0].clone();
    assert!(GroupTrust::from_root(&group.chain[0].hash(), &other_root).is_err(), "the invite pins its own root");
}

#[test]
fn a_new_charter_needs_the_threshold_of_old_and_new_owners_and_no_stray_signature() {
    let group = group();
    let v2 = group.next_charter(|c| c.description = "Now fortnightly.".into());
    let one = signed(&v2, &[&group.owners[0]]);
    assert!(refused(group.trust().apply_charter(&one)).contains("needs 2 owners"));
    let stranger = SigningKey::generate();
    let stray = signed(&v2, &[&group.owners[0], &group.owners[1], &stranger]);
    assert!(refused(group.trust().apply_charter(&stray)).contains("not an owner"));
    let mut doubled = signed(&v2, &[&group.owners[0], &group.owners[1]]);
    doubled.signatures.push(doubled.signatures[0].clone());
    assert!(refused(group.trust().apply_charter(&doubled)).contains("signed twice"));

    // Two old owners cannot hand the group to keys that never signed.
    let (new_a, new_b) = (SigningKey::generate(), SigningKey::generate());
    let takeover = group.next_charter(|c| c.owners = vec![moderator("a", &new_a), moderator("b", &new_b)]);
    assert!(
        refused(group.trust().apply_charter(&signed(&takeover, &[&group.owners[0], &group.owners[1]])))
            .contains("of version 2")
    );
    // A handover both sides sign is accepted: a new owner in, an old one out.
    let handover = group.next_charter(|c| {
        c.owners.remove(0);
        c.owners.push(moderator("new owner", &new_a));
    });
    let handover = signed(&handover, &[&group.owners[0], &group.owners[1], &new_a]);
    let mut trust = group.trust();
    trust.apply_charter(&handover).unwrap();
    assert!(trust.charter.is_owner(&new_a.public()) && !trust.charter.is_owner(&group.owners[0].public()));
}

#[test]
fn an_expired_charter_freezes_the_group_keeping_what_was_verified() {
    let group = group();
    let mut trust = group.trust();
    trust.accept_pack(&group.secrets.read_key, &group.sealed(1, &group.editor, vec![hotline()]), now()).unwrap();
    let later = now() + Duration::days(400);
    assert!(trust.frozen(later));
    let newer = group.sealed(2, &group.editor, vec![hotline()]);
    assert!(refused(trust.accept_pack(&group.secrets.read_key, &newer, later)).contains("expired"));
    assert_eq!((trust.pack_sequence, trust.charter.version), (1, 1), "what was verified stays");
    // An expired pack under a live charter is refused too.
    let mut stale = group.pack(3, &group.editor, vec![hotline()]);
    stale.expires_at = now() - Duration::minutes(1);
    stale.issued_at = now() - Duration::days(2);
    let stale = stale.seal(&group.editor, &group.secrets.read_key).unwrap();
    assert!(refused(trust.accept_pack(&group.secrets.read_key, &stale, now())).contains("expired"));
}

#[test]
fn items_that_break_the_rules_are_refused_naming_the_field() {
    let group = group();
    let bad = |item: Item| -> String {
        match group.section(1, &group.editor, vec![hotline(), item]).sign(&group.editor) {
            Err(GroupError::Invalid { field, .. }) => field,
            other => panic!("expected an invalid field, got {other:?}"),
        }
    };
    assert_eq!(bad(article("pic", "![x](https://tracker.example/p.png)")), "items[1].markdown");
    assert_eq!(bad(article("js", "[click](javascript:alert(1))")), "items[1].markdown (a link)");
    assert_eq!(bad(article("plain", "[site](http://example.org)")), "items[1].markdown (a link)");
    assert_eq!(bad(article("Bad Id", "Words.")), "items[1].id");
    assert_eq!(bad(article("listening-line", "Same id as the hotline.")), "items[1].id");
    let mut line = hotline();
    line.id = "line-2".into();
    if let ItemBody::Hotline(h) = &mut line.body {
        h.uri = "tel:0800 ONE".into();
    }
    assert_eq!(bad(line), "items[1].uri");
    let mut m = meeting();
    if let ItemBody::Meeting(meeting) = &mut m.body {
        meeting.time_zone = "Mars/Olympus_Mons".into();
    }
    assert_eq!(bad(m), "items[1].time_zone");
    let mut m = meeting();
    if let ItemBody::Meeting(meeting) = &mut m.body {
        meeting.rrule = Some("FREQ=SOMETIMES".into());
    }
    assert_eq!(bad(m), "items[1].rrule");
    let fine = article("ok", "Call [us](tel:+448000147800) or read [this](https://example.org/after-loss).");
    group.pack(1, &group.editor, vec![fine]).seal(&group.editor, &group.secrets.read_key).unwrap();
    // A section naming another publisher than the key signing it is refused too.
    let theirs = group.section(1, &group.midwife, vec![meeting()]);
    assert!(matches!(theirs.sign(&group.editor), Err(GroupError::Invalid { field, .. }) if field == "publisher"));
}

#[test]
fn a_pack_signed_by_one_publisher_but_naming_another_is_refused() {
    let group = group();
    let pack = group.pack(1, &group.midwife, vec![meeting()]);
    assert!(matches!(pack.seal(&group.editor, &group.secrets.read_key), Err(GroupError::Invalid { .. })));
}

#[test]
fn rotating_the_write_key_gives_a_new_key_owners_can_derive_again() {
    let mut secrets = GroupSecrets::generate();
    let first = secrets.write_key().public();
    let second = secrets.rotate_write_key().public();
    assert_ne!(first, second);
    let copy = GroupSecrets { write_generation: 2, ..secrets.clone() };
    assert_eq!(copy.write_key().public(), second);
}

#[test]
fn only_an_owner_who_signed_their_way_out_of_every_role_is_remembered_as_departed() {
    let mut group = group();
    let [a, b, c] = [0, 1, 2].map(|i| group.owners[i].public());
    let mut trust = group.trust();
    let publisher = |key: crate::crypto::Bytes32| super::charter::Publisher {
        name: "stays on".into(),
        signing_key: key,
        exchange_key: crypto::random(),
        scopes: ItemKind::ALL.to_vec(),
    };
    // A hands over, signing; then B steps down to a publisher, signing; C signs both.
    let v2 = group.next_charter(|c| c.owners.retain(|o| o.signing_key != a));
    let v2 = signed(&v2, &[&group.owners[0], &group.owners[1], &group.owners[2]]);
    trust.apply_charter(&v2).unwrap();
    group.chain.push(v2);
    assert_eq!(trust.departed, vec![a]);
    let v3 = group.next_charter(|c| {
        c.owners.retain(|o| o.signing_key != b);
        c.threshold = 1;
        c.publishers.push(publisher(b));
    });
    let v3 = signed(&v3, &[&group.owners[1], &group.owners[2]]);
    trust.apply_charter(&v3).unwrap();
    group.chain.push(v3);
    assert_eq!(trust.departed, vec![a], "B still publishes (and holds the write key): not departed");
    // A comes back as a publisher: no longer departed either.
    let v4 = group.next_charter(|c| c.publishers.push(publisher(a)));
    trust.apply_charter(&signed(&v4, &[&group.owners[2]])).unwrap();
    assert!(trust.departed.is_empty());
    assert!(trust.charter.is_owner(&c));
}
