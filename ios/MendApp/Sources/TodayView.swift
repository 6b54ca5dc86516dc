// Today: open alerts first, as the core's one care card (the actions, a button that dials each number, every
// reason), then the check-in drawn from the core's form (sections in its order; a section opened counts as gone
// through, so its unticked boxes say "no"), then where recovery stands, what to expect, when gentle things are
// safe again, guides for now and the next reminders. The app decides nothing: words, order and numbers are the
// core's, and the core reads every answer (checkinFromForm).
import MendKit
import SwiftUI

struct TodayView: View {
    @Environment(AppModel.self) private var model
    @State private var today: Today?
    @State private var form: CheckinForm?

    var body: some View {
        NavigationStack {
            List {
                if let today {
                    // "How am I doing?" first: the core's summary, a line each.
                    Section { ForEach(today.summary, id: \.self) { Text($0) } }
                    if let card = today.careCard { CareCardView(card: card, alerts: today.alerts) }
                    if let form { Section { FormCheckIn(form: form) } }
                    if let notice = model.notice { Text(notice).font(.callout) }
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
        await model.act {
            today = try await $0.todayDashboard(zone: TimeZone.current.identifier)
            form = try await $0.checkinForm()
        }
    }
}

/// Every open alert as one card: the actions first, a button that dials each number, then every reason.
private struct CareCardView: View {
    @Environment(AppModel.self) private var model
    let card: CareCard
    let alerts: [Alert]

    private var open: [Alert] { alerts.filter(\.open) }

    var body: some View {
        Section {
            ForEach(Array(card.actions.enumerated()), id: \.offset) { index, action in
                Text(action).font(index == 0 ? .headline : .body)
            }
            // The core gives each number's words and a tel:/sms: URI: dial the URI, never parse the words.
            ForEach(uniquePhones, id: \.uri) { phone in
                if let url = URL(string: phone.uri) { Link("Call \(phone.words)", destination: url).font(.headline) }
            }
            ForEach(open, id: \.id) { alert in
                Text(alert.message).font(.callout)
                if !alert.acknowledged {
                    Button("I've seen this") {
                        Task { await model.act { _ = try await $0.acknowledgeAlert(id: alert.id) } }
                    }
                }
                Button("A doctor or nurse has seen me about this") {
                    Task { await model.act { _ = try await $0.alertSeenByClinician(id: alert.id) } }
                }
            }
        }
        .listRowBackground(card.severity == .contact ? nil : Color.red.opacity(0.12))
    }

    private var uniquePhones: [Phone] {
        var seen = Set<String>()
        return open.flatMap(\.phones).filter { seen.insert($0.uri).inserted }
    }
}

/// The check-in drawn from the core's form: each section opens with a tap (an opened section counts as gone
/// through), each question drawn by its kind. Save hands the answers, as text, to the core.
private struct FormCheckIn: View {
    @Environment(AppModel.self) private var model
    let form: CheckinForm
    @State private var answers: [String: String] = [:]
    @State private var opened: Set<String> = []

    var body: some View {
        Text("How are you right now?").font(.headline)
        ForEach(form.sections.filter(revealed), id: \.id) { section in
            DisclosureGroup(
                section.title,
                isExpanded: Binding(get: { opened.contains(section.id) }, set: { if $0 { opened.insert(section.id) } })
            ) {
                ForEach(section.fields, id: \.field) { field in
                    Question(field: field, answer: binding(field.field))
                }
            }
        }
        Button("Save") { Task { await save() } }.buttonStyle(.borderedProminent)
    }

    /// A section shown from the start, or revealed by a yes (or a temperature of 38.0 °C or more).
    private func revealed(_ section: FormSection) -> Bool {
        section.revealedBy.isEmpty || section.revealedBy.contains { field in
            let answer = answers[field] ?? ""
            let degrees = Double(answer.replacingOccurrences(of: ",", with: ".").trimmingCharacters(in: ["F", "f"]))
            return answer == "yes" || (degrees ?? 0) >= 38.0
        }
    }

    private func binding(_ field: String) -> Binding<String> {
        Binding(get: { answers[field] ?? "" }, set: { answers[field] = $0 })
    }

    private func save() async {
        let given = answers.filter { !$0.value.isEmpty }.map { FormAnswer(field: $0.key, value: $0.value) }
        let sections = Array(opened)
        await model.act("Saved. Thank you for checking in.") {
            let data = try await $0.checkinFromForm(answers: given, answered: sections)
            _ = try await $0.addCheckin(NewCheckIn(data: data))
        }
        answers = [:]
        opened = []
    }
}

/// One question, drawn by its kind; the answer is kept as the text the core reads.
private struct Question: View {
    let field: FormField
    @Binding var answer: String

    var body: some View {
        switch field.kind {
        case .yesNo:
            Toggle(field.label, isOn: Binding(get: { answer == "yes" }, set: { answer = $0 ? "yes" : "no" }))
        case .score:
            VStack(alignment: .leading) {
                Text("\(field.label): \(answer.isEmpty ? "–" : answer)")
                Slider(
                    value: Binding(get: { Double(answer) ?? 0 }, set: { answer = String(Int($0.rounded())) }),
                    in: 0...10, step: 1)
            }
        case .choice(let options):
            Picker(field.label, selection: $answer) {
                Text("Not now").tag("")
                ForEach(options, id: \.code) { Text($0.label).tag($0.code) }
            }
        case .several(let options):
            VStack(alignment: .leading) {
                Text(field.label)
                ForEach(options, id: \.code) { option in
                    Toggle(option.label, isOn: Binding(
                        get: { answer.split(separator: ",").contains(Substring(option.code)) },
                        set: { on in
                            var chosen = Set(answer.split(separator: ",").map(String.init))
                            if on { chosen.insert(option.code) } else { chosen.remove(option.code) }
                            answer = chosen.sorted().joined(separator: ",")
                        }))
                }
            }
        case .number(_, _, let unit):
            TextField("\(field.label) (\(unit))", text: $answer).keyboardType(.decimalPad)
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
