//! When a member's device next asks its groups' servers for news: the apps refresh at open and again 6 hours after
//! the last check ([`REFRESH_EVERY`]); the core says when ([`Groups::next_refresh_at`]), the phone schedules it.
//! A check is any refresh that asked, whatever came back (new items, nothing new, a refusal, or no answer): an
//! unreachable server is tried again at the next open or 6 hours on, never in a tight loop.

use chrono::{DateTime, Duration, Utc};
use rusqlite::Connection;

use super::device::Groups;
use super::failure::Outcome;

/// How long after the last check the next one is due.
pub const REFRESH_EVERY: Duration = Duration::hours(6);

/// Records that every joined group was just checked.
pub(crate) fn mark_checked(tx: &Connection, now_ms: i64) -> rusqlite::Result<()> {
    tx.execute("UPDATE groups_joined SET checked_at = ?1", [now_ms])?;
    Ok(())
}

impl Groups<'_> {
    /// When the next refresh is due: 6 hours after the oldest group's last check (or its joining), which may be
    /// in the past (refresh now); `None` when no group is joined.
    pub fn next_refresh_at(&self) -> Outcome<Option<DateTime<Utc>>> {
        let oldest: Option<i64> = self.core.store.read(|conn| {
            Ok(conn.query_row("SELECT MIN(COALESCE(checked_at, joined_at)) FROM groups_joined", [], |r| r.get(0))?)
        })?;
        Ok(oldest.and_then(DateTime::from_timestamp_millis).map(|at| at + REFRESH_EVERY))
    }
}

#[cfg(test)]
mod tests {
    use chrono::Duration;

    use super::super::device_tests::{FakeServer, device, example_pack, new_group, run};

    #[test]
    fn the_next_refresh_is_six_hours_after_the_oldest_check_even_when_the_server_did_not_answer() {
        let server = FakeServer::new();
        let owner = device();
        let groups = owner.mend.groups(&owner.keys);
        let created = run(groups.create(&server, new_group("Tuesday circle"))).unwrap();
        run(groups.publish(&server, None, &example_pack())).unwrap();

        let mut member = device();
        let joined_at = member.mend.now();
        assert_eq!(member.mend.groups(&member.keys).next_refresh_at().unwrap(), None, "no group yet");
        run(member.mend.groups(&member.keys).join(&server, &created.invite)).unwrap();
        let due = member.mend.groups(&member.keys).next_refresh_at().unwrap();
        assert_eq!(due, Some(joined_at + Duration::hours(6)), "joining is a check");

        // Seven hours on, the refresh is overdue; once it has asked, the next is six hours after it.
        let later = joined_at + Duration::hours(7);
        member.mend.reopen(later);
        assert!(member.mend.groups(&member.keys).next_refresh_at().unwrap().unwrap() < later);
        run(member.mend.groups(&member.keys).refresh(&server)).unwrap();
        let due = member.mend.groups(&member.keys).next_refresh_at().unwrap();
        assert_eq!(due, Some(later + Duration::hours(6)));

        // A server out of reach counts as a check too: no retry loop before the next open or six hours.
        let offline = later + Duration::hours(8);
        member.mend.reopen(offline);
        server.go_offline();
        let refreshed = run(member.mend.groups(&member.keys).refresh(&server)).unwrap();
        assert!(matches!(refreshed[0], super::super::member::Refreshed::Unreachable { .. }));
        let due = member.mend.groups(&member.keys).next_refresh_at().unwrap();
        assert_eq!(due, Some(offline + Duration::hours(6)));
    }
}
