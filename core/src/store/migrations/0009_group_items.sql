-- The Library's second shelf: the articles of support groups the person joined, as their verified packs gave
-- them (the whole item, JSON). Device-local and derived: each device verifies and stores the packs it fetches,
-- so these rows are never synced, exported or merged; leaving a group removes its rows.
CREATE TABLE group_items (
    group_id TEXT NOT NULL,
    item_id TEXT NOT NULL,
    -- The group's name as its charter gives it (the "From <group>" label).
    group_name TEXT NOT NULL,
    item TEXT NOT NULL,
    PRIMARY KEY (group_id, item_id)
);
