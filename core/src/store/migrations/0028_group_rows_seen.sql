-- Which version of the person's membership row (`group_memberships`, 0027) each group held on this device last
-- agreed with: the row's `updated_at` (Unix ms) when this device wrote it or took the group up from it. A row
-- marked left (or deleted) later than that is a leave made elsewhere after this device's joining, whatever the
-- devices' clocks say; one no later is older than this device's own joining. NULL: held here before any row
-- (joined or created before sync was set up).
ALTER TABLE groups_joined ADD COLUMN row_seen INTEGER;
ALTER TABLE groups_owned ADD COLUMN row_seen INTEGER;
ALTER TABLE groups_publishing ADD COLUMN row_seen INTEGER;
