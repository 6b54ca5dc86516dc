//! Private groups end to end with the real binaries: an owner creates a private group on a `mend-server` process
//! (`group create --private`) and publishes the example pack; three people ask to join from the private link
//! (`group join LINK --name NAME`, display names holding a marker); `group members` lists three requests waiting;
//! the owner approves two and declines one; the approved refresh, join and read the items, the declined one is
//! told and holds no group. The owner removes one of the two (`group remove-member`, which names the meeting to
//! change) and publishes again: the other follows the new epoch and reads the new pack, the removed one is told
//! they are no longer in the group and keeps only what they saw. A second request from the same device is refused
//! there; a request replayed to the server as it was posted is listed once, and bytes that do not open are
//! counted and skipped; a request sent after the owner's device emptied the inbox is listed too. The server's
//! files and log hold no display name, group name or item text.

use std::path::{Path, PathBuf};

use mend_core::groups::private_member::{DECLINED_WORDS, REMOVED_WORDS, WAITING_WORDS};
use mend_e2e::private_groups::{ask, contains, failed_with, inbox, member, outcome, post_to_inbox, server_bytes};
use mend_e2e::{ServerProcess, example_pack, json, mend, ok};

const MARKER: &str = "MARKER-who-4b7e";
const NAME: &str = "MARKER-group-7d2a Quiet room";
/// Words of the example pack's items, none of which may reach the server in the clear.
const ITEM_TEXT: [&str; 5] =
    ["Whatever brought you here", "Welcome to the Tuesday circle", "Listening line", "0800 014 7800", AFTER];
/// The words of the pack published after a removal.
const AFTER: &str = "MARKER-after-removal-9c3d";

/// The example pack with the article's text changed (published after a removal).
fn pack_after_removal(to: &Path) -> PathBuf {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(example_pack()).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let text = text.replace("Come as you are.", &format!("Come as you are. {AFTER}."));
        std::fs::write(to.join(path.file_name().unwrap()), text).unwrap();
    }
    to.to_owned()
}

#[test]
fn an_owner_approves_two_requests_and_declines_one_through_a_real_server() {
    let root = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(&root.path().join("server"), &[]);
    let owner = root.path().join("owner");
    let [ann, bea, cal] = ["ann", "bea", "cal"].map(|n| root.path().join(n));
    let names = ["Ann", "Bea", "Cal"].map(|n| format!("{MARKER} {n}"));

    // The owner creates the private group and publishes the example pack.
    let created =
        json(mend(&owner, &["--json", "group", "create", "--server", &server.base, "--name", NAME, "--private"]));
    let link = created["invite"].as_str().unwrap().to_owned();
    assert!(link.starts_with("mend://join#") && link.contains(".p."), "{created}");
    assert_eq!(created["single_owner"], true);
    assert_eq!(json(mend(&owner, &["--json", "group", "invite"]))["invite"].as_str().unwrap(), link);
    ok(mend(&owner, &["group", "publish", example_pack().to_str().unwrap()]));
    let listed = json(mend(&owner, &["--json", "group", "list"]));
    assert_eq!(listed[0]["private"], true, "{listed}");
    assert!(ok(mend(&owner, &["group", "list"])).contains("(private; you moderate it;"));
    let nobody = ok(mend(&owner, &["group", "members"]));
    assert!(nobody.contains("Nobody has asked to join yet."), "{nobody}");

    // A private link without --name says what is missing; an open link with --name is refused too.
    failed_with(mend(&ann, &["group", "join", &link]), "--name");
    failed_with(mend(&ann, &["group", "join", &link, "--name", "Ann\u{1b}[31m"]), "display_name");

    // Three people ask to join; the words say the moderators will see it, and the group is not there yet.
    let words = ok(mend(&ann, &["group", "join", &link, "--name", &names[0]]));
    assert!(words.contains("moderators will see your request") && words.contains("after they approve"), "{words}");
    ask(&bea, &link, &names[1]);
    ask(&cal, &link, &names[2]);
    assert_eq!(json(mend(&ann, &["--json", "group", "list"])), serde_json::json!([]));
    // Asking again from the same device is refused there: the moderators still see one request.
    failed_with(mend(&ann, &["group", "join", &link, "--name", &names[0]]), "already asked");
    let sealed = inbox(&server.base, &link);
    assert_eq!(sealed.len(), 3);
    assert!(sealed.iter().all(|s| s.len() == sealed[0].len()), "every request is one size");
    let waiting = json(mend(&ann, &["--json", "group", "refresh"]));
    assert_eq!(waiting.as_array().unwrap().len(), 1, "{waiting}");
    assert_eq!(waiting[0]["outcome"], "waiting", "{waiting}");
    assert!(ok(mend(&ann, &["group", "refresh"])).contains(WAITING_WORDS));

    // Ann's request replayed to the server as it was posted, and bytes of a request's size that do not open.
    post_to_inbox(&server.base, &link, sealed[0].clone());
    post_to_inbox(&server.base, &link, vec![7; sealed[0].len()]);
    assert_eq!(inbox(&server.base, &link).len(), 5);

    // The owner sees three requests waiting, with ids and the names they chose: the replayed one is listed once,
    // the bytes that do not open are counted and skipped.
    let members = json(mend(&owner, &["--json", "group", "members"]));
    assert_eq!(members["members"].as_array().unwrap().len(), 3, "{members}");
    assert_eq!(members["unreadable"], 1, "{members}");
    let ids: Vec<String> = names
        .iter()
        .map(|n| {
            let (id, status) = member(&members, n);
            assert_eq!(status, "pending");
            assert_eq!(id.len(), 16);
            id
        })
        .collect();
    let human = ok(mend(&owner, &["group", "members"]));
    assert!(human.contains("Waiting for your decision (3):"), "{human}");
    assert!(!human.contains("could not be opened"), "counted once, when read: {human}");
    assert!(human.contains(&format!("{}  {}", ids[0], names[0])), "{human}");
    assert_eq!(json(mend(&owner, &["--json", "group", "members"]))["unreadable"], 0);
    assert!(inbox(&server.base, &link).is_empty(), "the owner's device let the server drop what it read");
    // A request sent once the inbox was emptied is listed too: the server's sequence goes on from the last one.
    let dee_name = format!("{MARKER} Dee");
    ask(&root.path().join("dee"), &link, &dee_name);
    let members = json(mend(&owner, &["--json", "group", "members"]));
    assert_eq!(members["members"].as_array().unwrap().len(), 4, "{members}");
    assert_eq!(member(&members, &dee_name).1, "pending");

    // Two approved (one naming the group), one declined; a decided request cannot be declined again.
    let approved = json(mend(&owner, &["--json", "group", "approve", &ids[0]]));
    assert_eq!(approved["status"], "approved");
    assert_eq!(approved["display_name"], names[0].as_str());
    let words = ok(mend(&owner, &["group", "approve", NAME, &ids[1]]));
    assert!(words.contains("Approved") && words.contains(&names[1]), "{words}");
    let declined = json(mend(&owner, &["--json", "group", "decline", &ids[2]]));
    assert_eq!(declined["status"], "declined");
    failed_with(mend(&owner, &["group", "decline", &ids[0]]), "already been decided");
    failed_with(mend(&owner, &["group", "approve", "0000000000000000"]), "no member");
    let human = ok(mend(&owner, &["group", "members"]));
    assert!(human.contains("Approved (2):") && human.contains("Declined (1):"), "{human}");

    // The approved refresh: they join and read the items, from the group.
    let joined = json(mend(&ann, &["--json", "group", "refresh"]));
    let approved = outcome(&joined, "approved");
    assert_eq!(approved["name"], NAME);
    assert_eq!(approved["items"], 4);
    let words = ok(mend(&bea, &["group", "refresh"]));
    assert!(words.contains("approved your request") && words.contains("4 items"), "{words}");
    assert!(!words.contains("nothing new"), "the group just joined came with its items: {words}");
    for dir in [&ann, &bea] {
        let items = json(mend(dir, &["--json", "group", "items"]));
        assert_eq!(items.as_array().unwrap().len(), 4, "{items}");
        assert!(items.as_array().unwrap().iter().all(|i| i["group_name"] == NAME));
        let list = json(mend(dir, &["--json", "group", "list"]));
        assert_eq!(list[0]["role"], "member");
        assert_eq!(list[0]["private"], true);
    }
    let again = json(mend(&ann, &["--json", "group", "refresh"]));
    assert_eq!(again.as_array().unwrap().len(), 1, "{again}");
    assert_eq!(again[0]["outcome"], "unchanged", "{again}");

    // The declined one is told, in the core's words, and holds nothing of the group.
    let told = ok(mend(&cal, &["group", "refresh"]));
    assert!(told.contains(DECLINED_WORDS), "{told}");
    assert_eq!(json(mend(&cal, &["--json", "group", "list"])), serde_json::json!([]));
    assert_eq!(json(mend(&cal, &["--json", "group", "items"])), serde_json::json!([]));

    // The owner removes Bea: told which meeting to change; a declined request is not someone to remove.
    let words = ok(mend(&owner, &["group", "remove-member", &ids[1]]));
    assert!(words.contains(&format!("Removed \u{201c}{}\u{201d}", names[1])), "{words}");
    assert!(words.contains("keep only what they already saw") && words.contains("  Tuesday circle"), "{words}");
    failed_with(mend(&owner, &["group", "remove-member", &ids[2]]), "declined instead");
    let members = json(mend(&owner, &["--json", "group", "members"]));
    assert_eq!(member(&members, &names[1]).1, "removed");
    assert_eq!(member(&members, &names[0]).1, "approved");
    let after = pack_after_removal(&root.path().join("after"));
    ok(mend(&owner, &["group", "publish", after.to_str().unwrap()]));

    // Ann follows the new epoch (which brings the newest pack with it) and reads the pack published after the
    // removal.
    let followed = json(mend(&ann, &["--json", "group", "refresh"]));
    assert_eq!(outcome(&followed, "new_epoch")["epoch"], 2, "{followed}");
    assert_eq!(outcome(&followed, "new_epoch")["name"], NAME, "{followed}");
    let items = json(mend(&ann, &["--json", "group", "items"]));
    assert!(items.to_string().contains(AFTER), "{items}");

    // Bea is told, in the core's words, and keeps only what she saw.
    let told = ok(mend(&bea, &["group", "refresh"]));
    assert!(told.contains(REMOVED_WORDS), "{told}");
    let items = json(mend(&bea, &["--json", "group", "items"]));
    assert_eq!(items.as_array().unwrap().len(), 4, "{items}");
    assert!(!items.to_string().contains(AFTER), "{items}");
    let list = json(mend(&bea, &["--json", "group", "list"]));
    assert_eq!(list[0]["removed"], true, "{list}");
    assert!(ok(mend(&bea, &["group", "list"])).contains("you are no longer in it"));
    assert_eq!(json(mend(&bea, &["--json", "group", "refresh"])), serde_json::json!([]));

    // The blind server: no display name, group name or item text in its files or its log.
    let bytes = server_bytes(&server);
    for word in [MARKER, NAME].iter().chain(ITEM_TEXT.iter()) {
        assert!(!contains(&bytes, word), "the server's files hold {word:?}");
    }
}

#[test]
fn a_private_group_is_created_with_its_link_drawn_and_open_links_take_no_name() {
    let root = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(&root.path().join("server"), &[]);
    let owner = root.path().join("owner");
    let member = root.path().join("member");

    let drawn = ok(mend(&owner, &["group", "create", "--server", &server.base, "--name", NAME, "--private", "--qr"]));
    assert!(drawn.contains("private group") && drawn.contains("only owner"), "{drawn}");
    let link = drawn.lines().find(|l| l.starts_with("mend://join#")).expect("the link is printed").to_owned();
    assert!(link.contains(".p."), "{link}");
    let rows: Vec<&str> = drawn.lines().filter(|l| l.contains('█') || l.contains('▀') || l.contains('▄')).collect();
    assert!(rows.len() > 10, "{drawn}");

    let open = json(mend(&owner, &["--json", "group", "create", "--server", &server.base, "--name", "Open circle"]));
    let open_link = open["invite"].as_str().unwrap();
    failed_with(mend(&member, &["group", "join", open_link, "--name", "Dee"]), "only for a private group");
    assert_eq!(json(mend(&member, &["--json", "group", "join", open_link]))["name"], "Open circle");
}
