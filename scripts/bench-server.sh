#!/usr/bin/env bash
# The mend-server load bench (issue 13): builds mend-server and mend-load (release), then
#   - SQLite: three runs at an offered 2,000 requests/s (10 s warm-up + 60 s), and a knee sweep 500 → 5,000;
#   - PostgreSQL: a throwaway cluster (initdb as nobody into a temp dir, Unix socket only, pinned to CPU 0 with the
#     server), three runs at 1,000 requests/s, and a knee sweep (p99 target 100 ms).
# Sweep steps are shorter (3 s + 10 s) to keep the whole bench near 25 minutes. A bench, not a test: the figures
# depend on the machine and on what else runs on it (mend-load prints the load average with each line).
# After each PostgreSQL run it prints the cluster's WAL fsyncs (pg_stat_wal.wal_sync, reset before the run) beside
# the run's write transactions (uploads: one cycle in ten over warm-up and measurement, 7,000; setting up the 100
# accounts: about 600).
# The test cluster runs with PostgreSQL's defaults (fsync, synchronous_commit and full_page_writes on), as
# docs/server.md tells operators to; MEND_BENCH_PG_OPTIONS adds `-c name=value` settings for an experiment
# (say so beside any figure measured with them).
# Usage: scripts/bench-server.sh [sqlite|postgres]...
#   MEND_BENCH_SWEEP=0   skip the knee sweeps (the three runs only)
#   MEND_BENCH_COMPARE="A B"   PostgreSQL: interleave three runs of each of these mend-server binaries (A, B, A, …)
#   CARGO_BUILD_JOBS=N   build jobs (default 2)
set -euo pipefail
cd "$(dirname "$0")/.."
target=${CARGO_TARGET_DIR:-target}
cargo build --release -j "${CARGO_BUILD_JOBS:-2}" -p mend-server -p mend-load --locked
server="$target/release/mend-server"
load="$target/release/mend-load"
backends=("$@")
[[ ${#backends[@]} -gt 0 ]] || backends=(sqlite postgres)

for backend in "${backends[@]}"; do
    case $backend in
    sqlite)
        echo "== SQLite: 3 runs at 2000/s"
        for _ in 1 2 3; do "$load" --server-bin "$server" --rate 2000 | tail -n 1; done
        [[ ${MEND_BENCH_SWEEP:-1} == 0 ]] && continue
        echo "== SQLite: knee (p99 <= 50 ms)"
        "$load" --server-bin "$server" --sweep --warmup 3 --duration 10 | grep -v '^limits'
        ;;
    postgres)
        scripts/tools/install-postgres.sh
        bindir=$(pg_config --bindir)
        dir=$(mktemp -d /tmp/mend-bench-pg.XXXXXX)
        as_pg=()
        if [[ $(id -u) -eq 0 ]]; then chown nobody "$dir"; as_pg=(runuser -u nobody --); fi
        "${as_pg[@]}" "$bindir/initdb" -D "$dir/data" -U mend -A trust -E UTF8 >/dev/null
        taskset -c 0 "${as_pg[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
            -o "-k $dir -c listen_addresses='' -c max_connections=200 -c shared_buffers=256MB ${MEND_BENCH_PG_OPTIONS:-}" \
            start >/dev/null
        trap '"${as_pg[@]}" "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null; rm -rf "$dir"' EXIT
        database() { "$bindir/createdb" -h "$dir" -U mend "$1" && echo "host=$dir user=mend dbname=$1"; }
        sql() { "$bindir/psql" -h "$dir" -U mend -d postgres -Atc "$1"; }
        echo "== PostgreSQL: 3 runs at 1000/s ($(sql "SELECT string_agg(name || '=' || setting, ' ' ORDER BY name) FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes')"))"
        # MEND_BENCH_COMPARE="old-binary new-binary": interleave the runs of several server builds on one cluster.
        read -r -a servers <<<"${MEND_BENCH_COMPARE:-$server}"
        for run in 1 2 3; do
            for index in "${!servers[@]}"; do
                url=$(database "bench${run}_$index")
                sql "SELECT pg_stat_reset_shared('wal')" >/dev/null
                [[ ${#servers[@]} -gt 1 ]] && printf '%s: ' "${servers[$index]}"
                "$load" --server-bin "${servers[$index]}" --database "$url" --rate 1000 | tail -n 1
                # Uploads: one cycle in ten over warm-up and measurement; account set-up adds about 600 writes.
                sql "SELECT 'WAL fsyncs ' || wal_sync || ' for about ' || (1000 * 70 / 10 + 600) || ' write transactions' FROM pg_stat_wal"
            done
        done
        [[ ${MEND_BENCH_SWEEP:-1} == 0 ]] && continue
        echo "== PostgreSQL: knee (p99 <= 100 ms)"
        "$load" --server-bin "$server" --database "$(database sweep)" --sweep --warmup 3 --duration 10 --p99-target-ms 100 | grep -v '^limits'
        ;;
    *) echo "unknown backend $backend (sqlite or postgres)" >&2; exit 2 ;;
    esac
done
