//! How a person's devices agree on their groups when the devices disagree on the time, when sync brings a row in
//! the middle of a take-up, when one row could mean two roles, and when the account changes (helpers:
//! `membership_tests.rs`). A leave made elsewhere is judged by the row's own versions, never by comparing two
//! devices' clocks; an owner's row is never turned into a member's; a row sealed under an earlier account's key
//! is sealed again; leaving a group joined before there was any row still tells the other devices.

use std::sync::Mutex;

use chrono::Duration;
use mend_protocol::hex;

use super::device_tests::{FakeServer, example_pack, new_group, run};
use super::failure::GroupsFailure;
use super::membership_tests::{Phone, carry, phone, published, read_key_held};
use super::secrets::GroupKeys;
use crate::sync::keys::NamingKey;
use crate::sync::keystore::DeviceSecrets;
use crate::sync::transport::{BoxFuture, HttpRequest, HttpResponse, Transport, TransportError};

/// Moves `phone`'s clock `by` from where it is (its journal closed and opened again).
fn shift(phone: &mut Phone, by: Duration) {
    let now = phone.mend.core_for_tests().clock.now();
    phone.mend.reopen(now + by);
}

#[test]
fn a_leave_holds_however_far_apart_the_devices_clocks_are() {
    let server = FakeServer::new();
    let invite = published(&server);
    let a = phone([7; 32]);
    let mut b = phone([7; 32]);
    shift(&mut b, Duration::days(1));
    run(a.groups().join(&server, &invite)).unwrap();
    carry(&a, &b);
    run(b.groups().refresh_with_account(&server)).unwrap();
    assert_eq!(b.groups().list().unwrap().len(), 1, "taken up on B, whose clock runs a day ahead");

    a.groups().leave("Tuesday circle").unwrap();
    carry(&a, &b);
    let settled = b.groups().settle().unwrap();
    assert_eq!(settled.left, vec!["Tuesday circle".to_owned()], "{settled:?}");
    assert_eq!(settled.recorded, 0, "B writes nothing that would undo the leave");
    assert!(b.groups().list().unwrap().is_empty());
    carry(&b, &a);
    let reconciled = run(a.groups().reconcile(&server)).unwrap();
    assert!(reconciled.taken_up.is_empty() && a.groups().list().unwrap().is_empty(), "{reconciled:?}");
    assert_eq!(a.rows()[0].row.role, "left");

    // The same for an owner's group handed over on A while B, a day ahead, holds it.
    let owner = phone([9; 32]);
    let mut other = phone([9; 32]);
    shift(&mut other, Duration::days(1));
    let created = run(owner.groups().create(&server, new_group("Thursday circle"))).unwrap();
    owner.groups().settle().unwrap();
    carry(&owner, &other);
    assert_eq!(run(other.groups().reconcile(&server)).unwrap().owned.len(), 1);
    owner.mend.core_for_tests().store.write(|tx| Ok(super::moderation_rows::remove_owned(tx, &created.id)?)).unwrap();
    carry(&owner, &other);
    let settled = other.groups().settle().unwrap();
    assert_eq!(settled.left, vec!["Thursday circle".to_owned()], "{settled:?}");
    assert!(other.groups().list().unwrap().is_empty());
    assert!(other.rows()[0].deleted, "the hand-over stands: no owner row sealed again");
}

/// A transport that runs `during` (once) before the first request reaches the server: sync bringing a row
/// while a take-up is on its way.
struct Midway<'a> {
    server: &'a FakeServer,
    during: Mutex<Option<Box<dyn FnOnce() + Send + 'a>>>,
}

impl Transport for Midway<'_> {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        if let Some(during) = self.during.lock().unwrap().take() {
            during();
        }
        self.server.send(request)
    }
}

#[test]
fn a_leave_that_arrives_during_a_take_up_is_followed_at_the_next_settle() {
    let server = FakeServer::new();
    let invite = published(&server);
    let a = phone([7; 32]);
    let mut b = phone([7; 32]);
    shift(&mut b, Duration::days(1));
    let joined = run(a.groups().join(&server, &invite)).unwrap();
    carry(&a, &b);
    a.groups().leave("Tuesday circle").unwrap();
    // B reads the member's row, and while it fetches the group, sync brings A's leave.
    let midway = Midway { server: &server, during: Mutex::new(Some(Box::new(|| carry(&a, &b)))) };
    let reconciled = run(b.groups().reconcile(&midway)).unwrap();
    assert_eq!(reconciled.taken_up.len(), 1, "taken up from the row as it was read");
    let settled = b.groups().settle().unwrap();
    assert_eq!(settled.left, vec!["Tuesday circle".to_owned()], "{settled:?}");
    assert!(b.groups().list().unwrap().is_empty() && !read_key_held(&b, &joined.id));
    assert_eq!(b.rows()[0].row.role, "left", "and the row still says left");
}

#[test]
fn an_owners_row_is_never_turned_into_a_members() {
    let server = FakeServer::new();
    let a = phone([7; 32]);
    let created = run(a.groups().create(&server, new_group("Tuesday circle"))).unwrap();
    run(a.groups().publish(&server, None, &example_pack())).unwrap();
    a.groups().settle().unwrap();

    // Her own group's link on the device that owns it: refused, the row stays hers.
    let refused = run(a.groups().join(&server, &created.invite));
    assert!(matches!(refused, Err(GroupsFailure::Conflict(_))), "{refused:?}");
    assert_eq!(a.rows()[0].row.role, "owner");

    // On another device of hers she joins it as members do: the owner's row stays an owner's.
    let b = phone([7; 32]);
    run(b.mend.groups(&b.keys).join(&server, &created.invite)).unwrap();
    carry(&a, &b);
    assert_eq!(b.groups().settle().unwrap().recorded, 0, "no member's row over the owner's");
    run(b.groups().refresh_with_account(&server)).unwrap();
    assert_eq!(b.rows()[0].row.role, "owner");
    assert_eq!(b.groups().list().unwrap().len(), 1);
    // Leaving as a member there leaves the owner's row alone.
    b.groups().leave("Tuesday circle").unwrap();
    assert_eq!(b.rows()[0].row.role, "owner");

    // She hands the group over on A; a device where she joined as a member stays in the group, and says so.
    let c = phone([7; 32]);
    run(c.mend.groups(&c.keys).join(&server, &created.invite)).unwrap();
    carry(&a, &c);
    c.groups().settle().unwrap();
    a.mend.core_for_tests().store.write(|tx| Ok(super::moderation_rows::remove_owned(tx, &created.id)?)).unwrap();
    carry(&a, &c);
    let settled = c.groups().settle().unwrap();
    assert!(settled.left.is_empty(), "{settled:?}");
    assert_eq!(c.groups().list().unwrap().len(), 1);
    assert_eq!(c.rows()[0].row.role, "member", "the person is still a member, on C");
}

#[test]
fn a_row_sealed_under_an_earlier_accounts_key_is_sealed_again() {
    let server = FakeServer::new();
    let invite = published(&server);
    let a = phone([7; 32]);
    let joined = run(a.groups().join(&server, &invite)).unwrap();
    let owned = run(a.groups().create(&server, new_group("Thursday circle"))).unwrap();
    assert_eq!(a.groups().settle().unwrap().recorded, 1, "the owner's row");
    // Sync turned off, then this journal joins another account (its naming key is another).
    DeviceSecrets::new(&a.account).save_naming(&NamingKey::from_bytes([8; 32])).unwrap();
    assert_eq!(a.groups().settle().unwrap().recorded, 2, "both rows sealed again, under the new account's key");
    assert_eq!(a.groups().settle().unwrap().recorded, 0, "once");

    let b = phone([8; 32]);
    carry(&a, &b);
    let reconciled = run(b.groups().reconcile(&server)).unwrap();
    assert!(reconciled.not_taken_up.is_empty(), "{reconciled:?}");
    assert_eq!(reconciled.taken_up.len(), 1);
    assert_eq!(reconciled.owned, vec!["Thursday circle".to_owned()]);
    assert!(read_key_held(&b, &joined.id));
    let group: [u8; 16] = hex::decode("group", &owned.id, 16).unwrap().try_into().unwrap();
    assert!(GroupKeys::new(&b.keys, group).owner_signing().is_ok());
}

#[test]
fn leaving_a_group_joined_before_there_was_a_row_still_tells_the_other_devices() {
    let server = FakeServer::new();
    let invite = published(&server);
    let mut a = phone([7; 32]);
    let b = phone([7; 32]);
    // Joined on A before sync was set up there; joined on B on its own.
    run(a.mend.groups(&a.keys).join(&server, &invite)).unwrap();
    run(b.groups().join(&server, &invite)).unwrap();
    shift(&mut a, Duration::hours(1));
    a.mend.groups(&a.keys).leave("Tuesday circle").unwrap();
    assert_eq!(a.rows()[0].row.role, "left", "a left row, though there was none before");
    carry(&a, &b);
    let settled = b.groups().settle().unwrap();
    assert_eq!(settled.left, vec!["Tuesday circle".to_owned()], "{settled:?}");
    assert!(b.groups().list().unwrap().is_empty());
}
