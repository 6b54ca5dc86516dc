// The care engine through MendKit: alerts (what to do and whom to call comes first), expected-by markers and
// readiness gates. A new alert also arrives as MendChange.AlertRaised on `changes`.
package app.mend.kit

import app.mend.core.Alert
import app.mend.core.AlertRecord
import app.mend.core.CareReport
import app.mend.core.Gate
import app.mend.core.GateId
import app.mend.core.Marker

/** Alerts (evaluated now), markers and readiness together. */
suspend fun MendKit.careReport(): CareReport = call { it.careReport() }

/** Open alerts, most urgent first; acknowledged ones too if asked. */
suspend fun MendKit.alerts(includeAcknowledged: Boolean = false): List<Alert> = call { it.alerts(includeAcknowledged) }

/** Re-evaluates the rules now (time passes) and returns the alerts this raised or re-opened. */
suspend fun MendKit.evaluateCare(): List<Alert> = call { it.evaluateCare() }

/** Marks an alert as seen for the rest of its episode. */
suspend fun MendKit.acknowledgeAlert(id: String): Alert = call { it.acknowledgeAlert(id) }

/** Records that a clinician has seen the person about this alert: it closes until a later check-in meets it again. */
suspend fun MendKit.alertSeenByClinician(id: String): Alert = call { it.alertSeenByClinician(id) }

/** Every stored alert, open or cleared. */
suspend fun MendKit.alertHistory(): List<AlertRecord> = call { it.alertHistory() }

/** The expected-by markers for the current loss. */
suspend fun MendKit.markers(): List<Marker> = call { it.markers() }

/** Every readiness gate. */
suspend fun MendKit.readiness(): List<Gate> = call { it.readiness() }

/** One readiness gate. */
suspend fun MendKit.gate(id: GateId): Gate = call { it.gate(id) }
