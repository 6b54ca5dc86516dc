// Shared test setup: a journal in a temporary directory with its clock fixed, like core's TempMend.
package app.mend.kit

import app.mend.core.LossKind
import app.mend.core.Management
import app.mend.core.NewLoss
import app.mend.core.ProfileInput
import app.mend.ffi.OpenOptions
import java.io.File
import java.nio.file.Files
import java.time.Instant
import java.time.LocalDate

/** 2026-05-13 21:00 in Dublin. */
val NOW: Instant = Instant.parse("2026-05-13T20:00:00Z")
val LOSS_DATE: LocalDate = LocalDate.parse("2026-05-01")
val TODAY: LocalDate = LocalDate.parse("2026-05-13")

fun tempDir(): File = Files.createTempDirectory("mendkit-test").toFile().apply { deleteOnExit() }

/** Opens a fresh journal in a new temporary directory, its clock fixed at [now]. */
fun openJournal(dir: File = tempDir(), now: Instant = NOW): MendKit = MendKit(dir, OpenOptions(fixedNow = now))

/** A journal set up like a person in Ireland with a miscarriage at 8 weeks on [LOSS_DATE]. */
suspend fun journalWithLoss(dir: File = tempDir()): MendKit = openJournal(dir).also {
    it.setUp(
        ProfileInput(region = "IE", timeZone = "Europe/Dublin"),
        NewLoss(lossDate = LOSS_DATE, weeks = 8u, kind = LossKind.MISCARRIAGE, management = Management.EXPECTANT),
    )
}

/** An instant on [TODAY] (Dublin is UTC+1 in May). */
fun todayAt(hour: Int, minute: Int = 0): Instant = Instant.parse("2026-05-13T%02d:%02d:00Z".format(hour - 1, minute))
