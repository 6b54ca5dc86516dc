#!/usr/bin/env bash
# Writes a linker version script that makes every uniffi metadata symbol (UNIFFI_META_*) of a built mend-ffi
# library local, so the linker's garbage collection drops them from the library that ships. The metadata is read
# only by uniffi-bindgen, which reads it from a library built for this computer (scripts/bindings.sh), never
# from the phones' libraries; the checksum functions the bindings call at load stay. About 80 KB. (iOS links the
# static library into the app, whose linker already drops unreferenced data.)
#
# The symbols are named one by one: rustc's own version script names them as global, and a local wildcard would
# lose to it. scripts/build-android.sh and scripts/phone-size.sh check afterwards that none is left.
#
# Usage: scripts/hide-metadata.sh LIBRARY OUT.map
set -euo pipefail
[[ $# -eq 2 ]] || { echo "usage: scripts/hide-metadata.sh LIBRARY OUT.map" >&2; exit 2; }
names=$(nm -D --defined-only "$1" | awk '$3 ~ /^UNIFFI_META_/ { print "    " $3 ";" }')
[[ -n $names ]] || { echo "hide-metadata.sh: $1 holds no uniffi metadata" >&2; exit 1; }
printf '{\n  local:\n%s\n};\n' "$names" >"$2"
