"""Kindling's benchmarks, each beside its baseline measured in the same run.

Prints one table (figure, Kindling median, baseline median, ratio, min-max spread) and writes it as
JSON to build/bench/results.json. QUICK=1 runs each row once. Run through bench/run.
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


def not_built(figure):
    return {"figure": figure, "status": "not built"}


def main():
    infos, firsts, baseline_firsts = [], [], []
    for _ in range(STARTS):
        manager, client, info, first = kernel_start()
        infos.append(info)
        firsts.append(first)
        baseline_firsts.append(baseline_first())
        if len(infos) < STARTS:
            client.stop_channels()
            manager.shutdown_kernel(now=True)
    one_plus_one = timed_cells(client, open(os.path.join(HERE, "one_plus_one.jsh")).read())
    class_cell = timed_cells(client, open(os.path.join(HERE, "class_cell.jsh")).read())
    client.stop_channels()
    manager.shutdown_kernel(now=True)
    base_one, base_class = baseline_warm(["one_plus_one.jsh", "class_cell.jsh"])

    rows = [
        row("kernel start -> kernel_info_reply (JShell still warming)", "s", infos, baseline_firsts),
        row("kernel start -> first 1+1 result", "s", firsts, baseline_firsts),
        row("warm 1+1 round trip through jupyter_client", "ms", one_plus_one, base_one),
        row("cell defining a 20-line class, round trip", "ms", class_cell, base_class),
        not_built("%%presto 1M-row lineitem fetch vs plain trino-jdbc loop"),
        not_built("ephemeral cluster start/release, 1/2/4/8 executors; sleep-map wall vs ideal"),
        not_built("%%hive SELECT-to-Parquet vs hand-written spark.sql().write().parquet"),
        not_built("%%fsql join/aggregate vs spark.sql; parse+plan of a 50-statement cell"),
        not_built("transform vs groupByKey().flatMapGroups(), 10M rows"),
    ]
    print_table(rows)
    out = os.path.join(ROOT, "build", "bench")
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "results.json"), "w") as f:
        json.dump({"quick": QUICK, "time": time.strftime("%Y-%m-%dT%H:%M:%S"), "rows": rows}, f, indent=2)
    print(f"\nwritten to {os.path.join(out, 'results.json')}; baseline: bare JShell (local execution), "
          f"fresh JVM for start rows, same snippets in-process for warm rows")


def print_table(rows):
    print(f"{'figure':<62} {'kindling':>10} {'baseline':>10} {'ratio':>7}  {'min-max':<17} n")
    for r in rows:
        if r.get("status") == "not built":
            print(f"{r['figure']:<62} {'not built':>10}")
            continue
        unit = r["unit"]
        fmt = (lambda v: f"{v:.2f}{unit}") if unit == "s" else (lambda v: f"{v:.1f}{unit}")
        spread = f"{fmt(r['kindling_min'])}-{fmt(r['kindling_max'])}"
        print(f"{r['figure']:<62} {fmt(r['kindling_median']):>10} {fmt(r['baseline_median']):>10} "
              f"{r['ratio']:>6.2f}x  {spread:<17} {r['samples']}")


if __name__ == "__main__":
    sys.exit(main())
