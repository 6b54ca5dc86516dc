#!/usr/bin/env bash
# Builds the mend-ffi library and generates its Swift and Kotlin bindings where the phone projects expect them:
#   Kotlin    android/mendkit/build/generated/uniffi/kotlin/app/mend/{core,ffi}/*.kt
#   Swift     ios/MendKit/Sources/MendKit/Generated/{mend_core,mend_ffi}.swift
#   C headers ios/MendKit/Sources/MendFFI/{mend_coreFFI,mend_ffiFFI}.h  (module.modulemap beside them is committed)
# Generated files are not committed (see bindings/README.md): they are made from the very library they will
# load, so they can never drift from it. Each run replaces them completely.
#
# Usage: scripts/bindings.sh [--profile dev|release|phone] [--target TRIPLE] [--features LIST] [--no-build]
#   --profile   cargo profile of the library (default dev, i.e. target/debug); bindgen reads the unstripped
#               library's metadata, so phone builds generate from the phone library before stripping a copy
#   --target    a target triple (cross builds); the bindings are the same for every target
#   --features  cargo features of mend-ffi (only `bench`, for scripts/bench-bindings.sh)
#   --no-build  use the library that is already built
# Prints the path of the library on stdout.
set -euo pipefail
cd "$(dirname "$0")/.."

profile=dev
target=""
features=""
build=true
while [[ $# -gt 0 ]]; do
    case $1 in
    --profile) profile=${2:?--profile needs a name}; shift 2 ;;
    --target) target=${2:?--target needs a triple}; shift 2 ;;
    --features) features=${2:?--features needs a list}; shift 2 ;;
    --no-build) build=false; shift ;;
    -h | --help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
    *) echo "bindings.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
done

target_dir=${CARGO_TARGET_DIR:-$PWD/target}
profile_dir=$profile
[[ $profile == dev ]] && profile_dir=debug
lib_dir=$target_dir/${target:+$target/}$profile_dir
case ${target:-$(rustc -vV | sed -n 's/^host: //p')} in
*apple*) lib=$lib_dir/libmend_ffi.dylib ;;
*windows*) lib=$lib_dir/mend_ffi.dll ;;
*) lib=$lib_dir/libmend_ffi.so ;;
esac

if $build; then
    cargo build --locked -p mend-ffi --profile "$profile" ${target:+--target "$target"} \
        ${features:+--features "$features"} >&2
fi
# The bindgen tool always runs on this machine.
cargo build --locked -q -p uniffi-bindgen >&2
bindgen=$target_dir/debug/uniffi-bindgen
[[ -f $lib ]] || { echo "bindings.sh: no library at $lib" >&2; exit 1; }

kotlin_out=android/mendkit/build/generated/uniffi/kotlin
swift_out=ios/MendKit/Sources/MendKit/Generated
header_dir=ios/MendKit/Sources/MendFFI
tmp=$(mktemp -d)
trap 'rm -rf -- "$tmp"' EXIT

"$bindgen" generate "$lib" --language kotlin --out-dir "$tmp/kotlin" --no-format --config bindings/bindgen.toml >&2
"$bindgen" generate "$lib" --language swift --out-dir "$tmp/swift" --no-format --config bindings/bindgen.toml >&2

rm -rf "$kotlin_out" "$swift_out"
mkdir -p "$kotlin_out" "$swift_out" "$header_dir"
cp -R "$tmp/kotlin/." "$kotlin_out/"
cp "$tmp"/swift/*.swift "$swift_out/"
rm -f "$header_dir"/*FFI.h
cp "$tmp"/swift/*.h "$header_dir/"
echo "bindings.sh: generated Kotlin in $kotlin_out, Swift in $swift_out, headers in $header_dir" >&2
printf '%s\n' "$lib"
