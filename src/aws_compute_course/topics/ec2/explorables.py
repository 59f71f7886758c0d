"""EC2 explorables: purchasing-option costs, a placement-group planner, a name explainer.

Each explorable has a pure view function from widget state to figure data and readout
(``cost_view``, ``placement_view``, ``name_view``; tested headless, every number from
:mod:`..ec2`) and a thin class wiring ipywidgets to a ``go.FigureWidget`` updated in place.

In the course notebook::

    cost_explorer()         # m5.large, every purchasing option, 36 months
    placement_explorer()    # cluster / spread / partition on racks, with failures
    name_explainer()        # type an instance type name, read it decoded
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

import ipywidgets as widgets
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from aws_compute_course.facts import fact
from aws_compute_course.topics import ec2
from aws_compute_course.widgets import Explorer

_OK_COLORS = (
    "#d62728",  # On-Demand
    "#1f77b4",
    "#aec7e8",
    "#2ca02c",
    "#98df8a",
    "#9467bd",
    "#c5b0d5",
    "#8c564b",
    "#c49c94",
    "#ff7f0e",  # Spot
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
    "#17becf",
)
_GREY = "#b0b0b0"
_WIDE = {"description_width": "initial"}
_LABELS = tuple(o.label for o in ec2.OPTIONS)


def _money(x: float) -> str:
    return f"${x:,.0f}"


# --- cost comparison ----------------------------------------------------------------------


@dataclass(frozen=True)
class CostView:
    """What the cost explorer shows for one workload."""

    upfront: np.ndarray
    """Per option (in ``ec2.OPTIONS`` order), USD; 0 where the option is out."""
    recurring: np.ndarray
    out_y: np.ndarray
    """0 for options that are not allowed or unpriced (a grey marker), NaN otherwise."""
    out_text: tuple[str, ...]
    hover: tuple[str, ...]
    """Per option: status, basis or the reason it is out."""
    lines: tuple[np.ndarray, ...]
    """Per option: cumulative cost by month (empty when the option is out)."""
    break_even_x: np.ndarray
    break_even_y: np.ndarray
    break_even_text: tuple[str, ...]
    comparison: ec2.CostComparison
    """The model's result: every number in the readout comes from here."""
    readout: str


def cost_readout(comparison: ec2.CostComparison) -> str:
    """The readout (HTML): cheapest option, its saving, break-even, what is ruled out."""
    rows, w = comparison.table.to_dict("index"), comparison.workload
    od = rows["on_demand"]
    hours = f"{w.hours_per_day:g} h/day"
    parts = [f"<b>{w.count} × {escape(w.instance_type)}</b>, {hours}, {w.months} months"]
    best = comparison.cheapest
    if best is None:
        parts.append("<b>no allowed option has a price</b>: load an offer file")
    else:
        row = rows[best]
        parts.append(f"cheapest: <b>{escape(row['label'])}</b> {_money(row['total'])}")
        if od["status"] == "ok" and best != "on_demand":
            saving = 100 * (1 - row["total"] / od["total"])
            parts.append(f"<b>{saving:.0f}%</b> below On-Demand ({_money(od['total'])})")
            if not np.isnan(row["break_even_month"]):
                parts.append(f"break-even in month <b>{int(row['break_even_month'])}</b>")
        if row["after_end"] > 0:
            parts.append(f"{_money(row['after_end'])} committed after the workload ends")
    notes = [
        f"<li><b>{escape(r['label'])}</b> ({r['status']}): {escape(r['reason'])}</li>"
        for r in rows.values()
        if r["status"] != "ok"
    ]
    return " · ".join(parts) + f'<ul style="margin: 0.3em 0">{"".join(notes)}</ul>'


def _hover(row: dict) -> str:
    if row["status"] != "ok":
        return f"{row['label']}: {row['status']}<br>{row['reason']}"
    after = row["after_end"]
    extra = f"<br>{_money(after)} after the workload ends" if after > 0 else ""
    return (
        f"{row['label']}: {_money(row['total'])} ({_money(row['upfront'])} upfront)"
        f"<br>basis: {row['basis']}{extra}"
    )


def cost_view(workload: ec2.Workload, book: ec2.PriceBook) -> CostView:
    """Bars, lines, break-even markers and readout for ``workload`` priced with ``book``.

    Bad input raises the model's ``ValueError``, which names the parameter.
    """
    comparison = ec2.compare_costs(workload, book)
    table = comparison.table
    ok = (table["status"] == "ok").to_numpy()
    upfront = np.where(ok, table["upfront"].to_numpy(), 0.0)
    recurring = np.where(ok, table["recurring"].to_numpy(), 0.0)
    empty = np.empty(0)
    lines = tuple(comparison.cumulative[i] if ok[i] else empty for i in range(len(ok)))
    be = table["break_even_month"].to_numpy()
    has_be = ~np.isnan(be)
    be_x = be[has_be].astype(int)
    be_y = comparison.cumulative[0, be_x - 1] if be_x.size else empty
    be_text = tuple(
        f"{lab}: break-even month {m}"
        for lab, m in zip(table.loc[has_be, "label"], be_x, strict=True)
    )
    return CostView(
        upfront=upfront,
        recurring=recurring,
        out_y=np.where(ok, np.nan, 0.0),
        out_text=tuple("" if k else s for k, s in zip(ok, table["status"], strict=True)),
        hover=tuple(_hover(r) for r in table.to_dict("records")),
        lines=lines,
        break_even_x=be_x,
        break_even_y=be_y,
        break_even_text=be_text,
        comparison=comparison,
        readout=cost_readout(comparison),
    )


class CostExplorer(Explorer):
    """Total cost per purchasing option (bars) and cost over time (lines, break-even marks).

    Sliders: hours per day, months, instance count; a checkbox for interruptible work and
    one for per-core licensing; dropdowns for the payment option and the discount basis
    (these reprice the book). Every change goes through :meth:`update`, which edits both
    figures in place.
    """

    def __init__(
        self,
        workload: ec2.Workload,
        *,
        payment: str = "no_upfront",
        discount_basis: str = "quotes_2019",
        prices: pd.DataFrame | None = None,
        note: str = "",
    ) -> None:
        self.prices = prices
        self.book = ec2.price_book(
            workload.instance_type, prices=prices, payment=payment, discount_basis=discount_basis
        )
        view = cost_view(workload, self.book)
        self.workload = workload
        self.bars = go.FigureWidget(
            [
                go.Bar(
                    x=_LABELS,
                    y=view.upfront,
                    name="upfront",
                    marker_color="#4c72b0",
                    uid="upfront",
                    hovertext=view.hover,
                    hoverinfo="text",
                ),
                go.Bar(
                    x=_LABELS,
                    y=view.recurring,
                    name="recurring",
                    marker_color="#9ecae1",
                    uid="recurring",
                    hovertext=view.hover,
                    hoverinfo="text",
                ),
                go.Scatter(
                    x=_LABELS,
                    y=view.out_y,
                    text=view.out_text,
                    name="ruled out / no price",
                    mode="markers",  # the status is in the hover and the readout's list
                    marker={"symbol": "x", "color": _GREY, "size": 10},
                    hovertext=view.hover,
                    hoverinfo="text",
                    uid="out",
                ),
            ],
            layout={
                "title": {"text": "Total cost per purchasing option (USD)"},
                "barmode": "stack",
                "yaxis": {"title": {"text": "USD"}, "rangemode": "tozero", "tickformat": "$,.0f"},
                "xaxis": {"tickangle": -35},
                "height": 430,
                "margin": {"t": 60, "b": 120},
                "legend": {"orientation": "h", "y": 1.08},
            },
        )
        months = list(range(1, workload.months + 1))
        self.lines = go.FigureWidget(
            [
                go.Scatter(
                    x=months if len(y) else [],
                    y=y,
                    name=label,
                    mode="lines",
                    line={
                        "color": color,
                        "width": 3 if i == 0 else 2,
                        "shape": "hv",
                        # Equal to On-Demand at 24 h a day: dotted so both stay visible.
                        "dash": "dot" if label == "Capacity Reservation" else "solid",
                    },
                    uid=f"line{i}",
                )
                for i, (label, y, color) in enumerate(
                    zip(_LABELS, view.lines, _OK_COLORS, strict=True)
                )
            ]
            + [
                go.Scatter(
                    x=view.break_even_x,
                    y=view.break_even_y,
                    text=view.break_even_text,
                    mode="markers",
                    name="break-even",
                    hoverinfo="text",
                    marker={"symbol": "diamond", "size": 11, "color": "black"},
                    uid="break_even",
                )
            ],
            layout={
                "title": {"text": "Cost committed by month, and break-even against On-Demand"},
                "xaxis": {"title": {"text": "month"}},
                "yaxis": {"title": {"text": "USD"}, "rangemode": "tozero", "tickformat": "$,.0f"},
                "height": 430,
                "margin": {"t": 60},
            },
        )
        self.hours = widgets.FloatSlider(
            value=workload.hours_per_day,
            min=1,
            max=24,
            step=1,
            description="Hours/day",
            readout_format=".0f",
            style=_WIDE,
        )
        self.months = widgets.IntSlider(value=workload.months, min=1, max=60, description="Months")
        self.count = widgets.IntSlider(
            value=workload.count, min=1, max=100, description="Instances"
        )
        self.interruptible = widgets.Checkbox(
            value=workload.interruptible, description="Can be interrupted", indent=False
        )
        self.licensing = widgets.Checkbox(
            value=workload.per_core_licensing, description="Per-core licences (BYOL)", indent=False
        )
        self.payment = widgets.Dropdown(options=ec2.PAYMENTS, value=payment, description="Payment")
        self.basis = widgets.Dropdown(
            options=[
                ("2019 RI quotes (illustrative)", "quotes_2019"),
                ("'up to' ceilings (3-year)", "ceilings"),
            ],
            value=discount_basis,
            description="Discounts",
        )
        self.readout = widgets.HTML(view.readout)
        for w in (self.hours, self.months, self.count, self.interruptible, self.licensing):
            w.observe(self._on_change, names="value")
        for w in (self.payment, self.basis):
            w.observe(self._on_reprice, names="value")
        parts = [widgets.HTML(note)] if note else []
        controls = widgets.VBox(
            [
                widgets.HBox([self.hours, self.months, self.count]),
                widgets.HBox([self.interruptible, self.licensing, self.payment, self.basis]),
            ]
        )
        self.widget = widgets.VBox([*parts, controls, self.readout, self.bars, self.lines])

    def update(self, workload: ec2.Workload) -> CostView:
        """Show ``workload``: bar heights, line data, break-even marks and readout."""
        view = cost_view(workload, self.book)
        months = np.arange(1, workload.months + 1)
        with self.bars.batch_update():
            self.bars.data[0].y = view.upfront
            self.bars.data[1].y = view.recurring
            out = self.bars.data[2]
            out.y, out.text = view.out_y, view.out_text
            for trace in self.bars.data:
                trace.hovertext = view.hover
        with self.lines.batch_update():
            for trace, y in zip(self.lines.data, view.lines, strict=False):
                if len(trace.x) != len(y):  # x only changes with the number of months
                    trace.x = months if len(y) else ()
                trace.y = y
            marks = self.lines.data[-1]
            marks.x, marks.y, marks.text = (
                view.break_even_x,
                view.break_even_y,
                view.break_even_text,
            )
        self.readout.value = view.readout
        self.workload = workload
        return view

    def _current(self) -> ec2.Workload:
        return ec2.Workload(
            self.workload.instance_type,
            count=self.count.value,
            hours_per_day=float(self.hours.value),
            months=self.months.value,
            interruptible=self.interruptible.value,
            per_core_licensing=self.licensing.value,
            host_affinity=self.workload.host_affinity,
        )

    def _on_change(self, _change: dict) -> None:
        self.update(self._current())

    def _on_reprice(self, _change: dict) -> None:
        self.book = ec2.price_book(
            self.workload.instance_type,
            prices=self.prices,
            payment=self.payment.value,
            discount_basis=self.basis.value,
        )
        self.update(self._current())


def cost_explorer(
    instance_type: str = "m5.large", months: int = 36, count: int = 10
) -> CostExplorer:
    """The course's cost explorer, priced from the snapshot (sources in the note)."""
    explorer = CostExplorer(ec2.Workload(instance_type, count=count, months=months))
    od = explorer.book.rates["on_demand"]
    sp = fact("ec2.compute_sp_max_discount_percent")
    explorer.widget.children = (
        widgets.HTML(
            "<p><b>Read the basis of every bar</b> (hover it). On-Demand: "
            f"{escape(od.source)}. Reserved Instances under <i>2019 RI quotes</i>: m5.large "
            "quotes collected in 2019 (confidence low, <b>illustrative</b>), applied as a "
            "discount to any type; no Savings Plan rate is known. Under <i>'up to' ceilings</i>: "
            f"AWS's advertised maximum discounts (e.g. Compute SP up to {sp.value}%), a "
            "<b>best case</b> applied to the 3-year terms only. Payment options here move money "
            "to the start without changing the total (the snapshot has no figures for the extra "
            "upfront discount; Partial Upfront is modelled as half upfront). Spot: the Spot "
            "model's synthetic prices (<b>illustrative</b>). Dedicated options need prices the "
            "snapshot lacks: load an AWS Price List offer file with "
            "<code>pricing.load_offer_file</code>.</p>"
        ),
        *explorer.widget.children,
    )
    return explorer


# --- placement groups ---------------------------------------------------------------------


@dataclass(frozen=True)
class PlacementView:
    """What the placement planner shows for one plan and failure."""

    x: tuple[float, ...]
    """Per instance: its rack's position (AZs side by side, a gap between them)."""
    y: tuple[int, ...]
    """Per instance: its slot in the rack."""
    color: tuple[str, ...]
    symbol: tuple[str, ...]
    text: tuple[str, ...]
    az_x: tuple[float, ...]
    """Where each AZ's label goes."""
    az_names: tuple[str, ...]
    check: ec2.PlanCheck
    impact: ec2.FailureImpact | None
    readout: str


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
) -> PlacementView:
    """Instance positions, colours and readout for ``plan``, with ``failure`` (worst case).

    Bad input raises the model's ``ValueError``, which names the parameter.
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
    return PlacementView(
        tuple(xs),
        tuple(ys),
        tuple(color),
        tuple(symbol),
        tuple(text),
        tuple(az_x),
        plan.azs,
        check,
        impact,
        placement_readout(check, impact),
    )


class PlacementExplorer(Explorer):
    """Instances on racks in each AZ, coloured by partition; a failure marks what it takes down."""

    def __init__(
        self, azs: tuple[str, ...] = ("us-east-1a", "us-east-1b", "us-east-1c"), note: str = ""
    ) -> None:
        self.all_azs = azs
        self.strategy = widgets.Dropdown(
            options=ec2.STRATEGIES, value="spread", description="Strategy"
        )
        self.n_azs = widgets.IntSlider(value=len(azs), min=1, max=len(azs), description="AZs")
        self.instances = widgets.IntSlider(value=12, min=1, max=60, description="Instances")
        self.partitions = widgets.IntSlider(
            value=3, min=1, max=9, description="Partitions/AZ", style=_WIDE
        )
        self.dedicated = widgets.Checkbox(
            value=False, description="Dedicated Instances", indent=False
        )
        self.failure = widgets.Dropdown(
            options=[
                ("none", None),
                ("a rack", "rack"),
                ("a partition", "partition"),
                ("an AZ", "az"),
            ],
            value=None,
            description="Fail",
        )
        view = placement_view(self._plan())
        self.figure = go.FigureWidget(
            [
                go.Scatter(
                    x=view.x,
                    y=view.y,
                    mode="markers",
                    text=view.text,
                    hoverinfo="text",
                    marker={
                        "color": view.color,
                        "symbol": view.symbol,
                        "size": 16,
                        "line": {"width": 1, "color": "white"},
                    },
                    uid="instances",
                    showlegend=False,
                )
            ],
            layout={
                "title": {"text": "Where the instances land (one column per rack)"},
                "xaxis": {
                    "tickvals": view.az_x,
                    "ticktext": view.az_names,
                    "showgrid": False,
                    "zeroline": False,
                },
                "yaxis": {
                    "title": {"text": "instances on the rack"},
                    "rangemode": "tozero",
                    "dtick": 1,
                },
                "height": 380,
            },
        )
        self.readout = widgets.HTML(view.readout)
        for w in (
            self.strategy,
            self.n_azs,
            self.instances,
            self.partitions,
            self.dedicated,
            self.failure,
        ):
            w.observe(self._on_change, names="value")
        parts = [widgets.HTML(note)] if note else []
        controls = widgets.VBox(
            [
                widgets.HBox([self.strategy, self.n_azs, self.instances]),
                widgets.HBox([self.partitions, self.dedicated, self.failure]),
            ]
        )
        self.widget = widgets.VBox([*parts, controls, self.readout, self.figure])

    def _plan(self) -> ec2.PlacementPlan:
        strategy = self.strategy.value
        return ec2.PlacementPlan(
            strategy,
            self.all_azs[: self.n_azs.value],
            self.instances.value,
            partitions_per_az=self.partitions.value if strategy == "partition" else 1,
            tenancy="dedicated" if self.dedicated.value else "default",
        )

    def update(self, plan: ec2.PlacementPlan, failure: str | None = None) -> PlacementView:
        """Show ``plan`` with ``failure`` (worst case) marked."""
        view = placement_view(plan, failure)
        with self.figure.batch_update():
            trace = self.figure.data[0]
            trace.x, trace.y, trace.text = view.x, view.y, view.text
            trace.marker.color, trace.marker.symbol = view.color, view.symbol
            self.figure.layout.xaxis.tickvals = view.az_x
            self.figure.layout.xaxis.ticktext = view.az_names
        self.readout.value = view.readout
        return view

    def _on_change(self, _change: dict) -> None:
        failure = self.failure.value
        if failure == "partition" and self.strategy.value != "partition":
            failure = None  # only partition groups have partitions to lose
        self.update(self._plan(), failure)


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


# --- instance type names -------------------------------------------------------------------


def name_view(name: str) -> str:
    """The decoded name as HTML, or the parser's complaint."""
    try:
        decoded = ec2.parse_instance_type(name)
    except ValueError as err:
        return f'<span style="color: #cf222e">{escape(str(err))}</span>'
    rows = [
        ("family", f"{decoded.family.upper()}: {decoded.category}, {decoded.purpose}"),
        ("generation", str(decoded.generation)),
        ("processor", decoded.processor or "the family's default"),
        ("options", ", ".join(decoded.capabilities) or "none"),
        ("size", decoded.size),
    ]
    if decoded.memory_tib:
        rows.insert(2, ("memory", f"{decoded.memory_tib} TiB"))
    if decoded.apple_chip:
        rows.insert(2, ("chip", f"Apple {decoded.apple_chip.upper()}"))
    body = "".join(
        f"<tr><th style='text-align: left'>{k}</th><td>{escape(v)}</td></tr>" for k, v in rows
    )
    note = "" if decoded.in_2021_notes else "<p><i>A family the 2021 notes do not list.</i></p>"
    return f"<table>{body}</table>{note}"


class NameExplainer(Explorer):
    """A text box for an instance type name and its decoding."""

    def __init__(self, name: str = "m7gd.2xlarge") -> None:
        self.name = widgets.Text(value=name, description="Type", continuous_update=True)
        self.output = widgets.HTML(name_view(name))
        self.name.observe(
            lambda change: setattr(self.output, "value", name_view(change["new"])), names="value"
        )
        self.widget = widgets.VBox([self.name, self.output])


def name_explainer(name: str = "m7gd.2xlarge") -> NameExplainer:
    """The course's instance type name explainer."""
    return NameExplainer(name)
