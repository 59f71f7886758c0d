"""The cache explorer: TTL, cache size and key popularity against hit ratio, backend load
and monthly cost with and without the cache."""

from __future__ import annotations

from html import escape

import ipywidgets as widgets
import numpy as np
import plotly.graph_objects as go

from aws_compute_course.topics import api_gateway as ag
from aws_compute_course.topics.api_gateway.caching import TTL_DEFAULT, TTL_MAX
from aws_compute_course.widgets import Explorer, View, explorable

TTL_POINTS = np.linspace(0, TTL_MAX, 25)
COST_PARTS = ("API requests", "cache", "backend")
COST_COLORS = {"API requests": "#7f7f7f", "cache": "#1f77b4", "backend": "#ff7f0e"}


def cache_readout(r: ag.CacheResult, ttl_s: int) -> str:
    full = (
        f"the cache is full: entries stay about <b>{r.effective_ttl_s:,.0f} s</b>, not {ttl_s:,} s"
        if r.effective_ttl_s < ttl_s
        else f"every entry fits ({r.entries_wanted:,.0f} of {r.capacity_entries:,} entries)"
    )
    verdict = "saves" if r.saving >= 0 else "costs an extra"
    return " · ".join(
        [
            f"hit ratio <b>{r.hit_ratio:.1%}</b>",
            full,
            f"backend calls <b>{r.backend_calls_with / 1e6:,.1f} M</b> a month instead of "
            f"{r.backend_calls_without / 1e6:,.1f} M",
            f"the {r.price.item.split('cache ')[1]} cache (${r.cache_cost:,.2f} a month) "
            f"<b>{verdict} ${abs(r.saving):,.2f}</b> a month",
        ]
    )


def cache_view(
    *,
    rps: float,
    keys: int,
    zipf_s: float,
    ttl_s: int,
    size_gb: float,
    response_kb: int,
    backend_per_million: float,
) -> View:
    """The hit-ratio curve over TTL for this cache, the chosen TTL, and the monthly costs."""
    r = ag.cache_effect(
        rps=rps,
        keys=keys,
        zipf_s=zipf_s,
        ttl_s=ttl_s,
        size_gb=size_gb,
        response_bytes=response_kb * 1000,
        backend_per_million=backend_per_million,
    )
    rates = rps * ag.zipf_popularity(keys, zipf_s)
    curve = ag.hit_ratio_curve(rates, TTL_POINTS, r.capacity_entries)
    without = {"API requests": r.api_cost, "cache": 0.0, "backend": r.backend_cost_without}
    with_ = {"API requests": r.api_cost, "cache": r.cache_cost, "backend": r.backend_cost_with}
    traces = {"curve": {"y": 100 * curve}, "chosen": {"x": (ttl_s,), "y": (100 * r.hit_ratio,)}}
    for part in COST_PARTS:
        traces[part] = {"y": (without[part], with_[part])}
    return View(cache_readout(r, ttl_s), traces, result=r)


class CacheExplorer(Explorer):
    """TTL, cache size, key count and skew, request rate and response size."""

    def __init__(self, *, backend_per_million: float = 5.0, note: str = "") -> None:
        self.backend_per_million = backend_per_million
        # "initial": the description gets the room it needs (the default width cuts it)
        wide = {
            "layout": widgets.Layout(width="330px"),
            "continuous_update": False,
            "style": {"description_width": "initial"},
        }
        controls = {
            "ttl_s": widgets.IntSlider(
                TTL_DEFAULT, min=0, max=TTL_MAX, step=30, description="TTL (s)", **wide
            ),
            "size_gb": widgets.SelectionSlider(
                options=ag.SIZES_GB, value=0.5, description="Cache GB", **wide
            ),
            "keys": widgets.IntSlider(
                5000, min=10, max=20000, step=10, description="Cache keys", **wide
            ),
            "zipf_s": widgets.FloatSlider(
                0.9, min=0, max=1.5, step=0.05, description="Skew (Zipf)", **wide
            ),
            "rps": widgets.IntSlider(
                100, min=1, max=2000, step=1, description="Requests/s", **wide
            ),
            "response_kb": widgets.IntSlider(
                20, min=1, max=1024, step=1, description="Response KB", **wide
            ),
        }
        rows = [("ttl_s", "size_gb"), ("keys", "zipf_s"), ("rps", "response_kb")]
        super().__init__(controls, rows=rows, note=note)

    def initial_figure(self) -> go.Figure:
        bars = [
            go.Bar(
                x=("without cache", "with cache"),
                name=part,
                marker_color=COST_COLORS[part],
                xaxis="x2",
                yaxis="y2",
                uid=part,
            )
            for part in COST_PARTS
        ]
        return go.Figure(
            [
                go.Scatter(
                    x=TTL_POINTS,
                    name="hit ratio",
                    mode="lines",
                    line={"color": "#1f77b4"},
                    uid="curve",
                ),
                go.Scatter(
                    name="your TTL",
                    mode="markers",
                    marker={"size": 11, "color": "#d62728"},
                    uid="chosen",
                ),
                *bars,
            ],
            layout={
                "title": {
                    "text": "REST API cache: hit ratio and monthly cost (illustrative traffic)"
                },
                "barmode": "stack",
                "xaxis": {"domain": [0, 0.55], "title": {"text": "TTL (s)"}},
                "yaxis": {"range": [0, 100], "title": {"text": "hit ratio (%)"}},
                "xaxis2": {"domain": [0.68, 1], "anchor": "y2"},
                "yaxis2": {
                    "anchor": "x2",
                    "title": {"text": "USD per month"},
                    "rangemode": "tozero",
                },
                "height": 420,
                "autosize": True,  # the output area's width: no fixed width
                "legend": {"orientation": "h", "y": -0.2},
            },
        )

    def view(
        self, ttl_s: int, size_gb: float, keys: int, zipf_s: float, rps: int, response_kb: int
    ) -> View:
        return cache_view(
            rps=rps,
            keys=keys,
            zipf_s=zipf_s,
            ttl_s=ttl_s,
            size_gb=size_gb,
            response_kb=response_kb,
            backend_per_million=self.backend_per_million,
        )


@explorable("api_gateway")
def cache_explorer() -> CacheExplorer:
    """The course's cache explorer (a backend at an illustrative $5 per million calls)."""
    small = ag.cache_price(0.5)
    return CacheExplorer(
        note=(
            "<p>Requests ask for one of the cache keys, the popular ones more often (Zipf "
            "skew; 0 is uniform). Each miss fills an entry that serves hits for the TTL; a full "
            "cache drops the least recently used. The backend's cost per million calls "
            "(<b>$5, illustrative</b>) stands for Lambda, containers or a database behind the "
            "API. Cache prices: the 0.5 GB price "
            f"({escape(small.cite())}); larger sizes are from third-party tables "
            "(confidence L, illustrative).</p>"
        )
    )
