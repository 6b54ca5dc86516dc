//! Export, import and erase: the person's data belongs to them. JSON export is documented and versioned
//! (docs/export-format.md) and round-trips through import; CSV gives check-ins to a spreadsheet; erase-all
//! leaves nothing recoverable in the file.

mod csv;
mod document;
mod erase;
mod import;

use crate::error::Result;
use crate::mend::Core;

pub use document::{ExportDocument, FORMAT, VERSION};
pub use import::ImportSummary;

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

    /// Imports a JSON export: into an empty journal it restores everything; into a non-empty one it merges by
    /// guid (the newer version of a row wins) with no duplicates. A malformed file is rejected whole.
    pub fn import_json(&self, text: &str) -> Result<ImportSummary> {
        import::import_json(self.core, text)
    }

    /// Removes every row the person owns and rewrites the file so nothing is recoverable from it.
    pub fn erase_all(&self) -> Result<()> {
        erase::erase_all(self.core)
    }
}

#[cfg(test)]
mod tests;
