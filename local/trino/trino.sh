#!/usr/bin/env bash
# Kindling: launcher for a real, local, single-node Trino server (loopback only).
#
#   trino.sh install        fetch Trino server + tpch/memory/hive plugins from Maven Central (idempotent)
#   trino.sh start          install if needed, configure, start, wait until ready; prints URL last
#   trino.sh stop           stop the server (SIGTERM, SIGKILL after 30 s); idempotent
#   trino.sh status         exit 0 and print URL if running, exit 1 otherwise
#   trino.sh url            print URL if running (same as status)
#   trino.sh query "SQL"    run SQL through the HTTP API and print rows (tab-separated)
#   trino.sh log [N]        print the last N (default 100) lines of the server log
#
# Environment:
#   KINDLING_BUILD   build dir (default: <repo>/build/local); state lives in $KINDLING_BUILD/trino
#   KINDLING_HIVE_HOME  the local metastore the hive catalog reads (default: ~/.kindling/hive, see metastore.sh)
#   TRINO_PORT       HTTP port (default: a free port picked at start)
#   TRINO_JAVA_HOME  JDK 24+ to run Trino with (default: newest /usr/lib/jvm/temurin-2[4-9]*)
#   TRINO_HEAP       max heap (default: 2G)
#   TRINO_START_TIMEOUT  seconds to wait for readiness (default: 180)
#   MVN              maven command (default: mvn)
set -euo pipefail

TRINO_VERSION=476
PLUGINS=(tpch memory hive)
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$SCRIPT_DIR/../.." && pwd)"
KINDLING_BUILD="${KINDLING_BUILD:-$REPO_DIR/build/local}"
TRINO_HOME="$KINDLING_BUILD/trino"
SERVER_DIR="$TRINO_HOME/server"
ETC_DIR="$TRINO_HOME/etc"
DATA_DIR="$TRINO_HOME/data"
PID_FILE="$DATA_DIR/var/run/launcher.pid"
SERVER_LOG="$DATA_DIR/var/log/server.log"
LAUNCHER_LOG="$DATA_DIR/var/log/launcher.log"
PORT_FILE="$TRINO_HOME/port"
URL_FILE="$TRINO_HOME/url"
LOCK_FILE="$TRINO_HOME/.lock"
MARKER="$SERVER_DIR/.kindling-installed"
MVN="${MVN:-mvn}"
DEP_PLUGIN="org.apache.maven.plugins:maven-dependency-plugin:3.8.1"
START_TIMEOUT="${TRINO_START_TIMEOUT:-180}"
STOP_TIMEOUT=30
PYTHON="/usr/bin/python3"
[[ -x "$PYTHON" ]] || PYTHON="$(command -v python3)"

SERVICE_NAME=Trino
SERVICE_HOME="$TRINO_HOME"
# log, die, with_lock, read_pid, free_port, port_in_use, show_log_tail, cleanup_state, do_stop
source "$REPO_DIR/local/lib/service.sh"

# ---------------------------------------------------------------- install
fetch_artifact() { # coords dest-dir
  # Run outside any project dir, so Maven does not pick up a pom.xml.
  # Output goes to a file and is shown only on failure (mvn -q -B still prints ANSI resets).
  if ! (cd "$2" && "$MVN" -B -q "$DEP_PLUGIN:copy" -Dartifact="$1" -DoutputDirectory="$2" \
          -Dstyle.color=never) > "$2/mvn.log" 2>&1; then
    sed 's/\x1b\[[0-9;]*m//g' "$2/mvn.log" | tail -n 40 >&2
    die "maven could not fetch $1"
  fi
}

do_install() {
  if [[ -f "$MARKER" ]] && [[ "$(cat "$MARKER")" == "$TRINO_VERSION ${PLUGINS[*]}" ]]; then
    log "Trino $TRINO_VERSION already installed in $SERVER_DIR"
    return 0
  fi
  command -v "$MVN" >/dev/null || die "maven ($MVN) not found on PATH"
  command -v unzip >/dev/null || command -v "$PYTHON" >/dev/null || die "need unzip or python3"
  local t0=$SECONDS
  local stage="$TRINO_HOME/.install.$$"
  rm -rf "$TRINO_HOME"/.install.*   # leftovers of an interrupted install (we hold the lock)
  INSTALL_STAGE="$stage"
  trap 'rm -rf "$INSTALL_STAGE"' EXIT
  mkdir -p "$stage/dl"
  log "fetching Trino $TRINO_VERSION from Maven Central (via $MVN)"
  fetch_artifact "io.trino:trino-server-core:$TRINO_VERSION:tar.gz" "$stage/dl"
  local p
  for p in "${PLUGINS[@]}"; do
    log "fetching the $p plugin"
    fetch_artifact "io.trino:trino-$p:$TRINO_VERSION:zip" "$stage/dl"
  done

  log "unpacking"
  tar -xzf "$stage/dl/trino-server-core-$TRINO_VERSION.tar.gz" -C "$stage"
  local srv="$stage/trino-server-core-$TRINO_VERSION"
  [[ -x "$srv/bin/launcher" ]] || die "unexpected server archive layout (no bin/launcher)"
  for p in "${PLUGINS[@]}"; do
    # each zip holds a single top-level dir trino-<p>-<version>/ with the plugin jars
    if command -v unzip >/dev/null; then
      unzip -q "$stage/dl/trino-$p-$TRINO_VERSION.zip" -d "$stage/plugins"
    else
      "$PYTHON" -c 'import sys,zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' \
        "$stage/dl/trino-$p-$TRINO_VERSION.zip" "$stage/plugins"
    fi
    rm -rf "$srv/plugin/$p"
    mv "$stage/plugins/trino-$p-$TRINO_VERSION" "$srv/plugin/$p"
    ls "$srv/plugin/$p"/*.jar >/dev/null 2>&1 || die "plugin $p has no jars"
  done
  echo "$TRINO_VERSION ${PLUGINS[*]}" > "$srv/.kindling-installed"
  rm -rf "$SERVER_DIR"
  mv "$srv" "$SERVER_DIR"
  rm -rf "$stage"
  trap - EXIT
  log "installed Trino $TRINO_VERSION in $SERVER_DIR ($((SECONDS - t0)) s)"
}

# ---------------------------------------------------------------- helpers
java_major() { # java_home -> major version number (e.g. 25), empty if unknown
  local v
  v="$("$1/bin/java" -version 2>&1 | sed -n 's/.* version "\([0-9]*\).*/\1/p' | head -n 1)" || true
  echo "$v"
}

find_java_home() {
  local c m best="" best_m=0
  if [[ -n "${TRINO_JAVA_HOME:-}" ]]; then
    [[ -x "$TRINO_JAVA_HOME/bin/java" ]] || die "TRINO_JAVA_HOME=$TRINO_JAVA_HOME has no bin/java"
    m="$(java_major "$TRINO_JAVA_HOME")"
    (( ${m:-0} >= 24 )) || die "Trino $TRINO_VERSION needs Java 24+, but TRINO_JAVA_HOME=$TRINO_JAVA_HOME is Java ${m:-?}"
    echo "$TRINO_JAVA_HOME"; return
  fi
  # prefer Temurin (what Trino is tested with); among candidates take the highest major >= 24
  for c in /usr/lib/jvm/temurin-2[4-9]* /usr/lib/jvm/java-2[4-9]-openjdk* /usr/lib/jvm/jdk-2[4-9]*; do
    [[ -x "$c/bin/java" ]] || continue
    m="$(java_major "$c")"
    if (( ${m:-0} >= 24 && ${m:-0} > best_m )); then best="$c"; best_m="$m"; fi
  done
  [[ -n "$best" ]] || die "no JDK 24+ found (looked in /usr/lib/jvm/temurin-2[4-9]*); set TRINO_JAVA_HOME"
  echo "$best"
}

# alive AND really our launcher/Trino JVM (guards against a stale pid file whose pid was reused;
# right after "launcher start" the pid is still the launcher binary, which then execs java)
pid_alive() {
  [[ -n "${1:-}" ]] && kill -0 "$1" 2>/dev/null || return 1
  [[ -r "/proc/$1/cmdline" ]] || return 0
  # a zombie is dead; an empty cmdline otherwise is a process in the middle of exec (launcher -> java)
  local stat
  stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
  stat="${stat##*) }"
  [[ "${stat:0:1}" != Z ]] || return 1
  [[ -n "$(tr -d '\0' < "/proc/$1/cmdline" 2>/dev/null)" ]] || return 0
  # (no pipe into grep -q here: with pipefail an early grep exit makes the pipe fail via SIGPIPE)
  local real
  real="$(cd -P "$SERVER_DIR" 2>/dev/null && pwd)" || real="$SERVER_DIR"
  grep -qaF -e "$SERVER_DIR/" -e "$real/" -e "io.trino.server.TrinoServer" "/proc/$1/cmdline" 2>/dev/null
}

info_ready() { # port -> 0 if /v1/info says starting:false
  local body
  body="$(curl -fsS --max-time 3 "http://127.0.0.1:$1/v1/info" 2>/dev/null)" || return 1
  body="${body//[[:space:]]/}"
  [[ "$body" == *'"starting":false'* ]]
}

running_url() { # prints URL and returns 0 if the server is up
  local pid port
  pid="$(read_pid)"
  pid_alive "$pid" || return 1
  [[ -s "$URL_FILE" && -s "$PORT_FILE" ]] || return 1   # url is written only once fully ready
  port="$(cat "$PORT_FILE")"
  info_ready "$port" || return 1
  echo "http://127.0.0.1:$port"
}

write_config() { # port
  local port="$1"
  rm -rf "$ETC_DIR"
  mkdir -p "$ETC_DIR/catalog" "$DATA_DIR"
  cat > "$ETC_DIR/node.properties" <<EOF
node.environment=kindling
node.id=kindling-local
node.data-dir=$DATA_DIR
node.bind-ip=127.0.0.1
node.internal-address=127.0.0.1
EOF
  cat > "$ETC_DIR/jvm.config" <<EOF
-server
-Xms512M
-Xmx${TRINO_HEAP:-2G}
-XX:+UseG1GC
-XX:G1HeapRegionSize=32M
-XX:+ExplicitGCInvokesConcurrent
-XX:+ExitOnOutOfMemoryError
-XX:-OmitStackTraceInFastThrow
-XX:ReservedCodeCacheSize=256M
-XX:PerMethodRecompilationCutoff=10000
-XX:PerBytecodeRecompilationCutoff=10000
-Djdk.attach.allowAttachSelf=true
-Djdk.nio.maxCachedBufferSize=2000000
-XX:+EnableDynamicAgentLoading
-XX:+UnlockDiagnosticVMOptions
-XX:G1NumCollectionsKeepPinned=10000000
-Djava.net.preferIPv4Stack=true
EOF
  cat > "$ETC_DIR/config.properties" <<EOF
coordinator=true
node-scheduler.include-coordinator=true
http-server.http.port=$port
discovery.uri=http://127.0.0.1:$port
plugin.dir=$SERVER_DIR/plugin
catalog.config-dir=$ETC_DIR/catalog
query.max-memory=1GB
query.max-memory-per-node=1GB
memory.heap-headroom-per-node=512MB
EOF
  cat > "$ETC_DIR/log.properties" <<EOF
io.trino=INFO
EOF
  echo "connector.name=tpch" > "$ETC_DIR/catalog/tpch.properties"
  echo "connector.name=memory" > "$ETC_DIR/catalog/memory.properties"
  write_hive_catalog
}

# The hive catalog: the local metastore's tables, read from the same files as Spark. The metastore shows
# them at local:/// locations, the scheme of Trino's own local file system (see LocalLocations.java).
# Loopback only, and the user's own files; starting the metastore needs the built kernel.
write_hive_catalog() {
  local address
  address="$("$REPO_DIR/local/hive/metastore.sh" start 2>/dev/null | awk '{print $1}')" || true
  if [[ "$address" != thrift://* ]]; then
    log "no hive catalog: the local metastore did not start (build the kernel first: make build)"
    return 0
  fi
  cat > "$ETC_DIR/catalog/hive.properties" <<EOF
connector.name=hive
hive.metastore.uri=$address
fs.native-local.enabled=true
local.location=/
EOF
  log "hive catalog on the local metastore at $address"
}

# ---------------------------------------------------------------- start
do_start() {
  local url
  if url="$(running_url)"; then
    log "already running"
    echo "$url"
    return 0
  fi
  # stale or half-started server: clean it up first
  local old
  old="$(read_pid)"
  if pid_alive "$old"; then
    log "found unresponsive server (pid $old); stopping it"
    do_stop
  fi
  cleanup_state

  do_install
  # A JVM that dies in its first second leaves no log to say why; on a busy machine that happened once
  # (CI): one more try before giving up.
  launch || { (( $? == 2 )) && log "starting it once more" && launch; }
}

# Starts the server and waits until it answers queries; exit code 2 when its process died during start-up.
launch() {
  local java_home port
  java_home="$(find_java_home)"
  if [[ -n "${TRINO_PORT:-}" ]]; then
    port="$TRINO_PORT"
    port_in_use "$port" && die "TRINO_PORT=$port is already in use"
  else
    port="$(free_port)"
  fi
  write_config "$port"
  mkdir -p "$(dirname "$SERVER_LOG")"
  : > "$SERVER_LOG"; : > "$LAUNCHER_LOG"

  log "starting Trino $TRINO_VERSION on 127.0.0.1:$port with $java_home"
  local t0=$SECONDS
  # 9>&-: the daemon must not inherit the lock fd, or it would hold the lock forever.
  JAVA_HOME="$java_home" PATH="$java_home/bin:$PATH" \
    "$SERVER_DIR/bin/launcher" start \
      --etc-dir="$ETC_DIR" --data-dir="$DATA_DIR" --pid-file="$PID_FILE" \
      --launcher-log-file="$LAUNCHER_LOG" --server-log-file="$SERVER_LOG" >&2 9>&- \
    || { show_log_tail "$LAUNCHER_LOG" "$SERVER_LOG"; die "launcher start failed"; }
  echo "$port" > "$PORT_FILE"

  local pid deadline=$((SECONDS + START_TIMEOUT))
  while :; do
    pid="$(read_pid)"
    if [[ -n "$pid" ]] && ! pid_alive "$pid"; then
      show_log_tail "$LAUNCHER_LOG" "$SERVER_LOG"; cleanup_state; log "ERROR: Trino process $pid exited during startup"
      return 2
    fi
    # /v1/info says starting:false before the node has announced itself to discovery
    # (queries then fail with NO_NODES_AVAILABLE), so also wait for a real tpch query.
    if info_ready "$port" &&
       [[ "$(sql_exec "http://127.0.0.1:$port" "SELECT count(*) FROM tpch.tiny.region" 2>/dev/null)" == 5 ]]; then
      break
    fi
    if (( SECONDS >= deadline )); then
      show_log_tail "$LAUNCHER_LOG" "$SERVER_LOG"
      do_stop
      die "Trino did not become ready within ${START_TIMEOUT}s"
    fi
    sleep 1
  done
  url="http://127.0.0.1:$port"
  echo "$url" > "$URL_FILE"
  log "ready in $((SECONDS - t0)) s (pid $pid)"
  echo "$url"
}

# ---------------------------------------------------------------- query
sql_exec() { # url sql -> rows on stdout (tab-separated), error on stderr, rc 1 on failure
  "$PYTHON" - "$1" "$2" <<'PY'
import json, sys, urllib.request
base, sql = sys.argv[1], sys.argv[2]
hdrs = {"X-Trino-User": "kindling", "X-Trino-Source": "kindling-trino.sh"}
def call(url, data=None):
    req = urllib.request.Request(url, data=data, headers=hdrs,
                                 method="POST" if data is not None else "GET")
    with urllib.request.urlopen(req, timeout=60) as r:
        return json.load(r)
try:
    res = call(base + "/v1/statement", sql.encode())
    while True:
        if "error" in res:
            e = res["error"]
            print("query failed: %s: %s" % (e.get("errorName"), e.get("message")), file=sys.stderr)
            sys.exit(1)
        for row in res.get("data") or []:
            print("\t".join("NULL" if v is None else str(v) for v in row))
        nxt = res.get("nextUri")
        if not nxt:
            break
        res = call(nxt)
except OSError as e:
    print("query failed: %s" % e, file=sys.stderr)
    sys.exit(1)
PY
}

do_query() {
  local sql="${1:-}"
  [[ -n "$sql" ]] || die "usage: trino.sh query \"SQL\""
  local url
  url="$(running_url)" || die "Trino is not running (run: trino.sh start)"
  sql_exec "$url" "$sql"
}

# ---------------------------------------------------------------- main
cmd="${1:-}"
shift || true
case "$cmd" in
  install) with_lock; do_install ;;
  start)   with_lock; do_start ;;
  stop)    with_lock; do_stop ;;
  restart) with_lock; do_stop; do_start ;;
  status|url)
    if url="$(running_url)"; then echo "$url"; else echo "not running" >&2; exit 1; fi ;;
  query)   do_query "$@" ;;
  log)     tail -n "${1:-100}" "$SERVER_LOG" ;;
  *) sed -n '2,19p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
