#!/usr/bin/env bash
# Graceful executor decommissioning. With spark.decommission.enabled=true Spark gives executor pods a
# preStop hook that runs /opt/decom.sh (spark.kubernetes.decommission.script). Sending SIGPWR to the
# executor JVM starts Spark's decommissioning (blocks migrate away, no new tasks); this script then
# waits for the JVM to exit, up to the pod's termination grace period.
set -uo pipefail

backend=org.apache.spark.scheduler.cluster.k8s.KubernetesExecutorBackend
pid=""
for dir in /proc/[0-9]*; do
    # Builtins only, so this script's own helpers never match the class name.
    args=()
    mapfile -d '' -t args <"$dir/cmdline" 2>/dev/null || continue
    for arg in "${args[@]}"; do
        if [[ "$arg" == "$backend" ]]; then
            pid="${dir#/proc/}"
            break 2
        fi
    done
done

if [[ -z "$pid" ]]; then
    echo "decom: no executor JVM found" >&2
    exit 0
fi

echo "decom: asking executor JVM $pid to decommission"
kill -s PWR "$pid" || exit 0
while kill -0 "$pid" 2>/dev/null; do
    sleep 1
done
echo "decom: executor JVM $pid exited"
