//! This device's groups: [`Groups`] is the entry point the apps and the CLI use (from `Mend::groups`), over the
//! journal and a [`KeyStore`]. The owner's flow is in [`super::owner`], the member's in [`super::member`]; here
//! are what both share: listing the groups, reading a joined group's items, and finding a group by id or name.

use serde::Serialize;

use super::failure::{GroupsFailure, Outcome};
use super::items::Item;
use super::local::{self, JoinedRow, OwnedRow};
use crate::mend::Core;
use crate::sync::keystore::KeyStore;

/// Support groups on this device.
pub struct Groups<'a> {
    pub(crate) core: &'a Core,
    pub(crate) keys: &'a dyn KeyStore,
    /// Sync's key store, when the person's memberships follow them to their other devices
    /// ([`Groups::with_account`]; `super::memberships`).
    pub(crate) account: Option<&'a dyn KeyStore>,
}

/// Whether this device moderates a group or joined it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Owner,
    /// Publishes to a group an owner added this device's moderator key to (`groups_publishing`).
    Publisher,
    Member,
}

/// A group as `list` shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroupSummary {
    /// The group's id (hex).
    pub id: String,
    pub role: Role,
    /// The name, description, language and region from the group's charter (the moderators' words).
    pub name: String,
    pub description: String,
    pub language: String,
    pub region: String,
    pub server: String,
    /// The newest pack published (owner) or verified (member); 0 before the first.
    pub pack_sequence: u64,
    /// The charter version in force.
    pub charter_version: u32,
    /// How many items a member sees (withdrawn ones left out); for an owner, 0.
    pub items: usize,
    /// An owned group with one owner and no backup: losing this device would orphan it (`mend group backup`).
    pub needs_backup: bool,
    /// A private group: members ask to join and moderators approve each request (migration 0029).
    pub private: bool,
    /// This member was removed from the private group: what was verified stays, and nothing newer is fetched.
    pub removed: bool,
}

/// An item of a joined group, with the group it is from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupItem {
    pub group_id: String,
    /// Shown as "from <group>": the group's words, never Mend's.
    pub group_name: String,
    pub item: Item,
}

impl<'a> Groups<'a> {
    pub(crate) fn new(core: &'a Core, keys: &'a dyn KeyStore) -> Groups<'a> {
        Groups { core, keys, account: None }
    }

    /// These groups with sync's key store (`account`): joining and leaving then write the person's membership rows,
    /// which sync carries to their other devices, and a refresh takes up or leaves what those rows say
    /// (`super::membership_sync`). Without it (or before sync is set up) memberships stay on this device.
    pub fn with_account(mut self, account: &'a dyn KeyStore) -> Groups<'a> {
        self.account = Some(account);
        self
    }

    /// The key memberships are sealed under, when this device has an account.
    pub(crate) fn membership_key(&self) -> Outcome<Option<super::memberships::MembershipKey>> {
        match self.account {
            Some(store) => super::memberships::MembershipKey::from_account(store),
            None => Ok(None),
        }
    }

    /// Whether joining and leaving here reach the person's other devices (this device has an account): what
    /// leaving asks about the reminders made from a group's meetings depends on it, since each device removes the
    /// ones it made.
    pub fn follows_the_person(&self) -> Outcome<bool> {
        Ok(self.membership_key()?.is_some())
    }

    pub(crate) fn now_ms(&self) -> i64 {
        self.core.clock.now().timestamp_millis()
    }

    /// Every group on this device: the ones it owns, the ones it publishes to, then the ones it joined.
    pub fn list(&self) -> Outcome<Vec<GroupSummary>> {
        let (owned, publishing, joined, backed_up, private, removed) = self.core.store.read(|conn| {
            Ok((
                local::owned(conn)?,
                super::moderation_rows::publishing(conn)?,
                local::joined(conn)?,
                local::backed_up(conn)?,
                super::private_rows::private_ids(conn)?,
                super::private_rows::removed_ids(conn)?,
            ))
        })?;
        let mut out: Vec<GroupSummary> =
            owned.iter().filter_map(|row| owned_summary(row, Role::Owner, backed_up.contains(&row.group_id))).collect();
        // A publisher holds no owner secret to back up.
        out.extend(publishing.iter().filter_map(|row| owned_summary(row, Role::Publisher, true)));
        out.extend(joined.iter().map(joined_summary));
        for summary in &mut out {
            summary.private = private.contains(&summary.id);
            summary.removed = summary.role == Role::Member && removed.contains(&summary.id);
        }
        Ok(out)
    }

    /// The items members see of one joined group (`group`: its id or name), or of every joined group; withdrawn
    /// items are left out.
    pub fn items(&self, group: Option<&str>) -> Outcome<Vec<GroupItem>> {
        let joined = self.core.store.read(|conn| Ok(local::joined(conn)?))?;
        let chosen: Vec<&JoinedRow> = match group {
            Some(wanted) => vec![find(&joined, wanted, |r| (&r.group_id, &r.trust.charter.name))?],
            None => joined.iter().collect(),
        };
        Ok(chosen
            .into_iter()
            .flat_map(|row| {
                row.items.iter().filter(|i| !i.withdrawn).map(|item| GroupItem {
                    group_id: row.group_id.clone(),
                    group_name: row.trust.charter.name.clone(),
                    item: item.clone(),
                })
            })
            .collect())
    }

    /// The owned group `group` names (its id or name), or the only one when `None`.
    pub(crate) fn owned_group(&self, group: Option<&str>) -> Outcome<OwnedRow> {
        let owned = self.core.store.read(|conn| Ok(local::owned(conn)?))?;
        let name = |row: &OwnedRow| row.charters.last().and_then(|c| c.charter().ok()).map(|c| c.name);
        match group {
            Some(wanted) => {
                let named: Vec<(String, String, &OwnedRow)> =
                    owned.iter().map(|r| (r.group_id.clone(), name(r).unwrap_or_default(), r)).collect();
                let found = find(&named, wanted, |(id, name, _)| (id, name))?;
                Ok(found.2.clone())
            }
            None => match owned.as_slice() {
                [one] => Ok(one.clone()),
                [] => Err(GroupsFailure::NotFound("this device does not moderate a group yet".into())),
                _ => Err(GroupsFailure::NotFound(
                    "this device moderates more than one group: say which, by its id or name".into(),
                )),
            },
        }
    }
}

/// The one row whose id is `wanted`, or whose name is `wanted` (ignoring case) when only one has it.
pub(crate) fn find<'r, T>(rows: &'r [T], wanted: &str, key: impl Fn(&T) -> (&String, &String)) -> Outcome<&'r T> {
    let wanted = wanted.trim();
    if let Some(row) = rows.iter().find(|r| key(r).0 == wanted) {
        return Ok(row);
    }
    let named: Vec<&T> = rows.iter().filter(|r| key(r).1.to_lowercase() == wanted.to_lowercase()).collect();
    match named.as_slice() {
        [one] => Ok(one),
        [] => Err(GroupsFailure::NotFound(
            "no group on this device has that id or name (see the list of your groups)".into(),
        )),
        _ => Err(GroupsFailure::NotFound("more than one group has that name: say which by its id".into())),
    }
}

fn owned_summary(row: &OwnedRow, role: Role, backed_up: bool) -> Option<GroupSummary> {
    let charter = row.charters.last()?.charter().ok()?;
    Some(GroupSummary {
        id: row.group_id.clone(),
        role,
        name: charter.name,
        description: charter.description,
        language: charter.language,
        region: charter.region,
        server: row.server.clone(),
        pack_sequence: row.pack_sequence,
        charter_version: charter.version,
        items: 0,
        needs_backup: charter.owners.len() == 1 && !backed_up,
        private: false,
        removed: false,
    })
}

fn joined_summary(row: &JoinedRow) -> GroupSummary {
    let charter = &row.trust.charter;
    GroupSummary {
        id: row.group_id.clone(),
        role: Role::Member,
        name: charter.name.clone(),
        description: charter.description.clone(),
        language: charter.language.clone(),
        region: charter.region.clone(),
        server: row.server.clone(),
        pack_sequence: row.trust.pack_sequence,
        charter_version: charter.version,
        items: row.items.iter().filter(|i| !i.withdrawn).count(),
        needs_backup: false,
        private: false,
        removed: false,
    }
}
