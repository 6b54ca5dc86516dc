//! Linking's records as the apps see them, converted one to one from the core's (`mend_core::sync::link`): the
//! code the new device shows (as text to type and as the URI a QR carries, with how long it lasts), where the new
//! device's link stands after a poll (waiting; six digits to show, which must match the approving device's;
//! linked, so a sync brings the journal over; or refused, in the core's words), and what the approving device
//! knows of the new one (the name it gave itself, from the network, so shown as text; the digits once it has
//! answered). Doc comments on the types are kept short: uniffi carries them into the phone library.

use mend_core::sync::SyncError;
use mend_core::sync::link::{LINK_SECS, LinkCode, LinkStep};

/// The code to show: `text` to type, `uri` for a QR code.
#[derive(Clone, PartialEq, Eq, uniffi::Record)]
pub struct SyncLinkCode {
    pub text: String,
    pub uri: String,
    pub expires_in_secs: u32,
}

impl From<&LinkCode> for SyncLinkCode {
    fn from(code: &LinkCode) -> Self {
        SyncLinkCode { text: code.text(), uri: code.uri(), expires_in_secs: u32::try_from(LINK_SECS).unwrap_or(0) }
    }
}

impl std::fmt::Debug for SyncLinkCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SyncLinkCode").field("expires_in_secs", &self.expires_in_secs).finish_non_exhaustive()
    }
}

/// The new device's link after a poll.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum SyncLinkStep {
    Waiting,
    Digits {
        digits: String,
    },
    Linked,
    /// Linking ended: the core's words.
    Refused {
        words: String,
    },
}

impl From<LinkStep> for SyncLinkStep {
    fn from(step: LinkStep) -> Self {
        match step {
            LinkStep::Waiting => SyncLinkStep::Waiting,
            LinkStep::Digits(digits) => SyncLinkStep::Digits { digits },
            LinkStep::Linked => SyncLinkStep::Linked,
        }
    }
}

impl SyncLinkStep {
    /// The core's refusal as a step (the other device's answer, not a failure here); any other error stays one.
    pub(crate) fn from_result(result: Result<LinkStep, SyncError>) -> Result<SyncLinkStep, SyncError> {
        match result {
            Ok(step) => Ok(step.into()),
            Err(refused @ SyncError::LinkRefused) => Ok(SyncLinkStep::Refused { words: refused.to_string() }),
            Err(err) => Err(err),
        }
    }
}

/// The new device's name, and the digits once it has answered.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SyncApproval {
    pub device_name: String,
    pub digits: Option<String>,
}

impl From<&mend_core::sync::link::Approval> for SyncApproval {
    fn from(approval: &mend_core::sync::link::Approval) -> Self {
        SyncApproval { device_name: approval.name().to_owned(), digits: approval.digits().map(str::to_owned) }
    }
}
