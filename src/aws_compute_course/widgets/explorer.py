"""The explorer base: an explorable declares its controls, its figure and a pure view::

    class Doubler(Explorer):
        def __init__(self, k: float = 2.0) -> None:
            self.k = k  # what the view reads besides the controls: set before the base runs
            super().__init__({"x": widgets.IntSlider(3, max=10), "top": widgets.IntSlider(10)})

        def initial_figure(self) -> go.Figure:  # optional: every trace with its own uid
            return go.Figure(go.Scatter(uid="line", mode="lines"))

        def adjust(self, x: int, top: int) -> dict:  # optional: controls that follow others
            return {"x": {"max": top}}

        def view(self, x: int, top: int) -> View:  # pure: every number from the models
            y = model.times(x, self.k)
            return View(f"{x} × {self.k} is <b>{y}</b>", {"line": {"x": (0, x), "y": (0, y)}})

The base builds the box (note, figure, rows of controls, readout). On every change of a
control it applies ``adjust``, then shows the ``view`` of all the controls' values: its
patches, keyed by trace uid, in one ``batch_update`` (one message), then its readout.

An explorable whose update is expensive declares ``update_on_release = True``: its sliders
(and text boxes) then send their value when released, not every value a drag passes. The
browser cannot skip a redraw it was sent, so a drag queues them all; measure with
``make bench`` (``browser.memory_drag`` drags one in a real browser).

Re-running the cell that made an explorable closes it (:mod:`.cells`), so old widgets do
not pile up in the kernel and in the browser.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any, ClassVar

import ipywidgets as widgets
import numpy as np

from aws_compute_course.widgets import cells

if TYPE_CHECKING:
    import plotly.graph_objects as go
    from plotly.basedatatypes import BaseFigure

Patch = Mapping[str, Any]  # leaf property path -> value: {"y": array, "marker.color": colors}


SCREEN_POINTS = 2000
"""The most points a trace carries: a chart on a 1920-px screen is narrower than that in
pixels, and each point costs the browser time on every redraw."""


@dataclass(frozen=True, eq=False)
class View:
    """What one state of the controls shows: ``readout`` (HTML, what happened in words),
    ``traces`` (trace uid -> properties to set), ``layout`` (layout properties to set, e.g.
    ``{"xaxis.tickvals": ...}``) and ``result`` (the model's result the readout reports)."""

    readout: str
    traces: Mapping[str, Patch] = field(default_factory=dict)
    layout: Patch = field(default_factory=dict)
    result: Any = None


# The front end of plotly's FigureWidget is an anywidget module of 5 MB (plotly.js) sent
# with every figure, which anywidget evaluates again for every figure: about half a second
# of the page's one thread each, and anywidget gives up on a figure whose set-up takes over
# 2 s ("Failed to initialize model": an empty chart), which a page reload restoring several
# figures at once reached. This module evaluates it once per page and hands the same
# plotly module to every figure (plotly's default export is a factory, called per figure,
# so each figure still has its own state), with its view fitted to the output's width
# (``_FIT_WIDTH``). The key changes with plotly's code and with that fitting.
_SHARED_ESM = """const key = Symbol.for("aws_compute_course.plotly_widget.%s");
const source = %s;
%s
globalThis[key] ??= (async () => {
    const url = URL.createObjectURL(new Blob([source], {type: "text/javascript"}));
    try { return fitWidth(await import(url)); } finally { URL.revokeObjectURL(url); }
})().catch(error => { delete globalThis[key]; throw error; });
export default (await globalThis[key]).default;
"""
# Plotly's view draws a figure as soon as anywidget renders it, before the output area
# holds its element: the element has no width then, so plotly draws at its default 700 px,
# and nothing resizes it later (the view's resize handling answers Lumino's messages, which
# anywidget never sends). This draws in the first frame the element is in the page (out of
# view too: JupyterLab skips laying out cells out of view, and reading the width lays it
# out), and resizes it (the view's own autosizeFigure, a no-op for a figure of set width)
# whenever the width changes: the window's or a side panel's doing, or shown after hidden.
# It changes the view class of the copy of plotly's module loaded here: a plain
# go.FigureWidget in the same page loads its own copy and keeps plotly's view.
_FIT_WIDTH = """function fitWidth(plotly) {
    const view = plotly.FigureView.prototype, draw = view.perform_render, remove = view.remove;
    view.perform_render = function () {
        let drawn = 0;  // the element's width when last drawn
        const fit = () => {
            const width = this.sizer && this.el.isConnected ? this.el.clientWidth : 0;
            if (!width || width === drawn) return;  // removed, hidden, or only the height changed
            if (drawn) this.autosizeFigure(); else draw.call(this);
            drawn = width;
        };
        // In the next frame, not in the callback: a drawing that grows the element inside it
        // makes the browser report "ResizeObserver loop completed ..." as an error.
        this.sizer = new ResizeObserver(() => requestAnimationFrame(fit));
        this.sizer.observe(this.el);
        const attached = () => {  // each frame until the output area has added the element
            if (this.el.isConnected) fit();
            else if (this.sizer) requestAnimationFrame(attached);
        };
        requestAnimationFrame(attached);
    };
    view.remove = function () {
        this.sizer?.disconnect();
        this.sizer = null;
        remove.call(this);
    };
    return plotly;
}"""


@cache
def _figure_widget_class() -> type[go.FigureWidget]:
    import plotly.graph_objects as go  # here: quiz-only notebooks need no plotly

    source = str(go.FigureWidget._esm)  # anywidget holds plotly's bundle as file contents
    digest = hashlib.sha256((source + _FIT_WIDTH).encode()).hexdigest()[:16]

    class FigureWidget(go.FigureWidget):
        _set_trace_uid = False  # keep the declared uids (plotly's widget draws random ones)
        _esm = _SHARED_ESM % (digest, json.dumps(source), _FIT_WIDTH)

    return FigureWidget


def _binary(value: Any) -> Any:
    # plotly sends numpy arrays as binary buffers, except int64 ones (as JSON lists).
    if isinstance(value, np.ndarray) and value.dtype.kind in "iu" and value.itemsize == 8:
        return value.astype(np.float64)
    return value


LABEL_FITS = 10
"""Characters of a description that ipywidgets' default label width (80 px) shows."""


def _give_label_room(control: widgets.Widget) -> None:
    """A description longer than the default label shows whole, never cut to "…"."""
    style = getattr(control, "style", None)
    if (
        style is not None
        and style.has_trait("description_width")
        and not style.description_width
        and not isinstance(control, widgets.Checkbox)  # its label sits beside it
        and len(getattr(control, "description", "")) > LABEL_FITS
    ):
        style.description_width = "initial"


def _patch(figure: BaseFigure | None, view: View) -> None:
    if figure is None:
        if view.traces or view.layout:
            raise ValueError("the view patches a figure, but initial_figure() gave none")
        return
    traces = {trace.uid: trace for trace in figure.data}
    for uid, patch in view.traces.items():
        if uid not in traces:
            raise ValueError(f"view patches trace uid {uid!r}; the figure has {list(traces)}")
        for path, value in patch.items():  # a leaf each: cheaper than update(), which merges
            traces[uid][path] = _binary(value)
    for path, value in view.layout.items():
        figure.layout[path] = _binary(value)


class Explorer:
    """Base of every explorable: controls in, one pure view out, the figure patched in place.

    Attributes: ``controls`` (name -> widget), ``figure`` (a ``go.FigureWidget`` or None),
    ``readout`` (an HTML widget), ``shown`` (the last :class:`View` shown) and ``widget``
    (the box a notebook cell displays). ``rows`` lays the controls out (default: one row).
    """

    update_on_release: ClassVar[bool] = False
    """Declared: True where one update (the view, then the browser's redraw) costs more than
    a drag's pace of about 50 ms a step; the controls then send their value on release."""

    def __init__(
        self,
        controls: Mapping[str, widgets.ValueWidget],
        *,
        rows: Sequence[Sequence[str]] | None = None,
        note: str = "",
    ) -> None:
        self.controls, rows = dict(controls), rows or [tuple(controls)]
        if sorted(name for row in rows for name in row) != sorted(self.controls):
            raise ValueError(f"rows must place each control once: {list(self.controls)}")
        for control in self.controls.values():
            if self.update_on_release and control.has_trait("continuous_update"):
                control.continuous_update = False
            _give_label_room(control)
        self._busy = True  # no redraws until the first view is shown
        self._adjust()
        first = self.view(**self.values())  # bad input raises before any widget is shown
        spec = self.initial_figure()
        uids = [trace.uid for trace in spec.data] if spec is not None else []
        if None in uids or len(set(uids)) != len(uids):
            raise ValueError(f"every trace needs a uid of its own, got {uids}")
        _patch(spec, first)
        if spec is not None and spec.layout.width is None:
            spec.layout.autosize = True  # the output area's width, not plotly's 700 px
        self.figure = _figure_widget_class()(spec) if spec is not None else None
        self.readout, self.shown = widgets.HTML(first.readout), first
        for control in self.controls.values():
            control.observe(self._changed, names="value")
        self._busy = False
        parts = [widgets.HTML(note)] if note else []
        parts += [self.figure] if self.figure is not None else []
        boxes = [widgets.HBox([self.controls[name] for name in row]) for row in rows]
        self.widget = widgets.VBox([*parts, *boxes, self.readout])
        cells.close_with_cell(self.close)  # a re-run of the cell replaces this explorable

    def initial_figure(self) -> go.Figure | None:
        """The figure before the first view (declared): every trace with its own ``uid``."""
        return None

    def adjust(self, **values: Any) -> Mapping[str, Patch]:
        """Control name -> traits to set on it, for controls that follow others (declared,
        pure)."""
        return {}

    def view(self, **values: Any) -> View:
        """What the controls' ``values`` show (declared; pure: reads no widget, sets none)."""
        raise NotImplementedError

    def values(self) -> dict[str, Any]:
        """The controls' current values, by name."""
        return {name: control.value for name, control in self.controls.items()}

    def update(self, **values: Any) -> View:
        """Set controls in the order given (each adjusting its followers before the next is
        set), then show the result once; returns the view shown."""
        unknown = sorted(set(values) - set(self.controls))
        if unknown:
            raise ValueError(f"unknown controls {unknown}; the controls are {list(self.controls)}")
        self._busy = True
        try:
            for name, value in values.items():
                self.controls[name].value = value
                self._adjust()
        finally:
            self._busy = False
        self._changed()
        return self.shown

    def draw(self, view: View) -> None:
        """Show ``view``: its patches in one ``batch_update``, then its readout."""
        with self.figure.batch_update() if self.figure is not None else nullcontext():
            _patch(self.figure, view)
        self.readout.value, self.shown = view.readout, view

    def close(self) -> None:
        """Close every widget of the explorable (layouts and styles too), in the kernel and
        in the browser."""
        cells.close_widgets(self.widget)

    def _adjust(self) -> None:
        for name, traits in self.adjust(**self.values()).items():
            for trait, value in traits.items():
                value = tuple(value) if isinstance(value, list) else value
                if getattr(self.controls[name], trait) != value:
                    setattr(self.controls[name], trait, value)

    def _changed(self, _change: object = None) -> None:
        if self._busy:  # a control that adjust() moved: shown once, below
            return
        self._busy = True
        try:
            self._adjust()
            self.draw(self.view(**self.values()))
        finally:
            self._busy = False

    def _repr_mimebundle_(self, **kwargs: object) -> dict | None:
        return self.widget._repr_mimebundle_(**kwargs)
