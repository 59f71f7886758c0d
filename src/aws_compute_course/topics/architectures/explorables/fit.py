"""The workload-fit explorer: set the request's duration and payload, the latency objective
and the traffic; every architecture shows as fits, fits at a cost, or breaks (and which
limit), with its monthly cost."""

from __future__ import annotations

from html import escape

import ipywidgets as widgets
import numpy as np
import plotly.graph_objects as go

from aws_compute_course.topics.architectures import catalog, cost, limits
from aws_compute_course.topics.architectures.workload import SHAPES, Workload
from aws_compute_course.widgets import Explorer, View, explorable

VERDICT_COLOR = {"fits": "#2ca02c", "fits at a cost": "#ff7f0e", "breaks": "#d62728"}
NAMES = [a.name for a in catalog.ARCHITECTURES]


def fit_view(
    *,
    duration_ms: float,
    request_kb: float,
    latency_ms: int,
    shape: str,
    sync: bool,
    volume: float,
) -> View:
    """One bar per architecture: its monthly cost, coloured by its verdict."""
    w = Workload(
        volume,
        shape,
        float(duration_ms),
        request_kb=float(request_kb),
        latency_ms=float(latency_ms),
        sync=sync,
    )
    fits = limits.check_all(w)
    bills = cost.cost_curves(w, np.array([volume]), step=15)
    verdicts = [fits[a].verdict for a in catalog.IDS]
    hover = [
        "<br>".join(escape(f"{c.verdict}: {c.detail}") for c in fits[a].checks) or "fits"
        for a in catalog.IDS
    ]
    counts = {v: verdicts.count(v) for v in VERDICT_COLOR}
    broken = [
        f"<b>{catalog.BY_ID[a].name}</b> ({escape(fits[a].broken[0].detail)})"
        for a in catalog.IDS
        if fits[a].broken
    ]
    readout = (
        f"<b>{counts['fits']}</b> fit as they are, <b>{counts['fits at a cost']}</b> fit at a "
        f"cost, <b>{counts['breaks']}</b> break."
        + (" Breaks: " + "; ".join(broken) + "." if broken else "")
    )
    usd = np.array([bills[a][0] for a in catalog.IDS])
    stub = np.nanmin(usd) / 3  # a short red bar where the pattern cannot run at all (no cost)
    hover = [
        h if np.isfinite(u) else "cannot run here<br>" + h for h, u in zip(hover, usd, strict=True)
    ]
    usd = np.where(np.isfinite(usd), usd, stub)
    bars = {
        "bars": {
            "x": usd,
            "marker.color": [VERDICT_COLOR[v] for v in verdicts],
            "hovertext": hover,
        }
    }
    return View(readout, bars, result=fits)


class FitExplorer(Explorer):
    """Duration, request size, latency objective, traffic shape, synchronous or not."""

    def __init__(self, *, volume: float = 5e7, note: str = "") -> None:
        self.volume = volume
        # "initial": the description gets the room it needs (the default width cuts it)
        wide = {
            "layout": widgets.Layout(width="360px"),
            "continuous_update": False,
            "style": {"description_width": "initial"},
        }
        controls = {
            "duration_ms": widgets.FloatLogSlider(
                value=200,
                base=10,
                min=1,
                max=6.5,
                step=0.1,
                description="Duration ms",
                readout_format=".3s",
                **wide,
            ),
            "request_kb": widgets.FloatLogSlider(
                value=8,
                base=10,
                min=0,
                max=4.5,
                step=0.1,
                description="Request KB",
                readout_format=".3s",
                **wide,
            ),
            "latency_ms": widgets.IntSlider(
                1000, min=50, max=10000, step=50, description="Latency ms", **wide
            ),
            "shape": widgets.Dropdown(options=SHAPES[:3], value="daily", description="Traffic"),
            "sync": widgets.Checkbox(True, description="caller waits for the result"),
        }
        rows = [("duration_ms", "request_kb"), ("latency_ms", "shape"), ("sync",)]
        super().__init__(controls, rows=rows, note=note)

    def initial_figure(self) -> go.Figure:
        return go.Figure(
            go.Bar(
                y=NAMES,
                orientation="h",
                uid="bars",
                hovertemplate="%{y}: $%{x:,.0f}/month<br>%{hovertext}<extra></extra>",
            ),
            layout={
                "title": {
                    "text": "Which architectures fit (green), fit at a cost (orange), break (red)"
                },
                "xaxis": {"type": "log", "title": {"text": "USD per month (at 50 M requests)"}},
                "yaxis": {"autorange": "reversed"},
                "height": 430,
                "autosize": True,  # the output area's width: no fixed width
                "margin": {"l": 300},
            },
        )

    def view(
        self, duration_ms: float, request_kb: float, latency_ms: int, shape: str, sync: bool
    ) -> View:
        return fit_view(
            duration_ms=duration_ms,
            request_kb=request_kb,
            latency_ms=latency_ms,
            shape=shape,
            sync=sync,
            volume=self.volume,
        )


@explorable("architectures")
def fit_explorer() -> FitExplorer:
    """The course's workload-fit explorer (50 million requests a month)."""
    return FitExplorer(
        note=(
            "<p>Hover a bar for every limit the workload meets on that architecture, and the fact "
            "behind it. Orange means a quota to raise or a feature to pay for (provisioned "
            "concurrency, LCU reservation, warm pools); red means a hard limit or a requirement "
            "the pattern cannot meet.</p>"
        )
    )
