//! The profile: region, home zone, the discreet-notifications setting and the person's own numbers.

use super::model::{Profile, ProfileInput};
use super::numbers::NumberInput;
use super::rows::{PROFILE_COLUMNS, profile_from_row, upsert_profile};
use super::{Journal, validate};
use crate::error::Result;
use crate::ids::new_guid;
use crate::zone::Zone;

impl Journal<'_> {
    /// The profile, if the journal has been set up.
    pub fn profile(&self) -> Result<Option<Profile>> {
        self.core.store.query_opt(
            &format!("SELECT {PROFILE_COLUMNS} FROM profile WHERE deleted = 0"),
            [],
            profile_from_row,
        )
    }

    /// The person's zone (the profile's; UTC until one is set).
    pub fn zone(&self) -> Result<Zone> {
        Ok(self.profile()?.map_or(Zone::UTC, |p| p.zone()))
    }

    /// Creates or updates the profile.
    pub fn set_profile(&self, input: ProfileInput) -> Result<Profile> {
        validate::profile(&input)?;
        let now = self.now();
        let existing = self.profile()?;
        let [unit_number, own_emergency_number, own_crisis_number] = validate::own_numbers(&input)?;
        let profile = Profile {
            guid: existing.as_ref().map(|p| p.guid.clone()).unwrap_or_else(new_guid),
            region: input.region.as_deref().map(super::region::normalise).transpose()?,
            time_zone: input.time_zone,
            discreet_notifications: input.discreet_notifications,
            unit_number,
            own_emergency_number,
            own_crisis_number,
            mood_screens: input.mood_screens,
            rhd: input.rhd,
            created_at: existing.as_ref().map(|p| p.created_at).unwrap_or(now),
            updated_at: now.max(existing.map(|p| p.updated_at + chrono::Duration::milliseconds(1)).unwrap_or(now)),
        };
        self.write(|tx| {
            upsert_profile(tx, &profile)?;
            Ok(())
        })?;
        Ok(profile)
    }

    /// Turns the mood screens on or off (asked once at set-up and changeable), keeping the rest of the profile.
    pub fn set_mood_screens(&self, on: bool) -> Result<Profile> {
        let profile = self.profile()?.ok_or_else(|| crate::Error::not_found("profile"))?;
        self.set_profile(ProfileInput { mood_screens: Some(on), ..ProfileInput::of(&profile) })
    }

    /// Sets the profile's own numbers (the unit's 24-hour number, the person's own emergency and crisis
    /// numbers), keeping the rest of the profile. `None` removes a number.
    pub fn set_own_numbers(
        &self,
        unit_number: Option<NumberInput>,
        own_emergency_number: Option<NumberInput>,
        own_crisis_number: Option<NumberInput>,
    ) -> Result<Profile> {
        let profile = self.profile()?.ok_or_else(|| crate::Error::not_found("profile"))?;
        self.set_profile(ProfileInput {
            unit_number,
            own_emergency_number,
            own_crisis_number,
            ..ProfileInput::of(&profile)
        })
    }
}

impl Journal<'_> {
    /// Sets up a new journal: the profile and the first loss, in one transaction (both or neither).
    pub fn set_up(&self, profile: ProfileInput, loss: super::model::NewLoss) -> Result<(Profile, super::model::Loss)> {
        validate::profile(&profile)?;
        let zone = validate::time_zone("time_zone", &profile.time_zone)?;
        let now = self.now();
        validate::loss(&loss, now.with_timezone(&zone).date_naive())?;
        let [unit_number, own_emergency_number, own_crisis_number] = validate::own_numbers(&profile)?;
        let profile = Profile {
            guid: new_guid(),
            region: profile.region.as_deref().map(super::region::normalise).transpose()?,
            time_zone: profile.time_zone,
            discreet_notifications: profile.discreet_notifications,
            unit_number,
            own_emergency_number,
            own_crisis_number,
            mood_screens: profile.mood_screens,
            rhd: profile.rhd,
            created_at: now,
            updated_at: now,
        };
        let loss = super::model::Loss {
            guid: new_guid(),
            loss_date: loss.loss_date,
            weeks: loss.weeks,
            kind: loss.kind,
            management: loss.management,
            due_date: loss.due_date,
            loss_at: loss.loss_at,
            created_at: now,
            updated_at: now,
        };
        self.write(|tx| {
            // Checked inside the write transaction, so two set-ups at once can never both succeed.
            let set_up: bool =
                tx.query_row("SELECT EXISTS (SELECT 1 FROM profile WHERE deleted = 0)", [], |r| r.get(0))?;
            if set_up {
                return Err(crate::Error::Conflict("this journal is already set up".into()));
            }
            upsert_profile(tx, &profile)?;
            super::rows::upsert_loss(tx, &loss)?;
            Ok(())
        })?;
        Ok((profile, loss))
    }
}
