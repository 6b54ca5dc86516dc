//! The care engine over the FFI: open alerts (action first, with the number to call), expected-by markers and
//! readiness gates, all decided by the core. Alerts are also evaluated inside every journal write; the app
//! hears of a new one through `MendObserver.alert_raised`.

use mend_core::care::{Alert, AlertRecord, CareReport, Gate, GateId, Marker};

use crate::error::MendError;
use crate::mend::Mend;

type Result<T> = std::result::Result<T, MendError>;

#[uniffi::export]
impl Mend {
    /// Alerts (evaluated now), markers and readiness together: the care part of Today.
    pub fn care_report(&self) -> Result<CareReport> {
        Ok(self.core()?.care().report()?)
    }

    /// Open alerts after evaluating now, most urgent first; acknowledged ones too if asked.
    pub fn alerts(&self, include_acknowledged: bool) -> Result<Vec<Alert>> {
        Ok(self.core()?.care().alerts(include_acknowledged)?)
    }

    /// Re-evaluates every rule now (time passes) and returns the alerts this raised or re-opened.
    pub fn evaluate_care(&self) -> Result<Vec<Alert>> {
        Ok(self.core()?.care().evaluate()?)
    }

    /// Marks an alert as seen for the rest of its episode.
    pub fn acknowledge_alert(&self, id: String) -> Result<Alert> {
        Ok(self.core()?.care().acknowledge(&id)?)
    }

    /// Records that a clinician has seen the person about this alert: it closes, and re-opens only for a later
    /// check-in at its threshold or worse.
    pub fn alert_seen_by_clinician(&self, id: String) -> Result<Alert> {
        Ok(self.core()?.care().seen_by_clinician(&id)?)
    }

    /// Every stored alert, open or cleared, without evaluating (history).
    pub fn alert_history(&self) -> Result<Vec<AlertRecord>> {
        Ok(self.core()?.care().alert_records()?)
    }

    /// The expected-by markers for the current loss.
    pub fn markers(&self) -> Result<Vec<Marker>> {
        Ok(self.core()?.care().markers()?)
    }

    /// Every readiness gate: when gentle things are safe again.
    pub fn readiness(&self) -> Result<Vec<Gate>> {
        Ok(self.core()?.care().readiness()?)
    }

    /// One readiness gate.
    pub fn gate(&self, id: GateId) -> Result<Gate> {
        Ok(self.core()?.care().gate(id)?)
    }
}
