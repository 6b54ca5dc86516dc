-- What this device last uploaded of a row the server already had, when no reply came (the server may have
-- committed it): the second base of the row's next merge. Cleared when the mirror records a newer version.
ALTER TABLE sync_mirror ADD COLUMN sent TEXT;
