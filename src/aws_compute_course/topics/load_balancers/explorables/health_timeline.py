"""The health-check timeline: a target fails at t = 0 and recovers later; when the load
balancer stops sending it requests and when it sends them again, for the chosen settings."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
import plotly.graph_objects as go

from aws_compute_course.topics.load_balancers import health
from aws_compute_course.widgets import Explorer, View, explorable

HORIZON = 900.0


def health_readout(hc: health.HealthCheck, tl: health.Timeline, recover_at: int) -> str:
    """The timeline in words (HTML)."""
    out = (
        "never within the window"
        if tl.unhealthy_at is None
        else f"<b>{tl.unhealthy_at:.0f} s</b> after the failure"
    )
    back = (
        "not within the window"
        if tl.healthy_again_at is None
        else f"<b>{tl.healthy_again_at - recover_at:.0f} s</b> after it recovers"
    )
    worst = health.time_to_unhealthy(hc)
    return (
        f"The target is taken out {out} (worst case {worst:.0f} s: {hc.unhealthy_threshold} "
        f"failed checks {hc.interval} s apart plus the {hc.timeout} s timeout), and gets "
        f"requests again {back} ({hc.healthy_threshold} passed checks). Until it is out, "
        "its requests fail."
    )


def health_view(
    interval: int, timeout: int, unhealthy_threshold: int, healthy_threshold: int, recover_at: int
) -> View:
    """The in-service state over time and the check results (pure)."""
    hc = health.HealthCheck(interval, timeout, healthy_threshold, unhealthy_threshold)
    tl = health.timeline(hc, recover_at=recover_at, horizon=HORIZON)
    x = np.r_[0.0, tl.check_times, HORIZON]
    y = np.r_[1.0, tl.healthy_after.astype(float), float(tl.healthy_after[-1])]
    return View(
        health_readout(hc, tl, recover_at),
        {
            "state": {"x": x, "y": y},
            "passed": {"x": tl.check_times[tl.passed], "y": np.full(int(tl.passed.sum()), 1.1)},
            "failed": {
                "x": tl.check_times[~tl.passed],
                "y": np.full(int((~tl.passed).sum()), -0.1),
            },
            "recovered": {"x": np.array([recover_at, recover_at])},
        },
        result=tl,
    )


class HealthTimelineExplorer(Explorer):
    """Health check settings (sliders) and the recovery time; the state as a step line."""

    def __init__(self) -> None:
        hc = health.HealthCheck()
        controls = {
            "interval": widgets.IntSlider(
                value=hc.interval, min=health.INTERVAL_MIN, max=60, description="interval (s)"
            ),
            "timeout": widgets.IntSlider(
                value=hc.timeout, min=health.TIMEOUT_MIN, max=59, description="timeout (s)"
            ),
            "unhealthy_threshold": widgets.IntSlider(
                value=hc.unhealthy_threshold,
                min=health.THRESHOLD_MIN,
                max=health.THRESHOLD_MAX,
                description="unhealthy after",
            ),
            "healthy_threshold": widgets.IntSlider(
                value=hc.healthy_threshold,
                min=health.THRESHOLD_MIN,
                max=health.THRESHOLD_MAX,
                description="healthy after",
            ),
            "recover_at": widgets.IntSlider(
                value=300, min=0, max=600, step=10, description="recovers at (s)"
            ),
        }
        super().__init__(
            controls,
            rows=[
                ("interval", "timeout"),
                ("unhealthy_threshold", "healthy_threshold"),
                ("recover_at",),
            ],
            note="<p>A target stops answering at t = 0 s (each check times out).</p>",
        )

    def initial_figure(self) -> go.Figure:
        return go.Figure(
            [
                go.Scatter(name="in service", mode="lines", line={"shape": "hv"}, uid="state"),
                go.Scatter(
                    name="check passed", mode="markers", marker={"color": "green"}, uid="passed"
                ),
                go.Scatter(
                    name="check failed", mode="markers", marker={"color": "red"}, uid="failed"
                ),
                go.Scatter(
                    name="target recovers",
                    mode="lines",
                    y=[-0.2, 1.2],
                    line={"dash": "dot", "color": "grey"},
                    uid="recovered",
                ),
            ],
            layout={
                "title": {"text": "Health checks after a failure at t = 0"},
                "xaxis": {"title": {"text": "time since the failure (s)"}, "range": [0, HORIZON]},
                "yaxis": {
                    "title": {"text": "receives requests (1 yes, 0 no)"},
                    "range": [-0.25, 1.25],
                },
                "height": 360,
            },
        )

    def adjust(self, interval: int, **_: object) -> dict:
        return {"timeout": {"max": interval - 1}}

    def view(self, **values: object) -> View:
        return health_view(**values)  # type: ignore[arg-type]


@explorable("load_balancers")
def health_timeline_explorer() -> HealthTimelineExplorer:
    """The course's health-check timeline (AWS's default settings to start)."""
    return HealthTimelineExplorer()
