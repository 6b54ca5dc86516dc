//! Private groups on real journals, through the in-memory group server of `device_tests.rs`: an owner creates a
//! private group, members ask to join, moderators list, approve and decline them, and members learn the outcome
//! at refresh. What is checked: the server never holds a display name or a member key in plaintext, a replayed
//! request is kept once, a damaged roster version or one not signed by an owner is refused and nothing stored
//! while it is the newest, and passed over once an owner's version follows it (it stops no one), and a publisher
//! cannot approve.

use mend_protocol::groups::Channel;
use mend_protocol::hex;

use super::device_tests::{Device, FakeServer, device, example_pack, new_group, run};
use super::failure::GroupsFailure;
use super::identity::Identity;
use super::invite::{Link, parse_link};
use super::items::ItemKind;
use super::network;
use super::private::desk::Status;
use super::private::hpke_seal;
use super::private::intake::intake_mailbox_id;
use super::private::roster::{self, RosterVersion};
use super::private_member::{DECLINED_WORDS, PrivateRefreshed, member_secret};
use super::private_net;
use super::secrets::GroupKeys;
use crate::sync::client::Client;

const SERVER: &str = "http://127.0.0.1:9";
pub(super) const NAMES: [&str; 3] = ["Samantha Rivers", "Kit Okafor-Lee", "Ana Lucia Prado"];

/// Whether `needle` appears anywhere in what the server stores.
pub(super) fn server_holds(server: &FakeServer, needle: &[u8]) -> bool {
    let boxes = server.mailboxes.lock().unwrap();
    let bodies = boxes.values().flat_map(|m| {
        let writes = m.pack.iter().chain(&m.charters).map(|w| w.body.clone());
        writes.chain(m.inbox.iter().map(|i| i.body.clone())).collect::<Vec<_>>()
    });
    bodies.into_iter().any(|body| body.windows(needle.len()).any(|w| w == needle))
}

pub(super) fn private_link(invite: &str) -> super::invite::PrivateInvite {
    match parse_link(invite).unwrap() {
        Link::Private(private) => private,
        Link::Open(_) => panic!("a private group's invite"),
    }
}

/// The member's public key for the group whose invite is `invite`.
pub(super) fn member_public(member: &Device, invite: &str) -> [u8; 32] {
    hpke_seal::public_of(&member_secret(&member.keys, &private_link(invite).charter_hash).unwrap())
}

#[test]
fn members_ask_and_the_owner_approves_two_and_declines_one() {
    let server = FakeServer::new();
    let owner = device();
    let groups = owner.mend.groups(&owner.keys);
    let created = run(groups.create_private(&server, new_group("Quiet circle"))).unwrap();
    assert_eq!(groups.invite(None).unwrap(), created.invite);
    let invite = private_link(&created.invite);
    assert!(groups.list().unwrap()[0].private && groups.show(None).unwrap().private);
    run(groups.publish(&server, None, &example_pack())).unwrap();

    let members: Vec<Device> = NAMES.iter().map(|_| device()).collect();
    for (member, name) in members.iter().zip(NAMES) {
        let mine = member.mend.groups(&member.keys);
        let joined = run(mine.join(&server, &created.invite));
        assert!(
            matches!(&joined, Err(GroupsFailure::Conflict(words)) if words.contains("private group")),
            "{joined:?}"
        );
        let requested = run(mine.request_join(&server, &created.invite, &format!(" {name} "))).unwrap();
        assert_eq!(requested.display_name, name);
        let again = run(mine.request_join(&server, &created.invite, name));
        assert!(matches!(again, Err(GroupsFailure::Conflict(_))), "{again:?}");
    }
    // The first request posted again, byte for byte, and a request that does not open.
    let inbox = intake_mailbox_id(&invite.intake_public);
    let first = server.mailboxes.lock().unwrap()[&inbox.to_vec()].inbox[0].body.clone();
    let mut client = Client::new(SERVER, &server);
    run(private_net::post_request(&mut client, &inbox, first.clone())).unwrap();
    run(private_net::post_request(&mut client, &inbox, vec![7; first.len()])).unwrap();

    let listed = run(groups.members(&server, None)).unwrap();
    assert_eq!(listed.unreadable, 1);
    let mut names: Vec<&str> = listed.members.iter().map(|m| m.display_name.as_str()).collect();
    names.sort_unstable();
    assert_eq!(names, ["Ana Lucia Prado", "Kit Okafor-Lee", "Samantha Rivers"]);
    assert!(listed.members.iter().all(|m| m.status == Status::Pending));
    assert!(server.mailboxes.lock().unwrap()[&inbox.to_vec()].inbox.is_empty(), "the inbox was acknowledged");
    // Listed again: the same three.
    assert_eq!(run(groups.members(&server, None)).unwrap().members, listed.members);

    let id_of = |name: &str| listed.members.iter().find(|m| m.display_name == name).unwrap().member_id.clone();
    for name in &NAMES[..2] {
        assert_eq!(run(groups.approve(&server, None, &id_of(name))).unwrap().status, Status::Approved);
    }
    assert_eq!(run(groups.decline(&server, None, &id_of(NAMES[2]))).unwrap().status, Status::Declined);
    let twice = run(groups.decline(&server, None, &id_of(NAMES[2])));
    assert!(matches!(twice, Err(GroupsFailure::Conflict(_))), "{twice:?}");
    let statuses: Vec<Status> = run(groups.members(&server, None)).unwrap().members.iter().map(|m| m.status).collect();
    assert_eq!(statuses.iter().filter(|s| **s == Status::Approved).count(), 2);

    // The server holds no display name and no member key in plaintext.
    for (member, name) in members.iter().zip(NAMES) {
        assert!(!server_holds(&server, name.as_bytes()), "a display name");
        assert!(!server_holds(&server, &member_public(member, &created.invite)), "a member key");
    }

    for member in &members[..2] {
        let mine = member.mend.groups(&member.keys);
        let refreshed = run(mine.refresh_private(&server)).unwrap();
        assert!(
            matches!(&refreshed[..], [PrivateRefreshed::Approved { name, items: 4, .. }] if name == "Quiet circle"),
            "{refreshed:?}"
        );
        assert_eq!(mine.items(None).unwrap().len(), 4);
        let listed = mine.list().unwrap();
        assert!(listed[0].private);
        assert!(run(mine.refresh_private(&server)).unwrap().is_empty(), "nothing left to ask");
        let again = run(mine.request_join(&server, &created.invite, "Someone"));
        assert!(matches!(&again, Err(GroupsFailure::Conflict(words)) if words.contains("already joined")), "{again:?}");
        // The joined group refreshes as any other.
        run(groups.publish(&server, None, &example_pack())).unwrap();
        let refreshed = run(mine.refresh(&server)).unwrap();
        assert!(matches!(&refreshed[..], [super::member::Refreshed::Updated { .. }]), "{refreshed:?}");
    }

    let declined = &members[2];
    let theirs = declined.mend.groups(&declined.keys);
    let refreshed = run(theirs.refresh_private(&server)).unwrap();
    assert!(matches!(&refreshed[..], [PrivateRefreshed::Declined { .. }]), "{refreshed:?}");
    assert_eq!(refreshed[0].words(), Some(DECLINED_WORDS));
    assert!(theirs.list().unwrap().is_empty() && theirs.items(None).unwrap().is_empty());
    let group_id: [u8; 16] = hex::decode("id", &created.id, 16).unwrap().try_into().unwrap();
    assert!(GroupKeys::new(&declined.keys, group_id).read_key().is_err());
    assert!(run(theirs.refresh_private(&server)).unwrap().is_empty(), "a declined request is not asked again");
    // A decline cannot be verified by the member's device (it holds no read key): their key stays, in case a
    // version that names them follows.
    assert!(member_secret(&declined.keys, &invite.charter_hash).is_ok(), "their key for the group is kept");
}

#[test]
fn a_damaged_roster_or_one_no_owner_signed_is_refused_then_passed_over_and_a_publisher_cannot_approve() {
    let server = FakeServer::new();
    let owner = device();
    let groups = owner.mend.groups(&owner.keys);
    let created = run(groups.create_private(&server, new_group("Quiet circle"))).unwrap();
    run(groups.publish(&server, None, &example_pack())).unwrap();
    let invite = private_link(&created.invite);
    let publisher = device();
    let hers = publisher.mend.groups(&publisher.keys);
    let added =
        run(groups.add_publisher(&server, None, &hers.moderator_key().unwrap(), "Midwife", vec![ItemKind::Meeting]));
    run(hers.accept(&server, &added.unwrap().link)).unwrap();

    let (first, second) = (device(), device());
    run(first.mend.groups(&first.keys).request_join(&server, &created.invite, NAMES[0])).unwrap();
    run(second.mend.groups(&second.keys).request_join(&server, &created.invite, NAMES[1])).unwrap();
    let listed = run(groups.members(&server, None)).unwrap();
    // The desk now reaches the publisher too: she sees the requests, but only owners decide.
    assert_eq!(run(hers.members(&server, None)).unwrap().members, listed.members);
    let sam = listed.members.iter().find(|m| m.display_name == NAMES[0]).unwrap().member_id.clone();
    let refused = run(hers.approve(&server, None, &sam));
    assert!(matches!(&refused, Err(GroupsFailure::Conflict(words)) if words.contains("only the group's owners")));

    // Roster version 1 approves the first; a flipped bit on the server is refused, and nothing stored.
    run(groups.approve(&server, None, &sam)).unwrap();
    let intake = intake_mailbox_id(&invite.intake_public);
    let flip = |bit: usize| {
        let mut boxes = server.mailboxes.lock().unwrap();
        let body = &mut boxes.get_mut(&intake.to_vec()).unwrap().charters[0].body;
        body[bit / 8] ^= 1 << (bit % 8);
    };
    let mine = first.mend.groups(&first.keys);
    for bit in [0, 100, 1000] {
        flip(bit);
        let refreshed = run(mine.refresh_private(&server)).unwrap();
        assert!(matches!(&refreshed[..], [PrivateRefreshed::Refused { .. }]), "{refreshed:?}");
        assert!(mine.list().unwrap().is_empty());
        flip(bit);
    }
    assert!(matches!(&run(mine.refresh_private(&server)).unwrap()[..], [PrivateRefreshed::Approved { .. }]));

    // Version 2, signed by the publisher (not an owner, but she holds the write key the server checks) and giving
    // the second member the read key.
    let group_id: [u8; 16] = hex::decode("id", &created.id, 16).unwrap().try_into().unwrap();
    let secrets = GroupKeys::new(&owner.keys, group_id).secrets().unwrap();
    let forged = RosterVersion {
        group_id,
        version: 2,
        epoch: 1,
        issued_at: 0,
        entries: vec![roster::wrap(&member_public(&second, &created.invite), &group_id, 1, &secrets.read_key).unwrap()],
        declined: Vec::new(),
    };
    let signer = Identity::load(&publisher.keys).unwrap().unwrap().signing;
    let sealed = roster::build_and_seal(&signer, &invite.intake_public, &forged).unwrap();
    let write = network::signed_write(&intake, &secrets.write_key(), Channel::Charter, 2, 2_000_000_000, sealed);
    run(network::post(&mut Client::new(SERVER, &server), &intake, &write)).unwrap();
    // It is never applied: while it is the newest version, members refuse it; it stops no one: the owner's next
    // decision (version 3) follows it, the second member is let in by that one, and the first follows on.
    let theirs = second.mend.groups(&second.keys);
    for refreshed in [run(theirs.refresh_private(&server)).unwrap(), run(mine.refresh_private(&server)).unwrap()] {
        assert!(
            matches!(&refreshed[..], [PrivateRefreshed::Refused { reason, .. }] if reason.contains("not an owner")),
            "{refreshed:?}"
        );
    }
    assert!(theirs.list().unwrap().is_empty() && theirs.items(None).unwrap().is_empty());
    let kit = listed.members.iter().find(|m| m.display_name == NAMES[1]).unwrap().member_id.clone();
    run(groups.approve(&server, None, &kit)).unwrap();
    assert!(matches!(&run(theirs.refresh_private(&server)).unwrap()[..], [PrivateRefreshed::Approved { .. }]));
    assert!(run(mine.refresh_private(&server)).unwrap().is_empty(), "{:?}", mine.list());

    // Removing the publisher moves all three mailboxes to the new write key: the inbox is still acknowledged.
    run(groups.remove_publisher(&server, None, "Midwife")).unwrap();
    let new_key = GroupKeys::new(&owner.keys, group_id).secrets().unwrap().write_key().public().to_vec();
    assert_ne!(new_key, secrets.write_key().public().to_vec());
    assert!(server.mailboxes.lock().unwrap().values().all(|m| m.write_key == new_key));
    let third = device();
    run(third.mend.groups(&third.keys).request_join(&server, &created.invite, NAMES[2])).unwrap();
    assert_eq!(run(groups.members(&server, None)).unwrap().members.len(), 3);
    assert!(server.mailboxes.lock().unwrap()[&intake.to_vec()].inbox.is_empty());
}
