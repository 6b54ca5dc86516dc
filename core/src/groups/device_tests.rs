//! The owner's and the member's flows on real journals, through an in-memory group server that keeps the
//! mailbox rules (a Pack write must rise, a Charter write must be the next version) and can be made to lie:
//! hand back an older pack than asked for, or a pack with a changed byte. What is checked: nothing unverified is
//! stored, a member never goes back, every joined group is read in one request, and leaving removes the items.

use std::collections::HashMap;
use std::future::Future;
use std::path::{Path, PathBuf};
use std::pin::pin;
use std::sync::Mutex;
use std::task::{Context, Poll, Waker};

use chrono::{TimeZone, Utc};
use mend_protocol::accounts::Done;
use mend_protocol::groups::{
    Channel, CreateGroupMailbox, GroupState, GroupStates, InboxAck, ReadGroups, SignedWrite, WriteKeyChange,
};
use mend_protocol::mailboxes::{MailboxMessage, Messages, Post, Posted};
use mend_protocol::{ErrorBody, ErrorCode, Message, decode, encode};

use super::failure::GroupsFailure;
use super::invite::Invite;
use super::member::Refreshed;
use super::owner::NewGroup;
use crate::fixtures::TempMend;
use crate::sync::keystore::FileKeyStore;
use crate::sync::transport::BoxFuture;
use crate::sync::{HttpRequest, HttpResponse, Transport, TransportError};

const SERVER: &str = "http://127.0.0.1:9";

#[derive(Default)]
pub(super) struct Mailbox {
    pub(super) pack: Option<SignedWrite>,
    /// Every pack ever accepted, to replay one.
    history: Vec<SignedWrite>,
    pub(super) charters: Vec<SignedWrite>,
    /// The key writes and inbox acknowledgements must be signed with.
    pub(super) write_key: Vec<u8>,
    /// The write key's number: each mailbox counts its own from 0, and a change must give the next.
    key_generation: u32,
    /// The join inbox: what was posted and not yet acknowledged, and the last sequence given.
    pub(super) inbox: Vec<MailboxMessage>,
    inbox_sequence: u64,
}

/// How the fake server misbehaves on reads.
#[derive(Clone, Copy, PartialEq)]
enum Lie {
    None,
    /// Hands back the first pack ever written, whatever the cursor.
    OldPack,
    /// Hands back the current pack with one byte changed.
    ChangedPack,
    /// Cannot be reached.
    Offline,
    /// On the next read only, hands back the pack before the current one (as if another moderator posted just
    /// after this device read).
    StaleOnce,
}

pub(super) struct FakeServer {
    pub(super) mailboxes: Mutex<HashMap<Vec<u8>, Mailbox>>,
    reads: Mutex<usize>,
    lie: Mutex<Lie>,
}

impl FakeServer {
    pub(super) fn new() -> FakeServer {
        FakeServer { mailboxes: Mutex::default(), reads: Mutex::new(0), lie: Mutex::new(Lie::None) }
    }

    /// From now on the server cannot be reached.
    pub(super) fn go_offline(&self) {
        *self.lie.lock().unwrap() = Lie::Offline;
    }

    fn reply<R: Message>(value: &R) -> HttpResponse {
        HttpResponse { status: 200, body: encode(value) }
    }

    fn refuse(code: ErrorCode) -> HttpResponse {
        HttpResponse { status: 409, body: encode(&ErrorBody { code, field: None, message: "refused".into() }) }
    }

    fn handle(&self, request: &HttpRequest) -> HttpResponse {
        let path = request.url.strip_prefix(SERVER).expect("the test's server");
        let mut boxes = self.mailboxes.lock().unwrap();
        if path == "/v1/groups" {
            let create: CreateGroupMailbox = decode(&request.body).unwrap();
            boxes.entry(create.mailbox_id).or_default().write_key = create.write_key;
            return Self::reply(&Done);
        }
        if let Some(id) = path.strip_suffix("/write-key").and_then(|p| p.strip_prefix("/v1/groups/")) {
            // Signatures are the real server's to check (tests/groups_moderators.rs): this one takes the new key
            // with the next number, as the real one does.
            let change: WriteKeyChange = decode(&request.body).unwrap();
            let id = mend_protocol::hex::decode("mailbox_id", id, 32).unwrap();
            let Some(mailbox) = boxes.get_mut(&id) else { return Self::refuse(ErrorCode::NotFound) };
            if change.generation != mailbox.key_generation + 1 {
                return Self::refuse(ErrorCode::SequenceTooLow { current: u64::from(mailbox.key_generation) });
            }
            (mailbox.write_key, mailbox.key_generation) = (change.new_key, change.generation);
            return Self::reply(&Done);
        }
        if let Some(reply) = Self::inbox(&mut boxes, request, path) {
            return reply;
        }
        if path == "/v1/groups/read" {
            *self.reads.lock().unwrap() += 1;
            let read: ReadGroups = decode(&request.body).unwrap();
            let lie = *self.lie.lock().unwrap();
            let states = read
                .mailboxes
                .iter()
                .map(|cursor| match boxes.get(&cursor.mailbox_id) {
                    None => GroupState {
                        mailbox_id: cursor.mailbox_id.clone(),
                        found: false,
                        write_key: Vec::new(),
                        key_generation: 0,
                        pack: None,
                        charters: Vec::new(),
                    },
                    Some(mailbox) => {
                        let pack = match lie {
                            Lie::None | Lie::Offline => mailbox.pack.clone().filter(|p| p.sequence > cursor.pack_after),
                            Lie::OldPack => mailbox.history.first().cloned(),
                            Lie::StaleOnce => mailbox.history.iter().rev().nth(1).cloned(),
                            Lie::ChangedPack => mailbox.pack.clone().map(|mut p| {
                                let middle = p.body.len() / 2;
                                p.body[middle] ^= 1;
                                p
                            }),
                        };
                        GroupState {
                            mailbox_id: cursor.mailbox_id.clone(),
                            found: true,
                            write_key: vec![0; 32],
                            key_generation: 1,
                            pack,
                            charters: mailbox
                                .charters
                                .iter()
                                .filter(|c| c.sequence > cursor.charter_after)
                                .cloned()
                                .collect(),
                        }
                    }
                })
                .collect();
            if lie == Lie::StaleOnce {
                *self.lie.lock().unwrap() = Lie::None;
            }
            return Self::reply(&GroupStates { states });
        }
        let id = path.strip_prefix("/v1/groups/").and_then(|p| p.strip_suffix("/writes")).expect("a write");
        let id = mend_protocol::hex::decode("mailbox_id", id, 32).unwrap();
        let Some(mailbox) = boxes.get_mut(&id) else { return Self::refuse(ErrorCode::NotFound) };
        let write: SignedWrite = decode(&request.body).unwrap();
        match write.channel {
            Channel::Pack => {
                let current = mailbox.pack.as_ref().map_or(0, |p| p.sequence);
                if write.sequence <= current {
                    return Self::refuse(ErrorCode::SequenceTooLow { current });
                }
                mailbox.history.push(write.clone());
                mailbox.pack = Some(write.clone());
            }
            Channel::Charter => {
                let current = mailbox.charters.len() as u64;
                if write.sequence != current + 1 {
                    return Self::refuse(ErrorCode::SequenceTooLow { current });
                }
                mailbox.charters.push(write.clone());
            }
        }
        Self::reply(&Posted { sequence: write.sequence })
    }
}

impl FakeServer {
    /// The join inbox routes: post (anyone), read after a sequence (anyone), acknowledge (signed by the mailbox's
    /// write key, checked here as the real server checks it). `None` for any other route.
    fn inbox(boxes: &mut HashMap<Vec<u8>, Mailbox>, request: &HttpRequest, path: &str) -> Option<HttpResponse> {
        let rest = path.strip_prefix("/v1/groups/")?;
        let (id, route) = rest.split_once('/')?;
        let route = route.split('?').next().unwrap_or_default();
        if route != "inbox" && route != "inbox/ack" {
            return None;
        }
        let id = mend_protocol::hex::decode("mailbox_id", id, 32).unwrap();
        let Some(mailbox) = boxes.get_mut(&id) else { return Some(Self::refuse(ErrorCode::NotFound)) };
        Some(match (request.method.as_str(), route) {
            ("POST", "inbox") => {
                let post: Post = decode(&request.body).unwrap();
                mailbox.inbox_sequence += 1;
                let sequence = mailbox.inbox_sequence;
                mailbox.inbox.push(MailboxMessage { sequence, posted_at: 0, body: post.body });
                Self::reply(&Posted { sequence })
            }
            ("GET", "inbox") => {
                let after: u64 = path.split("after=").nth(1).map_or(0, |a| a.parse().unwrap());
                let messages = mailbox.inbox.iter().filter(|m| m.sequence > after).cloned().collect();
                Self::reply(&Messages { messages })
            }
            ("POST", "inbox/ack") => {
                let ack: InboxAck = decode(&request.body).unwrap();
                let message = mend_protocol::signing::inbox_ack_message(&id, ack.up_to);
                let key = ed25519_dalek::VerifyingKey::from_bytes(&mailbox.write_key.clone().try_into().unwrap());
                let signature = ed25519_dalek::Signature::from_slice(&ack.signature).unwrap();
                if key.unwrap().verify_strict(&message, &signature).is_err() {
                    return Some(Self::refuse(ErrorCode::BadSignature));
                }
                mailbox.inbox.retain(|m| m.sequence > ack.up_to);
                Self::reply(&Done)
            }
            _ => Self::refuse(ErrorCode::NotFound),
        })
    }
}

impl Transport for FakeServer {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        if *self.lie.lock().unwrap() == Lie::Offline {
            return Box::pin(async { Err(TransportError::Offline("no connection".into())) });
        }
        let reply = self.handle(&request);
        Box::pin(async move { Ok(reply) })
    }
}

/// Runs a future that never waits (the fake server answers at once).
pub(super) fn run<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    match future.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(value) => value,
        Poll::Pending => panic!("the fake server answers at once"),
    }
}

pub(super) fn example_pack() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/examples/group-pack")
}

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2027, 2, 1, 9, 0, 0).unwrap()
}

pub(super) struct Device {
    pub(super) mend: TempMend,
    pub(super) keys: FileKeyStore,
}

pub(super) fn device() -> Device {
    let mend = TempMend::at(now());
    let keys = FileKeyStore::in_dir(mend.dir());
    Device { mend, keys }
}

/// The example pack's items with these ids.
pub(super) fn pick(ids: &[&str]) -> Vec<super::items::Item> {
    let all = super::folder::read_folder(&example_pack()).unwrap();
    all.into_iter().filter(|i| ids.contains(&i.id.as_str())).collect()
}

/// The ids of the items on a member's shelf, sorted.
fn shelf_ids(member: &Device) -> Vec<String> {
    let mut ids: Vec<String> =
        member.mend.groups(&member.keys).items(None).unwrap().into_iter().map(|i| i.item.id).collect();
    ids.sort();
    ids
}

pub(super) fn new_group(name: &str) -> NewGroup {
    NewGroup {
        server: SERVER.into(),
        name: name.into(),
        description: "for anyone after a loss".into(),
        language: "en".into(),
        region: "GB".into(),
    }
}

#[test]
fn create_publish_join_refresh_and_leave() {
    let server = FakeServer::new();
    let owner = device();
    let groups = owner.mend.groups(&owner.keys);
    let created = run(groups.create(&server, new_group("Tuesday circle"))).unwrap();
    assert_eq!(groups.invite(None).unwrap(), created.invite);
    let published = run(groups.publish(&server, None, &example_pack())).unwrap();
    assert_eq!((published.sequence, published.items), (1, 4));

    let member = device();
    let joined = run(member.mend.groups(&member.keys).join(&server, &created.invite)).unwrap();
    assert_eq!((joined.name.as_str(), joined.items), ("Tuesday circle", 4));
    let items = member.mend.groups(&member.keys).items(Some("tuesday circle")).unwrap();
    assert_eq!(items.len(), 4);
    assert!(items.iter().all(|i| i.group_name == "Tuesday circle"));
    // The article is on the Library's shelf, from the group.
    let shelved = member.mend.library().list("en").unwrap();
    assert!(shelved.iter().any(|g| g.id.starts_with("group:")));
    assert!(matches!(
        run(member.mend.groups(&member.keys).join(&server, &created.invite)),
        Err(GroupsFailure::Conflict(_))
    ));

    // A second publish: the member's refresh takes it.
    let second = run(groups.publish(&server, Some("Tuesday circle"), &example_pack())).unwrap();
    assert_eq!(second.sequence, 2);
    let refreshed = run(member.mend.groups(&member.keys).refresh(&server)).unwrap();
    assert!(matches!(&refreshed[..], [Refreshed::Updated { sequence: 2, .. }]), "{refreshed:?}");
    let again = run(member.mend.groups(&member.keys).refresh(&server)).unwrap();
    assert!(matches!(&again[..], [Refreshed::Unchanged { .. }]), "{again:?}");

    // Leaving removes the items, the shelf and the key.
    assert_eq!(member.mend.groups(&member.keys).leave("Tuesday circle").unwrap(), "Tuesday circle");
    assert!(member.mend.groups(&member.keys).items(None).unwrap().is_empty());
    assert!(member.mend.groups(&member.keys).list().unwrap().is_empty());
    assert!(!member.mend.library().list("en").unwrap().iter().any(|g| g.id.starts_with("group:")));
    assert!(matches!(member.mend.groups(&member.keys).leave("Tuesday circle"), Err(GroupsFailure::NotFound(_))));
}

#[test]
fn a_member_never_goes_back_and_stores_nothing_that_does_not_verify() {
    let server = FakeServer::new();
    let owner = device();
    let groups = owner.mend.groups(&owner.keys);
    let created = run(groups.create(&server, new_group("Circle"))).unwrap();
    run(groups.publish(&server, None, &example_pack())).unwrap();
    let member = device();
    let mine = member.mend.groups(&member.keys);
    run(mine.join(&server, &created.invite)).unwrap();
    run(groups.publish(&server, None, &example_pack())).unwrap();
    run(mine.refresh(&server)).unwrap();
    assert_eq!(mine.list().unwrap()[0].pack_sequence, 2);

    // A server handing back the first pack (a replay) is refused; the member keeps pack 2.
    *server.lie.lock().unwrap() = Lie::OldPack;
    let refreshed = run(mine.refresh(&server)).unwrap();
    assert!(
        matches!(&refreshed[..], [Refreshed::Refused { reason, .. }] if reason.contains("older than one already")),
        "{refreshed:?}"
    );
    assert_eq!(mine.list().unwrap()[0].pack_sequence, 2);

    // A pack with a changed byte is refused too, and nothing changes. (The owner publishes with the server honest
    // again: a moderator's device refuses to build on an older pack than its own.)
    *server.lie.lock().unwrap() = Lie::None;
    run(groups.publish(&server, None, &example_pack())).unwrap();
    *server.lie.lock().unwrap() = Lie::ChangedPack;
    let refreshed = run(mine.refresh(&server)).unwrap();
    assert!(matches!(&refreshed[..], [Refreshed::Refused { .. }]), "{refreshed:?}");
    assert_eq!(mine.list().unwrap()[0].pack_sequence, 2);
    assert_eq!(mine.items(None).unwrap().len(), 4);

    // Out of reach: said so, and nothing changes.
    *server.lie.lock().unwrap() = Lie::Offline;
    let refreshed = run(mine.refresh(&server)).unwrap();
    assert!(matches!(&refreshed[..], [Refreshed::Unreachable { .. }]), "{refreshed:?}");
    assert_eq!(mine.list().unwrap()[0].pack_sequence, 2);

    // Told the truth again, the member takes pack 3.
    *server.lie.lock().unwrap() = Lie::None;
    run(mine.refresh(&server)).unwrap();
    assert_eq!(mine.list().unwrap()[0].pack_sequence, 3);

    // The server itself refuses the first pack replayed at its old sequence.
    let replay = server.mailboxes.lock().unwrap().values().next().unwrap().history[0].clone();
    let mailbox = super::keys::mailbox_id(&Invite::parse(&created.invite).unwrap().read_key);
    let mut client = crate::sync::client::Client::new(SERVER, &server);
    let refused = run(super::network::post(&mut client, &mailbox, &replay));
    assert!(matches!(refused, Err(GroupsFailure::Newer { what: "pack", current: 3 })), "{refused:?}");
}

#[test]
fn a_changed_invite_joins_nothing() {
    let server = FakeServer::new();
    let owner = device();
    let created = run(owner.mend.groups(&owner.keys).create(&server, new_group("Circle"))).unwrap();
    let mut invite = Invite::parse(&created.invite).unwrap();
    invite.charter_hash[3] ^= 0x10;
    let member = device();
    let refused = run(member.mend.groups(&member.keys).join(&server, &invite.link()));
    assert!(matches!(refused, Err(GroupsFailure::InviteMismatch)), "{refused:?}");
    assert!(member.mend.groups(&member.keys).list().unwrap().is_empty());
    // A changed read key finds no mailbox at all.
    let mut invite = Invite::parse(&created.invite).unwrap();
    invite.read_key[0] ^= 1;
    let refused = run(member.mend.groups(&member.keys).join(&server, &invite.link()));
    assert!(matches!(refused, Err(GroupsFailure::GroupGone)), "{refused:?}");
    assert!(member.mend.groups(&member.keys).list().unwrap().is_empty());
}

#[test]
fn every_joined_group_is_read_in_one_request() {
    let server = FakeServer::new();
    let owner = device();
    let groups = owner.mend.groups(&owner.keys);
    let first = run(groups.create(&server, new_group("First circle"))).unwrap();
    let second = run(groups.create(&server, new_group("Second circle"))).unwrap();
    run(groups.publish(&server, Some("First circle"), &example_pack())).unwrap();
    run(groups.publish(&server, Some(&second.id), &example_pack())).unwrap();
    assert!(matches!(run(groups.publish(&server, None, &example_pack())), Err(GroupsFailure::NotFound(_))));
    let member = device();
    let mine = member.mend.groups(&member.keys);
    run(mine.join(&server, &first.invite)).unwrap();
    run(mine.join(&server, &second.invite)).unwrap();
    run(groups.publish(&server, Some("First circle"), &example_pack())).unwrap();
    let before = *server.reads.lock().unwrap();
    let refreshed = run(mine.refresh(&server)).unwrap();
    assert_eq!(*server.reads.lock().unwrap(), before + 1);
    assert_eq!(refreshed.len(), 2);
    assert!(
        refreshed.iter().any(|r| matches!(r, Refreshed::Updated { name, sequence: 2, .. } if name == "First circle"))
    );
    assert!(refreshed.iter().any(|r| matches!(r, Refreshed::Unchanged { name, .. } if name == "Second circle")));
    assert_eq!(mine.items(None).unwrap().len(), 8);
}

#[test]
fn the_stored_state_is_never_replaced_by_an_older_one() {
    let server = FakeServer::new();
    let owner = device();
    let groups = owner.mend.groups(&owner.keys);
    let created = run(groups.create(&server, new_group("Circle"))).unwrap();
    run(groups.publish(&server, None, &example_pack())).unwrap();
    let member = device();
    let mine = member.mend.groups(&member.keys);
    let joined = run(mine.join(&server, &created.invite)).unwrap();
    let store = &member.mend.core_for_tests().store;
    let stored = store.read(|conn| Ok(super::local::joined_one(conn, &joined.id)?)).unwrap().unwrap();
    let mut older = stored.trust.clone();
    older.pack_sequence = 0;
    let written = store.write(|tx| Ok(super::local::update_joined(tx, &joined.id, &older, Some(&[]), 1)?)).unwrap();
    assert!(!written, "an older state is not written");
    assert_eq!(mine.items(None).unwrap().len(), 4);
    assert_eq!(mine.list().unwrap()[0].pack_sequence, 1);
}

#[test]
fn a_publisher_who_races_the_owner_merges_again_on_top_of_the_owners_newer_pack() {
    let server = FakeServer::new();
    let (owner, midwife, member) = (device(), device(), device());
    let groups = owner.mend.groups(&owner.keys);
    let created = run(groups.create(&server, new_group("Tuesday circle"))).unwrap();
    run(groups.publish_items(&server, None, pick(&["welcome", "listening-line"]))).unwrap();
    let hers = midwife.mend.groups(&midwife.keys);
    let code = hers.moderator_key().unwrap();
    let scopes = vec![super::items::ItemKind::Service, super::items::ItemKind::Meeting];
    let added = run(groups.add_publisher(&server, None, &code, "midwife", scopes)).unwrap();
    run(hers.accept(&server, &added.link)).unwrap();

    // The owner publishes only the article; the midwife's device read the group just before.
    run(groups.publish_items(&server, None, pick(&["welcome"]))).unwrap();
    *server.lie.lock().unwrap() = Lie::StaleOnce;
    let published = run(hers.publish_items(&server, None, pick(&["loss-doula"]))).unwrap();
    // 1 the owner's pack, 2 the same again under the charter that added her, 3 the owner's article only.
    assert_eq!((published.sequence, published.dropped.len()), (4, 0), "posted above the owner's, once");

    run(member.mend.groups(&member.keys).join(&server, &created.invite)).unwrap();
    assert_eq!(
        shelf_ids(&member),
        ["loss-doula", "welcome"],
        "the owner's newer section, not the one read before the race"
    );
}

#[test]
fn a_member_who_joins_just_after_a_charter_change_is_not_refused() {
    let server = FakeServer::new();
    let (owner, midwife) = (device(), device());
    let groups = owner.mend.groups(&owner.keys);
    let created = run(groups.create(&server, new_group("Tuesday circle"))).unwrap();
    run(groups.publish_items(&server, None, pick(&["welcome", "listening-line"]))).unwrap();

    // Adding a publisher makes charter version 2; the pack follows it at once.
    let hers = midwife.mend.groups(&midwife.keys);
    let scopes = vec![super::items::ItemKind::Service];
    let added = run(groups.add_publisher(&server, None, &hers.moderator_key().unwrap(), "midwife", scopes)).unwrap();
    assert_eq!(added.charter_version, 2);
    let early = device();
    run(early.mend.groups(&early.keys).join(&server, &created.invite)).unwrap();
    assert_eq!(shelf_ids(&early), ["listening-line", "welcome"]);

    run(hers.accept(&server, &added.link)).unwrap();
    run(hers.publish_items(&server, None, pick(&["loss-doula"]))).unwrap();
    // Removing her makes version 3 and drops her section from the pack at once: a member joining now gets the
    // owner's items only, and one who had hers loses them at the next refresh.
    run(early.mend.groups(&early.keys).refresh(&server)).unwrap();
    assert_eq!(shelf_ids(&early), ["listening-line", "loss-doula", "welcome"]);
    let removed = run(groups.remove_publisher(&server, None, "midwife")).unwrap();
    assert_eq!(removed.charter_version, 3);
    let late = device();
    run(late.mend.groups(&late.keys).join(&server, &created.invite)).unwrap();
    assert_eq!(shelf_ids(&late), ["listening-line", "welcome"]);
    run(early.mend.groups(&early.keys).refresh(&server)).unwrap();
    assert_eq!(shelf_ids(&early), ["listening-line", "welcome"]);
}

#[test]
fn an_owner_removed_by_others_leaves_nothing_on_the_shelf_and_is_named() {
    use super::charter_flow::CharterChanges;
    let server = FakeServer::new();
    let (first, second, member) = (device(), device(), device());
    let mine = first.mend.groups(&first.keys);
    let created = run(mine.create(&server, new_group("Tuesday circle"))).unwrap();
    run(mine.publish_items(&server, None, pick(&["welcome"]))).unwrap();

    // Kim comes in as a second owner (her signature as a new owner is on the draft) and publishes a line.
    let theirs = second.mend.groups(&second.keys);
    let changes =
        CharterChanges { add_owners: vec![("Kim".into(), theirs.moderator_key().unwrap())], ..Default::default() };
    let (mut draft, _) = run(mine.propose_charter(&server, None, changes)).unwrap();
    assert!(theirs.sign_charter(&mut draft).unwrap().ready);
    let added = run(mine.publish_charter(&server, &draft)).unwrap();
    run(theirs.accept(&server, &added.owner_links[0].link)).unwrap();
    run(theirs.publish_items(&server, None, pick(&["listening-line"]))).unwrap();
    run(member.mend.groups(&member.keys).join(&server, &created.invite)).unwrap();
    assert_eq!(shelf_ids(&member), ["listening-line", "welcome"]);

    // The first owner removes Kim without her signature: her line is not re-signed into anyone's section; it
    // leaves the shelf, and the change names her.
    let changes = CharterChanges { remove_owners: vec!["Kim".into()], ..Default::default() };
    let (draft, status) = run(mine.propose_charter(&server, None, changes)).unwrap();
    assert!(status.ready);
    let removed = run(mine.publish_charter(&server, &draft)).unwrap();
    assert!(removed.pack.followed);
    let named: Vec<&str> = removed.pack.dropped.iter().map(|d| d.publisher.as_str()).collect();
    assert_eq!(named, ["Kim"]);
    run(member.mend.groups(&member.keys).refresh(&server)).unwrap();
    assert_eq!(shelf_ids(&member), ["welcome"]);
}

#[test]
fn a_moderator_never_builds_on_a_pack_older_than_its_own() {
    let server = FakeServer::new();
    let owner = device();
    let groups = owner.mend.groups(&owner.keys);
    run(groups.create(&server, new_group("Tuesday circle"))).unwrap();
    run(groups.publish(&server, None, &example_pack())).unwrap();
    run(groups.withdraw(&server, None, "welcome")).unwrap();
    // The server hands back the first pack, in which the article was not yet withdrawn.
    *server.lie.lock().unwrap() = Lie::OldPack;
    let refused = run(groups.withdraw(&server, None, "listening-line"));
    assert!(matches!(&refused, Err(GroupsFailure::Conflict(words)) if words.contains("older pack")), "{refused:?}");
}
