//! The moderators' desk of a private group as the apps see it, converted one to one from the core's
//! (`mend_core::groups::private_desk_work`): a note one moderator left the others (signed with the name the
//! charter gives its writer; the author's and the text's words are the moderators' own, to show escaped), and a
//! charter change shared there, which crosses as the `GroupDraft` the file-based flow already uses.

use chrono::{DateTime, Utc};
use mend_core::groups::private_desk_work::{DeskNote, SharedDraft};

use crate::groups_moderator_types::GroupDraft;

/// One note on a private group's desk.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct GroupDeskNote {
    /// The name the charter gives the moderator who wrote it.
    pub author: String,
    /// What they wrote.
    pub text: String,
    /// When it was left.
    pub at: DateTime<Utc>,
}

impl From<&DeskNote> for GroupDeskNote {
    fn from(n: &DeskNote) -> Self {
        GroupDeskNote {
            author: n.author.clone(),
            text: n.text.clone(),
            at: DateTime::from_timestamp(n.at, 0).unwrap_or(DateTime::UNIX_EPOCH),
        }
    }
}

/// The notes in the order the core gives them (oldest first).
pub(crate) fn notes(notes: &[DeskNote]) -> Vec<GroupDeskNote> {
    notes.iter().map(GroupDeskNote::from).collect()
}

impl From<SharedDraft> for GroupDraft {
    fn from(s: SharedDraft) -> Self {
        GroupDraft { text: s.draft.to_text(), status: s.status.into() }
    }
}
