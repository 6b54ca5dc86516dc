// History: the last 30 days of check-ins and events, newest first, each in a line or two.
import MendKit
import SwiftUI

struct HistoryView: View {
    @Environment(AppModel.self) private var model
    @State private var entries: [HistoryEntry] = []

    var body: some View {
        NavigationStack {
            List {
                if entries.isEmpty { Text("Your check-ins and notes will appear here.") }
                ForEach(Array(entries.enumerated()), id: \.offset) { _, entry in
                    switch entry {
                    case .checkin(let checkin): Row(title: checkin.at.formatted(), detail: checkin.summary)
                    case .event(let event): Row(title: event.at.formatted(), detail: event.summary)
                    }
                }
            }
            .navigationTitle("History")
            .task(id: model.journalRevision) { await load() }
        }
    }

    private func load() async {
        await model.act { mend in
            let today = try await mend.today(zone: TimeZone.current.identifier)
            let from = Calendar.current.date(byAdding: .day, value: -29, to: .now) ?? .now
            entries = try await mend.history(from: MendClient.day(of: from), to: today).reversed()
        }
    }
}

extension MendClient {
    /// A date's `YYYY-MM-DD` in the phone's calendar.
    static func day(of date: Date) -> Day {
        date.formatted(Date.ISO8601FormatStyle(timeZone: .current).year().month().day())
    }
}

extension CheckIn {
    /// What was logged, in plain words.
    var summary: String {
        var parts: [String] = []
        if let mood = data.mood { parts.append("Mood \(mood)/10") }
        if let bleeding = data.bleeding { parts.append("Bleeding: \(bleeding.label.lowercased())") }
        if let cramps = data.pain.cramps { parts.append("Cramps \(cramps)/10") }
        if let temperature = data.temperatureC { parts.append("\(temperature) °C") }
        if let note = data.note { parts.append("“\(note)”") }
        return parts.isEmpty ? "Checked in" : parts.joined(separator: " · ")
    }
}

extension Event {
    var summary: String {
        switch details {
        case .test(let result, _): "Pregnancy test: \(String(describing: result))"
        case .periodStart: "Period started"
        case .periodEnd: "Period ended"
        case .medication(let name, _): "Medication: \(name)"
        case .appointment(let withWhom): "Appointment" + (withWhom.map { " with \($0)" } ?? "")
        case .goAhead: "A go-ahead from your clinician"
        case .session(let session, _, _, _, _, _): "\(String(describing: session).capitalized) session"
        case .memorial(let name, _): name ?? "A memorial"
        }
    }
}
