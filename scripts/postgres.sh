#!/usr/bin/env bash
# Start a throwaway PostgreSQL for the store contract tests (Debian's postgresql package).
#
#   eval "$(scripts/postgres.sh start)"   # exports HILO_TEST_POSTGRES_URL and HILO_PG_DIR
#   scripts/postgres.sh stop
#
# Installs postgresql with apt-get when it is missing. The cluster lives in a temporary
# directory owned by the `postgres` user and listens on a free loopback port only.
set -euo pipefail

log() { printf '[postgres] %s\n' "$*" >&2; }

pg_bin() {
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)"
  if [ -z "$dir" ]; then
    log "installing postgresql from Debian's packages"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2
    dir="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)"
  fi
  printf '%s' "$dir"
}

as_postgres() {
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi
}

case "${1:-}" in
  start)
    bin="$(pg_bin)"
    dir="$(mktemp -d /tmp/hilo-pg.XXXXXX)"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
    as_postgres "'$bin/initdb' -D '$dir/data' -U postgres -A trust >/dev/null"
    as_postgres "'$bin/pg_ctl' -D '$dir/data' -l '$dir/log' -o '-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off' -w start >/dev/null"
    log "PostgreSQL on 127.0.0.1:$port ($dir)"
    echo "export HILO_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:$port/postgres"
    echo "export HILO_PG_DIR=$dir"
    ;;
  stop)
    : "${HILO_PG_DIR:?HILO_PG_DIR is not set}"
    bin="$(pg_bin)"
    as_postgres "'$bin/pg_ctl' -D '$HILO_PG_DIR/data' -m immediate stop >/dev/null" || true
    rm -rf "$HILO_PG_DIR"
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
