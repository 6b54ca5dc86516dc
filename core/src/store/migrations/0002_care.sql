-- Mend care engine, schema 2: alerts raised by the red-flag rules (shared/clinical/guidance.md).
-- One row per rule: it stays open while the rule's condition holds, is cleared (cleared_at) when it stops
-- holding, and the same row is re-opened (acknowledged reset, episodes + 1) if the condition returns.
-- Alerts are derived from the journal and can be re-derived; they are kept so that acknowledgement and
-- "raised once per episode" survive restarts and sync. Sync columns as for every user-owned row.

CREATE TABLE alerts (
    id INTEGER PRIMARY KEY,
    guid TEXT NOT NULL UNIQUE,
    -- The rule's id from the guidance, e.g. `bleeding-soaking`.
    rule TEXT NOT NULL,
    -- When the current (or last) episode was raised, unix ms.
    raised_at INTEGER NOT NULL,
    -- NULL while the condition holds; when it was seen to clear otherwise.
    cleared_at INTEGER,
    -- Guids of the check-ins (or events) that triggered it, comma-separated, oldest first.
    because TEXT NOT NULL DEFAULT '',
    -- The plain "why" shown to the person, as it was when last evaluated.
    message TEXT NOT NULL DEFAULT '',
    acknowledged INTEGER NOT NULL DEFAULT 0,
    acknowledged_at INTEGER,
    -- How many times this rule has been raised (1 for the first episode).
    episodes INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    sync_change_counter INTEGER NOT NULL DEFAULT 1,
    deleted INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX alerts_by_rule ON alerts (rule) WHERE deleted = 0;
