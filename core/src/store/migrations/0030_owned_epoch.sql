-- A private owned group's epoch whose read key this device holds (docs/groups.md, "Private groups"): an owner's
-- device takes the newer epoch's read key from the moderators' desk before it publishes or changes the charter,
-- and refuses a desk older than this. NULL for an open group, or a private one still at epoch 1.
ALTER TABLE groups_owned ADD COLUMN epoch INTEGER;
