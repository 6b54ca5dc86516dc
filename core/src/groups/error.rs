//! Why a group's charter, pack, item or invite was refused. Each refusal says what was wrong in words a
//! member or moderator can act on, naming the field where one is at fault, and never quotes the content.

use crate::crypto::CryptoError;

/// A group document that did not verify, or a moderator's input that is not acceptable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GroupError {
    /// The bytes are not a well-formed document of this kind (changed, cut short, or from elsewhere).
    #[error("the group's {what} is damaged or not a Mend group {what}")]
    Malformed { what: &'static str },
    /// Decryption or a signature failed.
    #[error("the group's {what} did not verify: {reason}")]
    Crypto { what: &'static str, reason: CryptoError },
    /// The document verified but breaks a rule of the group (a skipped version, too few owners' signatures,
    /// a publisher outside their scope, an older pack replayed …).
    #[error("the group's {what} was refused: {reason}")]
    Refused { what: &'static str, reason: String },
    /// A field a moderator wrote is not acceptable.
    #[error("{field}: {reason}")]
    Invalid { field: String, reason: String },
}

impl GroupError {
    pub(crate) fn refused(what: &'static str, reason: impl Into<String>) -> Self {
        GroupError::Refused { what, reason: reason.into() }
    }

    pub(crate) fn invalid(field: impl Into<String>, reason: impl Into<String>) -> Self {
        GroupError::Invalid { field: field.into(), reason: reason.into() }
    }
}

/// Result with [`GroupError`].
pub type Result<T, E = GroupError> = std::result::Result<T, E>;
