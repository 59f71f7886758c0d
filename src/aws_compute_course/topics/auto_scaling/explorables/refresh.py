"""The Instance Refresh timeline: old and new instances over time, with checkpoints, a
failed health check and rollback."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
import plotly.graph_objects as go

from aws_compute_course.topics.auto_scaling import instance_refresh
from aws_compute_course.topics.auto_scaling.refresh import MAX_HEALTHY_MAX
from aws_compute_course.widgets import Explorer, View, explorable

OLD_COLOR, NEW_COLOR, LAUNCH_COLOR = "#7f7f7f", "#2ca02c", "#ff7f0e"


def refresh_view(
    desired: int,
    min_healthy: int,
    max_healthy: int,
    checkpoint: int,
    healthy: bool,
    rollback: bool,
) -> View:
    """Stacked old / new / launching per minute, and the readout. ``result`` is the
    :class:`..auto_scaling.RefreshTimeline`."""
    run = instance_refresh(
        desired,
        min_healthy,
        max_healthy_percent=max_healthy,
        checkpoints=(checkpoint,) if checkpoint else (),
        checkpoint_delay_minutes=30,
        new_healthy=healthy,
        auto_rollback=rollback,
    )
    x = np.arange(len(run.old), dtype=np.float32)
    status = {
        "Successful": "<b>Successful</b>",
        "Failed": "<b style='color:#d62728'>Failed</b>: the group is left part old, part new",
        "RollbackSuccessful": "<b>Failed, then rolled back</b> to the old configuration",
    }[run.status]
    readout = (
        f"{status} after <b>{run.minutes} min</b>; {run.batch} instance(s) per batch; "
        f"never fewer than <b>{run.lowest_in_service}</b> of {desired} in service. "
        + " · ".join(f"{t} min: {text}" for t, text in run.events[1:4])
        + (" · …" if len(run.events) > 4 else "")
    )
    traces = {
        "old": {"x": x, "y": run.old.astype(np.float32)},
        "new": {"x": x, "y": run.new.astype(np.float32)},
        "launching": {"x": x, "y": run.launching.astype(np.float32)},
    }
    return View(readout, traces, result=run)


class RefreshExplorer(Explorer):
    """Minimum and maximum healthy percentage, a checkpoint, and a failing new version."""

    def __init__(self, *, note: str = "") -> None:
        style = {"description_width": "130px"}
        controls = {
            "min_healthy": widgets.IntSlider(
                value=90, min=0, max=100, step=10, description="Min healthy %", style=style
            ),
            "max_healthy": widgets.IntSlider(
                value=100,
                min=100,
                max=MAX_HEALTHY_MAX,
                step=10,
                description="Max healthy %",
                style=style,
            ),
            "checkpoint": widgets.IntSlider(
                value=0, min=0, max=90, step=10, description="Checkpoint % (0: none)", style=style
            ),
            "desired": widgets.IntSlider(value=10, min=2, max=20, description="Instances"),
            "healthy": widgets.Checkbox(value=True, description="New version passes health checks"),
            "rollback": widgets.Checkbox(value=False, description="Auto rollback"),
        }
        rows = [("min_healthy", "max_healthy", "checkpoint"), ("desired", "healthy", "rollback")]
        super().__init__(controls, rows=rows, note=note)

    def initial_figure(self) -> go.Figure:
        def area(name: str, color: str, uid: str) -> go.Scatter:
            return go.Scatter(
                name=name,
                mode="lines",
                stackgroup="one",
                line={"color": color, "shape": "hv", "width": 0.5},
                uid=uid,
            )

        return go.Figure(
            [
                area("old configuration", OLD_COLOR, "old"),
                area("new configuration", NEW_COLOR, "new"),
                area("launching (not in service)", LAUNCH_COLOR, "launching"),
            ],
            layout={
                "title": {"text": "Instance Refresh: old and new instances over time"},
                "xaxis": {"title": {"text": "minutes since the refresh started"}},
                "yaxis": {"title": {"text": "instances"}, "rangemode": "tozero"},
                "height": 380,
                "autosize": True,  # the output area's width: no fixed width
                "legend": {"orientation": "h", "y": -0.22},
            },
        )

    def view(self, **values: object) -> View:
        return refresh_view(**values)


@explorable("auto_scaling")
def refresh_explorer() -> RefreshExplorer:
    """A refresh of 5-minute launches with a 5-minute instance warmup (illustrative)."""
    return RefreshExplorer(
        note=(
            "<p>Each new instance takes 5 minutes to launch and 5 more to warm up before "
            "it counts as healthy (<b>illustrative</b> times); a checkpoint waits 30 "
            "minutes. A failing new version fails at its first batch in this model.</p>"
        ),
    )
