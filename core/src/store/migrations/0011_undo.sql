-- The undo record: at most one row, device-local, never exported or uploaded. It names the latest add, edit or
-- deletion of a journal entry made on this device and, for an edit, the entry as it was before (the person's
-- own words, so it is deleted — with secure_delete, then scrubbed from the WAL — by the next write, after
-- 15 minutes, and on erase).
CREATE TABLE undo_record (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    entry TEXT NOT NULL CHECK (entry IN ('checkins', 'events', 'losses')),
    entry_guid TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('added', 'edited', 'deleted')),
    before TEXT,
    after_updated_ms INTEGER,
    made_at_ms INTEGER NOT NULL
);
