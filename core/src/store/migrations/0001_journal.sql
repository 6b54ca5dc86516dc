-- Mend journal, schema 1: the person's profile, their losses, check-ins and events.
-- Every user-owned row carries guid, created_at, updated_at (unix ms, UTC), sync_change_counter (bumped by the
-- code that writes) and deleted (tombstone), so sync can be added without a rewrite. Codes are stable text.

CREATE TABLE profile (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    guid TEXT NOT NULL UNIQUE,
    region TEXT,
    time_zone TEXT NOT NULL,
    discreet_notifications INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    sync_change_counter INTEGER NOT NULL DEFAULT 1,
    deleted INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE losses (
    id INTEGER PRIMARY KEY,
    guid TEXT NOT NULL UNIQUE,
    loss_date TEXT NOT NULL,
    weeks INTEGER NOT NULL,
    kind TEXT NOT NULL,
    management TEXT,
    due_date TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    sync_change_counter INTEGER NOT NULL DEFAULT 1,
    deleted INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX losses_by_date ON losses (loss_date) WHERE deleted = 0;

CREATE TABLE checkins (
    id INTEGER PRIMARY KEY,
    guid TEXT NOT NULL UNIQUE,
    at_ms INTEGER NOT NULL,
    time_zone TEXT NOT NULL,
    local_day TEXT NOT NULL,
    bleeding TEXT,
    pads_per_hour REAL,
    clots TEXT,
    pain_cramps INTEGER,
    pain_back INTEGER,
    pain_one_sided INTEGER,
    pain_shoulder_tip INTEGER,
    pain_breast INTEGER,
    pain_head INTEGER,
    pain_leg_left INTEGER,
    pain_leg_right INTEGER,
    temperature_c REAL,
    chills INTEGER NOT NULL DEFAULT 0,
    flu_like INTEGER NOT NULL DEFAULT 0,
    discharge TEXT,
    dizzy INTEGER NOT NULL DEFAULT 0,
    fainted INTEGER NOT NULL DEFAULT 0,
    leg_left_swelling INTEGER NOT NULL DEFAULT 0,
    leg_left_warmth INTEGER NOT NULL DEFAULT 0,
    leg_left_redness INTEGER NOT NULL DEFAULT 0,
    leg_right_swelling INTEGER NOT NULL DEFAULT 0,
    leg_right_warmth INTEGER NOT NULL DEFAULT 0,
    leg_right_redness INTEGER NOT NULL DEFAULT 0,
    chest_pain INTEGER NOT NULL DEFAULT 0,
    breathless INTEGER NOT NULL DEFAULT 0,
    coughing_blood INTEGER NOT NULL DEFAULT 0,
    mood INTEGER,
    feelings TEXT NOT NULL DEFAULT '',
    self_harm_thoughts INTEGER NOT NULL DEFAULT 0,
    sleep_hours REAL,
    energy INTEGER,
    note TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    sync_change_counter INTEGER NOT NULL DEFAULT 1,
    deleted INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX checkins_by_time ON checkins (at_ms) WHERE deleted = 0;
CREATE INDEX checkins_by_day ON checkins (local_day) WHERE deleted = 0;

CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    guid TEXT NOT NULL UNIQUE,
    at_ms INTEGER NOT NULL,
    time_zone TEXT NOT NULL,
    local_day TEXT NOT NULL,
    kind TEXT NOT NULL,
    details TEXT NOT NULL,
    note TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    sync_change_counter INTEGER NOT NULL DEFAULT 1,
    deleted INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX events_by_time ON events (at_ms) WHERE deleted = 0;
CREATE INDEX events_by_kind ON events (kind, at_ms) WHERE deleted = 0;
