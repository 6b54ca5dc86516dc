//! Which keys a newly linked device takes: the server hands it a wrap of every epoch's data key, and anyone who
//! knows the device's public key could make such a wrap. The approving device's handover (sealed under the
//! linking session, so the server cannot change it) carries a commitment to the key of the epoch it enrolled the
//! device in. That key must match it; each earlier epoch's key must seal the epoch link of the one after it
//! (`keys::check_epoch_link`), and each later one must be linked from the one before — so every key the device
//! keeps was vouched for, through the chain, by the device that approved it.

use mend_protocol::keys::KeyWraps;

use super::exchange::Handover;
use crate::sync::error::SyncError;
use crate::sync::keys::{DataKey, check_epoch_link};

/// Checks `keys` (each epoch's key, opened from this device's wraps) against `handover` and the epoch links in
/// `wraps`' recovery wraps; a key that does not check out means the wraps were changed on the way.
pub fn check(handover: &Handover, wraps: &KeyWraps, keys: &[(u32, DataKey)]) -> Result<(), SyncError> {
    let key_of = |epoch: u32| keys.iter().find(|(e, _)| *e == epoch).map(|(_, key)| key);
    let link_of = |epoch: u32| wraps.kek.iter().find(|w| w.epoch == epoch).map(|w| w.wrap.as_slice());
    let anchor = key_of(handover.epoch).ok_or(SyncError::LinkTampered)?;
    if anchor.commitment() != handover.key {
        return Err(SyncError::LinkTampered);
    }
    for (epoch, key) in keys {
        let linked = match epoch.cmp(&handover.epoch) {
            std::cmp::Ordering::Equal => true,
            // An earlier key must have sealed the link of the epoch after it (checked down to the anchor).
            std::cmp::Ordering::Less => chain(*epoch, handover.epoch, &key_of, &link_of, key),
            // A later key must be linked from the one before it (checked up from the anchor).
            std::cmp::Ordering::Greater => chain(handover.epoch, *epoch, &key_of, &link_of, anchor),
        };
        if !linked {
            return Err(SyncError::LinkTampered);
        }
    }
    Ok(())
}

/// Whether every link from `from` (whose key is `start`) up to `to` opens: epoch e+1's recovery wrap vouches,
/// under epoch e's key, for epoch e+1's key.
fn chain<'k>(
    from: u32,
    to: u32,
    key_of: &dyn Fn(u32) -> Option<&'k DataKey>,
    link_of: &dyn Fn(u32) -> Option<&'k [u8]>,
    start: &DataKey,
) -> bool {
    let mut previous = start.clone();
    for epoch in from + 1..=to {
        let (Some(key), Some(link)) = (key_of(epoch), link_of(epoch)) else { return false };
        if check_epoch_link(link, &previous, key, epoch).is_err() {
            return false;
        }
        previous = key.clone();
    }
    true
}

#[cfg(test)]
mod tests {
    use mend_protocol::keys::EpochWrap;

    use super::*;
    use crate::sync::keys::{NamingKey, recovery_wrap};

    fn account(keys: &[DataKey]) -> KeyWraps {
        let names = NamingKey::from_bytes([5; 32]);
        let recovery = crate::sync::keys::AccountKeys::derive(&crate::sync::phrase::RootSecret::generate());
        let kek = keys
            .iter()
            .enumerate()
            .map(|(epoch, key)| {
                let previous = epoch.checked_sub(1).map(|e| &keys[e]);
                let wrap = recovery_wrap(key, &names, &recovery.recovery_public(), epoch as u32, previous).unwrap();
                EpochWrap { epoch: epoch as u32, wrap }
            })
            .collect();
        KeyWraps { epoch: keys.len() as u32 - 1, kek, device: Vec::new() }
    }

    fn handover(epoch: u32, key: &DataKey) -> Handover {
        Handover {
            account_id: vec![1; 16],
            device_id: vec![2; 16],
            epoch,
            names: NamingKey::from_bytes([5; 32]),
            key: key.commitment(),
        }
    }

    #[test]
    fn keys_are_taken_only_as_the_approving_device_vouched_for_them() {
        let real: Vec<DataKey> = (0..4).map(|_| DataKey::generate()).collect();
        let wraps = account(&real);
        let held: Vec<(u32, DataKey)> = real.iter().cloned().enumerate().map(|(e, k)| (e as u32, k)).collect();
        // Enrolled at epoch 2; the account moved to 3 since: 0 and 1 down the chain, 3 up it.
        check(&handover(2, &real[2]), &wraps, &held).unwrap();
        // The server hands a key of its own for any epoch: refused.
        for swapped in 0..4 {
            let mut forged = held.clone();
            forged[swapped].1 = DataKey::generate();
            assert!(
                matches!(check(&handover(2, &real[2]), &wraps, &forged), Err(SyncError::LinkTampered)),
                "{swapped}"
            );
        }
        // A commitment to another key (the handover is sealed, so only the approver could say so): refused.
        assert!(check(&handover(2, &DataKey::generate()), &wraps, &held).is_err());
    }
}
