-- Whether the last sync failed for want of a connection (the status says "offline" from this, not from the
-- failure's words).
ALTER TABLE sync_state ADD COLUMN last_error_offline INTEGER NOT NULL DEFAULT 0;
