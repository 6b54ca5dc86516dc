#!/usr/bin/env bash
# Builds the phone library for Apple platforms as ios/MendKit/MendFFI.xcframework: static libraries for iOS
# devices (arm64), the iOS simulator (arm64 + x86_64) and macOS (arm64 + x86_64, so `swift test` works on a
# Mac), each with the generated C headers and a module map for the MendFFI module; and the Swift bindings in
# ios/MendKit/Sources/MendKit/Generated (scripts/bindings.sh). Package.swift uses the XCFramework on Apple
# platforms.
#
# Needs: macOS with Xcode (xcodebuild, lipo) and
#   rustup target add aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios aarch64-apple-darwin x86_64-apple-darwin
# See docs/phone-builds.md.
#
# Usage: scripts/build-xcframework.sh
set -euo pipefail
cd "$(dirname "$0")/.."

fail() {
    printf 'build-xcframework.sh: %s\n' "$1" >&2
    printf 'build-xcframework.sh: this cannot run here; run it on a Mac with Xcode (see docs/phone-builds.md).\n' >&2
    exit 1
}

[[ $(uname -s) == Darwin ]] || fail "this is $(uname -s), not macOS: there is no Xcode or Apple SDK"
command -v xcodebuild >/dev/null || fail "xcodebuild is missing (install Xcode and run xcode-select)"
command -v lipo >/dev/null || fail "lipo is missing (install the Xcode command-line tools)"
targets=(aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios aarch64-apple-darwin x86_64-apple-darwin)
for target in "${targets[@]}"; do
    rustup target list --installed | grep -qx "$target" || fail "the Rust target $target is missing (rustup target add $target)"
done

for target in "${targets[@]}"; do
    cargo build --locked -p mend-ffi --profile phone --target "$target"
done

work=target/xcframework
rm -rf "$work" ios/MendKit/MendFFI.xcframework
mkdir -p "$work/ios" "$work/ios-simulator" "$work/macos" "$work/headers"
lib() { printf 'target/%s/phone/libmend_ffi.a' "$1"; }
cp "$(lib aarch64-apple-ios)" "$work/ios/libmend_ffi.a"
lipo -create "$(lib aarch64-apple-ios-sim)" "$(lib x86_64-apple-ios)" -output "$work/ios-simulator/libmend_ffi.a"
lipo -create "$(lib aarch64-apple-darwin)" "$(lib x86_64-apple-darwin)" -output "$work/macos/libmend_ffi.a"

# Swift bindings and C headers (the same for every target), then the headers' module map without a link line:
# Swift Package Manager links the XCFramework's static library itself.
scripts/bindings.sh >/dev/null
cp ios/MendKit/Sources/MendFFI/*FFI.h "$work/headers/"
{
    echo 'module MendFFI {'
    for header in "$work"/headers/*FFI.h; do printf '    header "%s"\n' "$(basename "$header")"; done
    echo '    export *'
    echo '}'
} >"$work/headers/module.modulemap"

xcodebuild -create-xcframework \
    -library "$work/ios/libmend_ffi.a" -headers "$work/headers" \
    -library "$work/ios-simulator/libmend_ffi.a" -headers "$work/headers" \
    -library "$work/macos/libmend_ffi.a" -headers "$work/headers" \
    -output ios/MendKit/MendFFI.xcframework
echo "build-xcframework.sh: made ios/MendKit/MendFFI.xcframework" >&2
