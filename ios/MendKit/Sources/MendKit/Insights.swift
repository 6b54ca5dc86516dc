// Today and insights through MendClient: what the Today screen shows, computed by the core.
import Foundation

extension MendClient {
    /// Everything the Today screen shows, as of now. `zone`: where the person is now (pass the device's,
    /// `TimeZone.current.identifier`), so "today" is their day there; the home zone when nil.
    public func todayDashboard(zone: String? = nil) async throws -> Today {
        try await run { try $0.todayDashboard(zone: zone) }
    }

    /// The check-in sections and questions worth offering now: render them as given, in order.
    public func checkinForm(now: Date = Date()) async throws -> CheckinForm {
        try await run { try $0.checkinForm(now: now) }
    }

    /// A check-in's data from the form's answers (each question's `field` and the answer as text) and the ids
    /// of the sections the person went through; save it with `addCheckin`. The core reads every answer.
    public func checkinFromForm(answers: [FormAnswer], answered: [String]) async throws -> CheckInData {
        try await run { try $0.checkinFromForm(answers: answers, answered: answered) }
    }

    /// Today's date where the person is now (`zone`, the device's), else at home (`YYYY-MM-DD`).
    public func today(zone: String? = nil) async throws -> Day {
        try await run { try $0.today(zone: zone) }
    }

    /// Recovery week, the bleeding episode, periods, weekly averages and trends.
    public func insights() async throws -> Insights {
        try await run { try $0.insights() }
    }
}
