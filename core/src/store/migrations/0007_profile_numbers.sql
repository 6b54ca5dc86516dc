-- The person's own numbers in the profile: the early-pregnancy or maternity unit's 24-hour number and their own
-- emergency and crisis numbers, each a label and the number as typed (the tel: URI is derived when read).
ALTER TABLE profile ADD COLUMN unit_label TEXT;
ALTER TABLE profile ADD COLUMN unit_number TEXT;
ALTER TABLE profile ADD COLUMN own_emergency_label TEXT;
ALTER TABLE profile ADD COLUMN own_emergency_number TEXT;
ALTER TABLE profile ADD COLUMN own_crisis_label TEXT;
ALTER TABLE profile ADD COLUMN own_crisis_number TEXT;
