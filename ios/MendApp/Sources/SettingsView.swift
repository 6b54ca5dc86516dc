// Settings: discreet notifications (on by default), export and import (a file the person chooses) and erasing
// everything, with a plain warning first.
import MendKit
import SwiftUI
import UniformTypeIdentifiers

struct SettingsView: View {
    @Environment(AppModel.self) private var model
    @State private var discreet = true
    @State private var exportFile: URL?
    @State private var importing = false
    @State private var confirmErase = false

    var body: some View {
        NavigationStack {
            Form {
                Section {
                    Toggle("Discreet notifications", isOn: Binding(
                        get: { discreet },
                        set: { on in
                            Task {
                                await model.act { discreet = try await $0.setDiscreetNotifications(on).discreetNotifications }
                            }
                        }))
                } footer: {
                    Text(
                        "A lock screen may be seen by anyone. When on, reminders never name a medication, a symptom "
                            + "or your loss.")
                }
                Section {
                    Button("Export your journal") { Task { await export() } }
                    if let exportFile { ShareLink("Save or send the export", item: exportFile) }
                    Button("Import a journal") { importing = true }
                    Button("Erase everything", role: .destructive) { confirmErase = true }
                }
                if let notice = model.notice { Text(notice) }
            }
            .navigationTitle("Settings")
            .fileImporter(isPresented: $importing, allowedContentTypes: [.json]) { result in
                if case .success(let url) = result { Task { await importJournal(url) } }
            }
            .confirmationDialog(
                "This removes every check-in, note, reminder and bookmark from this phone. It can't be undone. "
                    + "Export first if you want a copy.",
                isPresented: $confirmErase, titleVisibility: .visible
            ) {
                Button("Erase everything", role: .destructive) {
                    Task { await model.act("Everything has been erased.") { try await $0.eraseAll() } }
                }
            }
            .task { await model.act { discreet = try await $0.discreetNotifications() } }
        }
    }

    /// The core writes the export to a private temporary file; the share sheet takes it from there.
    private func export() async {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("mend-journal.json")
        await model.act("Your journal was exported.") { try await $0.export(to: file) }
        exportFile = file
    }

    private func importJournal(_ url: URL) async {
        let scoped = url.startAccessingSecurityScopedResource()
        defer { if scoped { url.stopAccessingSecurityScopedResource() } }
        await model.act("Your journal was imported.") { _ = try await $0.importJournal(from: url) }
    }
}
