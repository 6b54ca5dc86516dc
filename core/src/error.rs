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
    /// The database could not do what was asked. The message is SQLite's category, never a stored value.
    #[error("storage problem: {0}")]
    Storage(StorageError),
    /// Reading or writing a file failed.
    #[error("file problem: {0}")]
    Io(String),
}

/// A SQLite failure reduced to its safe description (the code and SQLite's generic text for it).
#[derive(Debug)]
pub struct StorageError {
    pub code: Option<rusqlite::ErrorCode>,
    description: String,
}

impl StorageError {
    /// Whether the operation was stopped by [`crate::Mend::interrupt`].
    pub fn is_interrupt(&self) -> bool {
        self.code == Some(rusqlite::ErrorCode::OperationInterrupted)
    }
}

impl fmt::Display for StorageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.description)
    }
}

impl From<rusqlite::Error> for Error {
    fn from(err: rusqlite::Error) -> Self {
        // rusqlite messages can quote values (conversion failures); keep only the generic category.
        let (code, description) = match &err {
            rusqlite::Error::SqliteFailure(e, _) => (Some(e.code), format!("{:?}", e.code)),
            rusqlite::Error::QueryReturnedNoRows => (None, "no matching row".to_owned()),
            rusqlite::Error::FromSqlConversionFailure(..) | rusqlite::Error::InvalidColumnType(..) => {
                (None, "a stored value has an unexpected type".to_owned())
            }
            _ => (None, "the database reported an error".to_owned()),
        };
        Error::Storage(StorageError { code, description })
    }
}

impl From<std::io::Error> for Error {
    fn from(err: std::io::Error) -> Self {
        Error::Io(err.kind().to_string())
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
    fn within_prefixes_only_input_errors() {
        let e = Error::invalid("mood", "must be between 0 and 10").within("checkins[2]");
        assert_eq!(e.to_string(), "checkins[2].mood: must be between 0 and 10");
        assert!(matches!(Error::not_found("check-in").within("x"), Error::NotFound { .. }));
    }
}
