"""The cost-vs-volume explorer: every architecture's monthly cost as requests per month
grow, for a chosen traffic shape and request, with the break-even points marked."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
import plotly.graph_objects as go

from aws_compute_course.topics.architectures import catalog, cost, limits
from aws_compute_course.topics.architectures.workload import SHAPES, Workload
from aws_compute_course.widgets import Explorer, View, explorable

VOLUMES = cost.volume_grid(1e5, 1e10, 41)
COLORS = (
    "#7f7f7f",
    "#bcbd22",
    "#1f77b4",
    "#17becf",
    "#9467bd",
    "#2ca02c",
    "#ff7f0e",
    "#d62728",
    "#e377c2",
    "#8c564b",
    "#393b79",
)
COLOR = dict(zip(catalog.IDS, COLORS, strict=True))


def cheapest_changes(curves: dict[str, np.ndarray]) -> list[tuple[float, str, str]]:
    """(volume, from, to) where the cheapest architecture changes along the grid."""
    ids = list(curves)
    table = np.vstack([curves[a] for a in ids])
    best = np.where(np.isnan(table), np.inf, table).argmin(axis=0)
    out = []
    for i in np.flatnonzero(np.diff(best)):
        a, b = ids[best[i]], ids[best[i + 1]]
        window = slice(i, i + 2)
        cross = cost.break_even(VOLUMES[window], curves[a][window], curves[b][window])
        out.append((cross[0] if cross else float(VOLUMES[i + 1]), a, b))
    return out


def _short(n: float) -> str:
    for unit, size in (("B", 1e9), ("M", 1e6), ("k", 1e3)):
        if n >= size:
            return f"{n / size:,.3g} {unit}"
    return f"{n:,.0f}"


def cost_volume_view(*, volume: float, shape: str, duration_ms: int, cpu_percent: int) -> View:
    """Cost curves, the chosen volume's costs and the break-even points, with a readout."""
    w = Workload(volume, shape, float(duration_ms), float(cpu_percent))
    both = cost.cost_curves(w, np.append(VOLUMES, volume))  # one sizing pass for all
    curves = {a: c[:-1] for a, c in both.items()}
    here = {a: c[-1:] for a, c in both.items()}
    for a in catalog.IDS:  # no line where the architecture breaks for lack of capacity
        curves[a] = np.where(limits.max_volume(a, w) < VOLUMES, np.nan, curves[a])
    fits = limits.check_all(w)
    usable = [a for a in catalog.IDS if fits[a].verdict != "breaks"]
    ranked = sorted(usable, key=lambda a: here[a][0])
    changes = cheapest_changes({a: curves[a] for a in usable})
    traces = {a: {"y": curves[a]} for a in catalog.IDS}
    traces["chosen"] = {
        "x": np.full(len(usable), volume),
        "y": np.array([here[a][0] for a in usable]),
        "text": [catalog.BY_ID[a].name for a in usable],
    }
    traces["even"] = {
        "x": np.array([v for v, _, _ in changes]),
        "y": np.array(
            [
                np.interp(np.log10(v), np.log10(VOLUMES), np.nan_to_num(curves[b]))
                for v, _, b in changes
            ]
        ),
        "text": [f"{catalog.BY_ID[a].name} → {catalog.BY_ID[b].name}" for _, a, b in changes],
    }
    first, second = ranked[0], ranked[1]
    lines = [
        f"At <b>{_short(volume)} requests a month</b> ({w.mean_rps:,.1f}/s on average, "
        f"{w.peak_rps:,.0f}/s at the peak) the cheapest architecture that fits is "
        f"<b>{catalog.BY_ID[first].name}</b> at <b>${here[first][0]:,.0f}</b> a month; next "
        f"{catalog.BY_ID[second].name} at ${here[second][0]:,.0f}.",
    ]
    if changes:
        lines.append(
            "Along the volume axis the cheapest changes: "
            + "; ".join(
                f"{catalog.BY_ID[a].name} → {catalog.BY_ID[b].name} at about {_short(v)}/month"
                for v, a, b in changes
            )
            + "."
        )
    broken = [catalog.BY_ID[a].name for a in catalog.IDS if a not in usable]
    if broken:
        lines.append("Left out (a limit breaks): " + ", ".join(broken) + ".")
    return View("<br>".join(lines), traces, result=here)


class CostVolumeExplorer(Explorer):
    """Monthly volume, traffic shape, request duration and CPU share."""

    def __init__(self, *, note: str = "") -> None:
        # "initial": the description gets the room it needs (the default width cuts it)
        wide = {
            "layout": widgets.Layout(width="360px"),
            "continuous_update": False,
            "style": {"description_width": "initial"},
        }
        controls = {
            "volume": widgets.FloatLogSlider(
                value=5e7,
                base=10,
                min=5,
                max=10,
                step=0.1,
                description="Requests/mo",
                readout_format=".2s",
                **wide,
            ),
            "shape": widgets.Dropdown(options=SHAPES[:3], value="daily", description="Traffic"),
            "duration_ms": widgets.IntSlider(
                100, min=10, max=2000, step=10, description="Duration ms", **wide
            ),
            "cpu_percent": widgets.IntSlider(
                25, min=5, max=100, step=5, description="CPU %", **wide
            ),
        }
        rows = [("volume", "shape"), ("duration_ms", "cpu_percent")]
        super().__init__(controls, rows=rows, note=note)

    def initial_figure(self) -> go.Figure:
        lines = [
            go.Scatter(
                x=VOLUMES,
                name=a.name,
                mode="lines",
                uid=a.id,
                line={"color": COLOR[a.id], "dash": "dot" if a.compute == "lambda" else "solid"},
            )
            for a in catalog.ARCHITECTURES
        ]
        return go.Figure(
            [
                *lines,
                go.Scatter(
                    name="your volume",
                    mode="markers",
                    uid="chosen",
                    marker={"size": 8, "color": "black", "symbol": "line-ns-open"},
                    hovertemplate="%{text}: $%{y:,.0f}<extra></extra>",
                ),
                go.Scatter(
                    name="cheapest changes",
                    mode="markers",
                    uid="even",
                    marker={"size": 12, "color": "#d62728", "symbol": "x"},
                    hovertemplate="%{text}<br>at %{x:.3s}/month<extra></extra>",
                ),
            ],
            layout={
                "title": {"text": "Monthly cost by architecture as volume grows (us-east-1)"},
                "xaxis": {"type": "log", "title": {"text": "requests per month"}},
                "yaxis": {"type": "log", "title": {"text": "USD per month"}},
                "height": 480,
                "autosize": True,  # the output area's width: no fixed width
                "legend": {"font": {"size": 10}},
            },
        )

    def view(self, volume: float, shape: str, duration_ms: int, cpu_percent: int) -> View:
        return cost_volume_view(
            volume=volume, shape=shape, duration_ms=duration_ms, cpu_percent=cpu_percent
        )


@explorable("architectures")
def cost_volume_explorer() -> CostVolumeExplorer:
    """The course's cost-vs-volume explorer."""
    return CostVolumeExplorer(
        note=(
            "<p>Each line is one architecture's bill for a 30-day month at the snapshot's "
            "us-east-1 prices (Spot illustrative), sized by the course's model: a request keeps "
            "a vCPU busy for its CPU share of the duration, servers track 50 % CPU, at least "
            "two of them. Red crosses mark where the cheapest architecture that fits changes. "
            "Architectures that break a limit at the chosen volume are left out of the readout.</p>"
        )
    )
