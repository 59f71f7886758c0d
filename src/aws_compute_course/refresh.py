"""Re-execute committed notebooks so their stored outputs match the code (``make notebooks``).

Outputs are what nbval compares, so they must be exactly what a fresh run prints. Live
widgets have no meaningful stored output: their cells are tagged ``nbval-ignore-output`` and
saved without outputs, and no widget state is kept (it would embed plotly.js and the data,
megabytes per notebook). Each notebook is written only after it executed cleanly.
"""

from __future__ import annotations

import argparse
import ast
import os
import sys
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

IGNORE_OUTPUT = "nbval-ignore-output"
SAY = "say"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def strip_live_widgets(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop widget state and the outputs of cells whose output nbval ignores.

    A live widget in any other cell is an error: its stored output would carry a model id
    that changes on every run.
    """
    nb.metadata.pop("widgets", None)
    for number, cell in enumerate(nb.cells, start=1):
        if cell.cell_type != "code":
            continue
        if IGNORE_OUTPUT in cell.metadata.get("tags", []):
            cell.outputs = []
            cell.execution_count = None
        elif any(WIDGET_VIEW in output.get("data", {}) for output in cell.outputs):
            raise ValueError(
                f"cell {number} shows a live widget but is not tagged {IGNORE_OUTPUT!r}"
            )
    return nb


def is_prose_cell(cell: dict) -> bool:
    """A code cell that renders prose: its last statement is a ``say(...)`` call."""
    if cell.get("cell_type") != "code":
        return False
    try:
        body = ast.parse(cell.get("source", "")).body
    except SyntaxError:
        return False
    last = body[-1] if body else None
    return (
        isinstance(last, ast.Expr)
        and isinstance(last.value, ast.Call)
        and isinstance(last.value.func, ast.Name)
        and last.value.func.id == SAY
    )


def hide_prose_sources(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Collapse the source of ``say(...)`` cells, so a learner reads their prose once.

    JupyterLab shows such a cell's rendered output and folds its Python string away
    (``metadata.jupyter.source_hidden``); the source stays one click away for maintainers.
    """
    for cell in nb.cells:
        if is_prose_cell(cell):
            cell.metadata.setdefault("jupyter", {})["source_hidden"] = True
    return nb


def refresh(path: Path, timeout: int = 300) -> None:
    """Execute ``path`` in its own folder and rewrite it with fresh, stable outputs."""
    nb = nbformat.read(path, as_version=4)
    os.environ["PLOTLY_RENDERER"] = "plotly_mimetype"
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    strip_live_widgets(nb)
    hide_prose_sources(nb)
    nbformat.validate(nb)
    with tempfile.NamedTemporaryFile("w", dir=path.parent, suffix=".ipynb", delete=False) as tmp:
        try:
            nbformat.write(nb, tmp)
        except BaseException:
            Path(tmp.name).unlink()
            raise
    os.chmod(tmp.name, path.stat().st_mode)
    Path(tmp.name).replace(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+", type=Path)
    args = parser.parse_args(argv)
    for path in args.notebooks:
        if not path.is_file():
            print(f"refresh: {path}: no such notebook", file=sys.stderr)
            return 2
        try:
            refresh(path)
        except (CellExecutionError, ValueError) as err:
            print(f"refresh: {path} failed; left unchanged:\n{err}", file=sys.stderr)
            return 1
        print(f"refreshed {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
