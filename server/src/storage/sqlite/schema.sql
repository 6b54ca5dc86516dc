-- mend-server's SQLite schema, version 1. Ids, keys and bodies are BLOBs; times are Unix seconds.
CREATE TABLE server_keys (name TEXT PRIMARY KEY, key BLOB NOT NULL);
CREATE TABLE registration_tokens (token_hash BLOB PRIMARY KEY, created_at INTEGER NOT NULL);
CREATE TABLE usage (id INTEGER PRIMARY KEY CHECK (id = 1), bytes INTEGER NOT NULL);
INSERT INTO usage (id, bytes) VALUES (1, 0);
CREATE TABLE accounts (
    account_id BLOB PRIMARY KEY,
    lookup_id BLOB NOT NULL UNIQUE,
    recovery_key BLOB NOT NULL,
    epoch INTEGER NOT NULL,
    version INTEGER NOT NULL,
    purged_version INTEGER NOT NULL,
    bytes INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE TABLE devices (
    device_id BLOB PRIMARY KEY,
    account_id BLOB NOT NULL,
    signing_key BLOB NOT NULL,
    exchange_key BLOB NOT NULL,
    name BLOB NOT NULL,
    added_at INTEGER NOT NULL,
    last_seen_at INTEGER,
    revoked_at INTEGER,
    wipe INTEGER NOT NULL
);
CREATE INDEX devices_by_account ON devices (account_id);
CREATE TABLE challenges (
    subject BLOB NOT NULL,
    nonce BLOB NOT NULL,
    expires_at INTEGER NOT NULL,
    PRIMARY KEY (subject, nonce)
);
CREATE TABLE records (
    account_id BLOB NOT NULL,
    collection BLOB NOT NULL,
    record_id BLOB NOT NULL,
    epoch INTEGER NOT NULL,
    deleted INTEGER NOT NULL,
    version INTEGER NOT NULL,
    body BLOB NOT NULL,
    deleted_at INTEGER,
    PRIMARY KEY (account_id, collection, record_id)
) WITHOUT ROWID;
CREATE UNIQUE INDEX records_by_version ON records (account_id, version);
CREATE INDEX tombstones_by_time ON records (deleted_at) WHERE deleted = 1;
CREATE TABLE kek_wraps (
    account_id BLOB NOT NULL,
    epoch INTEGER NOT NULL,
    wrap BLOB NOT NULL,
    PRIMARY KEY (account_id, epoch)
);
CREATE TABLE device_wraps (
    device_id BLOB NOT NULL,
    epoch INTEGER NOT NULL,
    account_id BLOB NOT NULL,
    wrap BLOB NOT NULL,
    PRIMARY KEY (device_id, epoch)
);
CREATE INDEX device_wraps_by_account ON device_wraps (account_id);
CREATE TABLE device_mail (
    device_id BLOB NOT NULL,
    sequence INTEGER NOT NULL,
    posted_at INTEGER NOT NULL,
    body BLOB NOT NULL,
    PRIMARY KEY (device_id, sequence)
);
CREATE TABLE link_mail (
    mailbox_id BLOB NOT NULL,
    sequence INTEGER NOT NULL,
    posted_at INTEGER NOT NULL,
    body BLOB NOT NULL,
    PRIMARY KEY (mailbox_id, sequence)
);
CREATE TABLE groups (
    mailbox_id BLOB PRIMARY KEY,
    write_key BLOB NOT NULL,
    key_generation INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE TABLE group_writes (
    mailbox_id BLOB NOT NULL,
    channel INTEGER NOT NULL,
    sequence INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    body BLOB NOT NULL,
    signature BLOB NOT NULL,
    PRIMARY KEY (mailbox_id, channel, sequence)
);
CREATE TABLE group_inbox (
    mailbox_id BLOB NOT NULL,
    sequence INTEGER NOT NULL,
    posted_at INTEGER NOT NULL,
    body BLOB NOT NULL,
    PRIMARY KEY (mailbox_id, sequence)
);
