#!/usr/bin/env bash
# Fuzzes every mend-protocol decoder family, the core's group-document decoders (charters, packs, invites, items,
# moderator key codes, hand-off links, charter drafts, backup files; private groups' join requests, roster versions
# and moderators' desks), the sync envelope and payload, linking's codes
# and messages, the key wraps and wipe orders a device opens (fuzz/fuzz_targets/*.rs) with cargo fuzz on the nightly
# toolchain, seeded by the valid encodings that protocol/tests/seeds.rs, core/tests/group_seeds.rs and
# core/tests/sync_seeds.rs write to fuzz/corpus/. Bounded: SECONDS per target
# (default 20; the total over all targets is capped at 240 s). Installs cargo-fuzz from crates.io if missing.
# A longer run: MEND_FUZZ_SECONDS=3600 scripts/fuzz.sh records   (one target, an hour; the cap applies only to
# the default all-target run).
# Usage: scripts/fuzz.sh [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."

all=(accounts auth devices keys records mailboxes groups errors group_charter group_pack group_invite group_item
    group_key_code group_handoff group_draft group_backup group_membership group_join_request group_roster group_desk
    sync_envelope sync_payload sync_link sync_wraps)
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=("${all[@]}")
per=${MEND_FUZZ_SECONDS:-20}
if [[ $# -eq 0 && $((per * ${#targets[@]})) -gt 240 ]]; then
    per=$((240 / ${#targets[@]}))
fi

if ! cargo +nightly --version >/dev/null 2>&1; then
    echo "fuzz: this machine has no nightly toolchain, which cargo fuzz needs" >&2
    exit 1
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
    echo "fuzz: installing cargo-fuzz from crates.io" >&2
    cargo install cargo-fuzz --locked -j 2
fi

echo "fuzz: seeding fuzz/corpus with valid encodings" >&2
MEND_FUZZ_CORPUS="$PWD/fuzz/corpus" cargo test -q -j 2 -p mend-protocol --test seeds --locked >/dev/null
MEND_FUZZ_CORPUS="$PWD/fuzz/corpus" cargo test -q -j 2 -p mend-core --test group_seeds --test sync_seeds --locked >/dev/null

echo "fuzz: building ${#targets[@]} targets" >&2
(cd fuzz && CARGO_BUILD_JOBS=2 cargo +nightly fuzz build >/dev/null 2>&1)
for target in "${targets[@]}"; do
    mkdir -p "fuzz/corpus/$target"
    echo "fuzz: $target for ${per}s" >&2
    log=$(mktemp)
    if (cd fuzz && cargo +nightly fuzz run "$target" "corpus/$target" -- \
        -max_total_time="$per" -rss_limit_mb=1024 -max_len=65536 -print_final_stats=1) >"$log" 2>&1; then
        grep -E '^stat::number_of_executed_units' "$log" | sed "s/^/fuzz: $target: /" || true
        rm -f "$log"
    else
        tail -n 60 "$log"
        echo "fuzz: $target found a failure; the input is in fuzz/artifacts/$target/" >&2
        rm -f "$log"
        exit 1
    fi
done
echo "fuzz: ${#targets[@]} targets, ${per}s each, no crash"
