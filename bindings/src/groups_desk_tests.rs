//! A private group's moderators' desk through the FFI surface against a real `mend-server` (in this process, on
//! a loopback port): an owner creates a private group and adds a second owner through the file-based charter
//! flow (propose, the second signs, publish, the second accepts), then leaves a note, which the second reads
//! under the first owner's charter name; the second proposes a change both owners must sign and shares it; a
//! different proposal does not push it aside unless asked to; the first finds it on the desk, signs it, shares
//! it back (the signatures are combined) and puts it in force, after which the desk holds no draft.

use std::sync::Arc;

use crate::groups_moderator_types::{GroupCharterChange, GroupNewModerator};
use crate::runtime::runtime;
use crate::sync_tests::{PlainHttp, Secrets, server};
use crate::{Mend, MendError, OpenOptions};

/// A journal on the system clock whose groups talk to the test server.
fn device(dir: &std::path::Path) -> Arc<Mend> {
    let mend = Mend::open(dir.to_str().unwrap().to_owned(), OpenOptions::default()).unwrap();
    mend.set_groups_platform(Arc::new(PlainHttp), Arc::new(Secrets::default()));
    mend
}

/// A charter change with only what `edit` sets.
fn change(edit: impl FnOnce(&mut GroupCharterChange)) -> GroupCharterChange {
    let mut change = GroupCharterChange {
        name: None,
        description: None,
        add_owners: Vec::new(),
        remove_owners: Vec::new(),
        threshold: None,
        add_publishers: Vec::new(),
        remove_publishers: Vec::new(),
    };
    edit(&mut change);
    change
}

#[test]
fn owners_leave_notes_and_pass_a_charter_change_on_the_desk_through_a_real_server() {
    let server = server();
    let dirs: Vec<_> = (0..2).map(|_| tempfile::tempdir().unwrap()).collect();
    let (first, second) = (device(dirs[0].path()), device(dirs[1].path()));
    let rt = runtime();
    rt.block_on(first.groups_create_private(
        server.url.clone(),
        "Quiet circle".into(),
        "".into(),
        "en".into(),
        "GB".into(),
    ))
    .unwrap();

    // The second owner comes in through the file-based flow.
    let key = second.groups_moderator_key().unwrap();
    let kim = GroupNewModerator { name: "Kim".into(), key, scopes: Vec::new() };
    let draft = rt.block_on(first.groups_propose_charter(None, change(|c| c.add_owners = vec![kim]))).unwrap();
    let signed = second.groups_sign_draft(draft.text).unwrap();
    assert!(signed.status.ready);
    let published = rt.block_on(first.groups_publish_draft(signed.text)).unwrap();
    let link = published.owner_links.iter().find(|l| l.name == "Kim").unwrap().link.clone();
    assert!(rt.block_on(second.groups_accept(link)).unwrap().owner);

    // A note, read on the other phone under the first owner's charter name.
    let left = rt.block_on(first.groups_leave_note(None, "  The Tuesday passcode changes after the 12th\n".into()));
    assert_eq!(left.unwrap().len(), 1);
    let notes = rt.block_on(second.groups_notes(None)).unwrap();
    let [note] = &notes[..] else { panic!("one note: {notes:?}") };
    assert_eq!(
        (note.author.as_str(), note.text.as_str()),
        ("first owner", "The Tuesday passcode changes after the 12th")
    );
    assert!((chrono::Utc::now() - note.at).num_minutes().abs() < 5, "{:?}", note.at);
    let empty = rt.block_on(second.groups_leave_note(None, " ".into())).unwrap_err();
    assert!(matches!(empty, MendError::InvalidInput { .. }), "{empty:?}");

    // The second owner proposes a change both must sign from now on, and shares it.
    assert_eq!(rt.block_on(first.groups_shared_draft(None)).unwrap(), None);
    let both = change(|c| (c.name, c.threshold) = (Some("Thursday circle".into()), Some(2)));
    let proposed = rt.block_on(second.groups_propose_charter(None, both)).unwrap();
    let shared = rt.block_on(second.groups_share_draft(proposed.text.clone(), false)).unwrap();
    assert_eq!(shared, proposed);
    assert!(!shared.status.ready);
    // A different proposal does not push it aside unless asked to.
    let other = rt.block_on(first.groups_propose_charter(None, change(|c| c.description = Some("for anyone".into()))));
    let refused = rt.block_on(first.groups_share_draft(other.unwrap().text, false)).unwrap_err();
    assert!(matches!(&refused, MendError::Group { message } if message.contains("waiting")), "{refused:?}");

    // The first owner finds it, signs it and shares it back; then puts it in force.
    let waiting = rt.block_on(first.groups_shared_draft(None)).unwrap().expect("the draft is on the desk");
    assert_eq!(waiting, shared);
    assert!(waiting.status.changes.iter().any(|c| c.contains("Thursday circle")), "{:?}", waiting.status);
    assert_eq!((waiting.status.new_owners_signed, waiting.status.new_threshold), (1, 2));
    let countersigned = first.groups_sign_draft(waiting.text).unwrap();
    assert!(countersigned.status.ready);
    let back = rt.block_on(first.groups_share_draft(countersigned.text, false)).unwrap();
    assert!(back.status.ready && back.status.new_owners_signed == 2, "{:?}", back.status);
    let found = rt.block_on(second.groups_shared_draft(None)).unwrap().unwrap();
    assert_eq!(found, back);
    assert_eq!(rt.block_on(first.groups_publish_draft(found.text)).unwrap().version, 3);
    assert_eq!(first.groups_list().unwrap()[0].name, "Thursday circle");
    assert_eq!(rt.block_on(second.groups_shared_draft(None)).unwrap(), None, "the desk's draft is cleared");
}
