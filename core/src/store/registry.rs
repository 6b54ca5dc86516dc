//! The table registry: every table of the journal described once — its columns and their kinds, which hold health
//! data (cleared when a row is deleted), whether it is synced or device-local, whether the person owns it or it is
//! derived (recomputed on every device, never uploaded), how a record is identified, and how each column merges.
//!
//! This module holds the description's types and the device-local bookkeeping tables; the tables whose rows are
//! records are described beside them with [`super::record::record!`], which generates their row code from the same
//! lines, and `crate::tables` lists every table. What comes from the registry: the column lists, row readers and
//! merge statements of the record tables, the SQL a tombstone runs to clear a row's health data
//! ([`Table::tombstone_sql`]), the check-in CSV's columns, and the tests that prove, by reading it, that a deletion
//! leaves no health data in any table (the sync mirror included) and that every column of the schema is described
//! — so a new column cannot be added without saying whether it is health data.

use std::sync::OnceLock;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Integer,
    Real,
    Text,
    /// 0 or 1.
    Bool,
    /// Codes or guids, comma-separated (none holds a comma).
    List,
    /// A JSON object or array, as text.
    Json,
    /// Unix milliseconds.
    Instant,
    /// `YYYY-MM-DD`.
    Day,
}

/// How two versions of a column merge (sync's field-level merge follows this; import merges whole rows).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Merge {
    /// The record's identity or bookkeeping: never merged (guid, created_at, the sync columns).
    Identity,
    /// The later change wins (by the row's clock).
    Later,
    /// The larger value wins (a "last read" time).
    Max,
    /// Free text: when both sides changed it, both versions are kept.
    KeepBoth,
}

/// Whether a table's rows travel to the person's other devices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sync {
    Synced,
    DeviceLocal,
}

/// Who makes a table's rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    /// The person's entries and choices.
    Person,
    /// Computed from other tables on every device (alerts, group items), never uploaded.
    Derived,
}

/// How a record is identified across devices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Identity {
    /// A random guid made where the record was made.
    Guid,
    /// One row per journal (a keyed hash of the table's name when synced).
    Singleton,
    /// A keyed hash of a natural key (a guide's state: its guide id).
    NaturalKey(&'static str),
    /// Not synced: the table's own key.
    Local,
}

/// One column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub name: &'static str,
    pub kind: Kind,
    /// Health data (or the person's own words): cleared when the row is deleted.
    pub health: bool,
    pub merge: Merge,
    /// The SQL value a deletion leaves (for health columns).
    pub cleared: &'static str,
}

impl Column {
    /// This column, named.
    pub const fn named(self, name: &'static str) -> Column {
        Column { name, ..self }
    }
}

/// A column that holds no health data, merged by `merge` (named by [`Column::named`]).
pub const fn col(kind: Kind, merge: Merge) -> Column {
    Column { name: "", kind, health: false, merge, cleared: "" }
}

/// A health column: a deletion leaves `cleared`; the later change wins.
pub const fn health(kind: Kind, cleared: &'static str) -> Column {
    Column { name: "", kind, health: true, merge: Merge::Later, cleared }
}

/// The person's own words: a deletion leaves `cleared`; when both sides changed them, both versions are kept.
pub const fn words(cleared: &'static str) -> Column {
    Column { name: "", kind: Kind::Text, health: true, merge: Merge::KeepBoth, cleared }
}

/// One table.
#[derive(Debug)]
pub struct Table {
    pub name: &'static str,
    pub sync: Sync,
    pub owner: Owner,
    pub identity: Identity,
    /// Its columns, in the order the row code binds them (the bookkeeping columns `id`, `sync_change_counter` and
    /// `deleted` are in [`BOOKKEEPING`]; a synced table's `clock` is [`CLOCK`]).
    pub columns: &'static [Column],
    clear: OnceLock<String>,
    list: OnceLock<String>,
    tombstone: OnceLock<String>,
}

/// The hybrid logical clock every synced table's rows carry (migration 0012): bookkeeping, stamped by the write
/// path (`store/clock.rs`), never bound by the row code nor cleared by a deletion (which stamps a new one).
pub const CLOCK: Column = col(Kind::Text, Merge::Identity).named("clock");

/// Columns every synced table has that the row code never binds.
pub const BOOKKEEPING: [&str; 3] = ["id", "sync_change_counter", "deleted"];

impl Table {
    pub const fn new(
        name: &'static str,
        sync: Sync,
        owner: Owner,
        identity: Identity,
        columns: &'static [Column],
    ) -> Table {
        Table {
            name,
            sync,
            owner,
            identity,
            columns,
            clear: OnceLock::new(),
            list: OnceLock::new(),
            tombstone: OnceLock::new(),
        }
    }

    /// The columns the row code binds, comma-separated, in order.
    pub fn columns(&self) -> &str {
        self.list.get_or_init(|| self.columns.iter().map(|c| c.name).collect::<Vec<_>>().join(", "))
    }

    /// The `SET` list a deletion runs: every health column to the value it leaves.
    pub fn clear(&self) -> &str {
        self.clear.get_or_init(|| {
            self.columns
                .iter()
                .filter(|c| c.health)
                .map(|c| format!("{} = {}", c.name, c.cleared))
                .collect::<Vec<_>>()
                .join(", ")
        })
    }

    /// The statement that deletes a row (`?1` its guid, `?2` the time): marked deleted, its health columns
    /// cleared, counted as a change to upload.
    pub fn tombstone_sql(&self) -> &str {
        self.tombstone.get_or_init(|| {
            let clear = self.clear();
            let clear = if clear.is_empty() { String::new() } else { format!("{clear}, ") };
            let clock =
                if self.sync == Sync::Synced { format!("clock = {}, ", super::clock::STAMP) } else { String::new() };
            format!(
                "UPDATE {} SET deleted = 1, {clear}{clock}updated_at = ?2, \
                 sync_change_counter = sync_change_counter + 1 WHERE guid = ?1 AND deleted = 0",
                self.name
            )
        })
    }

    /// The statement that applies a deletion made elsewhere with its own clock (an import of a version 2
    /// export: `?1` the guid, `?2` the deletion's clock, `?3` its time): the stored row is marked deleted and its
    /// health columns cleared, as [`Table::tombstone_sql`] does, only if its clock is earlier than the deletion's.
    /// Counted as a change to upload. Only for synced tables.
    pub fn deletion_sql(&self) -> String {
        let clear = self.clear();
        let clear = if clear.is_empty() { String::new() } else { format!("{clear}, ") };
        format!(
            "UPDATE {} SET deleted = 1, {clear}clock = ?2, updated_at = ?3, \
             sync_change_counter = sync_change_counter + 1 WHERE guid = ?1 AND clock < ?2",
            self.name
        )
    }

    /// The health columns.
    pub fn health_columns(&self) -> impl Iterator<Item = &Column> {
        self.columns.iter().filter(|c| c.health)
    }
}

use Kind::*;
use Merge::*;

pub const GUID: Column = col(Text, Identity).named("guid");
pub const CREATED: Column = col(Instant, Identity).named("created_at");
pub const UPDATED: Column = col(Instant, Identity).named("updated_at");
pub const NULL: &str = "NULL";

// The tables whose rows are records are described beside them, with their row code (`store::record`):
// `profile`, `checkins`, `events` and `losses` in `journal/rows.rs`, `alerts` and `alert_decisions` in `care/rows.rs`,
// `library_state` in `library/state.rs`, `reminders`, `reminder_history` and `reminder_settings` in
// `reminders/rows.rs`, `group_memberships` in `groups/memberships.rs`. `crate::tables` lists all.

pub static GROUP_ITEMS: Table = Table::new(
    "group_items",
    Sync::DeviceLocal,
    Owner::Derived,
    Identity::Local,
    &[
        col(Text, Identity).named("group_id"),
        col(Text, Identity).named("item_id"),
        col(Text, Later).named("group_name"),
        col(Json, Later).named("item"),
    ],
);

/// The groups this device moderates (`groups/local.rs`): ids, the server, the signed charters and the last pack
/// sequence. Device-local: what follows the moderator to their other devices is their owner membership row
/// (`group_memberships`, `groups/memberships.rs`). The group's secrets are in the key store, never here.
pub static GROUPS_OWNED: Table = Table::new(
    "groups_owned",
    Sync::DeviceLocal,
    Owner::Derived,
    Identity::Local,
    &[
        col(Text, Identity).named("group_id"),
        col(Text, Later).named("server"),
        col(Json, Later).named("charters"),
        col(Integer, Max).named("pack_sequence"),
        col(Instant, Identity).named("created_at"),
        col(Instant, Max).named("backed_up_at"),
        // The version of the owner's membership row this copy agrees with (migration 0028).
        col(Instant, Max).named("row_seen"),
        // A private group's intake public key, hex; NULL for an open group (migration 0029).
        col(Text, Identity).named("intake_public"),
        // A private group's epoch whose read key this device holds; NULL for epoch 1 (migration 0030).
        col(Integer, Max).named("epoch"),
    ],
);

/// The groups this device joined (`groups/local.rs`): the verified state and the newest verified pack's items.
/// Device-local: what follows the person to their other devices is their membership row (`group_memberships`,
/// described in `groups/memberships.rs`), from which each device verifies the group for itself. The read key is
/// in the key store, never here.
pub static GROUPS_JOINED: Table = Table::new(
    "groups_joined",
    Sync::DeviceLocal,
    Owner::Derived,
    Identity::Local,
    &[
        col(Text, Identity).named("group_id"),
        col(Text, Later).named("server"),
        col(Json, Later).named("trust"),
        col(Json, Later).named("items"),
        col(Instant, Identity).named("joined_at"),
        col(Instant, Max).named("refreshed_at"),
        col(Instant, Max).named("pack_expires_at"),
        col(Instant, Max).named("checked_at"),
        // The version of the member's row this copy agrees with (migration 0028).
        col(Instant, Max).named("row_seen"),
        // A private group's intake public key (hex), the roster version held and its epoch, and when the member
        // was removed; NULL for an open group (migration 0029).
        col(Text, Identity).named("intake_public"),
        col(Integer, Max).named("roster_version"),
        col(Integer, Max).named("epoch"),
        col(Instant, Max).named("removed_at"),
    ],
);

/// The requests this device made to join private groups (`groups/private_rows.rs`, migration 0029): the server,
/// the hash of charter version 1 the invite pins, the intake public key, the display name the person chose, the
/// roster version read up to, and whether it is waiting or was declined. Device-local; approved requests become
/// `groups_joined` rows. The person's key for the group is in the key store, never here.
pub static GROUPS_REQUESTED: Table = Table::new(
    "groups_requested",
    Sync::DeviceLocal,
    Owner::Derived,
    Identity::Local,
    &[
        col(Text, Identity).named("root_hash"),
        col(Text, Later).named("server"),
        col(Text, Identity).named("intake_public"),
        col(Text, Later).named("display_name"),
        col(Instant, Identity).named("requested_at"),
        col(Integer, Max).named("roster_version"),
        col(Text, Later).named("status"),
    ],
);

/// The reminders a member made from a joined group's meetings (`groups/follow.rs`, migration 0024): which
/// reminder came from which meeting, so leaving the group can offer to remove them. Device-local; the reminder
/// itself is the person's row and syncs.
pub static GROUP_FOLLOWS: Table = Table::new(
    "group_follows",
    Sync::DeviceLocal,
    Owner::Derived,
    Identity::Local,
    &[
        col(Text, Identity).named("group_id"),
        col(Text, Identity).named("item_id"),
        col(Text, Later).named("reminder_guid"),
        col(Instant, Identity).named("created_at"),
    ],
);

/// The groups this device publishes to without owning them (`groups/moderation_rows.rs`, migration 0025): the
/// server, the verified charters and the last pack sequence sent. Device-local, like `groups_owned` (her
/// publisher membership row follows her); the publisher's keys are in the key store, never here.
pub static GROUPS_PUBLISHING: Table = Table::new(
    "groups_publishing",
    Sync::DeviceLocal,
    Owner::Derived,
    Identity::Local,
    &[
        col(Text, Identity).named("group_id"),
        col(Text, Later).named("server"),
        col(Json, Later).named("charters"),
        col(Integer, Max).named("pack_sequence"),
        col(Instant, Identity).named("created_at"),
        // The version of the publisher's row this copy agrees with (migration 0028).
        col(Instant, Max).named("row_seen"),
        // A private group's newest verified desk: its epoch and sequence (migration 0031).
        col(Integer, Max).named("desk_epoch"),
        col(Integer, Max).named("desk_sequence"),
    ],
);

pub static SYNC_MIRROR: Table = Table::new(
    "sync_mirror",
    Sync::DeviceLocal,
    Owner::Derived,
    Identity::Local,
    // A deletion removes the row's mirror entry whole (`store::record::tombstone`).
    &[
        col(Text, Identity).named("table_name"),
        GUID,
        health(Json, "'{}'").named("row"),
        col(Integer, Max).named("version"),
        // What was uploaded without a reply (`store/mirror.rs`): the person's words too.
        health(Json, "NULL").named("sent"),
    ],
);

pub static SYNC_STATE: Table = Table::new(
    "sync_state",
    Sync::DeviceLocal,
    Owner::Derived,
    Identity::Local,
    // Where and how this device syncs (`sync/state.rs`): ids, versions and choices, no health data.
    &[
        col(Text, Identity).named("server"),
        col(Text, Identity).named("account_id"),
        col(Text, Identity).named("device_id"),
        col(Integer, Max).named("epoch"),
        col(Integer, Max).named("cursor"),
        col(Integer, Max).named("server_version"),
        col(Instant, Max).named("last_synced_ms"),
        col(Instant, Max).named("last_attempt_ms"),
        col(Text, Later).named("last_error"),
        col(Bool, Later).named("auto"),
        col(Bool, Later).named("reminders_here"),
        col(Bool, Later).named("last_error_offline"),
        // An epoch switch owed after removing a device (`sync/revoke.rs`).
        col(Integer, Max).named("switch_owed"),
    ],
);

pub static SYNC_UNREADABLE: Table = Table::new(
    "sync_unreadable",
    Sync::DeviceLocal,
    Owner::Derived,
    Identity::Local,
    // Opaque ids of records that could not be opened: no content.
    &[
        col(Text, Identity).named("collection"),
        col(Text, Identity).named("record_id"),
        col(Integer, Max).named("version"),
    ],
);

pub static SYNC_HELD: Table = Table::new(
    "sync_held",
    Sync::DeviceLocal,
    Owner::Derived,
    Identity::Local,
    // Deletions waiting for the person's OK: which row and when, no content.
    &[
        col(Text, Identity).named("table_name"),
        GUID,
        col(Text, Identity).named("clock"),
        col(Integer, Max).named("version"),
    ],
);

pub static SYNC_CLOCK: Table = Table::new(
    "sync_clock",
    Sync::DeviceLocal,
    Owner::Derived,
    Identity::Local,
    // This device's hybrid logical clock (`store/clock.rs`): no health data.
    &[
        col(Integer, Identity).named("device"),
        col(Integer, Max).named("millis"),
        col(Integer, Max).named("counter"),
        col(Text, Identity).named("stamp"),
    ],
);

pub static UNDO_RECORD: Table = Table::new(
    "undo_record",
    Sync::DeviceLocal,
    Owner::Person,
    Identity::Local,
    // Deleted whole by the next write, after 15 minutes and on erase (`store::undo`).
    &[
        col(Text, Identity).named("entry"),
        col(Text, Identity).named("entry_guid"),
        col(Text, Identity).named("action"),
        health(Json, NULL).named("before"),
        col(Instant, Identity).named("after_updated_ms"),
        col(Instant, Identity).named("made_at_ms"),
    ],
);

#[cfg(test)]
mod tests;
