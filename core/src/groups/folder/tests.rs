//! The pack folder format, read from the example in docs/examples/group-pack (which docs/groups.md shows), and
//! its refusals, each naming the file and the field.

use std::path::{Path, PathBuf};

use super::*;
use crate::groups::items::ItemKind;

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/examples/group-pack")
}

#[test]
fn the_documented_example_folder_reads_as_four_checked_items() {
    let items = read_folder(&example()).unwrap();
    let kinds: Vec<ItemKind> = items.iter().map(Item::kind).collect();
    assert_eq!(kinds, vec![ItemKind::Article, ItemKind::Meeting, ItemKind::Service, ItemKind::Hotline]);
    let ItemBody::Meeting(meeting) = &items[1].body else { panic!("a meeting") };
    assert_eq!(meeting.rrule.as_deref(), Some("FREQ=WEEKLY;BYDAY=TU"));
    assert_eq!(meeting.time_zone, "Europe/London");
    assert_eq!(meeting.details.as_deref(), Some("We meet online every Tuesday evening. Cameras are optional."));
    let ItemBody::Hotline(line) = &items[3].body else { panic!("a hotline") };
    assert!(line.not_emergency, "a hotline is not an emergency line unless it says so");
    assert!(crate::groups::checks::check(&items, chrono::NaiveDate::from_ymd_opt(2027, 1, 10).unwrap()).is_empty());
}

fn refused(text: &str) -> String {
    match parse_item(text) {
        Err(GroupError::Invalid { field, .. }) => field,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn a_bad_item_file_is_refused_naming_the_field() {
    assert_eq!(refused("No front matter here."), "front matter");
    assert_eq!(refused("---\nkind: poem\nid: a\nlanguage: en\nlast_verified: 2027-01-01\n---\n"), "kind");
    assert_eq!(refused("---\nkind: article\nid: a\nlanguage: en\nlast_verified: 2027-01-01\n---\nText"), "title");
    assert_eq!(
        refused("---\nkind: article\nid: a\nlanguage: en\nlast_verified: 2027-01-01\ntitle: T\ncolour: red\n---\nText"),
        "front matter",
        "unknown fields are refused, not ignored"
    );
    assert_eq!(
        refused(
            "---\nkind: hotline\nid: a\nlanguage: en\nlast_verified: 2027-01-01\nname: L\nwords: 1\nuri: https://x\n---\n"
        ),
        "uri"
    );
}

#[test]
fn a_folder_names_the_file_at_fault_and_refuses_repeated_ids() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(example().join("01-welcome.md"), dir.path().join("a.md")).unwrap();
    std::fs::copy(example().join("01-welcome.md"), dir.path().join("b.md")).unwrap();
    match read_folder(dir.path()) {
        Err(GroupError::Invalid { field, .. }) => assert_eq!(field, "b.md: id"),
        other => panic!("expected a refusal, got {other:?}"),
    }
    std::fs::write(dir.path().join("b.md"), "---\nkind: article\n---\n").unwrap();
    match read_folder(dir.path()) {
        Err(GroupError::Invalid { field, .. }) => assert_eq!(field, "b.md: front matter"),
        other => panic!("expected a refusal, got {other:?}"),
    }
    let empty = tempfile::tempdir().unwrap();
    assert!(read_folder(empty.path()).is_err());
}
