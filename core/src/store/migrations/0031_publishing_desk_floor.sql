-- For a publisher of a private group (docs/groups.md, "Private groups"): the epoch and sequence of the newest
-- moderators' desk this device verified. A desk below it (one the server replays) is refused, and once a desk
-- was seen, a desk that cannot be read or verified stops her publishing. NULL before the first desk.
ALTER TABLE groups_publishing ADD COLUMN desk_epoch INTEGER;
ALTER TABLE groups_publishing ADD COLUMN desk_sequence INTEGER;
