-- A hybrid logical clock on each synced row (`sync/hlc.rs`, text form `millis-counter-device`, which sorts as the
-- clock does): stamped by the write path on every write, a new clock of this device's for the person's own
-- changes and imports, the incoming clock for a row from the server. Rows written before this step have none
-- ('' sorts before every clock). Device-local tables (alerts, group items, the mirror) carry no clock.
ALTER TABLE profile ADD COLUMN clock TEXT NOT NULL DEFAULT '';
ALTER TABLE losses ADD COLUMN clock TEXT NOT NULL DEFAULT '';
ALTER TABLE checkins ADD COLUMN clock TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN clock TEXT NOT NULL DEFAULT '';
ALTER TABLE library_state ADD COLUMN clock TEXT NOT NULL DEFAULT '';
ALTER TABLE reminders ADD COLUMN clock TEXT NOT NULL DEFAULT '';
ALTER TABLE reminder_history ADD COLUMN clock TEXT NOT NULL DEFAULT '';
ALTER TABLE reminder_settings ADD COLUMN clock TEXT NOT NULL DEFAULT '';

-- This device's clock: its id (drawn once, a positive 63-bit number), the latest clock it made or received
-- (millis, counter), and `stamp`, the clock the rows of the current write carry. Device-local, never exported.
CREATE TABLE sync_clock (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    device INTEGER NOT NULL,
    millis INTEGER NOT NULL DEFAULT 0,
    counter INTEGER NOT NULL DEFAULT 0,
    stamp TEXT NOT NULL DEFAULT ''
);
INSERT INTO sync_clock (id, device) VALUES (1, random() & 9223372036854775807);
