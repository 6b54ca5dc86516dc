//! Support groups with several moderators, end to end with the real binaries and a real `mend-server` (issue
//! 18): an owner publishes and two members read; the owner updates and withdraws an item; a bereavement midwife
//! on her own device sends her moderator key, is added as a publisher of meetings and services, accepts the
//! sealed link and publishes within her scope; a pack outside her scope is refused by her own Mend and, when
//! forced onto the server with her keys, by members; she is removed, after which the server refuses her posts
//! (the write key rotated) and members refuse her pack even relayed with a working write key. The owner hands
//! the group over to a new owner on another phone (one charter, signed by both across a draft file; the group
//! moves to a new owner secret, so keys the old owner kept post nothing); the new owner brings in a second owner
//! with a threshold of two, after which the midwife comes back only through a draft both sign; the second owner
//! leaves by a draft only the proposing device can put in force, and their kept keys post nothing. A member who
//! joins late verifies the whole chain from the original link, and a charter that has expired leaves the group
//! frozen (members keep what was verified and accept nothing newer). `show` describes the group to owners,
//! publishers and members. The server's files hold no group name, moderator name or item text. And a pack is one
//! section per publisher: the owner's and the midwife's items stand side by side whoever posts last, each
//! withdraws only their own, and a removed publisher's section is left out of the next pack, by name.

use std::path::{Path, PathBuf};

use mend_core::groups::charter::GroupId;
use mend_core::groups::identity::Identity;
use mend_core::groups::invite::Invite;
use mend_core::groups::keys::mailbox_id;
use mend_core::groups::pack::Pack;
use mend_core::groups::publisher_keys::PublisherKeys;
use mend_core::groups::secrets::GroupKeys;
use mend_core::groups::sections::Section;
use mend_core::groups::{GroupsFailure, network};
use mend_core::sync::client::Client;
use mend_core::sync::keystore::FileKeyStore;
use mend_e2e::private_groups::runtime;
use mend_e2e::{ServerProcess, WireTransport, all_bytes, example_pack, json, mend, ok, propose};
use mend_protocol::groups::{Channel, GroupCursor};
use serde_json::Value;

const NAME: &str = "MARKER-group-7a2c Tuesday circle";
const MIDWIFE: &str = "MARKER-midwife-40d1 Ann";
const NEW_OWNER: &str = "MARKER-owner-b93e Sam";

fn refused(out: std::process::Output) -> String {
    assert!(!out.status.success(), "mend should have refused: {}", String::from_utf8_lossy(&out.stdout));
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A pack folder holding the example pack's files whose names contain one of `names`.
fn folder(root: &Path, name: &str, names: &[&str]) -> PathBuf {
    let to = root.join(name);
    std::fs::create_dir_all(&to).unwrap();
    for entry in std::fs::read_dir(example_pack()).unwrap() {
        let path = entry.unwrap().path();
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        if names.iter().any(|n| file.contains(n)) {
            std::fs::copy(&path, to.join(&file)).unwrap();
        }
    }
    to
}

/// [`folder`], each item's id starting `her-`: the midwife's own items beside the owner's (an id is in one
/// publisher's section only).
fn her_folder(root: &Path, name: &str, names: &[&str]) -> PathBuf {
    let dir = folder(root, name, names);
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap().replacen("\nid: ", "\nid: her-", 1);
        std::fs::write(&path, text).unwrap();
    }
    dir
}

fn ids(items: &Value) -> Vec<String> {
    let mut ids: Vec<String> =
        items.as_array().unwrap().iter().map(|i| i["item"]["id"].as_str().unwrap().to_owned()).collect();
    ids.sort();
    ids
}

/// What the server holds as the group's current pack sequence.
fn server_sequence(server: &str, link: &str) -> u64 {
    let invite = Invite::parse(link).unwrap();
    let cursor = GroupCursor { mailbox_id: mailbox_id(&invite.read_key).to_vec(), pack_after: 0, charter_after: 0 };
    let transport = WireTransport::new();
    runtime().block_on(async {
        let mut client = Client::new(server, &transport);
        network::read(&mut client, vec![cursor]).await.unwrap().pop().unwrap().pack.map_or(0, |p| p.sequence)
    })
}

/// Posts, with the midwife's own keys from her device, a pack of `dir`'s items under charter `version`: what a
/// changed Mend on her phone could send, whatever her scopes. `write_key`, when given, posts it with another
/// mailbox write key than hers (one that still works: a relay of her pack after she was removed).
fn force_pack(
    device: &Path,
    server: &str,
    link: &str,
    dir: &Path,
    version: u32,
    write_key: Option<mend_core::crypto::SigningKey>,
) -> Result<(), GroupsFailure> {
    let store = FileKeyStore::in_dir(&device.join("groups"));
    let identity = Identity::load(&store).unwrap().unwrap();
    let invite = Invite::parse(link).unwrap();
    let group: GroupId = mend_protocol::hex::decode("group", &group_id(device), 16).unwrap().try_into().unwrap();
    let keys = PublisherKeys::load(&store, &group).unwrap();
    assert_eq!(keys.read_key, invite.read_key);
    let now = chrono::Utc::now();
    let section = Section {
        group_id: group,
        publisher: identity.signing.public(),
        sequence: server_sequence(server, link) + 1,
        charter_version: version,
        issued_at: now,
        expires_at: now + chrono::Duration::days(30),
        items: mend_core::groups::folder::read_folder(dir).unwrap(),
    };
    let pack = Pack::single(&section, &identity.signing).unwrap();
    let sealed = pack.seal(&identity.signing, &keys.read_key).unwrap();
    let mailbox = mailbox_id(&keys.read_key);
    let write = network::signed_write(
        &mailbox,
        &write_key.unwrap_or_else(|| keys.write_key()),
        Channel::Pack,
        pack.sequence,
        pack.expires_at.timestamp(),
        sealed,
    );
    let transport = WireTransport::new();
    runtime().block_on(async {
        let mut client = Client::new(server, &transport);
        network::post(&mut client, &mailbox, &write).await
    })
}

/// Posts a small Pack write to the group of `link` signed with `write_key`, as a departed moderator who kept
/// old keys would try.
fn post_with(server: &str, link: &str, write_key: &mend_core::crypto::SigningKey) -> Result<(), GroupsFailure> {
    let invite = Invite::parse(link).unwrap();
    let mailbox = mailbox_id(&invite.read_key);
    let sequence = server_sequence(server, link) + 1;
    let expires = (chrono::Utc::now() + chrono::Duration::days(1)).timestamp();
    let write = network::signed_write(&mailbox, write_key, Channel::Pack, sequence, expires, vec![1; 16]);
    let transport = WireTransport::new();
    runtime().block_on(async {
        let mut client = Client::new(server, &transport);
        network::post(&mut client, &mailbox, &write).await
    })
}

fn group_id(device: &Path) -> String {
    json(mend(device, &["--json", "group", "show"]))["id"].as_str().unwrap().to_owned()
}

fn refresh(member: &Path) -> Value {
    json(mend(member, &["--json", "group", "refresh"]))[0].clone()
}

#[test]
fn owners_publishers_and_members_through_a_real_server() {
    let root = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(&root.path().join("server"), &[]);
    let [owner, midwife, sam, kim, member, late] =
        ["owner", "midwife", "sam", "kim", "member", "late"].map(|d| root.path().join(d));

    // The owner creates the group and publishes; a member joins and reads.
    let created = json(mend(
        &owner,
        &[
            "--json",
            "group",
            "create",
            "--server",
            &server.base,
            "--name",
            NAME,
            "--description",
            "Peer support <b>after a loss</b>",
        ],
    ));
    let link = created["invite"].as_str().unwrap().to_owned();
    let pack = example_pack();
    assert_eq!(json(mend(&owner, &["--json", "group", "publish", pack.to_str().unwrap()]))["sequence"], 1);
    assert_eq!(json(mend(&member, &["--json", "group", "join", &link]))["items"], 4);
    let items = json(mend(&member, &["--json", "group", "items"]));
    assert_eq!(ids(&items), ["listening-line", "loss-doula", "tuesday-circle", "welcome"]);

    // `show`, for the owner and for the member: the charter as it is, the moderators' words escaped.
    let shown = json(mend(&owner, &["--json", "group", "show", NAME]));
    assert_eq!(
        (shown["part"].as_str(), shown["charter_version"].as_u64(), shown["threshold"].as_u64()),
        (Some("owner"), Some(1), Some(1))
    );
    assert_eq!(shown["owners"][0]["you"], true);
    assert_eq!(shown["publishers"].as_array().unwrap().len(), 1);
    assert_eq!((shown["frozen"].as_bool(), shown["pack_sequence"].as_u64()), (Some(false), Some(1)));
    let human = ok(mend(&member, &["group", "show"]));
    assert!(human.contains("you joined it") && human.contains("Charter version 1; 1 of 1 owner must sign"), "{human}");
    assert!(human.contains("From the group: Peer support <b>after a loss</b>"), "{human}");

    // An update, then withdrawals: members stop showing the withdrawn hotline and article after their refresh,
    // and the article leaves their Library.
    let shelf = |dir: &Path| ok(mend(dir, &["--json", "library", "list"])).matches("\"group:").count();
    assert_eq!(shelf(&member), 1);
    assert_eq!(json(mend(&owner, &["--json", "group", "publish", pack.to_str().unwrap()]))["sequence"], 2);
    let withdrawn = json(mend(&owner, &["--json", "group", "withdraw", NAME, "listening-line"]));
    assert_eq!((withdrawn["item"].as_str(), withdrawn["sequence"].as_u64()), (Some("listening-line"), Some(3)));
    assert!(refused(mend(&owner, &["group", "withdraw", NAME, "listening-line"])).contains("already withdrawn"));
    assert!(refused(mend(&owner, &["group", "withdraw", NAME, "no-such-item"])).contains("no item with that id"));
    assert!(ok(mend(&owner, &["group", "withdraw", NAME, "welcome"])).contains("Withdrawn: welcome (pack 4)"));
    assert_eq!(refresh(&member)["sequence"], 4);
    let items = json(mend(&member, &["--json", "group", "items"]));
    assert_eq!(ids(&items), ["loss-doula", "tuesday-circle"]);
    assert_eq!(shelf(&member), 0, "the withdrawn article left the Library");

    // The midwife sends her key; the owner adds her for meetings and services and sends the sealed link back.
    let key = json(mend(&midwife, &["--json", "group", "key"]))["key"].as_str().unwrap().to_owned();
    assert!(key.starts_with("mend-key:"));
    assert_eq!(json(mend(&midwife, &["--json", "group", "publisher-key"]))["key"], key, "one key per device");
    let added = json(mend(
        &owner,
        &["--json", "group", "publishers", "add", NAME, &key, "--scopes", "meeting,service", "--name", MIDWIFE],
    ));
    assert_eq!(added["charter_version"], 2);
    let her_link = added["link"].as_str().unwrap().to_owned();
    assert!(her_link.starts_with("mend://moderate#"));
    assert!(refused(mend(&sam, &["group", "accept", &her_link])).contains("no moderator key"));
    ok(mend(&sam, &["group", "key"]));
    assert!(
        refused(mend(&sam, &["group", "accept", &her_link])).contains("another moderator's key"),
        "only her device opens it"
    );
    let accepted = json(mend(&midwife, &["--json", "group", "accept", &her_link]));
    assert_eq!(accepted["role"], "publisher");
    assert_eq!(accepted["scopes"], serde_json::json!(["meeting", "service"]));
    assert_eq!(json(mend(&midwife, &["--json", "group", "list"]))[0]["role"], "publisher");
    let hers = json(mend(&midwife, &["--json", "group", "show"]));
    assert_eq!(hers["part"], "publisher");
    assert!(hers["publishers"].as_array().unwrap().iter().any(|p| p["name"] == MIDWIFE && p["you"] == true));

    // She publishes within her scope; members take it.
    let in_scope = her_folder(root.path(), "hers", &["tuesday", "doula"]);
    let published = json(mend(&midwife, &["--json", "group", "publish", in_scope.to_str().unwrap()]));
    assert_eq!(published["sequence"], 6);
    let updated = refresh(&member);
    assert_eq!((updated["outcome"].as_str(), updated["sequence"].as_u64()), (Some("updated"), Some(6)), "{updated}");
    let items = json(mend(&member, &["--json", "group", "items"]));
    assert_eq!(ids(&items), ["her-loss-doula", "her-tuesday-circle", "loss-doula", "tuesday-circle"], "both sections");
    assert_eq!(json(mend(&member, &["--json", "group", "show"]))["charter_version"], 2);

    // Outside her scope: her own Mend refuses, naming the item; forced onto the server, members refuse it.
    let outside = folder(root.path(), "outside", &["line"]);
    let words = refused(mend(&midwife, &["group", "publish", outside.to_str().unwrap()]));
    assert!(words.contains("items[0]") && words.contains("you may publish only meeting, service"), "{words}");
    force_pack(&midwife, &server.base, &link, &outside, 2, None).unwrap();
    let out_of_scope = refresh(&member);
    assert_eq!(out_of_scope["outcome"], "refused", "{out_of_scope}");
    assert!(out_of_scope["reason"].as_str().unwrap().contains("outside their scope"), "{out_of_scope}");
    assert_eq!(json(mend(&member, &["--json", "group", "show"]))["pack_sequence"], 6);

    // The owner removes her: a new charter and a new write key. Her Mend says why; the server refuses her post.
    let removed = json(mend(&owner, &["--json", "group", "publishers", "remove", NAME, MIDWIFE]));
    assert_eq!((removed["charter_version"].as_u64(), removed["write_generation"].as_u64()), (Some(3), Some(2)));
    assert_eq!(removed["links"], serde_json::json!([]), "no other publisher needs a link");
    assert!(refused(mend(&midwife, &["group", "publish", in_scope.to_str().unwrap()])).contains("no longer lists you"));
    let later = force_pack(&midwife, &server.base, &link, &in_scope, 3, None);
    assert!(matches!(later, Err(GroupsFailure::Network(_))), "the server refuses her old write key: {later:?}");
    // Her pack relayed with the current write key reaches the server, and members refuse it.
    let group: GroupId = mend_protocol::hex::decode("group", &group_id(&owner), 16).unwrap().try_into().unwrap();
    let current = GroupKeys::new(&FileKeyStore::in_dir(&owner.join("groups")), group).secrets().unwrap().write_key();
    force_pack(&midwife, &server.base, &link, &in_scope, 3, Some(current)).unwrap();
    let relayed = refresh(&member);
    assert_eq!(relayed["outcome"], "refused", "{relayed}");
    assert!(relayed["reason"].as_str().unwrap().contains("not a publisher of this group"), "{relayed}");
    // The owner still publishes with the new key; members follow the charter and take it.
    assert_eq!(json(mend(&owner, &["--json", "group", "publish", pack.to_str().unwrap()]))["sequence"], 10);
    assert_eq!(refresh(&member)["sequence"], 10);
    let shown = json(mend(&member, &["--json", "group", "show"]));
    assert_eq!(shown["charter_version"], 3);
    assert!(!shown["publishers"].as_array().unwrap().iter().any(|p| p["name"] == MIDWIFE));

    // A handover: Sam in, the first owner out, as one charter signed on both phones.
    let sam_key = json(mend(&sam, &["--json", "group", "key"]))["key"].as_str().unwrap().to_owned();
    let draft = root.path().join("handover.draft");
    let proposed = propose(
        &owner,
        NAME,
        &["--add-owner", &format!("{NEW_OWNER}={sam_key}"), "--remove-owner", "first owner"],
        &draft,
    );
    assert_eq!((proposed["version"].as_u64(), proposed["ready"].as_bool()), (Some(4), Some(false)));
    assert_eq!((proposed["old_owners_signed"].as_u64(), proposed["new_owners_signed"].as_u64()), (Some(1), Some(0)));
    assert!(
        refused(mend(&owner, &["group", "charter", "publish", draft.to_str().unwrap()]))
            .contains("needs 1 owners' signatures of version 4")
    );
    assert!(refused(mend(&member, &["group", "charter", "sign", draft.to_str().unwrap()])).contains("not an owner"));
    let signed = ok(mend(&sam, &["group", "charter", "sign", draft.to_str().unwrap()]));
    assert!(
        signed.contains(&format!("new owner: {NEW_OWNER}")) && signed.contains("owner leaving: first owner"),
        "{signed}"
    );
    assert!(signed.contains("It has enough signatures"), "{signed}");
    // The first owner's keys as they were before the handover (a copy they might have kept).
    let kept = root.path().join("kept");
    std::fs::create_dir_all(&kept).unwrap();
    std::fs::copy(owner.join("groups/sync-keys"), kept.join("sync-keys")).unwrap();
    let handed = json(mend(&owner, &["--json", "group", "charter", "publish", draft.to_str().unwrap()]));
    assert_eq!((handed["version"].as_u64(), handed["handed_over"].as_bool()), (Some(4), Some(true)));
    let sam_link = handed["owner_links"][0]["link"].as_str().unwrap().to_owned();
    assert_eq!(json(mend(&sam, &["--json", "group", "accept", &sam_link]))["role"], "owner");
    // The pack follows the handover at once: the first owner's items stand in Sam's section, not off the shelf.
    let before: Vec<String> = ids(&json(mend(&member, &["--json", "group", "items"])));
    let moved = refresh(&member);
    assert_eq!((moved["outcome"].as_str(), moved["sequence"].as_u64()), (Some("updated"), Some(11)), "{moved}");
    assert_eq!(ids(&json(mend(&member, &["--json", "group", "items"]))), before);
    assert_eq!(before.len(), 4);
    assert_eq!(json(mend(&owner, &["--json", "group", "list"])), serde_json::json!([]), "the old owner's keys went");
    // The group moved to a write key from a new owner secret: neither the old key nor the next one the old owner
    // secret would give is accepted by the server.
    let group: GroupId = mend_protocol::hex::decode("group", &group_id(&sam), 16).unwrap().try_into().unwrap();
    let old = GroupKeys::new(&FileKeyStore::in_dir(&kept), group).secrets().unwrap();
    let mut guessed = old.clone();
    let guessed = guessed.rotate_write_key();
    for key in [old.write_key(), guessed] {
        let posted = post_with(&server.base, &link, &key);
        assert!(matches!(posted, Err(GroupsFailure::Network(_))), "a departed owner's key posts: {posted:?}");
    }
    assert!(!mend(&owner, &["group", "publish", pack.to_str().unwrap()]).status.success());
    let by_sam = json(mend(&sam, &["--json", "group", "publish", pack.to_str().unwrap()]));
    assert_eq!(by_sam["sequence"], 12);
    assert_eq!(refresh(&member)["sequence"], 12);
    let shown = json(mend(&member, &["--json", "group", "show"]));
    assert_eq!(shown["charter_version"], 4);
    assert_eq!(shown["owners"].as_array().unwrap().len(), 1);
    assert_eq!(shown["owners"][0]["name"], NEW_OWNER);
    assert_eq!(json(mend(&sam, &["--json", "group", "show"]))["owners"][0]["you"], true);

    // Sam brings in a second owner, Kim; from then on two owners must sign a change.
    let kim_key = json(mend(&kim, &["--json", "group", "key"]))["key"].as_str().unwrap().to_owned();
    let second = root.path().join("second-owner.draft");
    let second_path = second.to_str().unwrap();
    let nameless = refused(mend(
        &sam,
        &["group", "charter", "propose", NAME, "--add-owner", &format!(" ={kim_key}"), "--out", second_path],
    ));
    assert!(nameless.contains("add-owner: the name must be 1-100 characters"), "{nameless}");
    assert!(!second.exists(), "nothing was written");
    let proposed = propose(&sam, NAME, &["--add-owner", &format!("Kim={kim_key}"), "--threshold", "2"], &second);
    assert_eq!((proposed["new_owners_signed"].as_u64(), proposed["new_threshold"].as_u64()), (Some(1), Some(2)));
    assert!(
        refused(mend(&sam, &["group", "charter", "publish", second_path]))
            .contains("needs 2 owners' signatures of version 5")
    );
    assert_eq!(json(mend(&kim, &["--json", "group", "charter", "sign", second_path]))["ready"], true);
    let published = json(mend(&sam, &["--json", "group", "charter", "publish", second_path]));
    assert_eq!((published["version"].as_u64(), published["handed_over"].as_bool()), (Some(5), Some(false)));
    let kim_link = published["owner_links"][0]["link"].as_str().unwrap().to_owned();
    assert_eq!(json(mend(&kim, &["--json", "group", "accept", &kim_link]))["role"], "owner");
    let alone =
        refused(mend(&sam, &["group", "publishers", "add", NAME, &key, "--scopes", "meeting", "--name", MIDWIFE]));
    assert!(alone.contains("more than one owner"), "{alone}");

    // The midwife comes back, for meetings only, through a draft both owners sign; Kim puts it in force.
    let third = root.path().join("midwife.draft");
    let third_path = third.to_str().unwrap();
    let proposed =
        propose(&sam, NAME, &["--add-publisher", &format!("{MIDWIFE}={key}"), "--scopes", "meeting"], &third);
    assert_eq!(proposed["ready"], false);
    assert!(
        refused(mend(&kim, &["group", "charter", "publish", third_path]))
            .contains("needs 2 owners' signatures of version 5")
    );
    assert_eq!(json(mend(&kim, &["--json", "group", "charter", "sign", third_path]))["ready"], true);
    let published = json(mend(&kim, &["--json", "group", "charter", "publish", third_path]));
    assert_eq!(published["version"], 6);
    assert_eq!(published["publisher_links"].as_array().unwrap().len(), 1, "{published}");
    let back = published["publisher_links"][0]["link"].as_str().unwrap().to_owned();
    let accepted = json(mend(&midwife, &["--json", "group", "accept", &back]));
    assert_eq!(accepted["scopes"], serde_json::json!(["meeting"]));
    let words = refused(mend(&midwife, &["group", "publish", in_scope.to_str().unwrap()]));
    assert!(words.contains("items[1]") && words.contains("this is a service"), "{words}");
    let meeting = her_folder(root.path(), "meeting", &["tuesday"]);
    assert_eq!(json(mend(&midwife, &["--json", "group", "publish", meeting.to_str().unwrap()]))["sequence"], 15);
    let updated = refresh(&member);
    assert_eq!(updated["sequence"], 15, "{updated}");
    let shown = json(mend(&member, &["--json", "group", "show"]));
    assert_eq!((shown["charter_version"].as_u64(), shown["threshold"].as_u64()), (Some(6), Some(2)));
    assert_eq!(shown["owners"].as_array().unwrap().len(), 2);

    // A member who joins late, from the first link, verifies the whole chain (six versions, a handover).
    let joined = json(mend(&late, &["--json", "group", "join", &link]));
    assert_eq!((joined["name"].as_str(), joined["items"].as_u64()), (Some(NAME), Some(5)), "Sam's four and hers");

    // The charter expires (two years after the last change): the group is frozen. What was verified stays; a
    // newer pack is refused.
    assert_eq!(json(mend(&sam, &["--json", "group", "publish", pack.to_str().unwrap()]))["sequence"], 16);
    let later = "2029-06-01T12:00:00Z";
    let frozen = json(mend(&member, &["--json", "--now", later, "group", "refresh"]))[0].clone();
    assert_eq!(frozen["outcome"], "refused", "{frozen}");
    assert!(frozen["reason"].as_str().unwrap().contains("expired"), "{frozen}");
    let shown = json(mend(&member, &["--json", "--now", later, "group", "show"]));
    assert_eq!((shown["frozen"].as_bool(), shown["pack_sequence"].as_u64()), (Some(true), Some(15)));
    assert!(ok(mend(&member, &["--now", later, "group", "show"])).contains("nothing newer is accepted"));
    assert_eq!(json(mend(&member, &["--json", "--now", later, "group", "items"])).as_array().unwrap().len(), 5);

    // Kim leaves. The change moves the group to a new owner secret that only Sam's device, which proposed it,
    // holds: Kim's device cannot put it in force, Sam's can, and the keys Kim's device still has post nothing.
    let leaving = root.path().join("kim-leaves.draft");
    let leaving_path = leaving.to_str().unwrap();
    ok(mend(
        &sam,
        &["group", "charter", "propose", NAME, "--remove-owner", "Kim", "--threshold", "1", "--out", leaving_path],
    ));
    assert_eq!(json(mend(&kim, &["--json", "group", "charter", "sign", leaving_path]))["ready"], true);
    let words = refused(mend(&kim, &["group", "charter", "publish", leaving_path]));
    assert!(words.contains("only the device which proposed it"), "{words}");
    let backup = root.path().join("sam.backup");
    ok(mend(&sam, &["group", "backup", "--out", backup.to_str().unwrap()]));
    let published = json(mend(&sam, &["--json", "group", "charter", "publish", leaving_path]));
    assert_eq!((published["version"].as_u64(), published["handed_over"].as_bool()), (Some(7), Some(false)));
    let listed = json(mend(&sam, &["--json", "group", "list"]));
    assert_eq!(listed[0]["needs_backup"], true, "the backup made before the new owner secret is out of date");
    assert_eq!(published["owner_links"], serde_json::json!([]), "no other owner remains");
    let kims = GroupKeys::new(&FileKeyStore::in_dir(&kim.join("groups")), group).secrets().unwrap();
    let posted = post_with(&server.base, &link, &kims.write_key());
    assert!(matches!(posted, Err(GroupsFailure::Network(_))), "a departed owner's key posts: {posted:?}");
    assert_eq!(json(mend(&sam, &["--json", "group", "publish", pack.to_str().unwrap()]))["sequence"], 18);
    assert_eq!(json(mend(&late, &["--json", "group", "refresh"]))[0]["sequence"], 18);

    // The blind server: no group name, moderator name or description in its files or log.
    let mut bytes = Vec::new();
    all_bytes(&server.data, &mut bytes);
    bytes.extend(std::fs::read(&server.log).unwrap_or_default());
    for word in [NAME, MIDWIFE, NEW_OWNER, "Peer support", "Loss doula support"] {
        assert!(!bytes.windows(word.len()).any(|w| w == word.as_bytes()), "the server's files hold {word:?}");
    }
}

/// Issue 18's sections: an owner's article and hotline and a midwife's service stand side by side on members'
/// shelves, whoever posted last; each withdraws only from their own section; a removed publisher's section is
/// left out of the owner's next pack, and the owner is told whose and why.
#[test]
fn an_owners_and_a_publishers_items_stand_side_by_side() {
    let root = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(&root.path().join("server"), &[]);
    let [owner, midwife, member] = ["owner", "midwife", "member"].map(|d| root.path().join(d));
    let created = json(mend(&owner, &["--json", "group", "create", "--server", &server.base, "--name", NAME]));
    let link = created["invite"].as_str().unwrap().to_owned();
    let owners = folder(root.path(), "owners", &["welcome", "line"]);
    let owners = owners.to_str().unwrap();
    assert_eq!(json(mend(&owner, &["--json", "group", "publish", owners]))["sequence"], 1);
    assert_eq!(json(mend(&member, &["--json", "group", "join", &link]))["items"], 2);

    let key = json(mend(&midwife, &["--json", "group", "key"]))["key"].as_str().unwrap().to_owned();
    let added = json(mend(
        &owner,
        &["--json", "group", "publishers", "add", NAME, &key, "--scopes", "service,meeting", "--name", MIDWIFE],
    ));
    ok(mend(&midwife, &["group", "accept", added["link"].as_str().unwrap()]));

    // She publishes her service: the owner's article and hotline stay.
    let hers = folder(root.path(), "hers", &["doula"]);
    let published = json(mend(&midwife, &["--json", "group", "publish", hers.to_str().unwrap()]));
    assert_eq!((published["sequence"].as_u64(), published["dropped"].clone()), (Some(3), serde_json::json!([])));
    assert_eq!(refresh(&member)["sequence"], 3);
    let all = ["listening-line", "loss-doula", "welcome"];
    assert_eq!(ids(&json(mend(&member, &["--json", "group", "items"]))), all);

    // The owner publishes again: her service stays.
    let again = json(mend(&owner, &["--json", "group", "publish", owners]));
    assert_eq!((again["sequence"].as_u64(), again["dropped"].clone()), (Some(4), serde_json::json!([])));
    assert_eq!(refresh(&member)["sequence"], 4);
    assert_eq!(ids(&json(mend(&member, &["--json", "group", "items"]))), all);

    // Her item is hers to withdraw, not the owner's; an id already in the owner's section is not hers to use.
    let words = refused(mend(&owner, &["group", "withdraw", NAME, "loss-doula"]));
    assert!(words.contains(&format!("{MIDWIFE}'s section")) && words.contains("only they can withdraw it"), "{words}");
    let taken = her_folder(root.path(), "taken", &["doula"]);
    std::fs::write(
        taken.join("05-meeting.md"),
        std::fs::read_to_string(example_pack().join("02-tuesday.md")).unwrap().replacen(
            "id: tuesday-circle",
            "id: welcome",
            1,
        ),
    )
    .unwrap();
    let words = refused(mend(&midwife, &["group", "publish", taken.to_str().unwrap()]));
    assert!(words.contains("items[1].id") && words.contains("first owner's section already has"), "{words}");
    let withdrawn = json(mend(&midwife, &["--json", "group", "withdraw", NAME, "loss-doula"]));
    assert_eq!(withdrawn["sequence"], 5);
    assert_eq!(refresh(&member)["sequence"], 5);
    assert_eq!(ids(&json(mend(&member, &["--json", "group", "items"]))), ["listening-line", "welcome"]);

    // She is removed: the pack is posted again at once under the new charter, without her section, and the
    // owner is told whose and why; the owner's next pack has nothing more to leave out.
    let told = ok(mend(&owner, &["group", "publishers", "remove", NAME, MIDWIFE]));
    assert!(told.contains("Left out of the pack") && told.contains(MIDWIFE), "{told}");
    assert!(told.contains("not by a publisher of this group"), "{told}");
    let updated = refresh(&member);
    assert_eq!((updated["outcome"].as_str(), updated["sequence"].as_u64()), (Some("updated"), Some(6)), "{updated}");
    let again = ok(mend(&owner, &["group", "publish", owners]));
    assert!(again.contains("Published: 2 items (pack 7)") && !again.contains("Left out"), "{again}");
    let updated = refresh(&member);
    assert_eq!((updated["outcome"].as_str(), updated["sequence"].as_u64()), (Some("updated"), Some(7)), "{updated}");
    assert_eq!(ids(&json(mend(&member, &["--json", "group", "items"]))), ["listening-line", "welcome"]);
}
