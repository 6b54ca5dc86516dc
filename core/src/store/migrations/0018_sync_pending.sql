-- Sync asks often which rows wait to go up (sync_change_counter > 0): after each change, for the status, for each
-- upload batch. These partial indexes hold only those rows (none, most of the time), so the question costs the
-- same on a 5-year journal as on a new one.
CREATE INDEX profile_to_upload ON profile (id) WHERE sync_change_counter > 0;
CREATE INDEX losses_to_upload ON losses (id) WHERE sync_change_counter > 0;
CREATE INDEX checkins_to_upload ON checkins (id) WHERE sync_change_counter > 0;
CREATE INDEX events_to_upload ON events (id) WHERE sync_change_counter > 0;
CREATE INDEX library_state_to_upload ON library_state (id) WHERE sync_change_counter > 0;
CREATE INDEX alert_decisions_to_upload ON alert_decisions (id) WHERE sync_change_counter > 0;
CREATE INDEX reminders_to_upload ON reminders (id) WHERE sync_change_counter > 0;
CREATE INDEX reminder_history_to_upload ON reminder_history (id) WHERE sync_change_counter > 0;
CREATE INDEX reminder_settings_to_upload ON reminder_settings (id) WHERE sync_change_counter > 0;
