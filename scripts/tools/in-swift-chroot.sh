#!/usr/bin/env bash
# Runs a command inside the Swift chroot made by install-swift.sh.
#
# Usage: scripts/tools/in-swift-chroot.sh [options] [--] COMMAND [ARG...]
#   -r, --root DIR        chroot (default: $MEND_SWIFT_ROOT, else ${MEND_TOOLS:-/opt/mend-tools}/swift-trixie)
#   -b, --bind HOSTDIR    bind-mount HOSTDIR into the chroot (read-write), at /work unless --at is given
#       --at PATH         where --bind mounts HOSTDIR inside the chroot (default /work)
#   -w, --workdir PATH    working directory inside the chroot (default: the --at path, else /root)
#   -e, --env NAME=VALUE  set a variable inside the chroot (repeatable); the host environment is
#                         NOT passed in, only HOME, PATH, LANG=C.UTF-8, TERM and CI
#       --cleanup         only stop processes and unmount whatever an earlier run left in the
#                         chroot (waits for running calls to finish first), then exit
#   -h, --help
# Example:
#   scripts/tools/in-swift-chroot.sh -b "$PWD/swift" -e LD_LIBRARY_PATH=/work/lib -- swift test
#
# Mounts proc, /dev and /sys (rbind, then --make-rslave), copies /etc/resolv.conf, runs the
# command, and always unmounts again (trap on EXIT). Exits with the command's status.
# Mounts left behind by a killed earlier run are detected and removed first. Where the kernel
# allows it (root, or a privileged container), everything runs in a private mount namespace:
# the mounts are then invisible to the host and vanish even if this script is killed -9, and
# several runs (each with its own --bind) can use the chroot at the same time. Set
# MEND_CHROOT_UNSHARE=0 to use plain mounts on the host; runs are then serialised by a lock.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=scripts/tools/common.sh
source "$here/common.sh"
MEND_LOG_TAG=in-swift-chroot

usage() { sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"; }

orig_args=("$@")
root=$MEND_SWIFT_ROOT
bind=""
at=/work
workdir=""
envs=()
cleanup_only=false
installer=false # internal: called by install-swift.sh, which holds the lock
while [[ $# -gt 0 ]]; do
    case $1 in
    -r | --root) root=${2:?--root needs a directory}; shift 2 ;;
    -b | --bind) bind=${2:?--bind needs a directory}; shift 2 ;;
    --at) at=${2:?--at needs a path}; shift 2 ;;
    -w | --workdir) workdir=${2:?--workdir needs a path}; shift 2 ;;
    -e | --env)
        [[ ${2:-} == [A-Za-z_]*=* ]] || mend_die "--env needs NAME=VALUE, got '${2:-}'"
        envs+=("$2"); shift 2 ;;
    --cleanup) cleanup_only=true; shift ;;
    --installer) installer=true; shift ;;
    -h | --help) usage; exit 0 ;;
    --) shift; break ;;
    -*) mend_die "unknown option $1 (see --help)" ;;
    *) break ;;
    esac
done

mend_require_root
root=$(mend_chroot_path "$root")
[[ $at == /?* && $at != *..* ]] || mend_die "--at must be an absolute path inside the chroot"

if [[ -z ${_MEND_IN_MOUNT_NS:-} ]]; then
    # Host mount namespace.
    [[ -d $root ]] || mend_die "no chroot at $root (run scripts/tools/install-swift.sh)"
    use_ns=false
    if ! $cleanup_only && mend_can_unshare; then use_ns=true; fi
    if ! $installer; then
        # Shared lock: runs in their own namespaces do not disturb each other; the installer and
        # runs with host-visible mounts take it exclusively.
        exec 9>"$root.lock"
        if $use_ns; then flock -s 9; else flock -x 9; fi
    fi
    # --cleanup holds the lock exclusively: processes still running in the root are leftovers.
    if $cleanup_only; then mend_chroot_kill "$root" || mend_die "cannot stop processes in $root"; fi
    # Under this lock, any mount below the root in the host namespace is a leftover.
    mend_umount_all "$root" || mend_die "cannot clean up old mounts below $root"
    $cleanup_only && exit 0
    if ! $installer && [[ ! -f $root/$MEND_SWIFT_READY ]]; then
        mend_die "$root is not a complete Swift chroot (run scripts/tools/install-swift.sh)"
    fi
    [[ $# -gt 0 ]] || mend_die "no command given (see --help)"
    if [[ -n $bind ]]; then
        [[ -d $bind ]] || mend_die "--bind: no directory $bind"
        bind=$(realpath -- "$bind")
    fi
    if $use_ns; then
        export _MEND_IN_MOUNT_NS=1
        exec unshare --mount --propagation private -- "${BASH_SOURCE[0]}" "${orig_args[@]}"
    fi
fi

[[ $# -gt 0 ]] || mend_die "no command given (see --help)"

status=0
# shellcheck disable=SC2317 # invoked by the EXIT trap
finish() {
    local rc=$?
    # Keep the command's status if there was one, else report our own failure.
    [[ $status -ne 0 || $rc -eq 0 ]] || status=$rc
    mend_umount_all "$root" quiet || mend_log "warning: could not unmount everything below $root"
    exit "$status"
}
trap finish EXIT
trap 'status=130; exit 130' INT
trap 'status=143; exit 143' TERM
trap 'status=129; exit 129' HUP

mend_chroot_mount "$root"
if [[ -n $bind ]]; then
    mkdir -p "$root$at"
    if ! mountpoint -q "$root$at"; then
        mount --bind "$bind" "$root$at"
        mount --make-rslave "$root$at"
    fi
    workdir=${workdir:-$at}
fi
workdir=${workdir:-/root}

base_env=(
    HOME=/root
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
    LANG=C.UTF-8
    "TERM=${TERM:-dumb}"
)
[[ -n ${CI:-} ]] && base_env+=("CI=$CI")

# shellcheck disable=SC2016 # $1 and $@ are for the inner sh
# fd 9 (the lock) is closed for the command, so nothing it leaves running can hold the lock.
chroot "$root" /usr/bin/env -i "${base_env[@]}" "${envs[@]}" \
    /bin/sh -c 'cd "$1" || exit 125; shift; exec "$@"' in-swift-chroot "$workdir" "$@" 9>&- ||
    status=$?
exit "$status"
