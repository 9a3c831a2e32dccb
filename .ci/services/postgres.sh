#!/usr/bin/env bash
# Starts or stops a PostgreSQL server on 127.0.0.1 for the tests, without systemd.
#   eval "$(bash .ci/services/postgres.sh start)"   # prints BVW_TEST_POSTGRES_URL
#   bash .ci/services/postgres.sh stop
# Data lives in $BVW_SERVICES_DIR/postgres (default /tmp/bvw-services/postgres); the port is
# $BVW_POSTGRES_PORT (default 55432). Starting a running server only prints the variables.

source "$(dirname "$0")/common.sh"

PORT="${BVW_POSTGRES_PORT:-55432}"
ROOT="$BVW_SERVICES_DIR/postgres"
DATA="$ROOT/data"
USER_NAME=bvw
PASSWORD=bvw-test-password
DATABASE=bvw_test

find_bin_dir() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

as_postgres() {
  runuser -u postgres -- "$@"
}

start() {
  if [ -z "$(find_bin_dir)" ]; then
    ensure_packages postgresql
  fi
  local bin
  bin="$(find_bin_dir)"

  mkdir -p "$ROOT"
  chown postgres:postgres "$ROOT"
  if [ ! -f "$DATA/PG_VERSION" ]; then
    log "initializing $DATA"
    as_postgres "$bin/initdb" -D "$DATA" -U postgres --auth-local=trust --auth-host=scram-sha-256 -E UTF8 >"$ROOT/init.log" 2>&1
  fi

  if ! as_postgres "$bin/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
    log "starting on 127.0.0.1:$PORT"
    as_postgres "$bin/pg_ctl" -D "$DATA" -l "$ROOT/server.log" -w -t 60 \
      -o "-p $PORT -k $ROOT -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off" start >/dev/null
  fi

  local psql=("$bin/psql" -h "$ROOT" -p "$PORT" -U postgres -v ON_ERROR_STOP=1 -qAt)
  if [ "$(as_postgres "${psql[@]}" -c "select 1 from pg_roles where rolname = '$USER_NAME'")" != 1 ]; then
    as_postgres "${psql[@]}" -c "create role $USER_NAME login password '$PASSWORD'" >&2
  fi
  if [ "$(as_postgres "${psql[@]}" -c "select 1 from pg_database where datname = '$DATABASE'")" != 1 ]; then
    as_postgres "${psql[@]}" -c "create database $DATABASE owner $USER_NAME" >&2
  fi

  echo "export BVW_TEST_POSTGRES_URL=postgres://$USER_NAME:$PASSWORD@127.0.0.1:$PORT/$DATABASE"
}

stop() {
  local bin
  bin="$(find_bin_dir)"
  if [ -n "$bin" ] && [ -f "$DATA/PG_VERSION" ] && as_postgres "$bin/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
    as_postgres "$bin/pg_ctl" -D "$DATA" -m fast -w stop >&2
    log "stopped"
  else
    log "not running"
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) usage ;;
esac
