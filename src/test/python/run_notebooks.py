"""Executes notebooks headlessly with nbclient, exactly as papermill or JupyterLab's runner would.

Usage: /usr/bin/python3 run_notebooks.py [--html] OUTPUT_DIR NOTEBOOK.ipynb...
Writes each executed notebook (with its outputs) into OUTPUT_DIR, with --html also an HTML export of it
(nbconvert: charts show as the SVG image the kernel drew), and prints a summary: each notebook's code
cells run, seconds and result. A failing notebook does not stop the others; exits 1 if any cell failed.
"""
import os
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError


def export_html(notebook, target):
    # Imported only when asked: nbconvert takes a second to import.
    from nbconvert import HTMLExporter
    body, _ = HTMLExporter().from_notebook_node(notebook)
    with open(target, "w", encoding="utf-8") as out:
        out.write(body)


def run(path, output_dir, html):
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=600, kernel_name=notebook.metadata.kernelspec.name,
                            resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}})
    name = os.path.splitext(os.path.basename(path))[0]
    target = os.path.join(output_dir, name + ".ipynb")
    print(f"running {path} ...", flush=True)
    began = time.monotonic()
    ok = True
    try:
        client.execute()
    except CellExecutionError as error:
        ok = False
        print(f"FAILED {path}: {error}", file=sys.stderr, flush=True)
    seconds = time.monotonic() - began
    nbformat.write(notebook, target)
    page = None
    if html:
        page = os.path.join(output_dir, name + ".html")
        export_html(notebook, page)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    ran = sum(1 for cell in code if cell.get("execution_count") is not None)
    return {"name": os.path.basename(path), "cells": f"{ran}/{len(code)}", "seconds": seconds, "ok": ok,
            "html": page or target}


def main(args):
    html = "--html" in args
    args = [a for a in args if a != "--html"]
    if len(args) < 2:
        sys.exit(__doc__)
    output_dir, notebooks = args[0], args[1:]
    os.makedirs(output_dir, exist_ok=True)
    began = time.monotonic()
    results = [run(path, output_dir, html) for path in notebooks]
    width = max(len(r["name"]) for r in results)
    print()
    print(f"{'notebook':<{width}}  {'cells':>7}  {'seconds':>7}  result  {'html' if html else 'executed copy'}")
    for r in results:
        print(f"{r['name']:<{width}}  {r['cells']:>7}  {r['seconds']:7.1f}  {'ok' if r['ok'] else 'FAILED':<6}  {r['html']}")
    failed = sum(1 for r in results if not r["ok"])
    print(f"{len(results)} notebooks: {len(results) - failed} ok, {failed} failed, in {time.monotonic() - began:.0f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
