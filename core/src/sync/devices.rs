//! The account's devices as a person sees them: each one's name (opened from the sealed name the server keeps;
//! a name that does not open — altered, or sealed under another key — is shown as unreadable, never guessed and
//! never a reason for the list to fail), when it was added, when it was last seen, whether it was removed, and
//! which one is this device. The server learns nothing new from the list: it already holds every field but the
//! names, which it cannot read.

use chrono::{DateTime, Utc};
use mend_protocol::devices::DeviceList;
use mend_protocol::routes;

use super::account::{DeviceKeysPublic, open_device_name};
use super::engine::SyncEngine;
use super::error::SyncError;
use super::keys::NamingKey;
use super::transport::Transport;

/// What the list shows for a device whose name does not open.
pub const UNREADABLE_NAME: &str = "a device whose name can't be read";

/// One device of the account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Device {
    /// The server's id for it, in lower-case hex.
    pub id: String,
    /// Its name, or `None` when the sealed name does not open ([`Device::shown_name`] gives the words).
    pub name: Option<String>,
    pub added: DateTime<Utc>,
    /// When it last signed in, if it ever did.
    pub last_seen: Option<DateTime<Utc>>,
    /// When it was removed from the account, if it was.
    pub removed: Option<DateTime<Utc>>,
    pub this_device: bool,
}

impl Device {
    /// Its name, or [`UNREADABLE_NAME`].
    pub fn shown_name(&self) -> &str {
        self.name.as_deref().unwrap_or(UNREADABLE_NAME)
    }
}

/// The server's list, read with the account's naming key: oldest first, as the server gives it.
pub fn read_list(list: &DeviceList, names: &NamingKey, this_device: &[u8]) -> Vec<Device> {
    list.devices
        .iter()
        .map(|device| Device {
            id: mend_protocol::hex::encode(&device.device_id),
            name: open_device_name(
                names,
                &device.name,
                DeviceKeysPublic { signing: &device.signing_key, exchange: &device.exchange_key },
            ),
            added: at(device.added_at).unwrap_or(DateTime::UNIX_EPOCH),
            last_seen: device.last_seen_at.and_then(at),
            removed: device.revoked_at.and_then(at),
            this_device: device.device_id == this_device,
        })
        .collect()
}

/// How many characters of an id [`find`] needs at least, and the list shows.
pub const SHORT_ID: usize = 8;

/// The one device still in the account that `which` names: its id (or its first [`SHORT_ID`] characters or
/// more), or its name in any case. A name two devices share must be given by id.
pub fn find<'a>(devices: &'a [Device], which: &str) -> Result<&'a Device, SyncError> {
    let which = which.trim();
    let lower = which.to_lowercase();
    let active = || devices.iter().filter(|d| d.removed.is_none());
    let by_id: Vec<&Device> = active().filter(|d| lower.len() >= SHORT_ID && d.id.starts_with(&lower)).collect();
    let by_name: Vec<&Device> =
        active().filter(|d| d.name.as_deref().is_some_and(|name| name.trim().to_lowercase() == lower)).collect();
    match (by_id.as_slice(), by_name.as_slice()) {
        ([one], _) | ([], [one]) => Ok(one),
        ([], []) => Err(SyncError::UnknownDevice),
        _ => Err(SyncError::AmbiguousDevice),
    }
}

fn at(unix_seconds: i64) -> Option<DateTime<Utc>> {
    DateTime::from_timestamp(unix_seconds, 0)
}

impl SyncEngine<'_> {
    /// The account's devices, from the server.
    pub async fn devices(&self, transport: &dyn Transport) -> Result<Vec<Device>, SyncError> {
        let mut me = self.signed_in(transport)?;
        let list: DeviceList = me.get(routes::DEVICES).await?;
        Ok(read_list(&list, &me.names, &me.state.device_id))
    }
}

#[cfg(test)]
mod tests {
    use mend_protocol::devices::DeviceInfo;

    use super::*;
    use crate::sync::account::seal_device_name;

    const KEYS: DeviceKeysPublic<'static> = DeviceKeysPublic { signing: &[1; 32], exchange: &[2; 32] };

    fn seal(names: &NamingKey, name: &str) -> Vec<u8> {
        seal_device_name(names, name, KEYS)
    }

    fn named(id: &str, name: Option<&str>, removed: bool) -> Device {
        Device {
            id: id.to_owned(),
            name: name.map(str::to_owned),
            added: DateTime::UNIX_EPOCH,
            last_seen: None,
            removed: removed.then_some(DateTime::UNIX_EPOCH),
            this_device: false,
        }
    }

    #[test]
    fn a_device_is_found_by_its_id_or_its_name_and_never_by_a_guess() {
        let devices = [
            named("aaaa1111bbbb2222", Some("Old phone"), false),
            named("aaaa1111cccc3333", Some("Laptop"), false),
            named("dddd4444eeee5555", Some("Laptop"), false),
            named("ffff6666aaaa7777", Some("Tablet"), true),
        ];
        assert_eq!(find(&devices, "old PHONE ").unwrap().id, "aaaa1111bbbb2222");
        assert_eq!(find(&devices, "DDDD4444").unwrap().id, "dddd4444eeee5555");
        assert_eq!(find(&devices, "aaaa1111cccc3333").unwrap().name.as_deref(), Some("Laptop"));
        assert!(matches!(find(&devices, "Laptop"), Err(SyncError::AmbiguousDevice)), "a shared name");
        assert!(matches!(find(&devices, "aaaa1111"), Err(SyncError::AmbiguousDevice)), "a shared id start");
        assert!(matches!(find(&devices, "aaaa"), Err(SyncError::UnknownDevice)), "too short to be an id");
        assert!(matches!(find(&devices, "Tablet"), Err(SyncError::UnknownDevice)), "already removed");
        assert!(matches!(find(&devices, "phone"), Err(SyncError::UnknownDevice)));
    }

    fn info(id: u8, name: Vec<u8>) -> DeviceInfo {
        DeviceInfo {
            device_id: vec![id; 16],
            signing_key: vec![1; 32],
            exchange_key: vec![2; 32],
            name,
            added_at: 1_764_000_000,
            last_seen_at: Some(1_764_500_000),
            revoked_at: None,
        }
    }

    #[test]
    fn names_open_and_this_device_is_marked() {
        let names = NamingKey::from_bytes([7; 32]);
        let list = DeviceList { devices: vec![info(1, seal(&names, "Sam's phone")), info(2, seal(&names, "laptop"))] };
        let devices = read_list(&list, &names, &[2; 16]);
        assert_eq!(devices.len(), 2);
        assert_eq!(devices[0].name.as_deref(), Some("Sam's phone"));
        assert_eq!(devices[0].id, "01".repeat(16));
        assert!(!devices[0].this_device && devices[1].this_device);
        assert_eq!(devices[1].shown_name(), "laptop");
        assert_eq!(devices[0].added.timestamp(), 1_764_000_000);
        assert_eq!(devices[0].last_seen.map(|t| t.timestamp()), Some(1_764_500_000));
        assert_eq!(devices[0].removed, None);
    }

    #[test]
    fn an_altered_or_foreign_name_shows_as_unreadable_and_the_list_still_reads() {
        let names = NamingKey::from_bytes([7; 32]);
        let mut altered = seal(&names, "Sam's phone");
        let last = altered.len() - 1;
        altered[last] ^= 1;
        let foreign = seal(&NamingKey::from_bytes([8; 32]), "someone else");
        let list = DeviceList {
            devices: vec![
                info(1, altered),
                info(2, foreign),
                info(3, Vec::new()),
                info(4, seal(&names, "kept")),
                // A name sealed for another device's keys, copied onto this entry by the server.
                info(
                    5,
                    seal_device_name(&names, "Sam's phone", DeviceKeysPublic { signing: &[9; 32], exchange: &[2; 32] }),
                ),
            ],
        };
        let devices = read_list(&list, &names, &[4; 16]);
        for device in devices.iter().filter(|d| !d.this_device) {
            assert_eq!(device.name, None, "{device:?}");
            assert_eq!(device.shown_name(), UNREADABLE_NAME);
        }
        assert_eq!(devices[3].shown_name(), "kept");
    }

    #[test]
    fn a_removed_device_says_when() {
        let names = NamingKey::from_bytes([7; 32]);
        let mut removed = info(1, seal(&names, "old phone"));
        removed.revoked_at = Some(1_764_600_000);
        removed.last_seen_at = None;
        let devices = read_list(&DeviceList { devices: vec![removed] }, &names, &[9; 16]);
        assert_eq!(devices[0].removed.map(|t| t.timestamp()), Some(1_764_600_000));
        assert_eq!(devices[0].last_seen, None);
        assert!(!devices[0].this_device);
    }
}
