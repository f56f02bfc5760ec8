#!/bin/sh
# Installs the PostgreSQL server (with the contrib extensions pg_trgm and unaccent) from the
# Debian package registry, for the PostgreSQL back-end of the store and its tests. Does nothing
# when a server is already there. Prints the directory of its binaries on the last line.
set -eu
find_bin() {
    for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then
            echo "$d"
            return 0
        fi
    done
    return 1
}
if bin=$(find_bin); then
    echo "$bin"
    exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi
$SUDO apt-get update -qq >&2
# policy-rc.d keeps the package from starting its own cluster: the tests start a throw-away one.
if [ "$(id -u)" -eq 0 ] && [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
    chmod +x /usr/sbin/policy-rc.d
    trap 'rm -f /usr/sbin/policy-rc.d' EXIT
fi
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
    postgresql postgresql-contrib >&2
find_bin
