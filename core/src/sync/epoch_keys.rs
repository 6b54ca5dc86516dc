//! Which data keys a device accepts. A key from its own key store (made here, or opened from a recovery wrap with
//! the phrase, or handed over when the device was linked) is the device's own. A key from its **device wrap** on
//! the server is accepted only through the chain of epoch links: epoch e+1's recovery wrap must vouch for it under
//! epoch e's key, which the device holds (`keys::check_epoch_link`). A device wrap alone proves nothing — anyone
//! who knows the device's public key can make one — so without the link a server could hand every device a key
//! of its own choosing for a "new epoch" and read all they sealed afterwards.

use mend_protocol::keys::KeyWraps;

use super::error::SyncError;
use super::keys::{DataKey, DeviceKeys, check_epoch_link};
use super::keystore::DeviceSecrets;

/// The data key of `epoch`: from the key store, or else by following the epoch links up from the newest key the
/// device holds below it, through its own device wraps in `wraps`; each key so accepted is kept.
pub fn data_key(
    secrets: &DeviceSecrets<'_>,
    device: &DeviceKeys,
    wraps: &KeyWraps,
    epoch: u32,
) -> Result<DataKey, SyncError> {
    if let Some(key) = secrets.data_key(epoch)? {
        return Ok(key);
    }
    // The epochs the server lists below `epoch`, newest first: the newest one held here starts the chain.
    let mut below: Vec<u32> = wraps.kek.iter().map(|w| w.epoch).filter(|e| *e < epoch).collect();
    below.sort_unstable_by(|a, b| b.cmp(a));
    let mut start = None;
    for e in below {
        if let Some(key) = secrets.data_key(e)? {
            start = Some((e, key));
            break;
        }
    }
    let (mut at, mut key) = start.ok_or(SyncError::Keys)?;
    while at < epoch {
        let next = at + 1;
        let own = wraps.device.iter().find(|w| w.epoch == next).ok_or(SyncError::Keys)?;
        let recovery = wraps.kek.iter().find(|w| w.epoch == next).ok_or(SyncError::Keys)?;
        let candidate = device.unwrap(&own.wrap, next).map_err(|_| SyncError::Keys)?;
        check_epoch_link(&recovery.wrap, &key, &candidate, next).map_err(|_| SyncError::Keys)?;
        secrets.save_data_key(next, &candidate)?;
        (at, key) = (next, candidate);
    }
    Ok(key)
}

#[cfg(test)]
mod tests {
    use mend_protocol::keys::EpochWrap;

    use super::*;
    use crate::sync::keys::{NamingKey, recovery_wrap, wrap_for_device};
    use crate::sync::keystore::KeyStore;

    #[derive(Default)]
    struct Memory(std::sync::Mutex<std::collections::BTreeMap<String, Vec<u8>>>);

    impl KeyStore for Memory {
        fn get(&self, name: &str) -> crate::Result<Option<zeroize::Zeroizing<Vec<u8>>>> {
            Ok(self.0.lock().unwrap().get(name).cloned().map(zeroize::Zeroizing::new))
        }
        fn set(&self, name: &str, value: &[u8]) -> crate::Result<()> {
            self.0.lock().unwrap().insert(name.to_owned(), value.to_vec());
            Ok(())
        }
        fn clear(&self) -> crate::Result<()> {
            self.0.lock().unwrap().clear();
            Ok(())
        }
    }

    fn wraps_for(device: &DeviceKeys, keys: &[DataKey], linked: bool) -> KeyWraps {
        let names = NamingKey::from_bytes([5; 32]);
        let recovery = crate::sync::keys::AccountKeys::derive(&crate::sync::phrase::RootSecret::generate());
        let mut wraps = KeyWraps { epoch: keys.len() as u32 - 1, kek: Vec::new(), device: Vec::new() };
        for (epoch, key) in keys.iter().enumerate() {
            let epoch = epoch as u32;
            let previous = (epoch > 0 && linked).then(|| &keys[epoch as usize - 1]);
            let wrap = recovery_wrap(key, &names, &recovery.recovery_public(), epoch, previous).unwrap();
            wraps.kek.push(EpochWrap { epoch, wrap });
            let wrap = wrap_for_device(key, &device.exchange_public(), epoch).unwrap();
            wraps.device.push(EpochWrap { epoch, wrap });
        }
        wraps
    }

    #[test]
    fn a_new_epochs_key_is_taken_only_when_linked_from_a_key_held_here() {
        let device = DeviceKeys::generate();
        let keys = [DataKey::generate(), DataKey::generate(), DataKey::generate()];
        let store = Memory::default();
        let secrets = DeviceSecrets::new(&store);
        secrets.save_data_key(0, &keys[0]).unwrap();
        let wraps = wraps_for(&device, &keys, true);
        assert_eq!(data_key(&secrets, &device, &wraps, 2).unwrap(), keys[2], "two links followed");
        assert_eq!(secrets.data_key(1).unwrap(), Some(keys[1].clone()), "and kept");

        // The server makes up epoch 1 and 2 keys and wraps them to the device: refused, nothing kept.
        let store = Memory::default();
        let secrets = DeviceSecrets::new(&store);
        secrets.save_data_key(0, &keys[0]).unwrap();
        // (The server does not hold epoch 0's key, so its links are made under a key of its own.)
        let forged = [DataKey::generate(), DataKey::generate(), DataKey::generate()];
        for linked in [true, false] {
            // Linked under a key the server chose for epoch 0, or not linked at all.
            let wraps = wraps_for(&device, &forged, linked);
            assert!(matches!(data_key(&secrets, &device, &wraps, 1), Err(SyncError::Keys)), "linked: {linked}");
            // A genuine recovery wrap beside a forged device wrap is refused too.
            let mut mixed = wraps_for(&device, &keys, true);
            mixed.device[1] = wraps.device[1].clone();
            assert!(matches!(data_key(&secrets, &device, &mixed, 1), Err(SyncError::Keys)));
        }
        assert_eq!(secrets.data_key(1).unwrap(), None);

        // With no key held below it, a wrap is never followed.
        let empty = Memory::default();
        let wraps = wraps_for(&device, &keys, true);
        assert!(matches!(data_key(&DeviceSecrets::new(&empty), &device, &wraps, 1), Err(SyncError::Keys)));
    }
}
