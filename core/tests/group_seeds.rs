//! Writes valid group documents into the fuzz corpus (`fuzz/corpus/group_*/`, or `$MEND_FUZZ_CORPUS/group_*/`) —
//! a signed charter, an opened pack (two sections, each signed by its publisher), an invite link, the example item files, a moderator key code, hand-off links
//! sealed for the `group_handoff` target's fixed key, a charter draft, backup files sealed under the
//! `group_backup` target's fixed phrase a member's membership blob sealed under the `group_membership` target's key, and a private group's invite, join
//! request, roster versions and moderators' desk sealed for the `group_join_request`, `group_roster` and
//! `group_desk` targets' fixed keys — so the group fuzz targets start from inputs that decode, and checks each
//! seed decodes when read back.

use std::path::PathBuf;

use chrono::{Duration, TimeZone, Utc};
use mend_core::crypto::{self, SigningKey};
use mend_core::fixtures::groups as fixtures;
use mend_core::groups::backup;
use mend_core::groups::charter::SignedCharter;
use mend_core::groups::charter_flow::Draft;
use mend_core::groups::folder;
use mend_core::groups::handoff::Handoff;
use mend_core::groups::identity::KeyCode;
use mend_core::groups::invite::{self, Invite, Link, PrivateInvite};
use mend_core::groups::items::ItemKind;
use mend_core::groups::keys::GroupSecrets;
use mend_core::groups::membership_seal::{self, MembershipKey};
use mend_core::groups::memberships::Membership;
use mend_core::groups::pack::{self, Pack};
use mend_core::groups::private::desk::{self, Desk, Note, RosterEntry, Status};
use mend_core::groups::private::hpke_seal::public_of;
use mend_core::groups::private::intake::{IntakeKey, moderators_mailbox_id};
use mend_core::groups::private::request::{self, JoinRequest};
use mend_core::groups::private::roster::{self, RosterVersion};
use mend_core::groups::sections::Section;
use x25519_dalek::{PublicKey, StaticSecret};

/// The `group_handoff` target's recipient key (fuzz/fuzz_targets/group_handoff.rs).
const HANDOFF_SECRET: [u8; 32] = [0x42; 32];
/// The `group_backup` target's phrase: the all-zero secret's words (fuzz/fuzz_targets/group_backup.rs).
const BACKUP_PHRASE: &str = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon \
                             abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon \
                             abandon abandon abandon art";

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
    let items = folder::read_folder(&example).unwrap();
    let section = |by: &SigningKey, kinds: &[ItemKind]| {
        let section = Section {
            group_id: secrets.group_id,
            publisher: by.public(),
            sequence: 1,
            charter_version: 1,
            issued_at: now,
            expires_at: now + Duration::days(30),
            items: items.iter().filter(|i| kinds.contains(&i.kind())).cloned().collect(),
        };
        section.sign(by).unwrap()
    };
    let pack = Pack {
        group_id: secrets.group_id,
        sequence: 1,
        charter_version: 1,
        publisher: editor.public(),
        issued_at: now,
        expires_at: now + Duration::days(30),
        sections: vec![
            section(&owner, &[ItemKind::Article, ItemKind::Hotline]),
            section(&editor, &[ItemKind::Meeting, ItemKind::Service]),
        ],
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
    let key_code = KeyCode { signing: editor.public(), exchange: crypto::random() };
    let recipient = PublicKey::from(&StaticSecret::from(HANDOFF_SECRET)).to_bytes();
    let server = "https://groups.example.org";
    let publisher_link = Handoff::publisher(server, signed.hash(), &secrets).seal(&recipient).unwrap();
    let owner_link = Handoff::owner(server, signed.hash(), &secrets, None).seal(&recipient).unwrap();
    let mut next = charter.clone();
    next.version = 2;
    next.previous = Some(signed.hash());
    next.name = "Tuesday evening circle".into();
    let mut proposed = SignedCharter::new(&next).unwrap();
    proposed.sign(&owner);
    let draft = Draft { previous: signed.clone(), proposed: proposed.clone() };
    let owner_exchange = crypto::random();
    let seal_backup = |chain: &[SignedCharter]| {
        backup::seal(server, chain, 1, &owner, &owner_exchange, &secrets, BACKUP_PHRASE).unwrap()
    };
    let mut seeds: Vec<(&str, String, Vec<u8>)> = vec![
        ("group_charter", "charter".into(), signed.encode()),
        ("group_pack", "pack".into(), opened),
        ("group_invite", "invite".into(), invite.link().into_bytes()),
        ("group_key_code", "key".into(), key_code.code().into_bytes()),
        ("group_handoff", "publisher".into(), publisher_link.into_bytes()),
        ("group_handoff", "owner".into(), owner_link.into_bytes()),
        ("group_draft", "draft".into(), draft.to_text().into_bytes()),
        ("group_backup", "one-version".into(), seal_backup(std::slice::from_ref(&signed))),
        ("group_backup", "two-versions".into(), seal_backup(&[signed.clone(), proposed.clone()])),
        ("group_membership", "member".into(), membership_seed(&invite)),
    ];
    seeds.extend(private_seeds());
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
    let sections = pack::decode_signed(&read("group_pack", "pack")).unwrap().sections;
    assert_eq!(sections.iter().map(|s| s.open().unwrap().items.len()).collect::<Vec<_>>(), [2, 2]);
    Invite::parse(std::str::from_utf8(&read("group_invite", "invite")).unwrap()).unwrap();
    folder::parse_item(std::str::from_utf8(&read("group_item", "02-tuesday")).unwrap()).unwrap();
    let text = |target: &str, name: &str| String::from_utf8(read(target, name)).unwrap();
    assert_eq!(KeyCode::parse(&text("group_key_code", "key")).unwrap(), key_code);
    let opened = Handoff::open(&text("group_handoff", "publisher"), &HANDOFF_SECRET).unwrap();
    assert!(opened.owner_secret.is_none());
    assert!(Handoff::open(&text("group_handoff", "owner"), &HANDOFF_SECRET).unwrap().secrets().unwrap() == secrets);
    assert_eq!(Draft::from_text(&text("group_draft", "draft")).unwrap(), draft);
    let restored = backup::open(&read("group_backup", "one-version"), BACKUP_PHRASE).unwrap();
    assert_eq!((restored.newest.version, restored.charters.len()), (1, 1));
    let restored = backup::open(&read("group_backup", "two-versions"), BACKUP_PHRASE).unwrap();
    assert_eq!((restored.newest.version, restored.newest.name.as_str()), (2, "Tuesday evening circle"));
    assert!(restored.secrets == secrets && restored.owner.public() == owner.public());
    let seed = read("group_membership", "member");
    let row = membership_row(std::str::from_utf8(&seed[1..]).unwrap());
    let opened = membership_seal::open_member(&MembershipKey::from_secret(&MEMBERSHIP_KEY), &row).unwrap();
    assert_eq!((opened.server.as_str(), opened.read_key), (MEMBERSHIP_SERVER, invite.read_key));
    check_private_seeds(&read);
}

/// The `group_join_request` and `group_roster` targets' intake secret, the roster's owner, member and group, and
/// the `group_desk` target's recipient secret and trust root (fuzz/fuzz_targets/group_{join_request,roster,desk}.rs).
const INTAKE_SECRET: [u8; 32] = [0x17; 32];
const ROSTER_OWNER: [u8; 32] = [0x21; 32];
const ROSTER_MEMBER: [u8; 32] = [0x33; 32];
const PRIVATE_GROUP: [u8; 16] = [0x44; 16];
const DESK_SECRET: [u8; 32] = [0x55; 32];
const DESK_ROOT: [u8; 32] = [0x66; 32];

/// A private group's invite, a join request, two roster versions (the member approved, then a new epoch without
/// them; each prefixed by its version number) and a desk.
fn private_seeds() -> Vec<(&'static str, String, Vec<u8>)> {
    let intake = IntakeKey::from_secret(&INTAKE_SECRET).public();
    let link =
        PrivateInvite { server: "https://groups.example.org".into(), charter_hash: [9; 32], intake_public: intake };
    let member = public_of(&ROSTER_MEMBER);
    let join = JoinRequest::new(member, "Sam", 1_800_000_000).unwrap();
    let owner = SigningKey::from_secret(&ROSTER_OWNER);
    let version = |number: u32, epoch: u32, members: &[[u8; 32]], declined: Vec<[u8; 16]>| {
        let read_key = [epoch as u8; 32];
        let roster = RosterVersion {
            group_id: PRIVATE_GROUP,
            version: number,
            epoch,
            issued_at: 1_800_000_000 + i64::from(number),
            entries: members.iter().map(|m| roster::wrap(m, &PRIVATE_GROUP, epoch, &read_key).unwrap()).collect(),
            declined,
        };
        [number.to_be_bytes().to_vec(), roster::build_and_seal(&owner, &intake, &roster).unwrap()].concat()
    };
    let other = public_of(&[0x34; 32]);
    let desk = Desk {
        group_id: PRIVATE_GROUP,
        sequence: 2,
        intake_secret: INTAKE_SECRET,
        epoch: 1,
        read_key: [1; 32],
        roster: vec![RosterEntry {
            member_key: member,
            display_name: "Sam".into(),
            status: Status::Approved,
            changed_at: 1_800_000_100,
            request_id: join.request_id,
        }],
        inbox_read_up_to: 1,
        notes: vec![Note { author: "Ana".into(), text: "Change the Tuesday passcode".into(), at: 1_800_000_200 }],
        draft: None,
    };
    let writer = SigningKey::from_secret(&[0x78; 32]);
    let mailbox = moderators_mailbox_id(&DESK_ROOT);
    vec![
        ("group_invite", "private".into(), link.link().into_bytes()),
        ("group_join_request", "request".into(), request::seal(&intake, &join).unwrap()),
        (
            "group_roster",
            "approved".into(),
            version(1, 1, &[member, other], vec![roster::tag(&public_of(&[0x35; 32]), 1)]),
        ),
        ("group_roster", "new-epoch".into(), version(2, 2, &[other], Vec::new())),
        ("group_desk", "desk".into(), desk::seal(&desk, &mailbox, &writer, &[public_of(&DESK_SECRET)]).unwrap()),
    ]
}

/// Reads the private groups' seeds back as their targets do.
fn check_private_seeds(read: &dyn Fn(&str, &str) -> Vec<u8>) {
    let text = String::from_utf8(read("group_invite", "private")).unwrap();
    assert!(matches!(invite::parse_link(&text).unwrap(), Link::Private(_)));
    let intake = IntakeKey::from_secret(&INTAKE_SECRET);
    assert_eq!(request::open(&intake, &read("group_join_request", "request")).unwrap().display_name, "Sam");
    let owner = SigningKey::from_secret(&ROSTER_OWNER);
    let secrets = GroupSecrets { group_id: PRIVATE_GROUP, ..GroupSecrets::generate() };
    let now = Utc.with_ymd_and_hms(2027, 1, 10, 12, 0, 0).unwrap();
    let charter = fixtures::charter(&secrets, &[&owner], 1, &[], now);
    for (name, number, found) in [("approved", 1u32, true), ("new-epoch", 2, false)] {
        let seed = read("group_roster", name);
        let (prefix, sealed) = seed.split_at(4);
        assert_eq!(u32::from_be_bytes(prefix.try_into().unwrap()), number);
        let signed = roster::open(&intake.public(), number, sealed).unwrap();
        assert_eq!(signed.verify(&charter, &[]).unwrap().find(&ROSTER_MEMBER).is_some(), found, "{name}");
    }
    let mailbox = moderators_mailbox_id(&DESK_ROOT);
    let opened = desk::open(&read("group_desk", "desk"), &DESK_SECRET, &mailbox).unwrap();
    assert_eq!(opened.writer_public, SigningKey::from_secret(&[0x78; 32]).public());
}

/// The `group_membership` target's key, group and server (fuzz/fuzz_targets/group_membership.rs).
const MEMBERSHIP_KEY: [u8; 32] = [0x5a; 32];
const MEMBERSHIP_GROUP: &str = "00112233445566778899aabbccddeeff";
const MEMBERSHIP_SERVER: &str = "https://groups.example.org";

/// A member's row of the target's group, holding `sealed`.
fn membership_row(sealed: &str) -> Membership {
    Membership {
        guid: "guid".into(),
        group_id: MEMBERSHIP_GROUP.into(),
        role: "member".into(),
        server: MEMBERSHIP_SERVER.into(),
        sealed: sealed.into(),
        created_at: Default::default(),
        updated_at: Default::default(),
    }
}

/// The target's input for a member's row sealed from `invite`: the role byte (0, member), then the blob.
fn membership_seed(invite: &Invite) -> Vec<u8> {
    let invite = Invite { server: MEMBERSHIP_SERVER.into(), ..invite.clone() };
    let sealed = membership_seal::seal_member(&MembershipKey::from_secret(&MEMBERSHIP_KEY), MEMBERSHIP_GROUP, &invite);
    let mut seed = vec![0];
    seed.extend(sealed.into_bytes());
    seed
}
