-- Support groups on this device (issue 18): the groups it moderates and the groups it joined. Device-local for
-- now: syncing them across a person's devices comes later. No secret is here: owner keys, group secrets and read
-- keys live in the device's key store.

-- A group this device created (and owns): where its mailbox is, its charters and the last pack sequence sent.
CREATE TABLE groups_owned (
    group_id TEXT PRIMARY KEY NOT NULL,
    server TEXT NOT NULL,
    -- The signed charters, oldest first (JSON array of base64 strings).
    charters TEXT NOT NULL,
    pack_sequence INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
);

-- A group this device joined: its verified state (GroupTrust as JSON: pinned hash, current charter, highest pack
-- sequence) and the items of the newest pack that verified (JSON array).
CREATE TABLE groups_joined (
    group_id TEXT PRIMARY KEY NOT NULL,
    server TEXT NOT NULL,
    trust TEXT NOT NULL,
    items TEXT NOT NULL DEFAULT '[]',
    joined_at INTEGER NOT NULL,
    refreshed_at INTEGER
);
