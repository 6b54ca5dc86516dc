-- Support groups across a person's own devices (issue 18): one synced row per group this person belongs to, so
-- a group joined (or moderated) on one device is taken up on their others, and leaving it anywhere leaves it
-- everywhere. `role` is member, owner or publisher; `sealed` holds what another device needs to take the same
-- place (for a member the invite's parts: the charter version 1 hash, the epoch and the read key), sealed under a
-- key every device of the account holds (`groups/memberships.rs`). Nothing secret is here in the clear. A deleted
-- row keeps only its group id (an opaque id, never the name), so every device knows which group was left.
CREATE TABLE group_memberships (
    id INTEGER PRIMARY KEY,
    guid TEXT NOT NULL UNIQUE,
    group_id TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL,
    server TEXT NOT NULL,
    sealed TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    sync_change_counter INTEGER NOT NULL DEFAULT 1,
    deleted INTEGER NOT NULL DEFAULT 0,
    clock TEXT NOT NULL DEFAULT ''
);
