#!/usr/bin/env bash
# Make a local PostgreSQL ready for the integration tests, then print its URL (last line).
#
# Idempotent: installs PostgreSQL with apt-get when running as root and it is missing
# (otherwise says which package to install and exits 1), creates and starts the cluster
# when needed, and creates (or updates) a login role allowed to create the throwaway
# databases the tests make, plus a database owned by it.
# Override with HIPSTRIDE_PG_USER, HIPSTRIDE_PG_PASSWORD, HIPSTRIDE_PG_DB.
set -euo pipefail

PG_USER="${HIPSTRIDE_PG_USER:-hipstride}"
PG_PASSWORD="${HIPSTRIDE_PG_PASSWORD:-hipstride}"
PG_DB="${HIPSTRIDE_PG_DB:-hipstride_test}"
HOST=127.0.0.1

log() { echo "ensure-postgres: $*" >&2; }
die() { log "$*"; exit 1; }

is_root() { [ "$(id -u)" -eq 0 ]; }

if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    if is_root && command -v apt-get >/dev/null 2>&1; then
        log "installing PostgreSQL with apt-get"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq >&2
        apt-get install -y -qq postgresql >&2
    else
        die "PostgreSQL is missing: install the Debian package 'postgresql' (sudo apt-get install postgresql)"
    fi
fi

# Newest installed server version, e.g. 15.
VERSION="$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' | sort -V | tail -1)"
[ -n "$VERSION" ] || die "no PostgreSQL server found under /usr/lib/postgresql"

as_postgres() {
    if is_root; then
        runuser -u postgres -- "$@"
    elif [ "$(id -un)" = postgres ]; then
        "$@"
    elif sudo -n true 2>/dev/null; then
        sudo -n -u postgres -- "$@"
    else
        die "need root (or passwordless sudo) to manage the PostgreSQL cluster; run this script as root"
    fi
}

ctl() { if is_root; then pg_ctlcluster --skip-systemctl-redirect "$@"; else as_postgres pg_ctlcluster --skip-systemctl-redirect "$@"; fi; }

if [ ! -f "/etc/postgresql/$VERSION/main/postgresql.conf" ]; then
    log "creating cluster $VERSION/main"
    if is_root; then pg_createcluster "$VERSION" main >&2; else sudo -n pg_createcluster "$VERSION" main >&2; fi
fi

PORT="$(pg_conftool -s "$VERSION" main show port 2>/dev/null || echo 5432)"

if ! ctl "$VERSION" main status >/dev/null 2>&1; then
    log "starting cluster $VERSION/main on port $PORT"
    ctl "$VERSION" main start >&2
fi

for _ in $(seq 1 60); do
    pg_isready -q -h "$HOST" -p "$PORT" && break
    sleep 0.5
done
pg_isready -q -h "$HOST" -p "$PORT" || die "PostgreSQL did not accept connections on $HOST:$PORT"

psql_admin() { as_postgres psql -X -q -v ON_ERROR_STOP=1 -p "$PORT" "$@"; }

# Identifiers and the password are passed as psql variables, quoted by psql (:"x", :'x').
if [ "$(psql_admin -tA -v u="$PG_USER" <<<"SELECT 1 FROM pg_roles WHERE rolname = :'u';")" != 1 ]; then
    psql_admin -v u="$PG_USER" -v p="$PG_PASSWORD" <<<'CREATE ROLE :"u" LOGIN CREATEDB PASSWORD :'"'"'p'"'"';' >&2
fi
psql_admin -v u="$PG_USER" -v p="$PG_PASSWORD" <<<'ALTER ROLE :"u" LOGIN CREATEDB PASSWORD :'"'"'p'"'"';' >&2

if [ "$(psql_admin -tA -v d="$PG_DB" <<<"SELECT 1 FROM pg_database WHERE datname = :'d';")" != 1 ]; then
    psql_admin -v u="$PG_USER" -v d="$PG_DB" <<<'CREATE DATABASE :"d" OWNER :"u";' >&2
fi

URL="postgresql://${PG_USER}:${PG_PASSWORD}@${HOST}:${PORT}/${PG_DB}"
PGCONNECT_TIMEOUT=5 psql -X -q -d "$URL" -c 'SELECT 1' >/dev/null \
    || die "cannot log in as $PG_USER over TCP at $HOST:$PORT (check pg_hba.conf)"

echo "postgresql+psycopg://${PG_USER}:${PG_PASSWORD}@${HOST}:${PORT}/${PG_DB}"
