-- Support groups (issue 18): the groups this device publishes to without owning them (a bereavement midwife who
-- publishes services and meetings to a peer group). Device-local, like groups_owned. No secret is here: her
-- publisher key, the group's read key and the mailbox write key live in the device's key store.

-- A group this device publishes to: where its mailbox is, the charter chain verified from the pinned version 1
-- (JSON array of base64 strings, oldest first) and the last pack sequence this device sent.
CREATE TABLE groups_publishing (
    group_id TEXT PRIMARY KEY NOT NULL,
    server TEXT NOT NULL,
    charters TEXT NOT NULL,
    pack_sequence INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
);
