#!/usr/bin/env bash
# Kindling: launcher for a real, local HiveServer2 4.0.1 (embedded Derby metastore, local MapReduce;
# loopback only).
#
#   hiveserver2.sh install     fetch HiveServer2 and its classpath from Maven Central (idempotent)
#   hiveserver2.sh start       install if needed, configure, start, wait until a session opens; prints the JDBC URL last
#   hiveserver2.sh stop        stop the server (SIGTERM, SIGKILL after 30 s); idempotent
#   hiveserver2.sh status      exit 0 and print the JDBC URL if running, exit 1 otherwise
#   hiveserver2.sh url         print the JDBC URL if running (same as status)
#   hiveserver2.sh log [N]     print the last N (default 100) lines of the server log
#
# Environment:
#   KINDLING_BUILD             build dir (default: <repo>/build/local); state lives in $KINDLING_BUILD/hiveserver2
#   HIVESERVER2_PORT           Thrift port (default: a free port picked at start)
#   HIVESERVER2_JAVA           java to run it with (default: java on PATH; JDK 17)
#   HIVESERVER2_HEAP           max heap (default: 2G)
#   HIVESERVER2_JAVA_OPTS      more JVM options, appended
#   HIVESERVER2_START_TIMEOUT  seconds to wait for readiness (default: 180)
#   MVN                        maven command (default: mvn)
set -euo pipefail

HIVE_VERSION=4.0.1
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$SCRIPT_DIR/../.." && pwd)"
KINDLING_BUILD="${KINDLING_BUILD:-$REPO_DIR/build/local}"
HS2_HOME="$KINDLING_BUILD/hiveserver2"
LIB_DIR="$HS2_HOME/lib"
CONF_DIR="$HS2_HOME/conf"
DATA_DIR="$HS2_HOME/data"           # metastore_db, warehouse, scratch and tmp dirs
LOG_DIR="$HS2_HOME/log"
SERVER_LOG="$LOG_DIR/hiveserver2.log"
STDOUT_LOG="$LOG_DIR/stdout.log"
CHECK_LOG="$LOG_DIR/ready-check.log"
PID_FILE="$HS2_HOME/pid"
PORT_FILE="$HS2_HOME/port"
URL_FILE="$HS2_HOME/url"
LOCK_FILE="$HS2_HOME/.lock"
MARKER="$LIB_DIR/.kindling-installed"
POM="$SCRIPT_DIR/pom.xml"
READY_CHECK="$SCRIPT_DIR/HiveServer2Ready.java"
MAIN_CLASS="org.apache.hive.service.server.HiveServer2"
MVN="${MVN:-mvn}"
JAVA="${HIVESERVER2_JAVA:-java}"
DEP_PLUGIN="org.apache.maven.plugins:maven-dependency-plugin:3.8.1"
START_TIMEOUT="${HIVESERVER2_START_TIMEOUT:-180}"
STOP_TIMEOUT=30
PYTHON="/usr/bin/python3"
[[ -x "$PYTHON" ]] || PYTHON="$(command -v python3)"

SERVICE_NAME=HiveServer2
SERVICE_HOME="$HS2_HOME"
# log, die, with_lock, read_pid, free_port, port_in_use, show_log_tail, cleanup_state, do_stop
source "$REPO_DIR/local/lib/service.sh"

# ---------------------------------------------------------------- install
# The install is keyed by the pom's content, so editing the classpath re-installs.
install_key() { echo "$HIVE_VERSION $(sha256sum "$POM" | cut -c1-16)"; }

do_install() {
  local key
  key="$(install_key)"
  if [[ -f "$MARKER" ]] && [[ "$(cat "$MARKER")" == "$key" ]]; then
    log "HiveServer2 $HIVE_VERSION already installed in $LIB_DIR"
    return 0
  fi
  command -v "$MVN" >/dev/null || die "maven ($MVN) not found on PATH"
  local t0=$SECONDS
  local stage="$HS2_HOME/.install.$$"
  rm -rf "$HS2_HOME"/.install.*   # leftovers of an interrupted install (we hold the lock)
  INSTALL_STAGE="$stage"
  trap 'rm -rf "$INSTALL_STAGE"' EXIT
  mkdir -p "$stage/lib"
  log "fetching HiveServer2 $HIVE_VERSION and its classpath from Maven Central (via $MVN; ~280 MB the first time)"
  # Output goes to a file and is shown only on failure (mvn -q -B still prints ANSI resets).
  if ! "$MVN" -B -q -f "$POM" "$DEP_PLUGIN:copy-dependencies" -DoutputDirectory="$stage/lib" \
        -Dstyle.color=never > "$stage/mvn.log" 2>&1; then
    sed 's/\x1b\[[0-9;]*m//g' "$stage/mvn.log" | tail -n 40 >&2
    die "maven could not resolve $POM"
  fi
  [[ -f "$stage/lib/hive-service-$HIVE_VERSION.jar" ]] || die "no hive-service-$HIVE_VERSION.jar among the resolved jars"
  echo "$key" > "$stage/lib/.kindling-installed"
  rm -rf "$LIB_DIR"
  mv "$stage/lib" "$LIB_DIR"
  rm -rf "$stage"
  trap - EXIT
  log "installed $(ls "$LIB_DIR"/*.jar | wc -l) jars in $LIB_DIR ($((SECONDS - t0)) s)"
}

# ---------------------------------------------------------------- helpers

# alive AND really our HiveServer2 JVM (guards against a stale pid file whose pid was reused)
pid_alive() {
  [[ -n "${1:-}" ]] && kill -0 "$1" 2>/dev/null || return 1
  [[ -r "/proc/$1/cmdline" ]] || return 0
  # (no pipe into grep -q here: with pipefail an early grep exit makes the pipe fail via SIGPIPE)
  grep -qaF -e "$MAIN_CLASS" "/proc/$1/cmdline" 2>/dev/null &&
    grep -qaF -e "$CONF_DIR" "/proc/$1/cmdline" 2>/dev/null
}

jdbc_url() { echo "jdbc:hive2://127.0.0.1:$1/default"; }

# The URL file is written only once a session has opened; afterwards a listening port is enough.
running_url() { # prints the JDBC URL and returns 0 if the server is up
  local pid port
  pid="$(read_pid)"
  pid_alive "$pid" || return 1
  [[ -s "$URL_FILE" && -s "$PORT_FILE" ]] || return 1
  port="$(cat "$PORT_FILE")"
  port_in_use "$port" || return 1
  cat "$URL_FILE"
}

xml_property() { # name value
  printf '  <property><name>%s</name><value>%s</value></property>\n' "$1" "$2"
}

write_config() { # port
  local port="$1"
  rm -rf "$CONF_DIR"
  mkdir -p "$CONF_DIR" "$DATA_DIR/warehouse" "$DATA_DIR/scratch" "$DATA_DIR/tmp" "$LOG_DIR"
  {
    echo '<?xml version="1.0"?>'
    echo '<!-- Written by local/hiveserver2/hiveserver2.sh at every start; edits are lost. -->'
    echo '<configuration>'
    xml_property hive.server2.thrift.port "$port"
    xml_property hive.server2.thrift.bind.host 127.0.0.1
    xml_property hive.server2.transport.mode binary
    xml_property hive.server2.webui.port 0
    xml_property hive.server2.enable.doAs false
    xml_property hive.server2.active.passive.ha.enable false
    xml_property hive.server2.logging.operation.enabled true
    xml_property hive.server2.logging.operation.log.location "$DATA_DIR/tmp/operation_logs"
    xml_property hive.metastore.uris ''
    xml_property javax.jdo.option.ConnectionURL "jdbc:derby:;databaseName=$DATA_DIR/metastore_db;create=true"
    xml_property hive.metastore.warehouse.dir "file://$DATA_DIR/warehouse"
    xml_property hive.metastore.schema.verification false
    xml_property datanucleus.schema.autoCreateAll true
    xml_property hive.exec.scratchdir "$DATA_DIR/scratch"
    xml_property hive.exec.local.scratchdir "$DATA_DIR/tmp/local-scratch"
    xml_property hive.downloaded.resources.dir "$DATA_DIR/tmp/resources"
    xml_property hive.querylog.location "$DATA_DIR/tmp/querylog"
    xml_property hadoop.tmp.dir "$DATA_DIR/tmp/hadoop"
    xml_property hive.execution.engine mr
    xml_property mapreduce.framework.name local
    xml_property hive.log4j.file "file://$CONF_DIR/hive-log4j2.properties"
    echo '</configuration>'
  } > "$CONF_DIR/hive-site.xml"
  # One plain file in the state dir (Hive's own configuration logs to /tmp/<user>/hive.log).
  cat > "$CONF_DIR/hive-log4j2.properties" <<EOF
status = WARN
name = KindlingHiveServer2
appender.file.type = File
appender.file.name = file
appender.file.fileName = $SERVER_LOG
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = %d{ISO8601} %5p [%t] %c{2}: %m%n
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = file
logger.datanucleus.name = DataNucleus
logger.datanucleus.level = WARN
logger.datanucleus2.name = org.datanucleus
logger.datanucleus2.level = WARN
EOF
}

# JDK 17 closes the JDK internals that Hive, Hadoop and DataNucleus reach into.
jvm_flags() {
  local p
  for p in java.net java.lang java.util java.lang.reflect java.io java.nio sun.nio.ch java.util.concurrent \
           java.util.concurrent.atomic java.util.concurrent.locks java.util.regex java.time java.lang.invoke \
           java.math java.text sun.security.action java.security sun.nio.cs jdk.internal.ref java.lang.ref \
           sun.util.calendar; do
    echo "--add-opens=java.base/$p=ALL-UNNAMED"
  done
  echo "--add-opens=java.sql/java.sql=ALL-UNNAMED"
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
  command -v "$JAVA" >/dev/null || die "java ($JAVA) not found; set HIVESERVER2_JAVA"
  local port
  if [[ -n "${HIVESERVER2_PORT:-}" ]]; then
    port="$HIVESERVER2_PORT"
    port_in_use "$port" && die "HIVESERVER2_PORT=$port is already in use"
  else
    port="$(free_port)"
  fi
  write_config "$port"
  : > "$SERVER_LOG"; : > "$STDOUT_LOG"; : > "$CHECK_LOG"

  log "starting HiveServer2 $HIVE_VERSION on 127.0.0.1:$port with $("$JAVA" -version 2>&1 | head -n 1)"
  local t0=$SECONDS pid
  local -a flags
  mapfile -t flags < <(jvm_flags)
  # Its own session (setsid) so a terminal's Ctrl-C does not reach it; cwd in the state dir for stray
  # files; 9>&-: the daemon must not inherit the lock fd, or it would hold the lock forever.
  (cd "$DATA_DIR" && exec setsid "$JAVA" -Xmx"${HIVESERVER2_HEAP:-2G}" "${flags[@]}" \
      -Djava.io.tmpdir="$DATA_DIR/tmp" -Dhive.log.dir="$LOG_DIR" \
      -Dderby.stream.error.file="$LOG_DIR/derby.log" ${HIVESERVER2_JAVA_OPTS:-} \
      -cp "$CONF_DIR:$LIB_DIR/*" "$MAIN_CLASS" \
      --hiveconf hive.server2.max.start.attempts=1 \
      < /dev/null >> "$STDOUT_LOG" 2>&1 9>&-) &
  pid=$!
  echo "$pid" > "$PID_FILE"
  echo "$port" > "$PORT_FILE"

  # Ready = a session opens and SELECT 1 runs (the port listens a little before sessions work).
  local rc=0
  "$JAVA" -cp "$LIB_DIR/*" "$READY_CHECK" "$(jdbc_url "$port")" "$pid" "$START_TIMEOUT" \
      >> "$CHECK_LOG" 2>&1 9>&- || rc=$?
  if (( rc != 0 )); then
    show_log_tail "$STDOUT_LOG" "$SERVER_LOG" "$CHECK_LOG"
    if (( rc == 1 )); then cleanup_state; die "HiveServer2 process $pid exited during startup"; fi
    do_stop
    die "HiveServer2 did not open a session within ${START_TIMEOUT}s"
  fi
  url="$(jdbc_url "$port")"
  echo "$url" > "$URL_FILE"
  log "ready in $((SECONDS - t0)) s (pid $pid)"
  echo "$url"
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
  log)     tail -n "${1:-100}" "$SERVER_LOG" ;;
  *) sed -n '2,19p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
