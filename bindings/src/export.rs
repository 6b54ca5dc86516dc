//! Export, import and erase over the FFI. The in-memory forms are sync; the file forms are async (the first
//! async exports, on the runtime the bindings own), so a phone can write a large export off its main thread.
//! An export file is written privately (owner-only on Unix) and atomically: a half-written file never
//! replaces a good one.

use std::path::Path;

use mend_core::export::{ExportFormat, ImportSummary};
use mend_core::files::Existing;

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
            core.export().write_file(Path::new(&path), ExportFormat::Json, Existing::Replace)?;
            Ok(())
        })
        .await
    }

    /// Imports the JSON export at `path` (as `import_json`).
    pub async fn import_from_path(&self, path: String) -> Result<ImportSummary> {
        let core = self.core()?;
        blocking(move || Ok(core.export().import_file(Path::new(&path))?)).await
    }
}
