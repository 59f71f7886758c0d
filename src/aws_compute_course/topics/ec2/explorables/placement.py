"""Placement groups: where the instances land on racks and AZs, and what a failure takes."""

from __future__ import annotations

from html import escape

import ipywidgets as widgets
import plotly.graph_objects as go

from aws_compute_course.facts import fact
from aws_compute_course.topics import ec2
from aws_compute_course.topics.ec2.explorables.cost import WIDE
from aws_compute_course.widgets import Explorer, View, explorable

NO_FAILURE = "none"
"""The Fail dropdown's value for "nothing fails"."""
_PARTITION_COLORS = ("#1f77b4", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22")


def placement_readout(check: ec2.PlanCheck, impact: ec2.FailureImpact | None) -> str:
    """Verdict, problems and blast radius (HTML)."""
    plan = check.plan
    if check.valid:
        verdict = '<b style="color: #1a7f37">✓ valid</b>'
    else:
        items = "".join(f"<li>{escape(p)}</li>" for p in check.problems)
        verdict = (
            f'<b style="color: #cf222e">✗ not valid</b><ul style="margin: 0.2em 0">{items}</ul>'
        )
    radius = ec2.blast_radius(check)
    columns = (radius["failure"], radius["instances lost"], radius["% lost"])
    worst = ", ".join(
        f"{kind} {lost} of {plan.instances} ({pct:g}%)"
        for kind, lost, pct in zip(*columns, strict=True)
    )
    where = f"{plan.instances} instances in {len(plan.azs)} AZ(s)"
    parts = [f"<b>{plan.strategy}</b> group, {where}: {verdict}"]
    parts.append(f"worst case lost per failure: {worst}")
    if impact is not None:
        parts.append(
            f"<b>{impact.kind} failure ({escape(impact.target)})</b>: {impact.lost_count} lost, "
            f"{impact.surviving} keep running"
        )
    return "<br>".join(parts)


def placement_view(
    plan: ec2.PlacementPlan,
    failure: str | None = None,
    instances_per_rack: int = ec2.INSTANCES_PER_RACK,
) -> View:
    """Instances on racks (one column per rack, AZs side by side with a gap), coloured by
    partition, ``failure`` (its worst case) marked, the AZ names on the x axis, and the
    readout.

    ``result`` is ``(check, impact)``: the model's :class:`..ec2.PlanCheck` and
    :class:`..ec2.FailureImpact` (None without a failure). Bad input raises the model's
    ``ValueError``, which names the parameter.
    """
    check = ec2.check_placement(plan, instances_per_rack)
    impact = None if failure is None else ec2.simulate_failure(check, failure)
    layout = check.layout
    lost = set(impact.lost) if impact else set()
    position: dict[str, float] = {}  # rack -> x: racks side by side, a gap between AZs
    az_x = []
    offset = 0.0
    for az in plan.azs:
        racks = list(dict.fromkeys(layout.loc[layout.az == az, "rack"]))
        position.update((rack, offset + k) for k, rack in enumerate(racks))
        az_x.append(offset + (len(racks) - 1) / 2)
        offset += len(racks) + 1.5
    filled: dict[str, int] = {}
    xs, ys, color, symbol, text = [], [], [], [], []
    for row in layout.itertuples():
        filled[row.rack] = filled.get(row.rack, 0) + 1
        xs.append(position[row.rack])
        ys.append(filled[row.rack])
        down = row.instance in lost
        if down:
            color.append("#cf222e")
        elif row.partition:
            color.append(_PARTITION_COLORS[(row.partition - 1) % len(_PARTITION_COLORS)])
        else:
            color.append("#1f77b4")
        symbol.append("x" if down else "square")
        where = f"partition {row.partition}, " if row.partition else ""
        text.append(f"{row.instance}: {where}{row.rack}{' (down)' if down else ''}")
    instances = {
        "x": tuple(xs),
        "y": tuple(ys),
        "text": tuple(text),
        "marker.color": tuple(color),
        "marker.symbol": tuple(symbol),
    }
    return View(
        placement_readout(check, impact),
        {"instances": instances},
        {"xaxis.tickvals": tuple(az_x), "xaxis.ticktext": plan.azs},
        result=(check, impact),
    )


class PlacementExplorer(Explorer):
    """Instances on racks in each AZ, coloured by partition; a failure marks what it takes down.

    The partitions slider applies to partition groups only (disabled otherwise); a partition
    failure is dropped for the other strategies, which have no partitions to lose.
    """

    def __init__(
        self, azs: tuple[str, ...] = ("us-east-1a", "us-east-1b", "us-east-1c"), note: str = ""
    ) -> None:
        self.all_azs = azs
        controls = {
            "strategy": widgets.Dropdown(
                options=ec2.STRATEGIES, value="spread", description="Strategy"
            ),
            "n_azs": widgets.IntSlider(value=len(azs), min=1, max=len(azs), description="AZs"),
            "instances": widgets.IntSlider(value=12, min=1, max=60, description="Instances"),
            "partitions": widgets.IntSlider(
                value=3, min=1, max=9, description="Partitions/AZ", style=WIDE
            ),
            "dedicated": widgets.Checkbox(
                value=False, description="Dedicated Instances", indent=False
            ),
            "failure": widgets.Dropdown(
                # A value of None reads as "nothing selected": the dropdown renders blank.
                options=[
                    ("nothing fails", NO_FAILURE),
                    ("a rack", "rack"),
                    ("a partition", "partition"),
                    ("an AZ", "az"),
                ],
                value=NO_FAILURE,
                description="Fail",
            ),
        }
        rows = [("strategy", "n_azs", "instances"), ("partitions", "dedicated", "failure")]
        super().__init__(controls, rows=rows, note=note)

    def initial_figure(self) -> go.Figure:
        marker = {"size": 16, "line": {"width": 1, "color": "white"}}
        return go.Figure(
            go.Scatter(
                mode="markers",
                hoverinfo="text",
                marker=marker,
                uid="instances",
                showlegend=False,
            ),
            layout={
                "title": {"text": "Where the instances land (one column per rack)"},
                "xaxis": {"showgrid": False, "zeroline": False},
                "yaxis": {
                    "title": {"text": "instances on the rack"},
                    "rangemode": "tozero",
                    "dtick": 1,
                },
                "height": 380,
                "autosize": True,  # the output area's width: no fixed width
            },
        )

    def adjust(self, strategy: str, **_: object) -> dict:
        return {"partitions": {"disabled": strategy != "partition"}}

    def view(
        self,
        strategy: str,
        n_azs: int,
        instances: int,
        partitions: int,
        dedicated: bool,
        failure: str,
    ) -> View:
        plan = ec2.PlacementPlan(
            strategy,
            self.all_azs[:n_azs],
            instances,
            partitions_per_az=partitions if strategy == "partition" else 1,
            tenancy="dedicated" if dedicated else "default",
        )
        if failure == NO_FAILURE or (failure == "partition" and strategy != "partition"):
            return placement_view(plan)  # only partition groups have partitions to lose
        return placement_view(plan, failure)


@explorable("ec2")
def placement_explorer() -> PlacementExplorer:
    """The course's placement planner over three AZs."""
    cluster = fact("ec2.cluster_single_rack")
    return PlacementExplorer(
        note=(
            "<p>Each column is a rack; AZs are side by side. How many instances share a rack "
            f"is a <b>model assumption</b> ({ec2.INSTANCES_PER_RACK}); AWS does not publish it. "
            f"{escape(cluster.summary)}</p>"
        )
    )
