"""Capacity provider split: base and weights over FARGATE and FARGATE_SPOT, and a
Spot reclamation."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
import plotly.graph_objects as go

from aws_compute_course.topics import ecs_fargate as ecs
from aws_compute_course.widgets import Explorer, View, explorable

WIDE = {"description_width": "initial"}  # the default description width cuts longer labels

PROVIDERS = ("FARGATE", "FARGATE_SPOT")
NOTICE = ecs.capacity.NOTICE_MINUTES


def split_readout(r: ecs.Reclamation, desired: int) -> str:
    """The split and what the reclamation did, in words."""
    head = " · ".join(f"{p} <b>{r.before[p]}</b>" for p in PROVIDERS)
    if not r.stopped:
        return f"{desired} tasks: {head}. No Fargate Spot task is reclaimed."
    return (
        f"{desired} tasks: {head}.<br>Spot capacity reclaimed: <b>{r.stopped}</b> FARGATE_SPOT "
        f"tasks get SIGTERM and a {NOTICE}-minute warning, then stop. Their replacements "
        f"follow the same strategy, so they wait for Spot capacity: the service runs "
        f"<b>{r.running_total}</b> of {desired} until it returns (ECS does not move them to "
        "FARGATE; only the base and FARGATE's weight keep On-Demand tasks)."
    )


def split_view(desired: int, base: int, weight: int, spot_weight: int, reclaimed: float) -> View:
    """Tasks per provider before and after the reclamation."""
    try:
        strategy = [
            ecs.ProviderItem("FARGATE", base=base, weight=weight),
            ecs.ProviderItem("FARGATE_SPOT", weight=spot_weight),
        ]
        r = ecs.reclaim_spot(strategy, desired, reclaimed)
    except ValueError as err:
        zero = np.zeros(2)
        return View(f"<b>Not a valid strategy:</b> {err}", {
            "running": {"y": zero}, "stopped": {"y": zero}})  # fmt: skip
    running = np.array([r.running[p] for p in PROVIDERS], dtype=float)
    stopped = np.array([0, r.stopped], dtype=float)
    return View(
        split_readout(r, desired),
        {"running": {"y": running}, "stopped": {"y": stopped}},
        result=r,
    )


class CapacitySplitExplorer(Explorer):
    """Desired count, FARGATE base and weight, FARGATE_SPOT weight, share reclaimed."""

    def __init__(self, desired: int = 10, note: str = "") -> None:
        controls = {
            "desired": widgets.IntSlider(desired, min=1, max=50, description="Desired"),
            "base": widgets.IntSlider(2, min=0, max=desired, description="FARGATE base",
                                      style=WIDE),
            "weight": widgets.IntSlider(1, min=0, max=10, description="FARGATE weight",
                                        style=WIDE),
            "spot_weight": widgets.IntSlider(3, min=0, max=10, description="SPOT weight",
                                             style=WIDE),
            "reclaimed": widgets.FloatSlider(0.0, min=0.0, max=1.0, step=0.1,
                                             description="Spot reclaimed", style=WIDE),
        }  # fmt: skip
        rows = [("desired", "base"), ("weight", "spot_weight", "reclaimed")]
        super().__init__(controls, rows=rows, note=note)

    def initial_figure(self) -> go.Figure:
        x = list(PROVIDERS)
        return go.Figure(
            [
                go.Bar(x=x, name="running", uid="running", marker_color="#2e86c1"),
                go.Bar(
                    x=x,
                    name="stopped, waiting for Spot capacity",
                    uid="stopped",
                    marker_color="#c0392b",
                ),
            ],
            layout={
                "title": {"text": "A service's tasks per capacity provider"},
                "barmode": "stack",
                "xaxis": {"title": {"text": "capacity provider"}},
                "yaxis": {"title": {"text": "tasks"}, "rangemode": "tozero"},
                "height": 360,
                "autosize": True,  # the output area's width: no fixed width
                "legend": {"orientation": "h", "y": -0.25},
            },
        )

    def adjust(self, desired: int, base: int, weight: int, spot_weight: int, reclaimed: float):
        return {"base": {"max": desired}}

    def view(
        self, desired: int, base: int, weight: int, spot_weight: int, reclaimed: float
    ) -> View:
        return split_view(desired, base, weight, spot_weight, reclaimed)


@explorable("ecs_fargate")
def capacity_split_explorer(desired: int = 10) -> CapacitySplitExplorer:
    """The course's capacity provider explorer."""
    return CapacitySplitExplorer(
        desired,
        note=(
            "<p>A capacity provider strategy of FARGATE (with the base) and FARGATE_SPOT. "
            "The base is placed first, the rest by weight; the reclaimed slider takes that "
            "share of the Spot tasks back (a what-if, not a forecast).</p>"
        ),
    )
