//! Several moderators of one private group, on real journals through the in-memory group server: a charter
//! change seals the moderators' desk again to the new charter's owners and publishers, so a second owner added
//! on another phone lists the requests waiting and decides at once (the first owner sees the decision), a
//! publisher added reads the desk, and an owner who hands the group over leaves the new owner a desk they can
//! open — with the notes left on it: the new owner lists the members and approves the next request. Notes and a
//! charter change waiting for signatures travel on the desk between owners' phones (`private_desk_work.rs`). A
//! publisher removed (without her signature) leaves the group at a new epoch whose key she does not get.

use super::charter_flow::CharterChanges;
use super::device::Groups;
use super::device_tests::{Device, FakeServer, device, example_pack, new_group, run};
use super::failure::GroupsFailure;
use super::owner::Created;
use super::private::desk::Status;
use super::private_device_tests::server_holds;
use super::private_member::PrivateRefreshed;

const NOTE: &str = "MARKER-note-51c0 The Tuesday passcode changes after the 12th";

/// A new owner `theirs` added to `mine`'s only group by a charter change both sign; `remove` names an owner who
/// leaves in the same change (a handover). Gives whether this device handed the group over.
fn add_owner(server: &FakeServer, mine: &Groups<'_>, theirs: &Groups<'_>, name: &str, remove: &[&str]) -> bool {
    let changes = CharterChanges {
        add_owners: vec![(name.into(), theirs.moderator_key().unwrap())],
        remove_owners: remove.iter().map(|r| (*r).to_owned()).collect(),
        ..Default::default()
    };
    let (mut draft, _) = run(mine.propose_charter(server, None, changes)).unwrap();
    assert!(theirs.sign_charter(&mut draft).unwrap().ready);
    let published = run(mine.publish_charter(server, &draft)).unwrap();
    let link = &published.owner_links.iter().find(|l| l.name == name).unwrap().link;
    run(theirs.accept(server, link)).unwrap();
    published.handed_over
}

/// A member who asks to join `created` as `name`.
fn asks(server: &FakeServer, created: &Created, name: &str) -> Device {
    let member = device();
    run(member.mend.groups(&member.keys).request_join(server, &created.invite, name)).unwrap();
    member
}

/// A member who asked to join `created` as `name`, was approved by `groups` (an owner) and joined.
fn approved_member(server: &FakeServer, groups: &Groups<'_>, created: &Created, name: &str) -> Device {
    let member = asks(server, created, name);
    let (_, id) = listed(server, groups, name);
    run(groups.approve(server, None, &id)).unwrap();
    joins(server, &member);
    member
}

fn joins(server: &FakeServer, member: &Device) {
    let refreshed = run(member.mend.groups(&member.keys).refresh_private(server)).unwrap();
    assert!(matches!(&refreshed[..], [PrivateRefreshed::Approved { .. }]), "{refreshed:?}");
    assert!(!member.mend.groups(&member.keys).items(None).unwrap().is_empty());
}

/// The status `groups` lists for the member named `name`, and their id.
fn listed(server: &FakeServer, groups: &Groups<'_>, name: &str) -> (Status, String) {
    let list = run(groups.members(server, None)).unwrap();
    let entry = list.members.into_iter().find(|m| m.display_name == name).unwrap_or_else(|| panic!("no {name}"));
    (entry.status, entry.member_id)
}

#[test]
fn a_second_owner_on_another_phone_reads_the_desk_and_decides_at_once() {
    let server = FakeServer::new();
    let (first, second) = (device(), device());
    let mine = first.mend.groups(&first.keys);
    let created = run(mine.create_private(&server, new_group("Quiet circle"))).unwrap();
    run(mine.publish(&server, None, &example_pack())).unwrap();
    let waiting = asks(&server, &created, "Sam");
    // The request came before Kim was an owner, and the first owner has not written the desk since.
    let theirs = second.mend.groups(&second.keys);
    assert!(!add_owner(&server, &mine, &theirs, "Kim", &[]));

    let (status, id) = listed(&server, &theirs, "Sam");
    assert_eq!(status, Status::Pending);
    run(theirs.approve(&server, None, &id)).unwrap();
    joins(&server, &waiting);
    assert_eq!(listed(&server, &mine, "Sam").0, Status::Approved, "the first owner sees Kim's decision");
}

#[test]
fn a_publisher_added_to_a_private_group_reads_the_desk_at_once() {
    let server = FakeServer::new();
    let (owner, midwife) = (device(), device());
    let groups = owner.mend.groups(&owner.keys);
    let created = run(groups.create_private(&server, new_group("Quiet circle"))).unwrap();
    asks(&server, &created, "Sam");
    let hers = midwife.mend.groups(&midwife.keys);
    let kinds = vec![super::items::ItemKind::Meeting];
    let added = run(groups.add_publisher(&server, None, &hers.moderator_key().unwrap(), "Midwife", kinds)).unwrap();
    run(hers.accept(&server, &added.link)).unwrap();
    assert_eq!(listed(&server, &hers, "Sam").0, Status::Pending);
}

#[test]
fn an_owner_who_hands_over_leaves_the_new_owner_a_desk_they_can_open() {
    let server = FakeServer::new();
    let (first, next) = (device(), device());
    let mine = first.mend.groups(&first.keys);
    let created = run(mine.create_private(&server, new_group("Quiet circle"))).unwrap();
    run(mine.publish(&server, None, &example_pack())).unwrap();
    let sam = approved_member(&server, &mine, &created, "Sam");
    run(mine.leave_note(&server, None, NOTE)).unwrap();

    let theirs = next.mend.groups(&next.keys);
    assert!(add_owner(&server, &mine, &theirs, "Noor", &["first owner"]), "the first owner handed the group over");
    assert!(mine.list().unwrap().is_empty(), "nothing of the group stays with the owner who left");

    // Noor reads the note, sees who is in the group and lets the next person in.
    let notes = run(theirs.notes(&server, None)).unwrap();
    assert_eq!((notes[0].author.as_str(), notes[0].text.as_str()), ("first owner", NOTE));
    assert_eq!(listed(&server, &theirs, "Sam").0, Status::Approved);
    let kit = asks(&server, &created, "Kit");
    let (status, id) = listed(&server, &theirs, "Kit");
    assert_eq!(status, Status::Pending);
    run(theirs.approve(&server, None, &id)).unwrap();
    joins(&server, &kit);

    // Sam, who has not opened Mend since the handover, follows the versions Noor signed; when Noor removes Kit,
    // Sam moves to the new epoch and reads what Noor publishes there.
    let sams = sam.mend.groups(&sam.keys);
    // The handover moved the group to a new key (the departing owner held the old one).
    let refreshed = run(sams.refresh_private(&server)).unwrap();
    assert!(matches!(&refreshed[..], [PrivateRefreshed::NewEpoch { epoch: 2, .. }]), "{refreshed:?}");
    run(theirs.remove_member(&server, None, &id)).unwrap();
    run(theirs.publish_items(&server, None, super::device_tests::pick(&["welcome"]))).unwrap();
    let refreshed = run(sams.refresh_private(&server)).unwrap();
    assert!(matches!(&refreshed[..], [PrivateRefreshed::NewEpoch { .. }]), "{refreshed:?}");
    run(sams.refresh(&server)).unwrap();
    let shelf: Vec<String> = sams.items(None).unwrap().into_iter().map(|i| i.item.id).collect();
    assert_eq!(shelf, ["welcome"], "Noor's pack at the new epoch");
    let refreshed = run(kit.mend.groups(&kit.keys).refresh_private(&server)).unwrap();
    assert!(matches!(&refreshed[..], [PrivateRefreshed::Removed { .. }]), "{refreshed:?}");
}

#[test]
fn notes_go_between_moderators_sealed_and_signed_with_their_names() {
    let server = FakeServer::new();
    let (owner, midwife) = (device(), device());
    let groups = owner.mend.groups(&owner.keys);
    run(groups.create_private(&server, new_group("Quiet circle"))).unwrap();
    let hers = midwife.mend.groups(&midwife.keys);
    let kinds = vec![super::items::ItemKind::Meeting];
    let added = run(groups.add_publisher(&server, None, &hers.moderator_key().unwrap(), "Midwife", kinds)).unwrap();
    run(hers.accept(&server, &added.link)).unwrap();

    run(groups.leave_note(&server, None, &format!("  {NOTE}\n"))).unwrap();
    run(hers.leave_note(&server, None, "Thanks, I will tell the Tuesday room")).unwrap();
    let notes = run(groups.notes(&server, None)).unwrap();
    let seen: Vec<(&str, &str)> = notes.iter().map(|n| (n.author.as_str(), n.text.as_str())).collect();
    assert_eq!(seen, [("first owner", NOTE), ("Midwife", "Thanks, I will tell the Tuesday room")]);
    assert!(!server_holds(&server, b"MARKER-note-51c0"), "the server holds the note only sealed");

    for (text, why) in [("   ", "empty"), (&*"x".repeat(4097), "over 4 KiB")] {
        let refused = run(hers.leave_note(&server, None, text));
        assert!(matches!(&refused, Err(GroupsFailure::Group(e)) if e.to_string().contains("note")), "{why}");
    }
    assert_eq!(run(hers.notes(&server, None)).unwrap().len(), 2, "nothing refused was written");
}

#[test]
fn a_charter_change_waits_on_the_desk_for_the_other_owners_signature() {
    let server = FakeServer::new();
    let (first, second) = (device(), device());
    let mine = first.mend.groups(&first.keys);
    run(mine.create_private(&server, new_group("Quiet circle"))).unwrap();
    let theirs = second.mend.groups(&second.keys);
    add_owner(&server, &mine, &theirs, "Kim", &[]);
    // Every change from now on needs both owners.
    let both = CharterChanges { threshold: Some(2), ..Default::default() };
    let (mut draft, _) = run(mine.propose_charter(&server, None, both)).unwrap();
    theirs.sign_charter(&mut draft).unwrap();
    run(mine.publish_charter(&server, &draft)).unwrap();

    let rename = CharterChanges { name: Some("Thursday circle".into()), ..Default::default() };
    let (draft, status) = run(mine.propose_charter(&server, None, rename)).unwrap();
    assert!(!status.ready);
    run(mine.share_draft(&server, &draft, false)).unwrap();
    // Another proposal does not push it aside unless asked to.
    let other = CharterChanges { description: Some("for anyone".into()), ..Default::default() };
    let (other, _) = run(theirs.propose_charter(&server, None, other)).unwrap();
    let refused = run(theirs.share_draft(&server, &other, false));
    assert!(matches!(&refused, Err(GroupsFailure::Conflict(words)) if words.contains("--replace")), "{refused:?}");

    // Kim finds it on the desk, sees what it changes, and signs; sharing the first owner's copy again keeps her
    // signature.
    let mut waiting = run(theirs.shared_draft(&server, None)).unwrap().expect("the draft is on the desk");
    assert!(waiting.status.changes.iter().any(|c| c.contains("Thursday circle")), "{:?}", waiting.status);
    assert!(theirs.sign_charter(&mut waiting.draft).unwrap().ready);
    run(theirs.share_draft(&server, &waiting.draft, false)).unwrap();
    assert!(run(mine.share_draft(&server, &draft, false)).unwrap().status.ready, "signatures are combined");

    let ready = run(mine.shared_draft(&server, None)).unwrap().unwrap();
    assert_eq!(run(mine.publish_charter(&server, &ready.draft)).unwrap().version, 4);
    assert_eq!(mine.list().unwrap()[0].name, "Thursday circle");
    assert!(run(theirs.shared_draft(&server, None)).unwrap().is_none(), "the desk's draft is cleared");
    // Kim's proposal was made under the charter before: it cannot be shared now, replace or not.
    let stale = run(theirs.share_draft(&server, &other, true));
    assert!(matches!(&stale, Err(GroupsFailure::Conflict(words)) if words.contains("changed")), "{stale:?}");
}

#[test]
fn a_publisher_removed_from_a_private_group_reads_nothing_published_after() {
    let server = FakeServer::new();
    let (owner, midwife) = (device(), device());
    let groups = owner.mend.groups(&owner.keys);
    let created = run(groups.create_private(&server, new_group("Quiet circle"))).unwrap();
    run(groups.publish_items(&server, None, super::device_tests::pick(&["welcome"]))).unwrap();
    let sam = approved_member(&server, &groups, &created, "Sam");
    let hers = midwife.mend.groups(&midwife.keys);
    let kinds = vec![super::items::ItemKind::Meeting];
    let added = run(groups.add_publisher(&server, None, &hers.moderator_key().unwrap(), "Midwife", kinds)).unwrap();
    run(hers.accept(&server, &added.link)).unwrap();
    let group_id: [u8; 16] = mend_protocol::hex::decode("id", &created.id, 16).unwrap().try_into().unwrap();
    let her_key = super::publisher_keys::PublisherKeys::load(&midwife.keys, &group_id).unwrap().read_key;

    // The owner removes her: she never signed that, so the group moves to a new epoch she gets no key for.
    let removed = run(groups.remove_publisher(&server, None, "Midwife")).unwrap();
    assert_eq!((removed.pack.new_epoch, removed.pack.rekey_needed), (Some(2), false), "{removed:?}");
    run(groups.publish_items(&server, None, super::device_tests::pick(&["welcome", "listening-line"]))).unwrap();
    let owners_key = super::secrets::GroupKeys::new(&owner.keys, group_id).secrets().unwrap().read_key;
    assert_ne!(owners_key, her_key);
    let newest = server.mailboxes.lock().unwrap()[&super::keys::mailbox_id(&owners_key).to_vec()].pack.clone();
    let newest = newest.expect("the owner published at the new epoch");
    assert!(super::pack::open(&group_id, &her_key, &newest.body).is_err(), "her key opens nothing new");
    assert!(super::pack::open(&group_id, &owners_key, &newest.body).is_ok());

    // Sam follows the new epoch and reads it.
    let sams = sam.mend.groups(&sam.keys);
    let refreshed = run(sams.refresh_private(&server)).unwrap();
    assert!(matches!(&refreshed[..], [PrivateRefreshed::NewEpoch { epoch: 2, .. }]), "{refreshed:?}");
    run(sams.refresh(&server)).unwrap();
    assert_eq!(sams.items(None).unwrap().len(), 2);

    // An owner may move the group to a new key at any time; Sam follows again.
    let rekeyed = run(groups.rekey(&server, None)).unwrap();
    assert_eq!(rekeyed.epoch, 3);
    let refreshed = run(sams.refresh_private(&server)).unwrap();
    assert!(matches!(&refreshed[..], [PrivateRefreshed::NewEpoch { epoch: 3, .. }]), "{refreshed:?}");
}

#[test]
fn an_owner_removed_without_signing_cannot_put_the_change_in_force_and_the_group_moves_on() {
    let server = FakeServer::new();
    let (first, second) = (device(), device());
    let mine = first.mend.groups(&first.keys);
    let created = run(mine.create_private(&server, new_group("Quiet circle"))).unwrap();
    run(mine.publish(&server, None, &example_pack())).unwrap();
    let sam = approved_member(&server, &mine, &created, "Sam");
    let theirs = second.mend.groups(&second.keys);
    add_owner(&server, &mine, &theirs, "Kim", &[]);

    // Kim proposes removing the first owner, who finds the draft on the desk but did not sign it.
    let out = CharterChanges { remove_owners: vec!["first owner".into()], ..Default::default() };
    let (draft, status) = run(theirs.propose_charter(&server, None, out)).unwrap();
    assert!(status.ready);
    run(theirs.share_draft(&server, &draft, false)).unwrap();
    let waiting = run(mine.shared_draft(&server, None)).unwrap().unwrap();
    let refused = run(mine.publish_charter(&server, &waiting.draft));
    assert!(matches!(&refused, Err(GroupsFailure::Conflict(w)) if w.contains("did not sign")), "{refused:?}");

    // Kim puts it in force: the group moves to a new key the first owner does not get; Sam follows it.
    let published = run(theirs.publish_charter(&server, &draft)).unwrap();
    assert_eq!((published.pack.new_epoch, published.pack.rekey_needed), (Some(2), false));
    let refreshed = run(sam.mend.groups(&sam.keys).refresh_private(&server)).unwrap();
    assert!(matches!(&refreshed[..], [PrivateRefreshed::NewEpoch { epoch: 2, .. }]), "{refreshed:?}");
    assert_eq!(listed(&server, &theirs, "Sam").0, Status::Approved);
}

#[test]
fn a_write_key_moves_on_a_new_epochs_mailbox_with_the_number_it_expects() {
    let server = FakeServer::new();
    let owner = device();
    let groups = owner.mend.groups(&owner.keys);
    let created = run(groups.create_private(&server, new_group("Quiet circle"))).unwrap();
    run(groups.publish(&server, None, &example_pack())).unwrap();
    let sam = approved_member(&server, &groups, &created, "Sam");
    approved_member(&server, &groups, &created, "Kit");
    let add = |name: &str| {
        let her = device();
        let hers = her.mend.groups(&her.keys);
        let kinds = vec![super::items::ItemKind::Meeting];
        let added = run(groups.add_publisher(&server, None, &hers.moderator_key().unwrap(), name, kinds)).unwrap();
        run(hers.accept(&server, &added.link)).unwrap();
    };
    add("Midwife");
    add("Doula");
    // The first removal moves the write key (number 1) and makes epoch 2's mailbox, whose own count starts at 0;
    // a member's removal makes epoch 3's; the second publisher's removal moves every mailbox's key again.
    assert_eq!(run(groups.remove_publisher(&server, None, "Midwife")).unwrap().pack.new_epoch, Some(2));
    let (_, id) = listed(&server, &groups, "Kit");
    assert_eq!(run(groups.remove_member(&server, None, &id)).unwrap().epoch, 3);
    assert_eq!(run(groups.remove_publisher(&server, None, "Doula")).unwrap().pack.new_epoch, Some(4));
    let refreshed = run(sam.mend.groups(&sam.keys).refresh_private(&server)).unwrap();
    assert!(matches!(&refreshed[..], [PrivateRefreshed::NewEpoch { epoch: 4, .. }]), "{refreshed:?}");
}
