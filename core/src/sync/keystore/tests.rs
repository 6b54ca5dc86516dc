//! The CLI's key store and the device's secrets over it: kept apart from the journal, private, whole, and read
//! back exactly; a damaged store says so and never passes off a wrong key.

use std::os::unix::fs::PermissionsExt;

use super::*;
use crate::sync::keys::wrap_for_device;

#[test]
fn a_devices_secrets_survive_a_restart_in_a_private_file_beside_the_journal() {
    let dir = tempfile::tempdir().unwrap();
    let device = DeviceKeys::generate();
    let key = DataKey::generate();
    {
        let store = FileKeyStore::in_dir(dir.path());
        let secrets = DeviceSecrets::new(&store);
        assert!(secrets.device().unwrap().is_none() && secrets.data_key(0).unwrap().is_none());
        secrets.save_device(&device).unwrap();
        secrets.save_data_key(0, &key).unwrap();
        secrets.save_naming(&NamingKey::from_bytes([4; 32])).unwrap();
    }
    let path = dir.path().join(FILE_NAME);
    assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
    let store = FileKeyStore::in_dir(dir.path());
    let secrets = DeviceSecrets::new(&store);
    let again = secrets.device().unwrap().unwrap();
    assert_eq!(again.signing.public(), device.signing.public());
    assert_eq!(again.exchange_public(), device.exchange_public());
    // The reloaded exchange key still opens what was wrapped to the device.
    let wrap = wrap_for_device(&key, &device.exchange_public(), 0).unwrap();
    assert_eq!(again.unwrap(&wrap, 0).unwrap(), key);
    assert_eq!(secrets.data_key(0).unwrap(), Some(key));
    assert_eq!(secrets.data_key(1).unwrap(), None);
    assert_eq!(secrets.naming().unwrap().unwrap().bytes(), &[4; 32]);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers, vec![std::ffi::OsString::from(FILE_NAME)], "written whole, no partial file left");

    store.clear().unwrap();
    assert!(!path.exists());
    assert!(secrets.device().unwrap().is_none());
    store.clear().unwrap();
}

#[test]
fn a_damaged_store_says_so_and_never_gives_a_wrong_key() {
    let dir = tempfile::tempdir().unwrap();
    let store = FileKeyStore::in_dir(dir.path());
    std::fs::write(dir.path().join(FILE_NAME), b"{not json").unwrap();
    let err = DeviceSecrets::new(&store).naming().unwrap_err();
    assert!(err.to_string().contains("damaged"), "{err}");
    std::fs::write(dir.path().join(FILE_NAME), br#"{"naming":"AAEC"}"#).unwrap();
    assert!(DeviceSecrets::new(&store).naming().is_err(), "three bytes are not a key");
    std::fs::write(dir.path().join(FILE_NAME), br#"{"device-signing":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}"#)
        .unwrap();
    let err = DeviceSecrets::new(&store).device().unwrap_err();
    assert!(err.to_string().contains("incomplete"), "{err}");
}
