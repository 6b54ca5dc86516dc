//! Key wraps and epochs: per epoch, the data key wrapped under the KEK and to each device's X25519 key (opaque
//! bytes to the server), and the epoch switch that a device asks for after re-encrypting everything, accepted
//! only when its record count and digest of (collection, id, version) match the server's live records.

use serde::{Deserialize, Serialize};

use crate::codec::{DecodeError, Message, bounded_len, exact_len, max_count};
use crate::limits::{DEVICE_ID_LEN, DIGEST_LEN, MAX_DEVICES, MAX_WRAP_LEN};

/// A data key of one epoch, wrapped (under the KEK, or to one device).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EpochWrap {
    pub epoch: u32,
    pub wrap: Vec<u8>,
}

impl EpochWrap {
    /// Checks the wrap's size.
    pub fn validate(&self) -> Result<(), DecodeError> {
        bounded_len("wrap", &self.wrap, MAX_WRAP_LEN)
    }
}

/// A data key wrapped to one device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceWrap {
    pub device_id: Vec<u8>,
    pub wrap: Vec<u8>,
}

impl DeviceWrap {
    /// Checks the device id's and the wrap's sizes.
    pub fn validate(&self) -> Result<(), DecodeError> {
        exact_len("device_wraps.device_id", &self.device_id, DEVICE_ID_LEN)?;
        bounded_len("device_wraps.wrap", &self.wrap, MAX_WRAP_LEN)
    }
}

/// The reply to `GET /v1/keys`: the account's current epoch, every epoch's KEK wrap, and this device's wraps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyWraps {
    pub epoch: u32,
    pub kek: Vec<EpochWrap>,
    pub device: Vec<EpochWrap>,
}

impl Message for KeyWraps {
    fn validate(&self) -> Result<(), DecodeError> {
        max_count("kek", &self.kek, 4096)?;
        max_count("device", &self.device, 4096)?;
        self.kek.iter().chain(&self.device).try_for_each(EpochWrap::validate)
    }
}

/// `PUT /v1/keys/{epoch}`: adds or replaces device wraps of an existing epoch (a newly linked device's, say), or
/// **stages** the next epoch before a device re-encrypts for it: `kek_wrap` (the next epoch's recovery wrap) with
/// a wrap for every remaining device, so that every device, and the phrase, can read each record whichever
/// epoch it is in while the switch is under way or if it stops half-way. Only one next epoch can be staged: a
/// second `kek_wrap` for it is refused (`AlreadyExists`), and the device resumes with the staged key instead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddWraps {
    pub device_wraps: Vec<DeviceWrap>,
    pub kek_wrap: Option<Vec<u8>>,
    /// With `kek_wrap`: SHA-256 of the current epoch's recovery wrap the device read the recovery key from. The
    /// server stages only if it is still that wrap (a new phrase made meanwhile changes it: read again).
    pub staged_from: Option<Vec<u8>>,
}

impl Message for AddWraps {
    fn validate(&self) -> Result<(), DecodeError> {
        max_count("device_wraps", &self.device_wraps, MAX_DEVICES)?;
        if let Some(wrap) = &self.kek_wrap {
            bounded_len("kek_wrap", wrap, MAX_WRAP_LEN)?;
        }
        if let Some(hash) = &self.staged_from {
            exact_len("staged_from", hash, DIGEST_LEN)?;
        }
        if self.kek_wrap.is_some() != self.staged_from.is_some() {
            return Err(DecodeError::invalid("staged_from", "is given with kek_wrap, and only then"));
        }
        self.device_wraps.iter().try_for_each(DeviceWrap::validate)
    }
}

/// `POST /v1/epochs`: switch from `from_epoch` to `from_epoch + 1`. The server accepts only if every live record
/// is already in the new epoch and their count and digest ([`crate::signing::digest_entry`], SHA-256 over the
/// entries in (collection, id) byte order) equal these; then, atomically, the new epoch becomes current with
/// these wraps, and writes in older epochs are refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EpochSwitch {
    pub from_epoch: u32,
    pub record_count: u64,
    pub digest: Vec<u8>,
    pub kek_wrap: Vec<u8>,
    pub device_wraps: Vec<DeviceWrap>,
}

impl Message for EpochSwitch {
    fn validate(&self) -> Result<(), DecodeError> {
        if self.from_epoch == u32::MAX {
            return Err(DecodeError::invalid("from_epoch", "is the last epoch"));
        }
        exact_len("digest", &self.digest, DIGEST_LEN)?;
        bounded_len("kek_wrap", &self.kek_wrap, MAX_WRAP_LEN)?;
        max_count("device_wraps", &self.device_wraps, MAX_DEVICES)?;
        self.device_wraps.iter().try_for_each(DeviceWrap::validate)
    }
}

/// The reply to an accepted epoch switch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct EpochSwitched {
    pub epoch: u32,
}

impl Message for EpochSwitched {
    fn validate(&self) -> Result<(), DecodeError> {
        Ok(())
    }
}
