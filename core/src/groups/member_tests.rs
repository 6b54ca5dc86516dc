//! The member's side on one device, beyond joining: following a meeting as a reminder (in the meeting's zone,
//! one transaction, refused when cancelled or already followed), group hotlines beside mood alerts only and
//! marked when stale or expired, and leaving (items, shelf, states and — when asked — the reminders).

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use mend_protocol::hex;

use super::charter::SignedCharter;
use super::failure::GroupsFailure;
use super::freshness;
use super::items::{Item, ItemBody, ItemKind};
use super::keys::GroupSecrets;
use super::local::{self, JoinedRow};
use super::trust::GroupTrust;
use crate::care::RuleId;
use crate::crypto::SigningKey;
use crate::fixtures::{TempMend, groups as fixtures};
use crate::reminders::{ReminderKind, Schedule};
use crate::sync::keystore::FileKeyStore;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2027, 2, 1, 12, 0, 0).unwrap()
}

struct Member {
    mend: TempMend,
    keys: FileKeyStore,
}

fn member_at(at: DateTime<Utc>) -> Member {
    let mend = TempMend::at(at);
    let keys = FileKeyStore::in_dir(mend.dir());
    Member { mend, keys }
}

/// Stores a joined group named `name` holding `items` (as a verified pack would leave it), its pack expiring at
/// `expires`; gives its id.
fn join(member: &Member, name: &str, items: Vec<Item>, expires: DateTime<Utc>) -> String {
    let secrets = GroupSecrets::generate();
    let owner = SigningKey::generate();
    let mut charter = fixtures::charter(&secrets, &[&owner], 1, &[("editor", &owner, &ItemKind::ALL)], now());
    charter.name = name.into();
    let mut signed = SignedCharter::new(&charter).unwrap();
    signed.sign(&owner);
    let trust = GroupTrust::from_root(&signed.hash(), &signed).unwrap();
    let id = hex::encode(&trust.group_id());
    let row = JoinedRow { group_id: id.clone(), server: "https://groups.example.org".into(), trust, items };
    let groups = member.mend.groups(&member.keys);
    groups
        .core
        .store
        .write(|tx| {
            local::insert_joined(tx, &row, 0)?;
            freshness::set_pack_expiry(tx, &row.group_id, expires)?;
            Ok(())
        })
        .unwrap();
    id
}

fn pack() -> Vec<Item> {
    vec![
        fixtures::article("welcome", "Whatever brought you here, you are welcome."),
        fixtures::meeting("tuesday"),
        fixtures::hotline("line"),
    ]
}

#[test]
fn following_a_meeting_makes_one_reminder_in_its_zone() {
    let member = member_at(now());
    let id = join(&member, "Tuesday circle", pack(), now() + Duration::days(300));
    let groups = member.mend.groups(&member.keys);

    let followed = groups.follow("tuesday circle", "tuesday").unwrap();
    assert_eq!((followed.group_id.as_str(), followed.item_id.as_str()), (id.as_str(), "tuesday"));
    let reminder = &followed.reminder;
    assert_eq!(reminder.kind, ReminderKind::GroupMeeting);
    assert_eq!(reminder.time_zone.as_deref(), Some("Europe/London"));
    assert!(matches!(&reminder.schedule, Schedule::Repeating { rrule, start, time }
        if rrule == "FREQ=WEEKLY;BYDAY=TU" && *start == NaiveDate::from_ymd_opt(2027, 1, 5).unwrap() && time.to_string() == "19:00"));
    assert_eq!(member.mend.reminders().all().unwrap(), vec![reminder.clone()]);

    // Twice is refused while the reminder is there; once it is deleted, the meeting can be followed again.
    assert!(matches!(groups.follow(&id, "tuesday"), Err(GroupsFailure::Conflict(_))));
    member.mend.reminders().delete(&reminder.guid).unwrap();
    let again = groups.follow(&id, "tuesday").unwrap();
    assert_ne!(again.reminder.guid, reminder.guid);
    assert_eq!(member.mend.reminders().all().unwrap().len(), 1);

    // Not a meeting, not an item, not a group.
    assert!(matches!(groups.follow(&id, "welcome"), Err(GroupsFailure::Conflict(_))));
    assert!(matches!(groups.follow(&id, "nothing"), Err(GroupsFailure::NotFound(_))));
    assert!(matches!(groups.follow("another group", "tuesday"), Err(GroupsFailure::NotFound(_))));
}

#[test]
fn a_cancelled_or_past_meeting_is_not_followed() {
    let member = member_at(now());
    let mut cancelled = fixtures::meeting("cancelled");
    let mut once = fixtures::meeting("once");
    if let ItemBody::Meeting(m) = &mut cancelled.body {
        m.cancelled = true;
    }
    if let ItemBody::Meeting(m) = &mut once.body {
        m.rrule = None;
    }
    let id = join(&member, "Tuesday circle", vec![cancelled, once], now() + Duration::days(300));
    let groups = member.mend.groups(&member.keys);
    assert!(matches!(groups.follow(&id, "cancelled"), Err(GroupsFailure::Conflict(_))));
    // A single meeting on 5 January 2027 has passed by 1 February.
    assert!(matches!(groups.follow(&id, "once"), Err(GroupsFailure::Journal(_))));
    assert!(member.mend.reminders().all().unwrap().is_empty());
}

#[test]
fn a_single_meeting_ahead_is_followed_once() {
    let member = member_at(Utc.with_ymd_and_hms(2027, 1, 2, 9, 0, 0).unwrap());
    let mut once = fixtures::meeting("once");
    if let ItemBody::Meeting(m) = &mut once.body {
        m.rrule = None;
    }
    let id = join(&member, "Tuesday circle", vec![once], now() + Duration::days(300));
    let followed = member.mend.groups(&member.keys).follow(&id, "once").unwrap();
    assert!(
        matches!(followed.reminder.schedule, Schedule::Once { date, .. } if date == NaiveDate::from_ymd_opt(2027, 1, 5).unwrap())
    );
}

#[test]
fn group_lines_come_with_mood_alerts_only() {
    let member = member_at(now());
    join(&member, "Tuesday circle", pack(), now() + Duration::days(300));
    let groups = member.mend.groups(&member.keys);
    for rule in [RuleId::MoodCrisis, RuleId::MoodLowLong, RuleId::MoodScreen] {
        let lines = groups.hotlines_for_alert(rule).unwrap();
        assert_eq!(lines.len(), 1, "{rule:?}");
        assert_eq!((lines[0].group_name.as_str(), lines[0].words.as_str()), ("Tuesday circle", "0800 014 7800"));
        assert!(lines[0].not_emergency);
    }
    for rule in [
        RuleId::BleedingSoaking,
        RuleId::Fever,
        RuleId::SepsisSigns,
        RuleId::DischargeFoul,
        RuleId::Wound,
        RuleId::PostpartumPsychosis,
    ] {
        assert!(groups.hotlines_for_alert(rule).unwrap().is_empty(), "{rule:?}");
    }
}

#[test]
fn a_stale_or_expired_line_is_in_the_library_only_marked() {
    // Last verified 2 January 2027: stale from 5 July 2027 (more than 183 days).
    let later = Utc.with_ymd_and_hms(2027, 7, 5, 12, 0, 0).unwrap();
    let member = member_at(later);
    join(&member, "Tuesday circle", pack(), later + Duration::days(100));
    let groups = member.mend.groups(&member.keys);
    let all = groups.hotlines().unwrap();
    assert_eq!(all.len(), 1);
    assert!(all[0].stale && !all[0].expired);
    assert!(groups.hotlines_for_alert(RuleId::MoodCrisis).unwrap().is_empty());

    // Fresh, but the pack has expired: kept, marked, not beside an alert.
    let member = member_at(now());
    join(&member, "Tuesday circle", pack(), now() - Duration::days(1));
    let groups = member.mend.groups(&member.keys);
    let all = groups.hotlines().unwrap();
    assert!(!all[0].stale && all[0].expired);
    assert!(groups.hotlines_for_alert(RuleId::MoodCrisis).unwrap().is_empty());

    // Withdrawn: nowhere.
    let member = member_at(now());
    let mut withdrawn = fixtures::hotline("line");
    withdrawn.withdrawn = true;
    join(&member, "Tuesday circle", vec![withdrawn], now() + Duration::days(300));
    assert!(member.mend.groups(&member.keys).hotlines().unwrap().is_empty());
}

#[test]
fn leaving_removes_items_states_links_and_when_asked_the_reminders() {
    let member = member_at(now());
    let id = join(&member, "Tuesday circle", pack(), now() + Duration::days(300));
    let other = join(&member, "Thursday circle", pack(), now() + Duration::days(300));
    let groups = member.mend.groups(&member.keys);
    let article = crate::library::shelf::group_item_id(&id, "welcome");
    let kept_article = crate::library::shelf::group_item_id(&other, "welcome");
    member.mend.library().bookmark(&article).unwrap();
    member.mend.library().mark_read(&kept_article).unwrap();
    let followed = groups.follow(&id, "tuesday").unwrap();
    let other_followed = groups.follow(&other, "tuesday").unwrap();
    assert_eq!(groups.followed_reminders(&id).unwrap(), vec![followed.reminder.clone()]);

    let left = groups.leave_with(&id, true).unwrap();
    assert_eq!((left.name.as_str(), left.states_removed, left.reminders_removed), ("Tuesday circle", 1, 1));
    assert!(left.reminders_kept.is_empty());
    // Its reminder is gone; the other group's stays, with its link and state.
    let reminders = member.mend.reminders().all().unwrap();
    assert_eq!(reminders, vec![other_followed.reminder.clone()]);
    assert!(member.mend.library().bookmarks("en").unwrap().is_empty());
    let states = groups.core.store.read(|conn| Ok(crate::library::state::all(conn)?)).unwrap();
    assert_eq!(states.iter().map(|s| s.guide_id.as_str()).collect::<Vec<_>>(), vec![kept_article.as_str()]);
    let links = groups.core.store.read(|conn| Ok(super::follows::live(conn, &id)?)).unwrap();
    assert!(links.is_empty());
    assert_eq!(groups.followed_reminders(&other).unwrap().len(), 1);
    // Its items, shelf and lines are gone.
    assert!(groups.items(None).unwrap().iter().all(|i| i.group_id == other));
    assert!(member.mend.library().list("en").unwrap().iter().all(|g| !g.id.contains(&id)));
    assert!(groups.hotlines().unwrap().iter().all(|l| l.group_id == other));

    // Keeping the reminders: they stay, named, and no longer linked.
    let kept = groups.leave_with("Thursday circle", false).unwrap();
    assert_eq!(kept.reminders_kept, vec![other_followed.reminder.guid.clone()]);
    assert_eq!(member.mend.reminders().all().unwrap().len(), 1);
    let links: i64 = groups
        .core
        .store
        .read(|conn| Ok(conn.query_row("SELECT COUNT(*) FROM group_follows", [], |r| r.get(0))?))
        .unwrap();
    assert_eq!(links, 0);
    assert!(matches!(groups.leave_with(&id, true), Err(GroupsFailure::NotFound(_))));
}

#[test]
fn the_library_lists_official_lines_then_the_groups() {
    let member = member_at(now());
    join(&member, "Tuesday circle", pack(), now() + Duration::days(300));
    let lines = member.mend.library().support_lines().unwrap();
    assert!(!lines.official.is_empty());
    assert_eq!(lines.groups.len(), 1);
    assert_eq!(lines.groups[0].group_name, "Tuesday circle");
}

#[test]
fn a_group_article_gives_its_content_notes() {
    let member = member_at(now());
    let mut article = fixtures::article("after", "A later pregnancy can bring mixed feelings.");
    article.content_notes = vec![super::items::ContentNote::Pregnancy];
    let id = join(&member, "Tuesday circle", vec![article], now() + Duration::days(300));
    let library = member.mend.library();
    let notes = library.content_notes(&crate::library::shelf::group_item_id(&id, "after")).unwrap();
    assert_eq!(notes, vec![super::items::ContentNote::Pregnancy]);
    assert!(library.content_notes("bleeding-after-miscarriage").unwrap().is_empty());
}

/// Runs [`super::follow::track`] as a refresh would, from `old` to `new` items.
fn track(member: &Member, id: &str, old: &[Item], new: &[Item]) -> usize {
    let groups = member.mend.groups(&member.keys);
    groups.core.store.write(|tx| super::follow::track(tx, id, old, new, now())).unwrap()
}

fn with_meeting(items: &[Item], edit: impl FnOnce(&mut Item)) -> Vec<Item> {
    let mut items = items.to_vec();
    edit(items.iter_mut().find(|i| i.id == "tuesday").unwrap());
    items
}

#[test]
fn a_followed_meeting_that_moves_moves_its_reminder_unless_the_person_changed_it() {
    let member = member_at(now());
    let old = pack();
    let id = join(&member, "Tuesday circle", old.clone(), now() + Duration::days(300));
    let guid = member.mend.groups(&member.keys).follow(&id, "tuesday").unwrap().reminder.guid;
    let reminder = || member.mend.reminders().reminder(&guid).unwrap().unwrap();

    // Moved to 19:30 on Wednesdays: the reminder follows.
    let moved = with_meeting(&old, |i| {
        if let ItemBody::Meeting(m) = &mut i.body {
            m.start = NaiveDate::from_ymd_opt(2027, 1, 6).unwrap().and_hms_opt(19, 30, 0).unwrap();
            m.rrule = Some("FREQ=WEEKLY;BYDAY=WE".into());
        }
    });
    assert_eq!(track(&member, &id, &old, &moved), 1);
    assert!(matches!(reminder().schedule, Schedule::Repeating { ref rrule, time, .. }
        if rrule == "FREQ=WEEKLY;BYDAY=WE" && time.to_string() == "19:30"));
    assert_eq!(track(&member, &id, &moved, &moved), 0, "nothing new, nothing changed");

    // Cancelled: paused; back on: resumed.
    let cancelled = with_meeting(&moved, |i| {
        if let ItemBody::Meeting(m) = &mut i.body {
            m.cancelled = true;
        }
    });
    assert_eq!(track(&member, &id, &moved, &cancelled), 1);
    assert!(reminder().paused);
    assert_eq!(track(&member, &id, &cancelled, &moved), 1);
    assert!(!reminder().paused);

    // Withdrawn: paused.
    let withdrawn = with_meeting(&moved, |i| i.withdrawn = true);
    assert_eq!(track(&member, &id, &moved, &withdrawn), 1);
    assert!(reminder().paused);
    member.mend.reminders().resume(&guid).unwrap();

    // The person moved the reminder themselves: a later change of the meeting leaves it alone.
    let mut mine = crate::reminders::NewReminder {
        kind: ReminderKind::GroupMeeting,
        title: "Tuesday circle".into(),
        schedule: reminder().schedule,
        time_zone: Some("America/New_York".into()),
        until: None,
    };
    mine.title = "Circle (my time)".into();
    member.mend.reminders().update(&guid, mine).unwrap();
    assert_eq!(track(&member, &id, &moved, &old), 0);
    assert_eq!(reminder().time_zone.as_deref(), Some("America/New_York"));
}
