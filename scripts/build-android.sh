#!/usr/bin/env bash
# Builds the phone library for Android, arm64-v8a (phones) and x86_64 (the emulator), with cargo-ndk into
# android/mendkit/src/main/jniLibs/<abi>/libmend_ffi.so (phone profile, then stripped with the NDK's
# llvm-strip), and generates the Kotlin bindings beside them (scripts/bindings.sh). mendkit's Gradle build runs
# it before every build.
#
# Needs: the Android NDK (r26 or newer; ANDROID_NDK_HOME, or ANDROID_HOME/ndk/<version>), cargo-ndk
# (`cargo install cargo-ndk`), and `rustup target add aarch64-linux-android x86_64-linux-android`.
# Android linker flags (packed relocations, API 28+) are in .cargo/config.toml. See docs/phone-builds.md.
#
# Usage: scripts/build-android.sh [--debug]   (--debug: the dev profile, faster to build, much larger)
set -euo pipefail
cd "$(dirname "$0")/.."

profile=phone
[[ ${1:-} == --debug ]] && profile=dev
out=android/mendkit/src/main/jniLibs
api=28

fail() {
    printf 'build-android.sh: %s\n' "$1" >&2
    printf 'build-android.sh: this cannot run here; run it where the Android NDK is installed (see docs/phone-builds.md).\n' >&2
    exit 1
}

ndk=${ANDROID_NDK_HOME:-${ANDROID_NDK_ROOT:-}}
if [[ -z $ndk && -n ${ANDROID_HOME:-} && -d $ANDROID_HOME/ndk ]]; then
    ndk=$(find "$ANDROID_HOME/ndk" -mindepth 1 -maxdepth 1 -type d | sort -V | tail -1)
fi
[[ -n $ndk && -d $ndk ]] || fail "no Android NDK found (set ANDROID_NDK_HOME, or ANDROID_HOME with an ndk/ folder)"
cargo ndk --version >/dev/null 2>&1 || fail "cargo-ndk is not installed (cargo install cargo-ndk)"
for target in aarch64-linux-android x86_64-linux-android; do
    rustup target list --installed | grep -qx "$target" || fail "the Rust target $target is missing (rustup target add $target)"
done
export ANDROID_NDK_HOME=$ndk

# The bindings are the same for every target: generate them from a library built for this computer, and from
# its list of uniffi metadata symbols a version script that drops them from the phones' libraries (only
# uniffi-bindgen reads them; scripts/hide-metadata.sh). Setting a target's rustflags here replaces the ones in
# .cargo/config.toml, so its flags are repeated.
host_lib=$(scripts/bindings.sh)
map=$PWD/target/android-hide-metadata.map
scripts/hide-metadata.sh "$host_lib" "$map"
android_flags="-C link-arg=-Wl,--pack-dyn-relocs=android+relr -C link-arg=-Wl,--use-android-relr-tags"
# The phone profile aborts on panic, so nothing unwinds: no unwind tables for Mend's code and crates (0.5 MB;
# docs/phone-builds.md says what a crash report loses). rustc refuses this with the dev profile's unwinding.
[[ $profile == phone ]] && android_flags+=" -C force-unwind-tables=no"
android_flags+=" -C link-arg=-Wl,--version-script=$map"
export CARGO_TARGET_AARCH64_LINUX_ANDROID_RUSTFLAGS=$android_flags
export CARGO_TARGET_X86_64_LINUX_ANDROID_RUSTFLAGS=$android_flags

cargo ndk --target arm64-v8a --target x86_64 --platform "$api" --output-dir "$out" \
    build --locked -p mend-ffi --profile "$profile"

strip_tool=$(find "$ndk/toolchains/llvm/prebuilt" -name llvm-strip -type f | head -1)
[[ -x $strip_tool ]] || fail "llvm-strip not found in $ndk"
for abi in arm64-v8a x86_64; do
    "$strip_tool" --strip-all "$out/$abi/libmend_ffi.so"
    if "$ndk"/toolchains/llvm/prebuilt/*/bin/llvm-nm -D --defined-only "$out/$abi/libmend_ffi.so" | grep -q ' UNIFFI_META_'; then
        fail "the linker kept uniffi metadata in $out/$abi/libmend_ffi.so (scripts/hide-metadata.sh)"
    fi
    size=$(wc -c <"$out/$abi/libmend_ffi.so")
    printf 'build-android.sh: %s/%s/libmend_ffi.so: %s bytes\n' "$out" "$abi" "$size" >&2
done

