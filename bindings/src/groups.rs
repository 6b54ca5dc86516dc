//! Support groups on the `Mend` object (the core's `mend_core::groups`). The app gives its HTTP transport and a
//! secret store of the groups' own once (`set_groups_platform`): group keys are kept apart from sync's, which
//! turning sync off clears. A moderator creates a group, checks and publishes the items the app's screens made
//! (a folder of Markdown files is the CLI's way: its YAML reader would add 0.19 MB to the phone library), shares
//! the invite link and backs the group up. A member joins from a link, refreshes every joined group in one
//! request, reads the items, follows a meeting as a reminder or takes it as `.ics`, sees the groups' hotlines
//! after the official numbers of mood alerts (and in the Library, marked when not re-confirmed), and leaves. The
//! core decides and words everything; these exports convert. Private groups are in `groups_private.rs`; here
//! `groups_join` refuses a private group's link (`MendError::PrivateGroupLink`) and `groups_refresh` lists their
//! outcomes first. (Doc comments on the exports are kept to a line: uniffi carries them into the phone library;
//! MendKit and mendkit document each call for the apps.)

use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};
use mend_core::care::RuleId;
use mend_core::groups::GroupsFailure;
use mend_core::groups::device::Groups;
use mend_core::groups::invite::{Link, parse_link};
use mend_core::reminders::Reminder;

use crate::error::MendError;
use crate::groups_types::{
    self, GroupBackup, GroupCreated, GroupFinding, GroupItem, GroupJoined, GroupLeft, GroupLine, GroupPublished,
    GroupRefreshed, GroupRestored, GroupSummary, NewGroupItem,
};
use crate::mend::Mend;
use crate::runtime::{blocking, wait};
use crate::secrets::{ForeignSecrets, SecretStore};
use crate::sync::Platform;
use crate::transport::{ForeignTransport, SyncTransport};

type Result<T> = std::result::Result<T, MendError>;

/// What a group call says before the app gave its platform.
const NO_GROUPS_PLATFORM: &str = "support groups need the app's connection and secret store first";

/// What the app gave for groups.
#[derive(Default)]
pub(crate) struct GroupsSlot(Mutex<Option<Platform>>);

#[uniffi::export]
impl Mend {
    /// Gives groups the app's HTTP transport and a secret store of their own (not sync's).
    pub fn set_groups_platform(&self, transport: Arc<dyn SyncTransport>, store: Arc<dyn SecretStore>) {
        let platform =
            Platform { transport: Arc::new(ForeignTransport(transport)), secrets: Arc::new(ForeignSecrets(store)) };
        *self.groups.0.lock().unwrap_or_else(|p| p.into_inner()) = Some(platform);
    }

    /// Creates an open resource group on `server`, with this device as its only owner.
    pub async fn groups_create(
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
            Ok(wait(platform.groups(&core).create(platform.transport.as_ref(), new))?.into())
        })
        .await
    }

    /// What the publishing checks notice in `items`, without publishing them.
    pub fn groups_check(&self, items: Vec<NewGroupItem>) -> Result<Vec<GroupFinding>> {
        let (core, platform) = (self.core()?, self.groups_platform()?);
        let found = platform.groups(&core).check_items(&groups_types::items(items)?);
        Ok(found.iter().map(GroupFinding::from).collect())
    }

    /// Publishes `items` as the next pack of a group this device owns or publishes to.
    pub async fn groups_publish(&self, group: Option<String>, items: Vec<NewGroupItem>) -> Result<GroupPublished> {
        let (core, platform) = (self.core()?, self.groups_platform()?);
        let items = groups_types::items(items)?;
        blocking(move || {
            let groups = platform.groups(&core);
            Ok(wait(groups.publish_items(platform.transport.as_ref(), group.as_deref(), items))?.into())
        })
        .await
    }

    /// Withdraws an item from an owned group (members stop showing it); gives the new pack's sequence.
    pub async fn groups_withdraw(&self, group: Option<String>, item: String) -> Result<u64> {
        let (core, platform) = (self.core()?, self.groups_platform()?);
        blocking(move || {
            let groups = platform.groups(&core);
            Ok(wait(groups.withdraw(platform.transport.as_ref(), group.as_deref(), &item))?.sequence)
        })
        .await
    }

    /// The invite link of an owned group.
    pub fn groups_invite(&self, group: Option<String>) -> Result<String> {
        let (core, platform) = (self.core()?, self.groups_platform()?);
        Ok(platform.groups(&core).invite(group.as_deref())?)
    }

    /// Joins an open group from its link; nothing is kept unless it verifies (a private link: `PrivateGroupLink`).
    pub async fn groups_join(&self, link: String) -> Result<GroupJoined> {
        let (core, platform) = (self.core()?, self.groups_platform()?);
        blocking(move || match wait(platform.groups(&core).join(platform.transport.as_ref(), &link)) {
            Ok(joined) => Ok(joined.into()),
            // The core refuses a private group's link before anything else, saying to ask to join instead.
            Err(GroupsFailure::Conflict(message)) if matches!(parse_link(&link), Ok(Link::Private(_))) => {
                Err(MendError::PrivateGroupLink { message })
            }
            Err(failure) => Err(failure.into()),
        })
        .await
    }

    /// Follows private groups' requests and rosters (their outcomes first), then fetches every joined group.
    pub async fn groups_refresh(&self) -> Result<Vec<GroupRefreshed>> {
        let (core, platform) = (self.core()?, self.groups_platform()?);
        blocking(move || {
            let (groups, transport) = (platform.groups(&core), platform.transport.as_ref());
            // The core's `refresh` follows the rosters again and finds nothing more to report.
            let private = wait(groups.refresh_private(transport))?;
            let refreshed = wait(groups.refresh_with_account(transport))?;
            let private = private.into_iter().map(GroupRefreshed::from);
            Ok(private.chain(refreshed.into_iter().map(GroupRefreshed::from)).collect())
        })
        .await
    }

    /// When to refresh next (6 hours after the last check; past means now); none without joined groups.
    pub fn groups_next_refresh_at(&self) -> Result<Option<DateTime<Utc>>> {
        let (core, platform) = (self.core()?, self.groups_platform()?);
        Ok(platform.groups(&core).next_refresh_at()?)
    }

    /// The groups this device moderates, then the ones it joined.
    pub fn groups_list(&self) -> Result<Vec<GroupSummary>> {
        let (core, platform) = (self.core()?, self.groups_platform()?);
        Ok(platform.groups(&core).list()?.into_iter().map(GroupSummary::from).collect())
    }

    /// The items of one joined group (id or name), or of all.
    pub fn groups_items(&self, group: Option<String>) -> Result<Vec<GroupItem>> {
        let (core, platform) = (self.core()?, self.groups_platform()?);
        Ok(platform.groups(&core).items(group.as_deref())?.into_iter().map(GroupItem::from).collect())
    }

    /// The reminders made from a joined group's meetings (to ask about before leaving).
    pub fn groups_followed_reminders(&self, group: String) -> Result<Vec<Reminder>> {
        let (core, platform) = (self.core()?, self.groups_platform()?);
        Ok(platform.groups(&core).followed_reminders(&group)?)
    }

    /// Leaves a joined group: its items and states go, and its meetings' reminders if the person said so.
    pub fn groups_leave(&self, group: String, remove_reminders: bool) -> Result<GroupLeft> {
        let (core, platform) = (self.core()?, self.groups_platform()?);
        Ok(platform.groups(&core).leave_with(&group, remove_reminders)?.into())
    }

    /// Follows a joined group's meeting as a reminder, in the meeting's own zone.
    pub fn groups_follow(&self, group: String, item: String) -> Result<Reminder> {
        let (core, platform) = (self.core()?, self.groups_platform()?);
        Ok(platform.groups(&core).follow(&group, &item)?.reminder)
    }

    /// A joined group's meeting as an iCalendar (.ics) text, for any calendar.
    pub fn groups_meeting_ics(&self, group: String, item: String) -> Result<String> {
        let (core, platform) = (self.core()?, self.groups_platform()?);
        let (entry, meeting) = platform.groups(&core).meeting(&group, &item)?;
        Ok(mend_core::groups::ics::meeting_ics(&entry, &meeting, core.now()))
    }

    /// The joined groups' hotlines to show after the official numbers of an alert of `rule` (mood alerts only).
    pub fn groups_lines_for_alert(&self, rule: RuleId) -> Result<Vec<GroupLine>> {
        let (core, platform) = (self.core()?, self.groups_platform()?);
        let lines = platform.groups(&core).hotlines_for_alert(rule)?;
        Ok(lines.into_iter().map(GroupLine::from).collect())
    }

    /// Every joined group's hotlines, with how fresh each is (for the Library).
    pub fn groups_lines(&self) -> Result<Vec<GroupLine>> {
        let (core, platform) = (self.core()?, self.groups_platform()?);
        Ok(platform.groups(&core).hotlines()?.into_iter().map(GroupLine::from).collect())
    }

    /// A new backup of an owned group: words to show once, and the file.
    pub fn groups_backup(&self, group: Option<String>) -> Result<GroupBackup> {
        let (core, platform) = (self.core()?, self.groups_platform()?);
        Ok(platform.groups(&core).backup(group.as_deref())?.into())
    }

    /// Records that a backup's file was saved and its words shown (the orphan warning stops).
    pub fn groups_backup_kept(&self, group: String) -> Result<()> {
        let (core, platform) = (self.core()?, self.groups_platform()?);
        Ok(platform.groups(&core).backup_kept(&group)?)
    }

    /// Puts an owned group back on this device from its backup file and words.
    pub fn groups_restore(&self, file: Vec<u8>, words: String) -> Result<GroupRestored> {
        let (core, platform) = (self.core()?, self.groups_platform()?);
        Ok(platform.groups(&core).restore(&file, &words)?.into())
    }
}

/// What group calls run with: the groups' own platform and, once the app gave sync's, sync's secret store, so
/// memberships follow the person to their other devices (joining and leaving write their rows, a refresh takes
/// up or leaves what the rows say; the core's `groups::membership_sync`).
#[derive(Clone)]
pub(crate) struct GroupsPlatform {
    pub(crate) transport: Arc<ForeignTransport>,
    pub(crate) secrets: Arc<ForeignSecrets>,
    pub(crate) account: Option<Arc<ForeignSecrets>>,
}

impl GroupsPlatform {
    /// The core's groups over these stores.
    pub(crate) fn groups<'a>(&'a self, core: &'a mend_core::Mend) -> Groups<'a> {
        let groups = core.groups(self.secrets.as_ref());
        match &self.account {
            Some(account) => groups.with_account(account.as_ref()),
            None => groups,
        }
    }
}

impl Mend {
    pub(crate) fn groups_platform(&self) -> Result<GroupsPlatform> {
        let platform = self.groups.0.lock().unwrap_or_else(|p| p.into_inner()).clone();
        let Platform { transport, secrets } =
            platform.ok_or_else(|| MendError::Group { message: NO_GROUPS_PLATFORM.into() })?;
        Ok(GroupsPlatform { transport, secrets, account: self.platform().ok().map(|sync| sync.secrets) })
    }

    /// The groups as they are when the app gave both platforms, for sync to settle memberships around a run.
    pub(crate) fn groups_if_given(&self) -> Option<GroupsPlatform> {
        self.groups_platform().ok().filter(|p| p.account.is_some())
    }
}
