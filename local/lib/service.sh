# Kindling: what the local service launchers (trino.sh, hiveserver2.sh) share. Sourced, not run.
# The launcher sets, before sourcing:
#   SERVICE_NAME   e.g. "Trino", in messages
#   SERVICE_HOME   its state directory
#   PID_FILE PORT_FILE URL_FILE LOCK_FILE   state files
#   STOP_TIMEOUT   seconds between SIGTERM and SIGKILL
# and defines pid_alive PID (whether PID is really its server, not a reused pid).

log() { echo "$(basename "$0"): $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# Serialise install/start/stop between concurrent callers (tests, make demo, CI).
with_lock() {
  mkdir -p "$SERVICE_HOME"
  exec 9>"$LOCK_FILE"
  flock -w 600 9 || die "timed out waiting for lock $LOCK_FILE"
}

read_pid() { if [[ -s "$PID_FILE" ]]; then tr -dc '0-9' < "$PID_FILE"; fi; }

free_port() {
  "$PYTHON" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

show_log_tail() { # files...
  local f
  for f in "$@"; do
    if [[ -s "$f" ]]; then
      echo "----- tail of $f -----" >&2
      tail -n 60 "$f" >&2
    fi
  done
}

cleanup_state() { rm -f "$PID_FILE" "$PORT_FILE" "$URL_FILE"; }

do_stop() {
  local pid
  pid="$(read_pid)"
  if ! pid_alive "$pid"; then
    cleanup_state
    log "not running"
    return 0
  fi
  log "stopping $SERVICE_NAME (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + STOP_TIMEOUT))
  while pid_alive "$pid" && (( SECONDS < deadline )); do sleep 0.5; done
  if pid_alive "$pid"; then
    log "still alive after ${STOP_TIMEOUT}s, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    while pid_alive "$pid"; do sleep 0.2; done
  fi
  cleanup_state
  log "stopped"
}
