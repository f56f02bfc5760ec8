#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the tests. Sourced (by scripts/test.sh) it defines
#   pg_start  - installs PostgreSQL when missing (scripts/install-postgres.sh), starts a cluster in
#               a temporary directory on a free loopback port and exports DOSSIER_TEST_PG;
#   pg_stop   - stops the cluster and removes its directory.
# Run directly, it starts a cluster, runs the store tests against SQLite and PostgreSQL, and stops it.
# The server runs as the unprivileged `postgres` user when started by root (created if missing).

pg_start() {
    local root bin port user
    root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
    bin=$("$root/scripts/install-postgres.sh" | tail -n 1) || { echo "PostgreSQL could not be installed" >&2; return 1; }
    [ -x "$bin/initdb" ] || { echo "no initdb in '$bin'" >&2; return 1; }
    PG_TEST_DIR=$(mktemp -d /tmp/dossier-pg.XXXXXX)
    user=""
    if [ "$(id -u)" -eq 0 ]; then
        id postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres
        user=postgres
        chown postgres "$PG_TEST_DIR"
    fi
    port=$((20000 + RANDOM % 20000))
    while (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
    pg_as() {
        if [ -n "$user" ]; then runuser -u "$user" -- "$@"; else "$@"; fi
    }
    pg_as "$bin/initdb" -D "$PG_TEST_DIR/data" -U dossier --auth=trust -E UTF8 --locale=C.UTF-8 >"$PG_TEST_DIR/initdb.log" 2>&1 \
        || pg_as "$bin/initdb" -D "$PG_TEST_DIR/data" -U dossier --auth=trust -E UTF8 --locale=C >"$PG_TEST_DIR/initdb.log" 2>&1 \
        || { cat "$PG_TEST_DIR/initdb.log" >&2; return 1; }
    # Durability is not wanted for a throw-away cluster: fsync off keeps the tests quick.
    pg_as "$bin/pg_ctl" -D "$PG_TEST_DIR/data" -l "$PG_TEST_DIR/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $PG_TEST_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
        start >/dev/null || { cat "$PG_TEST_DIR/server.log" >&2; return 1; }
    PG_TEST_BIN=$bin
    PG_TEST_USER=$user
    export DOSSIER_TEST_PG="postgres://dossier@127.0.0.1:$port/postgres"
    echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') test cluster at $DOSSIER_TEST_PG ($PG_TEST_DIR)"
}

pg_stop() {
    if [ -n "${PG_TEST_DIR:-}" ] && [ -d "$PG_TEST_DIR/data" ]; then
        if [ -n "${PG_TEST_USER:-}" ]; then
            runuser -u "$PG_TEST_USER" -- "$PG_TEST_BIN/pg_ctl" -D "$PG_TEST_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
        else
            "$PG_TEST_BIN/pg_ctl" -D "$PG_TEST_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
        fi
        rm -rf "$PG_TEST_DIR"
    fi
    unset PG_TEST_DIR DOSSIER_TEST_PG
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    set -euo pipefail
    cd "$(dirname "$0")/.."
    pg_start
    trap pg_stop EXIT
    cargo test -p dossier-store "$@"
fi
