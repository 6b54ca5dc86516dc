#!/usr/bin/env bash
# Runs every test Mend has: formatting, lints, the Rust workspace's unit/integration/property tests, and the
# cross-language stages in scripts/test.d/ (each an executable script, run in name order). Works on a fresh
# machine: each stage installs what it needs (idempotently, cached outside the repo).
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*" >&2; }

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (all targets, warnings are errors)"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "cargo test (workspace)"
cargo test --workspace --locked

if [ -d scripts/test.d ]; then
  for stage in scripts/test.d/*; do
    [ -x "$stage" ] || continue
    step "$(basename "$stage")"
    "$stage"
  done
fi
