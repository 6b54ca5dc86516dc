-- The sections of the check-in form a check-in went through (comma-separated section ids, in the form's order):
-- what was left unticked or empty there counts as "no" or 0, so a later check-in can show that an alert's signs
-- have gone (guidance version 2: "An alert stays open until a check-in at least 12 hours later shows none of its
-- signs"). Older check-ins answered nothing explicitly.
ALTER TABLE checkins ADD COLUMN answered TEXT NOT NULL DEFAULT '';
