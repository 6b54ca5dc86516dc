//! Export, import and erase: the person's data belongs to them. JSON export is documented and versioned
//! (docs/export-format.md) and round-trips through import; CSV gives check-ins to a spreadsheet; erase-all
//! leaves nothing recoverable in the file.

mod clocks;
mod csv;
mod document;
pub(crate) mod erase;
mod import;

use std::path::Path;

use crate::error::Result;
use crate::files::{self, Existing};
use crate::mend::Core;

pub use clocks::{Clocks, Deletion};
pub use document::{CLOCKS_SINCE, ExportDocument, FORMAT, VERSION};
pub use import::ImportSummary;

/// The forms an export can take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// The whole journal, documented and versioned (docs/export-format.md); round-trips through import.
    Json,
    /// Check-ins only, one row each, for a spreadsheet.
    Csv,
}

/// The export capability, handed out by [`crate::Mend::export`].
pub struct Exporter<'a> {
    core: &'a Core,
}

impl<'a> Exporter<'a> {
    pub(crate) fn new(core: &'a Core) -> Self {
        Exporter { core }
    }

    /// Everything in the journal as one document.
    pub fn document(&self) -> Result<ExportDocument> {
        document::collect(self.core)
    }

    /// The journal as pretty-printed JSON.
    pub fn to_json(&self) -> Result<String> {
        Ok(serde_json::to_string_pretty(&self.document()?).expect("export documents always serialise"))
    }

    /// Check-ins as CSV, one row each, with a header.
    pub fn checkins_csv(&self) -> Result<String> {
        csv::checkins(self.core)
    }

    /// The export as text in `format`.
    pub fn text(&self, format: ExportFormat) -> Result<String> {
        match format {
            ExportFormat::Json => self.to_json(),
            ExportFormat::Csv => self.checkins_csv(),
        }
    }

    /// Writes the export to `path` whole and privately (0600; a temporary file beside it, fsync, rename), so a
    /// failure (a full disk) leaves any file already there byte for byte. An existing file is replaced only with
    /// [`Existing::Replace`]. Gives the number of bytes written.
    pub fn write_file(&self, path: &Path, format: ExportFormat, existing: Existing) -> Result<usize> {
        let text = self.text(format)?;
        files::write_private(path, text.as_bytes(), existing)?;
        Ok(text.len())
    }

    /// Imports the JSON export in the file at `path` (a regular file of bounded size; see
    /// [`files::read_import`]), as [`Exporter::import_json`].
    pub fn import_file(&self, path: &Path) -> Result<ImportSummary> {
        self.import_json(&files::read_import(path)?)
    }

    /// Imports a JSON export: into an empty journal it restores everything; into a non-empty one it merges by
    /// guid (or natural key) with no duplicates, whole rows: in a version 2 file a row of a synced table replaces
    /// the stored one only if its clock is later and a deletion beats every older version; rows without a clock
    /// (all of a version 1 file's) by the later `updated_at`. A malformed file is rejected whole.
    pub fn import_json(&self, text: &str) -> Result<ImportSummary> {
        import::import_json(self.core, text)
    }

    /// Removes every row the person owns and rewrites the file so nothing is recoverable from it. All or
    /// nothing: refused (changing nothing) while another program reads the journal or when the disk is too full
    /// to record the deletion.
    pub fn erase_all(&self) -> Result<()> {
        erase::erase_all(self.core)
    }
}

#[cfg(test)]
mod clock_tests;
#[cfg(test)]
mod synced_clock_tests;
#[cfg(test)]
mod tests;
