-- Private groups (docs/groups.md, "Private groups"): device-local, like the other group tables. No secret is
-- here: the intake secret lives in the moderators' desk on the server (sealed), a member's per-group key and the
-- read key in the device's key store.

-- An owned group that is private: the intake public key (hex) its invite carries. NULL for an open group.
ALTER TABLE groups_owned ADD COLUMN intake_public TEXT;

-- A joined group that is private: its intake public key (hex), the roster version held and its epoch; when the
-- member was removed (Unix ms: the group stays, with what was verified, and is no longer fetched). NULL for an
-- open group.
ALTER TABLE groups_joined ADD COLUMN intake_public TEXT;
ALTER TABLE groups_joined ADD COLUMN roster_version INTEGER;
ALTER TABLE groups_joined ADD COLUMN epoch INTEGER;
ALTER TABLE groups_joined ADD COLUMN removed_at INTEGER;

-- A request this device made to join a private group, until it is approved (then the group is in groups_joined
-- and this row goes) or declined (kept, marked, so the person can be told). The display name is the one the
-- person chose and stays on this device.
CREATE TABLE groups_requested (
    root_hash TEXT PRIMARY KEY NOT NULL,
    server TEXT NOT NULL,
    intake_public TEXT NOT NULL,
    display_name TEXT NOT NULL,
    requested_at INTEGER NOT NULL,
    roster_version INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL
);
