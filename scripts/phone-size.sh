#!/usr/bin/env bash
# The phone library's size on this machine (goal: stripped, at most 5 MB), measured two ways:
#   plain   `cargo build -p mend-ffi --profile phone`, then a stripped copy;
#   packed  the same with packed relative relocations (-z pack-relative-relocs), which is how the phones'
#           linkers lay the library out (Android: RELR, see .cargo/config.toml; iOS links it statically),
#           built in its own target dir so the flag never reaches other builds.
# The phone profile keeps symbols (strip = false) so uniffi-bindgen can read the metadata: the copy is stripped.
# The packed build also drops the uniffi metadata, which only uniffi-bindgen reads (scripts/hide-metadata.sh),
# as scripts/build-android.sh does: so `packed` is the library that ships.
# Both builds leave out unwind tables for Mend's own code and its crates (`-C force-unwind-tables=no`), as the
# Android builds do (.cargo/config.toml): with `panic = "abort"` nothing unwinds, and the tables were 0.5 MB of
# the library (docs/phone-builds.md says what a crash report loses). Both builds take curve25519-dalek's portable backend (`--cfg curve25519_dalek_backend="serial"`), the one the
# phones' ARM processors get: on this x86_64 machine it would otherwise add its AVX2 backend (44 KB) to a library
# no phone would carry.
# Usage: scripts/phone-size.sh
set -euo pipefail
cd "$(dirname "$0")/.."

measure() { # NAME LIBRARY
    local copy
    copy=$(mktemp)
    cp "$2" "$copy"
    strip "$copy"
    awk -v n="$1" -v u="$(stat -c %s "$2")" -v s="$(stat -c %s "$copy")" -v g="$(gzip -9 -c "$copy" | wc -c)" \
        'BEGIN { printf "%-7s unstripped %9d B  stripped %9d B (%.2f MB)  stripped+gzip %9d B\n", n, u, s, s / 1e6, g }'
    rm -f "$copy"
}

# A shared library may link with undefined symbols (they fail only when the phone loads it): the SQLite options
# in .cargo/config.toml must never leave one of SQLite's own functions missing.
complete() { # LIBRARY
    if nm -D --undefined-only "$1" | grep -E ' (sqlite3|fts5)'; then
        echo "phone-size: $1 needs SQLite functions that the SQLite options left out" >&2
        exit 1
    fi
}

phone_cfg='-C force-unwind-tables=no --cfg curve25519_dalek_backend="serial"'
RUSTFLAGS="$phone_cfg" cargo build --locked -q -p mend-ffi --profile phone
complete target/phone/libmend_ffi.so
measure plain target/phone/libmend_ffi.so
map=target/phone-packed/hide-metadata.map
mkdir -p target/phone-packed
scripts/hide-metadata.sh target/phone/libmend_ffi.so "$map"
# `cargo rustc` gives the version script to the library's own link only (not to build scripts).
RUSTFLAGS="-C link-arg=-Wl,-z,pack-relative-relocs $phone_cfg" CARGO_TARGET_DIR=target/phone-packed \
    cargo rustc --locked -q -p mend-ffi --lib --profile phone -- -C "link-arg=-Wl,--version-script=$PWD/$map"
complete target/phone-packed/phone/libmend_ffi.so
if nm -D --defined-only target/phone-packed/phone/libmend_ffi.so | grep -q ' UNIFFI_META_'; then
    echo "phone-size: the linker kept uniffi metadata that scripts/hide-metadata.sh made local" >&2
    exit 1
fi
measure packed target/phone-packed/phone/libmend_ffi.so
