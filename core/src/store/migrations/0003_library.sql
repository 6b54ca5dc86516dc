-- Mend journal, schema 3: the person's Library state. One row per guide they have bookmarked or read; the
-- guides themselves are built into the app and never stored here. Sync columns as on every user-owned row.

CREATE TABLE library_state (
    id INTEGER PRIMARY KEY,
    guid TEXT NOT NULL UNIQUE,
    guide_id TEXT NOT NULL UNIQUE,
    bookmarked INTEGER NOT NULL DEFAULT 0,
    bookmarked_at INTEGER,
    last_read_at INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    sync_change_counter INTEGER NOT NULL DEFAULT 1,
    deleted INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX library_state_by_read ON library_state (last_read_at) WHERE deleted = 0;
