//! Support-group memberships follow a person to their other devices, end to end with the real `mend` and
//! `mend-server` binaries (issue 18): device A and device B of one person share a journal (set up on A, joined
//! on B by the phrase). A joins a group from its invite; after A and B sync and B refreshes, B shows the group's
//! verified items. A leaves (keeping reminders); after both sync, B no longer has the group, its items or its
//! Library entries, and keeps the reminder it made from a meeting. A joins again and leaves on a terminal, which
//! asks about the reminders made on the person's other devices (though A made none); saying yes there removes
//! the one B made. An owner's group created on A is published to from B, and so is
//! a group A publishes to as a publisher (with her moderator key, which the charter lists). The server's files hold no group name, description or item text:
//! the membership row travels sealed like every other row, and its keys are sealed again inside it.

use std::path::Path;

use mend_e2e::{ServerProcess, all_bytes, example_pack, json, mend, mend_with_input, ok};
use serde_json::Value;

const NAME: &str = "MARKER-name-7c2e Tuesday circle";
const DESCRIPTION: &str = "MARKER-description-b18f for anyone after a loss";
const ITEM_TEXT: [&str; 3] = ["Whatever brought you here", "Welcome to the Tuesday circle", "0800 014 7800"];

/// A group on `base` with the example pack published: its invite link.
fn published_group(owner: &Path, base: &str) -> String {
    let link = new_group(owner, base);
    ok(mend(owner, &["group", "publish", example_pack().to_str().unwrap()]));
    link
}

/// A group on `base` with nothing published yet: its invite link.
fn new_group(owner: &Path, base: &str) -> String {
    let created = json(mend(
        owner,
        &[
            "--json",
            "group",
            "create",
            "--server",
            base,
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
    created["invite"].as_str().unwrap().to_owned()
}

/// A in sync (set up), B joined to the same journal by the phrase.
fn pair(a: &Path, b: &Path, base: &str) {
    ok(mend(a, &["init", "--loss-date", "2026-11-20", "--weeks", "9", "--region", "GB", "--tz", "Europe/London"]));
    let set_up = json(mend(a, &["--json", "sync", "setup", "--server", base]));
    let phrase = set_up["recovery_phrase"].as_str().unwrap().to_owned();
    let joined = json(mend_with_input(b, &["--json", "sync", "join", "--server", base], &phrase, &[]));
    assert_eq!(joined["state"], "synced", "{joined}");
}

fn sync(dir: &Path) -> Value {
    json(mend(dir, &["--json", "sync", "now"]))
}

fn groups(dir: &Path) -> Vec<Value> {
    json(mend(dir, &["--json", "group", "list"])).as_array().unwrap().clone()
}

fn items(dir: &Path) -> Vec<Value> {
    json(mend(dir, &["--json", "group", "items"])).as_array().unwrap().clone()
}

fn group_guides(dir: &Path) -> usize {
    json(mend(dir, &["--json", "library", "list"])).to_string().matches("\"group:").count()
}

/// `mend group leave NAME` on a terminal (util-linux's `script` makes one), answering with `input`: what the
/// terminal showed.
fn leave_on_a_terminal(dir: &Path, input: &str) -> String {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let command = format!(
        "'{}' --data-dir '{}' group leave '{NAME}'",
        mend_e2e::binary("MEND_BIN", "mend").display(),
        dir.display()
    );
    let mut script = Command::new("script")
        .args(["-qefc", &command, "/dev/null"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("util-linux's script runs");
    script.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let output = script.wait_with_output().unwrap();
    let shown = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(output.status.success(), "{shown}");
    shown
}

#[test]
fn a_membership_follows_the_person_to_their_other_device_and_leaving_leaves_everywhere() {
    let root = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(&root.path().join("server"), &[]);
    let (owner, a, b) = (root.path().join("owner"), root.path().join("a"), root.path().join("b"));
    let link = published_group(&owner, &server.base);
    pair(&a, &b, &server.base);

    // A joins; B knows nothing of it until the membership comes through sync.
    let joined = json(mend(&a, &["--json", "group", "join", &link]));
    assert_eq!(joined["items"], 4, "{joined}");
    assert!(groups(&b).is_empty());
    let up = sync(&a);
    assert!(up["uploaded"].as_u64().unwrap() >= 1, "the membership row goes up: {up}");
    sync(&b);
    // B takes the group up at its refresh: fetched and verified from the server, as a join from the link.
    let refreshed = json(mend(&b, &["--json", "group", "refresh"]));
    assert_eq!(refreshed.as_array().unwrap().len(), 1, "{refreshed}");
    let on_b = groups(&b);
    assert_eq!(on_b.len(), 1, "{on_b:?}");
    assert_eq!((on_b[0]["role"].as_str(), on_b[0]["name"].as_str()), (Some("member"), Some(NAME)));
    assert_eq!(on_b[0]["id"], joined["id"]);
    let b_items = items(&b);
    assert_eq!(b_items.len(), 4, "{b_items:?}");
    assert!(b_items.iter().all(|i| i["group_name"] == NAME), "each item is from the group");
    assert!(group_guides(&b) >= 1, "the article is on B's Library shelf");
    // Nothing to take up twice; A's own refresh takes nothing up either.
    json(mend(&b, &["--json", "group", "refresh"]));
    assert_eq!(groups(&b).len(), 1);
    json(mend(&a, &["--json", "group", "refresh"]));
    assert_eq!(groups(&a).len(), 1);

    // B follows the meeting; A leaves the group and keeps reminders (no terminal: they are kept).
    let followed = json(mend(&b, &["--json", "group", "follow", NAME, "tuesday-circle"]));
    let reminder = followed["reminder"]["guid"].as_str().unwrap().to_owned();
    ok(mend(&a, &["group", "leave", NAME, "--keep-reminders"]));
    sync(&a);
    sync(&b);
    assert!(groups(&b).is_empty(), "B left too");
    assert!(items(&b).is_empty());
    assert_eq!(group_guides(&b), 0, "and its Library entries are gone");
    let reminders = json(mend(&b, &["--json", "reminders", "list"])).to_string();
    assert!(reminders.contains(&reminder), "the reminder stays: the person chose to keep it");
    // A refresh does not bring the group back.
    json(mend(&b, &["--json", "group", "refresh"]));
    assert!(groups(&b).is_empty());

    // A joins again: B takes it up again. B follows the meeting anew; this time A leaves on a terminal, which asks
    // about the reminders made on the person's other devices though A made none, and the person types yes: B
    // removes the one it made (the answer travels with the row).
    json(mend(&a, &["--json", "group", "join", &link]));
    sync(&a);
    sync(&b);
    json(mend(&b, &["--json", "group", "refresh"]));
    assert_eq!(groups(&b).len(), 1);
    let again = json(mend(&b, &["--json", "group", "follow", NAME, "tuesday-circle"]));
    let second = again["reminder"]["guid"].as_str().unwrap().to_owned();
    let shown = leave_on_a_terminal(&a, "yes\n");
    assert!(shown.contains("on your other devices too?"), "{shown}");
    assert!(shown.contains("You left"), "{shown}");
    sync(&a);
    sync(&b);
    assert!(groups(&b).is_empty());
    let reminders = json(mend(&b, &["--json", "reminders", "list"])).to_string();
    assert!(!reminders.contains(&second), "removed, as the person said on A");
    assert!(reminders.contains(&reminder), "the first, kept earlier, stays");

    // The blind server: no group name, description or item text in its files.
    let mut bytes = Vec::new();
    all_bytes(&root.path().join("server"), &mut bytes);
    for marker in [NAME, DESCRIPTION].iter().chain(ITEM_TEXT.iter()) {
        assert!(!bytes.windows(marker.len()).any(|w| w == marker.as_bytes()), "the server holds {marker:?}");
    }
}

#[test]
fn an_owners_group_follows_them_and_their_other_device_publishes_to_it() {
    let root = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(&root.path().join("server"), &[]);
    let (a, b, member) = (root.path().join("a"), root.path().join("b"), root.path().join("member"));
    pair(&a, &b, &server.base);

    // A creates the group and publishes; its owner row goes up with A's next sync.
    let link = published_group(&a, &server.base);
    let up = sync(&a);
    assert!(up["uploaded"].as_u64().unwrap() >= 1, "{up}");
    sync(&b);
    json(mend(&b, &["--json", "group", "refresh"]));
    let on_b = groups(&b);
    assert_eq!(on_b.len(), 1, "{on_b:?}");
    assert_eq!((on_b[0]["role"].as_str(), on_b[0]["name"].as_str()), (Some("owner"), Some(NAME)));

    // B publishes an update; a member who joins from A's link sees B's pack.
    let published = ok(mend(&b, &["group", "publish", example_pack().to_str().unwrap()]));
    assert!(published.contains("Published: 4 items (pack 2)"), "{published}");
    let joined = json(mend(&member, &["--json", "group", "join", &link]));
    assert_eq!(joined["items"], 4, "{joined}");
    let listed = groups(&member);
    assert_eq!(listed[0]["pack_sequence"], 2, "the member has B's pack: {listed:?}");

    // The blind server: no group name or description in its files.
    let mut bytes = Vec::new();
    all_bytes(&root.path().join("server"), &mut bytes);
    for marker in [NAME, DESCRIPTION] {
        assert!(!bytes.windows(marker.len()).any(|w| w == marker.as_bytes()), "the server holds {marker:?}");
    }
}

#[test]
fn a_publishers_group_follows_her_and_her_other_device_publishes_with_her_key() {
    let root = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(&root.path().join("server"), &[]);
    let (owner, a, b) = (root.path().join("owner"), root.path().join("a"), root.path().join("b"));
    new_group(&owner, &server.base);
    pair(&a, &b, &server.base);

    // The owner adds her key (from device A) as a publisher; A accepts the link.
    let key = json(mend(&a, &["--json", "group", "key"]))["key"].as_str().unwrap().to_owned();
    let kinds = "article,meeting,service,hotline";
    let added = json(mend(
        &owner,
        &["--json", "group", "publishers", "add", NAME, &key, "--scopes", kinds, "--name", "Midwife"],
    ));
    let link = added["link"].as_str().unwrap().to_owned();
    assert_eq!(json(mend(&a, &["--json", "group", "accept", &link]))["role"], "publisher");

    // Her row goes up with A's next sync; B takes the group up with her key, verified from the server.
    sync(&a);
    sync(&b);
    json(mend(&b, &["--json", "group", "refresh"]));
    let on_b = groups(&b);
    assert_eq!((on_b[0]["role"].as_str(), on_b[0]["name"].as_str()), (Some("publisher"), Some(NAME)), "{on_b:?}");
    assert_eq!(json(mend(&b, &["--json", "group", "key"]))["key"], key, "the key the charter lists");
    let published = json(mend(&b, &["--json", "group", "publish", example_pack().to_str().unwrap()]));
    assert!(published["sequence"].as_u64().unwrap() >= 1, "{published}");
}
