//! A pack's sections as an attacker would probe them: a section signed by a key the charter does not list, one
//! outside its publisher's scopes, an older section of one publisher replayed inside a newer pack, a publisher's
//! section twice or an item in two sections, and every flipped bit of a section (the pack around it signed
//! again by a listed moderator) — each refuses the whole pack. And what they are for: an owner's articles and
//! hotlines and a midwife's services side by side, each posting carrying the other's section forward unchanged,
//! and a removed publisher's section dropped and named.

use chrono::Duration;

use super::error::GroupError;
use super::items::{Item, ItemBody, Service, ServiceKind};
use super::pack::Pack;
use super::sections::{self, SignedSection};
use super::tests::{Group, article, group, hotline, meeting, now, refused, signed};
use super::trust::GroupTrust;
use crate::crypto::SigningKey;
use crate::fixtures::groups as fixtures;

fn service(id: &str) -> Item {
    fixtures::item(
        id,
        ItemBody::Service(Service {
            name: "Bereavement midwife".into(),
            kind: ServiceKind::Counsellor,
            contact: vec!["tel:+441234567890".into()],
            area_served: "Leeds".into(),
            languages: vec!["en".into()],
            hours: None,
            details: None,
        }),
    )
}

/// A pack numbered `sequence` posted by `poster` carrying `sections` as they are.
fn carrying(group: &Group, sequence: u64, poster: &SigningKey, sections: Vec<SignedSection>) -> Vec<u8> {
    let pack = Pack {
        group_id: group.secrets.group_id,
        sequence,
        charter_version: group.current().version,
        publisher: poster.public(),
        issued_at: now() - Duration::hours(1),
        expires_at: now() + Duration::days(30),
        sections,
    };
    pack.seal(poster, &group.secrets.read_key).unwrap()
}

fn signed_section(group: &Group, sequence: u64, by: &SigningKey, items: Vec<Item>) -> SignedSection {
    group.section(sequence, by, items).sign(by).unwrap()
}

fn ids(items: &[Item]) -> Vec<&str> {
    let mut ids: Vec<&str> = items.iter().map(|i| i.id.as_str()).collect();
    ids.sort_unstable();
    ids
}

#[test]
fn an_owners_and_a_midwifes_sections_are_shown_together_whoever_posts_last() {
    let group = group();
    let owner = &group.owners[0];
    let theirs = signed_section(&group, 1, owner, vec![article("welcome", "You are welcome here."), hotline()]);
    let mut trust = group.trust();
    let first = carrying(&group, 1, owner, vec![theirs.clone()]);
    assert_eq!(trust.accept_pack(&group.secrets.read_key, &first, now()).unwrap().items().len(), 2);

    // The midwife posts her services: the owner's section is carried forward byte for byte.
    let hers = group.section(2, &group.midwife, vec![service("doula")]);
    let charter = group.current();
    let (merged, dropped) = sections::merge(
        std::slice::from_ref(&theirs),
        Some((hers.sign(&group.midwife).unwrap(), &hers)),
        &group.midwife.public(),
        &charter,
        2,
        now(),
        &|k| sections::name(&charter, k),
    )
    .unwrap();
    assert!(dropped.is_empty());
    assert!(merged.contains(&theirs), "carried unchanged");
    let second = carrying(&group, 2, &group.midwife, merged.clone());
    let accepted = trust.accept_pack(&group.secrets.read_key, &second, now()).unwrap();
    assert_eq!(ids(&accepted.items()), ["doula", "listening-line", "welcome"]);
    assert_eq!((trust.section_sequence(&owner.public()), trust.section_sequence(&group.midwife.public())), (1, 2));

    // The owner publishes again: the midwife's section stays.
    let again = group.section(3, owner, vec![article("welcome", "Still welcome."), hotline(), meeting()]);
    let (merged, _) = sections::merge(
        &merged,
        Some((again.sign(owner).unwrap(), &again)),
        &owner.public(),
        &charter,
        3,
        now(),
        &|k| sections::name(&charter, k),
    )
    .unwrap();
    let third = carrying(&group, 3, owner, merged);
    let accepted = trust.accept_pack(&group.secrets.read_key, &third, now()).unwrap();
    assert_eq!(ids(&accepted.items()), ["doula", "listening-line", "tuesday", "welcome"]);

    // Her new item may not take an id the owner's section holds.
    let clash = group.section(4, &group.midwife, vec![meeting()]);
    let clashed = sections::merge(
        &[signed_section(&group, 3, owner, vec![meeting()])],
        Some((clash.sign(&group.midwife).unwrap(), &clash)),
        &group.midwife.public(),
        &charter,
        4,
        now(),
        &|k| sections::name(&charter, k),
    );
    assert!(matches!(clashed, Err(GroupError::Invalid { field, .. }) if field == "items[0].id"));
}

#[test]
fn a_removed_publishers_section_is_dropped_and_named_and_the_rest_carried() {
    let mut group = group();
    let v2 = group.next_charter(|c| c.publishers.retain(|p| p.name != "midwife"));
    group.chain.push(signed(&v2, &[&group.owners[0], &group.owners[1]]));
    let hers = signed_section(&group, 1, &group.midwife, vec![service("doula")]);
    let editors = signed_section(&group, 2, &group.editor, vec![hotline()]);
    let mine = group.section(3, &group.owners[0], vec![article("welcome", "Words.")]);
    let (merged, dropped) = sections::merge(
        &[hers, editors.clone()],
        Some((mine.sign(&group.owners[0]).unwrap(), &mine)),
        &group.owners[0].public(),
        &group.current(),
        3,
        now(),
        &|k| sections::name(&group.current(), k),
    )
    .unwrap();
    assert_eq!(merged.len(), 2);
    assert!(merged.contains(&editors));
    assert_eq!(dropped.len(), 1);
    assert_eq!(dropped[0].publisher, "a former publisher");
    assert!(dropped[0].reason.contains("not by a publisher"), "{:?}", dropped[0]);
    // An expired section is dropped too.
    let mut stale = group.section(2, &group.editor, vec![hotline()]);
    stale.issued_at = now() - Duration::days(3);
    stale.expires_at = now() - Duration::days(1);
    let stale = stale.sign(&group.editor).unwrap();
    let (merged, dropped) =
        sections::merge(&[stale], None, &group.owners[0].public(), &group.current(), 3, now(), &|k| {
            sections::name(&group.current(), k)
        })
        .unwrap();
    assert!(merged.is_empty() && dropped[0].publisher == "editor" && dropped[0].reason.contains("expired"));

    // Of two carried sections sharing an item id, the second is dropped; this moderator's own old section is
    // replaced, never reported, whatever state it was in.
    let group = super::tests::group();
    let editors = signed_section(&group, 1, &group.editor, vec![meeting()]);
    let hers = signed_section(&group, 2, &group.midwife, vec![meeting()]);
    let mut own = group.section(1, &group.owners[0], vec![hotline()]);
    own.expires_at = now() - Duration::days(1);
    own.issued_at = now() - Duration::days(3);
    let own = own.sign(&group.owners[0]).unwrap();
    let charter = group.current();
    let (merged, dropped) =
        sections::merge(&[editors.clone(), hers, own], None, &group.owners[0].public(), &charter, 3, now(), &|k| {
            sections::name(&charter, k)
        })
        .unwrap();
    assert_eq!(merged, [editors]);
    assert_eq!(dropped.len(), 1);
    assert!(dropped[0].publisher == "midwife" && dropped[0].reason.contains("another section"), "{dropped:?}");
}

#[test]
fn a_section_by_a_key_the_charter_does_not_list_refuses_the_pack() {
    let group = group();
    let stranger = SigningKey::generate();
    let strange = signed_section(&group, 1, &stranger, vec![hotline()]);
    let ok = signed_section(&group, 1, &group.editor, vec![meeting()]);
    let sealed = carrying(&group, 1, &group.editor, vec![ok, strange]);
    let mut trust = group.trust();
    assert!(refused(trust.accept_pack(&group.secrets.read_key, &sealed, now())).contains("not by a publisher"));
    assert_eq!(trust.pack_sequence, 0, "nothing kept");
    // A section claiming a listed publisher but signed by another key does not open.
    let forged = group.section(1, &group.midwife, vec![meeting()]);
    let body = forged.sign(&group.midwife).unwrap().body;
    let signature = stranger.sign(sections::SECTION_LABEL, &body).to_vec();
    let sealed = carrying(&group, 1, &group.editor, vec![SignedSection { body, signature }]);
    assert!(matches!(
        group.trust().accept_pack(&group.secrets.read_key, &sealed, now()),
        Err(GroupError::Crypto { .. })
    ));
}

#[test]
fn a_section_outside_its_publishers_scopes_refuses_the_pack_even_posted_by_an_owner() {
    let group = group();
    let outside = signed_section(&group, 1, &group.midwife, vec![service("doula"), hotline()]);
    let sealed = carrying(&group, 1, &group.owners[0], vec![outside]);
    assert!(
        refused(group.trust().accept_pack(&group.secrets.read_key, &sealed, now())).contains("outside their scope")
    );
    // An owner's own section may hold every kind.
    let owners = signed_section(&group, 1, &group.owners[0], vec![service("doula"), hotline(), meeting()]);
    let sealed = carrying(&group, 1, &group.owners[0], vec![owners]);
    group.trust().accept_pack(&group.secrets.read_key, &sealed, now()).unwrap();
}

#[test]
fn an_older_section_replayed_inside_a_newer_pack_is_refused() {
    let group = group();
    let mut trust = group.trust();
    let old = signed_section(&group, 1, &group.midwife, vec![service("doula")]);
    let new = signed_section(&group, 2, &group.midwife, vec![service("doula"), meeting()]);
    trust.accept_pack(&group.secrets.read_key, &carrying(&group, 2, &group.midwife, vec![new.clone()]), now()).unwrap();
    // The editor posts a newer pack carrying the midwife's older section.
    let replayed = carrying(&group, 3, &group.editor, vec![old]);
    assert!(refused(trust.accept_pack(&group.secrets.read_key, &replayed, now())).contains("older"));
    // Carried unchanged (the same sequence) is accepted.
    let carried = carrying(&group, 3, &group.editor, vec![new]);
    trust.accept_pack(&group.secrets.read_key, &carried, now()).unwrap();
    assert_eq!(trust.section_sequence(&group.midwife.public()), 2);
    // A section numbered after the pack that carries it is refused.
    let ahead = signed_section(&group, 9, &group.editor, vec![hotline()]);
    assert!(
        refused(trust.accept_pack(&group.secrets.read_key, &carrying(&group, 4, &group.editor, vec![ahead]), now()))
            .contains("numbered after")
    );
}

#[test]
fn a_duplicated_section_or_an_item_in_two_sections_is_refused() {
    let group = group();
    let hers = signed_section(&group, 1, &group.midwife, vec![service("doula")]);
    let twice = carrying(&group, 1, &group.midwife, vec![hers.clone(), hers.clone()]);
    assert!(refused(group.trust().accept_pack(&group.secrets.read_key, &twice, now())).contains("two sections from"));
    let another = signed_section(&group, 1, &group.midwife, vec![meeting()]);
    let two = carrying(&group, 1, &group.midwife, vec![hers.clone(), another]);
    assert!(refused(group.trust().accept_pack(&group.secrets.read_key, &two, now())).contains("two sections from"));
    let same_id = signed_section(&group, 1, &group.editor, vec![article("doula", "Words.")]);
    let shared = carrying(&group, 1, &group.midwife, vec![hers, same_id]);
    assert!(refused(group.trust().accept_pack(&group.secrets.read_key, &shared, now())).contains("item doula"));
}

#[test]
fn every_flipped_bit_of_a_section_refuses_the_pack_though_the_pack_is_signed_again() {
    let group = group();
    let section = signed_section(&group, 1, &group.midwife, vec![meeting()]);
    let good = carrying(&group, 1, &group.editor, vec![section.clone()]);
    group.trust().accept_pack(&group.secrets.read_key, &good, now()).unwrap();
    for bit in 0..(section.body.len() + section.signature.len()) * 8 {
        let mut flipped = section.clone();
        let byte = bit / 8;
        if byte < flipped.body.len() {
            flipped.body[byte] ^= 1 << (bit % 8);
        } else {
            flipped.signature[byte - flipped.body.len()] ^= 1 << (bit % 8);
        }
        let sealed = carrying(&group, 1, &group.editor, vec![flipped]);
        assert!(group.trust().accept_pack(&group.secrets.read_key, &sealed, now()).is_err(), "bit {bit}");
    }
}

#[test]
fn a_state_stored_before_sections_still_reads() {
    let trust = group().trust();
    let mut json: serde_json::Value = serde_json::to_value(&trust).unwrap();
    json.as_object_mut().unwrap().remove("sections");
    let read: GroupTrust = serde_json::from_value(json).unwrap();
    assert_eq!(read, trust);
}
