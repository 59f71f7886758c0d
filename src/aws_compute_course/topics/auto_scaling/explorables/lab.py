"""The scaling lab: demand against in-service capacity for a configuration you set,
side by side with a second one, over a simulated week."""

from __future__ import annotations

from html import escape

import ipywidgets as widgets
import numpy as np
import plotly.graph_objects as go

from aws_compute_course.pricing import on_demand_hourly
from aws_compute_course.topics.auto_scaling import PRESETS, Run
from aws_compute_course.topics.auto_scaling.lab import (
    INSTANCE_TYPE,
    LAB_CAPACITY_RPS,
    POLICY_NAMES,
    SPOT_CHOICES,
    WARM_CHOICES,
    lab_demand,
    lab_group,
    lab_run,
    per_bin,
)
from aws_compute_course.widgets import Explorer, View, explorable

BIN_MINUTES = 10
DEMAND_COLOR = "#7f7f7f"
A_COLOR = "#1f77b4"
B_COLOR = "#ff7f0e"
COMPARE = {
    "target tracking 50 %, cold 5-min launch": {},
    "target tracking 50 %, Stopped warm pool": {"warm_pool": "Stopped"},
    "target tracking 50 % + predictive": {"predictive": True},
    "simple scaling, 300 s cooldown": {"policy": "simple scaling", "target": 70.0},
    "fixed at 40 instances (peak / 50 %)": {"policy": "fixed size", "fixed_size": 40},
}


def days_axis(points: int) -> np.ndarray:
    """Bin starts in days since the start (the x of every trace)."""
    return (np.arange(points) * BIN_MINUTES / 1440).astype(np.float32)


def describe(run: Run) -> str:
    """One configuration's totals, in words."""
    spot = f", {run.interruptions} Spot interruption(s)" if run.interruptions else ""
    return (
        f"under-provisioned <b>{run.minutes_under:,} min</b>, "
        f"<b>{run.unserved_percent:.2f}%</b> of requests over capacity, "
        f"{run.instance_hours:,.0f} instance-hours, <b>${run.cost:,.2f}</b>{spot}"
    )


def lab_readout(a: Run, b: Run, label_a: str, label_b: str) -> str:
    """The readout: both configurations and how A compares with B."""
    cheaper = "less" if a.cost < b.cost else "more"
    fewer = a.minutes_under - b.minutes_under
    gap = f"{abs(fewer):,} fewer" if fewer < 0 else f"{fewer:,} more"
    return (
        f"<b>A</b> ({escape(label_a)}): {describe(a)}<br>"
        f"<b>B</b> ({escape(label_b)}): {describe(b)}<br>"
        f"A costs <b>${abs(a.cost - b.cost):,.2f} {cheaper}</b> than B and has "
        f"<b>{gap}</b> under-provisioned minutes."
    )


def lab_view(
    preset: str,
    target: float,
    launch_minutes: int,
    policy: str,
    warm_pool: str,
    predictive: bool,
    spot: str,
    compare: str,
) -> View:
    """Demand, capacity of A and B (per 10 minutes: peak demand, lowest capacity) and the
    readout. ``result`` is (run A, run B)."""
    group_a = lab_group(policy, target, launch_minutes, warm_pool, predictive, spot)
    run_a, run_b = lab_run(preset, group_a), lab_run(preset, lab_group(**COMPARE[compare]))
    label_a = f"{policy}, {target:g} %, {launch_minutes}-min launch, {warm_pool}"
    label_a += ", predictive" if predictive else ""
    label_a += f", {spot}" if spot != SPOT_CHOICES[0] else ""
    cap = LAB_CAPACITY_RPS
    forecast = per_bin(np.nan_to_num(run_a.forecast, nan=-1.0), BIN_MINUTES, "max") * cap
    known = forecast >= 0  # only the bins with a forecast: no NaN goes to the browser
    return View(
        lab_readout(run_a, run_b, label_a, compare),
        {
            "demand": {"y": per_bin(lab_demand(preset), BIN_MINUTES, "max")},
            "a": {"y": per_bin(run_a.capacity, BIN_MINUTES, "min")},
            "b": {"y": per_bin(run_b.capacity, BIN_MINUTES, "min")},
            "forecast": {"x": days_axis(len(forecast))[known], "y": forecast[known]},
        },
        result=(run_a, run_b),
    )


class ScalingLab(Explorer):
    """Configuration A from the controls, B from a list; the chart and readout compare."""

    def __init__(self, *, preset: str = "flash_spike", note: str = "") -> None:
        self.points = len(lab_demand(preset)) // BIN_MINUTES
        wide = widgets.Layout(width="330px")
        style = {"description_width": "110px"}
        controls = {
            "target": widgets.FloatSlider(
                value=50, min=20, max=90, step=5, description="Target CPU %", style=style
            ),
            "launch_minutes": widgets.IntSlider(
                value=5, min=1, max=20, description="Launch (min)", style=style
            ),
            "preset": widgets.Dropdown(
                options=[(name.replace("_", " "), name) for name in PRESETS],
                value=preset,
                description="Demand",
                style=style,
            ),
            "policy": widgets.Dropdown(
                options=POLICY_NAMES, value="target tracking", description="Policy", style=style
            ),
            "warm_pool": widgets.Dropdown(
                options=WARM_CHOICES, value=WARM_CHOICES[0], description="Warm pool", style=style
            ),
            "predictive": widgets.Checkbox(value=False, description="Predictive scaling"),
            "spot": widgets.Dropdown(
                options=SPOT_CHOICES,
                value=SPOT_CHOICES[0],
                description="Purchase",
                style=style,
                layout=wide,
            ),
            "compare": widgets.Dropdown(
                options=tuple(COMPARE),
                value=next(iter(COMPARE)),
                description="B",
                style=style,
                layout=widgets.Layout(width="420px"),
            ),
        }
        rows = [
            ("target", "launch_minutes", "preset"),
            ("policy", "warm_pool", "predictive"),
            ("spot", "compare"),
        ]
        super().__init__(controls, rows=rows, note=note)

    def initial_figure(self) -> go.Figure:
        x = days_axis(self.points)
        line = {"mode": "lines", "x": x}
        return go.Figure(
            [
                go.Scatter(
                    name="demand (peak per 10 min)",
                    line={"color": DEMAND_COLOR, "width": 1},
                    fill="tozeroy",
                    fillcolor="rgba(127,127,127,0.15)",
                    uid="demand",
                    **line,
                ),
                go.Scatter(
                    name="A: in-service capacity",
                    line={"color": A_COLOR, "width": 2, "shape": "hv"},
                    uid="a",
                    **line,
                ),
                go.Scatter(
                    name="B: in-service capacity",
                    line={"color": B_COLOR, "width": 1.5, "dash": "dash", "shape": "hv"},
                    uid="b",
                    **line,
                ),
                go.Scatter(
                    name="A: predictive forecast",
                    mode="lines",
                    line={"color": A_COLOR, "width": 1, "dash": "dot", "shape": "hv"},
                    uid="forecast",
                ),
            ],
            layout={
                "title": {"text": "Demand against in-service capacity, one simulated week"},
                "xaxis": {"title": {"text": "time (days from Monday 00:00 UTC)"}},
                "yaxis": {"title": {"text": "requests per second"}, "rangemode": "tozero"},
                "height": 430,
                "autosize": True,  # the output area's width: no fixed width
                "margin": {"t": 60, "b": 40},
                "legend": {"orientation": "h", "y": -0.2},
                "hovermode": "x",
            },
        )

    def view(self, **values: object) -> View:
        return lab_view(**values)


@explorable("auto_scaling")
def scaling_lab(preset: str = "flash_spike") -> ScalingLab:
    """The course's scaling lab: an illustrative week of demand, m5.large instances."""
    od = on_demand_hourly(INSTANCE_TYPE)
    return ScalingLab(
        preset=preset,
        note=(
            f"<p>One simulated week, minute by minute. Each {INSTANCE_TYPE} serves "
            f"{LAB_CAPACITY_RPS:g} requests per second at 100% CPU and costs "
            f"${od.price:.3f}/h ({escape(od.cite())}). Demand curves, instance capacity, "
            "warm-start times and Spot prices are <b>illustrative</b>; the scaling rules "
            "follow AWS's documented behaviour as modelled in "
            "<code>auto_scaling.simulate</code>. B is a fixed reference to compare with.</p>"
        ),
    )
