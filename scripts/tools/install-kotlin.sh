#!/usr/bin/env bash
# Installs the Kotlin/JVM toolchain used to test the uniffi Kotlin bindings:
#   - Kotlin compiler 2.4.20 from the npm package kotlin-compiler (npm pack + untar)
#     into ${MEND_TOOLS:-/opt/mend-tools}/kotlin-2.4.20/
#   - Debian packages libjna-java and junit4 (/usr/share/java/{jna,junit4,hamcrest-core}.jar)
#   - a Java runtime (default-jre-headless) if `java` is missing.
#
# Usage: KOTLIN_HOME=$(scripts/tools/install-kotlin.sh)
# Idempotent: a second run checks a marker and the files and downloads nothing.
# Logs go to stderr; the last (only) line on stdout is the Kotlin home directory.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=scripts/tools/common.sh
source "$here/common.sh"
MEND_LOG_TAG=install-kotlin

KOTLIN_VERSION=2.4.20
KOTLIN_HOME="$MEND_TOOLS/kotlin-$KOTLIN_VERSION"
MARKER="$KOTLIN_HOME/.mend-installed"
REQUIRED_FILES=(
    bin/kotlinc
    lib/kotlin-stdlib.jar
    lib/kotlinx-coroutines-core-jvm.jar
    lib/kotlin-test.jar
    lib/kotlin-test-junit.jar
)
DEB_PACKAGES=(libjna-java junit4)
DEB_JARS=(/usr/share/java/jna.jar /usr/share/java/junit4.jar /usr/share/java/hamcrest-core.jar)

kotlin_complete() {
    local dir=$1 f
    for f in "${REQUIRED_FILES[@]}"; do
        [[ -s $dir/$f ]] || return 1
    done
}

debs_complete() {
    local f
    mend_debs_installed "${DEB_PACKAGES[@]}" || return 1
    for f in "${DEB_JARS[@]}"; do
        [[ -s $f ]] || return 1
    done
    command -v java >/dev/null
}

# Fast path: nothing to do.
if [[ -f $MARKER ]] && kotlin_complete "$KOTLIN_HOME" && debs_complete; then
    mend_log "already installed: $KOTLIN_HOME"
    printf '%s\n' "$KOTLIN_HOME"
    exit 0
fi

mend_require_root
mkdir -p "$MEND_TOOLS"
# Serialise concurrent installers.
exec 9>"$MEND_TOOLS/.kotlin-$KOTLIN_VERSION.lock"
flock 9
# Under the lock, temporary directories are leftovers of a run that was killed.
rm -rf -- "$MEND_TOOLS/.kotlin-$KOTLIN_VERSION.tmp."*

# Debian side.
if ! debs_complete; then
    pkgs=("${DEB_PACKAGES[@]}")
    command -v java >/dev/null || pkgs+=(default-jre-headless)
    mend_apt_install "${pkgs[@]}"
    debs_complete || mend_die "Debian packages ${DEB_PACKAGES[*]} installed but jars missing: ${DEB_JARS[*]}"
fi

# Kotlin compiler (re-checked under the lock: another run may have finished it).
if ! { [[ -f $MARKER ]] && kotlin_complete "$KOTLIN_HOME"; }; then
    command -v npm >/dev/null || mend_apt_install npm
    tmp=$(mktemp -d "$MEND_TOOLS/.kotlin-$KOTLIN_VERSION.tmp.XXXXXX")
    trap 'rm -rf -- "$tmp"' EXIT
    mend_log "downloading kotlin-compiler@$KOTLIN_VERSION from the npm registry"
    # A private npm cache, so the ~90 MB tarball is not kept twice.
    (cd "$tmp" && npm pack "kotlin-compiler@$KOTLIN_VERSION" --cache "$tmp/npm-cache" \
        --silent --no-audit --no-fund </dev/null >&2)
    tarballs=("$tmp"/kotlin-compiler-*.tgz)
    [[ -f ${tarballs[0]} ]] || mend_die "npm pack produced no tarball"
    mkdir "$tmp/unpack"
    tar -xzf "${tarballs[0]}" -C "$tmp/unpack" --no-same-owner
    kotlin_complete "$tmp/unpack/package" ||
        mend_die "kotlin-compiler@$KOTLIN_VERSION lacks one of: ${REQUIRED_FILES[*]}"
    chmod +x "$tmp/unpack/package/bin/"*
    # Replace any earlier, incomplete attempt, then move the new tree in place.
    rm -rf -- "$KOTLIN_HOME"
    mv "$tmp/unpack/package" "$KOTLIN_HOME"
    date -u +%Y-%m-%dT%H:%M:%SZ >"$MARKER"
    mend_log "installed $KOTLIN_HOME"
fi

printf '%s\n' "$KOTLIN_HOME"
