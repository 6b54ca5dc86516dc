-- Sync's state on this device (`sync/state.rs`): device-local, never exported or uploaded, and holding no health
-- data. One row once sync is set up: the server, the account and this device's ids, the account's epoch, the
-- cursor (the server's version this device has everything up to), what the last sync saw, and the person's
-- choices (sync after each change; reminders ring on this device).
CREATE TABLE sync_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    server TEXT NOT NULL,
    account_id BLOB NOT NULL,
    device_id BLOB NOT NULL,
    epoch INTEGER NOT NULL,
    cursor INTEGER NOT NULL DEFAULT 0,
    server_version INTEGER NOT NULL DEFAULT 0,
    last_synced_ms INTEGER,
    last_attempt_ms INTEGER,
    last_error TEXT,
    auto INTEGER NOT NULL DEFAULT 0,
    reminders_here INTEGER NOT NULL DEFAULT 1
);

-- Records the server sent that this device could not open (tampered, or sealed with a key it lacks): their
-- opaque ids and versions only. While any is here, the status never says "synced".
CREATE TABLE sync_unreadable (
    collection BLOB NOT NULL,
    record_id BLOB NOT NULL,
    version INTEGER NOT NULL,
    PRIMARY KEY (collection, record_id)
);

-- Deletions from another device held for the person's OK (more than 10 rows and more than 10 % of a table in
-- one sync): which row, the deletion's clock and its server version. No content.
CREATE TABLE sync_held (
    table_name TEXT NOT NULL,
    guid TEXT NOT NULL,
    clock TEXT NOT NULL,
    version INTEGER NOT NULL,
    PRIMARY KEY (table_name, guid)
);

-- The mirror keeps each row's server version too: the precondition of its next upload.
ALTER TABLE sync_mirror ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
