// Today: open alerts first (what to do, with a button that calls), then the check-in that takes under ten
// seconds (a mood and, if any, bleeding: one tap each, then Save), then where recovery stands, what to expect,
// when gentle things are safe again, guides for now and the next reminders.
import MendKit
import SwiftUI

struct TodayView: View {
    @Environment(AppModel.self) private var model
    @State private var today: Today?

    var body: some View {
        NavigationStack {
            List {
                if let today {
                    ForEach(today.alerts, id: \.id) { AlertCard(alert: $0) }
                    Section { QuickCheckIn() }
                    if let notice = model.notice { Text(notice).font(.callout) }
                    Section { RecoveryLine(today: today) }
                    if !today.markers.isEmpty {
                        Section("What usually happens, and when to call") {
                            ForEach(today.markers, id: \.marker) { Row(title: $0.title, detail: $0.message) }
                        }
                    }
                    if !today.readiness.isEmpty {
                        Section("When gentle things are safe again") {
                            ForEach(today.readiness, id: \.gate) { Row(title: $0.title, detail: $0.opens ?? $0.about) }
                        }
                    }
                    if !today.suggestions.isEmpty {
                        Section("For you now") {
                            ForEach(today.suggestions, id: \.guide.id) { suggestion in
                                NavigationLink(value: suggestion.guide.id) {
                                    Row(title: suggestion.guide.title, detail: suggestion.reason)
                                }
                            }
                        }
                    }
                    if !today.upcomingReminders.isEmpty {
                        Section("Coming up") {
                            ForEach(today.upcomingReminders, id: \.id) { firing in
                                Row(title: firing.title, detail: firing.atUtc.formatted(date: .omitted, time: .shortened))
                            }
                        }
                    }
                }
            }
            .navigationTitle("Today")
            .navigationDestination(for: String.self) { GuideView(id: $0) }
            .task(id: model.journalRevision + model.libraryRevision + model.remindersRevision) { await load() }
        }
    }

    private func load() async {
        await model.act { today = try await $0.todayDashboard() }
    }
}

/// An alert: the action first, a button that dials the number, then why.
private struct AlertCard: View {
    @Environment(AppModel.self) private var model
    let alert: Alert

    var body: some View {
        Section {
            Text(alert.action).font(.headline)
            // The core gives each number's words and a tel:/sms: URI: dial the URI, never parse the words.
            if let phone = alert.phones.first, let url = URL(string: phone.uri) {
                Link("Call \(phone.words)", destination: url).font(.headline)
            }
            Text(alert.title).font(.subheadline)
            Text(alert.message).font(.callout)
            if !alert.acknowledged {
                Button("I've seen this") {
                    Task { await model.act { _ = try await $0.acknowledgeAlert(id: alert.id) } }
                }
            }
        }
        .listRowBackground(alert.severity == .contact ? nil : Color.red.opacity(0.12))
    }
}

/// The check-in: a mood slider and bleeding choices, then Save. Everything else is under "Add more".
private struct QuickCheckIn: View {
    @Environment(AppModel.self) private var model
    @State private var mood = 5.0
    @State private var bleeding: Bleeding?
    @State private var more = false
    @State private var cramps = 0.0
    @State private var temperature = ""
    @State private var note = ""

    var body: some View {
        Text("How are you right now?").font(.headline)
        VStack(alignment: .leading) {
            Text("Mood: \(Int(mood)) / 10")
            Slider(value: $mood, in: 0...10, step: 1)
        }
        Picker("Bleeding", selection: $bleeding) {
            Text("Not now").tag(Bleeding?.none)
            ForEach(Bleeding.allChoices, id: \.self) { Text($0.label).tag(Bleeding?.some($0)) }
        }
        if more {
            VStack(alignment: .leading) {
                Text("Cramps: \(Int(cramps)) / 10")
                Slider(value: $cramps, in: 0...10, step: 1)
            }
            TextField("Temperature (°C)", text: $temperature).keyboardType(.decimalPad)
            TextField("A note, if you like", text: $note, axis: .vertical)
        }
        HStack {
            Button("Save") { Task { await save() } }.buttonStyle(.borderedProminent)
            if !more { Button("Add more") { more = true } }
        }
    }

    private func save() async {
        let data = CheckInData(
            bleeding: bleeding,
            pain: more ? PainScores(cramps: UInt8(cramps)) : PainScores(),
            temperatureC: Double(temperature.replacingOccurrences(of: ",", with: ".")),
            mood: UInt8(mood),
            note: note.isEmpty ? nil : note
        )
        await model.act("Saved. Thank you for checking in.") { _ = try await $0.addCheckin(NewCheckIn(data: data)) }
        note = ""
    }
}

private struct RecoveryLine: View {
    let today: Today

    var body: some View {
        if today.setUp, let days = today.daysSinceLoss, let week = today.insights.weekOfRecovery {
            Text("Day \(days) since your loss · week \(week) of recovery").font(.subheadline)
        } else {
            Text("Whenever you're ready, a quick check-in helps Mend look out for you.")
        }
    }
}

/// A title with a line of detail under it.
struct Row: View {
    let title: String
    let detail: String

    var body: some View {
        VStack(alignment: .leading, spacing: 2) {
            Text(title)
            Text(detail).font(.callout).foregroundStyle(.secondary)
        }
    }
}

extension Bleeding {
    static let allChoices: [Bleeding] = [.none, .spotting, .light, .medium, .heavy, .veryHeavy]

    /// The words a person sees.
    var label: String {
        switch self {
        case .none: "None"
        case .spotting: "Spotting"
        case .light: "Light"
        case .medium: "Medium"
        case .heavy: "Heavy"
        case .veryHeavy: "Very heavy"
        }
    }
}
