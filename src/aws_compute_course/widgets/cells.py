"""One cell, one set of live widgets: re-running a cell closes what its previous run showed.

ipywidgets never closes a widget by itself. Without this, every re-run of a cell leaves its
old widgets alive in the kernel and, after a page reload, JupyterLab rebuilds every one of
them (thousands after a few Run Alls: reloads then took minutes, and anywidget gave up on
figures with "Failed to initialize model").

:func:`close_with_cell` registers how to close something made by the running cell; the
next run of the same cell closes it. The cell is known from the ``execute_request`` the
kernel is running: JupyterLab and Notebook 7 put the cell's id in its metadata
(``cellId``), and the ids of the cells deleted since the last request (``deletedCells``),
whose widgets are closed too. A front end that sends no cell id is matched by the line of
the cell's code that made the widget (IPython names a cell's code by a hash of it, so an
unchanged cell keeps its name). Outside a kernel cell (a script, a test, a widget callback)
nothing is registered and nothing is closed.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Hashable, Iterator
from typing import TypeVar

import ipywidgets as widgets
from ipywidgets.widgets import widget as _widget_module

W = TypeVar("W", bound=widgets.Widget)

_LIVE: dict[Hashable, tuple[str, list[Callable[[], None]]]] = {}
"""Cell -> (the msg id of the run that made them, how to close them)."""


def _held(w: widgets.Widget) -> Iterator[widgets.Widget]:
    """The widgets ``w`` holds in its synced traits: children, layout, style, ....

    Read from the stored trait values, not the attributes: reading an attribute can create
    a default, and plotly's FigureWidget answers ``.layout`` with the figure's own layout.
    """
    values = w._trait_values
    for name in w.keys:
        value = values.get(name)
        if isinstance(value, widgets.Widget):
            yield value
        elif isinstance(value, list | tuple):
            yield from (v for v in value if isinstance(v, widgets.Widget))


def close_widgets(*roots: widgets.Widget) -> None:
    """Close ``roots`` and every widget they hold, in the kernel and in the browser, except
    what a live widget outside them holds too (a Layout shared with another box stays)."""
    doomed: dict[int, widgets.Widget] = {}
    stack = list(roots)
    while stack:
        w = stack.pop()
        if id(w) not in doomed:
            doomed[id(w)] = w
            stack.extend(_held(w))
    kept = {
        id(held)
        for other in list(_widget_module._instances.values())
        if id(other) not in doomed
        for held in _held(other)
    }
    for key, w in doomed.items():
        if key not in kept:
            w.close()


def _running_cell() -> tuple[str, Hashable, list[Hashable]] | None:
    """(msg id, cell, deleted cells) of the execute_request the kernel runs, else None."""
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    get_parent = getattr(getattr(shell, "kernel", None), "get_parent", None)
    parent = get_parent() if get_parent is not None else None
    if not parent or parent.get("header", {}).get("msg_type") != "execute_request":
        return None  # no kernel, or a widget callback (a comm message) made it
    metadata = parent.get("metadata") or {}
    deleted: list[Hashable] = [("cell", c) for c in metadata.get("deletedCells") or ()]
    if metadata.get("cellId"):
        return parent["header"]["msg_id"], ("cell", metadata["cellId"]), deleted
    frame, site = sys._getframe(1), None
    while frame is not None:  # the outermost frame of the cell's own code
        if frame.f_globals is shell.user_global_ns and frame.f_code.co_name == "<module>":
            site = ("line", frame.f_code.co_filename, frame.f_lineno)
        frame = frame.f_back
    return (parent["header"]["msg_id"], site, deleted) if site is not None else None


def close_with_cell(close: Callable[[], None]) -> None:
    """Call ``close`` when the running cell runs again or is deleted; first, close what the
    cell's previous run registered. Several registrations in one run all stay open."""
    running = _running_cell()
    if running is None:
        return
    msg_id, cell, deleted = running
    for gone in deleted:
        for old in _LIVE.pop(gone, ("", []))[1]:
            old()
    run = _LIVE.get(cell)
    if run is None or run[0] != msg_id:
        for old in run[1] if run is not None else ():
            old()
        run = _LIVE[cell] = (msg_id, [])
    run[1].append(close)


def for_cell(widget: W) -> W:
    """``widget``, closed with everything it holds when the running cell runs again."""
    close_with_cell(lambda: close_widgets(widget))
    return widget
