//! What a private group's moderators leave each other on the desk, so co-moderators on different phones work
//! together without passing files: notes ([`Groups::notes`], [`Groups::leave_note`]: a handover, a passcode to
//! change), signed with the name the charter gives their writer; and the charter change waiting for signatures
//! ([`Groups::share_draft`], [`Groups::shared_draft`]), which owners sign and put in force from the desk as
//! they would from a draft file. Signatures two owners added to the same proposal are combined; a different
//! proposal is not silently replaced. Putting a change in force clears the desk's draft (`charter_change.rs`
//! seals the desk again without it), since every draft names the charter it changes.

use serde::Serialize;

use super::charter::SignedCharter;
use super::charter_flow::{Draft, DraftStatus};
use super::device::Groups;
use super::error::GroupError;
use super::failure::{GroupsFailure, Outcome};
use super::private::desk::{MAX_DRAFT_BYTES, MAX_NOTE_BYTES, MAX_NOTES, Note};
use super::private::request::hidden;
use super::private_desk_io;
use super::private_moderation::{Moderating, Who};
use crate::sync::client::Client;
use crate::sync::transport::Transport;

/// The longest author name a note carries (a display name's limit).
const MAX_AUTHOR_CHARS: usize = 64;

/// One note on the desk, as moderators see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeskNote {
    /// The name the charter gave its writer (show it escaped).
    pub author: String,
    /// What they wrote (show it escaped).
    pub text: String,
    /// Unix seconds.
    pub at: i64,
}

/// A draft shared on the desk, with where it stands.
#[derive(Debug, Clone)]
pub struct SharedDraft {
    pub draft: Draft,
    pub status: DraftStatus,
}

fn shown(note: &Note) -> DeskNote {
    DeskNote { author: note.author.clone(), text: note.text.clone(), at: note.at }
}

/// The name a note is signed with: the writer's name in the charter, without hidden characters, at most 64
/// characters (a moderator's name may be longer).
fn author(at: &Moderating) -> String {
    let me = at.signer.public();
    let named = at.charter.owners.iter().find(|o| o.signing_key == me).map(|o| o.name.as_str());
    let named = named.or_else(|| at.charter.publisher(&me).map(|p| p.name.as_str())).unwrap_or("a moderator");
    let clean: String = named.chars().filter(|c| !hidden(*c)).take(MAX_AUTHOR_CHARS).collect();
    match clean.trim() {
        "" => "a moderator".into(),
        trimmed => trimmed.to_owned(),
    }
}

/// `mine` with the signatures `theirs` (a draft of the same proposal) carries that `mine` does not.
fn combined(mut mine: Draft, theirs: &Draft) -> Draft {
    for signature in &theirs.proposed.signatures {
        if !mine.proposed.signatures.iter().any(|s| s.signer == signature.signer) {
            mine.proposed.signatures.push(signature.clone());
        }
    }
    mine
}

fn same_proposal(a: &Draft, b: &Draft) -> bool {
    a.previous.hash() == b.previous.hash() && a.proposed.body == b.proposed.body
}

/// The draft the desk holds, when it still changes the charter in force (`in_force`) and an owner of it proposed
/// or signed it (any moderator may write the desk); an older one is stale. Signatures of anyone who is an owner of
/// neither version are dropped (they would stop it being put in force).
fn current_draft(bytes: Option<&Vec<u8>>, in_force: &SignedCharter) -> Option<Draft> {
    let text = std::str::from_utf8(bytes?).ok()?;
    let mut draft = Draft::from_text(text).ok().filter(|d| d.previous.hash() == in_force.hash())?;
    let (previous, proposed) = (draft.previous.charter().ok()?, draft.proposed.charter().ok()?);
    draft.proposed.signatures.retain(|s| previous.is_owner(&s.signer) || proposed.is_owner(&s.signer));
    (draft.status().ok()?.old_owners_signed > 0).then_some(draft)
}

impl Groups<'_> {
    /// The notes on the private group `group`'s desk (its id or name; `None` for the only one), oldest first.
    pub async fn notes(&self, transport: &dyn Transport, group: Option<&str>) -> Outcome<Vec<DeskNote>> {
        let at = self.moderating(transport, group, Who::OwnersAndPublishers).await?;
        let mut client = Client::new(&at.server, transport);
        let desk = private_desk_io::read(&mut client, &at.hand()).await?;
        Ok(desk.notes.iter().map(shown).collect())
    }

    /// Leaves `text` on the desk for the group's other moderators, signed with this moderator's name in the
    /// charter; gives the notes as written (the desk keeps the newest 256).
    pub async fn leave_note(
        &self,
        transport: &dyn Transport,
        group: Option<&str>,
        text: &str,
    ) -> Outcome<Vec<DeskNote>> {
        let text = text.trim();
        if text.is_empty() {
            return Err(GroupError::invalid("note", "write something to leave for the other moderators").into());
        }
        if text.len() > MAX_NOTE_BYTES {
            return Err(GroupError::invalid("note", "can be at most 4 KiB").into());
        }
        let at = self.moderating(transport, group, Who::OwnersAndPublishers).await?;
        let mut client = Client::new(&at.server, transport);
        let mut desk = private_desk_io::read(&mut client, &at.hand()).await?;
        desk.notes.push(Note { author: author(&at), text: text.to_owned(), at: self.core.clock.now().timestamp() });
        let excess = desk.notes.len().saturating_sub(MAX_NOTES);
        desk.notes.drain(..excess);
        desk.sequence += 1;
        let written = private_desk_io::write(&mut client, &at.hand(), desk).await?;
        Ok(written.notes.iter().map(shown).collect())
    }

    /// The charter change waiting on the private group `group`'s desk, with where it stands; `None` when there
    /// is none, or the one there no longer changes the charter in force.
    pub async fn shared_draft(&self, transport: &dyn Transport, group: Option<&str>) -> Outcome<Option<SharedDraft>> {
        let at = self.moderating(transport, group, Who::Owners).await?;
        let mut client = Client::new(&at.server, transport);
        let desk = private_desk_io::read(&mut client, &at.hand()).await?;
        let in_force = in_force(&at)?;
        match current_draft(desk.draft.as_ref(), in_force) {
            Some(draft) => {
                let status = draft.status()?;
                Ok(Some(SharedDraft { draft, status }))
            }
            None => Ok(None),
        }
    }

    /// Puts `draft` (a change to a private group this device owns) on the group's desk for its other owners:
    /// the signatures of the same proposal already there are kept. A different proposal waiting there is
    /// replaced only when `replace` is set. Gives the draft as shared and where it stands.
    pub async fn share_draft(&self, transport: &dyn Transport, draft: &Draft, replace: bool) -> Outcome<SharedDraft> {
        let group_id = mend_protocol::hex::encode(&draft.proposed.charter()?.group_id);
        let at = self.moderating(transport, Some(&group_id), Who::Owners).await?;
        if draft.previous.hash() != in_force(&at)?.hash() {
            return Err(GroupsFailure::Conflict(
                "the group's charter has changed since this draft was made: propose the change again".into(),
            ));
        }
        let mut client = Client::new(&at.server, transport);
        let mut desk = private_desk_io::read(&mut client, &at.hand()).await?;
        let waiting = current_draft(desk.draft.as_ref(), in_force(&at)?);
        let shared = match waiting {
            Some(theirs) if same_proposal(draft, &theirs) => combined(draft.clone(), &theirs),
            Some(_) if !replace => {
                return Err(GroupsFailure::Conflict(
                    "another proposed change to this group's charter is waiting for signatures: sign or put that \
                     one in force first, or propose again with --replace to set it aside"
                        .into(),
                ));
            }
            _ => draft.clone(),
        };
        let status = shared.status()?;
        let bytes = shared.to_text().into_bytes();
        if bytes.len() > MAX_DRAFT_BYTES {
            return Err(GroupError::invalid("draft", "is too large to share on the desk: send it as a file").into());
        }
        desk.draft = Some(bytes);
        desk.sequence += 1;
        private_desk_io::write(&mut client, &at.hand(), desk).await?;
        Ok(SharedDraft { draft: shared, status })
    }
}

/// The charter in force, as the owner's device verified it.
fn in_force(at: &Moderating) -> Outcome<&SignedCharter> {
    let (_, current, _) = at.owned.as_ref().ok_or_else(|| {
        GroupsFailure::Conflict("only the group's owners propose and sign changes to its charter".into())
    })?;
    Ok(current.chain.last().ok_or(GroupError::Malformed { what: "charter" })?)
}
