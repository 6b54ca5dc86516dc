//! Every table of the journal, gathered from where each is described: the record tables beside their records
//! with their generated row code ([`crate::store::record`]), the others in [`crate::store::registry`]. The
//! registry's tests read this list to prove that the schema is described whole and that a deletion clears every
//! health column of every table.

use crate::store::registry::{self, Table};

/// Every table.
pub static TABLES: [&Table; 23] = [
    &crate::journal::rows::PROFILE.table,
    &crate::journal::rows::LOSSES.table,
    &crate::journal::rows::CHECKINS.table,
    &crate::journal::rows::EVENTS.table,
    &crate::library::state::LIBRARY_STATE.table,
    &crate::care::rows::ALERTS.table,
    &crate::care::rows::decisions::DECISIONS.table,
    &crate::reminders::rows::REMINDERS.table,
    &crate::reminders::rows::REMINDER_HISTORY.table,
    &crate::reminders::rows::REMINDER_SETTINGS.table,
    &crate::groups::memberships::GROUP_MEMBERSHIPS.table,
    &registry::GROUP_ITEMS,
    &registry::GROUPS_OWNED,
    &registry::GROUPS_JOINED,
    &registry::GROUP_FOLLOWS,
    &registry::GROUPS_PUBLISHING,
    &registry::GROUPS_REQUESTED,
    &registry::SYNC_MIRROR,
    &registry::SYNC_CLOCK,
    &registry::UNDO_RECORD,
    &registry::SYNC_STATE,
    &registry::SYNC_UNREADABLE,
    &registry::SYNC_HELD,
];

/// The table with this name.
pub fn table(name: &str) -> &'static Table {
    TABLES.iter().copied().find(|t| t.name == name).unwrap_or_else(|| panic!("the registry describes table {name}"))
}
