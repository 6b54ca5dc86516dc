//! Accounts: created without a password or e-mail from a lookup id and a recovery public key (both derived by
//! the client from the recovery phrase), restored by a device that proves it holds the recovery key, given a
//! new phrase in one signed request, and deleted at once ("erase everywhere").

use serde::{Deserialize, Serialize};

use crate::codec::{DecodeError, Message, bounded_len, exact_len, max_count};
use crate::devices::NewDevice;
use crate::keys::EpochWrap;
use crate::limits::{
    ACCOUNT_ID_LEN, DEVICE_ID_LEN, LOOKUP_ID_LEN, MAX_DEVICES, MAX_REGISTRATION_TOKEN_LEN, MAX_WRAP_LEN, NONCE_LEN,
    PUBLIC_KEY_LEN, SIGNATURE_LEN,
};

/// `POST /v1/accounts`: a new account with its first device and epoch 0's data key wrapped under the KEK.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateAccount {
    /// HKDF(R, "lookup"): lets the phrase alone find the account again.
    pub lookup_id: Vec<u8>,
    /// The Ed25519 recovery public key; only it can enrol a device restored from the phrase.
    pub recovery_key: Vec<u8>,
    /// Epoch 0's data key wrapped under the KEK.
    pub kek_wrap: Vec<u8>,
    /// The first device.
    pub device: NewDevice,
    /// Epoch 0's data key wrapped to the first device's X25519 key.
    pub device_wrap: Vec<u8>,
    /// An operator-issued token, required when the server runs with `--registration token`.
    pub registration_token: Option<String>,
}

impl Message for CreateAccount {
    fn validate(&self) -> Result<(), DecodeError> {
        exact_len("lookup_id", &self.lookup_id, LOOKUP_ID_LEN)?;
        exact_len("recovery_key", &self.recovery_key, PUBLIC_KEY_LEN)?;
        bounded_len("kek_wrap", &self.kek_wrap, MAX_WRAP_LEN)?;
        self.device.validate()?;
        bounded_len("device_wrap", &self.device_wrap, MAX_WRAP_LEN)?;
        if let Some(token) = &self.registration_token {
            bounded_len("registration_token", token.as_bytes(), MAX_REGISTRATION_TOKEN_LEN)?;
        }
        Ok(())
    }
}

/// The reply to account creation and to a restore: who the device now is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Enrolled {
    pub account_id: Vec<u8>,
    pub device_id: Vec<u8>,
    /// The account's current epoch.
    pub epoch: u32,
}

impl Message for Enrolled {
    fn validate(&self) -> Result<(), DecodeError> {
        exact_len("account_id", &self.account_id, ACCOUNT_ID_LEN)?;
        exact_len("device_id", &self.device_id, DEVICE_ID_LEN)
    }
}

/// `POST /v1/recovery/challenge`: the first step of restoring from the phrase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecoveryChallengeRequest {
    pub lookup_id: Vec<u8>,
}

impl Message for RecoveryChallengeRequest {
    fn validate(&self) -> Result<(), DecodeError> {
        exact_len("lookup_id", &self.lookup_id, LOOKUP_ID_LEN)
    }
}

/// `POST /v1/recovery/enrol`: a device restored from the phrase enrols itself, signing
/// [`crate::signing::recovery_message`] with the recovery key. The challenge is single use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecoverDevice {
    pub lookup_id: Vec<u8>,
    pub nonce: Vec<u8>,
    pub device: NewDevice,
    pub signature: Vec<u8>,
}

impl Message for RecoverDevice {
    fn validate(&self) -> Result<(), DecodeError> {
        exact_len("lookup_id", &self.lookup_id, LOOKUP_ID_LEN)?;
        exact_len("nonce", &self.nonce, NONCE_LEN)?;
        self.device.validate()?;
        exact_len("signature", &self.signature, SIGNATURE_LEN)
    }
}

/// `POST /v1/account/phrase`: "new phrase", from a device in sync. Swaps the lookup id, the recovery key and
/// every epoch's KEK wrap at once; `signature` is the new recovery key's over
/// [`crate::signing::new_phrase_message`], proving the device holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewPhrase {
    pub lookup_id: Vec<u8>,
    pub recovery_key: Vec<u8>,
    pub kek_wraps: Vec<EpochWrap>,
    pub signature: Vec<u8>,
}

impl Message for NewPhrase {
    fn validate(&self) -> Result<(), DecodeError> {
        exact_len("lookup_id", &self.lookup_id, LOOKUP_ID_LEN)?;
        exact_len("recovery_key", &self.recovery_key, PUBLIC_KEY_LEN)?;
        max_count("kek_wraps", &self.kek_wraps, MAX_DEVICES)?;
        if self.kek_wraps.is_empty() {
            return Err(DecodeError::invalid("kek_wraps", "must not be empty"));
        }
        for wrap in &self.kek_wraps {
            wrap.validate()?;
        }
        exact_len("signature", &self.signature, SIGNATURE_LEN)
    }
}

/// A reply with nothing to say beyond success (the HTTP status tells).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Done;

impl Message for Done {
    fn validate(&self) -> Result<(), DecodeError> {
        Ok(())
    }
}
