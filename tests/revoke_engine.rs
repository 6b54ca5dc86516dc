//! The key switch after a removal, driven through the core's engine against a server in this process, with the
//! reply lost at each step the binaries cannot aim at: staging the next epoch, an upload of re-sealed records,
//! and the switch itself. Each time the removal stands, the other device reads every record while the switch is
//! unfinished, and the next sync on the removing device finishes it.

use std::time::Duration;

use mend_core::journal::{CheckInData, NewCheckIn};
use mend_core::sync::{Options, SyncError};
use mend_e2e::InProcess;
use mend_e2e::devices::{Device, base_now};
use mend_e2e::faults::Forced;

const ENTRIES: usize = 150;

fn on(device: &Device) -> mend_core::sync::SyncEngine<'_> {
    device.mend.sync(&device.keys, false)
}

#[test]
fn a_lost_reply_at_any_step_of_the_switch_is_finished_by_the_next_sync() {
    for (method, path) in [("PUT", "/v1/keys/1"), ("POST", "/v1/records"), ("POST", "/v1/epochs")] {
        let dir = tempfile::tempdir().unwrap();
        let server = InProcess::start(dir.path(), Duration::from_secs(3600));
        let [a, b, c] =
            [("a", 1), ("b", 2), ("c", 3)].map(|(name, seed)| Device::open(dir.path().join(name), false, seed));
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        runtime.block_on(async {
            let set_up = on(&a).setup(&server.base, &a.transport, "phone", None).await.unwrap();
            for i in 0..ENTRIES {
                let data = CheckInData { mood: Some((i % 10) as u8), ..CheckInData::default() };
                let input = NewCheckIn {
                    at: Some(base_now() - chrono::Duration::minutes(i as i64 + 1)),
                    time_zone: Some("Europe/London".into()),
                    data,
                };
                a.mend.journal().add_checkin(input).unwrap();
            }
            on(&a).sync_now(&a.transport, Options::default()).await.unwrap();
            on(&b).join(&server.base, &b.transport, &set_up.phrase, "laptop").await.unwrap();
            on(&c).join(&server.base, &c.transport, &set_up.phrase, "old phone").await.unwrap();
            on(&b).sync_now(&b.transport, Options::default()).await.unwrap();

            a.transport.force_next(method, path, Forced::LostReply);
            let revoked = on(&a).revoke(&a.transport, "old phone", false).await.unwrap();
            assert_eq!(a.transport.counts().lost_replies, 1, "{method} {path}: the fault fired");
            let removed = on(&c).sync_now(&c.transport, Options::default()).await;
            assert!(matches!(removed, Err(SyncError::RemovedHere(_))), "{method} {path}: {removed:?}");

            // Whether or not the switch finished in that call, B reads every record.
            let report = on(&b).sync_now(&b.transport, Options::default()).await.unwrap();
            assert_eq!(report.unreadable, 0, "{method} {path}: {revoked:?}");
            assert_eq!(b.mend.journal().all_checkins().unwrap().len(), ENTRIES);

            // A's next sync finishes it (or finds nothing owed): the account is in epoch 1, and B follows.
            on(&a).sync_now(&a.transport, Options::default()).await.unwrap();
            assert_eq!(on(&a).state().unwrap().unwrap().epoch, 1, "{method} {path}");
            assert_eq!(on(&a).state().unwrap().unwrap().switch_owed, None, "{method} {path}");
            let report = on(&b).sync_now(&b.transport, Options::default()).await.unwrap();
            assert_eq!(report.unreadable, 0);
            let epochs: Vec<u32> = {
                let db = rusqlite::Connection::open(dir.path().join("server.sqlite3")).unwrap();
                let mut statement = db.prepare("SELECT DISTINCT epoch FROM records WHERE deleted = 0").unwrap();
                statement.query_map([], |row| row.get(0)).unwrap().collect::<Result<_, _>>().unwrap()
            };
            assert_eq!(epochs, vec![1], "{method} {path}");
        });
    }
}
