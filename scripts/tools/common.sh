# shellcheck shell=bash
# Helpers shared by the scripts in scripts/tools/. Source it; do not run it.
#
# Conventions: logs go to stderr, the one useful result goes to stdout.

MEND_TOOLS=${MEND_TOOLS:-/opt/mend-tools}

mend_log() {
    printf '[%s] %s\n' "${MEND_LOG_TAG:-mend-tools}" "$*" >&2
}

mend_die() {
    mend_log "error: $*"
    exit 1
}

mend_require_root() {
    [[ $(id -u) -eq 0 ]] || mend_die "must run as root (apt-get, mount, chroot)"
}

# True if every Debian package given is installed on the host.
mend_debs_installed() {
    local pkg status
    for pkg in "$@"; do
        status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
        [[ $status == installed ]] || return 1
    done
}

# Installs the Debian packages that are missing on the host; runs apt-get update
# only if something has to be installed. Never prompts.
mend_apt_install() {
    local missing=() pkg
    for pkg in "$@"; do
        mend_debs_installed "$pkg" || missing+=("$pkg")
    done
    [[ ${#missing[@]} -eq 0 ]] && return 0
    mend_log "installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    # A broken third-party source must not stop us: the Debian mirror is what matters.
    apt-get update -q </dev/null >&2 || mend_log "warning: apt-get update reported errors, trying anyway"
    apt-get install -y -q --no-install-recommends "${missing[@]}" </dev/null >&2
}

# ---------------------------------------------------------------------------
# Chroot helpers (used by install-swift.sh and in-swift-chroot.sh).

MEND_SWIFT_ROOT=${MEND_SWIFT_ROOT:-$MEND_TOOLS/swift-trixie}
# shellcheck disable=SC2034 # used by the scripts that source this file
MEND_SWIFT_READY=.mend-swift-ready          # inside the root, written last
# shellcheck disable=SC2034
MEND_SWIFT_BOOTSTRAPPED=.mend-debootstrap-ok # inside the root, after debootstrap

# Canonical absolute path of a chroot directory; refuses "/", relative
# nonsense and whitespace (mount tables escape it, we do not want to parse that).
mend_chroot_path() {
    local root
    root=$(realpath -m -- "$1")
    [[ $root != / && $root == /?*/?* ]] || mend_die "refusing chroot path '$1' (too close to /)"
    [[ $root != *[[:space:]]* ]] || mend_die "chroot path must not contain whitespace: '$root'"
    printf '%s\n' "$root"
}

# Mount points strictly below ROOT in this mount namespace, deepest first.
mend_mounts_under() {
    awk -v r="$1/" 'index($5, r) == 1 { print $5 }' /proc/self/mountinfo | sort -r
}

# Unmounts everything below ROOT (logs that it does, unless a second argument "quiet"
# is given). Each mount is first made a (recursive) slave,
# so an unmount can never propagate to the host's /dev or /sys even if a
# crashed run left a shared bind mount behind.
mend_umount_all() {
    local root=$1 quiet=${2:-} pass mp mps
    for pass in 1 2 3 4 5; do
        mps=$(mend_mounts_under "$root")
        [[ -z $mps ]] && return 0
        [[ $pass -eq 1 && $quiet != quiet ]] && mend_log "unmounting below $root"
        while IFS= read -r mp; do
            mount --make-rslave "$mp" 2>/dev/null || true
        done < <(sort <<<"$mps")
        while IFS= read -r mp; do
            mountpoint -q "$mp" || continue
            umount "$mp" 2>/dev/null || umount -l "$mp" 2>/dev/null || true
        done <<<"$mps"
    done
    mps=$(mend_mounts_under "$root")
    [[ -z $mps ]] || { mend_log "still mounted below $root:"; printf '  %s\n' "$mps" >&2; return 1; }
}

# PIDs of processes whose root directory is ROOT (or below it).
mend_chroot_pids() {
    local p r
    for p in /proc/[0-9]*; do
        r=$(readlink "$p/root" 2>/dev/null) || continue
        if [[ $r == "$1" || $r == "$1"/* ]]; then printf '%s\n' "${p#/proc/}"; fi
    done
}

# Stops processes still running inside ROOT (TERM, then KILL). Only for callers that hold
# the chroot's lock exclusively: then such processes are leftovers of a run that died (apt
# runs dpkg in its own session, so killing a job's process group does not stop it).
mend_chroot_kill() {
    local root=$1 pids i
    mapfile -t pids < <(mend_chroot_pids "$root")
    [[ ${#pids[@]} -eq 0 ]] && return 0
    mend_log "stopping processes left running in $root: ${pids[*]}"
    kill -TERM "${pids[@]}" 2>/dev/null || true
    for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
        sleep 0.25
        mapfile -t pids < <(mend_chroot_pids "$root")
        [[ ${#pids[@]} -eq 0 ]] && return 0
        [[ $i -eq 12 ]] && kill -KILL "${pids[@]}" 2>/dev/null
    done
    mend_log "processes still running in $root: ${pids[*]}"
    return 1
}

# Deletes a chroot, but only once no process runs in it and nothing is mounted below it.
mend_chroot_rm() {
    local root=$1
    [[ -e $root ]] || return 0
    mend_chroot_kill "$root" || mend_die "refusing to delete $root: processes still run in it"
    mend_umount_all "$root" || mend_die "refusing to delete $root: mounts remain"
    mend_log "deleting $root"
    rm -rf --one-file-system -- "$root"
}

# Mounts what a build inside ROOT needs: proc, /dev and /sys (rbind + rslave),
# a copy of resolv.conf.
mend_chroot_mount() {
    local root=$1 d
    for d in proc dev sys; do mkdir -p "$root/$d"; done
    mountpoint -q "$root/proc" || mount -t proc proc "$root/proc"
    if ! mountpoint -q "$root/dev"; then
        mount --rbind /dev "$root/dev"
        mount --make-rslave "$root/dev"
    fi
    if ! mountpoint -q "$root/sys"; then
        mount --rbind /sys "$root/sys"
        mount --make-rslave "$root/sys"
    fi
    if [[ -e /etc/resolv.conf ]]; then
        # Remove first: a symlink in the chroot must not make cp write to a host path.
        rm -f "$root/etc/resolv.conf"
        cp -L /etc/resolv.conf "$root/etc/resolv.conf"
    fi
}

# True if this machine lets us make a private mount namespace (then mounts vanish
# by themselves when the process dies, even on SIGKILL). MEND_CHROOT_UNSHARE=0 disables it.
mend_can_unshare() {
    [[ ${MEND_CHROOT_UNSHARE:-1} != 0 ]] && command -v unshare >/dev/null &&
        unshare --mount --propagation private true 2>/dev/null
}
