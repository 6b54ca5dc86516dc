// The app's state: the journal (opened once, in Application Support, excluded from backups) and a revision
// for each kind of change the core announces, so each screen re-reads only what it shows. It also keeps the
// notifications in step with the core's reminder plan, and shows the core's care notification when an alert is
// raised.
import Foundation
import MendKit
import Observation

@MainActor
@Observable
final class AppModel {
    private(set) var mend: MendClient?
    /// Bumped when the core announces a change of that kind; screens reload in `.task(id:)`.
    private(set) var journalRevision = 0
    private(set) var libraryRevision = 0
    private(set) var remindersRevision = 0
    /// A short message after an action ("Saved…", or what went wrong).
    var notice: String?

    private let scheduler = NotificationScheduler()

    /// Opens the journal and follows its changes for the app's life.
    func start() async {
        guard mend == nil else { return }
        do {
            let mend = try await MendClient.open(dataDir: try Self.journalDirectory())
            self.mend = mend
            await scheduler.reschedule(mend)
            for await change in try mend.changes() {
                switch change {
                case .journalChanged: journalRevision += 1
                case .alertRaised:
                    journalRevision += 1
                    await scheduler.showCare(mend)
                case .libraryChanged: libraryRevision += 1
                case .remindersChanged:
                    remindersRevision += 1
                    await scheduler.reschedule(mend)
                }
            }
        } catch {
            notice = error.localizedDescription
        }
    }

    /// Runs an action; shows `done` after it, or the core's readable message if it fails.
    func act(_ done: String? = nil, _ work: (MendClient) async throws -> Void) async {
        guard let mend else { return }
        do {
            try await work(mend)
            if let done { notice = done }
        } catch {
            notice = error.localizedDescription
        }
    }

    private static func journalDirectory() throws -> URL {
        var dir = try FileManager.default.url(
            for: .applicationSupportDirectory, in: .userDomainMask, appropriateFor: nil, create: true
        ).appendingPathComponent("journal", isDirectory: true)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        var values = URLResourceValues()
        values.isExcludedFromBackup = true
        try dir.setResourceValues(values)
        return dir
    }
}
