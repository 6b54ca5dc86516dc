//! Moderators' groups across two devices of one person, on real journals and the in-memory group server (the
//! helpers are `membership_tests.rs`'s): an owner's row is taken up as a restore is and the other device
//! publishes; a changed owner row is refused; a handover forgets the group on the other device; renewed keys
//! reach the other device and an older row never rolls them back; a publisher's row is taken up with her
//! moderator key (never replacing a device's own) and forgotten when she stops.

use mend_protocol::hex;

use super::device_tests::{FakeServer, device, example_pack, new_group, run};
use super::membership_tests::{Phone, carry, phone};
use super::memberships::Stored;
use super::secrets::GroupKeys;

#[test]
fn an_owners_group_follows_them_and_their_other_device_can_publish() {
    let server = FakeServer::new();
    let a = phone([7; 32]);
    let created = run(a.groups().create(&server, new_group("Tuesday circle"))).unwrap();
    run(a.groups().publish(&server, None, &example_pack())).unwrap();
    // Creating leaves the row to the next settle (the next sync or refresh): it seals a backup's payload.
    assert_eq!(a.groups().settle().unwrap().recorded, 1);
    let rows = a.rows();
    let [Stored { row, deleted: false }] = &rows[..] else { panic!("{rows:?}") };
    assert_eq!((row.role.as_str(), row.group_id.as_str()), ("owner", created.id.as_str()));
    assert!(!row.sealed.contains(created.invite.rsplit('.').next().unwrap()));

    let b = phone([7; 32]);
    carry(&a, &b);
    let reconciled = run(b.groups().reconcile(&server)).unwrap();
    assert_eq!(reconciled.owned, vec!["Tuesday circle".to_owned()], "{reconciled:?}");
    let listed = b.groups().list().unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].role, super::Role::Owner);
    // B publishes: above A's pack, signed with the group's owner key.
    let published = run(b.groups().publish(&server, Some("Tuesday circle"), &example_pack())).unwrap();
    assert_eq!(published.sequence, 2);
    assert!(run(b.groups().reconcile(&server)).unwrap().owned.is_empty(), "taken up once");

    // A changed owner row is refused, nothing stored.
    let c = phone([7; 32]);
    carry(&a, &c);
    c.mend
        .core_for_tests()
        .store
        .write(|tx| {
            let sealed: String = tx.query_row("SELECT sealed FROM group_memberships", [], |r| r.get(0))?;
            let flipped = format!("{}{}", &sealed[..60], if &sealed[60..61] == "A" { "B" } else { "A" });
            tx.execute("UPDATE group_memberships SET sealed = ?1", [format!("{flipped}{}", &sealed[61..])])?;
            Ok(())
        })
        .unwrap();
    let reconciled = run(c.groups().reconcile(&server)).unwrap();
    assert!(reconciled.not_taken_up[0].reason.starts_with("group_memberships.sealed:"), "{reconciled:?}");
    assert!(c.groups().list().unwrap().is_empty());

    // Handed over on A (its owned row removed in a write): B forgets the group and its keys.
    a.mend.core_for_tests().store.write(|tx| Ok(super::moderation_rows::remove_owned(tx, &created.id)?)).unwrap();
    assert!(a.rows()[0].deleted, "the handover deletes the row in the same write");
    carry(&a, &b);
    let settled = b.groups().settle().unwrap();
    assert_eq!(settled.left, vec!["Tuesday circle".to_owned()]);
    assert!(b.groups().list().unwrap().is_empty());
    let group: [u8; 16] = hex::decode("group", &created.id, 16).unwrap().try_into().unwrap();
    assert!(GroupKeys::new(&b.keys, group).owner_signing().is_err(), "its owner key is forgotten");
}

#[test]
fn keys_renewed_on_one_device_reach_the_other_and_never_go_back() {
    let server = FakeServer::new();
    let a = phone([7; 32]);
    let created = run(a.groups().create(&server, new_group("Tuesday circle"))).unwrap();
    a.groups().settle().unwrap();
    let b = phone([7; 32]);
    carry(&a, &b);
    run(b.groups().reconcile(&server)).unwrap();
    let group: [u8; 16] = hex::decode("group", &created.id, 16).unwrap().try_into().unwrap();
    let generation = |p: &Phone| GroupKeys::new(&p.keys, group).secrets().unwrap().write_generation;
    assert_eq!(generation(&b), generation(&a));

    let before = a.rows()[0].row.sealed.clone();
    // A renews the group's secrets (as removing a publisher does): its next settle seals them into the row.
    let mut renewed = GroupKeys::new(&a.keys, group).secrets().unwrap();
    renewed.write_generation += 1;
    GroupKeys::new(&a.keys, group).set_secrets(&renewed).unwrap();
    let on_a = a.groups().settle().unwrap();
    assert_eq!((on_a.recorded, on_a.renewed), (1, 0));
    carry(&a, &b);
    let on_b = b.groups().settle().unwrap();
    assert_eq!((on_b.recorded, on_b.renewed), (0, 1), "B takes the renewed keys from the row");
    assert_eq!(generation(&b), renewed.write_generation);
    // Settled: nothing more on either side.
    let (again_a, again_b) = (a.groups().settle().unwrap(), b.groups().settle().unwrap());
    assert_eq!((again_a.recorded, again_a.renewed, again_b.recorded, again_b.renewed), (0, 0, 0, 0));

    // An older row (A's from before the renewal, replayed) never rolls B's keys back: B seals its own over it.
    let stale = phone([7; 32]);
    carry(&a, &stale);
    stale
        .mend
        .core_for_tests()
        .store
        .write(|tx| Ok(tx.execute("UPDATE group_memberships SET sealed = ?1", [&before])?))
        .unwrap();
    carry(&stale, &b);
    let replayed = b.groups().settle().unwrap();
    assert_eq!((replayed.recorded, replayed.renewed), (1, 0), "{replayed:?}");
    assert_eq!(generation(&b), renewed.write_generation);
}

#[test]
fn a_publishers_group_follows_her_and_her_other_device_publishes_within_her_key() {
    let server = FakeServer::new();
    let owner = device();
    run(owner.mend.groups(&owner.keys).create(&server, new_group("Tuesday circle"))).unwrap();
    let a = phone([7; 32]);
    let code = a.groups().moderator_key().unwrap();
    let kinds = super::items::ItemKind::ALL.to_vec();
    let added = run(owner.mend.groups(&owner.keys).add_publisher(&server, None, &code, "Midwife", kinds)).unwrap();
    run(a.groups().accept(&server, &added.link)).unwrap();
    assert_eq!(a.groups().settle().unwrap().recorded, 1);
    assert_eq!(a.rows()[0].row.role, "publisher");

    // Her other device takes it up, verified from the server, with her moderator key, and publishes.
    let b = phone([7; 32]);
    carry(&a, &b);
    let reconciled = run(b.groups().reconcile(&server)).unwrap();
    assert_eq!(reconciled.publishing, vec!["Tuesday circle".to_owned()], "{reconciled:?}");
    assert_eq!(b.groups().moderator_key().unwrap(), code, "the key the charter lists");
    let published = run(b.groups().publish(&server, Some("Tuesday circle"), &example_pack())).unwrap();
    assert_eq!(published.sequence, 1);

    // A device with a moderator key of its own keeps it and is refused; nothing is stored.
    let c = phone([7; 32]);
    let own = c.groups().moderator_key().unwrap();
    carry(&a, &c);
    let reconciled = run(c.groups().reconcile(&server)).unwrap();
    assert!(reconciled.not_taken_up[0].reason.contains("moderator key of its own"), "{reconciled:?}");
    assert!(c.groups().list().unwrap().is_empty());
    assert_eq!(c.groups().moderator_key().unwrap(), own);

    // She stops publishing on A: B forgets the group and its keys.
    let id = a.rows()[0].row.group_id.clone();
    a.mend.core_for_tests().store.write(|tx| Ok(super::moderation_rows::remove_publishing(tx, &id)?)).unwrap();
    assert!(a.rows()[0].deleted);
    carry(&a, &b);
    assert_eq!(b.groups().settle().unwrap().left, vec!["Tuesday circle".to_owned()]);
    assert!(b.groups().list().unwrap().is_empty());
    let group: [u8; 16] = hex::decode("group", &id, 16).unwrap().try_into().unwrap();
    assert!(super::publisher_keys::PublisherKeys::load(&b.keys, &group).is_err(), "her keys are forgotten");
}
