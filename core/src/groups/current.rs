//! What a group's mailbox holds now, as a moderator's device sees it before changing anything: the charter chain
//! read from the server and verified from the device's own root (version 1, whose hash the invite pins), and the
//! current pack opened and its poster's signature checked (each section is checked again when a moderator
//! carries it forward: [`super::sections::merge`]). Owners and publishers build on this — never on what the
//! server says without checking — so a server that hides or changes a charter cannot make a moderator sign a
//! change on top of something false.

use mend_protocol::groups::{Channel, GroupCursor, GroupState};

use super::charter::SignedCharter;
use super::charter_box;
use super::error::GroupError;
use super::failure::{GroupsFailure, Outcome};
use super::keys::mailbox_id;
use super::network;
use super::pack::{self, Pack};
use super::trust::GroupTrust;
use crate::crypto::Bytes32;
use crate::sync::client::Client;
use crate::sync::transport::Transport;

/// A group's verified state on its server.
#[derive(Debug, Clone)]
pub struct Current {
    /// The chain verified from the root, oldest first.
    pub chain: Vec<SignedCharter>,
    /// The newest charter, verified (its `pack_sequence` is the server's).
    pub trust: GroupTrust,
    /// The current pack, opened, its poster's signature checked. Its sections are not trusted as a whole: posting
    /// carries forward only those that verify on their own under the newest charter, each still signed by its
    /// own publisher (nobody re-signs another's items). `None` before the first pack.
    pub pack: Option<Pack>,
    /// The sequence of the server's current pack (0 before the first).
    pub pack_sequence: u64,
}

/// Verifies `state` from the hash of the device's root charter, `root`: every charter in order from version 1.
pub fn verify(root: &Bytes32, read_key: &Bytes32, state: &GroupState) -> Result<Current, GroupError> {
    let mailbox = mailbox_id(read_key);
    let mut writes: Vec<_> = state.charters.iter().filter(|w| w.channel == Channel::Charter).collect();
    writes.sort_by_key(|w| w.sequence);
    let chain: Vec<SignedCharter> =
        writes.iter().map(|w| charter_box::open(read_key, &mailbox, &w.body)).collect::<Result<_, _>>()?;
    let first = chain.first().ok_or(GroupError::refused("charter", "the group's server holds no charter"))?;
    let mut trust = GroupTrust::from_root(root, first)?;
    trust.apply_charters(&chain)?;
    let (pack, pack_sequence) = match &state.pack {
        Some(write) if write.channel == Channel::Pack => {
            let pack = pack::open(&trust.group_id(), read_key, &write.body)?;
            let listed = chain
                .iter()
                .filter_map(|c| c.charter().ok())
                .any(|c| super::sections::scopes(&c, &pack.publisher).is_some());
            if !listed {
                return Err(GroupError::refused("pack", "its publisher was never a publisher of this group"));
            }
            (Some(pack), write.sequence)
        }
        Some(_) => return Err(GroupError::Malformed { what: "pack" }),
        None => (None, 0),
    };
    trust.pack_sequence = pack_sequence;
    Ok(Current { chain, trust, pack, pack_sequence })
}

/// Reads the group's mailbox on `server` and verifies it from the root hash `root`.
pub async fn read(transport: &dyn Transport, server: &str, root: &Bytes32, read_key: &Bytes32) -> Outcome<Current> {
    let mut client = Client::new(server, transport);
    let cursor = GroupCursor { mailbox_id: mailbox_id(read_key).to_vec(), pack_after: 0, charter_after: 0 };
    let state = network::read(&mut client, vec![cursor]).await?.pop().ok_or(GroupsFailure::GroupGone)?;
    if !state.found {
        return Err(GroupsFailure::GroupGone);
    }
    Ok(verify(root, read_key, &state)?)
}

/// Refuses a server's chain that does not extend what this device already verified, `known` (oldest first): a
/// server that hides the newest charters must not make a moderator sign a change on top of an older one.
pub fn extends(current: &Current, known: &[SignedCharter]) -> Result<(), GroupError> {
    let same =
        known.len() <= current.chain.len() && known.iter().zip(&current.chain).all(|(a, b)| a.hash() == b.hash());
    if same {
        Ok(())
    } else {
        Err(GroupError::refused(
            "charter",
            "the group's server holds an older or different charter than this device knows; nothing was changed",
        ))
    }
}
