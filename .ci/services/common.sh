# Helpers shared by the service scripts. Sourced, not run.
# Every script prints `export NAME=value` lines on stdout and everything else on stderr,
# so `eval "$(bash .ci/services/NAME.sh start)"` sets the variables the tests read.

set -euo pipefail

# Root of the per-machine service data; outside the repository so the database users can reach it.
BVW_SERVICES_DIR="${BVW_SERVICES_DIR:-/tmp/bvw-services}"

log() {
  echo "[$(basename "$0" .sh)] $*" >&2
}

# Installs Debian packages that are missing, quietly. Runs `apt-get update` once per machine boot.
ensure_packages() {
  local missing=()
  local package
  for package in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$package")
    fi
  done
  if [ "${#missing[@]}" -eq 0 ]; then
    return
  fi

  log "installing ${missing[*]}"
  if [ ! -f /tmp/bvw-apt-updated ]; then
    apt-get update -qq >&2
    touch /tmp/bvw-apt-updated
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# Waits until a command succeeds, up to a number of seconds.
wait_for() {
  local seconds="$1"
  shift
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      log "timed out after ${seconds}s waiting for: $*"
      return 1
    fi
    sleep 0.2
  done
}

# Whether a process with the pid written in a file is alive.
pid_alive() {
  [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null
}

# Stops the process whose pid is in a file, waiting up to 10 s.
stop_pid_file() {
  local pid_file="$1"
  if ! pid_alive "$pid_file"; then
    log "not running"
    return
  fi
  local pid
  pid="$(cat "$pid_file")"
  kill "$pid"
  wait_for 10 bash -c "! kill -0 $pid" || kill -9 "$pid" 2>/dev/null || true
  rm -f "$pid_file"
  log "stopped"
}

usage() {
  echo "usage: bash $0 start|stop" >&2
  exit 2
}
