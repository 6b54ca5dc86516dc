//! Losses: a person may have had more than one; the most recent (by date) is the current one.

use super::model::{Loss, NewLoss};
use super::rows::{LOSS_COLUMNS, LOSSES, loss_from_row, tombstone, upsert_loss};
use super::{Journal, validate};
use crate::error::{Error, Result};
use crate::ids::new_guid;
use crate::store::undo::{Action, Entry};

impl Journal<'_> {
    /// Records a loss.
    pub fn record_loss(&self, input: NewLoss) -> Result<Loss> {
        let today = self.core.clock.now().with_timezone(&self.zone_for(None)?.0).date_naive();
        validate::loss(&input, today)?;
        let now = self.now();
        let loss = Loss {
            guid: new_guid(),
            loss_date: input.loss_date,
            weeks: input.weeks,
            kind: input.kind,
            management: input.management,
            due_date: input.due_date,
            loss_at: input.loss_at,
            created_at: now,
            updated_at: now,
        };
        self.write(|tx| {
            upsert_loss(tx, &loss)?;
            self.remember(tx, Entry::Loss, &loss.guid, Action::Added, Some(loss.updated_at))
        })?;
        Ok(loss)
    }

    /// Replaces a loss's details.
    pub fn update_loss(&self, guid: &str, input: NewLoss) -> Result<Loss> {
        let today = self.core.clock.now().with_timezone(&self.zone_for(None)?.0).date_naive();
        validate::loss(&input, today)?;
        let existing = self.loss(guid)?.ok_or_else(|| Error::not_found("loss"))?;
        let before = Action::edited(&existing);
        let loss = Loss {
            loss_date: input.loss_date,
            weeks: input.weeks,
            kind: input.kind,
            management: input.management,
            due_date: input.due_date,
            loss_at: input.loss_at,
            updated_at: self.now().max(existing.updated_at + chrono::Duration::milliseconds(1)),
            ..existing
        };
        self.write_replacing(|tx| {
            upsert_loss(tx, &loss)?;
            self.remember(tx, Entry::Loss, &loss.guid, before, Some(loss.updated_at))
        })?;
        Ok(loss)
    }

    /// Deletes a loss (a tombstone that keeps no details).
    pub fn delete_loss(&self, guid: &str) -> Result<()> {
        let now = self.now();
        let changed = self.write_replacing(|tx| {
            let changed = tombstone(tx, &LOSSES.table, guid, now)?;
            self.remember(tx, Entry::Loss, guid, Action::Deleted, None)?;
            Ok(changed)
        })?;
        if changed == 0 { Err(Error::not_found("loss")) } else { Ok(()) }
    }

    /// One loss by guid.
    pub fn loss(&self, guid: &str) -> Result<Option<Loss>> {
        self.core.store.query_opt(
            &format!("SELECT {LOSS_COLUMNS} FROM losses WHERE guid = ?1 AND deleted = 0"),
            [guid],
            loss_from_row,
        )
    }

    /// Every loss, oldest first.
    pub fn losses(&self) -> Result<Vec<Loss>> {
        self.core.store.query_all(
            &format!("SELECT {LOSS_COLUMNS} FROM losses WHERE deleted = 0 ORDER BY loss_date, created_at"),
            [],
            loss_from_row,
        )
    }

    /// The current loss: the most recent by date.
    pub fn current_loss(&self) -> Result<Option<Loss>> {
        self.core.store.query_opt(
            &format!(
                "SELECT {LOSS_COLUMNS} FROM losses WHERE deleted = 0 ORDER BY loss_date DESC, created_at DESC LIMIT 1"
            ),
            [],
            loss_from_row,
        )
    }
}
