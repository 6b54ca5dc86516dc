-- Guidance version 2, mood screens: whether the person wants Mend to offer the two Whooley questions and the
-- PC-PTSD-5 at about 4 weeks and 3 months after the loss. Asked once at set-up and changeable: NULL not asked
-- yet (never offered), 0 off, 1 on.
ALTER TABLE profile ADD COLUMN mood_screens INTEGER;
