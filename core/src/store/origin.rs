//! Where a written row came from, which decides how it is written: the person's changes (`Local`, `Import`)
//! bump `sync_change_counter` so sync uploads them; rows from the server (`Remote`) set it to 0 and are recorded
//! in the mirror ([`super::mirror`]). The write path ([`crate::write`]) hands the origin to every row writer.

/// Where a change came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The person, on this device.
    Local,
    /// An export file the person imported.
    Import,
    /// Another of the person's devices, through the server.
    Remote,
}

impl Origin {
    /// Whether rows written with this origin are this device's changes, to be uploaded.
    pub fn counts_as_change(self) -> bool {
        self != Origin::Remote
    }
}
