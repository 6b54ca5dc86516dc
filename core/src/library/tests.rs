//! Library tests through `Mend::library()` on temporary journals: listing and locale fallback, search (the
//! issue's queries, safe queries as a property test, snippets, prefix and OR fallback), bookmarks and read
//! state, export/import round trips, erase, and suggestions on the Today dashboard.

use chrono::{Duration, NaiveDate};
use proptest::prelude::*;

use super::*;
use crate::fixtures::{TempMend, checkin_at, utc};
use crate::observe::Change;

fn now() -> chrono::DateTime<chrono::Utc> {
    utc(2026, 6, 1, 12, 0)
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn ids<T>(items: &[T], id: impl Fn(&T) -> &str) -> Vec<String> {
    items.iter().map(|i| id(i).to_owned()).collect()
}

fn search_ids(mend: &TempMend, text: &str) -> Vec<String> {
    ids(&mend.library().search(text, "en").unwrap(), |h| &h.guide.id)
}

#[test]
fn list_gives_every_english_guide_in_the_order_recovery_meets_them() {
    let mend = TempMend::at(now());
    let list = mend.library().list("en").unwrap();
    assert!(list.len() >= 16);
    assert!(list.windows(2).all(|w| {
        let day = |g: &GuideSummary| mend.library().guide(&g.id, "en").unwrap().stages.days_from;
        day(&w[0]) <= day(&w[1])
    }));
    let guide = mend.library().guide("when-to-get-help", "en").unwrap();
    assert_eq!(guide.title, "When to get help");
    assert!(guide.body.starts_with("Most recovery"));
    assert!(matches!(mend.library().guide("no-such-guide", "en"), Err(crate::Error::NotFound { .. })));
    // A locale with no translations falls back to English, guide by guide.
    assert_eq!(mend.library().list("ga-IE").unwrap(), list);
    assert_eq!(mend.library().guide("when-to-get-help", "ga").unwrap().locale, "en");
}

#[test]
fn the_issues_searches_find_the_right_guides() {
    let mend = TempMend::at(now());
    assert_eq!(search_ids(&mend, "sciatica")[0], "massage-in-a-later-pregnancy");
    assert_eq!(search_ids(&mend, "when will my period come back")[0], "first-period-after-miscarriage");
    assert_eq!(search_ids(&mend, "When will my period come back?")[0], "first-period-after-miscarriage");
    let massage = search_ids(&mend, "massage");
    assert_eq!(massage[..2].iter().collect::<std::collections::BTreeSet<_>>().len(), 2);
    assert!(massage[..2].contains(&"massage-after-miscarriage".to_owned()), "{massage:?}");
    assert!(massage[..2].contains(&"massage-in-a-later-pregnancy".to_owned()), "{massage:?}");
    assert_eq!(search_ids(&mend, "guilt")[0], "guilt-and-self-blame");
    for nothing in ["", "   ", "\"", "NOT", "*", "(", ")", "😢", "AND OR", "not NOT"] {
        assert!(search_ids(&mend, nothing).is_empty(), "{nothing:?}");
    }
    // Operator words that are not common words are searched as words.
    assert!(search_ids(&mend, "NEAR").contains(&"when-to-get-help".to_owned()), "nearest emergency department");
}

#[test]
fn search_stems_matches_prefixes_and_falls_back_to_any_word() {
    let mend = TempMend::at(now());
    assert_eq!(search_ids(&mend, "perio")[0], "first-period-after-miscarriage", "prefix of the last word");
    assert!(search_ids(&mend, "clots legs").contains(&"blood-clots-after-a-later-loss".to_owned()), "stemming");
    // No guide has both words, so guides with either come back rather than nothing.
    assert!(search_ids(&mend, "sciatica zzzzqqq").contains(&"massage-in-a-later-pregnancy".to_owned()));
    let either = search_ids(&mend, "sciatica memorial keepsake");
    assert!(either.contains(&"massage-in-a-later-pregnancy".to_owned()), "{either:?}");
    assert!(either.contains(&"making-a-memorial".to_owned()), "{either:?}");
    // Operators typed by a person are words, not syntax.
    assert_eq!(search_ids(&mend, "guilt NOT blame"), search_ids(&mend, "guilt blame"));
    assert_eq!(search_ids(&mend, "\"guilt\" OR (massage)*"), search_ids(&mend, "guilt massage"));
    assert!(search_ids(&mend, "zzzzqqq").is_empty());
}

#[test]
fn hits_carry_a_snippet_with_the_match_marked_and_ranks_in_order() {
    let mend = TempMend::at(now());
    let hits = mend.library().search("sciatica", "en").unwrap();
    let first = &hits[0];
    assert!(first.snippet.contains("«sciatica»"), "{}", first.snippet);
    assert!(!first.snippet.contains("[src:") && !first.snippet.contains('\n'), "{}", first.snippet);
    assert_eq!(ids(&hits, |h| &h.guide.title)[0], "Massage in a pregnancy after loss");
    for (i, hit) in hits.iter().enumerate() {
        assert_eq!(hit.rank, i as u32 + 1);
    }
    assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
    assert_eq!(mend.library().search_with_limit("pain", "en", 2).unwrap().len(), 2);
    assert!(mend.library().search_with_limit("pain", "en", 0).unwrap().is_empty());
    // Citations are not searchable text.
    assert!(search_ids(&mend, "src").is_empty());
}

#[test]
fn a_title_match_outranks_a_body_match() {
    let mend = TempMend::at(now());
    let hits = search_ids(&mend, "sleep");
    assert_eq!(hits[0], "sleep-after-loss");
    assert!(hits.len() > 1, "other guides mention sleep in passing");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn any_text_is_a_safe_query(text in "\\PC{0,40}|[\"*():^+\\-NOTANDREROR ]{0,20}") {
        let index = SearchIndex::builtin("en").unwrap();
        prop_assert!(index.search(&text, 10).is_ok());
    }
}

#[test]
fn bookmarks_and_read_state_are_kept_with_sync_columns() {
    let mend = TempMend::at(now());
    let seen = crate::fixtures::RecordingObserver::new();
    let _subscription = mend.subscribe(seen.clone());
    let library = mend.library();
    let first = library.bookmark("guilt-and-self-blame").unwrap();
    assert!(first.bookmarked && first.bookmarked_at == Some(now()) && first.last_read_at.is_none());
    assert!(crate::ids::is_valid_guid(&first.guid));
    let again = library.bookmark("guilt-and-self-blame").unwrap();
    assert_eq!((again.guid.as_str(), again.bookmarked_at), (first.guid.as_str(), Some(now())));
    assert!(again.updated_at > first.updated_at, "every change moves updated_at forward");
    library.bookmark("sleep-after-loss").unwrap();
    assert_eq!(ids(&library.bookmarks("en").unwrap(), |b| &b.guide.id), ["guilt-and-self-blame", "sleep-after-loss"]);
    let read = library.mark_read("guilt-and-self-blame").unwrap();
    assert_eq!((read.guid.as_str(), read.bookmarked, read.last_read_at), (first.guid.as_str(), true, Some(now())));
    let removed = library.unbookmark("guilt-and-self-blame").unwrap();
    assert!(!removed.bookmarked && removed.bookmarked_at.is_none() && removed.last_read_at == Some(now()));
    assert_eq!(ids(&library.bookmarks("en").unwrap(), |b| &b.guide.id), ["sleep-after-loss"]);
    assert!(matches!(library.bookmark("nope"), Err(crate::Error::NotFound { .. })));
    assert!(matches!(library.mark_read("../etc"), Err(crate::Error::NotFound { .. })));
    let counter: i64 = rusqlite::Connection::open(mend.database_path())
        .unwrap()
        .query_row("SELECT sync_change_counter FROM library_state WHERE guide_id = 'guilt-and-self-blame'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(counter, 4, "created, bookmarked again, read, unbookmarked");
    assert_eq!(seen.count(&Change::Library), 5);
}

#[test]
fn guides_read_this_week_are_not_suggested_again() {
    let mut mend = TempMend::with_loss(now(), date(2026, 5, 30), 8);
    let before = ids(&mend.library().suggest("en").unwrap(), |s| &s.guide.id);
    assert_eq!(before.len(), 3);
    mend.library().mark_read(&before[0]).unwrap();
    let after = ids(&mend.library().suggest("en").unwrap(), |s| &s.guide.id);
    assert!(!after.contains(&before[0]), "{after:?}");
    assert_eq!(after.len(), 3);
    // Eight days on, it may come back (if it still fits the stage).
    mend.reopen(now() + Duration::days(8));
    assert!(mend.library().recently_read().unwrap().is_empty());
}

#[test]
fn library_state_round_trips_through_export_and_merges_by_guid() {
    let source = TempMend::with_loss(now(), date(2026, 5, 1), 10);
    source.library().bookmark("sleep-after-loss").unwrap();
    source.library().mark_read("guilt-and-self-blame").unwrap();
    let json = source.export().to_json().unwrap();
    let doc = source.export().document().unwrap();
    assert_eq!(ids(&doc.library, |s| &s.guide_id), ["guilt-and-self-blame", "sleep-after-loss"]);

    let target = TempMend::at(now());
    let summary = target.export().import_json(&json).unwrap();
    assert_eq!(summary.library, 2);
    assert_eq!(target.export().to_json().unwrap(), json);
    assert_eq!(target.export().import_json(&json).unwrap().library, 0, "the same rows change nothing");

    // A newer version of a row (a later clock) wins; an older one does not.
    let mut newer: serde_json::Value = serde_json::from_str(&json).unwrap();
    newer["library"][1]["bookmarked"] = false.into();
    newer["library"][1]["bookmarked_at"] = serde_json::Value::Null;
    newer["library"][1]["updated_at"] = "2026-06-01T13:00:00Z".into();
    assert_eq!(target.export().import_json(&newer.to_string()).unwrap().library, 0, "the same clock is no newer");
    let guid = doc.library[1].guid.as_str();
    let clock = crate::sync::hlc::Hlc::parse(&doc.clocks["library_state"][guid]).unwrap();
    newer["clocks"]["library_state"][guid] =
        crate::sync::hlc::Hlc { millis: clock.millis + 1, ..clock }.to_string().into();
    assert_eq!(target.export().import_json(&newer.to_string()).unwrap().library, 1);
    assert!(target.library().bookmarks("en").unwrap().is_empty());
    assert_eq!(target.export().import_json(&json).unwrap().library, 0);

    // The same guide bookmarked on another device (another guid) merges into the one row.
    let other = TempMend::at(now() + Duration::hours(2));
    other.library().bookmark("sleep-after-loss").unwrap();
    assert_eq!(target.export().import_json(&other.export().to_json().unwrap()).unwrap().library, 1);
    let states = target.library().states().unwrap();
    assert_eq!(states.len(), 2);
    let sleep = states.iter().find(|s| s.guide_id == "sleep-after-loss").unwrap();
    assert_eq!(sleep.guid, doc.library[1].guid, "the stored row keeps its guid");
    assert!(sleep.bookmarked);

    // An older export without a library section still imports.
    let mut old: serde_json::Value = serde_json::from_str(&json).unwrap();
    old.as_object_mut().unwrap().remove("library");
    assert_eq!(TempMend::at(now()).export().import_json(&old.to_string()).unwrap().library, 0);
}

#[test]
fn import_rejects_bad_library_rows_whole() {
    let source = TempMend::at(now());
    source.library().bookmark("sleep-after-loss").unwrap();
    let json: serde_json::Value = serde_json::from_str(&source.export().to_json().unwrap()).unwrap();
    let cases = [
        ("guide_id", serde_json::Value::from("Not An Id"), "library[0].guide_id"),
        ("guid", serde_json::Value::from("x"), "library[0].guid"),
    ];
    for (field, value, at) in cases {
        let mut bad = json.clone();
        bad["library"][0][field] = value;
        let target = TempMend::at(now());
        match target.export().import_json(&bad.to_string()) {
            Err(crate::Error::Import { at: found, .. }) => assert_eq!(found, at),
            other => panic!("expected an import error, got {other:?}"),
        }
        assert!(target.library().states().unwrap().is_empty());
    }
    let mut twice = json.clone();
    let row = twice["library"][0].clone();
    let mut copy = row.clone();
    copy["guid"] = "abcdefghijklmnop".into();
    twice["library"] = serde_json::json!([row, copy]);
    assert!(matches!(TempMend::at(now()).export().import_json(&twice.to_string()), Err(crate::Error::Import { .. })));
}

#[test]
fn erase_all_removes_bookmarks_and_read_state() {
    let mend = TempMend::at(now());
    mend.library().bookmark("sleep-after-loss").unwrap();
    mend.export().erase_all().unwrap();
    assert!(mend.library().states().unwrap().is_empty());
    mend.library().bookmark("sleep-after-loss").unwrap();
    assert_eq!(mend.library().bookmarks("en").unwrap().len(), 1);
}

#[test]
fn today_includes_suggestions_with_reasons() {
    let mend = TempMend::with_loss(now(), date(2026, 5, 30), 8);
    mend.journal()
        .add_checkin(checkin_at(now() - Duration::hours(2), |d| d.bleeding = Some(crate::journal::Bleeding::Medium)))
        .unwrap();
    let today = mend.today_dashboard().unwrap();
    assert_eq!(
        ids(&today.suggestions, |s| &s.guide.id),
        mend.library().suggest("en").unwrap().iter().map(|s| s.guide.id.clone()).collect::<Vec<_>>()
    );
    assert_eq!(today.suggestions.len(), 3);
    assert_eq!(today.suggestions[0].guide.id, "first-days-after-miscarriage");
    assert!(today.suggestions.iter().all(|s| !s.reason.is_empty() && s.reason.ends_with('.')));
    let json = serde_json::to_value(&today).unwrap();
    let first = &json["suggestions"][0];
    for field in ["id", "title", "summary", "reason"] {
        assert!(first[field].is_string(), "{field} in {first}");
    }
}

#[test]
fn stage_comes_from_the_journal() {
    let mend = TempMend::with_loss(now(), date(2026, 5, 20), 16);
    let stage = mend.library().stage().unwrap();
    assert_eq!(stage.days_since_loss, Some(12));
    assert_eq!(stage.trimester, Some(crate::journal::Trimester::Second));
    assert!(!stage.bleeding_stopped && !stage.low_mood && !stage.has_open_alerts);
    for (hours, mood) in [(50, 6), (30, 2), (10, 7)] {
        mend.journal()
            .add_checkin(checkin_at(now() - Duration::hours(hours), |d| {
                d.mood = Some(mood);
                d.bleeding = Some(crate::journal::Bleeding::None);
            }))
            .unwrap();
    }
    let stage = mend.library().stage().unwrap();
    assert!(stage.low_mood && stage.bleeding_stopped);
    assert_eq!(TempMend::at(now()).library().stage().unwrap(), Stage::default());
}
