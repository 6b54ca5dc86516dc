// Export, import and erase through MendClient. The file forms are the core's own async calls (they run on the
// Rust runtime and never block a thread); the in-memory forms run on the background queue.
import Foundation

extension MendClient {
    /// Writes the JSON export to `file`, replacing it only once the new file is complete.
    public func export(to file: URL) async throws {
        try await mend.exportToPath(path: file.path)
    }

    /// Imports a JSON export from `file`: all of it or nothing.
    public func importJournal(from file: URL) async throws -> ImportSummary {
        try await mend.importFromPath(path: file.path)
    }

    /// The whole journal as JSON.
    public func exportJSON() async throws -> String {
        try await run { try $0.exportJson() }
    }

    /// Check-ins as CSV for a spreadsheet.
    public func checkinsCSV() async throws -> String {
        try await run { try $0.checkinsCsv() }
    }

    /// Imports a JSON export held in memory.
    public func importJSON(_ json: String) async throws -> ImportSummary {
        try await run { try $0.importJson(json: json) }
    }

    /// Removes everything the person has stored.
    public func eraseAll() async throws {
        try await run { try $0.eraseAll() }
    }
}
