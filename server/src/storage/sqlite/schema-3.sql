-- Version 3: the last join-inbox sequence each group mailbox gave, so sequences never start again once every
-- request was acknowledged (and deleted): moderators read after the last one they took in.
ALTER TABLE groups ADD COLUMN inbox_last INTEGER NOT NULL DEFAULT 0;
