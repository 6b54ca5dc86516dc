//! Private groups through the FFI surface against a real `mend-server` (in this process, on a loopback port):
//! an owner creates a private group and publishes; `groups_join` refuses its link with the typed error, which
//! `groups_link_kind` tells beforehand; a member asks to join under a name and is told to wait; the owner lists
//! the request, approves it, and the member's refresh joins the group; a second person is declined and told so;
//! the owner removes the first member, is told which meeting to change, and the removed member's refresh says so.

use std::sync::Arc;

use chrono::{Days, Utc};
use mend_core::groups::private_member::{DECLINED_WORDS, REMOVED_WORDS, WAITING_WORDS};

use crate::runtime::runtime;
use crate::sync_tests::{PlainHttp, Secrets, server};
use crate::{
    GroupLinkKind, GroupMemberStatus, GroupRefreshed, Mend, MendError, NewGroupItem, NewGroupItemBody, OpenOptions,
};

/// A journal on the system clock whose groups talk to the test server.
fn device(dir: &std::path::Path) -> Arc<Mend> {
    let mend = Mend::open(dir.to_str().unwrap().to_owned(), OpenOptions::default()).unwrap();
    mend.set_groups_platform(Arc::new(PlainHttp), Arc::new(Secrets::default()));
    mend
}

fn item(id: &str, title: &str, body: NewGroupItemBody) -> NewGroupItem {
    NewGroupItem {
        id: id.into(),
        version: 1,
        language: "en".into(),
        region: "GB".into(),
        content_notes: Vec::new(),
        last_verified: Utc::now().date_naive() - Days::new(10),
        withdrawn: false,
        title: title.into(),
        body,
    }
}

/// An article and a weekly meeting.
fn pack() -> Vec<NewGroupItem> {
    let meeting = NewGroupItemBody::Meeting {
        start: "2027-01-05T19:00".into(),
        time_zone: "Europe/London".into(),
        duration_minutes: 90,
        rrule: Some("FREQ=WEEKLY;BYDAY=TU".into()),
        cancelled: false,
        place: None,
        link: Some("https://meet.example.org/tuesday".into()),
        details: None,
    };
    vec![
        item("welcome", "Welcome", NewGroupItemBody::Article { markdown: "Come as you are.".into() }),
        item("tuesday", "Tuesday circle", meeting),
    ]
}

#[test]
fn a_private_group_from_request_to_removal_through_a_real_server() {
    let server = server();
    let dirs: Vec<_> = (0..3).map(|_| tempfile::tempdir().unwrap()).collect();
    let (owner, ada, bea) = (device(dirs[0].path()), device(dirs[1].path()), device(dirs[2].path()));
    let rt = runtime();

    let created = rt
        .block_on(owner.groups_create_private(
            server.url.clone(),
            "Quiet circle".into(),
            "".into(),
            "en".into(),
            "GB".into(),
        ))
        .unwrap();
    let link = created.invite.clone();
    assert_eq!(owner.groups_link_kind(link.clone()).unwrap(), GroupLinkKind::Private);
    assert_eq!(owner.groups_invite(None).unwrap(), link);
    assert!(matches!(owner.groups_link_kind("mend://join#nothing".into()), Err(MendError::InvalidInput { .. })));
    assert_eq!(rt.block_on(owner.groups_publish(None, pack())).unwrap().items, 2);
    let listed = owner.groups_list().unwrap();
    assert!(listed[0].owner && listed[0].is_private && !listed[0].removed, "{listed:?}");

    // A private link is not joined at once: the typed error says to ask to join.
    let refused = rt.block_on(ada.groups_join(link.clone())).unwrap_err();
    assert!(matches!(refused, MendError::PrivateGroupLink { .. }), "{refused:?}");
    let asked = rt.block_on(ada.groups_request_join(link.clone(), "Ada".into())).unwrap();
    assert_eq!(asked.display_name, "Ada");
    let again = rt.block_on(ada.groups_request_join(link.clone(), "Ada".into())).unwrap_err();
    assert!(matches!(again, MendError::Group { .. }), "{again:?}");
    let waiting = rt.block_on(ada.groups_refresh()).unwrap();
    assert_eq!(waiting, vec![GroupRefreshed::Waiting { request: asked.request.clone(), words: WAITING_WORDS.into() }]);
    assert!(ada.groups_list().unwrap().is_empty());

    let members = rt.block_on(owner.groups_members(None)).unwrap();
    assert_eq!(members.unreadable, 0);
    let [pending] = &members.members[..] else { panic!("one request: {members:?}") };
    assert_eq!((pending.display_name.as_str(), pending.status), ("Ada", GroupMemberStatus::Pending));
    let approved = rt.block_on(owner.groups_approve(None, pending.member_id.clone())).unwrap();
    assert_eq!(approved.status, GroupMemberStatus::Approved);
    let joined = rt.block_on(ada.groups_refresh()).unwrap();
    let Some(GroupRefreshed::Approved { request, name, items, .. }) = joined.first() else { panic!("{joined:?}") };
    assert_eq!((request, name.as_str(), *items), (&asked.request, "Quiet circle", 2));
    assert_eq!(ada.groups_items(None).unwrap().len(), 2);
    let summary = &ada.groups_list().unwrap()[0];
    assert!(summary.is_private && !summary.removed && !summary.owner, "{summary:?}");

    // A second person is declined, and told so once.
    let asked_bea = rt.block_on(bea.groups_request_join(link.clone(), "Bea".into())).unwrap();
    let members = rt.block_on(owner.groups_members(None)).unwrap();
    let bea_id = members.members.iter().find(|m| m.display_name == "Bea").unwrap().member_id.clone();
    let declined = rt.block_on(owner.groups_decline(None, bea_id)).unwrap();
    assert_eq!(declined.status, GroupMemberStatus::Declined);
    let told = rt.block_on(bea.groups_refresh()).unwrap();
    assert_eq!(told, vec![GroupRefreshed::Declined { request: asked_bea.request, words: DECLINED_WORDS.into() }]);
    assert!(rt.block_on(bea.groups_refresh()).unwrap().is_empty());
    assert!(bea.groups_items(None).unwrap().is_empty());

    // The owner removes Ada: a new epoch, and the meeting whose link she saw.
    let removed = rt.block_on(owner.groups_remove_member(None, approved.member_id.clone())).unwrap();
    assert_eq!((removed.member.status, removed.epoch), (GroupMemberStatus::Removed, 2));
    assert_eq!(removed.meetings, vec!["Tuesday circle".to_owned()]);
    let gone = rt.block_on(ada.groups_refresh()).unwrap();
    let Some(GroupRefreshed::Removed { name, words, .. }) = gone.first() else { panic!("{gone:?}") };
    assert_eq!((name.as_str(), words.as_str()), ("Quiet circle", REMOVED_WORDS));
    let summary = &ada.groups_list().unwrap()[0];
    assert!(summary.removed, "{summary:?}");
    assert_eq!(ada.groups_items(None).unwrap().len(), 2, "what she saw stays");
    let statuses: Vec<_> = rt.block_on(owner.groups_members(None)).unwrap().members.iter().map(|m| m.status).collect();
    assert_eq!(statuses, vec![GroupMemberStatus::Removed, GroupMemberStatus::Declined]);
    // The owner may move the group to a new key at any time.
    let rekeyed = rt.block_on(owner.groups_rekey(None)).unwrap();
    assert_eq!((rekeyed.epoch, rekeyed.meetings.clone()), (3, vec!["Tuesday circle".to_owned()]));
}
