//! Private groups on the `Mend` object (the core's `groups::private_*`): people ask to join and the owners
//! approve each request. An owner creates one (`groups_create_private`: its link carries no read key). Before
//! joining, the app asks which kind of group a link is for (`groups_link_kind`): an open group's is joined at
//! once (`groups_join`, which refuses a private group's link with `MendError::PrivateGroupLink`); for a private
//! group's the app asks the person for the name the moderators will see and sends the request
//! (`groups_request_join`). The moderators list the requests and members (`groups_members`, owners and
//! publishers), and an owner approves, declines or removes one (`groups_approve`, `groups_decline`,
//! `groups_remove_member`: a new epoch, and the meetings whose passcodes and links to change). `groups_refresh`
//! (in `groups.rs`) reports what came of each request and each joined private group, and `groups_list` marks
//! private groups and the ones this device was removed from. The core decides and words everything; these
//! exports convert.

use mend_core::groups::invite::parse_link;

use crate::error::MendError;
use crate::groups_private_types::{
    GroupJoinRequested, GroupLinkKind, GroupMember, GroupMemberRemoved, GroupMembers, GroupRekeyed,
};
use crate::groups_types::GroupCreated;
use crate::mend::Mend;
use crate::runtime::{blocking, wait};

type Result<T> = std::result::Result<T, MendError>;

#[uniffi::export]
impl Mend {
    /// Which kind of group an invite link is for (a link that does not read: `InvalidInput`).
    pub fn groups_link_kind(&self, link: String) -> Result<GroupLinkKind> {
        let link = parse_link(&link).map_err(mend_core::groups::GroupsFailure::from)?;
        Ok(GroupLinkKind::from(&link))
    }

    /// Creates a private group on `server`, with this device as its only owner; its link carries no read key.
    pub async fn groups_create_private(
        &self,
        server: String,
        name: String,
        description: String,
        language: String,
        region: String,
    ) -> Result<GroupCreated> {
        let (core, platform) = (self.core()?, self.groups_platform()?);
        blocking(move || {
            let new = mend_core::groups::owner::NewGroup { server, name, description, language, region };
            Ok(wait(platform.groups(&core).create_private(platform.transport.as_ref(), new))?.into())
        })
        .await
    }

    /// Asks to join the private group of `link` under `display_name` (what its moderators see).
    pub async fn groups_request_join(&self, link: String, display_name: String) -> Result<GroupJoinRequested> {
        let (core, platform) = (self.core()?, self.groups_platform()?);
        blocking(move || {
            let groups = platform.groups(&core);
            Ok(wait(groups.request_join(platform.transport.as_ref(), &link, &display_name))?.into())
        })
        .await
    }

    /// A private group's requests and members, after taking in the requests that came since.
    pub async fn groups_members(&self, group: Option<String>) -> Result<GroupMembers> {
        let (core, platform) = (self.core()?, self.groups_platform()?);
        blocking(move || {
            let groups = platform.groups(&core);
            Ok(wait(groups.members(platform.transport.as_ref(), group.as_deref()))?.into())
        })
        .await
    }

    /// Approves the request of `member_id` (owners only): their device joins at its next refresh.
    pub async fn groups_approve(&self, group: Option<String>, member_id: String) -> Result<GroupMember> {
        let (core, platform) = (self.core()?, self.groups_platform()?);
        blocking(move || {
            let groups = platform.groups(&core);
            Ok((&wait(groups.approve(platform.transport.as_ref(), group.as_deref(), &member_id))?).into())
        })
        .await
    }

    /// Declines the request of `member_id` (owners only): their device says so at its next refresh.
    pub async fn groups_decline(&self, group: Option<String>, member_id: String) -> Result<GroupMember> {
        let (core, platform) = (self.core()?, self.groups_platform()?);
        blocking(move || {
            let groups = platform.groups(&core);
            Ok((&wait(groups.decline(platform.transport.as_ref(), group.as_deref(), &member_id))?).into())
        })
        .await
    }

    /// Removes the member `member_id` (owners only): a new key they do not get; names the meetings to change.
    pub async fn groups_remove_member(&self, group: Option<String>, member_id: String) -> Result<GroupMemberRemoved> {
        let (core, platform) = (self.core()?, self.groups_platform()?);
        blocking(move || {
            let groups = platform.groups(&core);
            Ok(wait(groups.remove_member(platform.transport.as_ref(), group.as_deref(), &member_id))?.into())
        })
        .await
    }

    /// Moves the private group to a new key, every approved member carried over (owners only; done for them when a
    /// charter change removes a moderator). Names the meetings whose passcodes and links to change.
    pub async fn groups_rekey(&self, group: Option<String>) -> Result<GroupRekeyed> {
        let (core, platform) = (self.core()?, self.groups_platform()?);
        blocking(move || {
            let groups = platform.groups(&core);
            Ok(wait(groups.rekey(platform.transport.as_ref(), group.as_deref()))?.into())
        })
        .await
    }
}
