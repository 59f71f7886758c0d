"""Where does this user go? Geolocation, latency and geoproximity side by side on a world
grid, each point coloured by the Region it reaches."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from aws_compute_course.topics import route53
from aws_compute_course.widgets import Explorer, View, explorable

REGIONS = ("us-east-1", "eu-west-1", "ap-southeast-1")
COLORS = ("#1f77b4", "#ff7f0e", "#2ca02c")
NO_ANSWER_COLOR = "#d3d3d3"
GEOLOCATION = {"NA": 0, "EU": 1, "AS": 2}
"""The geolocation records of the example: North America, Europe and Asia only."""
PANELS = ("geolocation", "latency", "geoproximity")


COLORSCALE = [
    [0.0, NO_ANSWER_COLOR],
    [1 / 6, NO_ANSWER_COLOR],
    [1 / 6, COLORS[0]],
    [0.5, COLORS[0]],
    [0.5, COLORS[1]],
    [5 / 6, COLORS[1]],
    [5 / 6, COLORS[2]],
    [1.0, COLORS[2]],
]
"""Endpoint index -1 (no answer), 0, 1, 2 on cmin=-1 … cmax=2 → grey and the three colours."""


def _colors(index: np.ndarray) -> np.ndarray:
    return index.astype(np.float64)  # numbers on COLORSCALE: cheap to send and to check


def _shares(index: np.ndarray) -> str:
    n = len(index)
    return ", ".join(f"{r} {np.count_nonzero(index == i) / n:.0%}" for i, r in enumerate(REGIONS))


def where_view(grid: route53.WorldGrid, biased: str, bias: int, default: bool) -> View:
    """The three panels' colours and the readout (``result``: panel → endpoint index per
    point, -1 for no answer)."""
    biases = [bias if r == biased else 0 for r in REGIONS]
    geo_index = route53.geolocation_index(grid.continent, GEOLOCATION, 0 if default else None)
    latency = route53.nearest(grid.lat, grid.lon, list(REGIONS))
    geoprox = route53.nearest(grid.lat, grid.lon, list(REGIONS), biases)
    unanswered = int(np.count_nonzero(geo_index < 0))
    moved = int(np.count_nonzero(geoprox != latency))
    no_answer = (
        f"<b>{unanswered}</b> points (South America, Africa, Oceania, Antarctica) get "
        "<b>no answer</b>: geolocation without a default record"
        if unanswered
        else f"the default record sends the other continents to {REGIONS[0]}"
    )
    readout = (
        f"Geolocation: {no_answer}. Latency (the model's distance-based latency): "
        f"{_shares(latency)}. Geoproximity with bias <b>{bias:+d}</b> on <b>{biased}</b>: "
        f"{_shares(geoprox)}; <b>{moved}</b> of {len(latency)} points go elsewhere than "
        "with latency routing."
    )
    return View(
        readout,
        {
            "geolocation": {"marker.color": _colors(geo_index)},
            "latency": {"marker.color": _colors(latency)},
            "geoproximity": {"marker.color": _colors(geoprox)},
        },
        result={"geolocation": geo_index, "latency": latency, "geoproximity": geoprox},
    )


class WhereExplorer(Explorer):
    """A bias slider and the Region it applies to; a default-record checkbox."""

    def __init__(self, grid: route53.WorldGrid, *, note: str = "") -> None:
        self.grid = grid
        controls = {
            "bias": widgets.IntSlider(
                value=0, min=-route53.BIAS_MAX, max=route53.BIAS_MAX, description="Bias"
            ),
            "biased": widgets.Dropdown(options=REGIONS, value=REGIONS[1], description="on Region"),
            "default": widgets.Checkbox(value=False, description="Geolocation default record"),
        }
        super().__init__(controls, note=note)

    def initial_figure(self) -> go.Figure:
        fig = make_subplots(rows=1, cols=3, subplot_titles=[p.capitalize() for p in PANELS],
                            shared_yaxes=True, horizontal_spacing=0.03)  # fmt: skip
        for col, panel in enumerate(PANELS, start=1):
            fig.add_trace(
                go.Scatter(
                    x=self.grid.lon, y=self.grid.lat, mode="markers", uid=panel, name=panel,
                    marker={"size": 5, "symbol": "square", "colorscale": COLORSCALE,
                            "cmin": -1, "cmax": 2}, showlegend=False,
                    hovertemplate="%{y:.0f}°, %{x:.0f}°<extra></extra>",
                ),
                row=1, col=col,
            )  # fmt: skip
            fig.update_xaxes(title_text="longitude (°)", range=[-180, 180], row=1, col=col)
        for region, color in zip(REGIONS, COLORS, strict=True):
            lat, lon = route53.region_position(region)
            for col in (1, 2, 3):
                fig.add_trace(
                    go.Scatter(
                        x=[lon], y=[lat], mode="markers", name=region, uid=f"{region}-{col}",
                        marker={"size": 12, "color": color, "symbol": "star",
                                "line": {"width": 1, "color": "black"}},
                        showlegend=col == 1,
                    ),
                    row=1, col=col,
                )  # fmt: skip
        fig.update_yaxes(title_text="latitude (°)", range=[-60, 75], row=1, col=1)
        fig.update_layout(
            title={"text": "Which Region answers each place (grey: no answer)"},
            height=360, autosize=True, margin={"t": 70, "b": 40},
            legend={"orientation": "h", "y": -0.25},
        )  # fmt: skip
        return fig

    def view(self, bias: int, biased: str, default: bool) -> View:
        return where_view(self.grid, biased, bias, default)


@explorable("route53")
def where_explorer(step_deg: int = 6) -> WhereExplorer:
    """The course's world map: three Regions, geolocation records for NA, EU and AS."""
    return WhereExplorer(
        route53.world_grid(step_deg),
        note=(
            "<p>Endpoints in us-east-1, eu-west-1 and ap-southeast-1. Geolocation records "
            "exist for North America, Europe and Asia only. The grid, its continents and the "
            "Region positions are <b>illustrative</b> (coarse boxes, approximate cities); "
            "latency is the model's assumption (proportional to distance), not Route 53's "
            "measurements.</p>"
        ),
    )
