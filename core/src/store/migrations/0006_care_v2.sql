-- Care v2 (guidance version 2): the inputs its red flags read, the loss time and "seen by a clinician".
-- Dizziness becomes one field (none | brief | lasting); the old yes/no reads as lasting.
ALTER TABLE checkins ADD COLUMN dizziness TEXT;
UPDATE checkins SET dizziness = 'lasting' WHERE dizzy = 1;
ALTER TABLE checkins DROP COLUMN dizzy;
ALTER TABLE checkins ADD COLUMN pain_pelvis INTEGER;
ALTER TABLE checkins ADD COLUMN pain_chest INTEGER;
ALTER TABLE checkins ADD COLUMN pain_side_left INTEGER;
ALTER TABLE checkins ADD COLUMN pain_side_right INTEGER;
-- The further signs, as one JSON object (the `signs` of the export format).
ALTER TABLE checkins ADD COLUMN signs TEXT NOT NULL DEFAULT '{}';
ALTER TABLE losses ADD COLUMN loss_at_ms INTEGER;
ALTER TABLE alerts ADD COLUMN seen_at INTEGER;
ALTER TABLE alerts ADD COLUMN severity TEXT;
