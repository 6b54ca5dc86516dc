//! Support groups end to end with the real binaries (issue 18, first slice): a moderator creates an open
//! resource group on a `mend-server` process and publishes the example pack folder (docs/examples/group-pack); a
//! member joins from the invite link and reads the verified items (article, meeting, service, hotline), which
//! also appear in the Library "from" the group. The owner publishes an update and the member's refresh shows it.
//! A tampered invite (one changed character of the pinned hash) is refused with clear words; a pack replayed to
//! the server at an older sequence is refused by the server, and the member keeps the newer one. Leaving removes
//! the items. The server's files and log hold no item text, no group name and no description.

use std::path::{Path, PathBuf};

use mend_core::groups::invite::Invite;
use mend_core::groups::keys::mailbox_id;
use mend_core::groups::{GroupsFailure, network};
use mend_core::sync::client::Client;
use mend_e2e::{ServerProcess, WireTransport, all_bytes, example_pack, json, mend, ok};
use mend_protocol::groups::{Channel, GroupCursor, SignedWrite};
use serde_json::Value;

const NAME: &str = "MARKER-name-5e1a Tuesday circle";
const DESCRIPTION: &str = "MARKER-description-93bd for anyone after a loss";
/// Words of the example pack's items, none of which may reach the server in the clear.
const ITEM_TEXT: [&str; 5] = [
    "Whatever brought you here",
    "Welcome to the Tuesday circle",
    "Listening line",
    "0800 014 7800",
    "MARKER-update-c41f",
];

/// The example pack with its article's title changed and a marker added (the owner's update).
fn updated_pack(to: &Path) -> PathBuf {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(example_pack()).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let text = text.replace(
            "title: Welcome to the Tuesday circle",
            "title: Welcome to the Tuesday circle, now on Thursdays too",
        );
        let text = text.replace("Come as you are.", "Come as you are. MARKER-update-c41f.");
        std::fs::write(to.join(path.file_name().unwrap()), text).unwrap();
    }
    to.to_owned()
}

/// The Pack write the server holds for the group of `link` (as anyone who knows the mailbox could capture it).
fn server_pack(server: &str, link: &str) -> Option<SignedWrite> {
    let invite = Invite::parse(link).unwrap();
    let cursor = GroupCursor { mailbox_id: mailbox_id(&invite.read_key).to_vec(), pack_after: 0, charter_after: 0 };
    let transport = WireTransport::new();
    runtime().block_on(async {
        let mut client = Client::new(server, &transport);
        network::read(&mut client, vec![cursor]).await.unwrap().pop().unwrap().pack
    })
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap()
}

fn titles(items: &Value) -> Vec<String> {
    items.as_array().unwrap().iter().map(|i| item_title(&i["item"])).collect()
}

fn item_title(item: &Value) -> String {
    let body = &item["body"];
    let inner = body.as_object().unwrap().values().next().unwrap();
    inner.get("title").or_else(|| inner.get("name")).and_then(Value::as_str).unwrap_or_default().to_owned()
}

fn kinds(items: &Value) -> Vec<String> {
    let mut kinds: Vec<String> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["item"]["body"].as_object().unwrap().keys().next().unwrap().clone())
        .collect();
    kinds.sort();
    kinds
}

fn group_guides(dir: &Path) -> Vec<String> {
    let list = json(mend(dir, &["--json", "library", "list"]));
    let text = list.to_string();
    let mut ids = Vec::new();
    for piece in text.split('"').filter(|p| p.starts_with("group:")) {
        ids.push(piece.to_owned());
    }
    ids
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[test]
fn a_moderator_publishes_and_a_member_reads_verified_items_through_a_real_server() {
    let root = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(&root.path().join("server"), &[]);
    let owner = root.path().join("owner");
    let member = root.path().join("member");

    // The moderator creates the group and publishes the example pack.
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
            DESCRIPTION,
            "--language",
            "en",
            "--region",
            "GB",
        ],
    ));
    let link = created["invite"].as_str().unwrap().to_owned();
    assert!(link.starts_with("mend://join#"), "{created}");
    assert_eq!(created["single_owner"], true);
    assert_eq!(json(mend(&owner, &["--json", "group", "invite"]))["invite"].as_str().unwrap(), link);
    // With --qr, the link and a QR code of it (not a terminal here: no colour codes), square in modules.
    let drawn = ok(mend(&owner, &["group", "invite", "--qr"]));
    assert!(drawn.starts_with(&link), "{drawn}");
    let rows: Vec<&str> = drawn.lines().filter(|l| l.contains('█') || l.contains('▀') || l.contains('▄')).collect();
    assert!(rows.len() > 10, "{drawn}");
    assert!(!drawn.contains('\u{1b}'), "no colour codes off a terminal");
    let width = rows[0].chars().count();
    assert!(rows.iter().all(|r| r.chars().count() == width), "{drawn}");
    let pack = example_pack();
    let first = ok(mend(&owner, &["group", "publish", pack.to_str().unwrap()]));
    assert!(first.contains("Published: 4 items (pack 1)"), "{first}");
    let findings_at = first.find("Mend").unwrap();
    assert!(findings_at < first.find("Published").unwrap(), "the checks' findings come first: {first}");
    let owned = json(mend(&owner, &["--json", "group", "list"]));
    assert_eq!(owned[0]["role"], "owner");
    assert_eq!(owned[0]["pack_sequence"], 1);
    let first_pack = server_pack(&server.base, &link).expect("the server holds the first pack");

    // A tampered invite: one character of the pinned hash changed. Refused, in words, and nothing is joined.
    let (head, fragment) = link.split_once('#').unwrap();
    let parts: Vec<&str> = fragment.rsplitn(4, '.').collect();
    let hash = parts[2];
    let mut chars: Vec<char> = hash.chars().collect();
    chars[10] = if chars[10] == 'A' { 'B' } else { 'A' };
    let tampered_hash: String = chars.into_iter().collect();
    let tampered = format!("{head}#{}.{tampered_hash}.{}.{}", parts[3], parts[1], parts[0]);
    assert_ne!(tampered, link);
    let refused = mend(&member, &["group", "join", &tampered]);
    assert!(!refused.status.success());
    let words = String::from_utf8_lossy(&refused.stderr);
    assert!(words.contains("does not match the group") && words.contains("nothing was joined"), "{words}");
    assert_eq!(json(mend(&member, &["--json", "group", "list"])), serde_json::json!([]));

    // The member joins from the real link and reads every item, from the group.
    let joined = json(mend(&member, &["--json", "group", "join", &link]));
    assert_eq!(joined["name"], NAME);
    assert_eq!(joined["description"], DESCRIPTION);
    assert_eq!(joined["items"], 4);
    let items = json(mend(&member, &["--json", "group", "items"]));
    assert_eq!(kinds(&items), ["article", "hotline", "meeting", "service"]);
    assert!(items.as_array().unwrap().iter().all(|i| i["group_name"] == NAME));
    assert!(titles(&items).contains(&"Welcome to the Tuesday circle".to_owned()), "{items}");
    let human = ok(mend(&member, &["group", "items", NAME]));
    assert!(human.contains(&format!("From {NAME}:")) && human.contains("Call: 0800 014 7800"), "{human}");
    assert!(human.contains("This is not an emergency line.") || human.contains("hotline: Listening line"), "{human}");
    assert_eq!(group_guides(&member).len(), 1, "the article is in the Library beside the guides");
    let again = mend(&member, &["group", "join", &link]);
    assert!(!again.status.success() && String::from_utf8_lossy(&again.stderr).contains("already joined"));

    // The owner publishes an update; the member's refresh shows it.
    let update = updated_pack(&root.path().join("update"));
    let second = json(mend(&owner, &["--json", "group", "publish", update.to_str().unwrap()]));
    assert_eq!(second["sequence"], 2);
    let refreshed = json(mend(&member, &["--json", "group", "refresh"]));
    assert_eq!(refreshed[0]["outcome"], "updated", "{refreshed}");
    assert_eq!(refreshed[0]["sequence"], 2);
    let items = json(mend(&member, &["--json", "group", "items"]));
    assert!(titles(&items).contains(&"Welcome to the Tuesday circle, now on Thursdays too".to_owned()), "{items}");

    // The first pack, replayed to the server as it was written: refused there, and the member keeps the newer.
    assert_eq!(first_pack.channel, Channel::Pack);
    assert_eq!(first_pack.sequence, 1);
    let invite = Invite::parse(&link).unwrap();
    let transport = WireTransport::new();
    let replayed = runtime().block_on(async {
        let mut client = Client::new(&server.base, &transport);
        network::post(&mut client, &mailbox_id(&invite.read_key), &first_pack).await
    });
    assert!(matches!(replayed, Err(GroupsFailure::Newer { what: "pack", current: 2 })), "{replayed:?}");
    let refreshed = json(mend(&member, &["--json", "group", "refresh"]));
    assert_eq!(refreshed[0]["outcome"], "unchanged", "{refreshed}");
    let list = json(mend(&member, &["--json", "group", "list"]));
    assert_eq!(list[0]["pack_sequence"], 2);
    let items = json(mend(&member, &["--json", "group", "items"]));
    assert!(titles(&items).contains(&"Welcome to the Tuesday circle, now on Thursdays too".to_owned()));

    // The member leaves: the items are gone, from the group's list and from the Library.
    let left = json(mend(&member, &["--json", "group", "leave", NAME]));
    assert_eq!(left["left"], NAME);
    assert_eq!(json(mend(&member, &["--json", "group", "items"])), serde_json::json!([]));
    assert_eq!(json(mend(&member, &["--json", "group", "list"])), serde_json::json!([]));
    assert!(group_guides(&member).is_empty());
    let gone = mend(&member, &["group", "leave", NAME]);
    assert!(!gone.status.success());

    // The member's read key was forgotten on leaving; erasing the owner's journal removes the group keys too.
    let member_keys: Value = serde_json::from_slice(&std::fs::read(member.join("groups/sync-keys")).unwrap()).unwrap();
    let read_keys: Vec<&Value> =
        member_keys.as_object().unwrap().iter().filter(|(k, _)| k.starts_with("group-read/")).map(|(_, v)| v).collect();
    assert_eq!(read_keys, [&Value::from("")], "the read key is forgotten");
    assert!(owner.join("groups/sync-keys").exists());
    ok(mend(&owner, &["erase", "--yes"]));
    assert!(!owner.join("groups/sync-keys").exists());
    assert_eq!(json(mend(&owner, &["--json", "group", "list"])), serde_json::json!([]));

    // The blind server: no group name, description or item text in its files or its log.
    let mut bytes = Vec::new();
    all_bytes(&server.data, &mut bytes);
    bytes.extend(std::fs::read(&server.log).unwrap_or_default());
    assert!(!bytes.is_empty());
    for word in [NAME, DESCRIPTION].iter().chain(ITEM_TEXT.iter()) {
        assert!(!contains(&bytes, word), "the server's files hold {word:?}");
    }
}
