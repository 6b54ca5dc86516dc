-- Mend journal, schema 4: reminders, what happened to each occurrence (done, skipped, snoozed) and the
-- reminder settings (quiet hours). Same sync columns as every user-owned row. Times of day are 'HH:MM',
-- dates 'YYYY-MM-DD', instants unix ms (UTC). A NULL time_zone means floating: the reminder follows the zone
-- the phone is in.

CREATE TABLE reminders (
    id INTEGER PRIMARY KEY,
    guid TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    schedule TEXT NOT NULL,
    rrule TEXT,
    start_date TEXT NOT NULL,
    time_of_day TEXT NOT NULL,
    time_zone TEXT,
    until_date TEXT,
    paused INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    sync_change_counter INTEGER NOT NULL DEFAULT 1,
    deleted INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE reminder_history (
    id INTEGER PRIMARY KEY,
    guid TEXT NOT NULL UNIQUE,
    reminder_guid TEXT NOT NULL,
    occurrence_ms INTEGER NOT NULL,
    status TEXT NOT NULL,
    snoozed_until_ms INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    sync_change_counter INTEGER NOT NULL DEFAULT 1,
    deleted INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX reminder_history_by_reminder ON reminder_history (reminder_guid, occurrence_ms) WHERE deleted = 0;
CREATE INDEX reminder_history_by_time ON reminder_history (occurrence_ms) WHERE deleted = 0;
CREATE INDEX reminder_history_by_snooze ON reminder_history (snoozed_until_ms) WHERE deleted = 0 AND status = 'snoozed';

CREATE TABLE reminder_settings (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    guid TEXT NOT NULL UNIQUE,
    quiet_from TEXT,
    quiet_to TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    sync_change_counter INTEGER NOT NULL DEFAULT 1,
    deleted INTEGER NOT NULL DEFAULT 0
);
