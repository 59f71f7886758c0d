"""Weighted traffic with health checks: the share each endpoint really gets through caching
resolvers, before and after some endpoints fail their health checks."""

from __future__ import annotations

import ipywidgets as widgets
import plotly.graph_objects as go

from aws_compute_course.topics import route53
from aws_compute_course.widgets import Explorer, View, explorable

ENDPOINTS = ("blue", "green", "canary")
COLORS = ("#1f77b4", "#2ca02c", "#ff7f0e")
CHANGE_S = 300
DURATION_S = 900


def weighted_readout(split: route53.TrafficSplit, ttl_s: int, healthy: tuple[bool, ...]) -> str:
    """The readout (HTML): configured vs realised shares, and the drain time."""

    def shares(values) -> str:
        return ", ".join(f"{e} {v:.0%}" for e, v in zip(ENDPOINTS, values, strict=True))

    down = [e for e, ok in zip(ENDPOINTS, healthy, strict=True) if not ok]
    if down:
        change = (
            f"At {CHANGE_S} s {', '.join(down)} fail(s) the health check: Route 53 then aims at "
            f"{shares(split.configured_after)}, but cached answers keep reaching the failed "
            f"endpoint(s) for <b>{split.drain_s:.0f} s</b> (TTL {ttl_s} s)."
        )
    else:
        change = "Every endpoint stays healthy."
    return (
        f"Weights aim at {shares(split.configured_before)}. {change} Over the "
        f"{DURATION_S // 60} minutes clients really went to: <b>{shares(split.realised)}</b>."
    )


def weighted_view(weights: tuple[int, ...], healthy: tuple[bool, ...], ttl_s: int) -> View:
    """The stacked shares over time (``result``: the model's
    :class:`..route53.TrafficSplit`)."""
    split = route53.weighted_traffic(
        list(weights), list(healthy), ttl_s, change_s=CHANGE_S, duration_s=DURATION_S
    )
    x = split.bin_start + 5.0
    traces = {e: {"x": x, "y": 100 * split.share[i]} for i, e in enumerate(ENDPOINTS)}
    return View(weighted_readout(split, ttl_s, healthy), traces, result=split)


class WeightedExplorer(Explorer):
    """Three weight sliders, three health checkboxes (from t = 300 s) and a TTL slider."""

    def __init__(self, weights=(200, 50, 5), ttl_s: int = 60, *, note: str = "") -> None:
        controls: dict[str, widgets.ValueWidget] = {}
        for e, w in zip(ENDPOINTS, weights, strict=True):
            controls[f"w_{e}"] = widgets.IntSlider(
                value=w,
                min=0,
                max=route53.WEIGHT_MAX,
                description=f"{e} weight",
                style={"description_width": "initial"},
            )
        for e in ENDPOINTS:
            controls[f"ok_{e}"] = widgets.Checkbox(
                value=True, description=f"{e} healthy after {CHANGE_S} s"
            )
        controls["ttl_s"] = widgets.IntSlider(
            value=ttl_s, min=10, max=300, step=10, description="TTL (s)"
        )
        rows = [tuple(f"w_{e}" for e in ENDPOINTS), tuple(f"ok_{e}" for e in ENDPOINTS), ("ttl_s",)]
        super().__init__(controls, rows=rows, note=note)

    def initial_figure(self) -> go.Figure:
        return go.Figure(
            [
                go.Scatter(
                    name=e, uid=e, stackgroup="share", mode="lines",
                    line={"width": 0.5, "color": c},
                )
                for e, c in zip(ENDPOINTS, COLORS, strict=True)
            ],
            layout={
                "title": {"text": "Share of client queries per endpoint (10-second bins)"},
                "xaxis": {"title": {"text": "seconds"}, "range": [0, DURATION_S]},
                "yaxis": {"title": {"text": "share of queries (%)"}, "range": [0, 100]},
                "shapes": [{"type": "line", "x0": CHANGE_S, "x1": CHANGE_S, "y0": 0, "y1": 100,
                            "line": {"dash": "dot", "color": "black", "width": 1}}],
                "height": 360,
                "autosize": True,  # the output area's width: no fixed width
                "legend": {"orientation": "h", "y": -0.2},
            },
        )  # fmt: skip

    def view(self, **values) -> View:
        weights = tuple(values[f"w_{e}"] for e in ENDPOINTS)
        healthy = tuple(values[f"ok_{e}"] for e in ENDPOINTS)
        return weighted_view(weights, healthy, values["ttl_s"])


@explorable("route53")
def weighted_explorer() -> WeightedExplorer:
    """The course's weighted-traffic explorer: blue/green with a small canary."""
    return WeightedExplorer(
        note=(
            "<p>Three weighted records with health checks, 300 resolvers whose client "
            "volumes are <b>illustrative</b> (seeded log-normal: a few big resolvers carry "
            "much of the traffic). Route 53 draws a record per resolver query; each resolver "
            "sends all its clients to that answer until the TTL expires.</p>"
        )
    )
