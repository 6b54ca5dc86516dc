-- The person's decisions about alerts, apart from the alerts themselves: alerts are derived (every device
-- recomputes them, never uploaded), the decisions are the person's own and sync. One row per alert, keyed by its
-- rule id (what identifies "this alert" on every device: each rule has one alert, whose episodes come and go);
-- a decision applies to the episode that was open when it was made. `acknowledged_level` is the alert's level
-- when acknowledged (a `contact` alert comes back above it). Same sync columns as every synced row.
CREATE TABLE alert_decisions (
    id INTEGER PRIMARY KEY,
    guid TEXT NOT NULL UNIQUE,
    rule TEXT NOT NULL UNIQUE,
    acknowledged_at INTEGER,
    acknowledged_level REAL,
    seen_at INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    clock TEXT NOT NULL DEFAULT '',
    sync_change_counter INTEGER NOT NULL DEFAULT 1,
    deleted INTEGER NOT NULL DEFAULT 0
);

-- The decisions already recorded on the alerts of this device.
INSERT INTO alert_decisions (guid, rule, acknowledged_at, acknowledged_level, seen_at, created_at, updated_at)
SELECT lower(hex(randomblob(16))), rule, CASE WHEN acknowledged = 1 THEN acknowledged_at END,
       CASE WHEN acknowledged = 1 THEN acknowledged_level END, seen_at, created_at, updated_at
FROM alerts
WHERE deleted = 0 AND (acknowledged = 1 OR seen_at IS NOT NULL)
  AND id = (SELECT max(id) FROM alerts AS a WHERE a.rule = alerts.rule AND a.deleted = 0);
