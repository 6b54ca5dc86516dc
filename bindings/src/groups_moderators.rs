//! Co-moderating from a phone (the core's `mend_core::groups` publishers, charter flow, hand-offs and `show`): this
//! device's moderator key to send an owner, accepting a link an owner sealed for it, adding and removing publishers of
//! a one-owner group, and a charter change that travels between owners as a draft's text (propose, read, sign, put in
//! force; the app shares the text as a file or a message, or for a private group on the moderators' desk:
//! `groups_desk.rs`). `groups_show` lists a group's owners and publishers as its verified charter names them. The core
//! decides and words everything; these exports convert.

use mend_core::groups::GroupsFailure;
use mend_core::groups::charter_flow::Draft;
use mend_core::groups::items::ItemKind;

use crate::error::MendError;
use crate::groups_moderator_types::{
    GroupAccepted, GroupCharterChange, GroupCharterPublished, GroupDetails, GroupDraft, GroupDraftStatus,
    GroupPublishersChanged,
};
use crate::mend::Mend;
use crate::runtime::{blocking, wait};

type Result<T> = std::result::Result<T, MendError>;

#[uniffi::export]
impl Mend {
    /// This device's moderator key code, to send to an owner who will add it.
    pub fn groups_moderator_key(&self) -> Result<String> {
        let (core, platform) = (self.core()?, self.groups_platform()?);
        Ok(platform.groups(&core).moderator_key()?)
    }

    /// Accepts a publisher's or owner's link sealed for this device; nothing is kept unless it verifies.
    pub async fn groups_accept(&self, link: String) -> Result<GroupAccepted> {
        let (core, platform) = (self.core()?, self.groups_platform()?);
        blocking(move || Ok(wait(platform.groups(&core).accept(platform.transport.as_ref(), &link))?.into())).await
    }

    /// Adds a publisher of `scopes` to a one-owner group; gives her link.
    pub async fn groups_add_publisher(
        &self,
        group: Option<String>,
        key: String,
        name: String,
        scopes: Vec<ItemKind>,
    ) -> Result<GroupPublishersChanged> {
        let (core, platform) = (self.core()?, self.groups_platform()?);
        blocking(move || {
            let groups = platform.groups(&core);
            let transport = platform.transport.as_ref();
            Ok(wait(groups.add_publisher(transport, group.as_deref(), &key, &name, scopes))?.into())
        })
        .await
    }

    /// Removes a publisher (key code or name) and rotates the write key; gives new links for the others.
    pub async fn groups_remove_publisher(&self, group: Option<String>, who: String) -> Result<GroupPublishersChanged> {
        let (core, platform) = (self.core()?, self.groups_platform()?);
        blocking(move || {
            let groups = platform.groups(&core);
            Ok(wait(groups.remove_publisher(platform.transport.as_ref(), group.as_deref(), &who))?.into())
        })
        .await
    }

    /// Proposes a charter change: the draft's text, signed by this device, to pass to the other owners.
    pub async fn groups_propose_charter(
        &self,
        group: Option<String>,
        change: GroupCharterChange,
    ) -> Result<GroupDraft> {
        let (core, platform) = (self.core()?, self.groups_platform()?);
        let changes = change.into();
        blocking(move || {
            let groups = platform.groups(&core);
            let (draft, status) = wait(groups.propose_charter(platform.transport.as_ref(), group.as_deref(), changes))?;
            Ok(GroupDraft { text: draft.to_text(), status: status.into() })
        })
        .await
    }

    /// What a draft changes and who has signed it, before signing.
    pub fn groups_read_draft(&self, text: String) -> Result<GroupDraftStatus> {
        Ok(Draft::from_text(&text).and_then(|draft| draft.status()).map_err(GroupsFailure::from)?.into())
    }

    /// Adds this device's signature to a draft: the new text, and where it stands.
    pub fn groups_sign_draft(&self, text: String) -> Result<GroupDraft> {
        let (core, platform) = (self.core()?, self.groups_platform()?);
        let mut draft = Draft::from_text(&text).map_err(GroupsFailure::from)?;
        let status = platform.groups(&core).sign_charter(&mut draft)?;
        Ok(GroupDraft { text: draft.to_text(), status: status.into() })
    }

    /// Puts a fully signed draft in force; gives the links to send to new and remaining moderators.
    pub async fn groups_publish_draft(&self, text: String) -> Result<GroupCharterPublished> {
        let (core, platform) = (self.core()?, self.groups_platform()?);
        let draft = Draft::from_text(&text).map_err(GroupsFailure::from)?;
        blocking(move || {
            let groups = platform.groups(&core);
            Ok(wait(groups.publish_charter(platform.transport.as_ref(), &draft))?.into())
        })
        .await
    }

    /// One group as its verified charter describes it: owners, publishers, expiry.
    pub fn groups_show(&self, group: Option<String>) -> Result<GroupDetails> {
        let (core, platform) = (self.core()?, self.groups_platform()?);
        Ok(platform.groups(&core).show(group.as_deref())?.into())
    }
}
