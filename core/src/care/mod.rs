//! The care engine: it notices when something is not normal and says — plainly, at once, with the right phone
//! number — what to do; and it tells a person when gentle things are safe again. shared/clinical/guidance.md is
//! its specification: every red flag ([`rules`]), expected-by marker ([`markers`]) and readiness gate
//! ([`readiness`]) there is here with its id, threshold, severity and sources.
//!
//! The rules are pure functions over the journal and a clock ([`assess`]). Alerts are kept as episodes
//! ([`alerts`]): evaluated inside every journal write (so a check-in and the alerts it raises commit
//! together) and again on demand, because time passes. [`Care`] is the capability handle.

mod alerts;
pub mod answers;
pub mod card;
pub mod codes;
pub mod form;
mod journal_writes;
pub mod lifetime;
mod load;
pub mod markers;
mod personal;
pub mod phones;
pub mod readiness;
mod recent;
pub mod regions;
pub(crate) mod rows;
pub mod rules;
mod view;
pub mod words;

#[cfg(test)]
pub(crate) mod tests;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::mend::Core;
use crate::observe::Change;

pub use alerts::{Alert, AlertRecord};
pub use answers::FormAnswer;
pub use card::{CareCard, CareNote};
pub use form::{CheckinForm, FieldKind, FormChoice, FormField, FormSection};
pub use rows::decisions::AlertDecision;

/// Runs `f` over the view of a 9-week loss of `kind` (first-trimester, loss on 1 May), with a misoprostol dose
/// `dose_hours` before now if given, at midday on day `day_n`.
#[cfg(test)]
pub(crate) fn tests_support_view<T>(
    kind: crate::journal::LossKind,
    dose_hours: Option<i64>,
    day_n: i64,
    f: impl FnOnce(&view::View<'_>) -> T,
) -> T {
    use tests::support::{J, day, ev};
    let now = day(day_n);
    let mut j = J::first();
    if let Some(loss) = j.loss.as_mut() {
        loss.kind = kind;
    }
    if let Some(h) = dose_hours {
        j.events.push(ev(
            now - chrono::Duration::hours(h),
            crate::journal::EventDetails::Medication {
                name: "misoprostol".into(),
                dose: None,
                medicine: Some(crate::journal::Medicine::Misoprostol),
                route: None,
            },
        ));
    }
    let input = CareInput { mood_screens: false, ..j.input(now) };
    f(&view::View::new(&input))
}

/// An open alert with these words, for tests of what is built from alerts.
#[cfg(test)]
pub(crate) fn tests_support_alert(severity: Severity, action: &str, message: &str) -> Alert {
    Alert {
        id: format!("alert-{message}"),
        rule: RuleId::Fever,
        severity,
        title: String::new(),
        action: action.to_owned(),
        message: message.to_owned(),
        phone: String::new(),
        phones: vec![],
        sources: vec![],
        because: vec![],
        raised_at: chrono::DateTime::UNIX_EPOCH,
        acknowledged: false,
        open: true,
        cleared_at: None,
        episodes: 1,
        seen_at: None,
    }
}
pub use codes::*;
pub use load::Read;
pub use markers::Marker;
pub use readiness::Gate;
pub use rules::Finding;
pub use view::{CareInput, EARLY_DAYS, RECENT_DAYS, checkin_day_ranges};

/// What the rules make of a journal at one instant.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assessment {
    /// The red flags that hold now, in the guidance's order.
    pub findings: Vec<Finding>,
    pub markers: Vec<Marker>,
    pub readiness: Vec<Gate>,
}

/// Runs every rule, marker and gate over `input`, with no alert stored yet. Pure: the same journal and clock
/// give the same answer, whatever order the entries come in.
pub fn assess(input: &CareInput<'_>) -> Assessment {
    assess_with(input, &[])
}

/// Runs every rule, marker and gate over `input`, keeping open the `stored` alerts whose signs have not yet
/// been seen to go ([`lifetime`]). Pure, like [`assess`].
pub fn assess_with(input: &CareInput<'_>, stored: &[AlertRecord]) -> Assessment {
    let view = view::View::new(input);
    let findings = lifetime::apply(input, &view, rules::findings(&view), stored);
    let markers = markers::markers(&view);
    let readiness = readiness::gates(&view, &findings);
    Assessment { findings, markers, readiness }
}

/// Everything the care engine has to say now: what Today shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct CareReport {
    /// Every open alert: those not yet acknowledged first (show them in full), then those the person has
    /// acknowledged that still hold (`acknowledged: true`: show each as one short line, so what the readiness
    /// gates call an open alert can always be found); each group most urgent first.
    pub alerts: Vec<Alert>,
    /// Info findings: cards with self-care words (brief dizziness that passed, chills soon after misoprostol,
    /// one leg aching once, shoulder pain after keyhole surgery), never alerts.
    pub notes: Vec<CareNote>,
    pub markers: Vec<Marker>,
    pub readiness: Vec<Gate>,
}

/// The result of one evaluation.
pub(crate) struct Outcome {
    pub assessment: Assessment,
    /// Every stored alert after the evaluation.
    pub alerts: Vec<AlertRecord>,
    /// Guids of the alerts it raised or re-opened.
    pub raised: Vec<String>,
    pub region: Option<String>,
    /// The profile, for the person's own numbers.
    pub profile: Option<crate::journal::Profile>,
}

impl Outcome {
    /// A stored alert as the person sees it, with the numbers for their region and their own.
    fn shown(&self, record: &AlertRecord) -> Alert {
        personal::shown(record, self.region.as_deref(), self.profile.as_ref())
    }

    /// The alerts this evaluation raised or re-opened, most urgent first.
    pub fn raised_alerts(&self) -> Vec<Alert> {
        let mut out: Vec<Alert> =
            self.alerts.iter().filter(|r| self.raised.contains(&r.guid)).map(|r| self.shown(r)).collect();
        alerts::sort(&mut out);
        out
    }

    /// Open alerts (and, if asked, acknowledged ones too), most urgent first.
    pub fn open_alerts(&self, include_acknowledged: bool) -> Vec<Alert> {
        let mut out: Vec<Alert> = self
            .alerts
            .iter()
            .filter(|r| r.is_open() && (include_acknowledged || !r.acknowledged))
            .map(|r| self.shown(r))
            .collect();
        alerts::sort(&mut out);
        out
    }

    /// Every open alert, those not yet acknowledged first, each group most urgent first (what Today shows).
    pub fn report_alerts(&self) -> Vec<Alert> {
        let mut out = self.open_alerts(true);
        out.sort_by_key(|a| a.acknowledged);
        out
    }

    /// What observers are told.
    pub fn changes(&self) -> Vec<Change> {
        self.raised.iter().map(|guid| Change::AlertRaised { alert: guid.clone() }).collect()
    }
}

/// Evaluates on `conn` and stores the alert changes: call inside the write transaction (a journal write, an
/// import), so the journal and its alerts commit together.
pub(crate) fn evaluate_in(conn: &Connection, now: DateTime<Utc>) -> Result<Outcome> {
    let snapshot = load::load(conn, now)?;
    let assessment = assess_with(&snapshot.input(now), &snapshot.alerts);
    let plan = alerts::reconcile(&snapshot.alerts, &assessment.findings, now);
    plan.store(conn, now)?;
    Ok(Outcome {
        alerts: plan.applied_to(&snapshot.alerts),
        raised: plan.raised,
        region: snapshot.region().map(str::to_owned),
        profile: snapshot.profile,
        assessment,
    })
}

pub(crate) use recent::WriteEvaluator;

/// The alerts with these guids as the person sees them (with the region's numbers), most urgent first: what a
/// write that raised them hands back.
pub(crate) fn alerts_by_guid(core: &Core, guids: &[String]) -> Result<Vec<Alert>> {
    if guids.is_empty() {
        return Ok(Vec::new());
    }
    let (records, profile) = core.store.read(|conn| Ok((rows::load_alerts(conn)?, load::profile(conn)?)))?;
    let region = profile.as_ref().and_then(|p| p.region.as_deref());
    let mut out: Vec<Alert> = records
        .iter()
        .filter(|r| guids.contains(&r.guid))
        .map(|r| personal::shown(r, region, profile.as_ref()))
        .collect();
    alerts::sort(&mut out);
    Ok(out)
}

/// The care capability, handed out by [`crate::Mend::care`].
pub struct Care<'a> {
    core: &'a Core,
}

impl<'a> Care<'a> {
    pub(crate) fn new(core: &'a Core) -> Self {
        Care { core }
    }

    /// Evaluates now: reads the journal and, only if an alert was raised, re-opened, cleared or changed,
    /// stores that in one write (re-checked inside it) and tells observers of each alert raised.
    fn run(&self) -> Result<Outcome> {
        let now = self.core.clock.now();
        let settled = self.core.store.read(|conn| {
            let tx = conn.unchecked_transaction()?;
            let snapshot = load::load(&tx, now)?;
            let assessment = assess_with(&snapshot.input(now), &snapshot.alerts);
            let plan = alerts::reconcile(&snapshot.alerts, &assessment.findings, now);
            Ok(plan.is_empty().then(|| Outcome {
                region: snapshot.region().map(str::to_owned),
                profile: snapshot.profile,
                alerts: snapshot.alerts,
                raised: Vec::new(),
                assessment,
            }))
        })?;
        if let Some(outcome) = settled {
            return Ok(outcome);
        }
        let outcome = self.core.store.write(|tx| evaluate_in(tx, now))?;
        self.core.notify(&outcome.changes());
        Ok(outcome)
    }

    /// Reads and assesses without touching stored alerts (markers and readiness need nothing stored).
    fn assessment(&self) -> Result<Assessment> {
        let now = self.core.clock.now();
        self.core.store.read(|conn| {
            let tx = conn.unchecked_transaction()?;
            let snapshot = load::load(&tx, now)?;
            Ok(assess_with(&snapshot.input(now), &snapshot.alerts))
        })
    }

    /// Re-evaluates every rule now (time passes: holds expire, windows fill) and returns the alerts this
    /// evaluation raised or re-opened.
    pub fn evaluate(&self) -> Result<Vec<Alert>> {
        Ok(self.run()?.raised_alerts())
    }

    /// The open alerts after evaluating now, most urgent first; acknowledged ones only if asked.
    pub fn alerts(&self, include_acknowledged: bool) -> Result<Vec<Alert>> {
        Ok(self.run()?.open_alerts(include_acknowledged))
    }

    /// Every stored alert, open or cleared (for history and export), without evaluating.
    pub fn alert_records(&self) -> Result<Vec<AlertRecord>> {
        self.core.store.read(|conn| Ok(rows::load_alerts(conn)?))
    }

    /// The guid of the alert that `text` names: a whole guid, or the beginning (a short id) of only one.
    pub fn resolve_alert(&self, text: &str) -> Result<String> {
        let text = text.trim();
        let candidates: Vec<String> = self.core.store.read(|conn| {
            if text.is_empty() {
                return Ok(Vec::new());
            }
            let mut stmt = conn.prepare_cached(
                "SELECT guid FROM alerts WHERE deleted = 0 AND substr(guid, 1, length(?1)) = ?1 ORDER BY guid LIMIT 2",
            )?;
            Ok(stmt.query_map([text], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?)
        })?;
        crate::ids::resolve(text, &candidates, "alert")
    }

    /// Marks an alert as seen. It stays acknowledged until something new happens: it is raised again when a
    /// new check-in shows its sign (emergency and urgent alerts) or makes it worse than now (`contact` alerts),
    /// and when the condition clears and comes back. While it holds it stays in [`Care::report`] as
    /// acknowledged.
    pub fn acknowledge(&self, id: &str) -> Result<Alert> {
        self.change_alert(id, |record, now| {
            if record.acknowledged {
                return false;
            }
            record.acknowledged = true;
            record.acknowledged_at = Some(now);
            record.acknowledged_level = record.level;
            true
        })
    }

    /// Records that a clinician has seen the person about this alert: it closes now, and re-opens only when a
    /// check-in made after now meets its threshold again (or worse).
    pub fn seen_by_clinician(&self, id: &str) -> Result<Alert> {
        self.change_alert(id, |record, now| {
            record.seen_at = Some(now);
            record.cleared_at = Some(record.cleared_at.map_or(now, |c| c.min(now)));
            true
        })
    }

    /// Loads alert `id`, lets `edit` change it (saying whether it did), stores a changed record with a newer
    /// `updated_at`, all in one write, and gives the alert as the person sees it.
    fn change_alert(&self, id: &str, edit: impl FnOnce(&mut AlertRecord, DateTime<Utc>) -> bool) -> Result<Alert> {
        let now = self.core.clock.now();
        self.core.store.write_person(|tx, _| {
            let mut record = tx
                .prepare_cached(&format!("SELECT {} FROM alerts WHERE guid = ?1 AND deleted = 0", rows::ALERT_COLUMNS))?
                .query_row([id], rows::alert_from_row)
                .optional()?
                .flatten()
                .ok_or_else(|| Error::not_found("alert"))?;
            if edit(&mut record, now) {
                record.updated_at = now.max(record.updated_at + chrono::Duration::milliseconds(1));
                rows::upsert_alert(tx, &record)?;
            }
            let profile = load::profile(tx)?;
            Ok(personal::shown(&record, profile.as_ref().and_then(|p| p.region.as_deref()), profile.as_ref()))
        })
    }

    /// The check-in form worth offering at `now` (see [`form`]).
    pub fn checkin_form(&self, now: DateTime<Utc>) -> Result<CheckinForm> {
        self.core.store.read(|conn| {
            let tx = conn.unchecked_transaction()?;
            let snapshot = load::load(&tx, now)?;
            let open: Vec<RuleId> = snapshot.alerts.iter().filter(|r| r.is_open()).map(|r| r.rule).collect();
            Ok(form::form(&view::View::new(&snapshot.input(now)), &open))
        })
    }

    /// Each expected-by marker for the current loss: its window, its "contact if not by" date and its state.
    pub fn markers(&self) -> Result<Vec<Marker>> {
        Ok(self.assessment()?.markers)
    }

    /// Each readiness gate: ready, not yet or not in this window, with its reasons and the date it may open.
    pub fn readiness(&self) -> Result<Vec<Gate>> {
        Ok(self.assessment()?.readiness)
    }

    /// The readiness of one gate.
    pub fn gate(&self, id: GateId) -> Result<Gate> {
        Ok(self.readiness()?.into_iter().find(|g| g.gate == id).expect("every gate is assessed"))
    }

    /// Alerts (evaluated now), markers and readiness together, from one reading of the journal.
    pub fn report(&self) -> Result<CareReport> {
        let outcome = self.run()?;
        Ok(CareReport {
            alerts: outcome.report_alerts(),
            notes: card::notes(
                &outcome.assessment.findings,
                outcome.region.as_deref(),
                phones::Own::of(outcome.profile.as_ref()),
            ),
            markers: outcome.assessment.markers,
            readiness: outcome.assessment.readiness,
        })
    }

    /// The statements an evaluation runs now, with their parameters: for benchmarks that compare an
    /// evaluation with reading the same rows raw.
    pub fn reads(&self) -> Result<Vec<Read>> {
        let now = self.core.clock.now();
        self.core.store.read(|conn| load::reads(conn, now))
    }
}
