//! Private, whole writes and bounded imports, on real files.

use std::os::unix::fs::PermissionsExt;

use super::*;

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn a_written_file_is_private_even_when_the_old_one_was_loose() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("backup.json");
    fs::write(&path, "old").unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
    write_private(&path, b"new", Existing::Replace).unwrap();
    assert_eq!(fs::read(&path).unwrap(), b"new");
    assert_eq!(mode(&path), 0o600);
    let names: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names.len(), 1, "no temporary file is left: {names:?}");
}

#[test]
fn an_existing_file_is_kept_unless_replacing_was_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("backup.json");
    fs::write(&path, "good backup").unwrap();
    let refused = write_private(&path, b"new", Existing::Keep).unwrap_err();
    assert!(matches!(refused, Error::Conflict(_)), "{refused}");
    assert!(refused.to_string().contains("nothing was written"), "{refused}");
    assert_eq!(fs::read(&path).unwrap(), b"good backup");
}

#[test]
fn a_symlink_is_replaced_never_followed() {
    let dir = tempfile::tempdir().unwrap();
    let victim = dir.path().join("victim");
    fs::write(&victim, "someone else's file").unwrap();
    let link = dir.path().join("export.json");
    std::os::unix::fs::symlink(&victim, &link).unwrap();
    assert!(matches!(write_private(&link, b"x", Existing::Keep), Err(Error::Conflict(_))));
    write_private(&link, b"mine", Existing::Replace).unwrap();
    assert_eq!(fs::read(&victim).unwrap(), b"someone else's file");
    assert!(fs::symlink_metadata(&link).unwrap().file_type().is_file());
    assert_eq!(fs::read(&link).unwrap(), b"mine");
}

#[test]
fn a_failed_write_leaves_the_old_file_and_no_partial() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no-such-folder").join("backup.json");
    let err = write_private(&path, b"new", Existing::Replace).unwrap_err();
    assert_eq!(err.to_string(), "Nothing was written: the file or folder was not found");
}

#[test]
fn private_dir_and_file_tighten_loose_permissions() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    fs::create_dir(&data).unwrap();
    fs::set_permissions(&data, fs::Permissions::from_mode(0o755)).unwrap();
    private_dir(&data).unwrap();
    assert_eq!(mode(&data), 0o700);
    let db = data.join("mend.db");
    private_file_created(&db).unwrap();
    assert_eq!(mode(&db), 0o600);
    fs::set_permissions(&db, fs::Permissions::from_mode(0o644)).unwrap();
    private_file(&db).unwrap();
    assert_eq!(mode(&db), 0o600);
    private_file(&data.join("missing")).unwrap();
}

#[test]
fn import_reads_only_regular_files_of_bounded_size() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("export.json");
    fs::write(&file, "{}").unwrap();
    assert_eq!(read_import(&file).unwrap(), "{}");
    let folder = read_import(dir.path()).unwrap_err().to_string();
    assert!(folder.starts_with("Nothing was imported: that is not a regular file"), "{folder}");
    let device = read_import(Path::new("/dev/zero")).unwrap_err().to_string();
    assert!(device.starts_with("Nothing was imported: that is not a regular file"), "{device}");
    let big = dir.path().join("big.json");
    fs::File::create(&big).unwrap().set_len(IMPORT_LIMIT_BYTES + 1).unwrap();
    assert!(read_import(&big).unwrap_err().to_string().contains("larger than any Mend export"));
    let binary = dir.path().join("binary");
    fs::write(&binary, [0xff, 0xfe, 0x00]).unwrap();
    assert!(read_import(&binary).unwrap_err().to_string().contains("not text"));
    let missing = read_import(&dir.path().join("missing")).unwrap_err().to_string();
    assert_eq!(missing, "Nothing was imported: the file or folder was not found");
}
