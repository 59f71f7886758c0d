"""The LCU cost calculator: a steady traffic profile in, capacity units per dimension for an
ALB and an NLB out, with the billed dimension and the hourly and monthly cost."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
import plotly.graph_objects as go

from aws_compute_course.topics.load_balancers import cost
from aws_compute_course.widgets import Explorer, View, explorable

DIMENSIONS = ("new connections", "active connections", "processed bytes", "rule evaluations")
_NLB_NAMES = {"new connections": "new flows", "active connections": "active flows"}


def lcu_readout(alb: cost.Bill, nlb: cost.Bill) -> str:
    """The two bills in words (HTML)."""
    cheaper = "NLB" if nlb.per_hour < alb.per_hour else "ALB"
    return (
        f"ALB: <b>{alb.units.billed:,.2f} LCUs</b>, set by <b>{alb.units.dominant}</b> → "
        f"<b>${alb.per_hour:,.4f}/h</b> (${alb.per_month:,.2f} a month). "
        f"NLB: <b>{nlb.units.billed:,.2f} NLCUs</b>, set by <b>{nlb.units.dominant}</b> → "
        f"<b>${nlb.per_hour:,.4f}/h</b> (${nlb.per_month:,.2f} a month). "
        f"The {cheaper} is cheaper for this traffic, but an NLB cannot route on paths or "
        "hosts: compare features first. Only the highest dimension is billed."
    )


def lcu_view(
    requests_per_s: float,
    requests_per_connection: int,
    connection_seconds: int,
    kb_per_request: int,
    rules_processed: int,
    lambda_targets: bool,
) -> View:
    """Capacity units per dimension for both types, and the readout (pure)."""
    traffic = cost.Traffic(
        requests_per_s,
        requests_per_connection,
        connection_seconds,
        kb_per_request,
        rules_processed,
        lambda_targets,
    )
    alb, nlb = (
        cost.alb_bill(traffic),
        cost.nlb_bill(
            cost.Traffic(
                requests_per_s, requests_per_connection, connection_seconds, kb_per_request
            )
        ),
    )
    alb_y = np.array([alb.units.per_dimension[d] for d in DIMENSIONS])
    nlb_y = np.array(
        [nlb.units.per_dimension.get(_NLB_NAMES.get(d, d), np.nan) for d in DIMENSIONS]
    )
    return View(
        lcu_readout(alb, nlb),
        {"alb": {"y": np.round(alb_y, 4)}, "nlb": {"y": np.round(nlb_y, 4)}},
        result=(alb, nlb),
    )


class LcuCostExplorer(Explorer):
    """Traffic sliders; LCUs and NLCUs per dimension as grouped bars."""

    def __init__(self) -> None:
        wide = widgets.Layout(width="420px")
        style = {"description_width": "150px"}
        controls = {
            "requests_per_s": widgets.FloatLogSlider(
                value=1000,
                base=10,
                min=1,
                max=5,
                step=0.25,
                description="requests/s",
                layout=wide,
                style=style,
            ),
            "requests_per_connection": widgets.IntSlider(
                value=10,
                min=1,
                max=100,
                description="requests/connection",
                layout=wide,
                style=style,
            ),
            "connection_seconds": widgets.IntSlider(
                value=30,
                min=1,
                max=600,
                step=1,
                description="connection length (s)",
                layout=wide,
                style=style,
            ),
            "kb_per_request": widgets.IntSlider(
                value=50,
                min=1,
                max=1000,
                description="KB per request",
                layout=wide,
                style=style,
            ),
            "rules_processed": widgets.IntSlider(
                value=20,
                min=0,
                max=100,
                description="rules per request",
                layout=wide,
                style=style,
            ),
            "lambda_targets": widgets.Checkbox(value=False, description="Lambda targets"),
        }
        super().__init__(
            controls,
            rows=[
                ("requests_per_s", "requests_per_connection"),
                ("connection_seconds", "kb_per_request"),
                ("rules_processed", "lambda_targets"),
            ],
            note=(
                "<p>Steady traffic for one hour; prices: the course's us-east-1 snapshot. "
                "The NLB figures are TCP NLCUs (it has no rules).</p>"
            ),
        )

    def initial_figure(self) -> go.Figure:
        x = list(DIMENSIONS)
        return go.Figure(
            [
                go.Bar(x=x, name="ALB LCUs", uid="alb", marker={"color": "#1f77b4"}),
                go.Bar(x=x, name="NLB NLCUs", uid="nlb", marker={"color": "#ff7f0e"}),
            ],
            layout={
                "title": {"text": "Capacity units per dimension (the highest is billed)"},
                "barmode": "group",
                "xaxis": {"title": {"text": "dimension"}},
                "yaxis": {"title": {"text": "capacity units (per hour)"}},
                "height": 380,
            },
        )

    def view(self, **values: object) -> View:
        return lcu_view(**values)  # type: ignore[arg-type]


@explorable("load_balancers")
def lcu_cost_explorer() -> LcuCostExplorer:
    """The course's LCU cost calculator (1,000 requests/s of 50 KB, 20 rules)."""
    return LcuCostExplorer()
