//! Members' memberships across two devices of one person, on real journals and the in-memory group server:
//! joining writes the sealed row in the join's write, leaving marks it left with the person's answer about
//! reminders; the other device takes the group up from the row (verifying it from the server as a join does),
//! leaves it when the row says so (keeping or removing the reminders it made, as the person said), refuses a row
//! whose sealed blob was changed, moved or sealed for another account (storing nothing); a group joined before
//! sync was set up gets its row, and a missing key never stops a settle. Sync itself is the end-to-end test's
//! (`tests/groups_sync.rs`); here a row is carried from one journal to the other as sync would leave it.

use mend_protocol::hex;

use super::device_tests::{FakeServer, device, example_pack, new_group, run};
use super::failure::GroupsFailure;
use super::memberships::{self, Stored};
use super::secrets::GroupKeys;
use crate::fixtures::TempMend;
use crate::sync::keys::NamingKey;
use crate::sync::keystore::{DeviceSecrets, FileKeyStore};

/// One device of the person's: its journal, its group key store and its account (sync's key store).
pub(super) struct Phone {
    pub(super) mend: TempMend,
    pub(super) keys: FileKeyStore,
    pub(super) account: FileKeyStore,
    _account_dir: tempfile::TempDir,
}

impl Phone {
    pub(super) fn groups(&self) -> super::Groups<'_> {
        self.mend.groups(&self.keys).with_account(&self.account)
    }

    pub(super) fn rows(&self) -> Vec<Stored> {
        self.mend.core_for_tests().store.read(|c| Ok(memberships::all(c)?)).unwrap()
    }
}

/// A device of the account whose naming key is `naming`.
pub(super) fn phone(naming: [u8; 32]) -> Phone {
    let d = device();
    let dir = tempfile::tempdir().unwrap();
    let account = FileKeyStore::in_dir(dir.path());
    DeviceSecrets::new(&account).save_naming(&NamingKey::from_bytes(naming)).unwrap();
    Phone { mend: d.mend, keys: d.keys, account, _account_dir: dir }
}

/// A published group on `server`: its invite link.
pub(super) fn published(server: &FakeServer) -> String {
    let owner = device();
    let groups = owner.mend.groups(&owner.keys);
    let created = run(groups.create(server, new_group("Tuesday circle"))).unwrap();
    run(groups.publish(server, None, &example_pack())).unwrap();
    created.invite
}

/// Carries `from`'s membership rows to `to` as sync leaves them (the row whole, or its deletion).
pub(super) fn carry(from: &Phone, to: &Phone) {
    for stored in from.rows() {
        let row = stored.row;
        to.mend
            .core_for_tests()
            .store
            .write(|tx| {
                tx.execute(
                    "INSERT INTO group_memberships (guid, group_id, role, server, sealed, created_at, updated_at, \
                     sync_change_counter, deleted, clock) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 0, ?8, '') \
                     ON CONFLICT (group_id) DO UPDATE SET role = excluded.role, server = excluded.server, \
                     sealed = excluded.sealed, updated_at = excluded.updated_at, deleted = excluded.deleted",
                    rusqlite::params![
                        row.guid,
                        row.group_id,
                        row.role,
                        row.server,
                        row.sealed,
                        row.created_at.timestamp_millis(),
                        row.updated_at.timestamp_millis(),
                        stored.deleted
                    ],
                )?;
                Ok(())
            })
            .unwrap();
    }
}

pub(super) fn read_key_held(phone: &Phone, id: &str) -> bool {
    let group: [u8; 16] = hex::decode("group", id, 16).unwrap().try_into().unwrap();
    GroupKeys::new(&phone.keys, group).read_key().is_ok()
}

#[test]
fn joining_writes_a_sealed_row_in_the_same_write_and_leaving_marks_it_left() {
    let server = FakeServer::new();
    let invite = published(&server);
    let a = phone([7; 32]);
    let joined = run(a.groups().join(&server, &invite)).unwrap();
    let rows = a.rows();
    let [Stored { row, deleted: false }] = &rows[..] else { panic!("one live row: {rows:?}") };
    assert_eq!((row.group_id.as_str(), row.role.as_str()), (joined.id.as_str(), "member"));
    // The read key rides in the link's last part; the row holds it only sealed.
    let read_key = invite.rsplit('.').next().unwrap();
    assert!(!row.sealed.contains(read_key) && !row.sealed.is_empty());
    let counter: i64 = a
        .mend
        .core_for_tests()
        .store
        .read(|c| Ok(c.query_row("SELECT sync_change_counter FROM group_memberships", [], |r| r.get(0))?))
        .unwrap();
    assert!(counter > 0, "the row waits to be uploaded");

    a.groups().leave("Tuesday circle").unwrap();
    let rows = a.rows();
    let [Stored { row, deleted: false }] = &rows[..] else { panic!("one row: {rows:?}") };
    assert_eq!(row.group_id, joined.id, "the row says which group was left");
    assert_eq!(row.role, "left", "and that the reminders were kept");
    assert!(row.server.is_empty() && row.sealed.is_empty(), "a left group's server and keys stay nowhere");
    // Joining again revives the same row.
    run(a.groups().join(&server, &invite)).unwrap();
    let rows = a.rows();
    assert!(matches!(&rows[..], [Stored { row, deleted: false }] if row.role == "member" && !row.sealed.is_empty()));
}

#[test]
fn without_an_account_nothing_is_written_and_the_row_comes_once_there_is_one() {
    let server = FakeServer::new();
    let invite = published(&server);
    let a = phone([7; 32]);
    run(a.mend.groups(&a.keys).join(&server, &invite)).unwrap();
    assert!(a.rows().is_empty(), "no account, no row");
    assert!(!a.mend.groups(&a.keys).follows_the_person().unwrap());
    assert!(a.groups().follows_the_person().unwrap(), "with the account's keys, memberships follow the person");
    let settled = a.groups().settle().unwrap();
    assert_eq!(settled.recorded, 1);
    assert!(matches!(&a.rows()[..], [Stored { deleted: false, .. }]));
    assert_eq!(a.groups().settle().unwrap().recorded, 0, "once");
}

#[test]
fn another_device_takes_the_group_up_and_leaves_it_when_the_person_leaves() {
    let server = FakeServer::new();
    let invite = published(&server);
    let (a, b) = (phone([7; 32]), phone([7; 32]));
    let joined = run(a.groups().join(&server, &invite)).unwrap();
    carry(&a, &b);

    let refreshed = run(b.groups().refresh_with_account(&server)).unwrap();
    assert!(matches!(&refreshed[..], [super::member::Refreshed::Unchanged { .. }]), "{refreshed:?}");
    let items = b.groups().items(Some("Tuesday circle")).unwrap();
    assert_eq!(items.len(), 4, "taken up from the server, verified");
    assert!(read_key_held(&b, &joined.id));
    assert!(b.rows()[0].row.guid == a.rows()[0].row.guid, "taking up writes no row of its own");
    // B follows a meeting; A leaves keeping reminders: B keeps the reminder too.
    let followed = b.groups().follow("Tuesday circle", "tuesday-circle").unwrap();

    a.groups().leave_with("Tuesday circle", false).unwrap();
    carry(&a, &b);
    let settled = b.groups().settle().unwrap();
    assert_eq!(settled.left, vec!["Tuesday circle".to_owned()]);
    assert!(b.groups().list().unwrap().is_empty());
    assert!(b.groups().items(None).unwrap().is_empty());
    assert!(!b.mend.library().list("en").unwrap().iter().any(|g| g.id.starts_with("group:")));
    assert!(!read_key_held(&b, &joined.id), "its read key is forgotten");
    let kept = crate::reminders::Reminders::new(b.mend.core_for_tests()).reminder(&followed.reminder.guid).unwrap();
    assert!(kept.is_some(), "the person chose to keep reminders: B keeps the one it made");
    assert_eq!(settled.reminders_removed, 0);
    // A refresh after that takes nothing up again.
    run(b.groups().refresh_with_account(&server)).unwrap();
    assert!(b.groups().list().unwrap().is_empty());
}

#[test]
fn a_changed_row_or_one_sealed_for_another_account_is_refused_and_nothing_is_stored() {
    let server = FakeServer::new();
    let invite = published(&server);
    let a = phone([7; 32]);
    let joined = run(a.groups().join(&server, &invite)).unwrap();

    // A changed character of the sealed blob.
    let b = phone([7; 32]);
    carry(&a, &b);
    b.mend
        .core_for_tests()
        .store
        .write(|tx| {
            let sealed: String = tx.query_row("SELECT sealed FROM group_memberships", [], |r| r.get(0))?;
            let mut chars: Vec<char> = sealed.chars().collect();
            chars[40] = if chars[40] == 'A' { 'B' } else { 'A' };
            tx.execute("UPDATE group_memberships SET sealed = ?1", [chars.into_iter().collect::<String>()])?;
            Ok(())
        })
        .unwrap();
    let reconciled = run(b.groups().reconcile(&server)).unwrap();
    assert!(reconciled.taken_up.is_empty());
    let [refused] = &reconciled.not_taken_up[..] else { panic!("{reconciled:?}") };
    assert_eq!(refused.id, joined.id);
    assert!(refused.reason.starts_with("group_memberships.sealed:"), "{}", refused.reason);
    assert!(b.groups().list().unwrap().is_empty() && !read_key_held(&b, &joined.id), "nothing stored");

    // A blob moved to another server (bound in as associated data) does not open either.
    let c = phone([7; 32]);
    carry(&a, &c);
    c.mend
        .core_for_tests()
        .store
        .write(|tx| Ok(tx.execute("UPDATE group_memberships SET server = 'https://elsewhere.example'", [])?))
        .unwrap();
    let reconciled = run(c.groups().reconcile(&server)).unwrap();
    assert!(reconciled.not_taken_up[0].reason.starts_with("group_memberships.sealed:"));

    // Another account's device cannot open it.
    let stranger = phone([8; 32]);
    carry(&a, &stranger);
    let refreshed = run(stranger.groups().refresh_with_account(&server)).unwrap();
    assert!(
        matches!(&refreshed[..], [super::member::Refreshed::Refused { reason, .. }] if reason.starts_with("group_memberships.sealed:")),
        "{refreshed:?}"
    );
    assert!(stranger.groups().list().unwrap().is_empty() && !read_key_held(&stranger, &joined.id));
}

#[test]
fn a_row_whose_keys_lead_to_another_group_is_refused() {
    let server = FakeServer::new();
    let (first, second) = (published(&server), published(&server));
    let a = phone([7; 32]);
    let one = run(a.groups().join(&server, &first)).unwrap();
    let other = phone([7; 32]);
    let two = run(other.groups().join(&server, &second)).unwrap();
    // The second group's row, sealed properly but filed under the first group's id, is refused by the AAD; one
    // sealed for the first group's id with the second's keys (a device of the account lying) by the check.
    let key = memberships::MembershipKey::from_secret(&[7; 32]);
    let invite = super::invite::Invite::parse(&second).unwrap();
    let b = phone([7; 32]);
    let now = b.mend.core_for_tests().clock.now();
    b.mend.core_for_tests().store.write(|tx| Ok(memberships::record_member(tx, &key, &one.id, &invite, now)?)).unwrap();
    let reconciled = run(b.groups().reconcile(&server)).unwrap();
    let [refused] = &reconciled.not_taken_up[..] else { panic!("{reconciled:?}") };
    assert!(refused.reason.starts_with("group_memberships.group_id:"), "{}", refused.reason);
    assert!(b.groups().list().unwrap().is_empty());
    assert!(!read_key_held(&b, &two.id), "nothing of the other group stored either");
    assert!(matches!(run(a.groups().join(&server, &first)), Err(GroupsFailure::Conflict(_))));
}

#[test]
fn leaving_with_the_reminders_removes_those_every_device_made() {
    let server = FakeServer::new();
    let invite = published(&server);
    let (a, b) = (phone([7; 32]), phone([7; 32]));
    run(a.groups().join(&server, &invite)).unwrap();
    carry(&a, &b);
    run(b.groups().refresh_with_account(&server)).unwrap();
    // B follows a meeting: A knows nothing of that reminder's link to the group.
    let followed = b.groups().follow("Tuesday circle", "tuesday-circle").unwrap();
    let left = a.groups().leave_with("Tuesday circle", true).unwrap();
    assert_eq!(left.reminders_removed, 0, "A made none");
    assert_eq!(a.rows()[0].row.role, "left_removing_reminders");
    carry(&a, &b);
    let settled = b.groups().settle().unwrap();
    assert_eq!(settled.reminders_removed, 1, "the person said yes on A: B removes the reminder it made");
    let gone = crate::reminders::Reminders::new(b.mend.core_for_tests()).reminder(&followed.reminder.guid).unwrap();
    assert!(gone.is_none());
    assert!(b.groups().list().unwrap().is_empty());
}

#[test]
fn a_group_whose_key_is_missing_here_never_stops_a_settle() {
    let server = FakeServer::new();
    let invite = published(&server);
    let a = phone([7; 32]);
    let joined = run(a.mend.groups(&a.keys).join(&server, &invite)).unwrap();
    let group: [u8; 16] = hex::decode("group", &joined.id, 16).unwrap().try_into().unwrap();
    GroupKeys::new(&a.keys, group).forget_read_key().unwrap();
    let settled = a.groups().settle().unwrap();
    assert_eq!(settled.recorded, 0, "nothing to seal without the key");
    assert!(a.rows().is_empty());
}
