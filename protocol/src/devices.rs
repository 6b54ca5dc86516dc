//! Devices of an account: enrolled by a device already in sync (after linking) or by the recovery key, listed
//! with their encrypted names, and revoked at once (optionally asking the device to wipe itself if it returns).

use serde::{Deserialize, Serialize};

use crate::codec::{DecodeError, Message, bounded_len, exact_len, max_count};
use crate::keys::EpochWrap;
use crate::limits::{DEVICE_ID_LEN, MAX_DEVICE_NAME_LEN, MAX_DEVICES, MAX_WRAP_LEN, PUBLIC_KEY_LEN};

/// A device's public half: its Ed25519 key (signs challenges), its X25519 key (receives wrapped keys) and its
/// name, encrypted by the client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewDevice {
    pub signing_key: Vec<u8>,
    pub exchange_key: Vec<u8>,
    pub name: Vec<u8>,
}

impl NewDevice {
    /// Checks the keys' lengths and the name's size.
    pub fn validate(&self) -> Result<(), DecodeError> {
        exact_len("device.signing_key", &self.signing_key, PUBLIC_KEY_LEN)?;
        exact_len("device.exchange_key", &self.exchange_key, PUBLIC_KEY_LEN)?;
        bounded_len("device.name", &self.name, MAX_DEVICE_NAME_LEN)
    }
}

/// `POST /v1/devices`: a device in sync enrols a linked one, with the data key wrapped to it for each epoch it
/// should read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnrolDevice {
    pub device: NewDevice,
    pub wraps: Vec<EpochWrap>,
}

impl Message for EnrolDevice {
    fn validate(&self) -> Result<(), DecodeError> {
        self.device.validate()?;
        max_count("wraps", &self.wraps, MAX_DEVICES)?;
        self.wraps.iter().try_for_each(EpochWrap::validate)
    }
}

/// `PUT /v1/device/name`: the calling device's name, encrypted by the client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenameDevice {
    pub name: Vec<u8>,
}

impl Message for RenameDevice {
    fn validate(&self) -> Result<(), DecodeError> {
        bounded_len("name", &self.name, MAX_DEVICE_NAME_LEN)
    }
}

/// One device as `GET /v1/devices` lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceInfo {
    pub device_id: Vec<u8>,
    pub signing_key: Vec<u8>,
    pub exchange_key: Vec<u8>,
    pub name: Vec<u8>,
    /// Unix seconds.
    pub added_at: i64,
    /// Unix seconds of its last token, if it ever had one.
    pub last_seen_at: Option<i64>,
    /// Unix seconds of its revocation, if revoked.
    pub revoked_at: Option<i64>,
}

/// The reply to `GET /v1/devices`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceList {
    pub devices: Vec<DeviceInfo>,
}

impl Message for DeviceList {
    fn validate(&self) -> Result<(), DecodeError> {
        max_count("devices", &self.devices, MAX_DEVICES * 4)?;
        for device in &self.devices {
            exact_len("devices.device_id", &device.device_id, DEVICE_ID_LEN)?;
            exact_len("devices.signing_key", &device.signing_key, PUBLIC_KEY_LEN)?;
            exact_len("devices.exchange_key", &device.exchange_key, PUBLIC_KEY_LEN)?;
            bounded_len("devices.name", &device.name, MAX_DEVICE_NAME_LEN)?;
        }
        Ok(())
    }
}

/// `POST /v1/devices/{device_id}/revoke`: the server refuses the device's tokens from now on and drops its
/// mailbox and key wraps; with a `wipe_order` (opaque to the server: sealed by the revoking device), the device is
/// handed the order if it ever asks for a token again, and erases itself once it has checked it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevokeDevice {
    pub wipe_order: Option<Vec<u8>>,
}

impl Message for RevokeDevice {
    fn validate(&self) -> Result<(), DecodeError> {
        match &self.wipe_order {
            Some(order) => bounded_len("wipe_order", order, MAX_WRAP_LEN),
            None => Ok(()),
        }
    }
}
