"""Kindling's benchmarks, each beside its baseline measured in the same run.

Prints one table (figure, Kindling median, baseline median, ratio, min-max spread) and writes it as
JSON to build/bench/results.json. QUICK=1 runs each row once, on smaller inputs and one-executor clusters
(a smoke run for CI, not figures to report). Run through bench/run.
"""
import json
import os
import statistics
import subprocess
import sys
import time

from jupyter_client.manager import KernelManager

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
QUICK = os.environ.get("QUICK") == "1"
REPEAT = 1 if QUICK else 20
STARTS = 1 if QUICK else 5


def execute(client, code, timeout=120):
    msg_id = client.execute(code)
    result = None
    while True:
        message = client.get_iopub_msg(timeout=timeout)
        if message["parent_header"].get("msg_id") != msg_id:
            continue
        if message["msg_type"] == "execute_result":
            result = message["content"]["data"]["text/plain"]
        if message["msg_type"] == "error":
            raise RuntimeError(f"benchmark cell failed: {message['content']['evalue']}")
        if message["msg_type"] == "status" and message["content"]["execution_state"] == "idle":
            return result


def kernel_start():
    """Seconds from launching the kernel process to its kernel_info_reply, and to the first 1+1 result."""
    began = time.monotonic()
    manager = KernelManager(kernel_name="kindling")
    manager.start_kernel()
    client = manager.client()
    client.start_channels()
    client.kernel_info(reply=True, timeout=120)
    info = time.monotonic() - began
    execute(client, "1+1")
    first = time.monotonic() - began
    return manager, client, info, first


def baseline_first():
    """Seconds for a fresh JVM to create bare JShell and evaluate 1+1: the floor for any JShell kernel."""
    began = time.monotonic()
    subprocess.run(["java", os.path.join(HERE, "JShellBaseline.java"), "first"], check=True)
    return time.monotonic() - began


def baseline_warm(files):
    output = subprocess.run(["java", os.path.join(HERE, "JShellBaseline.java"), "warm", str(REPEAT)]
                            + [os.path.join(HERE, f) for f in files], check=True, capture_output=True, text=True).stdout
    return [json.loads(line) for line in output.strip().splitlines()]


def timed_cells(client, code):
    execute(client, code)
    execute(client, code)
    samples = []
    for _ in range(REPEAT):
        began = time.monotonic()
        execute(client, code)
        samples.append((time.monotonic() - began) * 1000)
    return samples


LINEITEM_ROWS = 100_000 if QUICK else 1_000_000
LINEITEM_SQL = f"SELECT * FROM tpch.sf1.lineitem LIMIT {LINEITEM_ROWS}"
HEAP_PROBE = """
var kindlingHeap = java.lang.management.ManagementFactory.getMemoryPoolMXBeans().stream()
    .filter(p -> p.getType() == java.lang.management.MemoryType.HEAP).toList();
long kindlingUsed() { return kindlingHeap.stream().mapToLong(p -> p.getUsage().getUsed()).sum(); }
long kindlingPeak() { return kindlingHeap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum(); }
"""


def presto_fetch(client, trino_url):
    """Rows/s and heap of a %%presto fetch into a bound table, and of the plain JDBC loop, alternating runs."""
    execute(client, HEAP_PROBE)
    ours_rate, ours_peak, base_rate, base_peak = [], [], [], []
    jdbc_jar = [os.path.join(ROOT, "kernel/target/kindling/lib", f) for f in os.listdir(os.path.join(ROOT, "kernel/target/kindling/lib"))
                if f.startswith("trino-jdbc-")][0]
    jdbc_url = "jdbc:trino://" + trino_url.split("://", 1)[1]
    for _ in range(1 if QUICK else 3):
        execute(client, "Object lineitem = null; System.gc(); long before = kindlingUsed(); kindlingHeap.forEach(p -> p.resetPeakUsage());")
        began = time.monotonic()
        execute(client, f"%%presto lineitem --limit {LINEITEM_ROWS} --quiet\n{LINEITEM_SQL}", timeout=600)
        seconds = time.monotonic() - began
        peak = int(execute(client, "kindlingPeak() - before"))
        ours_rate.append(LINEITEM_ROWS / seconds)
        ours_peak.append(peak / 2**20)
        output = subprocess.run(["java", "-cp", jdbc_jar, os.path.join(HERE, "TrinoJdbcBaseline.java"), jdbc_url, LINEITEM_SQL],
                                check=True, capture_output=True, text=True).stdout.split()
        base_rate.append(int(output[1]) / float(output[0]))
        base_peak.append(int(output[2]) / 2**20)
    return ours_rate, ours_peak, base_rate, base_peak


def reader_min_heap(trino_url):
    """The smallest -Xmx (MiB) in which %%presto's reader completes the fetch, and the finished table's MiB."""
    lib = os.path.join(ROOT, "kernel/target/kindling/lib")
    jdbc_url = "jdbc:trino://" + trino_url.split("://", 1)[1]
    # The table's size is walked field by field, which needs to read JDK classes' fields.
    opens = [f for p in ("lang", "math", "time", "util") for f in ("--add-opens", f"java.base/java.{p}=ALL-UNNAMED")]

    def attempt(xmx, *extra):
        run = subprocess.run(["java", f"-Xmx{xmx}m", "-XX:+UseG1GC", *opens, "-cp", lib + "/*",
                              os.path.join(HERE, "ReaderHeapProbe.java"), jdbc_url, LINEITEM_SQL, *extra],
                             capture_output=True, text=True)
        return run.stdout.split() if run.returncode == 0 else None

    rows, retained = attempt(4096, "--table-size")
    retained_mib = int(retained) / 2**20
    low, high = max(8, int(retained_mib * 0.8)), int(retained_mib * 3) + 64
    for _ in range(5 if QUICK else 7):
        middle = (low + high) // 2
        if attempt(middle):
            high = middle
        else:
            low = middle
    return high, retained_mib


def row(figure, unit, ours, baseline):
    mine = statistics.median(ours) if ours else None
    base = statistics.median(baseline) if baseline else None
    return {
        "figure": figure, "unit": unit,
        "kindling_median": mine, "baseline_median": base,
        "ratio": (mine / base) if mine is not None and base else None,
        "kindling_min": min(ours) if ours else None, "kindling_max": max(ours) if ours else None,
        "samples": len(ours),
    }


def presto_rows(fetch, min_heap):
    ours_rate, ours_peak, base_rate, base_peak = fetch
    smallest_heap, retained = min_heap
    name = f"%%presto {LINEITEM_ROWS:,} lineitem rows"
    return [
        row(f"{name} into a table: rows/s (baseline: plain JDBC loop)", "rows/s", ours_rate, base_rate),
        row(f"{name}: smallest -Xmx that completes (baseline: table size)", "MiB", [smallest_heap], [retained]),
        row(f"{name}: heap pools' peak in the kernel (baseline: JDBC loop's)", "MiB", ours_peak, base_peak),
    ]


CLUSTER_SIZES = "1" if QUICK else "1,2,4,8"
CLUSTER_REPEAT = 1 if QUICK else 2
SLEEP_MAP = (4, 1, 1, 2) if QUICK else (32, 2, 4, 2)  # tasks, seconds each, executors, cores


def spark_jvm_flags():
    """The JVM flags the installed kernelspec gives the kernel (Spark's module openings): the driver needs them."""
    prefix = os.path.join(ROOT, "build", "bench", "prefix", "share", "jupyter", "kernels", "kindling", "kernel.json")
    argv = json.load(open(prefix))["argv"]
    return [a for a in argv if a.startswith("-") and a not in ("-c", "-cp")]


def cluster_bench():
    """Start/release of ephemeral clusters and the sleep-map on the Kubernetes fixture, beside plain Spark."""
    classpath = ":".join([os.path.join(ROOT, "magics/target/classes"), os.path.join(ROOT, "magics/target/test-classes"),
                          open(os.path.join(ROOT, "build", "bench", "magics-test.classpath")).read().strip()])
    tasks, seconds, executors, cores = SLEEP_MAP
    # Compiled to a directory on the class path, not run as a source file: executor JVMs (started with this
    # JVM's class path) must load the sleep-map's lambda class.
    classes = os.path.join(ROOT, "build", "bench", "cluster-classes")
    subprocess.run(["javac", "-d", classes, "-cp", classpath, os.path.join(HERE, "ClusterBench.java")], check=True)
    classpath = classes + ":" + classpath
    run = subprocess.run(["java", *spark_jvm_flags(), "-cp", classpath, "ClusterBench",
                          CLUSTER_SIZES, str(CLUSTER_REPEAT), str(tasks), str(seconds), str(executors), str(cores)],
                         capture_output=True, text=True, timeout=3600)
    if run.returncode != 0:
        raise RuntimeError("ClusterBench failed:\n" + run.stderr[-4000:])
    lines = [json.loads(line) for line in run.stdout.splitlines() if line.startswith("{")]
    rows = []
    for size in [int(n) for n in CLUSTER_SIZES.split(",")]:
        samples = [l for l in lines if l["row"] == "cluster" and l["executors"] == size]
        rows.append(row(f"cluster start, {size} executor pod(s) registered (baseline: plain Spark, same fixture)", "s",
                        [l["start"] for l in samples], [l["plain_start"] for l in samples]))
        rows.append(row(f"cluster release, {size} pod(s) gone from the API server (baseline: plain stop())", "s",
                        [l["release"] for l in samples], [l["plain_release"] for l in samples]))
    sleep = [l for l in lines if l["row"] == "sleep"][0]
    rows.append(row(f"sleep-map {tasks} tasks x {seconds}s on {executors}x{cores} slots, first job: wall (baseline: ideal)", "s",
                    [sleep["cold"]], [sleep["ideal"]]))
    rows.append(row(f"sleep-map {tasks} tasks x {seconds}s on {executors}x{cores} slots, next job: wall (baseline: ideal)", "s",
                    [sleep["wall"]], [sleep["ideal"]]))
    return rows


TABLE_ROWS = 100_000 if QUICK else 1_000_000
TABLE_REPEAT = 1 if QUICK else 3


def table_bench():
    """DFLib -> Spark -> DFLib through SparkTables beside Spark's createDataFrame(List<Row>) + collectAsList()."""
    classpath = ":".join([os.path.join(ROOT, "magics/target/classes"),
                          open(os.path.join(ROOT, "build", "bench", "magics-test.classpath")).read().strip()])
    classes = os.path.join(ROOT, "build", "bench", "table-classes")
    subprocess.run(["javac", "-d", classes, "-cp", classpath, os.path.join(HERE, "TableRoundTripBench.java")], check=True)
    run = subprocess.run(["java", *spark_jvm_flags(), "-Xmx3g", "-XX:+UseG1GC", "-cp", classes + ":" + classpath,
                          "TableRoundTripBench", str(TABLE_ROWS), str(TABLE_REPEAT)],
                         capture_output=True, text=True, timeout=3600)
    if run.returncode != 0:
        raise RuntimeError("TableRoundTripBench failed:\n" + run.stderr[-4000:])
    lines = [json.loads(line) for line in run.stdout.splitlines() if line.startswith("{")]
    ours = [l for l in lines if l["mode"] == "ours"]
    spark = [l for l in lines if l["mode"] == "spark"]
    name = f"DFLib -> Spark -> DFLib, {TABLE_ROWS:,} rows x 8 cols"
    return [
        row(f"{name}: wall (baseline: createDataFrame(List<Row>) + collectAsList)", "s",
            [l["seconds"] for l in ours], [l["seconds"] for l in spark]),
        row(f"{name}: heap pools' peak (baseline: Spark's own path)", "MiB",
            [l["peak_mib"] for l in ours], [l["peak_mib"] for l in spark]),
    ]


HIVE_ROWS = 200_000 if QUICK else 2_000_000
HIVE_REPEAT = 1 if QUICK else 5
HIVE_CLUSTER_REPEAT = 1 if QUICK else 3
HIVE_CLUSTER_WARM_UPS = 0 if QUICK else 1  # a round of both paths before the measured ones
HIVE_CLUSTER_EXECUTORS = 1 if QUICK else 2


def hive_bench():
    """%%hive SELECT-to-Parquet vs spark.sql(...).write().parquet(...), same local session, alternating."""
    classpath = ":".join([os.path.join(ROOT, "magics/target/classes"), os.path.join(ROOT, "magics/target/test-classes"),
                          open(os.path.join(ROOT, "build", "bench", "magics-test.classpath")).read().strip()])
    classes = os.path.join(ROOT, "build", "bench", "hive-classes")
    subprocess.run(["javac", "-d", classes, "-cp", classpath, os.path.join(HERE, "HiveWriteBench.java")], check=True)
    run = subprocess.run(["java", *spark_jvm_flags(), "-Xmx3g", "-cp", classes + ":" + classpath,
                          "HiveWriteBench", str(HIVE_ROWS), str(HIVE_REPEAT), str(HIVE_CLUSTER_REPEAT), str(HIVE_CLUSTER_WARM_UPS),
                          str(HIVE_CLUSTER_EXECUTORS)],
                         capture_output=True, text=True, timeout=3600)
    if run.returncode != 0:
        raise RuntimeError("HiveWriteBench failed:\n" + run.stderr[-4000:])
    lines = [json.loads(line) for line in run.stdout.splitlines() if line.startswith("{")]
    cells = [l for l in lines if l["mode"] == "cell-cluster"]
    return [row(f"%%hive SELECT-to-Parquet, {HIVE_ROWS:,} rows x 4 cols (baseline: spark.sql().write().parquet())", "s",
                [l["seconds"] for l in lines if l["mode"] == "ours"], [l["seconds"] for l in lines if l["mode"] == "spark"]),
            row(f"%%hive --executors {HIVE_CLUSTER_EXECUTORS} cell: start, write, release (baseline: same in a Spark.kubernetes() try block)", "s",
                [l["seconds"] for l in cells], [l["baseline"] for l in cells])]


TRANSFORM_ROWS = 200_000 if QUICK else 10_000_000
TRANSFORM_LOCAL_ROWS = 100_000 if QUICK else 1_000_000
TRANSFORM_REPEAT = 1 if QUICK else 3
TRANSFORM_SLEEP = (16, 250, 1, 2) if QUICK else (100, 500, 4, 2)  # tasks, ms each, executors, cores


def transform_bench():
    """transform beside hand-written Spark and a plain Java loop with the same function; the sleep example on the fixture."""
    classpath = ":".join([os.path.join(ROOT, "magics/target/classes"), os.path.join(ROOT, "magics/target/test-classes"),
                          open(os.path.join(ROOT, "build", "bench", "magics-test.classpath")).read().strip()])
    # Compiled to a directory on the class path: executor JVMs of the fixture must load the bench's lambda classes.
    classes = os.path.join(ROOT, "build", "bench", "transform-classes")
    subprocess.run(["javac", "-d", classes, "-cp", classpath, os.path.join(HERE, "TransformBench.java")], check=True)

    def run(*args, jvm=()):
        done = subprocess.run(["java", *spark_jvm_flags(), "-Xmx3g", *jvm, "-cp", classes + ":" + classpath, "TransformBench",
                               *[str(a) for a in args]], capture_output=True, text=True, timeout=3600)
        if done.returncode != 0:
            raise RuntimeError("TransformBench failed:\n" + done.stderr[-4000:])
        return [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]

    spark = run("spark", TRANSFORM_ROWS, TRANSFORM_REPEAT)
    one_core = run("local", TRANSFORM_LOCAL_ROWS, TRANSFORM_REPEAT * 3, jvm=["-XX:ActiveProcessorCount=1"])
    two_cores = run("local", TRANSFORM_LOCAL_ROWS, TRANSFORM_REPEAT * 3, jvm=["-XX:ActiveProcessorCount=2"])
    # The same with a function that does real work per row (100 steps of sin): the engine's cost weighed against it.
    work_rows = TRANSFORM_LOCAL_ROWS // 10
    one_core_work = run("local", work_rows, TRANSFORM_REPEAT * 3, 100, jvm=["-XX:ActiveProcessorCount=1"])
    two_cores_work = run("local", work_rows, TRANSFORM_REPEAT * 3, 100, jvm=["-XX:ActiveProcessorCount=2"])
    tasks, ms, executors, cores = TRANSFORM_SLEEP
    sleep = run("sleep", tasks, ms, executors, cores)[0]

    def seconds(lines, mode):
        return [l["seconds"] for l in lines if l["mode"] == mode]

    return [
        row(f"transform, {TRANSFORM_ROWS:,} rows / 1,000 groups, local[2] (baseline: groupByKey().flatMapGroups() by hand)", "s",
            seconds(spark, "ours"), seconds(spark, "hand")),
        row(f"transform local engine, {TRANSFORM_LOCAL_ROWS:,} records, 1 core (baseline: plain Java loop over the groups)", "s",
            seconds(one_core, "ours"), seconds(one_core, "loop")),
        row(f"transform local engine, {TRANSFORM_LOCAL_ROWS:,} records, 2 cores (baseline: plain Java loop, 1 thread)", "s",
            seconds(two_cores, "ours"), seconds(two_cores, "loop")),
        row(f"transform local engine, {work_rows:,} records, 100 sin steps each, 1 core (baseline: plain Java loop)", "s",
            seconds(one_core_work, "ours"), seconds(one_core_work, "loop")),
        row(f"transform local engine, {work_rows:,} records, 100 sin steps each, 2 cores (baseline: plain Java loop, 1 thread)", "s",
            seconds(two_cores_work, "ours"), seconds(two_cores_work, "loop")),
        row(f"outTransform sleep example {tasks} tasks x {ms}ms on {executors}x{cores} slots, first call: wall (baseline: ideal)", "s",
            [sleep["cold"]], [sleep["ideal"]]),
        row(f"outTransform sleep example {tasks} tasks x {ms}ms on {executors}x{cores} slots, next call: wall (baseline: ideal)", "s",
            [sleep["wall"]], [sleep["ideal"]]),
    ]


FSQL_ROWS = 1_000_000 if QUICK else 5_000_000
FSQL_REPEAT = 2 if QUICK else 30  # the join varies by ±30% run to run on 2 cores: 10 pairs left the median to noise


def fsql_bench():
    """%%fsql join/aggregate beside the same join by hand (view + spark.sql + collect); parse+plan of a 50-statement cell."""
    classpath = ":".join([os.path.join(ROOT, "magics/target/classes"), os.path.join(ROOT, "magics/target/test-classes"),
                          open(os.path.join(ROOT, "build", "bench", "magics-test.classpath")).read().strip()])
    classes = os.path.join(ROOT, "build", "bench", "fsql-classes")
    subprocess.run(["javac", "-d", classes, "-cp", classpath, os.path.join(HERE, "FsqlBench.java")], check=True)
    run = subprocess.run(["java", *spark_jvm_flags(), "-Xmx3g", "-cp", classes + ":" + classpath, "FsqlBench",
                          str(FSQL_ROWS), str(FSQL_REPEAT)], capture_output=True, text=True, timeout=3600)
    if run.returncode != 0:
        raise RuntimeError("FsqlBench failed:\n" + run.stderr[-4000:])
    lines = [json.loads(line) for line in run.stdout.splitlines() if line.startswith("{")]
    plans = [l for l in lines if l["mode"] == "plan50"]
    return [row(f"%%fsql join 1,000-row notebook table x {FSQL_ROWS:,} rows, group, collect (baseline: view + spark.sql by hand)", "s",
                [l["seconds"] for l in lines if l["mode"] == "ours"], [l["seconds"] for l in lines if l["mode"] == "spark"]),
            row("%%fsql parse+plan of a 50-statement cell, --explain, warm (baseline: SELECT 1 run and collected)", "s",
                [l["seconds"] for l in plans], [l["trivial"] for l in plans])]


def timed_group(name, bench):
    """Runs one group of rows and says on stderr how long it took, so a slow CI log shows where time went."""
    started = time.monotonic()
    rows = bench()
    print(f"bench: {name} rows took {time.monotonic() - started:.0f} s", file=sys.stderr)
    return rows


def not_built(figure):
    return {"figure": figure, "status": "not built"}


def main():
    if os.environ.get("BENCH_ONLY") == "fsql":
        # BENCH_ONLY=fsql QUICK=1 ./bench/run
        print_table(fsql_bench())
        return
    if os.environ.get("BENCH_ONLY") == "transform":
        # One row group alone, e.g. while working on transform: BENCH_ONLY=transform QUICK=1 ./bench/run
        print_table(transform_bench())
        return
    infos, firsts, baseline_firsts = [], [], []
    for _ in range(STARTS):
        # The baseline first, with no kernel alive: a kernel just started still compiles (JIT) on both cores.
        baseline_firsts.append(baseline_first())
        manager, client, info, first = kernel_start()
        infos.append(info)
        firsts.append(first)
        if len(infos) < STARTS:
            client.stop_channels()
            manager.shutdown_kernel(now=True)
    if os.environ.get("BENCH_ONLY") == "start":
        # Kernel start alone, e.g. while working on start-up: BENCH_ONLY=start ./bench/run
        client.stop_channels()
        manager.shutdown_kernel(now=True)
        print_table([row("kernel start -> kernel_info_reply (JShell still warming)", "s", infos, baseline_firsts),
                     row("kernel start -> first 1+1 result", "s", firsts, baseline_firsts)])
        return
    one_plus_one = timed_cells(client, open(os.path.join(HERE, "one_plus_one.jsh")).read())
    class_cell = timed_cells(client, open(os.path.join(HERE, "class_cell.jsh")).read())
    trino_url = os.environ.get("KINDLING_TRINO_URL")
    fetch = presto_fetch(client, trino_url) if trino_url else None
    client.stop_channels()
    manager.shutdown_kernel(now=True)
    min_heap = reader_min_heap(trino_url) if trino_url else None
    base_one, base_class = baseline_warm(["one_plus_one.jsh", "class_cell.jsh"])

    rows = [
        row("kernel start -> kernel_info_reply (JShell still warming)", "s", infos, baseline_firsts),
        row("kernel start -> first 1+1 result", "s", firsts, baseline_firsts),
        row("warm 1+1 round trip through jupyter_client", "ms", one_plus_one, base_one),
        row("cell defining a 20-line class, round trip", "ms", class_cell, base_class),
        *(presto_rows(fetch, min_heap) if fetch else [not_built("%%presto lineitem fetch (no KINDLING_TRINO_URL: run through make bench)")]),
        *timed_group("cluster", cluster_bench),
        *timed_group("table", table_bench),
        *timed_group("hive", hive_bench),
        *timed_group("fsql", fsql_bench),
        *timed_group("transform", transform_bench),
    ]
    print_table(rows)
    out = os.path.join(ROOT, "build", "bench")
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "results.json"), "w") as f:
        json.dump({"quick": QUICK, "time": time.strftime("%Y-%m-%dT%H:%M:%S"), "rows": rows}, f, indent=2)
    print(f"\nwritten to {os.path.join(out, 'results.json')}; baseline: bare JShell (local execution), "
          f"fresh JVM for start rows, same snippets in-process for warm rows")


def print_table(rows):
    print(f"{'figure':<62} {'kindling':>10} {'baseline':>10} {'ratio':>7}  {'min-max':<19} n")
    for r in rows:
        if r.get("status") == "not built":
            print(f"{r['figure']:<62} {'not built':>10}")
            continue
        unit = r["unit"]
        fmt = {"s": lambda v: f"{v:.2f}s", "ms": lambda v: f"{v:.1f}ms", "rows/s": lambda v: f"{v / 1000:.0f}k/s",
               "MiB": lambda v: f"{v:.0f}MiB"}[unit]
        spread = f"{fmt(r['kindling_min'])}-{fmt(r['kindling_max'])}"
        print(f"{r['figure']:<62} {fmt(r['kindling_median']):>10} {fmt(r['baseline_median']):>10} "
              f"{r['ratio']:>6.2f}x  {spread:<19} {r['samples']}")


if __name__ == "__main__":
    sys.exit(main())
