-- When this device last wrote a backup of a group it owns (`mend group backup`), or restored it from one; NULL
-- before the first. A group with one owner and no backup is one lost phone away from being orphaned, and Mend
-- says so until this is set.
ALTER TABLE groups_owned ADD COLUMN backed_up_at INTEGER;
