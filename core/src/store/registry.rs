//! The table registry: every table of the journal described once — its columns and their kinds, which hold health
//! data (cleared when a row is deleted), whether it is synced or device-local, whether the person owns it or it is
//! derived (recomputed on every device, never uploaded), how a record is identified, and how each column merges.
//!
//! What comes from it today: the SQL a tombstone runs to clear a row's health data ([`Table::clear`], used by every
//! delete), the column lists the row code binds ([`Table::columns`], checked against the hand-written lists in the
//! tests until the row code is generated from it too), and the tests that prove, by reading it, that a deletion
//! leaves no health data in any table (the sync mirror included) and that every column of the schema is described
//! here — so a new column cannot be added without saying whether it is health data.

use std::sync::OnceLock;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Integer,
    Real,
    Text,
    /// 0 or 1.
    Bool,
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

const fn col(name: &'static str, kind: Kind, merge: Merge) -> Column {
    Column { name, kind, health: false, merge, cleared: "" }
}

const fn health(name: &'static str, kind: Kind, cleared: &'static str) -> Column {
    Column { name, kind, health: true, merge: Merge::Later, cleared }
}

const fn words(name: &'static str, cleared: &'static str) -> Column {
    Column { name, kind: Kind::Text, health: true, merge: Merge::KeepBoth, cleared }
}

/// One table.
#[derive(Debug)]
pub struct Table {
    pub name: &'static str,
    pub sync: Sync,
    pub owner: Owner,
    pub identity: Identity,
    /// Its columns, in the order the row code binds them (the bookkeeping columns `id`, `sync_change_counter` and
    /// `deleted` are in [`BOOKKEEPING`]).
    pub columns: &'static [Column],
    clear: OnceLock<String>,
    list: OnceLock<String>,
}

/// Columns every synced table has that the row code never binds.
pub const BOOKKEEPING: [&str; 3] = ["id", "sync_change_counter", "deleted"];

impl Table {
    const fn new(
        name: &'static str,
        sync: Sync,
        owner: Owner,
        identity: Identity,
        columns: &'static [Column],
    ) -> Table {
        Table { name, sync, owner, identity, columns, clear: OnceLock::new(), list: OnceLock::new() }
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

    /// The health columns.
    pub fn health_columns(&self) -> impl Iterator<Item = &Column> {
        self.columns.iter().filter(|c| c.health)
    }
}

use Kind::*;
use Merge::*;

const GUID: Column = col("guid", Text, Identity);
const CREATED: Column = col("created_at", Instant, Identity);
const UPDATED: Column = col("updated_at", Instant, Identity);
const NULL: &str = "NULL";

/// Every table of the journal.
pub static TABLES: [Table; 11] = [
    Table::new(
        "profile",
        Sync::Synced,
        Owner::Person,
        Identity::Singleton,
        &[
            GUID,
            col("region", Text, Later),
            col("time_zone", Text, Later),
            col("discreet_notifications", Bool, Later),
            CREATED,
            UPDATED,
            health("unit_label", Text, NULL),
            health("unit_number", Text, NULL),
            health("own_emergency_label", Text, NULL),
            health("own_emergency_number", Text, NULL),
            health("own_crisis_label", Text, NULL),
            health("own_crisis_number", Text, NULL),
            // Opted into the mood screens (0011): NULL not asked yet, 0 off, 1 on.
            health("mood_screens", Bool, NULL),
            // RhD status (0013): 'negative', 'positive', 'unknown' or NULL (not asked).
            health("rhd", Text, NULL),
        ],
    ),
    Table::new(
        "losses",
        Sync::Synced,
        Owner::Person,
        Identity::Guid,
        &[
            GUID,
            health("loss_date", Day, "'0001-01-01'"),
            health("weeks", Integer, "0"),
            health("kind", Text, "''"),
            health("management", Text, NULL),
            health("due_date", Day, NULL),
            CREATED,
            UPDATED,
            health("loss_at_ms", Instant, NULL),
        ],
    ),
    Table::new(
        "checkins",
        Sync::Synced,
        Owner::Person,
        Identity::Guid,
        &[
            GUID,
            col("at_ms", Instant, Later),
            col("time_zone", Text, Later),
            col("local_day", Day, Later),
            health("bleeding", Text, NULL),
            health("pads_per_hour", Real, NULL),
            health("clots", Text, NULL),
            health("pain_cramps", Integer, NULL),
            health("pain_back", Integer, NULL),
            health("pain_one_sided", Integer, NULL),
            health("pain_shoulder_tip", Integer, NULL),
            health("pain_breast", Integer, NULL),
            health("pain_head", Integer, NULL),
            health("pain_leg_left", Integer, NULL),
            health("pain_leg_right", Integer, NULL),
            health("temperature_c", Real, NULL),
            health("chills", Bool, "0"),
            health("flu_like", Bool, "0"),
            health("discharge", Text, NULL),
            health("dizziness", Text, NULL),
            health("fainted", Bool, "0"),
            health("leg_left_swelling", Bool, "0"),
            health("leg_left_warmth", Bool, "0"),
            health("leg_left_redness", Bool, "0"),
            health("leg_right_swelling", Bool, "0"),
            health("leg_right_warmth", Bool, "0"),
            health("leg_right_redness", Bool, "0"),
            health("chest_pain", Bool, "0"),
            health("breathless", Bool, "0"),
            health("coughing_blood", Bool, "0"),
            health("mood", Integer, NULL),
            health("feelings", Text, "''"),
            health("self_harm_thoughts", Bool, "0"),
            health("sleep_hours", Real, NULL),
            health("energy", Integer, NULL),
            words("note", NULL),
            health("pain_pelvis", Integer, NULL),
            health("pain_chest", Integer, NULL),
            health("pain_side_left", Integer, NULL),
            health("pain_side_right", Integer, NULL),
            health("signs", Json, "'{}'"),
            CREATED,
            UPDATED,
            health("answered", Text, "''"),
            // Who logged it (0012): 'partner' or NULL (the person).
            health("logged_by", Text, NULL),
        ],
    ),
    Table::new(
        "events",
        Sync::Synced,
        Owner::Person,
        Identity::Guid,
        &[
            GUID,
            col("at_ms", Instant, Later),
            col("time_zone", Text, Later),
            col("local_day", Day, Later),
            health("kind", Text, "''"),
            health("details", Json, "'{}'"),
            words("note", NULL),
            CREATED,
            UPDATED,
        ],
    ),
    Table::new(
        "library_state",
        Sync::Synced,
        Owner::Person,
        Identity::NaturalKey("guide_id"),
        &[
            GUID,
            // Which guides a person reads says much about them; the id stays unique after a deletion.
            health("guide_id", Text, "'deleted:' || guid"),
            col("bookmarked", Bool, Later),
            col("bookmarked_at", Instant, Later),
            col("last_read_at", Instant, Max),
            CREATED,
            UPDATED,
        ],
    ),
    Table::new(
        "alerts",
        Sync::DeviceLocal,
        Owner::Derived,
        Identity::Guid,
        &[
            GUID,
            health("rule", Text, "''"),
            col("raised_at", Instant, Later),
            col("cleared_at", Instant, Later),
            health("because", Text, "''"),
            health("message", Text, "''"),
            col("acknowledged", Bool, Later),
            col("acknowledged_at", Instant, Later),
            col("episodes", Integer, Max),
            CREATED,
            UPDATED,
            health("level", Real, NULL),
            health("acknowledged_level", Real, NULL),
            health("severity", Text, NULL),
            col("seen_at", Instant, Later),
        ],
    ),
    Table::new(
        "reminders",
        Sync::Synced,
        Owner::Person,
        Identity::Guid,
        &[
            GUID,
            health("kind", Text, "''"),
            words("title", "''"),
            col("schedule", Text, Later),
            health("rrule", Text, NULL),
            col("start_date", Day, Later),
            col("time_of_day", Text, Later),
            col("time_zone", Text, Later),
            col("until_date", Day, Later),
            col("paused", Bool, Later),
            CREATED,
            UPDATED,
        ],
    ),
    Table::new(
        "reminder_history",
        Sync::Synced,
        Owner::Person,
        Identity::Guid,
        &[
            GUID,
            col("reminder_guid", Text, Identity),
            col("occurrence_ms", Instant, Identity),
            col("status", Text, Later),
            col("snoozed_until_ms", Instant, Later),
            CREATED,
            UPDATED,
        ],
    ),
    Table::new(
        "reminder_settings",
        Sync::Synced,
        Owner::Person,
        Identity::Singleton,
        &[GUID, col("quiet_from", Text, Later), col("quiet_to", Text, Later), CREATED, UPDATED],
    ),
    Table::new(
        "group_items",
        Sync::DeviceLocal,
        Owner::Derived,
        Identity::Local,
        &[
            col("group_id", Text, Identity),
            col("item_id", Text, Identity),
            col("group_name", Text, Later),
            col("item", Json, Later),
        ],
    ),
    Table::new(
        "sync_mirror",
        Sync::DeviceLocal,
        Owner::Derived,
        Identity::Local,
        // A deletion removes the row's mirror entry whole (`journal::rows::tombstone`).
        &[col("table_name", Text, Identity), GUID, health("row", Json, "'{}'")],
    ),
];

/// The table with this name.
pub fn table(name: &str) -> &'static Table {
    TABLES.iter().find(|t| t.name == name).unwrap_or_else(|| panic!("the registry describes table {name}"))
}

#[cfg(test)]
mod tests;
