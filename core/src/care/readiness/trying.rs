//! `trying-again` (shared/clinical/guidance.md version 2, "Readiness gates"; nichd-faq, cruk-molar,
//! methotrexate-wait): informational, ready once a period has been counted after the loss; not ready after a
//! molar pregnancy until the specialist's go-ahead is recorded (a `go_ahead` event for `trying_again`), nor
//! until 3 months after the last methotrexate dose (the latest methotrexate medication event; an ectopic
//! pregnancy managed medically was treated with methotrexate, so without one it counts from the loss time),
//! nor while the pregnancy is unresolved.

use chrono::{DateTime, Months, NaiveDate, Utc};

use super::super::view::View;
use super::super::words;
use super::Holds;
use crate::journal::{Activity, EventDetails, LossKind, Management, Medicine};

/// Trying again waits this long after the last methotrexate dose (methotrexate-wait: "at least 3 months").
pub const METHOTREXATE_WAIT: Months = Months::new(3);

/// The last methotrexate dose: the latest methotrexate medication event, else the loss time of an ectopic
/// pregnancy managed medically; `None` when there was none.
pub(crate) fn methotrexate_at(view: &View<'_>) -> Option<DateTime<Utc>> {
    let logged = view
        .events
        .iter()
        .filter(|e| matches!(e.details, EventDetails::Medication { medicine: Some(Medicine::Methotrexate), .. }))
        .map(|e| e.at)
        .max();
    let medical_ectopic =
        view.loss.is_some_and(|l| l.kind == LossKind::Ectopic && l.management == Some(Management::Medical));
    logged.or_else(|| view.loss_time().filter(|_| medical_ectopic))
}

/// The first day trying again may be ready after methotrexate: 3 calendar months after the local day of the
/// last dose.
pub fn methotrexate_wait_ends(last_dose_day: NaiveDate) -> NaiveDate {
    last_dose_day.checked_add_months(METHOTREXATE_WAIT).unwrap_or(last_dose_day)
}

pub(super) fn holds(view: &View<'_>) -> Holds {
    let mut trying = Holds::default();
    let Some(loss) = view.loss else {
        trying.reason(words::REASON_NO_LOSS);
        return trying;
    };
    let go_ahead =
        view.events.iter().any(|e| matches!(e.details, EventDetails::GoAhead { activity: Activity::TryingAgain }));
    if loss.kind == LossKind::Molar && !go_ahead {
        trying.reason(words::REASON_MOLAR);
    }
    if let Some(dose) = methotrexate_at(view) {
        let from = methotrexate_wait_ends(view.local_date(dose));
        if view.today < from {
            trying.until(from, words::reason_methotrexate(from));
        }
    }
    if view.unresolved() {
        trying.reason(words::REASON_TRYING_UNRESOLVED);
    }
    if view.first_period().is_none() {
        match view.periods.iter().rev().find_map(|p| p.not_counted.map(|why| (p.day, why))) {
            Some((day, why)) => trying.reason(words::period_not_counted(day, why)),
            None => trying.reason(words::REASON_NO_PERIOD),
        }
    }
    trying
}
