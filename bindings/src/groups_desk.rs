//! A private group's moderators' desk on the `Mend` object (the core's `groups::private_desk_work`), so
//! co-moderators on different phones work together without passing files: notes they leave each other
//! (`groups_notes`, `groups_leave_note`: owners and publishers), and a charter change waiting for the other
//! owners' signatures (`groups_share_draft`, `groups_shared_draft`: owners). A shared draft is the same text
//! the file-based flow in `groups_moderators.rs` passes around: an owner finds it on the desk, signs it with
//! `groups_sign_draft`, shares it back (the signatures of the same proposal are combined) and puts it in force
//! with `groups_publish_draft`, which clears the desk's draft. Sharing a different proposal while one waits
//! fails (the core's conflict, `MendError::Group`) unless `replace` is set. The core decides and words
//! everything; these exports convert.

use mend_core::groups::GroupsFailure;
use mend_core::groups::charter_flow::Draft;

use crate::error::MendError;
use crate::groups_desk_types::{GroupDeskNote, notes};
use crate::groups_moderator_types::GroupDraft;
use crate::mend::Mend;
use crate::runtime::{blocking, wait};

type Result<T> = std::result::Result<T, MendError>;

#[uniffi::export]
impl Mend {
    /// The notes on a private group's desk, oldest first (its owners and publishers only).
    pub async fn groups_notes(&self, group: Option<String>) -> Result<Vec<GroupDeskNote>> {
        let (core, platform) = (self.core()?, self.groups_platform()?);
        blocking(move || {
            let groups = platform.groups(&core);
            Ok(notes(&wait(groups.notes(platform.transport.as_ref(), group.as_deref()))?))
        })
        .await
    }

    /// Leaves `text` on the desk for the group's other moderators, signed with this moderator's charter name;
    /// gives the notes as written.
    pub async fn groups_leave_note(&self, group: Option<String>, text: String) -> Result<Vec<GroupDeskNote>> {
        let (core, platform) = (self.core()?, self.groups_platform()?);
        blocking(move || {
            let groups = platform.groups(&core);
            Ok(notes(&wait(groups.leave_note(platform.transport.as_ref(), group.as_deref(), &text))?))
        })
        .await
    }

    /// Puts a draft's text on its group's desk for the other owners (the signatures of the same proposal there
    /// are kept); a different proposal waiting there is replaced only when `replace` is set. Gives the draft as
    /// shared and where it stands.
    pub async fn groups_share_draft(&self, text: String, replace: bool) -> Result<GroupDraft> {
        let (core, platform) = (self.core()?, self.groups_platform()?);
        let draft = Draft::from_text(&text).map_err(GroupsFailure::from)?;
        blocking(move || {
            let groups = platform.groups(&core);
            Ok(wait(groups.share_draft(platform.transport.as_ref(), &draft, replace))?.into())
        })
        .await
    }

    /// The charter change waiting on a private group's desk, with where it stands; none when there is none
    /// (or the one there no longer changes the charter in force).
    pub async fn groups_shared_draft(&self, group: Option<String>) -> Result<Option<GroupDraft>> {
        let (core, platform) = (self.core()?, self.groups_platform()?);
        blocking(move || {
            let groups = platform.groups(&core);
            Ok(wait(groups.shared_draft(platform.transport.as_ref(), group.as_deref()))?.map(GroupDraft::from))
        })
        .await
    }
}
