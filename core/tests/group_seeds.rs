//! Writes valid group documents into the fuzz corpus (`fuzz/corpus/group_*/`, or `$MEND_FUZZ_CORPUS/group_*/`) —
//! a signed charter, an opened pack, an invite link and the example item files — so the group fuzz targets start
//! from inputs that decode, and checks each seed decodes when read back.

use std::path::PathBuf;

use chrono::{Duration, TimeZone, Utc};
use mend_core::crypto::{self, SigningKey};
use mend_core::fixtures::groups as fixtures;
use mend_core::groups::charter::SignedCharter;
use mend_core::groups::folder;
use mend_core::groups::invite::Invite;
use mend_core::groups::items::ItemKind;
use mend_core::groups::keys::GroupSecrets;
use mend_core::groups::pack::{self, Pack};

#[test]
fn seeds_the_fuzz_corpus_with_valid_group_documents() {
    let root = std::env::var_os("MEND_FUZZ_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fuzz/corpus"));
    let now = Utc.with_ymd_and_hms(2027, 1, 10, 12, 0, 0).unwrap();
    let secrets = GroupSecrets::generate();
    let (owner, editor) = (SigningKey::generate(), SigningKey::generate());
    let scopes: &[ItemKind] = &ItemKind::ALL;
    let charter = fixtures::charter(&secrets, &[&owner], 1, &[("editor", &editor, scopes)], now);
    let mut signed = SignedCharter::new(&charter).unwrap();
    signed.sign(&owner);
    let example = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../docs/examples/group-pack");
    let pack = Pack {
        group_id: secrets.group_id,
        sequence: 1,
        charter_version: 1,
        publisher: editor.public(),
        issued_at: now,
        expires_at: now + Duration::days(30),
        items: folder::read_folder(&example).unwrap(),
    };
    let sealed = pack.seal(&editor, &secrets.read_key).unwrap();
    let aad = [pack::PACK_LABEL.as_bytes(), &secrets.group_id].concat();
    let opened = crypto::open(&secrets.read_key, &aad, &sealed).unwrap();
    let invite = Invite {
        server: "https://groups.example.org".into(),
        charter_hash: signed.hash(),
        epoch: 1,
        read_key: secrets.read_key,
    };
    let mut seeds: Vec<(&str, String, Vec<u8>)> = vec![
        ("group_charter", "charter".into(), signed.encode()),
        ("group_pack", "pack".into(), opened),
        ("group_invite", "invite".into(), invite.link().into_bytes()),
    ];
    for entry in std::fs::read_dir(&example).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        seeds.push(("group_item", name, std::fs::read(&path).unwrap()));
    }
    for (target, name, bytes) in &seeds {
        let dir = root.join(target);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(format!("seed-{name}")), bytes).unwrap();
    }
    let read = |target: &str, name: &str| std::fs::read(root.join(target).join(format!("seed-{name}"))).unwrap();
    SignedCharter::decode(&read("group_charter", "charter")).unwrap().charter().unwrap();
    assert_eq!(pack::decode_signed(&read("group_pack", "pack")).unwrap().items.len(), 4);
    Invite::parse(std::str::from_utf8(&read("group_invite", "invite")).unwrap()).unwrap();
    folder::parse_item(std::str::from_utf8(&read("group_item", "02-tuesday")).unwrap()).unwrap();
}
