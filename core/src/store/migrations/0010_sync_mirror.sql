-- The mirror of the last synced state: for each row a change from the server wrote, the server's version (its
-- export form, JSON). The base of sync's three-way merge; device-local, never exported or uploaded.
CREATE TABLE sync_mirror (
    table_name TEXT NOT NULL,
    guid TEXT NOT NULL,
    row TEXT NOT NULL,
    PRIMARY KEY (table_name, guid)
);
