"""The spike-response explorer: a sudden jump in traffic; what one architecture serves,
drops or queues minute by minute, and every architecture's share dropped."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
import plotly.graph_objects as go

from aws_compute_course.topics.architectures import catalog, spike
from aws_compute_course.widgets import Explorer, View, explorable

MINUTES = np.arange(spike.MINUTES)
NAMES = [a.name for a in catalog.ARCHITECTURES]


def spike_view(*, architecture: str, factor: float, base_rps: int, duration_ms: int) -> View:
    """The chosen architecture's curves and everyone's dropped share."""
    runs = spike.spike_response(float(base_rps), float(factor), float(duration_ms))
    r = runs[architecture]
    name = catalog.BY_ID[architecture].name
    worst = max(catalog.IDS, key=lambda a: runs[a].dropped_percent)
    clean = [catalog.BY_ID[a].name for a in catalog.IDS if runs[a].dropped_percent < 0.5]
    queue = (
        f" The queue peaks at <b>{r.max_queue:,.0f}</b> messages and is "
        + ("empty again" if r.queued[-1] < 1 else f"still {r.queued[-1]:,.0f} deep")
        + " at the end."
        if r.max_queue > 0
        else ""
    )
    readout = (
        f"A {factor:g}× spike ({base_rps:,} → {base_rps * factor:,.0f} requests/s for 10 "
        f"minutes): <b>{name}</b> drops <b>{r.dropped_percent:.1f} %</b> of the 30 minutes' "
        f"requests.{queue} Worst: {catalog.BY_ID[worst].name} "
        f"({runs[worst].dropped_percent:.1f} %). Nothing dropped: "
        + (", ".join(clean) if clean else "none")
        + "."
    )
    traces = {
        "arrivals": {"y": r.arrivals},
        "served": {"y": r.served},
        "dropped": {"y": r.dropped},
        "queued": {"y": r.queued},
        "share": {"x": np.array([runs[a].dropped_percent for a in catalog.IDS])},
    }
    return View(readout, traces, result=r)


class SpikeExplorer(Explorer):
    """Architecture, spike factor, base rate and request duration."""

    def __init__(self, *, note: str = "") -> None:
        # "initial": the description gets the room it needs (the default width cuts it)
        wide = {
            "layout": widgets.Layout(width="340px"),
            "continuous_update": False,
            "style": {"description_width": "initial"},
        }
        controls = {
            "factor": widgets.FloatSlider(
                10, min=1, max=20, step=0.5, description="Spike ×", **wide
            ),
            "base_rps": widgets.IntSlider(
                200, min=10, max=2000, step=10, description="Base req/s", **wide
            ),
            "duration_ms": widgets.IntSlider(
                100, min=10, max=2000, step=10, description="Duration ms", **wide
            ),
            "architecture": widgets.Dropdown(
                options=[(a.name, a.id) for a in catalog.ARCHITECTURES],
                value="asg_alb",
                description="Show",
                layout=widgets.Layout(width="420px"),
            ),
        }
        rows = [("factor", "base_rps"), ("duration_ms", "architecture")]
        super().__init__(controls, rows=rows, note=note)

    def initial_figure(self) -> go.Figure:
        line = {"mode": "lines", "x": MINUTES}
        return go.Figure(
            [
                go.Scatter(
                    name="arrivals", uid="arrivals", line={"color": "black", "dash": "dot"}, **line
                ),
                go.Scatter(
                    name="served", uid="served", line={"color": "#2ca02c"}, fill="tozeroy", **line
                ),
                go.Scatter(name="dropped", uid="dropped", line={"color": "#d62728"}, **line),
                go.Scatter(
                    name="queued (messages)",
                    uid="queued",
                    line={"color": "#1f77b4"},
                    yaxis="y3",
                    **line,
                ),
                go.Bar(
                    name="dropped %",
                    uid="share",
                    y=NAMES,
                    orientation="h",
                    xaxis="x2",
                    yaxis="y2",
                    marker_color="#d62728",
                    showlegend=False,
                ),
            ],
            layout={
                "title": {"text": "A sudden spike: served, dropped and queued requests"},
                "xaxis": {"domain": [0, 0.5], "title": {"text": "minute"}},
                "yaxis": {"title": {"text": "requests per second"}, "rangemode": "tozero"},
                "yaxis3": {
                    "overlaying": "y",
                    "side": "right",
                    "showgrid": False,
                    "title": {"text": "queued messages"},
                    "rangemode": "tozero",
                },
                "xaxis2": {
                    "domain": [0.78, 1],
                    "anchor": "y2",
                    "range": [0, 100],
                    "title": {"text": "dropped (% of requests)"},
                },
                "yaxis2": {"anchor": "x2", "autorange": "reversed", "tickfont": {"size": 9}},
                "height": 450,
                "autosize": True,  # the output area's width: no fixed width
                "legend": {"orientation": "h", "y": -0.2},
            },
        )

    def view(self, factor: float, base_rps: int, duration_ms: int, architecture: str) -> View:
        return spike_view(
            architecture=architecture, factor=factor, base_rps=base_rps, duration_ms=duration_ms
        )


@explorable("architectures")
def spike_explorer() -> SpikeExplorer:
    """The course's spike-response explorer."""
    return SpikeExplorer(
        note=(
            "<p>Traffic jumps at minute 5 and falls back at minute 15. Instances take about "
            f"{catalog.LAUNCH_MINUTES['ec2']} minutes to serve, container tasks about "
            f"{catalog.LAUNCH_MINUTES['task']} (the course's illustrative figures); Lambda adds up "
            "to 1,000 execution environments every 10 seconds up to the account's concurrency; API "
            "Gateway's account throttle caps what reaches Lambda or the queue. Requests beyond "
            "the capacity are dropped, except on the queue, which keeps them for the workers.</p>"
        )
    )
