//! Ids as people type them: a whole guid, or the short id human output shows (its first characters), accepted
//! when no other live check-in or event begins the same way.

use super::Journal;
use crate::error::Result;
use crate::ids::resolve;

/// The guids (at most two) of live `table` rows that begin with `text`.
fn beginning_with(conn: &rusqlite::Connection, table: &str, text: &str) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT guid FROM {table} WHERE deleted = 0 AND substr(guid, 1, length(?1)) = ?1 ORDER BY guid LIMIT 2"
    ))?;
    stmt.query_map([text], |r| r.get(0))?.collect()
}

impl Journal<'_> {
    /// The guid of the live check-in or event that `text` names: a whole guid, or the beginning of only one.
    pub fn resolve_entry(&self, text: &str) -> Result<String> {
        let text = text.trim();
        let candidates = self.core().store.read(|conn| {
            if text.is_empty() {
                return Ok(Vec::new());
            }
            let mut found = beginning_with(conn, "checkins", text)?;
            found.extend(beginning_with(conn, "events", text)?);
            Ok(found)
        })?;
        resolve(text, &candidates, "check-in or event")
    }
}

#[cfg(test)]
mod tests {
    use crate::fixtures::{TempMend, checkin_at, utc};

    #[test]
    fn a_short_id_names_the_one_entry_it_begins_and_nothing_else_is_guessed() {
        let mend = TempMend::at(utc(2026, 5, 6, 12, 0));
        let a = mend.journal().add_checkin(checkin_at(utc(2026, 5, 6, 9, 0), |d| d.mood = Some(4))).unwrap();
        let short = crate::ids::short_id(&a.guid);
        assert_eq!(mend.journal().resolve_entry(short).unwrap(), a.guid);
        assert_eq!(mend.journal().resolve_entry(&a.guid).unwrap(), a.guid);
        assert!(matches!(mend.journal().resolve_entry("zzzzzzzzz"), Err(crate::Error::NotFound { .. })));
        assert!(matches!(mend.journal().resolve_entry(""), Err(crate::Error::NotFound { .. })));
        // A beginning two entries share is refused, asking for more of it.
        let candidates = ["abc123xyz".to_owned(), "abc123uvw".to_owned()];
        let err = crate::ids::resolve("abc", &candidates, "check-in or event").unwrap_err();
        assert!(err.to_string().contains("type more of it"), "{err}");
        assert_eq!(crate::ids::resolve("abc123xyz", &candidates, "x").unwrap(), "abc123xyz");
        // A deleted entry is not named.
        mend.journal().delete_checkin(&a.guid).unwrap();
        assert!(mend.journal().resolve_entry(short).is_err());
    }
}
