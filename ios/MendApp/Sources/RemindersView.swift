// Reminders: each with how it stands and when it next fires; add one (what it is for, a time, every day or
// once), pause, resume or delete; quiet hours. Asks for notification permission when the first is added.
import MendKit
import SwiftUI
import UserNotifications

struct RemindersView: View {
    @Environment(AppModel.self) private var model
    @State private var listings: [ReminderListing] = []
    @State private var quiet: QuietHours?
    @State private var adding = false

    var body: some View {
        NavigationStack {
            List {
                if listings.isEmpty {
                    Text("No reminders yet. Mend can remind you about medication, check-ins or appointments.")
                }
                ForEach(listings, id: \.reminder.guid) { listing in
                    // The core's words ("every day at 09:00"), then the next time it rings.
                    Row(title: listing.reminder.title,
                        detail: [listing.words,
                                 listing.nextAtUtc?.formatted(date: .abbreviated, time: .shortened)]
                            .compactMap { $0 }.joined(separator: " · "))
                        .swipeActions {
                            Button("Delete", role: .destructive) {
                                Task { await model.act { try await $0.deleteReminder(guid: listing.reminder.guid) } }
                            }
                            Button(listing.status == .paused ? "Resume" : "Pause") {
                                Task {
                                    await model.act { mend in
                                        _ = try await (listing.status == .paused
                                            ? mend.resumeReminder(guid: listing.reminder.guid)
                                            : mend.pauseReminder(guid: listing.reminder.guid))
                                    }
                                }
                            }
                        }
                }
                Toggle("Quiet hours \(quiet.map { "\($0.from)–\($0.to)" } ?? "off")", isOn: Binding(
                    get: { quiet != nil },
                    set: { on in
                        Task {
                            await model.act {
                                _ = try await $0.setQuietHours(on ? try await $0.suggestedQuietHours() : nil)
                            }
                        }
                    }))
            }
            .navigationTitle("Reminders")
            .toolbar { Button("Add a reminder") { adding = true } }
            .sheet(isPresented: $adding) { AddReminder() }
            .task(id: model.remindersRevision) { await load() }
        }
    }

    private func load() async {
        await model.act { mend in
            listings = try await mend.reminders()
            quiet = try await mend.quietHours()
        }
    }
}

private struct AddReminder: View {
    @Environment(AppModel.self) private var model
    @Environment(\.dismiss) private var dismiss
    @State private var title = ""
    // Where the time picker opens: the core's suggestion, set when the sheet appears.
    @State private var time = Date.now
    @State private var daily = true

    var body: some View {
        NavigationStack {
            Form {
                TextField("What is it for?", text: $title)
                DatePicker("Time", selection: $time, displayedComponents: .hourAndMinute)
                Toggle("Every day", isOn: $daily)
            }
            .task {
                await model.act {
                    let suggested = try await $0.suggestedReminderTime(kind: .medication).split(separator: ":")
                    if suggested.count == 2, let hour = Int(suggested[0]), let minute = Int(suggested[1]) {
                        time = Calendar.current.date(bySettingHour: hour, minute: minute, second: 0, of: .now) ?? time
                    }
                }
            }
            .toolbar {
                ToolbarItem(placement: .cancellationAction) { Button("Cancel") { dismiss() } }
                ToolbarItem(placement: .confirmationAction) {
                    Button("Save") { Task { await save() } }.disabled(title.trimmingCharacters(in: .whitespaces).isEmpty)
                }
            }
        }
    }

    /// A floating reminder (no zone): it follows the phone if the person travels.
    private func save() async {
        _ = try? await UNUserNotificationCenter.current().requestAuthorization(options: [.alert, .sound, .badge])
        let parts = Calendar.current.dateComponents([.hour, .minute], from: time)
        let at = String(format: "%02d:%02d", parts.hour ?? 9, parts.minute ?? 0)
        let start = MendClient.day(of: .now)
        await model.act {
            // "Every day" is the core's rule, not the app's.
            let schedule: Schedule = daily
                ? try await $0.reminderSchedule(inWords: PlainSchedule(every: .day, on: [], times: [at], start: start))
                : .once(date: start, time: at)
            let input = NewReminder(kind: .medication, title: title, schedule: schedule, timeZone: nil, until: nil)
            _ = try await $0.addReminder(input)
        }
        dismiss()
    }
}
