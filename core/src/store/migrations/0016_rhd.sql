-- Guidance version 2, anti-d: the person's RhD status, asked at set-up, so Mend can say once to ask the unit about
-- anti-D: 'negative', 'positive', 'unknown', or NULL (not asked).
ALTER TABLE profile ADD COLUMN rhd TEXT;
