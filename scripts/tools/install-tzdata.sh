#!/usr/bin/env bash
# Makes sure this machine has the IANA time-zone database in /usr/share/zoneinfo (Debian's tzdata), which Mend
# reads its zones from, as the phones read their own copies. Idempotent: does nothing when it is there.
# Usage: scripts/tools/install-tzdata.sh
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"
MEND_LOG_TAG=tzdata

[[ -f /usr/share/zoneinfo/Europe/Dublin ]] && exit 0
mend_require_root
mend_apt_install tzdata
[[ -f /usr/share/zoneinfo/Europe/Dublin ]] || mend_die "tzdata is installed but /usr/share/zoneinfo has no zones"
