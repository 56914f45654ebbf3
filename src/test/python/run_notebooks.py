"""Executes notebooks headlessly with nbclient, exactly as papermill or JupyterLab's runner would.

Usage: /usr/bin/python3 run_notebooks.py OUTPUT_DIR NOTEBOOK.ipynb...
Writes each executed notebook (with its outputs) into OUTPUT_DIR; exits 1 if any cell failed.
"""
import os
import sys

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError


def main(output_dir, notebooks):
    os.makedirs(output_dir, exist_ok=True)
    failed = []
    for path in notebooks:
        notebook = nbformat.read(path, as_version=4)
        client = NotebookClient(notebook, timeout=600, kernel_name=notebook.metadata.kernelspec.name,
                                resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}})
        target = os.path.join(output_dir, os.path.basename(path))
        try:
            client.execute()
            print(f"executed {path} -> {target}")
        except CellExecutionError as error:
            failed.append(path)
            print(f"FAILED {path}: {error}", file=sys.stderr)
        finally:
            nbformat.write(notebook, target)
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2:]))
