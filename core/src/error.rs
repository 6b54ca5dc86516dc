//! The core's error type. Every message is safe to show and to log: it names fields and kinds of problem,
//! never a value a person entered (no notes, no symptoms, no dates of loss).

use std::fmt;

/// Result with the core's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What can go wrong in the core. Variants map one-to-one onto the stable FFI error kinds.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A value a person or an app supplied is not acceptable. `field` is a path such as `checkin.pain.cramps`.
    #[error("{field}: {reason}")]
    InvalidInput { field: String, reason: String },
    /// The thing asked for does not exist (or was deleted). `what` names its kind, e.g. `check-in`.
    #[error("{what} not found")]
    NotFound { what: String },
    /// The request clashes with what is stored, e.g. a journal that already has a loss recorded.
    #[error("{0}")]
    Conflict(String),
    /// The journal file was written by a newer version of Mend. It is left exactly as it was.
    #[error(
        "this journal was saved by a newer version of Mend (schema {found}; this version knows up to {supported}). \
         It has been left untouched: please update Mend"
    )]
    NewerSchema { found: i64, supported: i64 },
    /// A file to import is not a Mend export. `at` is a JSON path or a line number; nothing was imported.
    #[error("the file could not be imported ({at}): {reason}. Nothing was changed")]
    Import { at: String, reason: String },
    /// The database could not do what was asked. The message says in plain words what happened (never a
    /// stored value) and, for a write, that nothing was saved.
    #[error("{0}")]
    Storage(StorageError),
    /// Reading or writing a file failed; the message says what happened in plain words.
    #[error("{0}")]
    Io(String),
}

/// A SQLite failure reduced to a safe, plain description of what happened.
#[derive(Debug)]
pub struct StorageError {
    pub code: Option<rusqlite::ErrorCode>,
    description: String,
    /// The failure stopped a write, which was rolled back whole: the message says nothing was saved.
    during_write: bool,
}

impl StorageError {
    /// What happened, in plain words, without saying whether anything was saved.
    pub fn plain(&self) -> &str {
        &self.description
    }

    /// Whether the operation was stopped by [`crate::Mend::interrupt`].
    pub fn is_interrupt(&self) -> bool {
        self.code == Some(rusqlite::ErrorCode::OperationInterrupted)
    }
}

impl fmt::Display for StorageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.during_write {
            write!(f, "Nothing was saved: {}", self.description)
        } else {
            write!(f, "Your journal could not be read: {}", self.description)
        }
    }
}

/// What a SQLite failure means, in words a person can act on.
fn plain_storage(err: &rusqlite::ffi::Error) -> &'static str {
    use rusqlite::ErrorCode as C;
    // SQLite reports a full disk met while sizing its shared-memory file as this I/O error.
    if err.extended_code == rusqlite::ffi::SQLITE_IOERR_SHMSIZE {
        return plain_storage(&rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_FULL));
    }
    match err.code {
        C::DiskFull => "the disk is full. Free some space and try again",
        C::DatabaseBusy | C::DatabaseLocked => "another program is using your journal right now. Try again in a moment",
        C::ReadOnly | C::PermissionDenied => "Mend may not write to your journal's files (check their permissions)",
        C::CannotOpen => "your journal's file could not be opened",
        C::DatabaseCorrupt | C::NotADatabase => {
            "your journal's file is damaged. It has been kept exactly as it is; please ask for help before changing it"
        }
        C::SystemIoFailure => "the device reported an error while reading or writing your journal",
        C::OperationInterrupted => "the operation was stopped before it finished",
        C::OutOfMemory => "the device ran out of memory",
        C::TooBig => "an entry is too large to store",
        C::ConstraintViolation => "the entry clashes with one already stored",
        _ => "the database reported an unexpected problem",
    }
}

/// What an I/O failure means, in words a person can act on.
pub fn plain_io(kind: std::io::ErrorKind) -> &'static str {
    use std::io::ErrorKind as K;
    match kind {
        K::NotFound => "the file or folder was not found",
        K::PermissionDenied => "permission to use the file or folder was denied",
        K::AlreadyExists => "a file with that name already exists",
        K::StorageFull => "the disk is full",
        K::QuotaExceeded => "the disk quota is used up",
        K::FileTooLarge => "the file is too large",
        K::ReadOnlyFilesystem => "the disk is read-only",
        K::IsADirectory => "that is a folder, not a file",
        K::NotADirectory => "a part of the path is not a folder",
        K::InvalidData => "the file is not valid text",
        K::Interrupted | K::TimedOut => "the operation was interrupted",
        K::BrokenPipe => "the program reading the output went away",
        _ => "the device reported an error while reading or writing",
    }
}

impl From<rusqlite::Error> for Error {
    fn from(err: rusqlite::Error) -> Self {
        // rusqlite messages can quote values (conversion failures); keep only the generic category.
        let (code, description) = match &err {
            rusqlite::Error::SqliteFailure(e, _) => (Some(e.code), plain_storage(e)),
            rusqlite::Error::QueryReturnedNoRows => (None, "an expected entry is missing"),
            rusqlite::Error::FromSqlConversionFailure(..) | rusqlite::Error::InvalidColumnType(..) => {
                (None, "a stored value has an unexpected type")
            }
            _ => (None, "the database reported an unexpected problem"),
        };
        Error::Storage(StorageError { code, description: description.to_owned(), during_write: false })
    }
}

impl From<std::io::Error> for Error {
    fn from(err: std::io::Error) -> Self {
        Error::Io(plain_io(err.kind()).to_owned())
    }
}

impl Error {
    /// A validation error for `field`.
    pub fn invalid(field: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::InvalidInput { field: field.into(), reason: reason.into() }
    }

    /// A not-found error for a kind of thing.
    pub fn not_found(what: impl Into<String>) -> Self {
        Error::NotFound { what: what.into() }
    }

    /// What happened, in plain words, without saying whether anything was saved (for a caller that says what
    /// was not done in its own words: "Nothing was erased: …").
    pub fn plain(&self) -> String {
        match self {
            Error::Storage(storage) => storage.plain().to_owned(),
            other => other.to_string(),
        }
    }

    /// Marks a storage failure as one that stopped a write (rolled back whole), so it says nothing was saved.
    pub(crate) fn in_write(self) -> Self {
        match self {
            Error::Storage(storage) => Error::Storage(StorageError { during_write: true, ..storage }),
            other => other,
        }
    }

    /// Prefixes the field path, e.g. `pain.cramps` becomes `checkins[3].pain.cramps`.
    pub fn within(self, prefix: &str) -> Self {
        match self {
            Error::InvalidInput { field, reason } => Error::InvalidInput { field: format!("{prefix}.{field}"), reason },
            other => other,
        }
    }
}

/// Replaces anything quoted in a third-party message (`…` or "…") with an ellipsis, so that a parser's
/// message never echoes a value from the file it read.
pub(crate) fn redact_quoted(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut closing: Option<char> = None;
    for ch in message.chars() {
        match closing {
            Some(c) if ch == c => {
                out.push('…');
                out.push(ch);
                closing = None;
            }
            Some(_) => {}
            None => {
                out.push(ch);
                if ch == '`' || ch == '"' {
                    closing = Some(ch);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redaction_hides_quoted_values_and_keeps_the_rest() {
        let msg = "invalid type: string \"heavy, with clots\", expected u8 at line 3 column 9";
        assert_eq!(redact_quoted(msg), "invalid type: string \"…\", expected u8 at line 3 column 9");
        assert_eq!(
            redact_quoted("unknown variant `lots`, expected one of `none`"),
            "unknown variant `…`, expected one of `…`"
        );
    }

    #[test]
    fn storage_and_file_failures_read_as_plain_words_and_say_whether_anything_was_saved() {
        let full = rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_FULL), None);
        let read = Error::from(full);
        assert_eq!(read.to_string(), "Your journal could not be read: the disk is full. Free some space and try again");
        let full = rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_FULL), None);
        let write = Error::from(full).in_write();
        assert_eq!(write.to_string(), "Nothing was saved: the disk is full. Free some space and try again");
        assert!(!write.to_string().contains("DiskFull"));
        let shm = rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_IOERR_SHMSIZE);
        let opening = Error::from(rusqlite::Error::SqliteFailure(shm, None));
        assert_eq!(
            opening.to_string(),
            "Your journal could not be read: the disk is full. Free some space and try again"
        );
        let io = Error::from(std::io::Error::from(std::io::ErrorKind::StorageFull));
        assert_eq!(io.to_string(), "the disk is full");
    }

    #[test]
    fn within_prefixes_only_input_errors() {
        let e = Error::invalid("mood", "must be between 0 and 10").within("checkins[2]");
        assert_eq!(e.to_string(), "checkins[2].mood: must be between 0 and 10");
        assert!(matches!(Error::not_found("check-in").within("x"), Error::NotFound { .. }));
    }
}
