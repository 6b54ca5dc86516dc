-- Mend care engine, schema 5: what an acknowledgement saw, so an acknowledged alert can come back.
-- An acknowledged alert is raised again when new evidence for its rule arrives: emergency and urgent rules on
-- any new check-in that shows the sign, contact rules only when that makes it worse than when acknowledged.
-- `level` is how bad the finding is where the rule measures it (mood-low-long: very low days), as last
-- evaluated; `acknowledged_level` is that level when the person acknowledged it. Both NULL for rules without
-- a measure (and for rows from before this step, which then come back on any new evidence).

ALTER TABLE alerts ADD COLUMN level REAL;
ALTER TABLE alerts ADD COLUMN acknowledged_level REAL;
