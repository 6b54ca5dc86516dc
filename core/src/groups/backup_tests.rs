//! Backups on real journals, through the in-memory group server of `device_tests`: a lost phone's group comes
//! back on a new device from the file and its phrase and can publish again; a wrong phrase, a changed byte or
//! another file restore nothing; the "lost phone would orphan it" warning stops after a backup.

use super::backup::MAGIC;
use super::device_tests::{FakeServer, device, example_pack, new_group, run};
use super::error::GroupError;
use super::failure::GroupsFailure;

fn invalid_field(result: Result<super::backup::Restored, GroupsFailure>) -> String {
    match result {
        Err(GroupsFailure::Group(GroupError::Invalid { field, .. })) => field,
        other => panic!("expected a refusal naming a field, got {other:?}"),
    }
}

#[test]
fn a_group_comes_back_on_a_new_device_and_publishes_above_the_old_one() {
    let server = FakeServer::new();
    let phone = device();
    let groups = phone.mend.groups(&phone.keys);
    let created = run(groups.create(&server, new_group("Tuesday circle"))).unwrap();
    assert!(groups.list().unwrap()[0].needs_backup, "one owner and no backup");
    run(groups.publish(&server, None, &example_pack())).unwrap();

    let backup = groups.backup(None).unwrap();
    assert_eq!(backup.phrase.split(' ').count(), 24);
    assert!(backup.file.starts_with(MAGIC));
    assert!(groups.list().unwrap()[0].needs_backup, "a backup not yet kept counts for nothing");
    groups.backup_kept(&backup.id).unwrap();
    assert!(!groups.list().unwrap()[0].needs_backup, "backed up");
    // The file holds no secret in the clear (the read key, which the invite carries, is not in it).
    let invite = super::invite::Invite::parse(&created.invite).unwrap();
    assert!(!backup.file.windows(32).any(|w| w == invite.read_key), "the read key is sealed");

    // The phone is lost; a new device restores the group, typed in capitals with numbers as people write it.
    let typed: String =
        backup.phrase.split(' ').enumerate().map(|(i, w)| format!("{}. {}\n", i + 1, w.to_uppercase())).collect();
    let new_phone = device();
    let restored = new_phone.mend.groups(&new_phone.keys).restore(&backup.file, &typed).unwrap();
    assert_eq!((restored.name.as_str(), restored.pack_sequence, restored.charter_version), ("Tuesday circle", 1, 1));
    let again = new_phone.mend.groups(&new_phone.keys);
    assert_eq!(again.invite(None).unwrap(), created.invite, "the same group, the same link");
    assert!(!again.list().unwrap()[0].needs_backup);
    let published = run(again.publish(&server, None, &example_pack())).unwrap();
    assert_eq!(published.sequence, 2);
    // Restoring twice on one device is refused and changes nothing.
    assert!(matches!(again.restore(&backup.file, &backup.phrase), Err(GroupsFailure::Conflict(_))));
}

#[test]
fn a_wrong_phrase_a_changed_byte_or_another_file_restores_nothing() {
    let server = FakeServer::new();
    let phone = device();
    let groups = phone.mend.groups(&phone.keys);
    run(groups.create(&server, new_group("Tuesday circle"))).unwrap();
    let backup = groups.backup(None).unwrap();
    let other = groups.backup(None).unwrap();
    assert_ne!(*backup.phrase, *other.phrase, "each backup has its own phrase");

    let target = device();
    let restore = |file: &[u8], phrase: &str| target.mend.groups(&target.keys).restore(file, phrase);
    assert_eq!(invalid_field(restore(&backup.file, &other.phrase)), "backup");
    for index in [0, MAGIC.len(), MAGIC.len() + 30, backup.file.len() - 1] {
        let mut changed = backup.file.clone();
        changed[index] ^= 0x01;
        assert_eq!(invalid_field(restore(&changed, &backup.phrase)), "backup", "byte {index}");
    }
    assert_eq!(invalid_field(restore(&backup.file[..backup.file.len() - 1], &backup.phrase)), "backup");
    assert_eq!(invalid_field(restore(b"not a backup", &backup.phrase)), "backup");
    // A phrase that is not 24 words, or not words at all, names the phrase and never a word.
    let short = backup.phrase.split(' ').take(23).collect::<Vec<_>>().join(" ");
    assert_eq!(invalid_field(restore(&backup.file, &short)), "phrase");
    let misspelt = format!("{} zzzz", short);
    match restore(&backup.file, &misspelt) {
        Err(GroupsFailure::Group(GroupError::Invalid { field, reason })) => {
            assert_eq!(field, "phrase");
            assert!(reason.contains("word 24") && !reason.contains("zzzz"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
    assert!(target.mend.groups(&target.keys).list().unwrap().is_empty(), "nothing was restored");
    // The file that matches its phrase still restores afterwards.
    assert!(restore(&other.file, &other.phrase).is_ok());
}

#[test]
fn a_backup_carries_its_own_groups_owner_key_and_nothing_of_another_group_or_the_device() {
    let server = FakeServer::new();
    let phone = device();
    let groups = phone.mend.groups(&phone.keys);
    let tuesday = run(groups.create(&server, new_group("Tuesday circle"))).unwrap();
    let thursday = run(groups.create(&server, new_group("Thursday circle"))).unwrap();
    let owner_in = |id: &str| {
        let made = groups.backup(Some(id)).unwrap();
        super::backup::open(&made.file, &made.phrase).unwrap().owner.public()
    };
    let (a, b) = (owner_in(&tuesday.id), owner_in(&thursday.id));
    assert_ne!(a, b, "each group has an owner key of its own");
    // The device's moderator key (what a co-owner's link is sealed for) is in neither backup.
    let moderator = super::identity::Identity::load_or_make(&phone.keys).unwrap().signing.public();
    assert!(a != moderator && b != moderator, "a backup of one group must not carry the device's moderator key");
}
