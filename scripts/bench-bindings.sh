#!/usr/bin/env bash
# The bindings' speed goal: a check-in write called from Kotlin costs at most 1.5x the same write from Rust.
#   1. Rust alone (criterion, bindings/benches/checkin_write.rs): the FFI-facing Rust API and the core.
#   2. Kotlin against Rust in one JVM (android/mendkit/src/bench/kotlin, over the release library built with the
#      `bench` feature): rounds alternate between N writes from Kotlin through the generated bindings and the
#      same N writes made and timed inside Rust; medians and the median ratio are printed.
# Two storage scenarios, every side writing into the same kind of directory:
#   disk  the project's file system: every write is flushed (synchronous=FULL), as a check-in is on a phone;
#   ram   /dev/shm, where a flush costs nothing: what is left is SQLite's work and the binding's own cost.
# Results go in docs/performance.md under "## Bindings".
# Usage: scripts/bench-bindings.sh [disk] [ram]   (default: both)
set -euo pipefail
cd "$(dirname "$0")/.."

scenarios=("$@")
[[ ${#scenarios[@]} -gt 0 ]] || scenarios=(disk ram)
mkdir -p target
work=$(mktemp -d "$PWD/target/bench-bindings.XXXXXX")
ram_dir=""
trap 'rm -rf -- "$work" ${ram_dir:+"$ram_dir"}' EXIT

lib=$(scripts/bindings.sh --profile release --features bench)
cargo bench --locked -p mend-ffi --bench checkin_write --no-run >&2
MEND_FFI_LIB=$lib scripts/kotlin-jvm.sh bench 10 1 >/dev/null # compile the Kotlin side once

estimate() { # criterion's mean, in nanoseconds
    tr -d ' \n' <"target/criterion/checkin_write/$1/new/estimates.json" |
        sed 's/.*"mean":{[^}]*}[^}]*"point_estimate":\([0-9.e+-]*\).*/\1/'
}

for scenario in "${scenarios[@]}"; do
    case $scenario in
    disk) dir=$work ;;
    ram) ram_dir=$(mktemp -d /dev/shm/mend-bench.XXXXXX) && dir=$ram_dir ;;
    *) echo "bench-bindings: unknown scenario $scenario (disk or ram)" >&2; exit 2 ;;
    esac
    echo "bench-bindings: $scenario: journals in $dir" >&2
    TMPDIR=$dir cargo bench --locked -q -p mend-ffi --bench checkin_write -- --warm-up-time 1 --measurement-time 3 >&2
    kotlin=$(TMPDIR=$dir MEND_FFI_LIB=$lib scripts/kotlin-jvm.sh bench)
    value() { awk -v k="$1" '$1 == k {print $2}' <<<"$kotlin"; }
    awk -v s="$scenario" -v core="$(estimate core)" -v ffi="$(estimate ffi_api)" -v rust="$(value rust_ns_per_write)" \
        -v gen="$(value kotlin_generated_ns_per_write)" -v kit="$(value kotlin_mendkit_ns_per_write)" \
        -v ratio="$(value ratio_generated)" -v bare="$(value kotlin_bare_call_ns)" 'BEGIN {
        printf "[%s] criterion, Rust alone: core %.1f us, FFI-facing API %.1f us per write\n", s, core / 1000, ffi / 1000
        printf "[%s] one JVM, alternating:  Rust %.1f us, Kotlin generated %.1f us, MendKit suspend %.1f us per write\n",
            s, rust / 1000, gen / 1000, kit / 1000
        printf "[%s] Kotlin / Rust: %.2fx (median of the rounds\x27 ratios; goal <= 1.5x)\n", s, ratio
        printf "[%s] the binding alone (a Kotlin call that does no work): %.1f us per call\n", s, bare / 1000
    }'
done
