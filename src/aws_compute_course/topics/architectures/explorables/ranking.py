"""The ranking explorer: weigh cost, latency and operational effort for a workload; the
architectures ranked, with the reasons."""

from __future__ import annotations

from html import escape

import ipywidgets as widgets
import numpy as np
import plotly.graph_objects as go

from aws_compute_course.topics.architectures import catalog, ranking
from aws_compute_course.topics.architectures.workload import Workload
from aws_compute_course.widgets import Explorer, View, explorable

SLOTS = [f"{i + 1}." for i in range(len(catalog.IDS))]


def ranking_view(
    *, cost_weight: int, latency_weight: int, effort_weight: int, volume: float, sync: bool
) -> View:
    """Scores best first; the readout names the top three and why."""
    w = Workload(volume, sync=sync, shape="spiky")
    rows = ranking.rank(
        w,
        cost_weight=cost_weight,
        latency_weight=latency_weight,
        effort_weight=effort_weight,
        step=15,
    )
    top = "; ".join(
        f"{r.place}. <b>{escape(catalog.BY_ID[r.architecture].name)}</b> ({escape(r.reasons)})"
        for r in rows[:3]
    )
    traces = {
        "scores": {
            "x": np.array([r.score for r in rows]),
            "y": [f"{r.place}. {catalog.BY_ID[r.architecture].name}" for r in rows],
            "marker.color": [
                "#d62728"
                if r.verdict == "breaks"
                else "#ff7f0e"
                if r.verdict == "fits at a cost"
                else "#2ca02c"
                for r in rows
            ],
        }
    }
    return View(f"Best for these priorities: {top}", traces, result=rows)


class RankingExplorer(Explorer):
    """The three priorities' weights, the volume, and whether callers wait."""

    def __init__(self, *, note: str = "") -> None:
        # "initial": the description gets the room it needs (the default width cuts it)
        wide = {
            "layout": widgets.Layout(width="330px"),
            "continuous_update": False,
            "style": {"description_width": "initial"},
        }
        controls = {
            "cost_weight": widgets.IntSlider(3, min=0, max=5, description="Cost", **wide),
            "latency_weight": widgets.IntSlider(1, min=0, max=5, description="Latency", **wide),
            "effort_weight": widgets.IntSlider(1, min=0, max=5, description="Ops effort", **wide),
            "volume": widgets.FloatLogSlider(
                value=5e7,
                base=10,
                min=5,
                max=10,
                step=0.25,
                description="Requests/mo",
                readout_format=".2s",
                **wide,
            ),
            "sync": widgets.Checkbox(True, description="caller waits for the result"),
        }
        rows = [("cost_weight", "latency_weight", "effort_weight"), ("volume", "sync")]
        super().__init__(controls, rows=rows, note=note)

    def adjust(
        self, cost_weight: int, latency_weight: int, effort_weight: int, **_: object
    ) -> dict:
        none = cost_weight + latency_weight + effort_weight == 0
        return {"cost_weight": {"min": 1 if none else 0}}

    def initial_figure(self) -> go.Figure:
        return go.Figure(
            go.Bar(orientation="h", uid="scores", y=SLOTS),
            layout={
                "title": {
                    "text": "Architectures ranked (lower score is better; red breaks a limit)"
                },
                "xaxis": {"title": {"text": "weighted score (0 best)"}, "rangemode": "tozero"},
                "yaxis": {"autorange": "reversed"},
                "height": 430,
                "autosize": True,  # the output area's width: no fixed width
                "margin": {"l": 320},
            },
        )

    def view(
        self, cost_weight: int, latency_weight: int, effort_weight: int, volume: float, sync: bool
    ) -> View:
        return ranking_view(
            cost_weight=cost_weight,
            latency_weight=latency_weight,
            effort_weight=effort_weight,
            volume=volume,
            sync=sync,
        )


@explorable("architectures")
def ranking_explorer() -> RankingExplorer:
    """The course's ranking explorer (a spiky workload)."""
    return RankingExplorer(
        note=(
            "<p>The scores are the course's model (see <code>architectures.ranking</code>): "
            "cost on a log scale between the cheapest and dearest fitting architecture, latency "
            "risk from cold starts and scaling lag, and an effort grade per pattern. "
            "Architectures that break a limit always rank last.</p>"
        )
    )
