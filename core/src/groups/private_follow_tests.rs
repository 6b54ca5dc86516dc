//! A private group stays private wherever its keys go, on real journals and the in-memory group server of
//! `device_tests.rs`: restored from a backup, or taken up from its owner's membership row on another of the
//! person's devices, its invite is still the private link with the same intake key (never an open link carrying
//! the read key); a joined private group gets no member's row, which would seal an open invite.

use super::device_tests::{FakeServer, device, example_pack, new_group, run};
use super::invite::{Link, parse_link};
use super::membership_tests::{carry, phone};
use super::private_device_tests::private_link;
use super::private_member::PrivateRefreshed;

/// The invite `link` is a private group's, with the intake key of `created` (never an open link).
fn still_private(link: &str, created: &str) {
    match parse_link(link).unwrap() {
        Link::Private(private) => assert_eq!(private.intake_public, private_link(created).intake_public),
        Link::Open(_) => panic!("an open link, carrying the read key, for a private group"),
    }
    assert_eq!(link, created, "the same group, the same link");
}

#[test]
fn a_private_group_restored_from_its_backup_stays_private() {
    let server = FakeServer::new();
    let owner = device();
    let groups = owner.mend.groups(&owner.keys);
    let created = run(groups.create_private(&server, new_group("Quiet circle"))).unwrap();
    run(groups.publish(&server, None, &example_pack())).unwrap();
    let backup = groups.backup(None).unwrap();

    let new_phone = device();
    let restored = new_phone.mend.groups(&new_phone.keys).restore(&backup.file, &backup.phrase).unwrap();
    assert_eq!(restored.name, "Quiet circle");
    let again = new_phone.mend.groups(&new_phone.keys);
    still_private(&again.invite(None).unwrap(), &created.invite);
    assert!(again.list().unwrap()[0].private && again.show(None).unwrap().private);
}

#[test]
fn a_private_group_taken_up_from_its_owners_row_stays_private() {
    let server = FakeServer::new();
    let a = phone([7; 32]);
    let created = run(a.groups().create_private(&server, new_group("Quiet circle"))).unwrap();
    assert_eq!(a.groups().settle().unwrap().recorded, 1);

    let b = phone([7; 32]);
    carry(&a, &b);
    let reconciled = run(b.groups().reconcile(&server)).unwrap();
    assert_eq!(reconciled.owned, vec!["Quiet circle".to_owned()], "{reconciled:?}");
    still_private(&b.groups().invite(None).unwrap(), &created.invite);
    assert!(b.groups().list().unwrap()[0].private);
    // B's keys and A's agree, so following the row again changes nothing and B's row carries the key too.
    let settled = b.groups().settle().unwrap();
    assert_eq!((settled.recorded, settled.renewed), (0, 0), "{settled:?}");
    let c = phone([7; 32]);
    carry(&b, &c);
    run(c.groups().reconcile(&server)).unwrap();
    still_private(&c.groups().invite(None).unwrap(), &created.invite);
}

#[test]
fn a_joined_private_group_is_not_recorded_as_an_open_membership() {
    let server = FakeServer::new();
    let owner = device();
    let groups = owner.mend.groups(&owner.keys);
    let created = run(groups.create_private(&server, new_group("Quiet circle"))).unwrap();
    run(groups.publish(&server, None, &example_pack())).unwrap();

    let member = phone([9; 32]);
    run(member.groups().request_join(&server, &created.invite, "Kit")).unwrap();
    let listed = run(groups.members(&server, None)).unwrap();
    run(groups.approve(&server, None, &listed.members[0].member_id)).unwrap();
    let refreshed = run(member.groups().refresh_private(&server)).unwrap();
    assert!(matches!(&refreshed[..], [PrivateRefreshed::Approved { .. }]), "{refreshed:?}");
    assert!(member.groups().list().unwrap()[0].private);

    let settled = member.groups().settle().unwrap();
    assert_eq!(settled.recorded, 0, "{settled:?}");
    assert!(member.rows().is_empty(), "no member's row seals an open invite with the read key");
}
