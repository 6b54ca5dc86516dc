// The care engine through MendClient: alerts (what to do and whom to call comes first), expected-by markers
// and readiness gates. A new alert also arrives as `MendChange.alertRaised` on `changes()`.
import Foundation

extension MendClient {
    /// Alerts (evaluated now), markers and readiness together.
    public func careReport() async throws -> CareReport {
        try await run { try $0.careReport() }
    }

    /// Open alerts, most urgent first; acknowledged ones too if asked.
    public func alerts(includeAcknowledged: Bool = false) async throws -> [Alert] {
        try await run { try $0.alerts(includeAcknowledged: includeAcknowledged) }
    }

    /// Re-evaluates the rules now (time passes) and returns the alerts this raised or re-opened.
    public func evaluateCare() async throws -> [Alert] {
        try await run { try $0.evaluateCare() }
    }

    /// Marks an alert as seen for the rest of its episode.
    public func acknowledgeAlert(id: String) async throws -> Alert {
        try await run { try $0.acknowledgeAlert(id: id) }
    }

    /// Records that a clinician has seen the person about this alert: it closes until a later check-in meets it
    /// again.
    public func alertSeenByClinician(id: String) async throws -> Alert {
        try await run { try $0.alertSeenByClinician(id: id) }
    }

    /// Every stored alert, open or cleared.
    public func alertHistory() async throws -> [AlertRecord] {
        try await run { try $0.alertHistory() }
    }

    /// The expected-by markers for the current loss.
    public func markers() async throws -> [Marker] {
        try await run { try $0.markers() }
    }

    /// Every readiness gate.
    public func readiness() async throws -> [Gate] {
        try await run { try $0.readiness() }
    }

    /// One readiness gate.
    public func gate(_ id: GateId) async throws -> Gate {
        try await run { try $0.gate(id: id) }
    }
}
