//! Changing a charter across phones, for groups with several owners: one owner proposes a change and their
//! device writes a draft file (`charter propose … --out FILE`: the current charter, the proposed next version
//! and the signatures so far); each other owner's device checks it, shows what changes, and adds its signature
//! (`charter sign FILE`); an owner's device puts it in force once it carries a threshold of the old owners' and
//! of the new owners' signatures (`charter publish FILE`), checked exactly as members will check it. A handover
//! is one charter: the new owner in, the old one out — the new owner signs with their moderator key before
//! they own anything, and publishing gives a link sealed for them with the group's owner secrets.
//!
//! A draft holds no secret: charters are public to the group's members anyway. Removing an owner or a
//! publisher makes the proposed charter name the next mailbox write key, rotated when it is put in force.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};

use super::charter::{Charter, Moderator, Publisher, SignedCharter};
use super::charter_change::{PackAfterChange, next_charter, removes_someone};
use super::codec;
use super::device::Groups;
use super::error::{GroupError, Result};
use super::failure::{GroupsFailure, Outcome};
use super::handoff::Handoff;
use super::identity::{Identity, KeyCode};
use super::items::ItemKind;
use super::keys::GroupSecrets;
use super::moderation_rows;
use super::publishers::PublisherLink;
use super::secrets::{GroupKeys, name};
use crate::crypto::{self, SigningKey};
use crate::sync::transport::Transport;

/// The first line of every draft file.
pub const DRAFT_HEADER: &str = "mend charter draft v1";
const MAX_DRAFT_BYTES: usize = 256 * 1024;

/// A proposed charter change, as it travels between owners.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// The charter in force when the draft was made.
    pub previous: SignedCharter,
    /// The next version, with the signatures so far.
    pub proposed: SignedCharter,
}

/// What a proposal changes.
#[derive(Debug, Clone, Default)]
pub struct CharterChanges {
    pub name: Option<String>,
    pub description: Option<String>,
    /// New owners: a name and a moderator key code.
    pub add_owners: Vec<(String, String)>,
    /// Owners to remove: a key code or a name.
    pub remove_owners: Vec<String>,
    pub threshold: Option<u8>,
    /// New publishers: a name, a moderator key code and their scopes.
    pub add_publishers: Vec<(String, String, Vec<ItemKind>)>,
    /// Publishers to remove (not owners): a key code or a name.
    pub remove_publishers: Vec<String>,
}

/// Where a draft stands.
#[derive(Debug, Clone, Serialize)]
pub struct DraftStatus {
    pub group_id: String,
    pub version: u32,
    /// What the proposed version changes, in plain words (names are the moderators' own).
    pub changes: Vec<String>,
    /// Signatures of the current version's owners, and how many are needed.
    pub old_owners_signed: usize,
    pub old_threshold: u8,
    /// Signatures of the proposed version's owners, and how many are needed.
    pub new_owners_signed: usize,
    pub new_threshold: u8,
    /// Enough signatures to put it in force.
    pub ready: bool,
}

/// A charter change just put in force.
#[derive(Debug, Clone, Serialize)]
pub struct CharterPublished {
    pub group_id: String,
    pub version: u32,
    /// A link for each new owner, sealed for their key (they run `mend group accept LINK`); for every other
    /// owner too when an owner left (the owner secret is new).
    pub owner_links: Vec<PublisherLink>,
    /// A link for each new publisher, and for each publisher who remains when the write key was rotated.
    pub publisher_links: Vec<PublisherLink>,
    /// This device's key is no longer an owner (a handover): the group's keys were removed from it.
    pub handed_over: bool,
    /// The pack posted again under the new charter (`repost.rs`); after a handover the new owner posts it when
    /// they accept.
    pub pack: PackAfterChange,
}

impl Draft {
    /// The draft's file text.
    pub fn to_text(&self) -> String {
        format!("{DRAFT_HEADER}\n{}\n", URL_SAFE_NO_PAD.encode(codec::encode(self)))
    }

    /// Reads a draft file, refusing anything changed, cut short or inconsistent.
    pub fn from_text(text: &str) -> Result<Draft> {
        let bad = || GroupError::invalid("draft", "this is not a complete Mend charter draft; ask for the file again");
        let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
        if lines.next() != Some(DRAFT_HEADER) {
            return Err(bad());
        }
        let body = lines.next().ok_or_else(bad)?;
        if lines.next().is_some() {
            return Err(bad());
        }
        let bytes = URL_SAFE_NO_PAD.decode(body).map_err(|_| bad())?;
        let draft: Draft = codec::decode(&bytes, "draft", MAX_DRAFT_BYTES).map_err(|_| bad())?;
        let (previous, proposed) = (draft.previous.charter()?, draft.proposed.charter()?);
        if proposed.group_id != previous.group_id
            || previous.version.checked_add(1) != Some(proposed.version)
            || proposed.previous != Some(draft.previous.hash())
        {
            return Err(GroupError::refused("draft", "its proposed charter does not follow the one it names"));
        }
        draft.previous.verified_signers()?;
        draft.proposed.verified_signers()?;
        Ok(draft)
    }

    /// Where the draft stands.
    pub fn status(&self) -> Result<DraftStatus> {
        let (previous, proposed) = (self.previous.charter()?, self.proposed.charter()?);
        let signers = self.proposed.verified_signers()?;
        let count = |of: &Charter| of.owners.iter().filter(|o| signers.contains(&o.signing_key)).count();
        let (old, new) = (count(&previous), count(&proposed));
        Ok(DraftStatus {
            group_id: mend_protocol::hex::encode(&proposed.group_id),
            version: proposed.version,
            changes: changes(&previous, &proposed),
            old_owners_signed: old,
            old_threshold: previous.threshold,
            new_owners_signed: new,
            new_threshold: proposed.threshold,
            ready: old >= usize::from(previous.threshold) && new >= usize::from(proposed.threshold),
        })
    }
}

/// What `next` changes from `previous`, in plain words.
pub fn changes(previous: &Charter, next: &Charter) -> Vec<String> {
    let mut out = Vec::new();
    if previous.name != next.name {
        out.push(format!("name: \u{201c}{}\u{201d} becomes \u{201c}{}\u{201d}", previous.name, next.name));
    }
    if previous.description != next.description {
        // Quoted whole: members will read it as the group's words, so every owner who signs sees exactly what.
        out.push(format!("description becomes: \u{201c}{}\u{201d}", next.description));
    }
    for owner in next.owners.iter().filter(|o| !previous.is_owner(&o.signing_key)) {
        out.push(format!("new owner: {}", owner.name));
    }
    for owner in previous.owners.iter().filter(|o| !next.is_owner(&o.signing_key)) {
        out.push(format!("owner leaving: {}", owner.name));
    }
    if previous.threshold != next.threshold {
        out.push(format!("owners needed to sign a change: {} becomes {}", previous.threshold, next.threshold));
    }
    for publisher in next.publishers.iter().filter(|p| previous.publisher(&p.signing_key).is_none()) {
        out.push(format!("new publisher: {}", publisher.name));
    }
    for publisher in previous.publishers.iter().filter(|p| next.publisher(&p.signing_key).is_none()) {
        out.push(format!("publisher leaving: {}", publisher.name));
    }
    if previous.mailbox_write_key != next.mailbox_write_key {
        out.push("the group's write key changes (so those leaving can no longer post)".to_owned());
    }
    out.push(format!("valid until {}", next.expires_at.format("%-d %B %Y")));
    out
}

impl Groups<'_> {
    /// Proposes `changes` to the owned group `group`: the draft, signed by this device's owner key.
    pub async fn propose_charter(
        &self,
        transport: &dyn Transport,
        group: Option<&str>,
        changes: CharterChanges,
    ) -> Outcome<(Draft, DraftStatus)> {
        let (_, current, secrets) = self.owned_current(transport, group).await?;
        let previous = &current.trust.charter;
        let mut next = next_charter(&current, &secrets, self.core.clock.now());
        if let Some(name) = changes.name {
            next.name = name.trim().to_owned();
        }
        if let Some(description) = changes.description {
            next.description = description.trim().to_owned();
        }
        for (name, key) in &changes.add_owners {
            moderator_name(name, "add-owner")?;
            let code = KeyCode::parse(key)?;
            if next.is_owner(&code.signing) {
                return Err(GroupsFailure::Conflict("that key is already an owner of the group".into()));
            }
            next.owners.push(Moderator {
                name: name.trim().to_owned(),
                signing_key: code.signing,
                exchange_key: code.exchange,
            });
            // An owner publishes too, as the group's first owner does.
            if next.publisher(&code.signing).is_none() {
                next.publishers.push(Publisher {
                    name: name.trim().to_owned(),
                    signing_key: code.signing,
                    exchange_key: code.exchange,
                    scopes: ItemKind::ALL.to_vec(),
                });
            }
        }
        for who in &changes.remove_owners {
            let key = find_owner(&next, who)?;
            next.owners.retain(|o| o.signing_key != key);
            next.publishers.retain(|p| p.signing_key != key);
        }
        for (name, key, scopes) in &changes.add_publishers {
            moderator_name(name, "add-publisher")?;
            let code = KeyCode::parse(key)?;
            if next.publisher(&code.signing).is_some() {
                return Err(GroupsFailure::Conflict("that key is already a publisher of the group".into()));
            }
            next.publishers.push(Publisher {
                name: name.trim().to_owned(),
                signing_key: code.signing,
                exchange_key: code.exchange,
                scopes: scopes.clone(),
            });
        }
        for who in &changes.remove_publishers {
            let key = super::publishers::find_publisher(&next, who)?.signing_key;
            if next.is_owner(&key) {
                return Err(GroupsFailure::Conflict("an owner publishes as long as they own the group".into()));
            }
            next.publishers.retain(|p| p.signing_key != key);
        }
        next.threshold = changes.threshold.unwrap_or(next.threshold).min(next.owners.len().max(1) as u8);
        if changes.threshold.is_some_and(|t| usize::from(t) > next.owners.len()) {
            return Err(GroupError::invalid("threshold", "must be at most the number of owners").into());
        }
        let owner_leaves = previous.owners.iter().any(|o| !next.is_owner(&o.signing_key));
        if owner_leaves {
            // An owner who leaves knows the owner secret: the next write key derives from a new one, kept on this
            // device until the change is put in force here (and then sent to every remaining owner).
            let renewed = GroupSecrets {
                owner_secret: crypto::random(),
                write_generation: secrets.write_generation + 1,
                ..secrets.clone()
            };
            next.mailbox_write_key = renewed.write_key().public();
            GroupKeys::new(self.keys, next.group_id).set_pending(&renewed)?;
        } else if removes_someone(previous, &next) {
            let mut rotated = secrets.clone();
            next.mailbox_write_key = rotated.rotate_write_key().public();
        }
        let mut proposed = SignedCharter::new(&next)?;
        proposed.sign(&GroupKeys::new(self.keys, next.group_id).owner_signing()?);
        let draft = Draft { previous: current.chain.last().cloned().expect("a verified chain"), proposed };
        let status = draft.status()?;
        Ok((draft, status))
    }

    /// Adds this device's signature to a draft: the group's owner key if it owns the group, else its moderator
    /// key (a new owner signing a handover), which must be an owner of one of the two versions.
    pub fn sign_charter(&self, draft: &mut Draft) -> Outcome<DraftStatus> {
        let (previous, proposed) = (draft.previous.charter()?, draft.proposed.charter()?);
        let key = self.signing_key_for(&previous, &proposed)?;
        draft.proposed.sign(&key);
        Ok(draft.status()?)
    }

    fn signing_key_for(&self, previous: &Charter, proposed: &Charter) -> Outcome<SigningKey> {
        let mine = |key: &SigningKey| previous.is_owner(&key.public()) || proposed.is_owner(&key.public());
        if let Ok(key) = GroupKeys::new(self.keys, proposed.group_id).owner_signing()
            && mine(&key)
        {
            return Ok(key);
        }
        match Identity::load(self.keys)? {
            Some(identity) if mine(&identity.signing) => Ok(identity.signing),
            _ => Err(GroupsFailure::Conflict(
                "this device's keys are not an owner of this group, before or after the change".into(),
            )),
        }
    }

    /// Puts a fully signed draft in force on its group (owned by this device).
    pub async fn publish_charter(&self, transport: &dyn Transport, draft: &Draft) -> Outcome<CharterPublished> {
        let group_id = mend_protocol::hex::encode(&draft.proposed.charter()?.group_id);
        let (row, current, _) = self.owned_current(transport, Some(&group_id)).await?;
        if draft.previous.hash() != current.trust.charter_hash {
            return Err(GroupsFailure::Conflict(
                "the group's charter has changed since this draft was made: propose the change again".into(),
            ));
        }
        let previous = current.trust.charter.clone();
        let keys = GroupKeys::new(self.keys, previous.group_id);
        let me = keys.owner_signing()?.public();
        let before = keys.secrets()?.owner_secret;
        let (secrets, pack) = self.put_charter(transport, &row, &current, &draft.proposed).await?;
        // A new owner secret (an owner left) goes to every owner who remains; otherwise only new owners get one.
        let renewed = secrets.owner_secret != before;
        let next = draft.proposed.charter()?;
        let root = current.chain[0].hash();
        // A private group's new owners get its intake key, so their invite stays the private link.
        let intake = self.core.store.read(|conn| Ok(super::private_rows::owned_intake(conn, &row.group_id)?))?;
        let owner_links = next
            .owners
            .iter()
            .filter(|o| o.signing_key != me && (renewed || !previous.is_owner(&o.signing_key)))
            .map(|o| {
                Ok(PublisherLink {
                    name: o.name.clone(),
                    link: Handoff::owner(&row.server, root, &secrets, intake).seal(&o.exchange_key)?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let rotated = previous.mailbox_write_key != next.mailbox_write_key;
        let publisher_links = next
            .publishers
            .iter()
            .filter(|p| !next.is_owner(&p.signing_key))
            .filter(|p| rotated || previous.publisher(&p.signing_key).is_none())
            .map(|p| {
                Ok(PublisherLink {
                    name: p.name.clone(),
                    link: Handoff::publisher(&row.server, root, &secrets).seal(&p.exchange_key)?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let handed_over = !next.is_owner(&me);
        if handed_over {
            self.core.store.write(|tx| Ok(moderation_rows::remove_owned(tx, &row.group_id)?))?;
            for kind in ["secrets", "owner-signing", "owner-exchange"] {
                self.keys.set(&name(kind, &next.group_id), &[])?;
            }
        }
        Ok(CharterPublished {
            group_id: row.group_id,
            version: next.version,
            owner_links,
            publisher_links,
            handed_over,
            pack,
        })
    }
}

/// Checks the name other moderators will know a new owner or publisher by (`field` names the option).
fn moderator_name(name: &str, field: &str) -> Result<()> {
    let length = name.trim().chars().count();
    if (1..=100).contains(&length) {
        Ok(())
    } else {
        Err(GroupError::invalid(field, "the name must be 1-100 characters"))
    }
}

/// The signing key of the owner `who` names in `charter`: a key code, or a name (ignoring case) only one has.
fn find_owner(charter: &Charter, who: &str) -> Outcome<[u8; 32]> {
    if let Ok(code) = KeyCode::parse(who) {
        return if charter.is_owner(&code.signing) {
            Ok(code.signing)
        } else {
            Err(GroupsFailure::NotFound("no owner of the group has this key".into()))
        };
    }
    let named: Vec<&Moderator> =
        charter.owners.iter().filter(|o| o.name.to_lowercase() == who.trim().to_lowercase()).collect();
    match named.as_slice() {
        [one] => Ok(one.signing_key),
        [] => {
            Err(GroupsFailure::NotFound("no owner of the group has that key or name (see the group's charter)".into()))
        }
        _ => Err(GroupsFailure::NotFound("more than one owner has that name: give their key".into())),
    }
}
