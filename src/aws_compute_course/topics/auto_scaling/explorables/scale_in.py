"""The scale-in explorer: a group across three Availability Zones; scale in step by step and
see which instance goes and which rule decided it."""

from __future__ import annotations

from html import escape

import ipywidgets as widgets
import plotly.graph_objects as go

from aws_compute_course.topics.auto_scaling import POLICIES, Instance, scale_in
from aws_compute_course.widgets import Explorer, View, explorable

ZONES = ("us-east-1a", "us-east-1b", "us-east-1c")
NOW = 600
"""Minutes since the first launch, when the scale in happens (illustrative)."""
COLORS = {"in service": "#2ca02c", "protected": "#1f77b4", "standby": "#bcbd22"}
GONE = "#d62728"


def illustrative_group() -> tuple[Instance, ...]:
    """Nine instances (illustrative): four in 1a, three in 1b, two in 1c; launch template
    versions 1 and 2; instance types at priority 0 (preferred) or 1."""
    spec = [
        ("i-01", 0, 0, 1, 0),
        ("i-02", 0, 95, 2, 0),
        ("i-03", 0, 250, 2, 1),
        ("i-04", 0, 430, 2, 0),
        ("i-05", 1, 20, 1, 0),
        ("i-06", 1, 140, 2, 1),
        ("i-07", 1, 515, 2, 0),
        ("i-08", 2, 70, 1, 1),
        ("i-09", 2, 330, 2, 0),
    ]
    return tuple(Instance(i, ZONES[z], m, v, p) for i, z, m, v, p in spec)


def scale_in_view(
    group: tuple[Instance, ...], policy: str, steps: int, protect: str, standby: str
) -> View:
    """Markers per instance (colour: fate; text: id, template version, age) and the readout
    listing each step's instance and rule. ``result`` is the list of decisions."""
    marked = tuple(
        Instance(
            i.id,
            i.az,
            i.launched_minute,
            i.template_version,
            i.type_priority,
            protected=i.id == protect,
            standby=i.id == standby,
        )
        for i in group
    )
    decisions = scale_in(marked, steps, (policy,), NOW)
    order = {d.instance.id: n for n, d in enumerate(decisions, 1)}
    colors, texts = [], []
    for i in marked:
        state = "protected" if i.protected else "standby" if i.standby else "in service"
        colors.append(GONE if i.id in order else COLORS[state])
        fate = f"<br><b>step {order[i.id]}</b>" if i.id in order else ""
        texts.append(f"{i.id} v{i.template_version}{fate}")
    if decisions:
        lines = [
            f"{n}. <b>{d.instance.id}</b> ({d.instance.az}): {escape(d.rule)}"
            for n, d in enumerate(decisions, 1)
        ]
        readout = "<br>".join(lines)
    else:
        readout = "No scale in yet: move the slider to remove instances one at a time."
    if len(decisions) < steps:
        readout += "<br>No more instances can go: the rest are protected or in Standby."
    return View(readout, {"group": {"marker.color": colors, "text": texts}}, result=decisions)


class ScaleInExplorer(Explorer):
    """Termination policy, scale-in steps, one protected instance and one in Standby."""

    def __init__(self, group: tuple[Instance, ...], *, note: str = "") -> None:
        self.group = group
        ids = ("none", *(i.id for i in group))
        controls = {
            "steps": widgets.IntSlider(
                value=0,
                min=0,
                max=len(group),
                description="Scale in by",
                style={"description_width": "initial"},
            ),
            "policy": widgets.Dropdown(options=POLICIES, value="Default", description="Policy"),
            "protect": widgets.Dropdown(options=ids, value="none", description="Protect"),
            "standby": widgets.Dropdown(options=ids, value="none", description="Standby"),
        }
        super().__init__(controls, rows=[("steps", "policy"), ("protect", "standby")], note=note)

    def initial_figure(self) -> go.Figure:
        slot: dict[str, int] = {}
        x, y, hover = [], [], []
        for i in self.group:
            slot[i.az] = slot.get(i.az, 0) + 1
            x.append(i.az)
            y.append(slot[i.az])
            hover.append(
                f"launched {NOW - i.launched_minute} min ago · template v{i.template_version}"
                f" · type priority {i.type_priority}"
            )
        return go.Figure(
            go.Scatter(
                x=x,
                y=y,
                mode="markers+text",
                marker={"size": 46, "symbol": "square"},
                textfont={"color": "white", "size": 10},
                hovertext=hover,
                hoverinfo="text",
                uid="group",
            ),
            layout={
                "title": {"text": "Which instance does a scale in terminate? (red: terminated)"},
                "xaxis": {"title": {"text": "Availability Zone"}, "type": "category"},
                "yaxis": {"title": {"text": "instances in the zone"}, "range": [0.3, 4.7]},
                "height": 380,
                "autosize": True,  # the output area's width: no fixed width
                "showlegend": False,
            },
        )

    def view(self, steps: int, policy: str, protect: str, standby: str) -> View:
        return scale_in_view(self.group, policy, steps, protect, standby)


@explorable("auto_scaling")
def scale_in_explorer() -> ScaleInExplorer:
    """Nine illustrative instances across three zones."""
    return ScaleInExplorer(
        illustrative_group(),
        note=(
            "<p>Nine <b>illustrative</b> instances: the text gives each one's launch "
            "template version; hover for its age and instance-type priority. Green: in "
            "service, blue: protected from scale in, yellow: in Standby, red: terminated.</p>"
        ),
    )
