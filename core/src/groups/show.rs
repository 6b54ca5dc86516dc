//! `show`: one group as its charter describes it, for owners, publishers and members alike — its name,
//! description, language and region (the moderators' words, which the CLI escapes like everything from the
//! network), the charter's version, owners and threshold, publishers with their scopes, when it expires and
//! whether that has frozen the group, and the newest pack sequence this device knows. Read from this device's
//! journal (the verified state), never the network.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::charter::Charter;
use super::device::{Groups, find};
use super::error::GroupError;
use super::failure::{GroupsFailure, Outcome};
use super::identity::{Identity, KeyCode};
use super::items::ItemKind;
use super::local;
use super::moderation_rows;

/// How this device takes part in a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    Owner,
    Publisher,
    Member,
}

/// An owner as `show` lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ShownOwner {
    pub name: String,
    /// Their moderator key code (`mend-key:…`).
    pub key: String,
    /// Whether this is this device's key.
    pub you: bool,
}

/// A publisher as `show` lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ShownPublisher {
    pub name: String,
    pub key: String,
    pub scopes: Vec<ItemKind>,
    pub you: bool,
}

/// One group, as its newest verified charter describes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroupDetails {
    pub id: String,
    pub part: Part,
    pub server: String,
    pub name: String,
    pub description: String,
    pub language: String,
    pub region: String,
    pub charter_version: u32,
    pub owners: Vec<ShownOwner>,
    /// How many owners must sign a charter change.
    pub threshold: u8,
    pub publishers: Vec<ShownPublisher>,
    pub expires_at: DateTime<Utc>,
    /// The charter has expired: members keep what was verified and accept nothing newer.
    pub frozen: bool,
    /// The newest pack published (owner, publisher) or verified (member); 0 before the first.
    pub pack_sequence: u64,
    /// A private group: members ask to join and moderators approve each request (migration 0029).
    pub private: bool,
}

impl Groups<'_> {
    /// The group `group` names (its id or name), or the only group on this device when `None`.
    pub fn show(&self, group: Option<&str>) -> Outcome<GroupDetails> {
        let (owned, publishing, joined) = self
            .core
            .store
            .read(|conn| Ok((local::owned(conn)?, moderation_rows::publishing(conn)?, local::joined(conn)?)))?;
        let mut all: Vec<(String, String, Part, String, Charter, u64)> = Vec::new();
        for (rows, part) in [(&owned, Part::Owner), (&publishing, Part::Publisher)] {
            for row in rows {
                let charter = row.charters.last().ok_or(GroupError::Malformed { what: "charter" })?.charter()?;
                all.push((
                    row.group_id.clone(),
                    charter.name.clone(),
                    part,
                    row.server.clone(),
                    charter,
                    row.pack_sequence,
                ));
            }
        }
        for row in &joined {
            let charter = row.trust.charter.clone();
            all.push((
                row.group_id.clone(),
                charter.name.clone(),
                Part::Member,
                row.server.clone(),
                charter,
                row.trust.pack_sequence,
            ));
        }
        let chosen = match group {
            Some(wanted) => find(&all, wanted, |(id, name, ..)| (id, name))?,
            None => match all.as_slice() {
                [one] => one,
                [] => return Err(GroupsFailure::NotFound("there are no groups on this device yet".into())),
                _ => {
                    return Err(GroupsFailure::NotFound(
                        "there is more than one group on this device: say which, by its id or name".into(),
                    ));
                }
            },
        };
        let (id, _, part, server, charter, pack_sequence) = chosen.clone();
        let private = self.core.store.read(|conn| Ok(super::private_rows::private_ids(conn)?))?.contains(&id);
        let me = Identity::load(self.keys)?.map(|i| i.signing.public());
        let owner_key = (part == Part::Owner)
            .then(|| super::secrets::GroupKeys::new(self.keys, charter.group_id).owner_signing().ok())
            .flatten()
            .map(|k| k.public());
        let you = |key: &[u8; 32]| me.as_ref() == Some(key) || owner_key.as_ref() == Some(key);
        let code = |signing, exchange| KeyCode { signing, exchange }.code();
        Ok(GroupDetails {
            id,
            part,
            server,
            owners: charter
                .owners
                .iter()
                .map(|o| ShownOwner {
                    name: o.name.clone(),
                    key: code(o.signing_key, o.exchange_key),
                    you: you(&o.signing_key),
                })
                .collect(),
            publishers: charter
                .publishers
                .iter()
                .map(|p| ShownPublisher {
                    name: p.name.clone(),
                    key: code(p.signing_key, p.exchange_key),
                    scopes: p.scopes.clone(),
                    you: you(&p.signing_key),
                })
                .collect(),
            frozen: self.core.clock.now() >= charter.expires_at,
            name: charter.name,
            description: charter.description,
            language: charter.language,
            region: charter.region,
            charter_version: charter.version,
            threshold: charter.threshold,
            expires_at: charter.expires_at,
            pack_sequence,
            private,
        })
    }
}
