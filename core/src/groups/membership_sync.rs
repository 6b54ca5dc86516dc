//! Following the person's membership rows (`super::memberships`) on this device: [`Groups::reconcile`] runs at
//! the start of every refresh ([`Groups::refresh_with_account`]: at open and every 6 hours), after sync has
//! brought the rows, and [`Groups::settle`] is its part without the network (the CLI runs it around
//! `mend sync now`).
//!
//! - A row this device has not taken up: its sealed blob is opened (a changed one is refused naming the field,
//!   and nothing is stored), then the group is fetched and verified from the pinned charter version 1 exactly as
//!   joining from the link does; the row's keys are trusted for nothing else.
//! - A row marked left later than the version this device's copy agrees with (`row_seen`, migration 0028: the
//!   row's own versions, never two devices' clocks): the group is left here — its row, items, shelf
//!   entries, the person's Library states of its articles and its meetings' links to reminders, then its read
//!   key. The reminders made here from its meetings go only if the person said yes where they were asked (the
//!   row's role carries the answer); no device decides that on its own.
//! - A group joined here with no row (joined before sync was set up) gets its row, so the person's other
//!   devices take it up; one joined here after another device's deletion (only a moderator's row is ever
//!   deleted) gets a member's row back; a member's row that does not open under this account's key (sealed
//!   under an earlier account's) is sealed again.
//! - Owners likewise: a group owned here with no row (created here: the row comes at the next sync or refresh)
//!   gets one sealing a backup's inner payload; another device takes it up exactly as a restore does; a group
//!   handed over on another device (its row deleted) is forgotten here, keys and all. When the group's keys are
//!   renewed (a publisher removed rotates the write key; an owner leaving renews the owner secret), the device
//!   where it happened seals them into the row and the others take them from it, by what changed since they last
//!   agreed (a digest kept in the key store).
//! - A joined private group gets no member's row (which would seal an open invite carrying its read key): the
//!   person's other devices do not follow it, and each asks to join it on its own. An owned private group's row
//!   carries its intake key (`backup.rs`), so the group stays private on every device that takes it up.
//! - Publishers: `membership_publishing.rs`.

use serde::Serialize;

use super::device::Groups;
use super::error::GroupError;
use super::failure::{GroupsFailure, Outcome};
use super::follows;
use super::invite::Invite;
use super::local;
use super::member::{Joined, Refreshed};
use super::memberships::{self, MembershipKey, MembershipRole};
use super::private_rows;
use super::secrets::{GroupKeys, owner_digest};
use crate::observe::Change;
use crate::sync::transport::Transport;

/// The read key's epoch an open group's invite carries (`owner.rs`), for a row written for a group joined
/// before sync was set up.
const OPEN_GROUP_EPOCH: u32 = 1;

/// What following the membership rows did on this device.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Reconciled {
    /// Groups joined on another of the person's devices, now joined here too.
    pub taken_up: Vec<Joined>,
    /// Groups the person owns, from another of their devices: now moderated here too (their names).
    pub owned: Vec<String>,
    /// Groups the person publishes to, from another of their devices: now published to from here too.
    pub publishing: Vec<String>,
    /// Groups left (or handed over) on another device, left here (their names).
    pub left: Vec<String>,
    /// Reminders made here from the meetings of groups left elsewhere, removed because the person said so there.
    pub reminders_removed: usize,
    /// Rows not taken up, and why (nothing of theirs was stored).
    pub not_taken_up: Vec<NotTakenUp>,
    /// Rows written for groups joined or owned here (before sync was set up, created here, after another device
    /// left them, or with keys renewed here).
    pub recorded: usize,
    /// Owned groups whose keys were renewed on another device and taken from their row here.
    pub renewed: usize,
}

/// A membership row this device could not take up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NotTakenUp {
    /// The group's id (hex): its name is unknown until it verifies.
    pub id: String,
    pub reason: String,
}

/// What a group not taken up from another device's membership is called (its name is unknown until it verifies).
pub const ON_ANOTHER_DEVICE: &str = "a group you joined on another device";

impl Groups<'_> {
    /// [`Groups::reconcile`], then [`Groups::refresh`]: what the person did on their other devices first (groups
    /// joined there taken up here, groups left there left here), then every joined group's news. A row not taken
    /// up is reported as refused, named [`ON_ANOTHER_DEVICE`]. (Apart from `refresh`, so a caller without the
    /// account's keys — the phone library today — carries none of this.)
    pub async fn refresh_with_account(&self, transport: &dyn Transport) -> Outcome<Vec<Refreshed>> {
        let reconciled = self.reconcile(transport).await?;
        let mut out: Vec<Refreshed> = reconciled
            .not_taken_up
            .into_iter()
            .map(|n| Refreshed::Refused { id: n.id, name: ON_ANOTHER_DEVICE.into(), reason: n.reason })
            .collect();
        out.extend(self.refresh(transport).await?);
        Ok(out)
    }

    /// Follows the membership rows (see the module documentation). Without an account on this device there are
    /// none to follow, and nothing is done.
    pub async fn reconcile(&self, transport: &dyn Transport) -> Outcome<Reconciled> {
        let Some(key) = self.membership_key()? else { return Ok(Reconciled::default()) };
        let mut out = self.settle_with(&key)?;
        let (rows, joined, owned, publishing) = self.core.store.read(|conn| {
            Ok((
                memberships::all(conn)?,
                local::joined(conn)?,
                local::owned(conn)?,
                super::moderation_rows::publishing(conn)?,
            ))
        })?;
        for stored in rows.iter().filter(|s| !s.deleted) {
            let row = &stored.row;
            let here = joined.iter().any(|j| j.group_id == row.group_id)
                || owned.iter().chain(&publishing).any(|o| o.group_id == row.group_id);
            if here {
                continue;
            }
            let taken = match MembershipRole::parse(&row.role) {
                Some(MembershipRole::Member) => match memberships::open_member(&key, row) {
                    Ok(invite) => self.join_invite(transport, &invite, Some(row), None).await.map(Some),
                    Err(error) => Err(error),
                },
                // As a restore is: the chain checked from its version 1, the owner key still an owner.
                Some(MembershipRole::Owner) => memberships::open_owner(&key, row)
                    .and_then(|opened| {
                        let restored = self.keep_opened(&opened, false, None)?;
                        self.core.store.write(|tx| {
                            Ok(memberships::mark_seen(tx, &row.group_id, MembershipRole::Owner, row.updated_at)?)
                        })?;
                        let digest = owner_digest(&opened.owner, &opened.owner_exchange, &opened.secrets);
                        GroupKeys::new(self.keys, opened.group_id).set_membership_seen(&digest)?;
                        Ok(restored)
                    })
                    .map(|restored| {
                        out.owned.push(restored.name);
                        None
                    }),
                Some(MembershipRole::Publisher) => self.take_up_publisher(transport, &key, row).await.map(|name| {
                    out.publishing.push(name);
                    None
                }),
                Some(MembershipRole::Left | MembershipRole::LeftRemovingReminders) => continue,
                None => Err(GroupError::invalid(
                    "group_memberships.role",
                    "is a role this version of Mend does not know; update Mend",
                )
                .into()),
            };
            match taken {
                Ok(joined) => out.taken_up.extend(joined),
                Err(error) => out.not_taken_up.push(NotTakenUp { id: row.group_id.clone(), reason: reason(&error) }),
            }
        }
        Ok(out)
    }

    /// The part of [`Groups::reconcile`] that needs no network: leaving here what was left elsewhere, and
    /// writing the rows of groups joined here that have none.
    pub fn settle(&self) -> Outcome<Reconciled> {
        match self.membership_key()? {
            Some(key) => self.settle_with(&key),
            None => Ok(Reconciled::default()),
        }
    }

    fn settle_with(&self, key: &MembershipKey) -> Outcome<Reconciled> {
        let mut out = Reconciled::default();
        let (rows, joined, private) = self
            .core
            .store
            .read(|conn| Ok((memberships::all(conn)?, local::joined(conn)?, private_rows::private_ids(conn)?)))?;
        for group in &joined {
            // A joined private group gets no row: a member's row seals an open invite, and one carrying the read
            // key would let the person's other devices (and anything built on the row) treat it as open. Its
            // other devices ask to join it themselves (a limit, for now).
            if private.contains(&group.group_id) {
                continue;
            }
            let row = rows.iter().find(|r| r.row.group_id == group.group_id);
            match row {
                // A moderator's row, or a member's this account's key opens: nothing to do.
                Some(stored)
                    if !stored.deleted
                        && !left(&stored.row)
                        && (memberships::moderator(&stored.row)
                            || memberships::open_member(key, &stored.row).is_ok()) =>
                {
                    continue;
                }
                // One it does not open was sealed under an earlier account's key (sync turned off, then another
                // account): sealed again, below.
                Some(stored) if !stored.deleted && !left(&stored.row) => {}
                // Left elsewhere after this device joined (by the row's versions, not the devices' clocks): left
                // here. Left before this device joined again: the person is in the group, and the row says so.
                Some(stored) if !stored.deleted => {
                    let leave = self
                        .core
                        .store
                        .read(|conn| Ok(memberships::newer_than_seen(conn, stored, MembershipRole::Member)?))?;
                    if leave {
                        let remove =
                            MembershipRole::parse(&stored.row.role) == Some(MembershipRole::LeftRemovingReminders);
                        out.reminders_removed += self.leave_here(&group.group_id, remove)?;
                        out.left.push(group.trust.charter.name.clone());
                        continue;
                    }
                }
                // No row (joined before sync was set up), or a deletion (only a moderator's row is ever deleted,
                // which says nothing of a member's joining): the person is in the group.
                _ => {}
            }
            // A group whose key is missing here cannot be sealed for the others (its refresh says so).
            let Some(read_key) = unless_missing(GroupKeys::new(self.keys, group.trust.group_id()).read_key())? else {
                continue;
            };
            let invite = Invite {
                server: group.server.clone(),
                charter_hash: group.trust.pinned,
                epoch: OPEN_GROUP_EPOCH,
                read_key: *read_key,
            };
            let now = self.core.clock.now();
            // Decided on the rows as read above: if sync brought a newer row meanwhile, the next settle decides.
            let written = self.core.store.write(|tx| {
                if !unchanged(tx, &group.group_id, row)? {
                    return Ok(false);
                }
                Ok(memberships::record_member(tx, key, &group.group_id, &invite, now)?)
            })?;
            if written {
                out.recorded += 1;
            }
        }
        self.settle_owned(key, &rows, &mut out)?;
        self.settle_publishing(key, &rows, &mut out)?;
        Ok(out)
    }

    /// [`Groups::settle`] for the groups this device owns: one handed over on another device is forgotten here;
    /// one with no row (created here, or before sync was set up) gets its row.
    fn settle_owned(&self, key: &MembershipKey, rows: &[memberships::Stored], out: &mut Reconciled) -> Outcome<()> {
        let owned = self.core.store.read(|conn| Ok(local::owned(conn)?))?;
        for group in &owned {
            let row = rows.iter().find(|r| r.row.group_id == group.group_id);
            let handed_over = match row {
                Some(stored) if stored.deleted => self
                    .core
                    .store
                    .read(|conn| Ok(memberships::newer_than_seen(conn, stored, MembershipRole::Owner)?))?,
                _ => false,
            };
            match row {
                Some(stored) if !stored.deleted => {
                    if stored.row.role == memberships::OWNER {
                        unless_missing(self.follow_owner_row(key, group, &stored.row, out))?;
                    }
                }
                Some(_) if handed_over => {
                    let newest = group.charters.last().ok_or(GroupError::Malformed { what: "charter" })?.charter()?;
                    self.core.store.write(|tx| Ok(super::moderation_rows::remove_owned(tx, &group.group_id)?))?;
                    GroupKeys::new(self.keys, newest.group_id).forget_owner()?;
                    out.left.push(newest.name);
                }
                _ => {
                    if unless_missing(self.seal_owner_row(key, group))?.is_some() {
                        out.recorded += 1;
                    }
                }
            }
        }
        Ok(())
    }

    /// Writes the owner row of `group` from this device's keys, and records that they agree.
    fn seal_owner_row(&self, key: &MembershipKey, group: &local::OwnedRow) -> Outcome<()> {
        let payload = self.owner_payload(group)?;
        let now = self.core.clock.now();
        self.core
            .store
            .write(|tx| Ok(memberships::record_owner(tx, key, &group.group_id, &group.server, &payload, now)?))?;
        let newest = group.charters.last().ok_or(GroupError::Malformed { what: "charter" })?.charter()?;
        let keys = GroupKeys::new(self.keys, newest.group_id);
        keys.set_membership_seen(&keys.owner_digest()?)
    }

    /// Keeps an owned group's keys and its owner row in step, by what changed since they last agreed: keys
    /// renewed here (a publisher removed, an owner's leaving) are sealed into the row; keys renewed on another
    /// device are taken from the row (with its longer charter chain); when both changed, the row wins unless
    /// its write generation is older than this device's, which it never goes back to. A row that does not open
    /// is left as it is.
    fn follow_owner_row(
        &self,
        key: &MembershipKey,
        group: &local::OwnedRow,
        row: &memberships::Membership,
        out: &mut Reconciled,
    ) -> Outcome<()> {
        let Ok(opened) = memberships::open_owner(key, row) else {
            // Sealed under an earlier account's key (sync turned off, then another account): sealed again.
            self.seal_owner_row(key, group)?;
            out.recorded += 1;
            return Ok(());
        };
        // A private group stays private: a row that says so marks it here too (taken up before the row carried
        // its intake key); a row sealed before it carried one is sealed again, below, with this device's.
        let intake = self.core.store.read(|conn| Ok(private_rows::owned_intake(conn, &group.group_id)?))?;
        if let (None, Some(intake_public)) = (intake, opened.intake_public) {
            self.core.store.write(|tx| Ok(private_rows::set_owned_intake(tx, &group.group_id, &intake_public)?))?;
        }
        let keys = GroupKeys::new(self.keys, opened.group_id);
        let here = keys.owner_digest()?;
        let there = owner_digest(&opened.owner, &opened.owner_exchange, &opened.secrets);
        let seen = keys.membership_seen()?;
        if here == there {
            if intake.is_some() && opened.intake_public.is_none() {
                self.seal_owner_row(key, group)?;
                out.recorded += 1;
                return Ok(());
            }
            if seen != Some(here) {
                keys.set_membership_seen(&here)?;
            }
            return Ok(());
        }
        // Never back to an older write generation than this device holds, whatever the row says.
        let newer = opened.secrets.write_generation >= keys.secrets()?.write_generation;
        let take_row = newer
            && match seen {
                Some(seen) if seen == here => true,
                Some(seen) if seen == there => false,
                _ => true,
            };
        if !take_row {
            self.seal_owner_row(key, group)?;
            out.recorded += 1;
            return Ok(());
        }
        keys.set_owner(&opened.owner, &opened.owner_exchange, &opened.secrets)?;
        self.core.store.write(|tx| {
            super::moderation_rows::set_owned_charters(tx, &group.group_id, &opened.charters)?;
            Ok(memberships::mark_seen(tx, &group.group_id, MembershipRole::Owner, row.updated_at)?)
        })?;
        keys.set_membership_seen(&there)?;
        out.renewed += 1;
        Ok(())
    }

    /// Leaves a joined group because the person left it on another device: as [`Groups::leave_with`], with the
    /// answer they gave there (`remove_reminders`: the reminders this device made from its meetings go too) and
    /// without writing the membership row (it came from there). Gives how many reminders were removed.
    fn leave_here(&self, group_id: &str, remove_reminders: bool) -> Outcome<usize> {
        let Some(row) = self.core.store.read(|conn| Ok(local::joined_one(conn, group_id)?))? else { return Ok(0) };
        let now = self.core.clock.now();
        let removed = self.core.store.write_person(|tx, _| {
            local::remove_joined(tx, group_id)?;
            local::forget_library_states(tx, group_id, now)?;
            let mut removed = 0;
            if remove_reminders {
                for follow in follows::live(tx, group_id)? {
                    removed += crate::reminders::manage::delete_in(tx, &follow.reminder_guid, now)?;
                }
            }
            follows::remove_group(tx, group_id)?;
            Ok(removed)
        })?;
        if removed > 0 {
            self.core.store.scrub()?;
            self.core.notify(&[Change::Library, Change::Reminders]);
        } else {
            self.core.notify(&[Change::Library]);
        }
        GroupKeys::new(self.keys, row.trust.group_id()).forget_read_key()?;
        Ok(removed)
    }
}

/// `None` for a key this device does not hold (a group it cannot seal or follow: the others keep what they
/// have), the result otherwise: a missing key never stops a sync or a refresh.
pub(super) fn unless_missing<T>(result: Outcome<T>) -> Outcome<Option<T>> {
    match result {
        Ok(value) => Ok(Some(value)),
        Err(GroupsFailure::KeysMissing(_)) => Ok(None),
        Err(other) => Err(other),
    }
}

/// Whether the row of `group_id` is still as `before` was read (none, or the same version, deleted or not).
fn unchanged(
    tx: &rusqlite::Connection,
    group_id: &str,
    before: Option<&memberships::Stored>,
) -> rusqlite::Result<bool> {
    let now = memberships::one(tx, group_id)?;
    Ok(match (before, now) {
        (None, None) => true,
        (Some(before), Some(now)) => before.deleted == now.deleted && before.row.updated_at == now.row.updated_at,
        _ => false,
    })
}

/// Whether a member's row says the person left the group.
fn left(row: &memberships::Membership) -> bool {
    matches!(MembershipRole::parse(&row.role), Some(MembershipRole::Left | MembershipRole::LeftRemovingReminders))
}

/// Why a row was not taken up, in the words of its failure (never a key or the group's content).
fn reason(error: &GroupsFailure) -> String {
    error.to_string()
}
