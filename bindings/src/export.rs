//! Export, import and erase over the FFI. The in-memory forms are sync; the file forms are async (the first
//! async exports, on the runtime the bindings own), so a phone can write a large export off its main thread.
//! An export file is written privately (owner-only on Unix) and atomically: a half-written file never
//! replaces a good one.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use mend_core::export::ImportSummary;

use crate::error::MendError;
use crate::mend::Mend;
use crate::runtime::blocking;

type Result<T> = std::result::Result<T, MendError>;

#[uniffi::export]
impl Mend {
    /// The whole journal as the documented JSON export.
    pub fn export_json(&self) -> Result<String> {
        Ok(self.core()?.export().to_json()?)
    }

    /// Check-ins as CSV, one row each, with a header.
    pub fn checkins_csv(&self) -> Result<String> {
        Ok(self.core()?.export().checkins_csv()?)
    }

    /// Imports a JSON export: all of it or (if anything is wrong) nothing; merges by guid, newer wins.
    pub fn import_json(&self, json: String) -> Result<ImportSummary> {
        Ok(self.core()?.export().import_json(&json)?)
    }

    /// Removes everything the person has stored, leaving nothing recoverable in the file.
    pub fn erase_all(&self) -> Result<()> {
        Ok(self.core()?.export().erase_all()?)
    }
}

#[uniffi::export]
impl Mend {
    /// Writes the JSON export to `path` (replacing any file there once the new one is complete).
    pub async fn export_to_path(&self, path: String) -> Result<()> {
        let core = self.core()?;
        blocking(move || {
            let json = core.export().to_json()?;
            write_privately(Path::new(&path), json.as_bytes())
        })
        .await
    }

    /// Imports the JSON export at `path` (as `import_json`).
    pub async fn import_from_path(&self, path: String) -> Result<ImportSummary> {
        let core = self.core()?;
        blocking(move || {
            let json = fs::read_to_string(&path)?;
            Ok(core.export().import_json(&json)?)
        })
        .await
    }
}

/// Writes `bytes` to a temporary file beside `path` readable only by its owner, syncs it and renames it over
/// `path`. On failure the temporary file is removed and `path` is untouched.
fn write_privately(path: &Path, bytes: &[u8]) -> Result<()> {
    let name = path
        .file_name()
        .ok_or_else(|| MendError::InvalidInput { field: "path".into(), reason: "must name a file".into() })?;
    let mut partial = name.to_owned();
    partial.push(".partial");
    let partial = path.with_file_name(partial);
    let written = write_new(&partial, bytes).and_then(|()| fs::rename(&partial, path));
    if written.is_err() {
        let _ = fs::remove_file(&partial);
    }
    Ok(written?)
}

fn write_new(path: &PathBuf, bytes: &[u8]) -> std::io::Result<()> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}
