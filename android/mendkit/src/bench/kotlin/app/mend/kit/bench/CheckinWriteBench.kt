// The check-in write benchmark, Kotlin against Rust in one process: the same check-in written into journals
// set up the same way, alternately by Kotlin through the generated bindings (N calls of `addCheckin`, timed
// with System.nanoTime) and by Rust itself (one call of `benchAddCheckins`, which makes the same N
// `add_checkin` calls inside Rust and times them). Alternating rounds share the machine's noise. Also times
// MendKit's suspend function (a hop to Dispatchers.IO per write), and the binding's own cost per call (a call
// that does no work: `isClosed`). Prints medians in nanoseconds.
// Needs the library built with the `bench` feature: run scripts/bench-bindings.sh.
// Arguments: [writesPerRound (default 500)] [rounds (default 7)]; journals go in java.io.tmpdir.
package app.mend.kit.bench

import app.mend.core.Bleeding
import app.mend.core.CheckInData
import app.mend.core.Clots
import app.mend.core.Feeling
import app.mend.core.LossKind
import app.mend.core.Management
import app.mend.core.NewCheckIn
import app.mend.core.NewLoss
import app.mend.core.PainScores
import app.mend.core.ProfileInput
import app.mend.ffi.Mend
import app.mend.ffi.OpenOptions
import app.mend.kit.MendKit
import app.mend.kit.addCheckin
import app.mend.kit.setUp
import java.io.File
import java.nio.file.Files
import java.time.Instant
import java.time.LocalDate
import kotlinx.coroutines.runBlocking

/** The check-in every side writes (the Rust criterion bench, bindings/benches/checkin_write.rs, uses the same). */
val input = NewCheckIn(
    data = CheckInData(
        bleeding = Bleeding.LIGHT,
        padsPerHour = 0.5,
        clots = Clots.SMALL,
        pain = PainScores(cramps = 4u, back = 2u),
        temperatureC = 37.2,
        mood = 4u,
        feelings = listOf(Feeling.GRIEF, Feeling.NUMBNESS),
        sleepHours = 6.5,
        energy = 3u,
        note = "Walked to the shop and back. Tired but okay.",
    ),
)

val options = OpenOptions(fixedNow = Instant.parse("2026-05-13T20:00:00Z"))
val profile = ProfileInput(region = "IE", timeZone = "Europe/Dublin")
val loss = NewLoss(
    lossDate = LocalDate.parse("2026-05-01"),
    weeks = 8u,
    kind = LossKind.MISCARRIAGE,
    management = Management.EXPECTANT,
)

fun journal(dir: File): Mend = Mend.open(dir.path, options).also { it.setUp(profile, loss) }

/** Nanoseconds per write of [writes] calls of [write]. */
inline fun perWrite(writes: Int, write: () -> Unit): Long {
    val start = System.nanoTime()
    repeat(writes) { write() }
    return (System.nanoTime() - start) / writes
}

fun median(values: List<Long>): Long = values.sorted()[values.size / 2]

fun main(args: Array<String>) = runBlocking {
    val writes = args.getOrNull(0)?.toInt() ?: 500
    val rounds = args.getOrNull(1)?.toInt() ?: 7
    val root = Files.createTempDirectory("mend-bench").toFile()
    try {
        val rustJournal = journal(File(root, "rust"))
        val kotlinJournal = journal(File(root, "kotlin"))
        val kit = MendKit(File(root, "kit"), options).also { it.setUp(profile, loss) }
        // Warm-up: the JIT compiles the Kotlin path, SQLite's caches fill on every side.
        rustJournal.benchAddCheckins(input, writes.toUInt())
        perWrite(writes) { kotlinJournal.addCheckin(input) }
        perWrite(writes) { kit.addCheckin(input) }

        val rust = mutableListOf<Long>()
        val kotlin = mutableListOf<Long>()
        val mendkit = mutableListOf<Long>()
        repeat(rounds) {
            rust += rustJournal.benchAddCheckins(input, writes.toUInt()).toLong() / writes
            kotlin += perWrite(writes) { kotlinJournal.addCheckin(input) }
            mendkit += perWrite(writes) { kit.addCheckin(input) }
        }
        val bare = List(rounds) { perWrite(writes * 10) { kotlinJournal.isClosed() } }
        println("kotlin_bare_call_ns ${median(bare)}")
        println("rust_ns_per_write ${median(rust)}")
        println("kotlin_generated_ns_per_write ${median(kotlin)}")
        println("kotlin_mendkit_ns_per_write ${median(mendkit)}")
        println("ratio_generated ${"%.2f".format(median(kotlin.zip(rust) { k, r -> k * 1000 / r }) / 1000.0)}")
        kit.close()
        listOf(rustJournal, kotlinJournal).forEach { it.closeJournal(); it.close() }
    } finally {
        root.deleteRecursively()
    }
}
