//! Following a joined group's meeting as a reminder: [`Groups::follow`] makes a reminder (kind
//! `group_meeting`) with the meeting's own rule, start and wall-clock time **in the meeting's zone**, so it
//! fires when the meeting starts wherever the member is (19:00 in London is 14:00 in New York, and 15:00 in the
//! fortnight of 2027 when the United States has changed its clocks and the United Kingdom has not). The reminder
//! and its link to the meeting (`group_follows`) are written in one transaction; the link lets leaving the group
//! offer to remove the reminder. [`Groups::meeting`] finds a meeting by group and item (also for `.ics`).
//!
//! When a newer pack changes a followed meeting, [`track`] (run by refresh, in the pack's own write) carries the
//! change to its reminder — a new time, rule, zone or title — or pauses it when the meeting is cancelled,
//! withdrawn or gone; but only while the reminder is still as Mend made it from the old meeting: a reminder the
//! person has changed is theirs, and left alone.

use serde::Serialize;

use super::device::{GroupItem, Groups, find};
use super::failure::{GroupsFailure, Outcome};
use super::follows;
use super::items::{Item, ItemBody, Meeting};
use super::local::{self, JoinedRow};
use crate::observe::Change;
use crate::reminders::validate::{self, TITLE_MAX_CHARS};
use crate::reminders::{NewReminder, Reminder, ReminderKind, Schedule, TimeOfDay};

/// A meeting just followed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Followed {
    pub group_id: String,
    /// Shown as "from <group>".
    pub group_name: String,
    pub item_id: String,
    /// The reminder made from it (its zone is the meeting's).
    pub reminder: Reminder,
}

/// The reminder a meeting makes: its title, its rule (or once, for a single meeting) from its first start, at
/// its start time, in its own zone.
pub fn reminder_for(meeting: &Meeting) -> NewReminder {
    let start = meeting.start;
    let time = TimeOfDay::new(
        u8::try_from(chrono::Timelike::hour(&start)).unwrap_or(0),
        u8::try_from(chrono::Timelike::minute(&start)).unwrap_or(0),
    )
    .expect("a meeting's start is a time of day");
    let schedule = match &meeting.rrule {
        Some(rrule) => Schedule::Repeating { rrule: rrule.clone(), start: start.date(), time },
        None => Schedule::Once { date: start.date(), time },
    };
    NewReminder {
        kind: ReminderKind::GroupMeeting,
        title: meeting.title.chars().take(TITLE_MAX_CHARS).collect(),
        schedule,
        time_zone: Some(meeting.time_zone.clone()),
        until: None,
    }
}

impl Groups<'_> {
    /// The joined group `group` names (its id or name).
    pub(crate) fn joined_group(&self, group: &str) -> Outcome<JoinedRow> {
        let joined = self.core.store.read(|conn| Ok(local::joined(conn)?))?;
        Ok(find(&joined, group, |r| (&r.group_id, &r.trust.charter.name))?.clone())
    }

    /// The meeting `item` of the joined group `group` (its id or name); withdrawn items are not found.
    pub fn meeting(&self, group: &str, item: &str) -> Outcome<(GroupItem, Meeting)> {
        let row = self.joined_group(group)?;
        let found = row.items.iter().find(|i| i.id == item.trim() && !i.withdrawn).ok_or_else(|| {
            GroupsFailure::NotFound("the group has no item with that id (see the group's items)".into())
        })?;
        let ItemBody::Meeting(meeting) = &found.body else {
            return Err(GroupsFailure::Conflict(format!("that item is a {}, not a meeting", found.kind().code())));
        };
        let entry =
            GroupItem { group_id: row.group_id.clone(), group_name: row.trust.charter.name, item: found.clone() };
        Ok((entry, meeting.clone()))
    }

    /// Follows a meeting as a reminder in the meeting's own zone. Refused for a cancelled meeting, one already
    /// followed (while its reminder is there), and a single meeting already past.
    pub fn follow(&self, group: &str, item: &str) -> Outcome<Followed> {
        let (entry, meeting) = self.meeting(group, item)?;
        if meeting.cancelled {
            return Err(GroupsFailure::Conflict("the group says this meeting is cancelled".into()));
        }
        let now = self.core.clock.now();
        let home = crate::journal::Journal::new(self.core).zone()?;
        let reminder = crate::reminders::manage::new_reminder(&reminder_for(&meeting), now, home)?;
        let (group_id, item_id) = (entry.group_id.clone(), entry.item.id.clone());
        let now_ms = self.now_ms();
        let followed = self.core.store.write_person(|tx, _| {
            if follows::live_one(tx, &group_id, &item_id)?.is_some() {
                return Ok(false);
            }
            crate::reminders::rows::upsert_reminder(tx, &reminder)?;
            follows::insert(tx, &group_id, &item_id, &reminder.guid, now_ms)?;
            Ok(true)
        })?;
        if !followed {
            return Err(GroupsFailure::Conflict("you already follow this meeting (it is among your reminders)".into()));
        }
        self.core.notify(&[Change::Reminders]);
        Ok(Followed { group_id, group_name: entry.group_name, item_id, reminder })
    }
}

/// The reminder a meeting makes, as stored (validated: its rule normalised); `None` if it would not validate.
fn stored_form(meeting: &Meeting) -> Option<NewReminder> {
    validate::reminder(&reminder_for(meeting), None).ok()
}

fn meeting_of<'i>(items: &'i [Item], id: &str) -> Option<&'i Meeting> {
    match items.iter().find(|i| i.id == id && !i.withdrawn).map(|i| &i.body) {
        Some(ItemBody::Meeting(m)) => Some(m),
        _ => None,
    }
}

/// Carries changes of `group`'s followed meetings from `old` items to `new` ones into their reminders, inside
/// the caller's write: a moved meeting moves its reminder; a cancelled, withdrawn or removed one pauses it. A
/// reminder the person changed since (it no longer matches what the old meeting made) is left as it is. Gives
/// how many reminders changed.
pub(crate) fn track(
    tx: &rusqlite::Connection,
    group: &str,
    old: &[Item],
    new: &[Item],
    now: chrono::DateTime<chrono::Utc>,
) -> crate::error::Result<usize> {
    let mut changed = 0;
    for follow in follows::live(tx, group)? {
        let Some(before) = meeting_of(old, &follow.item_id).and_then(stored_form) else { continue };
        let Some(mut reminder) = load(tx, &follow.reminder_guid)? else { continue };
        let as_made = reminder.kind == before.kind
            && reminder.title == before.title
            && reminder.schedule == before.schedule
            && reminder.time_zone == before.time_zone
            && reminder.until == before.until;
        if !as_made {
            continue;
        }
        // A meeting that was cancelled paused its reminder here; its return resumes it.
        let was_cancelled =
            old.iter().any(|i| i.id == follow.item_id && matches!(&i.body, ItemBody::Meeting(m) if m.cancelled));
        let after = meeting_of(new, &follow.item_id).filter(|m| !m.cancelled).and_then(stored_form);
        match after {
            Some(after) if after == before && !(was_cancelled && reminder.paused) => continue,
            Some(after) => {
                reminder.title = after.title;
                reminder.schedule = after.schedule;
                reminder.time_zone = after.time_zone;
                if was_cancelled {
                    reminder.paused = false;
                }
            }
            None if reminder.paused => continue,
            None => reminder.paused = true,
        }
        reminder.updated_at = now.max(reminder.updated_at + chrono::Duration::milliseconds(1));
        crate::reminders::rows::upsert_reminder(tx, &reminder)?;
        changed += 1;
    }
    Ok(changed)
}

fn load(tx: &rusqlite::Connection, guid: &str) -> rusqlite::Result<Option<Reminder>> {
    use crate::reminders::rows::{REMINDER_COLUMNS, reminder_from_row};
    use rusqlite::OptionalExtension;
    tx.query_row(
        &format!("SELECT {REMINDER_COLUMNS} FROM reminders WHERE guid = ?1 AND deleted = 0"),
        [guid],
        reminder_from_row,
    )
    .optional()
}
