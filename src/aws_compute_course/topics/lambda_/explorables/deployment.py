"""Deployments: an alias's traffic split over time for every CodeDeploy deployment type."""

from __future__ import annotations

import ipywidgets as widgets
import plotly.graph_objects as go

from aws_compute_course.topics import lambda_ as L
from aws_compute_course.topics.lambda_.explorables.memory import BLUE, GREEN, GREY, ORANGE, RED
from aws_compute_course.widgets import Explorer, View, explorable


def deployment_view(
    name: str,
    *,
    alarm_at_minute: float | None = None,
    pre_traffic_ok: bool = True,
    post_traffic_ok: bool = True,
    requests_per_minute: float = 1000.0,
    window_minutes: float | None = None,
) -> View:
    """The alias's traffic split over ``window_minutes`` (a step line of every change, held
    to the end), the deployment's events, and a readout. Without ``window_minutes`` the x
    axis spans the deployment and a tenth more, so a 10-minute canary fills the chart.

    ``result`` is the model's :class:`..lambda_.Deployment`.
    """
    d = L.deploy(
        name,
        alarm_at_minute=alarm_at_minute,
        pre_traffic_ok=pre_traffic_ok,
        post_traffic_ok=post_traffic_ok,
    )
    t = d.timeline
    ends = float(d.ends_at)
    end = max(ends * 1.1, ends + 1) if window_minutes is None else max(window_minutes, ends)
    pad = end / 50  # the markers at minute 0 and at the end stay whole
    x = (*t["minute"].astype(float).tolist(), end)
    new = (*t["new_percent"].astype(float).tolist(), float(t["new_percent"].iloc[-1]))
    exposed = L.requests_to_new_version(d, requests_per_minute)
    status = {
        "succeeded": f"<b style='color: {GREEN}'>succeeded</b> at minute {d.ends_at:g}",
        "rolled_back": f"<b style='color: {RED}'>rolled back</b> at minute {d.ends_at:g}",
        "pre_traffic_failed": f"<b style='color: {RED}'>stopped</b>: the pre-traffic hook failed",
    }[d.status]
    readout = " · ".join(
        [
            f"<b>{d.config.name}</b> (CodeDeploy: {d.config.codedeploy_name})",
            status,
            f"{exposed:,.0f} requests reached the new version "
            f"(at {requests_per_minute:,.0f} per minute)",
        ]
    )
    traces = {
        "old": {"x": x, "y": tuple(100 - v for v in new)},
        "new": {"x": x, "y": new},
        "events": {
            "x": tuple(t["minute"].astype(float)),
            "y": tuple(t["new_percent"].astype(float)),
            "text": tuple(t["event"]),
        },
    }
    return View(readout, traces, {"xaxis.range": (-pad, end + pad)}, result=d)


class DeploymentExplorer(Explorer):
    """Pick a deployment type, inject an alarm or a failing hook, watch the alias weights.

    The alarm's minute slider is enabled while the alarm checkbox is ticked.
    """

    def __init__(self, *, name: str = "Canary10Percent10Minutes", window: float = 100.0) -> None:
        controls = {
            "name": widgets.Dropdown(options=L.DEPLOYMENT_TYPES, value=name, description="Type"),
            "pre_ok": widgets.Checkbox(value=True, description="pre-traffic hook passes"),
            "post_ok": widgets.Checkbox(value=True, description="post-traffic hook passes"),
            "alarm": widgets.Checkbox(value=False, description="Alarm fires at", indent=False),
            "alarm_minute": widgets.FloatSlider(
                value=4, min=0, max=window, step=0.5, description="minute"
            ),
        }
        rows = [("name", "pre_ok", "post_ok"), ("alarm", "alarm_minute")]
        super().__init__(controls, rows=rows)

    def initial_figure(self) -> go.Figure:
        return go.Figure(
            [
                go.Scatter(name="old version", line={"color": GREY, "shape": "hv"}, uid="old"),
                go.Scatter(
                    name="new version", line={"color": BLUE, "width": 3, "shape": "hv"}, uid="new"
                ),
                go.Scatter(
                    mode="markers",
                    name="events",
                    marker={"color": ORANGE, "size": 8},
                    hovertemplate="minute %{x}: %{text}<extra></extra>",
                    uid="events",
                ),
            ],
            layout={
                "title": {"text": "Alias traffic during a CodeDeploy deployment"},
                "xaxis": {"title": {"text": "minutes"}},
                "yaxis": {"title": {"text": "% of invocations"}, "range": [-5, 105]},
                "height": 380,
                "autosize": True,  # the output area's width: no fixed width
                "legend": {"orientation": "h", "y": -0.25},
            },
        )

    def adjust(self, alarm: bool, **_: object) -> dict:
        return {"alarm_minute": {"disabled": not alarm}}

    def view(
        self, name: str, pre_ok: bool, post_ok: bool, alarm: bool, alarm_minute: float
    ) -> View:
        return deployment_view(
            name,
            alarm_at_minute=float(alarm_minute) if alarm else None,
            pre_traffic_ok=pre_ok,
            post_traffic_ok=post_ok,
        )


@explorable("lambda")
def deployment_explorer() -> DeploymentExplorer:
    """The course's deployment explorer (every SAM deployment type)."""
    return DeploymentExplorer()
