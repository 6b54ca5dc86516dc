//! Linking through the FFI surface against a real `mend-server` (in this process; the transport, secret store
//! and server are `sync_tests`'): a new device links by its code, both sides show the same digits, and the new
//! device then syncs the journal; a wrong code, digits that differ, a "no" and a cancelled link each end as the
//! core says, with nothing linked.

use crate::runtime::runtime;
use crate::sync_link::NO_LINK;
use crate::sync_tests::{device, mood, server};
use crate::{MendError, SyncLinkStep};

/// Polls `poll` until it gives something other than `None` (a few tries: each side answers at once here).
fn until<T>(mut poll: impl FnMut() -> Option<T>) -> T {
    for _ in 0..20 {
        if let Some(found) = poll() {
            return found;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    panic!("the other side did not answer");
}

#[test]
fn a_new_device_is_linked_by_its_code_and_the_digits_and_syncs_the_journal() {
    let server = server();
    let (dir_a, dir_b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (a, b) = (device(dir_a.path()), device(dir_b.path()));
    runtime().block_on(a.sync_setup(server.url.clone(), "phone A".into())).unwrap();
    let saved = a.add_checkin(mood(5)).unwrap();
    runtime().block_on(a.sync_now(false, None)).unwrap();

    let code = runtime().block_on(b.sync_link_start(server.url.clone(), "tablet B".into())).unwrap();
    assert_eq!(code.uri, format!("mend://link#{}", code.text));
    assert_eq!(code.expires_in_secs, 600);
    assert_eq!(runtime().block_on(b.sync_link_poll()).unwrap(), SyncLinkStep::Waiting);

    // The code as scanned from the QR code.
    let started = runtime().block_on(a.sync_approve_start(code.uri.clone())).unwrap();
    assert_eq!(started.device_name, "tablet B");
    let on_b = until(|| match runtime().block_on(b.sync_link_poll()).unwrap() {
        SyncLinkStep::Digits { digits } => Some(digits),
        SyncLinkStep::Waiting => None,
        other => panic!("{other:?}"),
    });
    let on_a = until(|| runtime().block_on(a.sync_approve_poll()).unwrap().digits);
    assert_eq!(on_a, on_b);
    assert!(on_a.len() == 6 && on_a.chars().all(|c| c.is_ascii_digit()), "{on_a}");

    runtime().block_on(a.sync_approve_finish(format!("{} {}", &on_a[..3], &on_a[3..]))).unwrap();
    let linked = until(|| match runtime().block_on(b.sync_link_poll()).unwrap() {
        SyncLinkStep::Waiting => None,
        other => Some(other),
    });
    assert_eq!(linked, SyncLinkStep::Linked);
    let after = runtime().block_on(b.sync_link_poll()).unwrap_err();
    assert_eq!(after, MendError::Sync { message: NO_LINK.into() });

    runtime().block_on(b.sync_now(false, None)).unwrap();
    assert_eq!(b.checkin(saved.guid).unwrap().and_then(|c| c.data.mood), Some(5));
    let mut names: Vec<_> = runtime().block_on(b.sync_devices()).unwrap().into_iter().map(|d| d.shown_as).collect();
    names.sort();
    assert_eq!(names, ["phone A", "tablet B"]);
}

#[test]
fn a_wrong_code_differing_digits_a_no_and_a_cancel_link_nothing() {
    let server = server();
    let dirs: Vec<_> = (0..3).map(|_| tempfile::tempdir().unwrap()).collect();
    let (a, b, c) = (device(dirs[0].path()), device(dirs[1].path()), device(dirs[2].path()));
    runtime().block_on(a.sync_setup(server.url.clone(), "phone A".into())).unwrap();

    let unknown = runtime().block_on(a.sync_approve_start("0000-0000-0000-0000".into())).unwrap_err();
    assert!(matches!(&unknown, MendError::Sync { message } if message.contains("no new device is waiting")));
    let typo = runtime().block_on(a.sync_approve_start("not a code".into())).unwrap_err();
    assert!(matches!(&typo, MendError::Sync { message } if message.contains("not a linking code")), "{typo:?}");
    let nothing = runtime().block_on(a.sync_approve_finish("123456".into())).unwrap_err();
    assert_eq!(nothing, MendError::Sync { message: NO_LINK.into() });

    // Digits that differ: nothing is linked, and the new device hears no.
    let code = runtime().block_on(b.sync_link_start(server.url.clone(), "tablet B".into())).unwrap();
    runtime().block_on(a.sync_approve_start(code.text.to_lowercase())).unwrap();
    let shown = until(|| match runtime().block_on(b.sync_link_poll()).unwrap() {
        SyncLinkStep::Digits { digits } => Some(digits),
        _ => None,
    });
    until(|| runtime().block_on(a.sync_approve_poll()).unwrap().digits);
    let other = if shown == "000000" { "111111" } else { "000000" };
    let differ = runtime().block_on(a.sync_approve_finish(other.into())).unwrap_err();
    assert!(matches!(&differ, MendError::Sync { message } if message.contains("the digits did not match")));
    let refused = runtime().block_on(b.sync_link_poll()).unwrap();
    let SyncLinkStep::Refused { words } = refused else { panic!("{refused:?}") };
    assert!(words.contains("not approved on the other device"), "{words}");
    assert_eq!(b.sync_status().unwrap().code, "off");

    // A plain no.
    let code = runtime().block_on(c.sync_link_start(server.url.clone(), "phone C".into())).unwrap();
    runtime().block_on(a.sync_approve_start(code.text)).unwrap();
    runtime().block_on(a.sync_approve_decline()).unwrap();
    let refused = until(|| match runtime().block_on(c.sync_link_poll()).unwrap() {
        SyncLinkStep::Refused { words } => Some(words),
        _ => None,
    });
    assert!(refused.contains("not approved"), "{refused}");

    // Cancelled on the new device: nothing more to poll.
    runtime().block_on(c.sync_link_start(server.url.clone(), "phone C".into())).unwrap();
    c.sync_link_cancel();
    let cancelled = runtime().block_on(c.sync_link_poll()).unwrap_err();
    assert_eq!(cancelled, MendError::Sync { message: NO_LINK.into() });
    let names: Vec<_> = runtime().block_on(a.sync_devices()).unwrap().into_iter().map(|d| d.shown_as).collect();
    assert_eq!(names, ["phone A"]);
}
