//! Removing members of a private group, on real journals through the in-memory group server: each removal starts
//! a new epoch (a new read key and mailbox); the members who remain follow it at refresh and read what is
//! published afterwards; a removed member learns only that they are no longer in the group, keeps what they
//! saw, and holds nothing that opens the new pack; a member offline through two removals catches up in order;
//! an older roster version handed back in a newer one's place is refused and nothing changes.

use mend_protocol::hex;

use super::device::Groups;
use super::device_tests::{Device, FakeServer, device, example_pack, new_group, pick, run};
use super::keys::mailbox_id;
use super::owner::Created;
use super::pack;
use super::private::hpke_seal;
use super::private::intake::intake_mailbox_id;
use super::private::roster;
use super::private_device_tests::private_link;
use super::private_member::{PrivateRefreshed, REMOVED_WORDS, member_secret};
use super::secrets::GroupKeys;

const NAMES: [&str; 4] = ["Samantha Rivers", "Kit Okafor-Lee", "Ana Lucia Prado", "Dee Marlowe"];

/// `count` members who asked, were approved by the owner, and joined.
fn approved(server: &FakeServer, groups: &Groups<'_>, created: &Created, count: usize) -> Vec<Device> {
    let members: Vec<Device> = (0..count).map(|_| device()).collect();
    for (member, name) in members.iter().zip(NAMES) {
        run(member.mend.groups(&member.keys).request_join(server, &created.invite, name)).unwrap();
    }
    let listed = run(groups.members(server, None)).unwrap();
    for member in &listed.members {
        run(groups.approve(server, None, &member.member_id)).unwrap();
    }
    for member in &members {
        let refreshed = run(member.mend.groups(&member.keys).refresh_private(server)).unwrap();
        assert!(matches!(&refreshed[..], [PrivateRefreshed::Approved { .. }]), "{refreshed:?}");
    }
    members
}

/// The member id `members` shows for `name`.
fn id_of(server: &FakeServer, groups: &Groups<'_>, name: &str) -> String {
    let listed = run(groups.members(server, None)).unwrap();
    listed.members.into_iter().find(|m| m.display_name == name).unwrap().member_id
}

/// Adds `hers` (a device's groups) to `groups`' group as a publisher of meetings ("Midwife"), and she accepts.
fn midwife(server: &FakeServer, groups: &Groups<'_>, hers: &Groups<'_>) {
    let kinds = vec![super::items::ItemKind::Meeting];
    let added = run(groups.add_publisher(server, None, &hers.moderator_key().unwrap(), "Midwife", kinds)).unwrap();
    run(hers.accept(server, &added.link)).unwrap();
}

/// The owner's other device: `groups`' only group restored there from a backup made now.
fn restored(groups: &Groups<'_>) -> Device {
    let backup = groups.backup(None).unwrap();
    let other = device();
    other.mend.groups(&other.keys).restore(&backup.file, &backup.phrase).unwrap();
    other
}

fn group_id(created: &Created) -> [u8; 16] {
    hex::decode("id", &created.id, 16).unwrap().try_into().unwrap()
}

fn shelf(member: &Device) -> Vec<String> {
    let mut ids: Vec<String> =
        member.mend.groups(&member.keys).items(None).unwrap().into_iter().map(|i| i.item.id).collect();
    ids.sort();
    ids
}

#[test]
fn removing_a_member_starts_an_epoch_the_others_follow_and_the_removed_cannot_read() {
    let server = FakeServer::new();
    let owner = device();
    let groups = owner.mend.groups(&owner.keys);
    let created = run(groups.create_private(&server, new_group("Quiet circle"))).unwrap();
    run(groups.publish(&server, None, &example_pack())).unwrap();
    let members = approved(&server, &groups, &created, 2);
    let (removed, staying) = (&members[0], &members[1]);

    let gone = run(groups.remove_member(&server, None, &id_of(&server, &groups, NAMES[0]))).unwrap();
    assert_eq!((gone.member.display_name.as_str(), gone.epoch), (NAMES[0], 2));
    assert_eq!(gone.meetings, ["Tuesday circle"], "the meeting whose link the removed member saw");
    let again = run(groups.remove_member(&server, None, &gone.member.member_id));
    assert!(matches!(again, Err(super::failure::GroupsFailure::Conflict(_))), "{again:?}");
    let published = run(groups.publish_items(&server, None, pick(&["welcome"]))).unwrap();

    // The member who stays follows the new epoch and reads the pack published after the removal.
    let theirs = staying.mend.groups(&staying.keys);
    let refreshed = run(theirs.refresh_private(&server)).unwrap();
    assert!(matches!(&refreshed[..], [PrivateRefreshed::NewEpoch { epoch: 2, .. }]), "{refreshed:?}");
    // The new epoch's mailbox was read and verified with it: the pack is already here.
    assert_eq!(shelf(staying), ["welcome"]);
    assert_eq!(theirs.list().unwrap()[0].pack_sequence, published.sequence);
    let refreshed = run(theirs.refresh(&server)).unwrap();
    assert!(matches!(&refreshed[..], [super::member::Refreshed::Unchanged { .. }]), "{refreshed:?}");
    // And a pack published later reaches them through an ordinary refresh.
    let later = run(groups.publish_items(&server, None, pick(&["welcome", "listening-line"]))).unwrap();
    let refreshed = run(theirs.refresh(&server)).unwrap();
    assert!(
        matches!(&refreshed[..], [super::member::Refreshed::Updated { sequence, .. }] if *sequence == later.sequence),
        "{refreshed:?}"
    );
    assert_eq!(shelf(staying), ["listening-line", "welcome"]);

    // The removed member learns only that; what they saw stays, and nothing more is fetched.
    let mine = removed.mend.groups(&removed.keys);
    let refreshed = run(mine.refresh_private(&server)).unwrap();
    assert!(matches!(&refreshed[..], [PrivateRefreshed::Removed { .. }]), "{refreshed:?}");
    assert_eq!(refreshed[0].words(), Some(REMOVED_WORDS));
    assert!(run(mine.refresh_private(&server)).unwrap().is_empty());
    assert!(run(mine.refresh(&server)).unwrap().is_empty(), "a removed member fetches nothing");
    let listed = mine.list().unwrap();
    assert!(listed[0].removed && listed[0].private);
    assert_eq!(shelf(removed).len(), 4);
    let invite = private_link(&created.invite);
    let secret = member_secret(&removed.keys, &invite.charter_hash).unwrap();

    // Nothing they hold opens the new pack or finds an entry in the newest roster version.
    let id = group_id(&created);
    let new_key = GroupKeys::new(&owner.keys, id).secrets().unwrap().read_key;
    let new_pack = server.mailboxes.lock().unwrap()[&mailbox_id(&new_key).to_vec()].pack.clone().unwrap();
    let old_key = GroupKeys::new(&removed.keys, id).read_key().unwrap();
    assert_ne!(*old_key, new_key);
    assert!(pack::open(&id, &old_key, &new_pack.body).is_err());
    let chain = server.mailboxes.lock().unwrap()[&intake_mailbox_id(&invite.intake_public).to_vec()].charters.clone();
    let newest = chain.last().unwrap();
    let opened = roster::open(&invite.intake_public, newest.sequence as u32, &newest.body).unwrap();
    assert!(opened.unverified().find(&secret).is_none());
    assert!(!opened.unverified().declined_me(&hpke_seal::public_of(&secret)));

    // Leaving forgets the group and the person's key for it.
    mine.leave("Quiet circle").unwrap();
    assert!(mine.list().unwrap().is_empty());
    assert!(member_secret(&removed.keys, &invite.charter_hash).is_err());
}

#[test]
fn a_member_offline_through_two_removals_catches_up_in_order_and_a_replayed_version_is_refused() {
    let server = FakeServer::new();
    let owner = device();
    let groups = owner.mend.groups(&owner.keys);
    let created = run(groups.create_private(&server, new_group("Quiet circle"))).unwrap();
    run(groups.publish(&server, None, &example_pack())).unwrap();
    let members = approved(&server, &groups, &created, 4);
    run(groups.remove_member(&server, None, &id_of(&server, &groups, NAMES[0]))).unwrap();
    let third = members[2].mend.groups(&members[2].keys);
    let refreshed = run(third.refresh_private(&server)).unwrap();
    assert!(matches!(&refreshed[..], [PrivateRefreshed::NewEpoch { epoch: 2, .. }]), "{refreshed:?}");
    assert_eq!(run(groups.remove_member(&server, None, &id_of(&server, &groups, NAMES[1]))).unwrap().epoch, 3);
    run(groups.publish_items(&server, None, pick(&["welcome"]))).unwrap();

    // The newest roster version replaced on the server by the one before it: refused, and nothing changes.
    let invite = private_link(&created.invite);
    let intake = intake_mailbox_id(&invite.intake_public).to_vec();
    let (previous, newest) = {
        let boxes = server.mailboxes.lock().unwrap();
        let chain = &boxes[&intake].charters;
        (chain[chain.len() - 2].body.clone(), chain[chain.len() - 1].body.clone())
    };
    let set_newest = |body: &Vec<u8>| {
        let mut boxes = server.mailboxes.lock().unwrap();
        boxes.get_mut(&intake).unwrap().charters.last_mut().unwrap().body = body.clone();
    };
    set_newest(&previous);
    let offline = &members[3];
    let theirs = offline.mend.groups(&offline.keys);
    let id = group_id(&created);
    let key_before = GroupKeys::new(&offline.keys, id).read_key().unwrap();
    let refreshed = run(theirs.refresh_private(&server)).unwrap();
    assert!(matches!(&refreshed[..], [PrivateRefreshed::Refused { .. }]), "{refreshed:?}");
    assert_eq!(*GroupKeys::new(&offline.keys, id).read_key().unwrap(), *key_before);
    assert_eq!(shelf(offline).len(), 4);
    set_newest(&newest);

    // Told the truth, the member offline through both removals catches up, in order, to epoch 3.
    let refreshed = run(theirs.refresh_private(&server)).unwrap();
    assert!(matches!(&refreshed[..], [PrivateRefreshed::NewEpoch { epoch: 3, .. }]), "{refreshed:?}");
    run(theirs.refresh(&server)).unwrap();
    assert_eq!(shelf(offline), ["welcome"]);
    let refreshed = run(third.refresh_private(&server)).unwrap();
    assert!(matches!(&refreshed[..], [PrivateRefreshed::NewEpoch { epoch: 3, .. }]), "{refreshed:?}");
    run(third.refresh(&server)).unwrap();
    assert_eq!(shelf(&members[2]), ["welcome"]);
    for removed in &members[..2] {
        let refreshed = run(removed.mend.groups(&removed.keys).refresh_private(&server)).unwrap();
        assert!(matches!(&refreshed[..], [PrivateRefreshed::Removed { .. }]), "{refreshed:?}");
        assert_eq!(shelf(removed).len(), 4);
    }
}

#[test]
fn a_publisher_takes_the_new_epochs_key_from_the_desk_when_she_next_publishes() {
    let server = FakeServer::new();
    let owner = device();
    let groups = owner.mend.groups(&owner.keys);
    let created = run(groups.create_private(&server, new_group("Quiet circle"))).unwrap();
    run(groups.publish_items(&server, None, pick(&["welcome"]))).unwrap();
    let publisher = device();
    let hers = publisher.mend.groups(&publisher.keys);
    midwife(&server, &groups, &hers);
    let members = approved(&server, &groups, &created, 2);
    run(groups.remove_member(&server, None, &id_of(&server, &groups, NAMES[0]))).unwrap();

    run(hers.publish_items(&server, None, pick(&["tuesday-circle"]))).unwrap();
    let id = group_id(&created);
    let new_key = GroupKeys::new(&owner.keys, id).secrets().unwrap().read_key;
    assert_eq!(super::publisher_keys::PublisherKeys::load(&publisher.keys, &id).unwrap().read_key, new_key);
    run(members[1].mend.groups(&members[1].keys).refresh(&server)).unwrap();
    assert_eq!(shelf(&members[1]), ["tuesday-circle", "welcome"]);
    run(members[0].mend.groups(&members[0].keys).refresh(&server)).unwrap();
    assert_eq!(shelf(&members[0]), ["welcome"], "the removed member receives nothing new");
}

#[test]
fn an_owners_other_device_takes_the_new_epochs_key_from_the_desk_before_it_publishes() {
    let server = FakeServer::new();
    let owner = device();
    let groups = owner.mend.groups(&owner.keys);
    let created = run(groups.create_private(&server, new_group("Quiet circle"))).unwrap();
    run(groups.publish_items(&server, None, pick(&["welcome"]))).unwrap();
    let members = approved(&server, &groups, &created, 2);
    // The owner's other device: a backup restored before the removal, so it holds the first epoch's key.
    let other = restored(&groups);
    let theirs = other.mend.groups(&other.keys);
    let id = group_id(&created);
    let old_key = GroupKeys::new(&other.keys, id).secrets().unwrap().read_key;
    let old_pack = |server: &FakeServer| server.mailboxes.lock().unwrap()[&mailbox_id(&old_key).to_vec()].pack.clone();
    let before = old_pack(&server).unwrap().sequence;

    run(groups.remove_member(&server, None, &id_of(&server, &groups, NAMES[0]))).unwrap();
    let published = run(theirs.publish_items(&server, None, pick(&["welcome", "listening-line"]))).unwrap();

    let new_key = GroupKeys::new(&owner.keys, id).secrets().unwrap().read_key;
    assert_ne!(new_key, old_key);
    assert_eq!(GroupKeys::new(&other.keys, id).secrets().unwrap().read_key, new_key);
    let new_pack = server.mailboxes.lock().unwrap()[&mailbox_id(&new_key).to_vec()].pack.clone().unwrap();
    assert_eq!(new_pack.sequence, published.sequence);
    assert!(pack::open(&id, &new_key, &new_pack.body).is_ok());
    assert_eq!(old_pack(&server).unwrap().sequence, before, "nothing new under the old key");
    run(members[1].mend.groups(&members[1].keys).refresh_private(&server)).unwrap();
    run(members[1].mend.groups(&members[1].keys).refresh(&server)).unwrap();
    assert_eq!(shelf(&members[1]), ["listening-line", "welcome"]);
    run(members[0].mend.groups(&members[0].keys).refresh(&server)).unwrap();
    assert_eq!(shelf(&members[0]), ["welcome"], "the removed member receives nothing new");

    // A desk the other device cannot read: it refuses rather than publish under a key it cannot vouch for.
    let moderators = super::private::intake::moderators_mailbox_id(&private_link(&created.invite).charter_hash);
    server.mailboxes.lock().unwrap().get_mut(&moderators.to_vec()).unwrap().pack = None;
    let refused = run(theirs.publish_items(&server, None, pick(&["welcome"])));
    assert!(matches!(refused, Err(super::failure::GroupsFailure::Conflict(_))), "{refused:?}");
}

/// A transport that fails every write to one mailbox while `failing` is set.
struct Failing<'a> {
    server: &'a FakeServer,
    mailbox: String,
    failing: std::sync::atomic::AtomicBool,
}

impl crate::sync::transport::Transport for Failing<'_> {
    fn send(
        &self,
        request: crate::sync::transport::HttpRequest,
    ) -> crate::sync::transport::BoxFuture<
        '_,
        Result<crate::sync::transport::HttpResponse, crate::sync::transport::TransportError>,
    > {
        let failing = self.failing.load(std::sync::atomic::Ordering::SeqCst);
        if failing && request.method == "POST" && request.url.contains(&self.mailbox) {
            return Box::pin(async { Err(crate::sync::transport::TransportError::Offline("test".into())) });
        }
        self.server.send(request)
    }
}

#[test]
fn a_removal_whose_desk_write_fails_puts_nothing_in_force_and_finishes_when_tried_again() {
    let server = FakeServer::new();
    let owner = device();
    let groups = owner.mend.groups(&owner.keys);
    let created = run(groups.create_private(&server, new_group("Quiet circle"))).unwrap();
    run(groups.publish_items(&server, None, pick(&["welcome"]))).unwrap();
    let publisher = device();
    let hers = publisher.mend.groups(&publisher.keys);
    midwife(&server, &groups, &hers);
    let members = approved(&server, &groups, &created, 2);
    let (removed, staying) = (&members[0], &members[1]);
    let theirs = staying.mend.groups(&staying.keys);
    let moderators = super::private::intake::moderators_mailbox_id(&private_link(&created.invite).charter_hash);
    let failing = Failing {
        server: &server,
        mailbox: hex::encode(&moderators),
        failing: std::sync::atomic::AtomicBool::new(true),
    };

    // The desk cannot be written: the removal fails, and no roster version moves the members to a new epoch.
    let member = id_of(&server, &groups, NAMES[0]);
    assert!(run(groups.remove_member(&failing, None, &member)).is_err());
    failing.failing.store(false, std::sync::atomic::Ordering::SeqCst);
    let refreshed = run(theirs.refresh_private(&server)).unwrap();
    assert!(!refreshed.iter().any(|r| matches!(r, PrivateRefreshed::NewEpoch { .. })), "{refreshed:?}");
    // The publisher publishes where the members read.
    run(hers.publish_items(&server, None, pick(&["tuesday-circle"]))).unwrap();
    run(theirs.refresh(&server)).unwrap();
    assert_eq!(shelf(staying), ["tuesday-circle", "welcome"]);

    // Tried again, the removal goes through; the publisher follows it.
    assert_eq!(run(groups.remove_member(&server, None, &member)).unwrap().epoch, 2);
    let refreshed = run(theirs.refresh_private(&server)).unwrap();
    assert!(matches!(&refreshed[..], [PrivateRefreshed::NewEpoch { epoch: 2, .. }]), "{refreshed:?}");
    run(hers.publish_items(&server, None, pick(&["tuesday-circle"]))).unwrap();
    let id = group_id(&created);
    let new_key = GroupKeys::new(&owner.keys, id).secrets().unwrap().read_key;
    assert_eq!(super::publisher_keys::PublisherKeys::load(&publisher.keys, &id).unwrap().read_key, new_key);
    let refreshed = run(removed.mend.groups(&removed.keys).refresh_private(&server)).unwrap();
    assert!(matches!(&refreshed[..], [PrivateRefreshed::Removed { .. }]), "{refreshed:?}");
}

#[test]
fn a_removal_whose_roster_version_fails_is_finished_when_tried_again() {
    let server = FakeServer::new();
    let owner = device();
    let groups = owner.mend.groups(&owner.keys);
    let created = run(groups.create_private(&server, new_group("Quiet circle"))).unwrap();
    run(groups.publish_items(&server, None, pick(&["welcome"]))).unwrap();
    let members = approved(&server, &groups, &created, 2);
    let theirs = members[1].mend.groups(&members[1].keys);
    let failing = Failing {
        server: &server,
        mailbox: hex::encode(&intake_mailbox_id(&private_link(&created.invite).intake_public)),
        failing: std::sync::atomic::AtomicBool::new(true),
    };
    let member = id_of(&server, &groups, NAMES[0]);
    assert!(run(groups.remove_member(&failing, None, &member)).is_err());
    assert_eq!(run(groups.remove_member(&server, None, &member)).unwrap().epoch, 2, "finished, not started again");
    let refreshed = run(theirs.refresh_private(&server)).unwrap();
    assert!(matches!(&refreshed[..], [PrivateRefreshed::NewEpoch { epoch: 2, .. }]), "{refreshed:?}");
    run(groups.publish_items(&server, None, pick(&["listening-line"]))).unwrap();
    run(theirs.refresh(&server)).unwrap();
    assert_eq!(shelf(&members[1]), ["listening-line"]);
    let again = run(groups.remove_member(&server, None, &member));
    assert!(matches!(again, Err(super::failure::GroupsFailure::Conflict(_))), "{again:?}");
}

#[test]
fn a_publisher_refuses_an_older_desk_the_server_hands_back() {
    let server = FakeServer::new();
    let owner = device();
    let groups = owner.mend.groups(&owner.keys);
    let created = run(groups.create_private(&server, new_group("Quiet circle"))).unwrap();
    run(groups.publish_items(&server, None, pick(&["welcome"]))).unwrap();
    let publisher = device();
    let hers = publisher.mend.groups(&publisher.keys);
    midwife(&server, &groups, &hers);
    approved(&server, &groups, &created, 2);
    let moderators = super::private::intake::moderators_mailbox_id(&private_link(&created.invite).charter_hash);
    let desk_now = || server.mailboxes.lock().unwrap()[&moderators.to_vec()].pack.clone();
    let first_epoch = desk_now();
    run(hers.publish_items(&server, None, pick(&["tuesday-circle"]))).unwrap();
    run(groups.remove_member(&server, None, &id_of(&server, &groups, NAMES[0]))).unwrap();
    run(hers.publish_items(&server, None, pick(&["tuesday-circle"]))).unwrap();
    let id = group_id(&created);
    let new_key = GroupKeys::new(&owner.keys, id).secrets().unwrap().read_key;
    assert_eq!(super::publisher_keys::PublisherKeys::load(&publisher.keys, &id).unwrap().read_key, new_key);

    // The server hands back the first epoch's desk: refused, and her key stays the new epoch's.
    let newest = desk_now();
    server.mailboxes.lock().unwrap().get_mut(&moderators.to_vec()).unwrap().pack = first_epoch;
    let refused = run(hers.publish_items(&server, None, pick(&["tuesday-circle"])));
    assert!(matches!(refused, Err(super::failure::GroupsFailure::Conflict(_))), "{refused:?}");
    assert_eq!(super::publisher_keys::PublisherKeys::load(&publisher.keys, &id).unwrap().read_key, new_key);
    // No desk at all, once she has seen one: refused too.
    server.mailboxes.lock().unwrap().get_mut(&moderators.to_vec()).unwrap().pack = None;
    let refused = run(hers.publish_items(&server, None, pick(&["tuesday-circle"])));
    assert!(matches!(refused, Err(super::failure::GroupsFailure::Conflict(_))), "{refused:?}");
    server.mailboxes.lock().unwrap().get_mut(&moderators.to_vec()).unwrap().pack = newest;
    run(hers.publish_items(&server, None, pick(&["tuesday-circle"]))).unwrap();
}

#[test]
fn an_owner_deciding_from_an_older_desk_keeps_the_member_approved_first() {
    let server = FakeServer::new();
    let owner = device();
    let groups = owner.mend.groups(&owner.keys);
    let created = run(groups.create_private(&server, new_group("Quiet circle"))).unwrap();
    run(groups.publish_items(&server, None, pick(&["welcome"]))).unwrap();
    // The owner's other device (a backup restored), deciding at the same time.
    let other = restored(&groups);
    let theirs = other.mend.groups(&other.keys);
    let (first, second) = (device(), device());
    for (member, name) in [(&first, NAMES[0]), (&second, NAMES[1])] {
        run(member.mend.groups(&member.keys).request_join(&server, &created.invite, name)).unwrap();
    }
    let (first_id, second_id) = (id_of(&server, &groups, NAMES[0]), id_of(&server, &groups, NAMES[1]));
    let moderators = super::private::intake::moderators_mailbox_id(&private_link(&created.invite).charter_hash);
    let before = server.mailboxes.lock().unwrap()[&moderators.to_vec()].pack.clone();
    run(groups.approve(&server, None, &first_id)).unwrap();
    let refreshed = run(first.mend.groups(&first.keys).refresh_private(&server)).unwrap();
    assert!(matches!(&refreshed[..], [PrivateRefreshed::Approved { .. }]), "{refreshed:?}");
    // The other device decides from the desk as it was before that approval.
    server.mailboxes.lock().unwrap().get_mut(&moderators.to_vec()).unwrap().pack = before;
    run(theirs.approve(&server, None, &second_id)).unwrap();

    let refreshed = run(first.mend.groups(&first.keys).refresh_private(&server)).unwrap();
    assert!(!refreshed.iter().any(|r| matches!(r, PrivateRefreshed::Removed { .. })), "{refreshed:?}");
    assert!(!first.mend.groups(&first.keys).list().unwrap()[0].removed);
    let refreshed = run(second.mend.groups(&second.keys).refresh_private(&server)).unwrap();
    assert!(matches!(&refreshed[..], [PrivateRefreshed::Approved { .. }]), "{refreshed:?}");
}

#[test]
fn a_desk_a_publisher_wrote_with_a_member_approved_admits_no_one() {
    let server = FakeServer::new();
    let owner = device();
    let groups = owner.mend.groups(&owner.keys);
    let created = run(groups.create_private(&server, new_group("Quiet circle"))).unwrap();
    let publisher = device();
    let hers = publisher.mend.groups(&publisher.keys);
    midwife(&server, &groups, &hers);
    let (sneaked, asked) = (device(), device());
    for (member, name) in [(&sneaked, NAMES[0]), (&asked, NAMES[1])] {
        run(member.mend.groups(&member.keys).request_join(&server, &created.invite, name)).unwrap();
    }
    let (sneaked_id, asked_id) = (id_of(&server, &groups, NAMES[0]), id_of(&server, &groups, NAMES[1]));
    // The publisher writes a desk marking the first one approved.
    let at = run(hers.moderating(&server, None, super::private_moderation::Who::OwnersAndPublishers)).unwrap();
    let mut client = crate::sync::client::Client::new(&at.server, &server);
    let mut desk = run(super::private_desk_io::read(&mut client, &at.hand())).unwrap();
    let entry = desk.roster.iter_mut().find(|e| super::private_moderation::member_id(&e.member_key) == sneaked_id);
    entry.unwrap().status = super::private::desk::Status::Approved;
    desk.sequence += 1;
    run(super::private_desk_io::write(&mut client, &at.hand(), desk)).unwrap();

    run(groups.approve(&server, None, &asked_id)).unwrap();
    let refreshed = run(asked.mend.groups(&asked.keys).refresh_private(&server)).unwrap();
    assert!(matches!(&refreshed[..], [PrivateRefreshed::Approved { .. }]), "{refreshed:?}");
    let refreshed = run(sneaked.mend.groups(&sneaked.keys).refresh_private(&server)).unwrap();
    assert!(!refreshed.iter().any(|r| matches!(r, PrivateRefreshed::Approved { .. })), "{refreshed:?}");
    assert!(sneaked.mend.groups(&sneaked.keys).list().unwrap().is_empty());
}

#[test]
fn a_decline_a_publisher_forged_keeps_the_members_key_and_the_request_followed() {
    let server = FakeServer::new();
    let owner = device();
    let groups = owner.mend.groups(&owner.keys);
    let created = run(groups.create_private(&server, new_group("Quiet circle"))).unwrap();
    run(groups.publish_items(&server, None, pick(&["welcome"]))).unwrap();
    let publisher = device();
    let hers = publisher.mend.groups(&publisher.keys);
    midwife(&server, &groups, &hers);
    let member = device();
    let theirs = member.mend.groups(&member.keys);
    run(theirs.request_join(&server, &created.invite, NAMES[0])).unwrap();
    let member_id = id_of(&server, &groups, NAMES[0]);

    // The publisher signs and posts a version declining the member.
    let invite = private_link(&created.invite);
    let secret = member_secret(&member.keys, &invite.charter_hash).unwrap();
    let forged = roster::RosterVersion {
        group_id: group_id(&created),
        version: 1,
        epoch: 1,
        issued_at: 0,
        entries: Vec::new(),
        declined: vec![roster::tag(&hpke_seal::public_of(&secret), 1)],
    };
    let identity = super::identity::Identity::load(&publisher.keys).unwrap().unwrap();
    let sealed = roster::build_and_seal(&identity.signing, &invite.intake_public, &forged).unwrap();
    let write_key =
        super::publisher_keys::PublisherKeys::load(&publisher.keys, &group_id(&created)).unwrap().write_key();
    let mailbox = intake_mailbox_id(&invite.intake_public);
    let write = super::network::signed_write(
        &mailbox,
        &write_key,
        mend_protocol::groups::Channel::Charter,
        1,
        i64::MAX / 2,
        sealed,
    );
    let mut client = crate::sync::client::Client::new(&invite.server, &server);
    run(super::network::post(&mut client, &mailbox, &write)).unwrap();

    let refreshed = run(theirs.refresh_private(&server)).unwrap();
    assert!(matches!(&refreshed[..], [PrivateRefreshed::Declined { .. }]), "{refreshed:?}");
    assert!(member_secret(&member.keys, &invite.charter_hash).is_ok(), "the key stays: the decline is unverified");

    assert!(run(theirs.refresh_private(&server)).unwrap().is_empty(), "reported once, still followed");
    assert!(member_secret(&member.keys, &invite.charter_hash).is_ok());
    // An owner builds on no version it cannot verify: the forged one is passed over, and the owner's approval
    // (version 2) lets the member in.
    run(groups.approve(&server, None, &member_id)).unwrap();
    let refreshed = run(theirs.refresh_private(&server)).unwrap();
    assert!(matches!(&refreshed[..], [PrivateRefreshed::Approved { .. }]), "{refreshed:?}");
}

#[test]
fn a_declined_request_is_not_approved_afterwards() {
    let server = FakeServer::new();
    let owner = device();
    let groups = owner.mend.groups(&owner.keys);
    let created = run(groups.create_private(&server, new_group("Quiet circle"))).unwrap();
    let member = device();
    run(member.mend.groups(&member.keys).request_join(&server, &created.invite, NAMES[0])).unwrap();
    let member_id = id_of(&server, &groups, NAMES[0]);
    run(groups.decline(&server, None, &member_id)).unwrap();
    let again = run(groups.approve(&server, None, &member_id));
    assert!(matches!(again, Err(super::failure::GroupsFailure::Conflict(_))), "{again:?}");
}

#[test]
fn a_move_to_a_new_key_whose_roster_version_fails_is_finished_when_tried_again() {
    let server = FakeServer::new();
    let owner = device();
    let groups = owner.mend.groups(&owner.keys);
    let created = run(groups.create_private(&server, new_group("Quiet circle"))).unwrap();
    let members = approved(&server, &groups, &created, 2);
    let failing = Failing {
        server: &server,
        mailbox: hex::encode(&intake_mailbox_id(&private_link(&created.invite).intake_public)),
        failing: std::sync::atomic::AtomicBool::new(true),
    };
    assert!(run(groups.rekey(&failing, None)).is_err());
    assert_eq!(run(groups.rekey(&server, None)).unwrap().epoch, 2, "finished, not started again");
    for member in &members {
        let refreshed = run(member.mend.groups(&member.keys).refresh_private(&server)).unwrap();
        assert!(matches!(&refreshed[..], [PrivateRefreshed::NewEpoch { epoch: 2, .. }]), "{refreshed:?}");
    }
}
