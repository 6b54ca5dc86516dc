//! The Library with two sources: the built-in guides and a group's articles, served through one capability —
//! listed, read, searched, suggested and bookmarked — each item knowing its source, a group's words labelled as
//! theirs and never cited as Mend's, ids that never collide, and the group's shelf replaced or removed whole.

use super::shelf::{GROUP_PREFIX, group_item_id, parse_group_item_id};
use super::*;
use crate::fixtures::groups::{article, hotline, meeting};
use crate::fixtures::{TempMend, utc};
use crate::groups::items::Item;

const GROUP: &str = "a1b2c3";
const NAME: &str = "Hope After Loss, Dublin";

fn now() -> chrono::DateTime<chrono::Utc> {
    utc(2026, 6, 1, 12, 0)
}

fn shelved(items: &[Item]) -> TempMend {
    let mend = TempMend::at(now());
    mend.library().shelve_group(GROUP, NAME, items).unwrap();
    mend
}

fn walking() -> Item {
    let mut item = article(
        "walking-group",
        "We meet for a slow walk by the canal on Saturdays [src:made-up]. Everyone is welcome.\n\nBring a friend.",
    );
    if let crate::groups::items::ItemBody::Article { title, .. } = &mut item.body {
        *title = "Our Saturday walks".into();
    }
    item
}

#[test]
fn a_groups_articles_sit_beside_the_guides_labelled_as_theirs() {
    let mend = shelved(&[walking(), meeting("monthly"), hotline("line")]);
    let list = mend.library().list("en").unwrap();
    let builtin = Catalog::builtin().guides("en").len();
    assert_eq!(list.len(), builtin + 1, "only articles are shelved");
    let ours = list.last().unwrap();
    assert_eq!(ours.id, group_item_id(GROUP, "walking-group"));
    assert_eq!(ours.label.as_deref(), Some("From Hope After Loss, Dublin"));
    assert_eq!(ours.source, ItemSource::Group { group: GROUP.into(), name: NAME.into() });
    assert!(list[..builtin].iter().all(|g| g.source == ItemSource::Mend && g.label.is_none()));
    // Read: the moderators' words as they wrote them; nothing in them is taken for one of Mend's citations.
    let guide = mend.library().guide(&ours.id, "en").unwrap();
    assert_eq!(guide.summary, "We meet for a slow walk by the canal on Saturdays [src:made-up]. Everyone is welcome.");
    let cited = mend.library().cited(&guide);
    assert!(cited.references.is_empty() && cited.markdown.contains("[src:made-up]"));
    assert!(matches!(mend.library().guide("group:a1b2c3:no-such-item", "en"), Err(crate::Error::NotFound { .. })));
}

#[test]
fn search_suggestions_and_bookmarks_serve_both_sources() {
    let mend = shelved(&[walking()]);
    let hits = mend.library().search("canal walk", "en").unwrap();
    assert_eq!(hits[0].guide.id, group_item_id(GROUP, "walking-group"), "{hits:?}");
    assert_eq!(hits.iter().map(|h| h.rank).collect::<Vec<_>>(), (1..=hits.len() as u32).collect::<Vec<_>>());
    // A word only the guides have still finds them first, ranked across both.
    assert_eq!(mend.library().search("sciatica", "en").unwrap()[0].guide.id, "massage-in-a-later-pregnancy");
    // Suggestions: the guides that fit come first; the group's article after them, with its reason.
    let all = mend.library().suggest_for(&Stage::default(), "en", 100).unwrap();
    let last = all.last().unwrap();
    assert_eq!(
        (last.guide.id.as_str(), last.reason.as_str()),
        ("group:a1b2c3:walking-group", "Shared by a group you joined.")
    );
    assert!(all[..all.len() - 1].iter().all(|s| s.guide.source == ItemSource::Mend));
    // Bookmarks take either kind of id; a bookmark of an article the group removed stays, unlisted.
    let id = group_item_id(GROUP, "walking-group");
    mend.library().bookmark(&id).unwrap();
    mend.library().bookmark("when-to-get-help").unwrap();
    let marks: Vec<String> = mend.library().bookmarks("en").unwrap().into_iter().map(|b| b.guide.id).collect();
    assert_eq!(marks.len(), 2, "{marks:?}");
    mend.library().unshelve_group(GROUP).unwrap();
    let marks: Vec<String> = mend.library().bookmarks("en").unwrap().into_iter().map(|b| b.guide.id).collect();
    assert_eq!(marks, ["when-to-get-help"]);
    assert!(mend.library().state(&id).unwrap().is_some_and(|s| s.bookmarked));
    assert!(matches!(mend.library().bookmark(&id), Err(crate::Error::NotFound { .. })));
}

#[test]
fn a_new_pack_replaces_the_shelf_and_withdrawn_items_leave_it() {
    let mend = shelved(&[walking(), article("second", "More words.")]);
    let count = |m: &TempMend| m.library().list("en").unwrap().iter().filter(|g| g.label.is_some()).count();
    assert_eq!(count(&mend), 2);
    let mut withdrawn = walking();
    withdrawn.withdrawn = true;
    mend.library().shelve_group(GROUP, NAME, &[withdrawn]).unwrap();
    assert_eq!(count(&mend), 0);
    // Erasing everything leaves no trace of which groups the person joined.
    mend.library().shelve_group(GROUP, NAME, &[walking()]).unwrap();
    mend.export().erase_all().unwrap();
    assert_eq!(count(&mend), 0);
}

#[test]
fn group_item_ids_never_collide_with_guide_ids() {
    for guide in Catalog::builtin().all() {
        assert!(!guide.id.starts_with(GROUP_PREFIX) && parse_group_item_id(&guide.id).is_none(), "{}", guide.id);
        assert!(!guide.id.contains(':'), "{}", guide.id);
    }
    assert_eq!(parse_group_item_id("group:abc:item-1"), Some(("abc", "item-1")));
    for not_ours in ["group:", "group::x", "group:abc:", "groupabc:x", "when-to-get-help"] {
        assert_eq!(parse_group_item_id(not_ours), None, "{not_ours}");
    }
    // Guide ids are kebab-case: a `group:` id is never a valid guide id.
    assert!(!is_guide_id("group:abc:item-1"));
}
