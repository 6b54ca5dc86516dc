//! The invite: `mend://join#<server>.<hash of charter v1>.<epoch>.<read key>`. Everything secret rides in the
//! fragment (after `#`), which no web server or link preview ever receives, as in Signal's group links. The
//! server is an `https://` address (plain `http://` only on the device itself, for tests); the hash and key are
//! unpadded base64url, the epoch a decimal number. A changed character makes the link refused, never misread.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use super::error::{GroupError, Result};
use crate::crypto::Bytes32;

/// What every invite link starts with.
pub const INVITE_PREFIX: &str = "mend://join#";

/// What an invite gives a member.
#[derive(Clone, PartialEq, Eq)]
pub struct Invite {
    /// The server holding the group's mailbox.
    pub server: String,
    /// The hash of charter version 1: the group's trust root.
    pub charter_hash: Bytes32,
    /// The read key's epoch (private groups start new epochs when a member is removed).
    pub epoch: u32,
    /// The key packs are sealed under.
    pub read_key: Bytes32,
}

impl std::fmt::Debug for Invite {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Invite").field("server", &self.server).field("epoch", &self.epoch).finish_non_exhaustive()
    }
}

impl Invite {
    /// The link to share (or show as a QR code).
    pub fn link(&self) -> String {
        format!(
            "{INVITE_PREFIX}{}.{}.{}.{}",
            self.server,
            URL_SAFE_NO_PAD.encode(self.charter_hash),
            self.epoch,
            URL_SAFE_NO_PAD.encode(self.read_key)
        )
    }

    /// Reads an invite link, refusing anything malformed with words a member can act on.
    pub fn parse(link: &str) -> Result<Invite> {
        let bad = || GroupError::invalid("invite", "this is not a complete Mend group invite; ask for the link again");
        let rest = link.trim().strip_prefix(INVITE_PREFIX).ok_or_else(bad)?;
        if rest.len() > 600 {
            return Err(bad());
        }
        let mut parts = rest.rsplitn(4, '.');
        let (key, epoch, hash, server) = (parts.next(), parts.next(), parts.next(), parts.next());
        let (Some(key), Some(epoch), Some(hash), Some(server)) = (key, epoch, hash, server) else {
            return Err(bad());
        };
        let bytes32 = |text: &str| -> Option<Bytes32> {
            let bytes = URL_SAFE_NO_PAD.decode(text).ok()?;
            let array: Bytes32 = bytes.try_into().ok()?;
            // One encoding per value: refuse non-canonical trailing bits.
            (URL_SAFE_NO_PAD.encode(array) == text).then_some(array)
        };
        let epoch_ok =
            !epoch.is_empty() && epoch.bytes().all(|b| b.is_ascii_digit()) && !epoch.starts_with('0') || epoch == "0";
        let epoch: u32 = if epoch_ok { epoch.parse().map_err(|_| bad())? } else { return Err(bad()) };
        let charter_hash = bytes32(hash).ok_or_else(bad)?;
        let read_key = bytes32(key).ok_or_else(bad)?;
        server_address(server)?;
        Ok(Invite { server: server.to_owned(), charter_hash, epoch, read_key })
    }
}

/// A server address members may be sent to: `https://host[:port][/path]`, or `http://` to this device only.
pub fn server_address(server: &str) -> Result<()> {
    let refuse = || GroupError::invalid("server", "must be an https:// address");
    let (scheme_ok, rest) = if let Some(rest) = server.strip_prefix("https://") {
        (true, rest)
    } else if let Some(rest) = server.strip_prefix("http://") {
        let host = rest.split(['/', ':']).next().unwrap_or("");
        (host == "localhost" || host == "[" || host.starts_with("127.") || rest.starts_with("[::1]"), rest)
    } else {
        (false, "")
    };
    let host_ok = !rest.is_empty()
        && rest.len() <= 253
        && rest.chars().all(|c| c.is_ascii_alphanumeric() || "-._~:/[]%".contains(c))
        && !rest.starts_with('/');
    if scheme_ok && host_ok { Ok(()) } else { Err(refuse()) }
}
