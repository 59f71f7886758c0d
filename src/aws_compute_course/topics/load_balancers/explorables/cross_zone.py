"""The cross-zone explorer: targets per AZ, load balancer type, cross-zone on or off, an AZ
whose targets all fail; each target's share of the traffic as bars."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
import plotly.graph_objects as go

from aws_compute_course.topics.load_balancers import distribution as dist
from aws_compute_course.widgets import Explorer, View, explorable

AZS = ("a", "b", "c")
AZ_COLORS = ("#1f77b4", "#ff7f0e", "#2ca02c")
MAX_PER_AZ = 10
UNHEALTHY_COLOR = "#bbbbbb"


def _labels(counts: tuple[int, ...]) -> list[str]:
    return [f"{AZS[z]}{i + 1}" for z, c in enumerate(counts) for i in range(c)]


def cross_zone_readout(d: dist.Distribution, lb_type: str, cross_zone: bool, failed: str) -> str:
    """What the distribution means, in words (HTML)."""
    if not d.target_share.size:
        return "No targets registered: the load balancer has nowhere to send traffic."
    labels = _labels(tuple(np.bincount(d.target_az, minlength=d.node_share.size)))
    hottest = labels[int(np.argmax(d.target_share))]
    even = f", <b>{d.imbalance:.2f}×</b> an even share ({d.even_share:.1%})" if d.even_share else ""
    parts = [
        f"Hottest target <b>{hottest}</b> gets <b>{d.hottest_share:.1%}</b> of all traffic{even}."
    ]
    if cross_zone:
        parts.append("Cross-zone <b>on</b>: every node spreads over all healthy targets.")
    else:
        parts.append("Cross-zone <b>off</b>: each node keeps its own AZ's clients in the AZ.")
    default = dist.default_cross_zone(lb_type)
    setting = "is the default" if cross_zone == default else "is not the default"
    if lb_type == "ALB" and not cross_zone:
        setting = "is possible only per target group (then no stickiness, no Lambda targets)"
    if lb_type == "CLB":
        setting = "is the default when it is created in the console (on) or the API (off)"
    article = "an" if lb_type[0] in "AN" else "a"
    parts.append(f"For {article} {lb_type} this {setting}.")
    if dist.inter_az_charged(lb_type) and d.cross_az_share > 0:
        parts.append(
            f"<b>{d.cross_az_share:.0%}</b> of traffic crosses AZs: charged as inter-AZ data."
        )
    elif d.cross_az_share > 0:
        parts.append(f"{d.cross_az_share:.0%} crosses AZs, free for {lb_type}.")
    if d.fail_open:
        parts.append("<b>Every AZ is unhealthy: the load balancer fails open</b> to all targets.")
    elif failed != "none" and not d.node_in_dns[AZS.index(failed)]:
        parts.append(f"AZ {failed} has no healthy target: its node left DNS.")
    if d.dropped_share > 0:
        parts.append(f"<b>{d.dropped_share:.0%} of traffic is lost</b> at nodes without targets.")
    return " ".join(parts)


def cross_zone_view(
    az_a: int, az_b: int, az_c: int, azs: int, lb_type: str, cross_zone: bool, failed_az: str
) -> View:
    """Bars of each target's share for the controls' values (pure; numbers from the model)."""
    counts = (az_a, az_b, az_c)[:azs]
    failed = failed_az if failed_az in AZS[:azs] else "none"
    healthy = [0 if failed == AZS[z] else c for z, c in enumerate(counts)]
    d = dist.distribute(list(counts), cross_zone, healthy_per_az=healthy)
    colors = [
        AZ_COLORS[z] if ok else UNHEALTHY_COLOR
        for z, ok in zip(d.target_az, d.target_healthy, strict=True)
    ]
    even = 100 * d.even_share
    labels = _labels(counts)
    return View(
        cross_zone_readout(d, lb_type, cross_zone, failed),
        {
            "shares": {
                "x": labels,
                "y": np.round(100 * d.target_share, 3),
                "marker.color": colors,
            },
            "even": {"x": labels[:1] + labels[-1:], "y": np.array([even, even])},
        },
        result=d,
    )


class CrossZoneExplorer(Explorer):
    """Targets per AZ (sliders), type, cross-zone toggle and a failed AZ; per-target bars."""

    def __init__(self, targets: tuple[int, int, int] = (2, 8, 0), azs: int = 2) -> None:
        sliders = {
            f"az_{z}": widgets.IntSlider(
                value=n, min=0, max=MAX_PER_AZ, description=f"AZ {z} targets"
            )
            for z, n in zip(AZS, targets, strict=True)
        }
        controls = {
            **sliders,
            "azs": widgets.Dropdown(options=[2, 3], value=azs, description="AZs"),
            "lb_type": widgets.Dropdown(options=dist.LB_TYPES, value="NLB", description="Type"),
            "cross_zone": widgets.Checkbox(value=False, description="Cross-zone on", indent=False),
            "failed_az": widgets.Dropdown(
                options=["none", *AZS], value="none", description="Failed AZ"
            ),
        }
        super().__init__(
            controls,
            rows=[("az_a", "az_b", "az_c"), ("azs", "lb_type", "cross_zone", "failed_az")],
            note=(
                "<p>Clients reach one load balancer node per AZ (DNS gives them equally); "
                "each node spreads its share over targets. Grey bars: unhealthy targets.</p>"
            ),
        )

    def initial_figure(self) -> go.Figure:
        return go.Figure(
            [
                go.Bar(name="share of traffic", uid="shares", hovertemplate="%{x}: %{y:.1f}%"),
                go.Scatter(
                    name="even share",
                    mode="lines+markers",  # markers: a flat line alone has an empty bounding box
                    line={"dash": "dash", "color": "black"},
                    marker={"size": 6},
                    uid="even",
                ),
            ],
            layout={
                "title": {"text": "Each target's share of the traffic"},
                "xaxis": {"title": {"text": "target (AZ and number)"}, "type": "category"},
                "yaxis": {"title": {"text": "share of all requests (%)"}, "rangemode": "tozero"},
                "height": 380,
                "showlegend": True,
                "legend": {"orientation": "h", "y": 1.12},
            },
        )

    def adjust(self, azs: int, **_: object) -> dict:
        return {"az_c": {"disabled": azs < 3}}

    def view(self, **values: object) -> View:
        return cross_zone_view(**values)  # type: ignore[arg-type]


@explorable("load_balancers")
def cross_zone_explorer(
    targets: tuple[int, int, int] = (2, 8, 0), azs: int = 2
) -> CrossZoneExplorer:
    """The course's cross-zone explorer: the classic exam case of 2 and 8 targets in two AZs
    behind an NLB with cross-zone off."""
    return CrossZoneExplorer(targets, azs)
