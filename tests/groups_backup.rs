//! A moderator's backup end to end with the real binaries (issue 18): the only owner of a group on a real
//! `mend-server` backs it up (`mend group backup --out FILE`: a private file and 24 words of its own); their phone
//! is lost; a new device restores the group from the file and the words typed on standard input, publishes an
//! update above the lost phone's pack, and a member's refresh shows it. Wrong words restore nothing; the file
//! holds neither the group's name nor the words; an existing file is never overwritten.

use std::os::unix::fs::PermissionsExt;

use mend_e2e::{ServerProcess, example_pack, json, mend, mend_with_input, ok};
use serde_json::Value;

const NAME: &str = "MARKER-name-77c2 Thursday circle";

#[test]
fn a_lost_phones_group_comes_back_from_its_backup_and_publishes_again() {
    let root = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(&root.path().join("server"), &[]);
    let phone = root.path().join("phone");
    let new_phone = root.path().join("new-phone");
    let member = root.path().join("member");
    let pack = example_pack();
    let pack = pack.to_str().unwrap();

    let created =
        json(mend(&phone, &["--json", "group", "create", "--server", &server.base, "--name", NAME, "--region", "GB"]));
    let link = created["invite"].as_str().unwrap().to_owned();
    let listed = ok(mend(&phone, &["group", "list"]));
    assert!(listed.contains("no backup yet"), "{listed}");
    ok(mend(&phone, &["group", "publish", pack]));
    json(mend(&member, &["--json", "group", "join", &link]));

    // The backup: a private file, and the words shown once (in the human output, as a numbered grid).
    let file = root.path().join("circle.mendgroup");
    let shown = ok(mend(&phone, &["group", "backup", "--out", file.to_str().unwrap()]));
    let words: Vec<String> = shown
        .split_whitespace()
        .collect::<Vec<_>>()
        .windows(2)
        .filter(|w| w[0].ends_with('.') && w[0].trim_end_matches('.').parse::<u8>().is_ok())
        .map(|w| (w[0].trim_end_matches('.').parse::<usize>().unwrap(), w[1].to_owned()))
        .fold(vec![String::new(); 24], |mut words, (n, word)| {
            words[n - 1] = word;
            words
        });
    assert!(words.iter().all(|w| !w.is_empty()), "24 numbered words: {shown}");
    let phrase = words.join(" ");
    assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o600);
    let bytes = std::fs::read(&file).unwrap();
    for secret in [NAME, words[0].as_str(), words[23].as_str()] {
        assert!(!bytes.windows(secret.len()).any(|w| w == secret.as_bytes()), "{secret} is not in the file");
    }
    assert!(!ok(mend(&phone, &["group", "list"])).contains("no backup yet"));
    // A second backup never overwrites the first.
    let again = mend(&phone, &["group", "backup", "--out", file.to_str().unwrap()]);
    assert!(!again.status.success(), "an existing file is kept");
    assert_eq!(std::fs::read(&file).unwrap(), bytes);

    // Wrong words restore nothing, and say which field.
    let mut wrong = words.clone();
    wrong.swap(0, 1);
    let refused = mend_with_input(&new_phone, &["group", "restore", file.to_str().unwrap()], &wrong.join(" "), &[]);
    assert!(!refused.status.success());
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(said.contains("phrase") || said.contains("backup"), "{said}");
    assert!(!said.contains(&words[0]), "no word is repeated back: {said}");
    assert_eq!(json(mend(&new_phone, &["--json", "group", "list"])), serde_json::json!([]));

    // The phone is lost: the new device restores the group and publishes above the old pack.
    let restored = mend_with_input(&new_phone, &["--json", "group", "restore", file.to_str().unwrap()], &phrase, &[]);
    let restored: Value = serde_json::from_str(&ok(restored)).unwrap();
    assert_eq!((restored["name"].as_str(), restored["pack_sequence"].as_u64()), (Some(NAME), Some(1)));
    assert_eq!(json(mend(&new_phone, &["--json", "group", "invite"]))["invite"].as_str().unwrap(), link);
    let published = ok(mend(&new_phone, &["group", "publish", pack]));
    assert!(published.contains("(pack 2)"), "{published}");
    let refreshed = ok(mend(&member, &["group", "refresh"]));
    assert!(refreshed.contains("new items"), "{refreshed}");
    assert_eq!(json(mend(&member, &["--json", "group", "list"]))[0]["pack_sequence"], 2);
}
