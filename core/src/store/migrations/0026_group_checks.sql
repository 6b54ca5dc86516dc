-- When this device last asked the server about a joined group (`groups_joined.checked_at`), whatever the answer:
-- the apps refresh at open and every 6 hours after it (`Groups::next_refresh_at`). `refreshed_at` still says when
-- something new was last stored. NULL until the first refresh after joining (joining is itself a check).
ALTER TABLE groups_joined ADD COLUMN checked_at INTEGER;
