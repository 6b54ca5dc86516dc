#!/usr/bin/env bash
# Runs every test Mend has: formatting, lints, the Rust workspace's unit/integration/property tests, and the
# cross-language stages in scripts/test.d/ (each an executable script, run in name order). Works on a fresh
# machine: each stage installs what it needs (idempotently, cached outside the repo).
set -euo pipefail
cd "$(dirname "$0")/.."

# Each stage's wall time is printed when it ends, and the whole run's at the close.
run_started=$SECONDS
timed_stage=""
timed_since=$SECONDS
stage_done() {
  [ -n "$timed_stage" ] && printf '==> %s: %d s\n' "$timed_stage" $((SECONDS - timed_since)) >&2
  timed_stage=""
}
step() {
  stage_done
  timed_stage=$*
  timed_since=$SECONDS
  printf '\n==> %s\n' "$*" >&2
}

# Everything the runners print is also kept, so the run can end with one total across Rust, Kotlin and Swift.
log=$(mktemp)
trap 'rm -f "$log"' EXIT
exec > >(tee -a "$log") 2>&1

# The care engine implements the project's pinned copy of the clinical guidance; say when shared/ has moved on
# (a notice, never a failure: a clone alone must pass).
guidance_version() { sed -n '1s/.*(version \([0-9][0-9]*\)).*/\1/p' "$1" | grep . || echo 1; }
if [ -f ../shared/clinical/guidance.md ]; then
  echo "guidance: code implements v$(guidance_version docs/clinical/guidance.md), shared/ holds v$(guidance_version ../shared/clinical/guidance.md)"
fi
# The numbers by region carry the date each was last verified; say when one is more than 10 months old.
scripts/numbers-verified.sh || echo "notice: could not read the verified dates in core/src/care/numbers.txt"

# A CI run starts from a clean clone and builds everything once: the incremental cache (3 GB) would never be read.
# The free disk is printed at the start and the end, so a run that fills the disk says how close it came.
if [ "${CI:-}" = true ]; then export CARGO_INCREMENTAL=0; fi
disk_free() { df -h --output=avail . | tail -1 | tr -d ' '; }
echo "disk: $(disk_free) free at the start"

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (all targets, warnings are errors)"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "time-zone database (tzdata)"
scripts/tools/install-tzdata.sh

step "PostgreSQL server binaries (mend-server's tests start their own cluster)"
scripts/tools/install-postgres.sh

step "cargo build (the mend and mend-server binaries the end-to-end tests run, debug, once)"
cargo build --locked -p mend-cli -p mend-server
export MEND_BIN="$PWD/target/debug/mend" MEND_SERVER_BIN="$PWD/target/debug/mend-server"

step "cargo test (workspace)"
cargo test --workspace --locked

if [ -d scripts/test.d ]; then
  for stage in scripts/test.d/*; do
    [ -x "$stage" ] || continue
    step "$(basename "$stage")"
    "$stage"
  done
fi

stage_done
echo "disk: $(disk_free) free at the end (target/ holds $(du -sh target 2>/dev/null | cut -f1))"
printf '==> all stages: %d s\n' $((SECONDS - run_started)) >&2

# One closing line for every runner: cargo's "test result: ok. N passed; M failed", JUnit's "OK (N tests)" or
# "Tests run: N,  Failures: M", XCTest's "Executed N tests, with M failures" (its per-suite lines are skipped).
sleep 0.2 # let tee catch up
awk '
  /^test result: / { for (i = 1; i <= NF; i++) { if ($(i) ~ /^passed;?$/) p += $(i-1); if ($(i) ~ /^failed;?$/) f += $(i-1) } }
  /^OK \([0-9]+ tests?\)/ { gsub(/[^0-9]/, "", $2); p += $2 }
  /^Tests run: [0-9]+, +Failures: [0-9]+/ { gsub(/,/, ""); p += $3 - $5; f += $5 }
  /Test Suite .All tests. (passed|failed)/ { all = 1 }
  all && /Executed [0-9]+ tests?, with [0-9]+ failures?/ { p += $2 - $5; f += $5; all = 0 }
  END { printf "mend: %d passed, %d failed\n", p, f }
' "$log"
