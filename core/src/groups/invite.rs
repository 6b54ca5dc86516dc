//! The invite: `mend://join#<server>.<hash of charter v1>.<epoch>.<read key>`. Everything secret rides in the
//! fragment (after `#`), which no web server or link preview ever receives, as in Signal's group links. The
//! server is an `https://` address (plain `http://` only on the device itself, for tests); the hash and key are
//! unpadded base64url, the epoch a decimal number. A changed character makes the link refused, never misread.
//!
//! A private group's invite, `mend://join#<server>.<hash of charter v1>.p.<intake public key>`, carries no read
//! key: the member asks to join ([`super::private::request`]). [`parse_link`] reads either kind; [`Invite::parse`]
//! reads only an open group's and says so of a private one.

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

    /// Reads an open group's invite link, refusing anything malformed with words a member can act on (and a
    /// private group's invite with words of its own).
    pub fn parse(link: &str) -> Result<Invite> {
        let [server, hash, epoch, key] = split(link)?;
        if epoch == PRIVATE_MARK {
            return Err(GroupError::invalid(
                "invite",
                "this invite is to a private group, whose moderators approve each member; it cannot be joined as \
                 an open group",
            ));
        }
        let epoch_ok =
            !epoch.is_empty() && epoch.bytes().all(|b| b.is_ascii_digit()) && !epoch.starts_with('0') || epoch == "0";
        let epoch: u32 = if epoch_ok { epoch.parse().map_err(|_| bad())? } else { return Err(bad()) };
        let charter_hash = bytes32(hash).ok_or_else(bad)?;
        let read_key = bytes32(key).ok_or_else(bad)?;
        server_address(server)?;
        Ok(Invite { server: server.to_owned(), charter_hash, epoch, read_key })
    }
}

/// What marks a private group's invite where an open one has its epoch.
const PRIVATE_MARK: &str = "p";

/// What a private group's invite gives a member: where and to whom to send a join request.
#[derive(Clone, PartialEq, Eq)]
pub struct PrivateInvite {
    /// The server holding the group's mailboxes.
    pub server: String,
    /// The hash of charter version 1: the group's trust root.
    pub charter_hash: Bytes32,
    /// The group's intake key: join requests are sealed to it, and the intake mailbox derives from it.
    pub intake_public: Bytes32,
}

impl std::fmt::Debug for PrivateInvite {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PrivateInvite").field("server", &self.server).finish_non_exhaustive()
    }
}

impl PrivateInvite {
    /// The link to share (or show as a QR code).
    pub fn link(&self) -> String {
        format!(
            "{INVITE_PREFIX}{}.{}.{PRIVATE_MARK}.{}",
            self.server,
            URL_SAFE_NO_PAD.encode(self.charter_hash),
            URL_SAFE_NO_PAD.encode(self.intake_public)
        )
    }
}

/// An invite of either kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Link {
    /// An open group's: the read key is in the link.
    Open(Invite),
    /// A private group's: the member asks to join.
    Private(PrivateInvite),
}

/// Reads an invite link of either kind, as strictly as [`Invite::parse`].
pub fn parse_link(link: &str) -> Result<Link> {
    let [server, hash, mark, key] = split(link)?;
    if mark != PRIVATE_MARK {
        return Invite::parse(link).map(Link::Open);
    }
    let charter_hash = bytes32(hash).ok_or_else(bad)?;
    let intake_public = bytes32(key).ok_or_else(bad)?;
    server_address(server)?;
    Ok(Link::Private(PrivateInvite { server: server.to_owned(), charter_hash, intake_public }))
}

fn bad() -> GroupError {
    GroupError::invalid("invite", "this is not a complete Mend group invite; ask for the link again")
}

/// The link's four parts after the prefix: server, hash, epoch (or the private mark) and key.
fn split(link: &str) -> Result<[&str; 4]> {
    let rest = link.trim().strip_prefix(INVITE_PREFIX).ok_or_else(bad)?;
    if rest.len() > 600 {
        return Err(bad());
    }
    let mut parts = rest.rsplitn(4, '.');
    let (key, epoch, hash, server) = (parts.next(), parts.next(), parts.next(), parts.next());
    let (Some(key), Some(epoch), Some(hash), Some(server)) = (key, epoch, hash, server) else {
        return Err(bad());
    };
    Ok([server, hash, epoch, key])
}

/// 32 bytes in their one encoding: unpadded base64url with no stray trailing bits.
fn bytes32(text: &str) -> Option<Bytes32> {
    let bytes = URL_SAFE_NO_PAD.decode(text).ok()?;
    let array: Bytes32 = bytes.try_into().ok()?;
    (URL_SAFE_NO_PAD.encode(array) == text).then_some(array)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn private() -> PrivateInvite {
        PrivateInvite {
            server: "https://groups.example.org".into(),
            charter_hash: [7; 32],
            intake_public: crate::crypto::random(),
        }
    }

    #[test]
    fn a_private_link_reads_back_and_an_open_invite_is_read_as_before() {
        let invite = private();
        let link = invite.link();
        assert!(link.contains(".p.") && !format!("{invite:?}").contains(&URL_SAFE_NO_PAD.encode(invite.intake_public)));
        assert_eq!(parse_link(&link).unwrap(), Link::Private(invite.clone()));
        assert_eq!(parse_link(&format!("  {link}\n")).unwrap(), Link::Private(invite));
        match Invite::parse(&link) {
            Err(GroupError::Invalid { field, reason }) => {
                assert!(field == "invite" && reason.contains("private group"))
            }
            other => panic!("{other:?}"),
        }
        let open =
            Invite { server: "http://127.0.0.1:8080".into(), charter_hash: [1; 32], epoch: 0, read_key: [2; 32] };
        assert_eq!(
            open.link(),
            format!("mend://join#http://127.0.0.1:8080.{}.0.{}", "AQEB".repeat(10) + "AQE", "AgIC".repeat(10) + "AgI")
        );
        assert_eq!(parse_link(&open.link()).unwrap(), Link::Open(Invite::parse(&open.link()).unwrap()));
    }

    #[test]
    fn every_changed_character_of_a_private_link_is_refused_or_read_as_another_link() {
        let invite = private();
        let link = invite.link();
        let original = Link::Private(invite);
        for at in 0..link.len() {
            for with in ['A', 'B', 'Q', 'p', 'P', '.', '0', '1', '-', '_', '=', '/', ' ', 'é'] {
                let mut chars: Vec<char> = link.chars().collect();
                if chars[at] == with {
                    continue;
                }
                chars[at] = with;
                let changed: String = chars.into_iter().collect();
                if let Ok(parsed) = parse_link(&changed) {
                    assert_ne!(parsed, original, "{changed}");
                }
            }
        }
        for bit in 0..link.len() * 8 {
            let mut bytes = link.clone().into_bytes();
            bytes[bit / 8] ^= 1 << (bit % 8);
            let Ok(text) = String::from_utf8(bytes) else { continue };
            if let Ok(parsed) = parse_link(&text) {
                assert_ne!(parsed, original, "bit {bit}");
            }
        }
    }

    #[test]
    fn a_private_link_is_read_as_strictly_as_an_open_one() {
        let invite = private();
        let hash = URL_SAFE_NO_PAD.encode(invite.charter_hash);
        let key = URL_SAFE_NO_PAD.encode(invite.intake_public);
        // The last character of 32 bytes in base64url carries 2 stray bits: only one spelling is accepted.
        let alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        let last = alphabet.find(&hash[42..]).unwrap();
        let stray = format!("{}{}", &hash[..42], &alphabet[last + 1..last + 2]);
        let long = format!("https://{}.org", "a".repeat(600));
        for bad in [
            format!("mend://join#https://groups.example.org.{stray}.p.{key}"),
            format!("mend://join#https://groups.example.org.{hash}=.p.{key}"),
            format!("mend://join#https://groups.example.org.{hash}.p.{key}A"),
            format!("mend://join#https://groups.example.org.{hash}.p.{}", &key[1..]),
            format!("mend://join#http://evil.example.org.{hash}.p.{key}"),
            format!("mend://join#{hash}.p.{key}"),
            format!("mend://join#{long}.{hash}.p.{key}"),
            format!("mend://join#https://groups.example.org.{hash}.P.{key}"),
            format!("mend://join#https://groups.example.org.{hash}.pp.{key}"),
            format!("mend://join#https://groups.example.org.{hash}..{key}"),
            format!("https://join#https://groups.example.org.{hash}.p.{key}"),
        ] {
            assert!(parse_link(&bad).is_err(), "{bad}");
            assert!(Invite::parse(&bad).is_err(), "{bad}");
        }
        assert!(parse_link(&format!("mend://join#http://localhost:8080.{hash}.p.{key}")).is_ok());
    }
}
