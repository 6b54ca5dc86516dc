-- Guidance version 2, postpartum-psychosis: "a partner may log it" on the person's device. Who logged a check-in:
-- 'person', 'partner', or NULL (not said: the person; every check-in from before this migration).
ALTER TABLE checkins ADD COLUMN logged_by TEXT;
