-- mend-server's PostgreSQL schema, version 1. Ids, keys and bodies are bytea; times are Unix seconds.
CREATE TABLE server_keys (name text PRIMARY KEY, key bytea NOT NULL);
CREATE TABLE registration_tokens (token_hash bytea PRIMARY KEY, created_at bigint NOT NULL);
CREATE TABLE usage (id integer PRIMARY KEY CHECK (id = 1), bytes bigint NOT NULL);
INSERT INTO usage (id, bytes) VALUES (1, 0);
CREATE TABLE accounts (
    account_id bytea PRIMARY KEY,
    lookup_id bytea NOT NULL UNIQUE,
    recovery_key bytea NOT NULL,
    epoch bigint NOT NULL,
    version bigint NOT NULL,
    purged_version bigint NOT NULL,
    bytes bigint NOT NULL,
    created_at bigint NOT NULL
);
CREATE TABLE devices (
    device_id bytea PRIMARY KEY,
    account_id bytea NOT NULL,
    signing_key bytea NOT NULL,
    exchange_key bytea NOT NULL,
    name bytea NOT NULL,
    added_at bigint NOT NULL,
    last_seen_at bigint,
    revoked_at bigint,
    wipe boolean NOT NULL
);
CREATE INDEX devices_by_account ON devices (account_id);
CREATE TABLE challenges (
    subject bytea NOT NULL,
    nonce bytea NOT NULL,
    expires_at bigint NOT NULL,
    PRIMARY KEY (subject, nonce)
);
CREATE TABLE records (
    account_id bytea NOT NULL,
    collection bytea NOT NULL,
    record_id bytea NOT NULL,
    epoch bigint NOT NULL,
    deleted boolean NOT NULL,
    version bigint NOT NULL,
    body bytea NOT NULL,
    deleted_at bigint,
    PRIMARY KEY (account_id, collection, record_id)
);
CREATE UNIQUE INDEX records_by_version ON records (account_id, version);
CREATE INDEX tombstones_by_time ON records (deleted_at) WHERE deleted;
CREATE TABLE kek_wraps (account_id bytea NOT NULL, epoch bigint NOT NULL, wrap bytea NOT NULL, PRIMARY KEY (account_id, epoch));
CREATE TABLE device_wraps (
    device_id bytea NOT NULL,
    epoch bigint NOT NULL,
    account_id bytea NOT NULL,
    wrap bytea NOT NULL,
    PRIMARY KEY (device_id, epoch)
);
CREATE INDEX device_wraps_by_account ON device_wraps (account_id);
CREATE TABLE device_mail (device_id bytea NOT NULL, sequence bigint NOT NULL, posted_at bigint NOT NULL, body bytea NOT NULL, PRIMARY KEY (device_id, sequence));
CREATE TABLE link_mail (mailbox_id bytea NOT NULL, sequence bigint NOT NULL, posted_at bigint NOT NULL, body bytea NOT NULL, PRIMARY KEY (mailbox_id, sequence));
CREATE TABLE groups (mailbox_id bytea PRIMARY KEY, write_key bytea NOT NULL, key_generation bigint NOT NULL, created_at bigint NOT NULL);
CREATE TABLE group_writes (
    mailbox_id bytea NOT NULL,
    channel integer NOT NULL,
    sequence bigint NOT NULL,
    expires_at bigint NOT NULL,
    body bytea NOT NULL,
    signature bytea NOT NULL,
    PRIMARY KEY (mailbox_id, channel, sequence)
);
CREATE TABLE group_inbox (mailbox_id bytea NOT NULL, sequence bigint NOT NULL, posted_at bigint NOT NULL, body bytea NOT NULL, PRIMARY KEY (mailbox_id, sequence));
