//! A private group run by a team, end to end with the real binaries and one real `mend-server` process (issue
//! "Private groups"). The first owner creates the group with `--private`; a second owner on another phone shares
//! her moderator key and comes in through a charter draft (propose, sign, publish, `accept`); a publisher does
//! the same through `publishers add`. Three people ask to join under names they chose: both owners see the same
//! requests on the moderators' desk, the first owner approves two and the second the third, and both decisions
//! stand; all three read the pack, and then what the publisher publishes. The second owner removes one member:
//! that member's Mend says so and keeps exactly what it had, while the group moves on at a new epoch — the newest
//! pack on the server does not open with any key the removed member's device holds, the roster version gives them
//! nothing, and the mailbox they know gets nothing newer — and the other two read what both moderators publish
//! next. One member stays offline through two more epochs (a removal, then a member approved and removed) and
//! catches up in one refresh. The first owner hands the group over to a new owner; the other owner and the
//! publisher take their new links, the old owner's device holds no group, and the new owner — first to look —
//! opens the desk the old owner sealed for her as she left, reads the note left there, lists the members,
//! approves a new request and publishes, which the members read. A charter change proposed on the desk alone is
//! signed and put in force from another owner's phone. Every moderator added reads the desk before anyone else
//! has written it.
//!
//! Then, through the same server: a join request replayed exactly as posted is listed once, and one with bytes
//! flipped is counted as unreadable and skipped; a roster version and a desk forged with a key that is not the
//! group's are refused by the server; an old roster version and an old desk replayed — as captured, or signed
//! again with the current write key — are refused (the former's signature no longer verifies, the latter's
//! number is too low), so no member is rolled back; a roster version a publisher signs and posts with the write
//! key (she holds it) is refused by members while it is the newest and passed over once the owner's next
//! approval follows it; they keep their epoch and read what the owners publish next. Removing the publisher moves the group to a new epoch whose key
//! her device does not get; the members follow it. The server's files and log hold no display name, moderator
//! name, group name, item text, note, member id or member key.

use std::path::{Path, PathBuf};

use mend_core::crypto::{self, Bytes32, SigningKey};
use mend_core::groups::GroupsFailure;
use mend_core::groups::charter::GroupId;
use mend_core::groups::identity::Identity;
use mend_core::groups::invite::{Link, PrivateInvite, parse_link};
use mend_core::groups::keys::{GroupSecrets, mailbox_id};
use mend_core::groups::network::{self, MailboxId};
use mend_core::groups::pack::PACK_LABEL;
use mend_core::groups::private::hpke_seal;
use mend_core::groups::private::intake::{intake_mailbox_id, moderators_mailbox_id};
use mend_core::groups::private::roster::{self, RosterVersion};
use mend_core::groups::private_member::REMOVED_WORDS;
use mend_core::groups::private_moderation::member_id;
use mend_core::groups::secrets::GroupKeys;
use mend_core::sync::client::Client;
use mend_core::sync::keystore::{FileKeyStore, KeyStore};
use mend_e2e::private_groups::{
    ask, contains, failed_with, inbox, member, outcome, post_to_inbox, runtime, server_bytes,
};
use mend_e2e::{ServerProcess, WireTransport, example_pack, json, mend, ok, propose};
use mend_protocol::groups::{Channel, GroupCursor, GroupState, SignedWrite};
use mend_protocol::hex;
use serde_json::Value;

const HANDOVER_NOTE: &str = "MARKER-note-3e8a Bea knows the Tuesday room's passcode";
const NAME: &str = "MARKER-group-5e1f Evening circle";
const BEA: &str = "MARKER-mod-3a9b Bea";
const PAT: &str = "MARKER-mod-71c4 Pat";
const NOOR: &str = "MARKER-mod-d02e Noor";
/// What each person asking to join calls themselves starts with this.
const WHO: &str = "MARKER-who-8c2d";
/// The example pack's words, none of which may reach the server in the clear.
const EXAMPLE_TEXT: [&str; 4] =
    ["Whatever brought you here", "Welcome to the Tuesday circle", "Listening line", "0800 014 7800"];
/// Words of the packs published along the way: the owners' (in the example pack's article) and the publisher's
/// (an article of her own).
const A_TWO: &str = "MARKER-owner-after-first-removal-41aa";
const A_THREE: &str = "MARKER-owner-after-second-removal-52bb";
const AFTER_PAT: &str = "MARKER-after-publisher-removed-b811";
const N_ONE: &str = "MARKER-new-owner-63cc";
const N_TWO: &str = "MARKER-new-owner-again-74dd";
const PAT_ONE: &str = "MARKER-publisher-one-85ee";
const PAT_TWO: &str = "MARKER-publisher-two-96ff";
const PAT_THREE: &str = "MARKER-publisher-three-a700";

/// The example pack with the article's words carrying `words` (an owner's next pack).
fn owners_pack(root: &Path, words: &str) -> PathBuf {
    let to = root.join(format!("pack-{words}"));
    std::fs::create_dir_all(&to).unwrap();
    for entry in std::fs::read_dir(example_pack()).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let text = text.replace("Come as you are.", &format!("Come as you are. {words}."));
        std::fs::write(to.join(path.file_name().unwrap()), text).unwrap();
    }
    to
}

/// A folder holding one article of the publisher's own, whose body is `words`.
fn her_article(root: &Path, words: &str) -> PathBuf {
    let to = root.join(format!("article-{words}"));
    std::fs::create_dir_all(&to).unwrap();
    let text = format!(
        "---\nkind: article\nid: from-pat\nlanguage: en\nregion: GB\nlast_verified: 2027-01-02\ntitle: A note from \
         Pat\n---\n{words}. We meet again next week.\n"
    );
    std::fs::write(to.join("01-note.md"), text).unwrap();
    to
}

fn text(path: &Path) -> &str {
    path.to_str().unwrap()
}

fn refresh(dir: &Path) -> Value {
    json(mend(dir, &["--json", "group", "refresh"]))
}

fn items(dir: &Path) -> Value {
    json(mend(dir, &["--json", "group", "items"]))
}

fn members(dir: &Path) -> Value {
    json(mend(dir, &["--json", "group", "members"]))
}

fn moderator_key(dir: &Path) -> String {
    json(mend(dir, &["--json", "group", "key"]))["key"].as_str().unwrap().to_owned()
}

/// The refresh's outcomes, in order.
fn outcomes(refreshed: &Value) -> Vec<&str> {
    refreshed.as_array().unwrap().iter().map(|r| r["outcome"].as_str().unwrap()).collect()
}

/// A group's secrets as an owner's device holds them (the current read key and write key).
fn owners_secrets(dir: &Path, group: GroupId) -> GroupSecrets {
    GroupKeys::new(&FileKeyStore::in_dir(&dir.join("groups")), group).secrets().unwrap()
}

/// The read key a member's device holds for the group.
fn members_read_key(dir: &Path, group: GroupId) -> Bytes32 {
    *GroupKeys::new(&FileKeyStore::in_dir(&dir.join("groups")), group).read_key().unwrap()
}

/// The X25519 secret a person's device made for the group when they asked to join.
fn member_secret(dir: &Path, invite: &PrivateInvite) -> Bytes32 {
    let name = format!("group-member/{}", hex::encode(&invite.charter_hash));
    let value = FileKeyStore::in_dir(&dir.join("groups")).get(&name).unwrap().expect("the member's key");
    value.as_slice().try_into().unwrap()
}

/// `dir` asks to join under `name`: the public key its device made for the group.
fn asks(dir: &Path, link: &str, invite: &PrivateInvite, name: &str) -> Bytes32 {
    ask(dir, link, name);
    hpke_seal::public_of(&member_secret(dir, invite))
}

/// What the server holds in `mailbox`, read as anyone may.
fn read_mailbox(server: &str, mailbox: &MailboxId) -> GroupState {
    let transport = WireTransport::new();
    let cursor = GroupCursor { mailbox_id: mailbox.to_vec(), pack_after: 0, charter_after: 0 };
    runtime().block_on(async {
        let mut client = Client::new(server, &transport);
        network::read(&mut client, vec![cursor]).await.unwrap().pop().unwrap()
    })
}

/// Posts `write` to `mailbox`, as anyone may try.
fn post(server: &str, mailbox: &MailboxId, write: &SignedWrite) -> Result<(), GroupsFailure> {
    let transport = WireTransport::new();
    runtime().block_on(async {
        let mut client = Client::new(server, &transport);
        network::post(&mut client, mailbox, write).await
    })
}

/// The roster chain's versions on the intake mailbox, in order.
fn roster_chain(server: &str, invite: &PrivateInvite) -> Vec<SignedWrite> {
    let mut writes = read_mailbox(server, &intake_mailbox_id(&invite.intake_public)).charters;
    writes.sort_by_key(|w| w.sequence);
    writes
}

/// Whether a pack sealed for `group` opens with `read_key`.
fn opens(group: &GroupId, read_key: &Bytes32, sealed: &[u8]) -> bool {
    crypto::open(read_key, &[PACK_LABEL.as_bytes(), group].concat(), sealed).is_ok()
}

fn expiry() -> i64 {
    (chrono::Utc::now() + chrono::Duration::days(30)).timestamp()
}

#[test]
fn a_team_runs_a_private_group_through_removals_a_handover_and_forgeries() {
    let root = tempfile::tempdir().unwrap();
    let at = root.path();
    let server = ServerProcess::start(&at.join("server"), &[]);
    let base = server.base.as_str();
    let [ann, bea, pat, noor] = ["ann", "bea", "pat", "noor"].map(|d| at.join(d));
    let people = ["m1", "m2", "m3", "m4", "m5", "m6"].map(|d| at.join(d));
    let names = ["Mia", "Leo", "Ida", "Raf", "Eve", "Kit"].map(|n| format!("{WHO} {n}"));
    let [m1, m2, m3, m4, m5, m6] = &people;

    // 1. Ann creates the private group and publishes the example pack. Bea, on her own phone, sends her
    // moderator key and comes in as a second owner through a draft; Pat comes in as a publisher of articles.
    let created = json(mend(&ann, &["--json", "group", "create", "--server", base, "--name", NAME, "--private"]));
    let link = created["invite"].as_str().unwrap().to_owned();
    let Ok(Link::Private(invite)) = parse_link(&link) else { panic!("not a private link: {link}") };
    let group: GroupId = hex::decode("id", created["id"].as_str().unwrap(), 16).unwrap().try_into().unwrap();
    assert_eq!(json(mend(&ann, &["--json", "group", "publish", text(&example_pack())]))["sequence"], 1);

    let bea_key = moderator_key(&bea);
    let draft = at.join("bea.draft");
    let proposed = propose(&ann, NAME, &["--add-owner", &format!("{BEA}={bea_key}")], &draft);
    assert_eq!((proposed["version"].as_u64(), proposed["ready"].as_bool()), (Some(2), Some(true)), "{proposed}");
    let signed = json(mend(&bea, &["--json", "group", "charter", "sign", text(&draft)]));
    assert_eq!(signed["new_owners_signed"], 2, "{signed}");
    let published = json(mend(&ann, &["--json", "group", "charter", "publish", text(&draft)]));
    assert_eq!(published["owner_links"][0]["name"], BEA, "{published}");
    let accepted =
        json(mend(&bea, &["--json", "group", "accept", published["owner_links"][0]["link"].as_str().unwrap()]));
    assert_eq!(accepted["role"], "owner");
    let listed = json(mend(&bea, &["--json", "group", "list"]));
    assert_eq!((listed[0]["role"].as_str(), listed[0]["private"].as_bool()), (Some("owner"), Some(true)), "{listed}");
    assert_eq!(json(mend(&bea, &["--json", "group", "invite"]))["invite"], link.as_str(), "the same private link");

    let pat_key = moderator_key(&pat);
    let added = json(mend(
        &ann,
        &["--json", "group", "publishers", "add", NAME, &pat_key, "--scopes", "article", "--name", PAT],
    ));
    assert_eq!(added["charter_version"], 3);
    let accepted = json(mend(&pat, &["--json", "group", "accept", added["link"].as_str().unwrap()]));
    assert_eq!(
        (accepted["role"].as_str(), accepted["scopes"].clone()),
        (Some("publisher"), serde_json::json!(["article"]))
    );

    // 2. Three people ask to join. The moderators' desk is shared: Ann, Bea and Pat see the same three requests,
    // with the same ids (each the start of the key the person's device made for the group). Ann approves two and
    // Bea the third, each on her own phone; both decisions stand.
    let mut keys: Vec<Bytes32> = Vec::new();
    for (dir, name) in people.iter().zip(&names).take(3) {
        keys.push(asks(dir, &link, &invite, name));
    }
    // Bea and Pat look first: nobody has written the desk since each came in (a charter change seals it to them).
    let seen = members(&bea);
    let ids: Vec<String> = names[..3]
        .iter()
        .zip(keys.clone())
        .map(|(name, key)| {
            let (id, status) = member(&seen, name);
            assert_eq!((id.as_str(), status.as_str()), (member_id(&key).as_str(), "pending"));
            id
        })
        .collect();
    assert_eq!(members(&pat)["members"], seen["members"], "one desk, seen from the publisher's phone");
    assert_eq!(members(&ann)["members"], seen["members"], "and from both owners'");
    // An old desk write, kept to replay at the end.
    let moderators = moderators_mailbox_id(&invite.charter_hash);
    let old_desk = read_mailbox(base, &moderators).pack.expect("the desk is on the server");

    assert_eq!(json(mend(&ann, &["--json", "group", "approve", &ids[0]]))["status"], "approved");
    assert_eq!(json(mend(&ann, &["--json", "group", "approve", &ids[1]]))["status"], "approved");
    failed_with(mend(&pat, &["group", "approve", &ids[2]]), "only the group's owners");
    let approved = json(mend(&bea, &["--json", "group", "approve", &ids[2]]));
    assert_eq!(
        (approved["display_name"].as_str(), approved["status"].as_str()),
        (Some(names[2].as_str()), Some("approved"))
    );
    for owner in [&ann, &bea] {
        let seen = members(owner);
        for name in &names[..3] {
            assert_eq!(member(&seen, name).1, "approved", "{seen}");
        }
    }
    let first_roster = roster_chain(base, &invite).into_iter().next().expect("roster version 1");
    for dir in &people[..3] {
        let joined = refresh(dir);
        let approved = outcome(&joined, "approved");
        assert_eq!((approved["name"].as_str(), approved["items"].as_u64()), (Some(NAME), Some(4)), "{joined}");
        let read = items(dir);
        assert_eq!(read.as_array().unwrap().len(), 4, "{read}");
        assert!(read.to_string().contains(EXAMPLE_TEXT[0]), "{read}");
    }

    // 3. Pat publishes an article of hers; the members read it beside the owners' items.
    ok(mend(&pat, &["group", "publish", text(&her_article(at, PAT_ONE))]));
    for dir in &people[..3] {
        assert_eq!(outcomes(&refresh(dir)), ["updated"]);
        let read = items(dir);
        assert_eq!(read.as_array().unwrap().len(), 5, "{read}");
        assert!(read.to_string().contains(PAT_ONE), "{read}");
    }

    // 4. Bea removes Leo (m2): a new epoch. His Mend says he is no longer in the group and keeps exactly what he
    // had; what Ann and Pat publish next reaches Mia and Ida only.
    let leos_items = items(m2);
    let removed = json(mend(&bea, &["--json", "group", "remove-member", &ids[1]]));
    assert_eq!((removed["status"].as_str(), removed["epoch"].as_u64()), (Some("removed"), Some(2)), "{removed}");
    assert_eq!(removed["meetings"], serde_json::json!(["Tuesday circle"]));
    let told = refresh(m2);
    assert_eq!(outcomes(&told), ["removed"], "{told}");
    assert_eq!(json(mend(m2, &["--json", "group", "list"]))[0]["removed"], true);
    ok(mend(&ann, &["group", "publish", text(&owners_pack(at, A_TWO))]));
    ok(mend(&pat, &["group", "publish", text(&her_article(at, PAT_TWO))]));
    assert_eq!(refresh(m2), serde_json::json!([]), "nothing more is fetched for him");
    let words = ok(mend(m2, &["group", "refresh"]));
    assert!(words.contains(&format!("{NAME}: you are no longer in this group")), "{words}");
    assert!(!words.contains("not joined a group"), "{words}");
    assert_eq!(items(m2), leos_items, "he keeps exactly what he saw");
    assert!(ok(mend(m2, &["group", "list"])).contains("you are no longer in it"));

    // On the wire, as Leo's device could try: the newest pack, in the new epoch's mailbox, opens with the new
    // read key and with no key his device holds; the newest roster version gives his key nothing (and Mia's the
    // new read key); the mailbox he knows holds nothing newer than he has.
    let new_key = owners_secrets(&bea, group).read_key;
    let leos_key = members_read_key(m2, group);
    assert_ne!(new_key, leos_key);
    let newest = read_mailbox(base, &mailbox_id(&new_key)).pack.expect("the new epoch's pack");
    assert!(opens(&group, &new_key, &newest.body));
    assert!(!opens(&group, &leos_key, &newest.body), "his read key opens the pack published after his removal");
    let chain = roster_chain(base, &invite);
    let last = chain.last().unwrap();
    let version = roster::open(&invite.intake_public, last.sequence as u32, &last.body).unwrap();
    assert_eq!(version.unverified().epoch, 2);
    assert!(version.unverified().find(&member_secret(m2, &invite)).is_none(), "the roster gives him the key");
    assert_eq!(version.unverified().find(&member_secret(m1, &invite)).as_deref(), Some(&new_key));
    assert!(newest.sequence > 4, "{}", newest.sequence);
    let his = read_mailbox(base, &mailbox_id(&leos_key)).pack.unwrap();
    assert_eq!(his.sequence, 4, "nothing newer is posted where his device reads");

    for dir in [m1, m3] {
        let followed = refresh(dir);
        assert_eq!(outcome(&followed, "new_epoch")["epoch"], 2, "{followed}");
        let read = items(dir).to_string();
        assert!(read.contains(A_TWO) && read.contains(PAT_TWO), "{read}");
    }

    // 5. Ida (m3) is offline through two epochs: Ann removes Mia (epoch 3) and publishes; Raf (m4) asks, Bea
    // approves him and he reads the group, then Bea removes him (epoch 4) and Pat publishes. Ida's one refresh
    // follows both, in order, and she reads the newest items.
    let removed = json(mend(&ann, &["--json", "group", "remove-member", &ids[0]]));
    assert_eq!(removed["epoch"], 3, "{removed}");
    ok(mend(&ann, &["group", "publish", text(&owners_pack(at, A_THREE))]));
    let rafs_key = asks(m4, &link, &invite, &names[3]);
    keys.push(rafs_key);
    let (raf, status) = member(&members(&bea), &names[3]);
    assert_eq!((raf.as_str(), status.as_str()), (member_id(&rafs_key).as_str(), "pending"));
    ok(mend(&bea, &["group", "approve", &raf]));
    assert_eq!(outcome(&refresh(m4), "approved")["items"], 5);
    assert!(items(m4).to_string().contains(A_THREE));
    assert_eq!(json(mend(&bea, &["--json", "group", "remove-member", &raf]))["epoch"], 4);
    ok(mend(&pat, &["group", "publish", text(&her_article(at, PAT_THREE))]));

    let caught_up = refresh(m3);
    assert_eq!(outcomes(&caught_up).iter().filter(|o| **o == "new_epoch").count(), 1, "{caught_up}");
    assert_eq!(outcome(&caught_up, "new_epoch")["epoch"], 4, "{caught_up}");
    let read = items(m3).to_string();
    assert!(read.contains(A_THREE) && read.contains(PAT_THREE), "{read}");
    assert!(!read.contains(A_TWO) && !read.contains(PAT_TWO), "the newest pack replaced the older: {read}");
    assert!(ok(mend(m1, &["group", "refresh"])).contains(REMOVED_WORDS));
    assert_eq!(outcomes(&refresh(m4)), ["removed"]);
    for (dir, newest) in [(m1, A_THREE), (m4, PAT_THREE)] {
        assert!(!items(dir).to_string().contains(newest));
        assert!(ok(mend(dir, &["group", "list"])).contains("you are no longer in it"));
    }
    let mias_key = members_read_key(m1, group);
    let newest = read_mailbox(base, &mailbox_id(&owners_secrets(&bea, group).read_key)).pack.unwrap();
    for held in [leos_key, mias_key, members_read_key(m4, group)] {
        assert!(!opens(&group, &held, &newest.body), "a removed member's key opens the newest pack");
    }

    // 6. Ann hands the group over to Noor, one draft signed on both phones. Bea and Pat take their new links (the
    // group moved to a new owner secret and write key); Ann's device holds no group any more.
    let noors_key = moderator_key(&noor);
    let handover = at.join("handover.draft");
    let proposed = propose(
        &ann,
        NAME,
        &["--add-owner", &format!("{NOOR}={noors_key}"), "--remove-owner", "first owner"],
        &handover,
    );
    assert_eq!((proposed["ready"].as_bool(), proposed["new_owners_signed"].as_u64()), (Some(false), Some(0)));
    assert_eq!(json(mend(&noor, &["--json", "group", "charter", "sign", text(&handover)]))["ready"], true);
    ok(mend(&ann, &["group", "note", HANDOVER_NOTE]));
    let handed = json(mend(&ann, &["--json", "group", "charter", "publish", text(&handover)]));
    assert_eq!(handed["handed_over"], true, "{handed}");
    let link_for = |list: &str, name: &str| -> String {
        handed[list].as_array().unwrap().iter().find(|l| l["name"] == name).unwrap()["link"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    assert_eq!(json(mend(&noor, &["--json", "group", "accept", &link_for("owner_links", NOOR)]))["role"], "owner");
    // Noor, first to look, opens the desk Ann sealed for her as she left, and reads Ann's note.
    let notes = json(mend(&noor, &["--json", "group", "notes"]));
    assert_eq!(
        (notes["notes"][0]["author"].as_str(), notes["notes"][0]["text"].as_str()),
        (Some("first owner"), Some(HANDOVER_NOTE))
    );
    let first_look = members(&noor);
    assert_eq!(json(mend(&bea, &["--json", "group", "accept", &link_for("owner_links", BEA)]))["role"], "owner");
    assert_eq!(
        json(mend(&pat, &["--json", "group", "accept", &link_for("publisher_links", PAT)]))["role"],
        "publisher"
    );
    assert_eq!(json(mend(&ann, &["--json", "group", "list"])), serde_json::json!([]));
    assert!(!mend(&ann, &["group", "members"]).status.success(), "Ann no longer moderates the group");
    let shown = json(mend(&noor, &["--json", "group", "show"]));
    let owners: Vec<&str> = shown["owners"].as_array().unwrap().iter().map(|o| o["name"].as_str().unwrap()).collect();
    assert_eq!(owners, [BEA, NOOR], "{shown}");
    assert_eq!(json(mend(&noor, &["--json", "group", "invite"]))["invite"], link.as_str(), "still the private link");

    let statuses: Vec<String> = names[..4].iter().map(|n| member(&first_look, n).1).collect();
    assert_eq!(statuses, ["removed", "removed", "approved", "removed"], "{first_look}");

    // A new owner cannot read the desk before the change is in force, so adding one needs the file.
    let no_file = mend(&bea, &["group", "charter", "propose", NAME, "--add-owner", &format!("{BEA}={noors_key}")]);
    assert!(!no_file.status.success() && String::from_utf8_lossy(&no_file.stderr).contains("--out FILE"));
    // Bea proposes a new description on the desk alone (no file); Noor finds it there, signs and puts it in force.
    let proposed = json(mend(&bea, &["--json", "group", "charter", "propose", NAME, "--description", "Thursdays too"]));
    assert_eq!((proposed["on_desk"].as_bool(), proposed["file"].is_null()), (Some(true), true), "{proposed}");
    let signed = json(mend(&noor, &["--json", "group", "charter", "sign"]));
    assert_eq!((signed["ready"].as_bool(), signed["new_owners_signed"].as_u64()), (Some(true), Some(2)), "{signed}");
    let version = json(mend(&noor, &["--json", "group", "charter", "publish"]))["version"].as_u64().unwrap();
    let shown = json(mend(&noor, &["--json", "group", "show"]));
    assert_eq!(
        (shown["charter_version"].as_u64(), shown["description"].as_str()),
        (Some(version), Some("Thursdays too"))
    );
    assert!(!mend(&noor, &["group", "charter", "publish"]).status.success(), "the desk's draft is cleared");

    // Eve (m5) asks; Bea sees her request, and so does Noor, who lists everyone, approves Eve and publishes. Eve
    // and Ida read it.
    keys.push(asks(m5, &link, &invite, &names[4]));
    assert_eq!(member(&members(&bea), &names[4]).1, "pending");
    let on_noors = members(&noor);
    let statuses: Vec<String> = names[..5].iter().map(|n| member(&on_noors, n).1).collect();
    assert_eq!(statuses, ["removed", "removed", "approved", "removed", "pending"], "{on_noors}");
    let eve = member(&on_noors, &names[4]).0;
    assert_eq!(json(mend(&noor, &["--json", "group", "approve", &eve]))["status"], "approved");
    assert!(!mend(&ann, &["group", "approve", &eve]).status.success(), "Ann decides nothing any more");
    assert_eq!(outcome(&refresh(m5), "approved")["name"], NAME);
    ok(mend(&noor, &["group", "publish", text(&owners_pack(at, N_ONE))]));
    for dir in [m3, m5] {
        refresh(dir);
        let read = items(dir).to_string();
        assert!(read.contains(N_ONE) && read.contains(PAT_THREE), "{read}");
    }

    // 7a, 7b. Kit (m6) asks; his request replayed to the inbox exactly as posted, and a copy with bytes flipped:
    // Noor sees one request from Kit and one that did not open, which is not kept.
    keys.push(asks(m6, &link, &invite, &names[5]));
    let sealed = inbox(base, &link);
    assert_eq!(sealed.len(), 1);
    post_to_inbox(base, &link, sealed[0].clone());
    let mut flipped = sealed[0].clone();
    for i in [40, 200, 400] {
        flipped[i] ^= 0x5a;
    }
    post_to_inbox(base, &link, flipped);
    assert_eq!(inbox(base, &link).len(), 3);
    let listed = members(&noor);
    assert_eq!(listed["unreadable"], 1, "{listed}");
    let kits: Vec<&Value> =
        listed["members"].as_array().unwrap().iter().filter(|m| m["display_name"] == names[5]).collect();
    assert_eq!(kits.len(), 1, "{listed}");
    assert_eq!(listed["members"].as_array().unwrap().len(), 6, "nothing else was stored: {listed}");
    assert!(inbox(base, &link).is_empty());
    assert_eq!(members(&bea)["members"], members(&noor)["members"]);

    // 7c. Forgeries by someone without the group's write key: a roster version giving Leo the read key again,
    // signed and posted with a key of their own, and a desk; the server refuses both (bad signature).
    let intake = intake_mailbox_id(&invite.intake_public);
    let versions = roster_chain(base, &invite).len() as u32;
    let stranger = SigningKey::generate();
    let current = owners_secrets(&noor, group);
    let readmit = |signer: &SigningKey, epoch: u32| {
        let forged = RosterVersion {
            group_id: group,
            version: versions + 1,
            epoch,
            issued_at: chrono::Utc::now().timestamp(),
            entries: vec![
                roster::wrap(&hpke_seal::public_of(&member_secret(m2, &invite)), &group, epoch, &current.read_key)
                    .unwrap(),
            ],
            declined: Vec::new(),
        };
        roster::build_and_seal(signer, &invite.intake_public, &forged).unwrap()
    };
    let forged = network::signed_write(
        &intake,
        &stranger,
        Channel::Charter,
        u64::from(versions) + 1,
        expiry(),
        readmit(&stranger, 5),
    );
    assert!(
        matches!(post(base, &intake, &forged), Err(GroupsFailure::Network(_))),
        "a forged roster version was taken"
    );
    let desk = network::signed_write(&moderators, &stranger, Channel::Pack, 1_000, expiry(), vec![9; 512]);
    assert!(matches!(post(base, &moderators, &desk), Err(GroupsFailure::Network(_))), "a forged desk was taken");

    // Replays: roster version 1 and an old desk, as captured (the write key has moved on since) and signed again
    // with the current write key: the server refuses them all, the latter as lower than what it holds.
    assert!(matches!(post(base, &intake, &first_roster), Err(GroupsFailure::Network(_))));
    assert!(matches!(post(base, &moderators, &old_desk), Err(GroupsFailure::Network(_))));
    let again = |mailbox: &MailboxId, write: &SignedWrite| {
        network::signed_write(
            mailbox,
            &current.write_key(),
            write.channel,
            write.sequence,
            expiry(),
            write.body.clone(),
        )
    };
    let replayed = post(base, &intake, &again(&intake, &first_roster));
    assert!(matches!(replayed, Err(GroupsFailure::Newer { .. })), "{replayed:?}");
    let replayed = post(base, &moderators, &again(&moderators, &old_desk));
    assert!(matches!(replayed, Err(GroupsFailure::Newer { .. })), "{replayed:?}");
    assert_eq!(roster_chain(base, &invite).len() as u32, versions, "the roster chain is as the owners left it");
    // No one is misled or rolled back: Ida and Eve find nothing new, Leo is still out, the desk stands.
    for dir in [m3, m5] {
        assert_eq!(outcomes(&refresh(dir)), ["unchanged"]);
    }
    assert_eq!(refresh(m2), serde_json::json!([]));
    assert_eq!(items(m2), leos_items);
    let listed = members(&noor);
    assert_eq!(member(&listed, &names[1]).1, "removed");
    assert_eq!(member(&listed, &names[4]).1, "approved");

    // A roster version Pat signs (she is no owner) and posts with the write key (she holds it), giving Leo the
    // current key: members refuse it and are not moved; Leo's Mend does not take him back; and it stops no one:
    // Noor approves Kit in the version after it, Kit joins, and members pass Pat's over.
    let pats = Identity::load(&FileKeyStore::in_dir(&pat.join("groups"))).unwrap().unwrap().signing;
    let insider = network::signed_write(
        &intake,
        &current.write_key(),
        Channel::Charter,
        u64::from(versions) + 1,
        expiry(),
        readmit(&pats, 4),
    );
    post(base, &intake, &insider).unwrap();
    for dir in [m3, m5] {
        let refused = refresh(dir);
        assert!(outcome(&refused, "refused")["reason"].as_str().unwrap().contains("not an owner"), "{refused}");
    }
    assert_eq!(refresh(m2), serde_json::json!([]));
    assert_eq!(items(m2), leos_items, "Leo holds nothing new");
    let kit = member(&members(&noor), &names[5]).0;
    assert_eq!(json(mend(&noor, &["--json", "group", "approve", &kit]))["status"], "approved");
    assert_eq!(roster_chain(base, &invite).len() as u32, versions + 2, "Noor's version follows Pat's");
    assert_eq!(outcome(&refresh(m6), "approved")["name"], NAME);
    for dir in [m3, m5] {
        assert_eq!(outcomes(&refresh(dir)), ["unchanged"], "Pat's version passed over once Noor's follows it");
    }
    ok(mend(&noor, &["group", "publish", text(&owners_pack(at, N_TWO))]));
    for dir in [m3, m5] {
        refresh(dir);
        assert!(items(dir).to_string().contains(N_TWO), "members keep reading the group");
        let shown = json(mend(dir, &["--json", "group", "list"]));
        assert_eq!(shown[0]["removed"], false, "{shown}");
    }

    // Noor removes Pat, who never signed that change and held the read key: the group moves to a new epoch whose
    // key Pat's device does not get. Ida and Eve follow it and read what Noor publishes there; Pat's key opens none
    // of it.
    let pats_key =
        mend_core::groups::publisher_keys::PublisherKeys::load(&FileKeyStore::in_dir(&pat.join("groups")), &group)
            .unwrap()
            .read_key;
    let removed = json(mend(&noor, &["--json", "group", "publishers", "remove", NAME, PAT]));
    assert_eq!((removed["pack"]["new_epoch"].is_u64(), &removed["pack"]["rekey_needed"]), (true, &Value::Bool(false)));
    ok(mend(&noor, &["group", "publish", text(&owners_pack(at, AFTER_PAT))]));
    let new_key = owners_secrets(&noor, group).read_key;
    assert_ne!(new_key, pats_key);
    let newest = read_mailbox(base, &mailbox_id(&new_key)).pack.expect("Noor published at the new epoch");
    assert!(opens(&group, &new_key, &newest.body) && !opens(&group, &pats_key, &newest.body));
    for dir in [m3, m5] {
        outcome(&refresh(dir), "new_epoch");
        assert!(items(dir).to_string().contains(AFTER_PAT), "members follow the new key");
    }

    // 8. The blind server: no display name, moderator name, group name, item text, note, member id or member key
    // in its files or log.
    let bytes = server_bytes(&server);
    let words = [
        NAME,
        BEA,
        PAT,
        NOOR,
        WHO,
        HANDOVER_NOTE,
        "Thursdays too",
        A_TWO,
        A_THREE,
        N_ONE,
        N_TWO,
        PAT_ONE,
        PAT_TWO,
        PAT_THREE,
    ];
    for word in words.iter().chain(EXAMPLE_TEXT.iter()) {
        assert!(!contains(&bytes, word), "the server's files hold {word:?}");
    }
    for name in &names {
        assert!(!contains(&bytes, name), "the server's files hold {name:?}");
    }
    assert_eq!(keys.len(), people.len());
    for key in &keys {
        for found in [key.to_vec(), hex::encode(key).into_bytes(), member_id(key).into_bytes()] {
            assert!(!contains(&bytes, &found), "the server's files hold a member's key or id");
        }
    }
}
