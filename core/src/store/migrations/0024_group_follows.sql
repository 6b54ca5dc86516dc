-- Support groups, the member's side (issue 18): the reminders a member made from a group's meetings, so that
-- leaving the group can offer to remove them, and the expiry of the newest verified pack, so that what was
-- verified can be shown as possibly out of date once the pack has expired ("may have changed", "not
-- re-confirmed since DATE"). Device-local, like the groups themselves: the reminder is the person's own row and
-- syncs; this link to the group does not.

CREATE TABLE group_follows (
    group_id TEXT NOT NULL,
    item_id TEXT NOT NULL,
    -- The guid of the reminder made from the meeting (in `reminders`).
    reminder_guid TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (group_id, item_id)
);

-- Unix ms; NULL until a pack verified (or for a group joined before this step).
ALTER TABLE groups_joined ADD COLUMN pack_expires_at INTEGER;
