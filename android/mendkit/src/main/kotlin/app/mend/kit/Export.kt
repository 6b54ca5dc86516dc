// Export, import and erase through MendKit. The file forms are the core's own async calls (they run on the
// Rust runtime and never block a thread); the in-memory forms run on the IO dispatcher.
package app.mend.kit

import app.mend.core.ImportSummary
import java.io.File

/** Writes the JSON export to [file], replacing it only once the new file is complete. */
suspend fun MendKit.exportTo(file: File) = callAsync { it.exportToPath(file.path) }

/** Imports a JSON export from [file]: all of it or nothing. */
suspend fun MendKit.importFrom(file: File): ImportSummary = callAsync { it.importFromPath(file.path) }

/** The whole journal as JSON. */
suspend fun MendKit.exportJson(): String = call { it.exportJson() }

/** Check-ins as CSV for a spreadsheet. */
suspend fun MendKit.checkinsCsv(): String = call { it.checkinsCsv() }

/** Imports a JSON export held in memory. */
suspend fun MendKit.importJson(json: String): ImportSummary = call { it.importJson(json) }

/** Removes everything the person has stored. */
suspend fun MendKit.eraseAll() = call { it.eraseAll() }
