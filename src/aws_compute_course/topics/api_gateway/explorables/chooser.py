"""The API type chooser: tick requirements, see which types qualify, what each costs per
month at a volume, and why each other type is out."""

from __future__ import annotations

import ipywidgets as widgets
import plotly.graph_objects as go

from aws_compute_course.topics import api_gateway as ag
from aws_compute_course.widgets import Explorer, View, explorable

SHOWN = (
    "waf",
    "api_keys",
    "caching",
    "request_validation",
    "resource_policy",
    "native_jwt",
    "mutual_tls",
    "two_way",
)
QUALIFIES, OUT = "#2ca02c", "#c7c7c7"


def chooser_readout(verdicts: dict[str, ag.Verdict], costs: dict[str, float | None]) -> str:
    ok = [a for a, v in verdicts.items() if v.qualifies]
    lines = []
    if ok:
        priced = [(costs[a], a) for a in ok if costs[a] is not None]
        best = f"; cheapest: <b>{min(priced)[1]}</b>" if priced else ""
        lines.append("qualifies: <b>" + ", ".join(ok) + "</b>" + best)
    else:
        lines.append("<b>no single API type qualifies</b>: split the design or drop a requirement")
    for api, v in verdicts.items():
        if not v.qualifies:
            lines.append(f"<b>{api}</b> is out: " + "; ".join(v.reasons))
    return "<br>".join(lines)


def chooser_view(requirements: list[str], endpoint: str, requests: float) -> View:
    verdicts = ag.choose(requirements, endpoint)
    costs = ag.monthly_costs(requests)
    y = tuple(0.0 if costs[a] is None else costs[a] for a in ag.API_TYPES)
    labels = tuple("not priced" if costs[a] is None else f"${costs[a]:,.0f}" for a in ag.API_TYPES)
    colors = tuple(QUALIFIES if verdicts[a].qualifies else OUT for a in ag.API_TYPES)
    return View(
        chooser_readout(verdicts, costs),
        {"cost": {"y": y, "text": labels, "marker.color": colors}},
        layout={
            "title.text": f"Monthly charge at {requests / 1e6:,.0f} million requests (us-east-1)"
        },
        result=verdicts,
    )


class ChooserExplorer(Explorer):
    """Requirement checkboxes, the endpoint type and a monthly volume."""

    def __init__(self, *, note: str = "") -> None:
        controls: dict[str, widgets.ValueWidget] = {
            need: widgets.Checkbox(
                False,
                description=ag.REQUIREMENTS[need],
                indent=False,
                layout=widgets.Layout(width="330px"),
            )
            for need in SHOWN
        }
        controls["endpoint"] = widgets.Dropdown(
            options=ag.ENDPOINTS, value="any", description="Endpoint"
        )
        controls["requests"] = widgets.FloatLogSlider(
            1e8,
            base=10,
            min=6,
            max=11,
            step=0.25,
            description="Requests/month",
            style={"description_width": "initial"},
            continuous_update=False,
            readout_format=".3s",  # 100M, not 1.00e+8
            layout=widgets.Layout(width="420px"),
        )
        rows = [SHOWN[0:2], SHOWN[2:4], SHOWN[4:6], SHOWN[6:8], ("endpoint", "requests")]
        super().__init__(controls, rows=rows, note=note)

    def initial_figure(self) -> go.Figure:
        return go.Figure(
            [go.Bar(x=ag.API_TYPES, textposition="outside", uid="cost", name="monthly charge")],
            layout={
                "xaxis": {"title": {"text": "API type (green: meets every ticked requirement)"}},
                "yaxis": {"title": {"text": "USD per month"}, "rangemode": "tozero"},
                "height": 360,
                "autosize": True,  # the output area's width: no fixed width
                "margin": {"t": 60},
            },
        )

    def view(self, endpoint: str, requests: float, **ticked: bool) -> View:
        return chooser_view([n for n in SHOWN if ticked[n]], endpoint, requests)


@explorable("api_gateway")
def chooser_explorer() -> ChooserExplorer:
    """The course's API type chooser."""
    return ChooserExplorer(
        note=(
            "<p>REST and HTTP features from AWS's comparison page; WebSocket only with the "
            "features the course verified. Costs are the request (or message) charge alone, "
            "with AWS's volume tiers and no free tier; WebSocket counts each request as one "
            "message (32 KB or less) and no connection minutes, and is priced only up to a "
            "billion messages a month.</p>"
        )
    )
