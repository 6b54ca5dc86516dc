//! How fresh a joined group's items are. A pack expires (a year after it was published, at most), and what was
//! verified stays visible after that — but marked: a hotline is "not re-confirmed since" the day it was last
//! verified, a meeting "may have changed". A hotline whose group has not re-confirmed it in six months (183
//! days, the same line the publishing checks draw) is stale: shown in the Library only, marked, never beside an
//! alert. The pack's expiry is kept beside the group (`groups_joined.pack_expires_at`, migration 0024), written
//! in the same transaction as the pack it belongs to.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::device::Groups;
use super::failure::Outcome;
use super::local::{self, JoinedRow};

/// Days after which a hotline not re-confirmed is stale.
pub const RECONFIRM_DAYS: i64 = 183;

/// Records the expiry of the pack just stored for `group`.
pub fn set_pack_expiry(tx: &Connection, group: &str, expires_at: DateTime<Utc>) -> rusqlite::Result<()> {
    tx.execute(
        "UPDATE groups_joined SET pack_expires_at = ?2 WHERE group_id = ?1",
        params![group, expires_at.timestamp_millis()],
    )?;
    Ok(())
}

/// The expiry of `group`'s newest verified pack (`None` before the first, or if unknown).
pub fn pack_expiry(conn: &Connection, group: &str) -> rusqlite::Result<Option<DateTime<Utc>>> {
    let ms: Option<Option<i64>> = conn
        .prepare_cached("SELECT pack_expires_at FROM groups_joined WHERE group_id = ?1")?
        .query_row([group], |r| r.get(0))
        .optional()?;
    Ok(ms.flatten().and_then(DateTime::from_timestamp_millis))
}

/// Whether what `row` holds is past its time at `now`: its newest pack has expired, or its charter has (the
/// group is frozen). Its items stay visible, marked.
pub fn expired(row: &JoinedRow, pack_expires_at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    row.trust.frozen(now) || pack_expires_at.is_some_and(|at| now >= at)
}

/// Whether an item last verified on `last_verified` has gone more than [`RECONFIRM_DAYS`] without being
/// re-confirmed, on `today`.
pub fn stale(last_verified: NaiveDate, today: NaiveDate) -> bool {
    (today - last_verified).num_days() > RECONFIRM_DAYS
}

impl Groups<'_> {
    /// The ids of the joined groups whose newest pack (or charter) has expired now: their items stay, marked
    /// (meetings "may have changed", hotlines "not re-confirmed since").
    pub fn expired_groups(&self) -> Outcome<Vec<String>> {
        let now = self.core.clock.now();
        Ok(self.core.store.read(|conn| {
            let mut out = Vec::new();
            for row in local::joined(conn)? {
                if expired(&row, pack_expiry(conn, &row.group_id)?, now) {
                    out.push(row.group_id);
                }
            }
            Ok(out)
        })?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn six_months_is_the_line() {
        let verified = NaiveDate::from_ymd_opt(2027, 1, 2).unwrap();
        assert!(!stale(verified, verified + chrono::Duration::days(RECONFIRM_DAYS)));
        assert!(stale(verified, verified + chrono::Duration::days(RECONFIRM_DAYS + 1)));
        assert!(!stale(verified, verified));
    }
}
