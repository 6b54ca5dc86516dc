#!/usr/bin/env bash
# Sourced by the phone test stages (scripts/kotlin-jvm.sh test, scripts/test.d/30-swift): starts a real
# mend-server, built debug from this tree, on a free loopback port with its data in a temporary directory, and
# exports its base URL as MEND_SERVER_URL for the sync tests. MEND_SERVER_BIN (set by scripts/test.sh, which builds
# it once) is used as it is; otherwise it is built here. It is stopped (and its directory removed) when the
# sourcing script exits.
#
# Usage: source scripts/tools/test-server.sh; mend_test_server_start

mend_test_server_stop() {
    if [[ -n ${MEND_TEST_SERVER_PID:-} ]]; then
        kill "$MEND_TEST_SERVER_PID" 2>/dev/null || true
        wait "$MEND_TEST_SERVER_PID" 2>/dev/null || true
        MEND_TEST_SERVER_PID=""
    fi
    [[ -n ${MEND_TEST_SERVER_DIR:-} ]] && rm -rf -- "$MEND_TEST_SERVER_DIR"
    MEND_TEST_SERVER_DIR=""
}

mend_test_server_start() {
    local bin=${MEND_SERVER_BIN:-}
    if [[ -z $bin ]]; then
        cargo build --locked -q -p mend-server >&2
        bin=${CARGO_TARGET_DIR:-$PWD/target}/debug/mend-server
    fi
    MEND_TEST_SERVER_DIR=$(mktemp -d)
    trap mend_test_server_stop EXIT
    : >"$MEND_TEST_SERVER_DIR/stdout"
    "$bin" --listen 127.0.0.1:0 --data-dir "$MEND_TEST_SERVER_DIR/data" \
        >"$MEND_TEST_SERVER_DIR/stdout" 2>"$MEND_TEST_SERVER_DIR/stderr" &
    MEND_TEST_SERVER_PID=$!
    # The first line of its output names the address (`mend-server listening on http://127.0.0.1:PORT`).
    local line=""
    while [[ -z $line ]]; do
        if ! kill -0 "$MEND_TEST_SERVER_PID" 2>/dev/null; then
            echo "test-server.sh: mend-server did not start:" >&2
            cat "$MEND_TEST_SERVER_DIR/stderr" >&2
            return 1
        fi
        [[ $(wc -l <"$MEND_TEST_SERVER_DIR/stdout") -ge 1 ]] && line=$(head -n1 "$MEND_TEST_SERVER_DIR/stdout")
        [[ -n $line ]] || sleep 0.1
    done
    MEND_SERVER_URL=${line##* }
    export MEND_SERVER_URL
    echo "test-server.sh: mend-server at $MEND_SERVER_URL" >&2
}
