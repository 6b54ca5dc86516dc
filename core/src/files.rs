//! Files Mend writes and reads outside its database: every file it writes is private (0600, folders 0700,
//! whatever the umask) and written whole (a temporary file beside the target, fsync, rename, fsync of the
//! folder), so a half-written file never replaces a good one; and a file it imports must be a regular file of
//! bounded size (never a pipe or a device, which could block or never end).

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result, plain_io};

/// The most an import reads: far more than any real journal's export (a 5-year journal is a few MB).
pub const IMPORT_LIMIT_BYTES: u64 = 64 * 1024 * 1024;

/// Whether an existing file at the target may be replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    /// Refuse, naming the file; nothing is written.
    Keep,
    /// Replace it (atomically, once the new file is complete).
    Replace,
}

/// Creates `dir` (and its parents) if missing and makes it private to its owner (0700).
pub fn private_dir(dir: &Path) -> Result<()> {
    fs::create_dir_all(dir)?;
    set_mode(dir, 0o700)
}

/// Makes an existing file private to its owner (0600); a missing file is not an error.
pub fn private_file(path: &Path) -> Result<()> {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_file() => set_mode(path, 0o600),
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e.into()),
    }
}

/// Creates `path` empty and private if it does not exist (so files SQLite makes beside it, which copy its
/// permissions, are private too), then makes it private if it does.
pub fn private_file_created(path: &Path) -> Result<()> {
    let mut options = fs::OpenOptions::new();
    options.append(true).create(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)?;
    private_file(path)
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let current = fs::metadata(path)?.permissions().mode() & 0o777;
    if current != mode {
        fs::set_permissions(path, fs::Permissions::from_mode(mode))?;
    }
    Ok(())
}

#[cfg(not(unix))]
fn set_mode(_path: &Path, _mode: u32) -> Result<()> {
    Ok(())
}

/// Writes `bytes` to `path` whole and privately: a temporary file beside it (0600), fsync, rename over the
/// target, fsync of the folder. A symlink at `path` is replaced, never followed. On any failure the
/// temporary file is removed and whatever was at `path` is left byte for byte.
pub fn write_private(path: &Path, bytes: &[u8], existing: Existing) -> Result<()> {
    let name = path.file_name().ok_or_else(|| Error::invalid("path", "must name a file, not a folder"))?;
    if existing == Existing::Keep && fs::symlink_metadata(path).is_ok() {
        return Err(Error::Conflict(
            "a file already exists there; nothing was written (choose another name, or replace it on purpose)".into(),
        ));
    }
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_owned(),
        _ => PathBuf::from("."),
    };
    let partial = folder.join(format!(".{}.{}.partial", name.to_string_lossy(), crate::ids::new_guid()));
    let written = write_new(&partial, bytes).and_then(|()| fs::rename(&partial, path));
    if let Err(e) = written {
        let _ = fs::remove_file(&partial);
        return Err(Error::Io(format!("Nothing was written: {}", plain_io(e.kind()))));
    }
    // The rename is durable once the folder is synced; a failure here leaves the complete new file in place.
    if let Ok(dir) = fs::File::open(&folder) {
        let _ = dir.sync_all();
    }
    Ok(())
}

fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Reads a file to import: only a regular file (not a pipe, a device or a folder) of at most
/// [`IMPORT_LIMIT_BYTES`], as UTF-8 text. Errors say what is wrong and that nothing was imported.
pub fn read_import(path: &Path) -> Result<String> {
    let refuse = |what: &str| Error::Io(format!("Nothing was imported: {what}"));
    let meta = fs::metadata(path).map_err(|e| refuse(plain_io(e.kind())))?;
    if !meta.is_file() {
        return Err(refuse("that is not a regular file (Mend imports only files written by its export)"));
    }
    if meta.len() > IMPORT_LIMIT_BYTES {
        return Err(refuse("the file is larger than any Mend export (over 64 MB)"));
    }
    let file = fs::File::open(path).map_err(|e| refuse(plain_io(e.kind())))?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(IMPORT_LIMIT_BYTES + 1).read_to_end(&mut bytes).map_err(|e| refuse(plain_io(e.kind())))?;
    if bytes.len() as u64 > IMPORT_LIMIT_BYTES {
        return Err(refuse("the file is larger than any Mend export (over 64 MB)"));
    }
    String::from_utf8(bytes).map_err(|_| refuse("the file is not text (a Mend export is UTF-8 JSON)"))
}

#[cfg(test)]
mod tests;
