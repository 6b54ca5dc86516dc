-- An epoch switch this device owes the account (it revoked a device that may hold the keys up to this epoch):
-- the next sync finishes it, so a revocation stopped half-way still ends with new keys.
ALTER TABLE sync_state ADD COLUMN switch_owed INTEGER;
