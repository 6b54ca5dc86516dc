// Today and insights through MendClient: what the Today screen shows, computed by the core.
import Foundation

extension MendClient {
    /// Everything the Today screen shows, as of now.
    public func todayDashboard() async throws -> Today {
        try await run { try $0.todayDashboard() }
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

    /// Today's date where the person lives (`YYYY-MM-DD`).
    public func today() async throws -> Day {
        try await run { try $0.today() }
    }

    /// Recovery week, the bleeding episode, periods, weekly averages and trends.
    public func insights() async throws -> Insights {
        try await run { try $0.insights() }
    }
}
