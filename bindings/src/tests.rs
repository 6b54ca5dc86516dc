//! The FFI surface exercised from Rust, as the apps use it: open, close and reopen, the error mapping, the
//! async file exports on the owned runtime, and observers (relay, cancel, a failing observer).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use mend_core::fixtures::{checkin_at, utc};
use mend_core::journal::{CheckInData, NewCheckIn};

use crate::runtime::runtime;
use crate::{Mend, MendError, MendObserver, ObserverError, OpenOptions};

fn open(dir: &std::path::Path) -> Arc<Mend> {
    let options = OpenOptions { fixed_now: Some(utc(2026, 5, 13, 20, 0)) };
    Mend::open(dir.to_str().unwrap().to_owned(), options).unwrap()
}

fn mood(score: u8) -> NewCheckIn {
    checkin_at(utc(2026, 5, 13, 9, 0), |d| d.mood = Some(score))
}

/// An app's observer, as a test sees it: how many journal changes it heard and which alerts were raised.
#[derive(Default)]
struct Heard {
    journal: AtomicUsize,
    alerts: Mutex<Vec<String>>,
}

impl MendObserver for Heard {
    fn journal_changed(&self) -> Result<(), ObserverError> {
        self.journal.fetch_add(1, Ordering::SeqCst);
        Ok(())
    }
    fn alert_raised(&self, alert_id: String) -> Result<(), ObserverError> {
        self.alerts.lock().unwrap().push(alert_id);
        Ok(())
    }
    fn library_changed(&self) -> Result<(), ObserverError> {
        Ok(())
    }
    fn reminders_changed(&self) -> Result<(), ObserverError> {
        Ok(())
    }
    fn sync_changed(&self) -> Result<(), ObserverError> {
        Ok(())
    }
}

#[test]
fn a_closed_journal_refuses_calls_and_reopens_with_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let mend = open(dir.path());
    let saved = mend.add_checkin(mood(4)).unwrap();
    mend.close_journal();
    mend.close_journal();
    assert!(mend.is_closed());
    assert_eq!(mend.latest_checkin(), Err(MendError::Closed));
    assert_eq!(mend.interrupt(), Err(MendError::Closed));
    let again = open(dir.path());
    assert_eq!(again.checkin(saved.guid.clone()).unwrap(), Some(saved));
}

#[test]
fn core_errors_keep_their_kind_and_message() {
    let dir = tempfile::tempdir().unwrap();
    let mend = open(dir.path());
    let bad = NewCheckIn { data: CheckInData { mood: Some(11), ..Default::default() }, ..Default::default() };
    let err = mend.add_checkin(bad).unwrap_err();
    assert_eq!(err.to_string(), "mood: must be between 0 and 10");
    assert!(matches!(mend.delete_checkin("nope".into()), Err(MendError::NotFound { .. })));
    assert!(matches!(mend.import_json("[]".into()), Err(MendError::ImportRejected { .. })));
}

#[test]
fn async_file_export_and_import_round_trip_on_the_owned_runtime() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("export.json");
    let mend = open(&dir.path().join("a"));
    let saved = mend.add_checkins(vec![mood(3), mood(5)]).unwrap();
    runtime().block_on(mend.export_to_path(file.to_str().unwrap().into())).unwrap();
    assert!(!dir.path().join("export.json.partial").exists());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o600);
    }

    let fresh = open(&dir.path().join("b"));
    let summary = runtime().block_on(fresh.import_from_path(file.to_str().unwrap().into())).unwrap();
    assert_eq!(summary.checkins, 2);
    assert_eq!(fresh.all_checkins().unwrap(), saved);

    let missing = runtime().block_on(fresh.import_from_path(dir.path().join("none.json").display().to_string()));
    assert!(matches!(missing, Err(MendError::Io { .. })), "{missing:?}");
    let nowhere = dir.path().join("no-such-dir").join("export.json");
    let failed = runtime().block_on(fresh.export_to_path(nowhere.display().to_string()));
    assert!(matches!(failed, Err(MendError::Io { .. })), "{failed:?}");
}

#[test]
fn observers_hear_writes_until_their_handle_is_cancelled_or_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let mend = open(dir.path());
    let counter = Arc::new(Heard::default());
    let handle = mend.subscribe(counter.clone()).unwrap();
    mend.add_checkin(mood(4)).unwrap();
    handle.cancel();
    mend.add_checkin(mood(5)).unwrap();
    assert_eq!(counter.journal.load(Ordering::SeqCst), 1);

    let dropped = Arc::new(Heard::default());
    drop(mend.subscribe(dropped.clone()).unwrap());
    mend.add_checkin(mood(6)).unwrap();
    assert_eq!(dropped.journal.load(Ordering::SeqCst), 0);
}

#[test]
fn a_panicking_observer_does_not_fail_a_saved_write() {
    struct Broken;
    impl MendObserver for Broken {
        fn journal_changed(&self) -> Result<(), ObserverError> {
            panic!("a broken screen");
        }
        fn alert_raised(&self, _alert_id: String) -> Result<(), ObserverError> {
            Err(ObserverError::Failed)
        }
        fn library_changed(&self) -> Result<(), ObserverError> {
            Ok(())
        }
        fn reminders_changed(&self) -> Result<(), ObserverError> {
            Ok(())
        }
        fn sync_changed(&self) -> Result<(), ObserverError> {
            Ok(())
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let mend = open(dir.path());
    let _handle = mend.subscribe(Arc::new(Broken)).unwrap();
    let saved = mend.add_checkin(mood(4)).unwrap();
    assert_eq!(mend.latest_checkin().unwrap(), Some(saved));
}

#[test]
fn a_red_flag_reaches_the_observer_as_the_alert_the_app_then_reads() {
    let dir = tempfile::tempdir().unwrap();
    let mend = open(dir.path());
    let heard = Arc::new(Heard::default());
    let _handle = mend.subscribe(heard.clone()).unwrap();
    mend.add_checkin(checkin_at(utc(2026, 5, 13, 19, 0), |d| d.temperature_c = Some(38.5))).unwrap();
    let alerts = mend.alerts(false).unwrap();
    assert_eq!(*heard.alerts.lock().unwrap(), vec![alerts[0].id.clone()]);
    assert!(mend.acknowledge_alert(alerts[0].id.clone()).unwrap().acknowledged);
}

#[test]
fn guides_read_with_numbered_sources_and_reminders_take_the_phones_zone() {
    let dir = tempfile::tempdir().unwrap();
    let mend = open(dir.path());
    let page = mend.guide("bleeding-after-miscarriage".into(), "en".into()).unwrap();
    assert!(!page.markdown.contains("[src:") && page.references[0].number == 1);
    assert!(matches!(mend.guide("no-such-guide".into(), "en".into()), Err(MendError::NotFound { .. })));

    let bad_zone = mend.reminder_plan(24, Some("Dublin".into())).unwrap_err();
    assert_eq!(bad_zone.to_string(), "current_zone: must be an IANA time zone such as Europe/Dublin");
    let plan = mend.reminder_plan(24, Some("Europe/Dublin".into())).unwrap();
    assert_eq!((plan.zone.as_str(), plan.firings.len()), ("Europe/Dublin", 0));
}

#[test]
fn the_numbers_a_person_keeps_pass_through_and_lead_an_urgent_alerts_phones() {
    use mend_core::care::phones::PhoneRole;
    use mend_core::journal::{LossKind, NewLoss, NumberInput, ProfileInput};
    let dir = tempfile::tempdir().unwrap();
    let mend = open(dir.path());
    let unit = NumberInput { label: "EPU".into(), number: "0161 123 4567".into() };
    let profile = ProfileInput {
        region: Some("GB-SCT".into()),
        time_zone: "Europe/London".into(),
        discreet_notifications: true,
        unit_number: Some(unit),
        own_emergency_number: None,
        own_crisis_number: None,
        mood_screens: None,
        rhd: None,
    };
    let loss = NewLoss {
        loss_date: chrono::NaiveDate::from_ymd_opt(2026, 5, 1).unwrap(),
        weeks: 9,
        kind: LossKind::Miscarriage,
        management: None,
        due_date: None,
        loss_at: None,
    };
    let set_up = mend.set_up(profile, loss).unwrap();
    assert_eq!(set_up.profile.unit_number.unwrap().uri, "tel:01611234567");
    mend.add_checkin(checkin_at(utc(2026, 5, 13, 19, 0), |d| d.temperature_c = Some(38.5))).unwrap();
    let alert = mend.alerts(false).unwrap().remove(0);
    let phones: Vec<(PhoneRole, &str)> = alert.phones.iter().map(|p| (p.role, p.uri.as_str())).collect();
    assert_eq!(
        phones,
        [(PhoneRole::Unit, "tel:01611234567"), (PhoneRole::UrgentAdvice, "tel:111"), (PhoneRole::Emergency, "tel:999")]
    );
    assert!(alert.action.contains("NHS 24 on 111"), "{}", alert.action);
    let bad = NumberInput { label: "my sister".into(), number: "08".into() };
    match mend.set_own_numbers(None, None, Some(bad)) {
        Err(MendError::InvalidInput { field, reason }) => {
            assert_eq!(field, "own_crisis_number.number");
            assert!(!reason.contains("08 "), "{reason}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(mend.set_own_numbers(None, None, None).unwrap().unit_number, None);
}
