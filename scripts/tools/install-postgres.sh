#!/usr/bin/env bash
# Makes sure this machine has PostgreSQL's server binaries (initdb, pg_ctl, postgres; Debian's postgresql package),
# which mend-server's tests use to start a throwaway cluster of their own. Idempotent: does nothing when they are
# there. Installing never creates or starts Debian's default cluster: the tests run their own, on a Unix socket.
# Usage: scripts/tools/install-postgres.sh
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"
MEND_LOG_TAG=postgres

have_server() {
    local dir
    dir=$(pg_config --bindir 2>/dev/null || true)
    [[ -n $dir && -x $dir/initdb && -x $dir/pg_ctl ]] && return 0
    for dir in /usr/lib/postgresql/*/bin; do
        [[ -x $dir/initdb && -x $dir/pg_ctl ]] && return 0
    done
    return 1
}

have_server && exit 0
mend_require_root
mkdir -p /etc/postgresql-common
[[ -f /etc/postgresql-common/createcluster.conf ]] || echo "create_main_cluster = false" >/etc/postgresql-common/createcluster.conf
mend_apt_install postgresql postgresql-client
have_server || mend_die "postgresql is installed but its server binaries were not found"
