#!/usr/bin/env bash
# Starts or stops an OpenSSH SFTP server on 127.0.0.1 for the tests, without systemd, with a
# user that logs in by password or by key.
#   eval "$(bash .ci/services/sftp.sh start)"
#   bash .ci/services/sftp.sh stop
# Prints BVW_TEST_SFTP_HOST, _PORT, _USER, _PASSWORD, _KEY_PATH (a key without passphrase),
# _ENCRYPTED_KEY_PATH and _KEY_PASSPHRASE (a key protected by that passphrase) and _HOME (the
# user's home directory, where tests may write).
# Files live in $BVW_SERVICES_DIR/sftp (default /tmp/bvw-services/sftp); the port is
# $BVW_SFTP_PORT (default 52222). Starting a running server only prints the variables.

source "$(dirname "$0")/common.sh"

PORT="${BVW_SFTP_PORT:-52222}"
ROOT="$BVW_SERVICES_DIR/sftp"
PID_FILE="$ROOT/sshd.pid"
USER_NAME=bvwsftp
PASSWORD=bvw-sftp-password
PASSPHRASE=bvw-key-passphrase
HOME_DIR="$ROOT/home"

start() {
  ensure_packages openssh-server openssh-client

  mkdir -p "$ROOT/keys" /run/sshd
  chmod 755 "$ROOT"

  if ! id "$USER_NAME" >/dev/null 2>&1; then
    log "creating user $USER_NAME"
    useradd --home-dir "$HOME_DIR" --create-home --shell /bin/sh "$USER_NAME"
  fi
  mkdir -p "$HOME_DIR"
  chown "$USER_NAME:" "$HOME_DIR"
  echo "$USER_NAME:$PASSWORD" | chpasswd

  [ -f "$ROOT/keys/host_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -f "$ROOT/keys/host_ed25519" >&2
  [ -f "$ROOT/keys/client_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -C bvw-test -f "$ROOT/keys/client_ed25519" >&2
  [ -f "$ROOT/keys/client_encrypted" ] || ssh-keygen -q -t ed25519 -N "$PASSPHRASE" -C bvw-test-encrypted -f "$ROOT/keys/client_encrypted" >&2
  cat "$ROOT/keys/client_ed25519.pub" "$ROOT/keys/client_encrypted.pub" >"$ROOT/keys/authorized_keys"
  chmod 644 "$ROOT/keys/authorized_keys" "$ROOT/keys/client_ed25519" "$ROOT/keys/client_encrypted"

  cat >"$ROOT/sshd_config" <<CONFIG
Port $PORT
ListenAddress 127.0.0.1
HostKey $ROOT/keys/host_ed25519
PidFile $PID_FILE
AuthorizedKeysFile $ROOT/keys/authorized_keys
StrictModes no
UsePAM no
PasswordAuthentication yes
PubkeyAuthentication yes
KbdInteractiveAuthentication no
PermitRootLogin no
AllowUsers $USER_NAME
Subsystem sftp internal-sftp
MaxSessions 50
MaxStartups 50:30:100
CONFIG

  if ! pid_alive "$PID_FILE"; then
    log "starting on 127.0.0.1:$PORT"
    /usr/sbin/sshd -t -f "$ROOT/sshd_config" >&2
    setsid /usr/sbin/sshd -D -f "$ROOT/sshd_config" -E "$ROOT/sshd.log" </dev/null >/dev/null 2>&1 &
    wait_for 30 bash -c "exec 3<>/dev/tcp/127.0.0.1/$PORT"
  fi

  echo "export BVW_TEST_SFTP_HOST=127.0.0.1"
  echo "export BVW_TEST_SFTP_PORT=$PORT"
  echo "export BVW_TEST_SFTP_USER=$USER_NAME"
  echo "export BVW_TEST_SFTP_PASSWORD=$PASSWORD"
  echo "export BVW_TEST_SFTP_KEY_PATH=$ROOT/keys/client_ed25519"
  echo "export BVW_TEST_SFTP_ENCRYPTED_KEY_PATH=$ROOT/keys/client_encrypted"
  echo "export BVW_TEST_SFTP_KEY_PASSPHRASE=$PASSPHRASE"
  echo "export BVW_TEST_SFTP_HOME=$HOME_DIR"
}

case "${1:-}" in
  start) start ;;
  stop) stop_pid_file "$PID_FILE" ;;
  *) usage ;;
esac
