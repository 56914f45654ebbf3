#!/usr/bin/env bash
# Entrypoint of the Kindling executor image.
#
# Spark's Kubernetes scheduler backend (running inside the Kindling kernel, the driver in client mode)
# creates executor pods from this image with the single argument `executor` and describes the executor
# through environment variables on the pod:
#
#   SPARK_DRIVER_URL           RPC address of the driver (spark://CoarseGrainedScheduler@host:port)
#   SPARK_EXECUTOR_ID          executor id assigned by the driver
#   SPARK_EXECUTOR_CORES       task slots of this executor
#   SPARK_EXECUTOR_MEMORY      heap size, e.g. 4096m (used for -Xms and -Xmx)
#   SPARK_APPLICATION_ID       the Spark application id
#   SPARK_EXECUTOR_POD_IP      the pod's IP (downward API, status.podIP)
#   SPARK_EXECUTOR_POD_NAME    the pod's name (downward API, metadata.name)
#   SPARK_RESOURCE_PROFILE_ID  resource profile of the executor
#   SPARK_JAVA_OPT_0, _1, ...  JVM options, in this numeric order (spark.executor.extraJavaOptions and
#                              the driver settings executors need at start-up)
#   SPARK_CLASSPATH            spark.executor.extraClassPath (prepended to the jars)
#   SPARK_CONF_DIR             where Spark mounted the executor ConfigMap (/opt/spark/conf), if any
#   SPARK_LOCAL_DIRS, SPARK_USER  read by the executor JVM itself
#
# Images that extend this one may set SPARK_EXTRA_CLASSPATH (appended after Kindling's jars) and
# HADOOP_CONF_DIR (put on the class path, as Spark's own image does).
#
# Other arguments are executed as given (`docker run IMAGE bash`), except `driver`: this image never
# runs a Spark driver, because the Kindling kernel is the driver.
set -euo pipefail

KINDLING_HOME="${KINDLING_HOME:-/opt/kindling}"
EXECUTOR_BACKEND=org.apache.spark.scheduler.cluster.k8s.KubernetesExecutorBackend

# The JVM options Spark 4.1.1 gives every JVM it launches on Java 17
# (org.apache.spark.launcher.JavaModuleOptions). SparkContext also prepends them to
# spark.executor.extraJavaOptions, so they usually arrive again in SPARK_JAVA_OPT_n; repeating
# them is harmless, and listing them here keeps executors working when that does not happen.
MODULE_FLAGS=(
    -XX:+IgnoreUnrecognizedVMOptions
    --add-modules=jdk.incubator.vector
    --add-opens=java.base/java.lang=ALL-UNNAMED
    --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
    --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
    --add-opens=java.base/java.io=ALL-UNNAMED
    --add-opens=java.base/java.net=ALL-UNNAMED
    --add-opens=java.base/java.nio=ALL-UNNAMED
    --add-opens=java.base/java.util=ALL-UNNAMED
    --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
    --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
    --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
    --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
    --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
    --add-opens=java.base/sun.security.action=ALL-UNNAMED
    --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
    --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED
    -Djdk.reflect.useDirectMethodHandle=false
    -Dio.netty.tryReflectionSetAccessible=true
    -Dio.netty.allocator.type=pooled
    -Dio.netty.handler.ssl.defaultEndpointVerificationAlgorithm=NONE
    --enable-native-access=ALL-UNNAMED
)

die() {
    echo "kindling-executor: $*" >&2
    exit 64
}

java_command() {
    if [[ -n "${JAVA_HOME:-}" && -x "${JAVA_HOME}/bin/java" ]]; then
        echo "${JAVA_HOME}/bin/java"
    elif command -v java >/dev/null 2>&1; then
        command -v java
    else
        die "no Java found: set JAVA_HOME or put java on PATH"
    fi
}

# Joins the non-empty arguments with ':' (an empty class path entry would mean the working directory).
join_path() {
    local joined="" entry
    for entry in "$@"; do
        [[ -z "$entry" ]] && continue
        joined="${joined:+$joined:}$entry"
    done
    printf '%s' "$joined"
}

executor_classpath() {
    join_path "${SPARK_CONF_DIR:-}" "${HADOOP_CONF_DIR:-}" "${SPARK_CLASSPATH:-}" "${KINDLING_HOME}/lib/*" \
        "${SPARK_EXTRA_CLASSPATH:-}" "$PWD"
}

# SPARK_JAVA_OPT_<n> values in numeric order of n (a plain name sort would put _10 before _2).
# Reading each value by name keeps options containing spaces, '=' or quotes intact.
spark_java_opts() {
    local name
    SPARK_OPTS=()
    while IFS= read -r name; do
        SPARK_OPTS+=("${!name}")
    done < <(compgen -e | grep -E '^SPARK_JAVA_OPT_[0-9]+$' | sort -t_ -k4,4n || true)
}

# Hadoop's login code asks the OS for the user's name; under a random UID (OpenShift, some
# securityContexts) /etc/passwd has no entry and that fails. When libnss_wrapper is installed,
# give the process a private passwd/group pair naming the current UID.
ensure_user_entry() {
    local uid gid lib
    uid="$(id -u)"
    getent passwd "$uid" >/dev/null 2>&1 && return 0
    gid="$(id -g)"
    for lib in /usr/lib/*/libnss_wrapper.so /usr/lib/libnss_wrapper.so /lib/*/libnss_wrapper.so; do
        [[ -s "$lib" ]] || continue
        NSS_WRAPPER_PASSWD="$(mktemp)"
        NSS_WRAPPER_GROUP="$(mktemp)"
        printf 'spark:x:%s:%s:%s:%s:/usr/sbin/nologin\n' "$uid" "$gid" "${SPARK_USER_NAME:-anonymous uid}" \
            "${HOME:-/tmp}" >"$NSS_WRAPPER_PASSWD"
        printf 'spark:x:%s:\n' "$gid" >"$NSS_WRAPPER_GROUP"
        export LD_PRELOAD="$lib" NSS_WRAPPER_PASSWD NSS_WRAPPER_GROUP
        return 0
    done
    echo "kindling-executor: uid $uid has no passwd entry and libnss_wrapper is missing; Hadoop logins may fail" >&2
}

require() {
    local name
    for name in "$@"; do
        [[ -n "${!name:-}" ]] || die "$name is not set; executor pods get it from Spark's Kubernetes scheduler backend"
    done
}

run_executor() {
    require SPARK_DRIVER_URL SPARK_EXECUTOR_ID SPARK_EXECUTOR_CORES SPARK_EXECUTOR_MEMORY SPARK_APPLICATION_ID \
        SPARK_EXECUTOR_POD_IP
    local java cp
    java="$(java_command)"
    cp="$(executor_classpath)"
    spark_java_opts
    ensure_user_entry
    local cmd=(
        "$java"
        "${MODULE_FLAGS[@]}"
        "${SPARK_OPTS[@]}"
        "-Xms${SPARK_EXECUTOR_MEMORY}"
        "-Xmx${SPARK_EXECUTOR_MEMORY}"
        -cp "$cp"
        "$EXECUTOR_BACKEND"
        --driver-url "$SPARK_DRIVER_URL"
        --executor-id "$SPARK_EXECUTOR_ID"
        --cores "$SPARK_EXECUTOR_CORES"
        --app-id "$SPARK_APPLICATION_ID"
        --hostname "$SPARK_EXECUTOR_POD_IP"
        --resourceProfileId "${SPARK_RESOURCE_PROFILE_ID:-0}"
        --podName "${SPARK_EXECUTOR_POD_NAME:-${HOSTNAME:-}}"
    )
    if [[ -n "${KINDLING_EXECUTOR_DEBUG:-}" ]]; then
        printf 'kindling-executor: exec' >&2
        printf ' %q' "${cmd[@]}" >&2
        printf '\n' >&2
    fi
    # tini is PID 1 (the image's ENTRYPOINT); exec makes the JVM its direct child so SIGTERM reaches it.
    exec "${cmd[@]}"
}

# Build-time check (the Dockerfile runs it): this JVM accepts every module flag, and the jars the
# executor needs are in the image.
self_check() {
    local java jar
    java="$(java_command)"
    "$java" "${MODULE_FLAGS[@]}" -version
    for jar in spark-core_2.13- spark-kubernetes_2.13- spark-sql_2.13- kindling-magics-; do
        compgen -G "${KINDLING_HOME}/lib/${jar}*.jar" >/dev/null \
            || die "${KINDLING_HOME}/lib has no ${jar}*.jar: build the distribution with 'make build' first"
    done
    echo "kindling-executor: self-check passed ($(ls "${KINDLING_HOME}/lib" | wc -l) jars)"
}

usage() {
    cat <<'EOF'
Kindling executor image.
  executor     run a Spark executor (what Spark's Kubernetes backend asks for)
  self-check   check the JVM flags and the jars in the image
  CMD ARGS...  run any other command
EOF
}

case "${1:-}" in
    executor)
        shift
        run_executor "$@"
        ;;
    self-check)
        self_check
        ;;
    driver)
        die "this image runs Spark executors only: the Kindling kernel is the driver (client mode)"
        ;;
    "" | -h | --help)
        usage
        ;;
    *)
        exec "$@"
        ;;
esac
