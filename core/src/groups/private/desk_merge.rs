//! Merging two moderators' desks (when a write was refused as too low, the moderator reads the newer desk and
//! merges): roster entries by member key, a removal always winning (Removed is sticky: only an owner's explicit
//! decision changes it), otherwise the later change winning (at one moment, the later status in
//! [`Status`]'s order, then the greater name and request id, so the result never depends on which desk merges
//! which); the inbox read up to the further point; notes as a union, keeping the latest 256; the epoch and read
//! key of the higher epoch; the draft of the higher sequence. Merging is commutative and idempotent (a property
//! test checks both), so moderators who merge in any order agree.

use std::collections::BTreeMap;

use super::desk::{Desk, MAX_NOTES, RosterEntry, Status};
use crate::groups::error::{GroupError, Result};

/// The order in which one member's two entries win: a removal always (a stale approval, or one whose writer's
/// clock runs ahead, never undoes it), then the later change, then the later status, then the rest.
fn rank(entry: &RosterEntry) -> (bool, i64, Status, &str, [u8; 16]) {
    (entry.status == Status::Removed, entry.changed_at, entry.status, &entry.display_name, entry.request_id)
}

impl Desk {
    /// Takes `other` in (see the module's documentation); desks of another group or intake key are refused.
    pub fn merge(&mut self, other: &Desk) -> Result<()> {
        if other.group_id != self.group_id || other.intake_secret != self.intake_secret {
            return Err(GroupError::refused("desk", "it is another group's desk"));
        }
        let mut roster: BTreeMap<[u8; 32], RosterEntry> = BTreeMap::new();
        for entry in self.roster.iter().chain(&other.roster) {
            match roster.get(&entry.member_key) {
                Some(held) if rank(held) >= rank(entry) => {}
                _ => {
                    roster.insert(entry.member_key, entry.clone());
                }
            }
        }
        self.roster = roster.into_values().collect();
        self.inbox_read_up_to = self.inbox_read_up_to.max(other.inbox_read_up_to);
        let mut notes: Vec<_> = self.notes.iter().chain(&other.notes).cloned().collect();
        notes.sort_by(|a, b| (a.at, &a.author, &a.text).cmp(&(b.at, &b.author, &b.text)));
        notes.dedup();
        self.notes = notes.split_off(notes.len().saturating_sub(MAX_NOTES));
        if (other.epoch, other.read_key) > (self.epoch, self.read_key) {
            self.epoch = other.epoch;
            self.read_key = other.read_key;
        }
        if (other.sequence, &other.draft) > (self.sequence, &self.draft) {
            self.draft = other.draft.clone();
        }
        self.sequence = self.sequence.max(other.sequence);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use proptest::test_runner::Config;

    use super::*;
    use crate::groups::private::desk::Note;

    const NAMES: [&str; 3] = ["Sam", "Kit", "Ana"];

    fn entry() -> impl Strategy<Value = RosterEntry> {
        (0u8..5, 0usize..3, 0u8..4, 0i64..4, 0u8..3).prop_map(|(key, name, status, changed_at, id)| RosterEntry {
            member_key: [key; 32],
            display_name: NAMES[name].into(),
            status: [Status::Pending, Status::Approved, Status::Declined, Status::Removed][usize::from(status)],
            changed_at,
            request_id: [id; 16],
        })
    }

    fn note() -> impl Strategy<Value = Note> {
        (0usize..3, 0usize..3, 0i64..4).prop_map(|(author, text, at)| Note {
            author: NAMES[author].into(),
            text: ["change the passcode", "", "met Sam"][text].into(),
            at,
        })
    }

    /// A desk as written on one device: its roster normalised (one entry per member, by key), its notes sorted.
    fn desk() -> impl Strategy<Value = Desk> {
        let parts = (
            0u64..4,
            1u32..4,
            0u8..3,
            proptest::collection::vec(entry(), 0..8),
            0u64..4,
            proptest::collection::vec(note(), 0..5),
            proptest::option::of(proptest::collection::vec(0u8..3, 0..3)),
        );
        parts.prop_map(|(sequence, epoch, key, roster, inbox_read_up_to, notes, draft)| {
            let empty = Desk {
                group_id: [1; 16],
                sequence,
                intake_secret: [2; 32],
                epoch,
                read_key: [key; 32],
                roster: Vec::new(),
                inbox_read_up_to,
                notes: Vec::new(),
                draft,
            };
            let mut written = empty.clone();
            (written.roster, written.notes) = (roster, notes);
            let mut desk = empty;
            desk.merge(&written).unwrap();
            desk
        })
    }

    proptest! {
        // No file of failures is kept (the repository's property tests persist nothing): a failure prints its case.
        #![proptest_config(Config { cases: 256, failure_persistence: None, ..Config::default() })]

        #[test]
        fn merge_is_commutative_and_idempotent(a in desk(), b in desk()) {
            let (mut ab, mut ba) = (a.clone(), b.clone());
            ab.merge(&b).unwrap();
            ba.merge(&a).unwrap();
            prop_assert_eq!(&ab, &ba);
            let mut again = ab.clone();
            again.merge(&b).unwrap();
            prop_assert_eq!(&again, &ab);
            let mut itself = a.clone();
            itself.merge(&a).unwrap();
            prop_assert_eq!(&itself, &a);
        }
    }

    #[test]
    fn the_later_change_wins_and_at_one_moment_the_later_status() {
        let sam = |status, changed_at| RosterEntry {
            member_key: [7; 32],
            display_name: "Sam".into(),
            status,
            changed_at,
            request_id: [1; 16],
        };
        let desk = |entry: RosterEntry, sequence| Desk {
            group_id: [1; 16],
            sequence,
            intake_secret: [2; 32],
            epoch: 1,
            read_key: [3; 32],
            roster: vec![entry],
            inbox_read_up_to: sequence,
            notes: Vec::new(),
            draft: None,
        };
        let mut mine = desk(sam(Status::Approved, 10), 4);
        mine.merge(&desk(sam(Status::Pending, 5), 6)).unwrap();
        assert_eq!((mine.roster[0].status, mine.sequence, mine.inbox_read_up_to), (Status::Approved, 6, 6));
        mine.merge(&desk(sam(Status::Removed, 10), 2)).unwrap();
        assert_eq!(mine.roster[0].status, Status::Removed);
        // A stale approval, its writer's clock ahead, does not undo the removal.
        mine.merge(&desk(sam(Status::Approved, 99), 8)).unwrap();
        assert_eq!(mine.roster[0].status, Status::Removed);
        let mut ahead = desk(sam(Status::Approved, 99), 8);
        ahead.merge(&desk(sam(Status::Removed, 10), 2)).unwrap();
        assert_eq!(ahead.roster[0].status, Status::Removed);
        let mut other_group = desk(sam(Status::Pending, 1), 1);
        other_group.group_id = [9; 16];
        assert!(matches!(mine.merge(&other_group), Err(GroupError::Refused { what: "desk", .. })));
    }
}
