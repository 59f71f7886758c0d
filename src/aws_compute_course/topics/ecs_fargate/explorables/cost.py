"""Fargate against EC2: monthly cost lines over the task count, and the break-even point."""

from __future__ import annotations

from html import escape

import ipywidgets as widgets
import numpy as np
import plotly.graph_objects as go

from aws_compute_course import pricing
from aws_compute_course.topics import ec2
from aws_compute_course.topics import ecs_fargate as ecs
from aws_compute_course.widgets import Explorer, View, explorable

WIDE = {"description_width": "initial"}  # the default description width cuts longer labels

SIZES = {
    "0.25 vCPU, 0.5 GB": (256, 512),
    "0.5 vCPU, 1 GB": (512, 1024),
    "1 vCPU, 2 GB": (1024, 2048),
    "0.25 vCPU, 2 GB": (256, 2048),
    "1 vCPU, 3 GB": (1024, 3072),
}
ARCHS = {"x86 (Fargate Spot allowed)": "x86_64", "Arm / Graviton (no Fargate Spot)": "arm64"}
MAX_TASKS = 200
COUNTS = np.arange(0, MAX_TASKS + 1)
LINES = (
    ("Fargate", "#2e86c1", "solid"),
    ("Fargate Spot", "#85c1e9", "dash"),
    ("EC2 On-Demand", "#c0392b", "solid"),
    ("EC2 Savings Plan (ceiling)", "#e67e22", "dot"),
    ("EC2 Spot (illustrative)", "#27ae60", "dash"),
)


def cost_readout(c: ecs.CostComparison, arch: str) -> str:
    """The costs at the chosen count, cheapest first, and the break-even utilisation."""
    ranked = sorted(c.monthly.items(), key=lambda kv: kv[1])
    parts = " · ".join(f"{name} <b>${cost:,.0f}</b>" for name, cost in ranked)
    u = c.break_even_utilisation
    verdict = (
        f"EC2 On-Demand matches Fargate when the instances' task slots are <b>{u:.0%}</b> full"
        if u <= 1
        else f"EC2 On-Demand ({c.instance_type}) never beats Fargate at this task size"
    )
    spot = "" if arch == "x86_64" else " · Fargate Spot: not available for Arm tasks"
    return (
        f"{c.tasks} tasks for {c.hours:.0f} h: {parts}<br>{c.instances} × {c.instance_type} "
        f"({c.per_instance} tasks fit on one) · {verdict}{spot}"
    )


def cost_view(
    size: str, arch: str, tasks: int, hours: int, packing: float, instance_type: str
) -> View:
    """Monthly cost lines over 0..200 tasks, the marker at ``tasks`` and the readout."""
    cpu, memory = SIZES[size]
    task = ecs.task_size(cpu, memory, arch=arch)
    try:
        comparison = ecs.compare_costs(task, tasks, instance_type, hours=hours, packing=packing)
    except ValueError as err:  # the task does not fit the instance type
        blank = {
            name: {"y": np.full(COUNTS.shape, np.nan), "visible": True} for name, _, _ in LINES
        }
        blank["marker"] = {"x": np.array([tasks, tasks], dtype=float), "y": np.array([0.0, 0.0])}
        return View(f"<b>No comparison:</b> {err}", blank)
    curves = ecs.cost_curves(task, COUNTS, instance_type, hours=hours, packing=packing)
    traces = {
        name: {"y": curves.get(name, np.full(COUNTS.shape, np.nan)), "visible": name in curves}
        for name, _, _ in LINES
    }
    traces["marker"] = {"x": np.array([tasks, tasks], dtype=float)}
    top = max(float(v.max()) for v in curves.values())
    traces["marker"]["y"] = np.array([0.0, top])
    return View(cost_readout(comparison, arch), traces, result=comparison)


class FargateCostExplorer(Explorer):
    """Task size, architecture, count, hours, packing and instance type."""

    def __init__(self, tasks: int = 20, note: str = "") -> None:
        controls = {
            "size": widgets.Dropdown(options=list(SIZES), value="0.5 vCPU, 1 GB",
                                     description="Task size"),
            "arch": widgets.Dropdown(options=list(ARCHS.items()), description="CPU"),
            "tasks": widgets.IntSlider(tasks, min=1, max=MAX_TASKS, description="Tasks"),
            "hours": widgets.IntSlider(730, min=24, max=730, step=1, description="Hours/month",
                                       style=WIDE),
            "packing": widgets.FloatSlider(0.8, min=0.3, max=1.0, step=0.05,
                                           description="EC2 packing", style=WIDE),
            "instance_type": widgets.Dropdown(options=list(ecs.INSTANCE_SPECS),
                                              description="EC2 type"),
        }  # fmt: skip
        for kind in ecs.INSTANCE_SPECS:  # warm the price books: the first lookup is slow
            ec2.price_book(kind, discount_basis="ceilings")
        rows = [("size", "arch", "instance_type"), ("tasks", "hours", "packing")]
        super().__init__(controls, rows=rows, note=note)

    def initial_figure(self) -> go.Figure:
        lines = [
            go.Scatter(x=COUNTS, mode="lines", name=name, uid=name,
                       line={"color": color, "dash": dash, "shape": "hv"})
            for name, color, dash in LINES
        ]  # fmt: skip
        marker = go.Scatter(mode="lines", uid="marker", name="your task count",
                            line={"color": "#555", "dash": "dot"})  # fmt: skip
        return go.Figure(
            [*lines, marker],
            layout={
                "title": {"text": "Monthly cost: Fargate against EC2 (us-east-1, Linux)"},
                "xaxis": {"title": {"text": "running tasks"}},
                "yaxis": {"title": {"text": "USD per month"}, "rangemode": "tozero"},
                "height": 420,
                "autosize": True,  # the output area's width: no fixed width
                "legend": {"orientation": "h", "y": -0.25},
            },
        )

    def view(
        self, size: str, arch: str, tasks: int, hours: int, packing: float, instance_type: str
    ) -> View:
        return cost_view(size, arch, tasks, hours, packing, instance_type)


@explorable("ecs_fargate")
def fargate_cost_explorer(tasks: int = 20) -> FargateCostExplorer:
    """The course's Fargate-against-EC2 cost explorer."""
    vcpu = pricing.price("fargate.vcpu.x86")
    return FargateCostExplorer(
        tasks,
        note=(
            f"<p>Fargate prices: {escape(vcpu.cite())}. EC2 On-Demand from the same snapshot; "
            "the Savings Plan line is AWS's 'up to' ceiling (a best case) and the EC2 Spot "
            "line the Spot model's <b>illustrative</b> price; Fargate Spot at its 'up to 70 %'"
            " discount. EC2 keeps at least two instances (two zones) and fills its task "
            "slots only as far as the packing slider says.</p>"
        ),
    )
