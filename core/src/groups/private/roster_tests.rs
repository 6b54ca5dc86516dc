//! The roster chain end to end, without I/O: a member approved, an epoch change with them in, then one without
//! them; versions replayed, older, skipped, of another group or of a lower epoch refused; versions signed by a
//! publisher or an unknown key refused; every flipped bit of a sealed version refused; declined requests.

use chrono::{TimeZone, Utc};

use super::hpke_seal;
use super::intake::IntakeKey;
use super::roster::{self, RosterVersion};
use super::roster_follow::{RosterFollow, RosterStep};
use crate::crypto::{self, Bytes32, SigningKey};
use crate::fixtures::groups as fixtures;
use crate::groups::charter::Charter;
use crate::groups::error::GroupError;
use crate::groups::items::ItemKind;
use crate::groups::keys::GroupSecrets;

struct Group {
    charter: Charter,
    owner: SigningKey,
    publisher: SigningKey,
    intake: IntakeKey,
}

fn group() -> Group {
    let secrets = GroupSecrets::generate();
    let (owner, publisher) = (SigningKey::generate(), SigningKey::generate());
    let now = Utc.with_ymd_and_hms(2027, 3, 1, 12, 0, 0).unwrap();
    let charter = fixtures::charter(&secrets, &[&owner], 1, &[("editor", &publisher, &ItemKind::ALL)], now);
    Group { charter, owner, publisher, intake: IntakeKey::generate() }
}

fn member() -> (Bytes32, Bytes32) {
    let secret = crypto::random();
    (secret, hpke_seal::public_of(&secret))
}

fn version(group: &Group, number: u32, epoch: u32, read_key: &Bytes32, members: &[&Bytes32]) -> RosterVersion {
    RosterVersion {
        group_id: group.charter.group_id,
        version: number,
        epoch,
        issued_at: 1_800_000_000 + i64::from(number),
        entries: members.iter().map(|m| roster::wrap(m, &group.charter.group_id, epoch, read_key).unwrap()).collect(),
        declined: Vec::new(),
    }
}

/// Seals, opens and verifies `roster` as a member would.
fn travel(group: &Group, roster: &RosterVersion) -> RosterVersion {
    let sealed = roster::build_and_seal(&group.owner, &group.intake.public(), roster).unwrap();
    roster::open(&group.intake.public(), roster.version, &sealed).unwrap().verify(&group.charter, &[]).unwrap().clone()
}

#[test]
fn a_member_is_approved_follows_a_new_epoch_and_is_removed() {
    let group = group();
    let (sam, sam_public) = member();
    let (kit, kit_public) = member();
    let (first_key, second_key): (Bytes32, Bytes32) = (crypto::random(), crypto::random());
    let mut follow = RosterFollow::new(group.charter.group_id);
    let v1 = travel(&group, &version(&group, 1, 1, &first_key, &[&kit_public]));
    assert!(matches!(follow.apply(&v1, &sam).unwrap(), RosterStep::Unchanged), "still waiting");
    let v2 = travel(&group, &version(&group, 2, 1, &first_key, &[&kit_public, &sam_public]));
    match follow.apply(&v2, &sam).unwrap() {
        RosterStep::Approved { epoch: 1, read_key } => assert_eq!(*read_key, first_key),
        other => panic!("{other:?}"),
    }
    let v3 = travel(&group, &version(&group, 3, 2, &second_key, &[&sam_public, &kit_public]));
    match follow.apply(&v3, &sam).unwrap() {
        RosterStep::NewEpoch { epoch: 2, read_key } => assert_eq!(*read_key, second_key),
        other => panic!("{other:?}"),
    }
    let v4 = travel(&group, &version(&group, 4, 2, &second_key, &[&sam_public, &kit_public]));
    assert!(matches!(follow.apply(&v4, &sam).unwrap(), RosterStep::Unchanged));
    let third_key: Bytes32 = crypto::random();
    let v5 = travel(&group, &version(&group, 5, 3, &third_key, &[&kit_public]));
    assert!(matches!(follow.apply(&v5, &sam).unwrap(), RosterStep::Removed));
    assert!(v5.find(&sam).is_none(), "a removed member's secret finds nothing in the new epoch");
    assert_eq!(*v5.find(&kit).unwrap(), third_key);
    assert_eq!(follow, RosterFollow { group_id: group.charter.group_id, held_version: 5, epoch: 3, in_group: false });
    assert_eq!(
        format!("{:?}", RosterStep::Approved { epoch: 1, read_key: first_key.into() }),
        "Approved { epoch: 1, .. }"
    );
}

#[test]
fn replayed_older_skipping_foreign_and_lower_epoch_versions_are_refused() {
    let group = group();
    let (sam, sam_public) = member();
    let key: Bytes32 = crypto::random();
    let mut follow = RosterFollow::new(group.charter.group_id);
    follow.apply(&version(&group, 1, 2, &key, &[&sam_public]), &sam).unwrap();
    follow.apply(&version(&group, 2, 2, &key, &[&sam_public]), &sam).unwrap();
    let held = follow.clone();
    let refused = |roster: &RosterVersion, follow: &mut RosterFollow| {
        assert!(matches!(follow.apply(roster, &sam), Err(GroupError::Refused { what: "roster", .. })));
        assert_eq!(*follow, held, "nothing changes when a version is refused");
    };
    refused(&version(&group, 2, 2, &key, &[&sam_public]), &mut follow);
    refused(&version(&group, 1, 2, &key, &[&sam_public]), &mut follow);
    refused(&version(&group, 4, 2, &key, &[&sam_public]), &mut follow);
    refused(&version(&group, 3, 1, &key, &[&sam_public]), &mut follow);
    let mut foreign = version(&group, 3, 2, &key, &[&sam_public]);
    foreign.group_id = crypto::random();
    refused(&foreign, &mut follow);
    assert!(follow.apply(&version(&group, 3, 2, &key, &[&sam_public]), &sam).is_ok());
}

#[test]
fn only_an_owner_of_the_charter_can_sign_a_version() {
    let group = group();
    let (_, sam_public) = member();
    let roster = version(&group, 1, 1, &crypto::random(), &[&sam_public]);
    for signer in [&group.publisher, &SigningKey::generate()] {
        let sealed = roster::build_and_seal(signer, &group.intake.public(), &roster).unwrap();
        let opened = roster::open(&group.intake.public(), 1, &sealed).unwrap();
        assert_eq!(opened.signer(), &signer.public());
        assert!(matches!(opened.verify(&group.charter, &[]), Err(GroupError::Refused { what: "roster", .. })));
    }
    // An owner of another group's charter is refused for this one.
    let mut other = group.charter.clone();
    other.group_id = crypto::random();
    let sealed = roster::build_and_seal(&group.owner, &group.intake.public(), &roster).unwrap();
    let opened = roster::open(&group.intake.public(), 1, &sealed).unwrap();
    assert!(matches!(opened.verify(&other, &[]), Err(GroupError::Refused { .. })));
    assert!(opened.verify(&group.charter, &[]).is_ok());
    // An owner who handed the group over stays trusted for what they signed; nobody else who is not an owner.
    let mut after = group.charter.clone();
    after.owners.retain(|o| o.signing_key != group.owner.public());
    assert!(matches!(opened.verify(&after, &[]), Err(GroupError::Refused { what: "roster", .. })));
    assert!(opened.verify(&after, &[group.owner.public()]).is_ok());
    let stranger = roster::build_and_seal(&SigningKey::generate(), &group.intake.public(), &roster).unwrap();
    let stranger = roster::open(&group.intake.public(), 1, &stranger).unwrap();
    assert!(stranger.verify(&after, &[group.owner.public()]).is_err());
}

#[test]
fn every_flipped_bit_of_a_sealed_version_and_every_other_place_is_refused() {
    let group = group();
    let (_, sam_public) = member();
    let roster = version(&group, 7, 1, &crypto::random(), &[&sam_public]);
    let intake = group.intake.public();
    let sealed = roster::build_and_seal(&group.owner, &intake, &roster).unwrap();
    for bit in 0..sealed.len() * 8 {
        let mut flipped = sealed.clone();
        flipped[bit / 8] ^= 1 << (bit % 8);
        assert!(roster::open(&intake, 7, &flipped).is_err(), "bit {bit}");
    }
    assert!(matches!(roster::open(&intake, 8, &sealed), Err(GroupError::Crypto { .. })), "another version's place");
    let other = IntakeKey::generate().public();
    assert!(matches!(roster::open(&other, 7, &sealed), Err(GroupError::Crypto { .. })), "another group's intake");
    assert!(roster::open(&intake, 7, &sealed[..sealed.len() - 1]).is_err());
    assert!(roster::open(&intake, 7, &[]).is_err());
    let huge = vec![0; roster::MAX_ROSTER_BYTES + 1024];
    assert_eq!(roster::open(&intake, 7, &huge).unwrap_err(), GroupError::Malformed { what: "roster" });
}

#[test]
fn tags_differ_across_epochs_and_declined_requests_are_seen() {
    let group = group();
    let (sam, sam_public) = member();
    assert_ne!(roster::tag(&sam_public, 1), roster::tag(&sam_public, 2));
    assert_ne!(roster::tag(&sam_public, 1), roster::tag(&member().1, 1));
    let mut roster = version(&group, 1, 1, &crypto::random(), &[]);
    roster.declined.push(roster::tag(&sam_public, 1));
    let roster = travel(&group, &roster);
    assert!(roster.declined_me(&sam_public) && !roster.declined_me(&member().1));
    let mut follow = RosterFollow::new(group.charter.group_id);
    assert!(matches!(follow.apply(&roster, &sam).unwrap(), RosterStep::Declined));
    // An entry sealed to another key under this member's tag is refused rather than passed over.
    let mut forged = version(&group, 2, 1, &crypto::random(), &[&member().1]);
    forged.entries[0].tag = roster::tag(&sam_public, 1);
    assert!(matches!(follow.apply(&forged, &sam), Err(GroupError::Crypto { what: "roster", .. })));
    assert!(forged.find(&sam).is_none());
}

#[test]
fn a_version_breaking_the_rules_is_refused_naming_the_field() {
    let group = group();
    let (_, sam_public) = member();
    let field = |roster: &RosterVersion| match roster::build_and_seal(&group.owner, &group.intake.public(), roster) {
        Err(GroupError::Invalid { field, .. }) => field,
        other => panic!("{other:?}"),
    };
    let good = version(&group, 1, 1, &crypto::random(), &[&sam_public]);
    assert_eq!(field(&RosterVersion { version: 0, ..good.clone() }), "roster.version");
    assert_eq!(field(&RosterVersion { epoch: 0, ..good.clone() }), "roster.epoch");
    let twice = RosterVersion { entries: vec![good.entries[0].clone(); 2], ..good.clone() };
    assert_eq!(field(&twice), "roster.entries");
    let both = RosterVersion { declined: vec![good.entries[0].tag], ..good.clone() };
    assert_eq!(field(&both), "roster.entries");
    let mut short = good.clone();
    short.entries[0].sealed_key.pop();
    assert_eq!(field(&short), "roster.entries.sealed_key");
    let many = RosterVersion { declined: (0..=2048u32).map(|i| roster::tag(&sam_public, i)).collect(), ..good };
    assert_eq!(field(&many), "roster.declined");
}
