//! Plans and listings from the store: gathers reminders, recent occurrence records, quiet hours, the discreet
//! setting and the care gate, then asks the pure [`super::planner`]. Also the Today view's upcoming firings
//! and `list`'s status for each reminder.

use std::ops::ControlFlow;

use chrono::{DateTime, Duration, Utc};

use super::Reminders;
use super::codes::{ReminderKind, ReminderStatus};
use super::gates::{CareGate, care_massage_allowed};
use super::model::{Firing, Plan, Reminder, ReminderListing};
use super::planner::{self, DEFAULT_CAP, MAX_HORIZON, PlanInput, PlanRequest, zone_of};
use super::recurrence::for_each_local;
use super::resolve::resolve_local;
use super::words::schedule_words;
use crate::error::{Error, Result};
use crate::zone::Zone;

/// How far ahead `list` looks for a reminder's next firing.
const LIST_HORIZON: Duration = Duration::days(366);

impl Reminders<'_> {
    /// The next firings from `now` to `now + horizon` across every reminder, sorted, at most 64, for a phone in
    /// `current_zone`. The massage gate comes from the care engine (asked only if a massage reminder is live).
    /// With sync, reminders ring only on the devices where the person turned them on: elsewhere the plan is
    /// empty (`rings_here` false). Done or skipped on one device reaches the others by sync and stops them.
    pub fn plan(&self, now: DateTime<Utc>, horizon: Duration, current_zone: Zone) -> Result<Plan> {
        let reminders = self.all()?;
        let gate = self.gate_for(&reminders)?;
        let mut plan =
            self.plan_from(&reminders, &PlanRequest { now, horizon, zone: current_zone, cap: DEFAULT_CAP }, gate)?;
        if !self.ring_here()? {
            plan.rings_here = false;
            plan.firings.clear();
            plan.capped = false;
        }
        Ok(plan)
    }

    /// Whether reminders ring on this device: yes, unless sync is set up with them off here.
    fn ring_here(&self) -> Result<bool> {
        let state = self.core.store.read(|c| Ok(crate::sync::state::load(c)?))?;
        Ok(state.is_none_or(|s| s.reminders_here))
    }

    /// A plan with an explicit cap and care gate.
    pub fn plan_with(&self, request: &PlanRequest, gate: &dyn CareGate) -> Result<Plan> {
        self.plan_from(&self.all()?, request, gate.massage_allowed())
    }

    fn plan_from(&self, reminders: &[Reminder], request: &PlanRequest, massage_allowed: bool) -> Result<Plan> {
        if request.horizon < Duration::zero() || request.horizon > MAX_HORIZON {
            return Err(Error::invalid("horizon", "must be between 0 and 366 days"));
        }
        let records = self.records_since(request.now - Duration::days(2))?;
        let input = PlanInput {
            reminders,
            records: &records,
            quiet_hours: self.quiet_hours()?,
            discreet: self.discreet()?,
            massage_allowed,
        };
        Ok(planner::plan(&input, request))
    }

    /// Whether the care engine's `massage-general` gate is ready now.
    pub fn massage_allowed(&self) -> Result<bool> {
        care_massage_allowed(self.core)
    }

    /// The gate, asked of the care engine only when a massage-session reminder could fire (it reads the journal).
    fn gate_for(&self, reminders: &[Reminder]) -> Result<bool> {
        if reminders.iter().any(|r| r.kind == ReminderKind::MassageSession && !r.paused) {
            self.massage_allowed()
        } else {
            Ok(true)
        }
    }

    /// The next `limit` firings within `within` of now, in the home zone (the Today view).
    pub fn upcoming(&self, within: Duration, limit: usize) -> Result<Vec<Firing>> {
        let reminders = self.all()?;
        let gate = self.gate_for(&reminders)?;
        let request = PlanRequest { now: self.now(), horizon: within, zone: self.home_zone()?, cap: limit };
        Ok(self.plan_from(&reminders, &request, gate)?.firings)
    }

    /// Every reminder with its status and next firing, for a phone in `current_zone`.
    pub fn list(&self, current_zone: Zone) -> Result<Vec<ReminderListing>> {
        let now = self.now();
        let reminders = self.all()?;
        let massage_allowed = self.gate_for(&reminders)?;
        let records = self.records_since(now - Duration::days(2))?;
        let input = PlanInput {
            reminders: &reminders,
            records: &records,
            quiet_hours: self.quiet_hours()?,
            discreet: true,
            massage_allowed,
        };
        let request = PlanRequest { now, horizon: LIST_HORIZON, zone: current_zone, cap: 1 };
        Ok(reminders
            .iter()
            .map(|reminder| {
                let status = status(reminder, massage_allowed, now, current_zone, &records);
                let next = (status == ReminderStatus::Active)
                    .then(|| {
                        let single = PlanInput { reminders: std::slice::from_ref(reminder), ..input };
                        planner::plan(&single, &request).firings.first().map(|f| (f.at_utc, f.moved_by_quiet_hours))
                    })
                    .flatten();
                ReminderListing {
                    reminder: reminder.clone(),
                    status,
                    floating: reminder.time_zone.is_none(),
                    next_at_utc: next.map(|(at, _)| at),
                    next_moved_by_quiet_hours: next.is_some_and(|(_, moved)| moved),
                    words: schedule_words(&reminder.schedule),
                }
            })
            .collect())
    }
}

/// How a reminder stands now.
fn status(
    reminder: &Reminder,
    massage_allowed: bool,
    now: DateTime<Utc>,
    zone: Zone,
    records: &[super::model::OccurrenceRecord],
) -> ReminderStatus {
    if reminder.paused {
        return ReminderStatus::Paused;
    }
    if reminder.kind == ReminderKind::MassageSession && !massage_allowed {
        return ReminderStatus::Waiting;
    }
    let snooze_pending =
        records.iter().any(|r| r.reminder == reminder.guid && r.snoozed_until.is_some_and(|t| t >= now));
    if snooze_pending || has_occurrence_from(reminder, now, zone) {
        ReminderStatus::Active
    } else {
        ReminderStatus::Ended
    }
}

/// Whether the schedule has any occurrence at or after `now` (within the scan limit).
fn has_occurrence_from(reminder: &Reminder, now: DateTime<Utc>, current_zone: Zone) -> bool {
    let zone = zone_of(reminder, current_zone);
    let mut found = false;
    let start = (now - Duration::days(1)).with_timezone(&zone).naive_local();
    for_each_local(&reminder.schedule, reminder.until, start, |local| {
        if resolve_local(zone, local) >= now {
            found = true;
            return ControlFlow::Break(());
        }
        ControlFlow::Continue(())
    });
    found
}
