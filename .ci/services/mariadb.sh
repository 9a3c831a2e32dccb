#!/usr/bin/env bash
# Starts or stops a MariaDB server on 127.0.0.1 for the tests, without systemd.
#   eval "$(bash .ci/services/mariadb.sh start)"   # prints BVW_TEST_MYSQL_URL
#   bash .ci/services/mariadb.sh stop
# Data lives in $BVW_SERVICES_DIR/mariadb (default /tmp/bvw-services/mariadb); the port is
# $BVW_MARIADB_PORT (default 53306). Starting a running server only prints the variables.

source "$(dirname "$0")/common.sh"

PORT="${BVW_MARIADB_PORT:-53306}"
ROOT="$BVW_SERVICES_DIR/mariadb"
DATA="$ROOT/data"
SOCKET="$ROOT/mysqld.sock"
PID_FILE="$ROOT/mysqld.pid"
USER_NAME=bvw
PASSWORD=bvw-test-password
DATABASE=bvw_test

client() {
  mariadb --no-defaults -uroot --socket="$SOCKET" "$@"
}

start() {
  ensure_packages mariadb-server mariadb-client

  mkdir -p "$ROOT"
  chown mysql:mysql "$ROOT"
  if [ ! -d "$DATA/mysql" ]; then
    log "initializing $DATA"
    mariadb-install-db --no-defaults --user=mysql --datadir="$DATA" --auth-root-authentication-method=socket --skip-test-db >"$ROOT/init.log" 2>&1
  fi

  if ! pid_alive "$PID_FILE"; then
    log "starting on 127.0.0.1:$PORT"
    setsid mariadbd --no-defaults --user=mysql --datadir="$DATA" --port="$PORT" --bind-address=127.0.0.1 \
      --socket="$SOCKET" --pid-file="$PID_FILE" --log-error="$ROOT/server.log" \
      --innodb-flush-log-at-trx-commit=0 --skip-log-bin </dev/null >/dev/null 2>&1 &
    wait_for 60 mariadb-admin --no-defaults -uroot --socket="$SOCKET" ping
  fi

  client -e "CREATE DATABASE IF NOT EXISTS $DATABASE;
    CREATE USER IF NOT EXISTS '$USER_NAME'@'127.0.0.1' IDENTIFIED BY '$PASSWORD';
    CREATE USER IF NOT EXISTS '$USER_NAME'@'localhost' IDENTIFIED BY '$PASSWORD';
    GRANT ALL PRIVILEGES ON $DATABASE.* TO '$USER_NAME'@'127.0.0.1';
    GRANT ALL PRIVILEGES ON $DATABASE.* TO '$USER_NAME'@'localhost';" >&2

  echo "export BVW_TEST_MYSQL_URL=mysql://$USER_NAME:$PASSWORD@127.0.0.1:$PORT/$DATABASE"
}

case "${1:-}" in
  start) start ;;
  stop) stop_pid_file "$PID_FILE" ;;
  *) usage ;;
esac
