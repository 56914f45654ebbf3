#!/usr/bin/env bash
# Kindling: the local Hive metastore service that %%hive (and the local Trino's hive catalog) share.
# Kernels start it on first use; this script starts, stops or reports it by hand.
#
#   metastore.sh start    start it if it is not running; prints its thrift:// address and warehouse
#   metastore.sh stop     stop it (kernels start it again when they need it)
#   metastore.sh status   exit 0 and print the address if it runs
#
# Files: $KINDLING_HIVE_HOME, else ~/.kindling/hive (Derby database metastore_db/, warehouse/,
# metastore.log, metastore.address). Needs the built kernel (make build).
set -euo pipefail
REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
LIB="$REPO_DIR/kernel/target/kindling/lib"
[[ -d "$LIB" ]] || { echo "metastore.sh: build the kernel first (make build)" >&2; exit 1; }
exec java -Dlog4j2.contextSelector=org.apache.logging.log4j.core.selector.ClassLoaderContextSelector \
  -cp "$LIB/*" io.kindling.magics.hive.LocalMetastore "${1:-status}"
