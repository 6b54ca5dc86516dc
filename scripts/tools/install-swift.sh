#!/usr/bin/env bash
# Builds the Swift toolchain used to test the uniffi Swift bindings: a Debian trixie chroot
# (swiftlang 6.0.x needs glibc 2.38; the host is Debian 12 with 2.36) at
# ${MEND_SWIFT_ROOT:-${MEND_TOOLS:-/opt/mend-tools}/swift-trixie}, made with
#   debootstrap --variant=minbase trixie ROOT http://deb.debian.org/debian
# and, inside it, apt-get install --no-install-recommends swiftlang libc6-dev.
# Installs debootstrap on the host if missing. About 3.4 GB.
#
# Usage: ROOT=$(scripts/tools/install-swift.sh)
#          then: scripts/tools/in-swift-chroot.sh -b DIR -- swift test
#        scripts/tools/install-swift.sh --uninstall   # unmount leftovers, then delete the chroot
# Idempotent: the marker ROOT/.mend-swift-ready is written only after a complete, checked
# setup; a second run sees it and returns at once. A run that died half-way is resumed
# (after debootstrap) or cleaned up (mounts first, then the directory) and started again.
# Logs go to stderr; the last (only) line on stdout is the chroot path.
# Environment: MEND_TOOLS, MEND_SWIFT_ROOT, MEND_DEBIAN_MIRROR (default http://deb.debian.org/debian).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=scripts/tools/common.sh
source "$here/common.sh"
MEND_LOG_TAG=install-swift

SUITE=trixie
MIRROR=${MEND_DEBIAN_MIRROR:-http://deb.debian.org/debian}
# tzdata: the Mend library reads its time zones from /usr/share/zoneinfo, inside the chroot as on a phone.
CHROOT_PACKAGES=(swiftlang libc6-dev tzdata)

root=$(mend_chroot_path "$MEND_SWIFT_ROOT")

uninstall=false
case ${1:-} in
"") ;;
--uninstall) uninstall=true ;;
-h | --help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"; exit 0 ;;
*) mend_die "unknown argument $1 (see --help)" ;;
esac

# usr/bin/swift is an absolute symlink (/usr/libexec/swift/bin/swift): resolve it inside the root.
swift_bin() {
    local link
    link=$(readlink "$root/usr/bin/swift" 2>/dev/null) || link=/usr/bin/swift
    [[ $link == /* ]] || link=/usr/bin/$link
    printf '%s\n' "$root$link"
}
ready() { [[ -f $root/$MEND_SWIFT_READY && -x $(swift_bin) ]]; }

if ! $uninstall && ready; then
    mend_log "already installed: $root"
    printf '%s\n' "$root"
    exit 0
fi

mend_require_root
mkdir -p "$(dirname "$root")"
exec 9>"$root.lock"
flock -x 9 # waits for runs of in-swift-chroot.sh and other installers
if $uninstall; then
    mend_chroot_rm "$root" # unmounts first, refuses if anything stays mounted
    exit 0
fi
if ready; then
    printf '%s\n' "$root"
    exit 0
fi
# Be a gentle neighbour on a shared CI machine.
renice -n 10 -p $$ >/dev/null 2>&1 || true

mend_apt_install debootstrap

in_chroot() {
    "$here/in-swift-chroot.sh" --installer --root "$root" -e DEBIAN_FRONTEND=noninteractive -- "$@"
}

# Each step is checked by hand: set -e is off inside a function called from `if`.
bootstrap() {
    mend_chroot_rm "$root" || return 1
    mkdir -p "$root" || return 1
    mend_log "debootstrap $SUITE into $root (about 30 s)"
    local ns=()
    # In a private mount namespace, debootstrap's own /proc and /sys mounts cannot outlive it.
    if mend_can_unshare; then ns=(unshare --mount --propagation private --); fi
    "${ns[@]}" debootstrap --variant=minbase "$SUITE" "$root" "$MIRROR" </dev/null >&2 || return 1
    mend_umount_all "$root" || return 1
    touch "$root/$MEND_SWIFT_BOOTSTRAPPED"
}

install_swift() {
    mend_log "installing ${CHROOT_PACKAGES[*]} in the chroot (about 70 s)"
    # No daemons may start inside the chroot.
    printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d" && chmod 755 "$root/usr/sbin/policy-rc.d" ||
        return 1
    in_chroot sh -ec '
        apt-get update -q
        dpkg --configure -a
        apt-get install -y -q --no-install-recommends -o Dpkg::Options::=--force-confold "$@"
        apt-get clean
        swift --version
    ' install-swift "${CHROOT_PACKAGES[@]}" </dev/null >&2 || return 1
}

setup() {
    if [[ ! -f $root/$MEND_SWIFT_BOOTSTRAPPED ]]; then
        bootstrap || return 1
    fi
    install_swift || return 1
    date -u +%Y-%m-%dT%H:%M:%SZ >"$root/$MEND_SWIFT_READY"
}

# We hold the lock exclusively: anything still running or mounted in the root is a leftover.
mend_chroot_kill "$root" || mend_die "cannot stop leftover processes in $root"
mend_umount_all "$root" || mend_die "cannot unmount leftovers below $root"
if [[ -f $root/$MEND_SWIFT_BOOTSTRAPPED ]]; then
    mend_log "resuming an earlier, unfinished setup of $root"
    if ! setup; then
        mend_log "resuming failed; starting again from nothing"
        rm -f "$root/$MEND_SWIFT_BOOTSTRAPPED"
        setup || mend_die "Swift chroot setup failed"
    fi
else
    setup || mend_die "Swift chroot setup failed"
fi
ready || mend_die "setup finished but $(swift_bin) is missing"
mend_log "ready: $root ($(du -sh --one-file-system "$root" 2>/dev/null | cut -f1))"
printf '%s\n' "$root"
