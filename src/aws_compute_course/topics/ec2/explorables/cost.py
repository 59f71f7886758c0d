"""Purchasing options: total cost per option and cost committed by month, with break-even."""

from __future__ import annotations

from html import escape

import ipywidgets as widgets
import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from aws_compute_course.facts import fact
from aws_compute_course.topics import ec2
from aws_compute_course.widgets import Explorer, View, explorable

_LINE_COLORS = (
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
EMPTY_NOTE = "annotations[2]"
"""The figure's empty-state note (after the two subplot titles), set by :func:`cost_view`."""
WIDE = {"description_width": "initial"}
LABELS = tuple(o.label for o in ec2.OPTIONS)
PAYMENT_LABELS = {
    "no_upfront": "No Upfront",
    "partial_upfront": "Partial Upfront",
    "all_upfront": "All Upfront",
}
"""What the Payment dropdown shows (AWS's names) for the model's payment options."""


def _money(x: float) -> str:
    return f"${x:,.0f}"


def cost_readout(comparison: ec2.CostComparison) -> str:
    """The readout (HTML): cheapest option, its saving, break-even, what is ruled out."""
    rows, w = comparison.table.to_dict("index"), comparison.workload
    od = rows["on_demand"]
    hours = f"{w.hours_per_day:g} h/day"
    parts = [f"<b>{w.count} × {escape(w.instance_type)}</b>, {hours}, {w.months} months"]
    best = comparison.cheapest
    if best is None:
        parts.append(f"<b>nothing to chart</b>: {escape(empty_reason(comparison))}")
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
    notes += [
        f"<li><b>{escape(r['label'])}</b> costs the same as On-Demand: it is billed at the "
        "On-Demand rate and buys guaranteed capacity, not a saving</li>"
        for option, r in rows.items()
        if option != "on_demand" and r["vs_on_demand"] == "same"
    ]
    return " · ".join(parts) + f'<ul style="margin: 0.3em 0">{"".join(notes)}</ul>'


def empty_reason(comparison: ec2.CostComparison) -> str:
    """Why no option has a cost to chart (plain text), or "" when one has."""
    if comparison.cheapest is not None:
        return ""
    rows, w = comparison.table.to_dict("index"), comparison.workload
    if w.per_core_licensing and rows["dedicated_host"]["status"] == "unpriced":
        return (
            "per-core licences (BYOL) need a Dedicated Host, and the snapshot has no "
            f"Dedicated Host price for {w.instance_type}. Untick the licences, or load an AWS "
            "Price List offer file with pricing.load_offer_file."
        )
    return "no allowed option has a price for this workload: load an AWS Price List offer file."


def _note(reason: str) -> str:
    """The empty-state note for the chart: a line a sentence (annotations do not wrap)."""
    return "<br>".join(["<b>Nothing to chart</b>", *escape(reason).split(". ")]) if reason else ""


def _hover(row: dict) -> str:
    if row["status"] != "ok":
        return f"{row['label']}: {row['status']}<br>{row['reason']}"
    after = row["after_end"]
    extra = f"<br>{_money(after)} after the workload ends" if after > 0 else ""
    return (
        f"{row['label']}: {_money(row['total'])} ({_money(row['upfront'])} upfront)"
        f"<br>basis: {row['basis']}{extra}"
    )


def cost_view(workload: ec2.Workload, book: ec2.PriceBook) -> View:
    """Bars (upfront and recurring per option in ``ec2.OPTIONS`` order, 0 where the option
    is out, a grey mark instead), cumulative cost lines (empty where out), break-even marks
    on the On-Demand line, and the readout.

    ``result`` is the model's :class:`..ec2.CostComparison`. Bad input raises the model's
    ``ValueError``, which names the parameter.
    """
    comparison = ec2.compare_costs(workload, book)
    table = comparison.table
    ok = (table["status"] == "ok").to_numpy()
    hover = tuple(_hover(r) for r in table.to_dict("records"))
    traces: dict[str, dict] = {
        "upfront": {"y": np.where(ok, table["upfront"].to_numpy(), 0.0), "hovertext": hover},
        "recurring": {"y": np.where(ok, table["recurring"].to_numpy(), 0.0), "hovertext": hover},
        "out": {
            "y": np.where(ok, np.nan, 0.0),
            "text": tuple("" if k else s for k, s in zip(ok, table["status"], strict=True)),
            "hovertext": hover,
        },
    }
    months, empty = comparison.months.astype(float), np.empty(0)
    for i, option in enumerate(ec2.OPTIONS):
        line = comparison.cumulative[i] if ok[i] else empty
        traces[option.id] = {"x": months if ok[i] else empty, "y": line}
    be = table["break_even_month"].to_numpy()
    has_be = ~np.isnan(be)
    be_x = be[has_be].astype(int)
    traces["break_even"] = {
        "x": be_x.astype(float),
        "y": comparison.cumulative[0, be_x - 1] if be_x.size else empty,
        "text": tuple(
            f"{lab}: break-even month {m}"
            for lab, m in zip(table.loc[has_be, "label"], be_x, strict=True)
        ),
    }
    reason = empty_reason(comparison)
    layout = {  # empty: say why on the chart, and no made-up dollar ticks on empty axes
        f"{EMPTY_NOTE}.text": _note(reason),
        f"{EMPTY_NOTE}.visible": bool(reason),
        "yaxis.showticklabels": not reason,
        "yaxis2.showticklabels": not reason,
    }
    return View(cost_readout(comparison), traces, layout, result=comparison)


class CostExplorer(Explorer):
    """Total cost per purchasing option (bars) and cost over time (lines, break-even marks).

    Sliders: hours per day, months, instance count; a checkbox for interruptible work and
    one for per-core licensing; dropdowns for the payment option and the discount basis
    (these reprice the book).
    """

    def __init__(
        self,
        workload: ec2.Workload,
        *,
        payment: str = "no_upfront",
        discount_basis: str = "price_list",
        prices: pd.DataFrame | None = None,
        note: str = "",
    ) -> None:
        self.workload, self.prices = workload, prices
        self._books: dict[tuple[str, str], ec2.PriceBook] = {}
        controls = {
            "hours": widgets.FloatSlider(
                value=workload.hours_per_day,
                min=1,
                max=24,
                step=1,
                description="Hours/day",
                readout_format=".0f",
                style=WIDE,
            ),
            "months": widgets.IntSlider(value=workload.months, min=1, max=60, description="Months"),
            "count": widgets.IntSlider(
                value=workload.count, min=1, max=100, description="Instances"
            ),
            "interruptible": widgets.Checkbox(
                value=workload.interruptible, description="Can be interrupted", indent=False
            ),
            "licensing": widgets.Checkbox(
                value=workload.per_core_licensing,
                description="Per-core licences (BYOL)",
                indent=False,
            ),
            "payment": widgets.Dropdown(
                options=[(PAYMENT_LABELS[p], p) for p in ec2.PAYMENTS],
                value=payment,
                description="Payment",
            ),
            "basis": widgets.Dropdown(
                options=[
                    ("AWS Price List RIs", "price_list"),
                    ("2019 RI quotes (illustrative)", "quotes_2019"),
                    ("'up to' ceilings (3-year)", "ceilings"),
                ],
                value=discount_basis,
                description="Discounts",
            ),
        }
        rows = [("hours", "months", "count"), ("interruptible", "licensing", "payment", "basis")]
        super().__init__(controls, rows=rows, note=note)

    def book(self, payment: str, basis: str) -> ec2.PriceBook:
        """The price book for a payment option and discount basis (kept: it never changes)."""
        key = (payment, basis)
        if key not in self._books:
            self._books[key] = ec2.price_book(
                self.workload.instance_type,
                prices=self.prices,
                payment=payment,
                discount_basis=basis,
            )
        return self._books[key]

    def initial_figure(self) -> go.Figure:
        fig = make_subplots(
            rows=2,
            cols=1,
            vertical_spacing=0.22,
            subplot_titles=(
                "Total cost per purchasing option (USD)",
                "Cost committed by month, and break-even against On-Demand",
            ),
        )
        bar = {"x": LABELS, "hoverinfo": "text"}
        fig.add_trace(go.Bar(name="upfront", marker_color="#4c72b0", uid="upfront", **bar), 1, 1)
        fig.add_trace(
            go.Bar(name="recurring", marker_color="#9ecae1", uid="recurring", **bar), 1, 1
        )
        fig.add_trace(
            go.Scatter(
                name="ruled out / no price",
                mode="markers",  # the status is in the hover and the readout's list
                marker={"symbol": "x", "color": _GREY, "size": 10},
                uid="out",
                **bar,
            ),
            1,
            1,
        )
        for i, (option, color) in enumerate(zip(ec2.OPTIONS, _LINE_COLORS, strict=True)):
            line = {
                "color": color,
                "width": 3 if i == 0 else 2,
                "shape": "hv",
                # Equal to On-Demand at 24 h a day: dotted so both stay visible.
                "dash": "dot" if option.kind == "capacity_reservation" else "solid",
            }
            fig.add_trace(
                go.Scatter(
                    name=option.label, mode="lines", line=line, uid=option.id, legend="legend2"
                ),
                2,
                1,
            )
        fig.add_trace(
            go.Scatter(
                mode="markers",
                name="break-even",
                hoverinfo="text",
                marker={"symbol": "diamond", "size": 11, "color": "black"},
                uid="break_even",
                legend="legend2",
            ),
            2,
            1,
        )
        fig.add_annotation(  # EMPTY_NOTE: shown when no option has a cost
            text="",
            visible=False,
            xref="paper",
            yref="paper",
            x=0.5,
            y=0.8,
            showarrow=False,
            font={"size": 14},
            bgcolor="#fff8c5",
        )
        usd = {"title": {"text": "USD"}, "rangemode": "tozero", "tickformat": "$,.0f"}
        fig.update_layout(
            barmode="stack",
            height=900,
            autosize=True,  # the output area's width: no fixed width
            margin={"t": 60, "b": 60},
            xaxis={"tickangle": -35},
            yaxis=usd,
            xaxis2={"title": {"text": "month"}},
            yaxis2=usd,
            legend={"orientation": "h", "y": 1.06},
            legend2={"y": 0.0, "yanchor": "bottom"},
        )
        return fig

    def view(
        self,
        hours: float,
        months: int,
        count: int,
        interruptible: bool,
        licensing: bool,
        payment: str,
        basis: str,
    ) -> View:
        workload = ec2.Workload(
            self.workload.instance_type,
            count=count,
            hours_per_day=float(hours),
            months=months,
            interruptible=interruptible,
            per_core_licensing=licensing,
            host_affinity=self.workload.host_affinity,
        )
        return cost_view(workload, self.book(payment, basis))


@explorable("ec2")
def cost_explorer(
    instance_type: str = "m5.large", months: int = 36, count: int = 10
) -> CostExplorer:
    """The course's cost explorer, priced from the snapshot (sources in the note)."""
    workload = ec2.Workload(instance_type, count=count, months=months)
    od = ec2.price_book(instance_type, discount_basis="price_list").rates["on_demand"]
    sp = fact("ec2.compute_sp_max_discount_percent")
    return CostExplorer(
        workload,
        note=(
            "<p><b>Read the basis of every bar</b> (hover it). On-Demand: "
            f"{escape(od.source)}. Reserved Instances under <i>AWS Price List RIs</i>: m5.large's "
            "rates per payment option as AWS's Price List published them in 2020 (confidence "
            "medium, <b>illustrative</b>), t3.medium's No Upfront rates from a third party "
            "(confidence low); other types, and <i>2019 RI quotes</i>, apply m5.large quotes "
            "collected in 2019 as a discount. No Savings Plan rate is known. Under <i>'up to' "
            "ceilings</i>: "
            f"AWS's advertised maximum discounts (e.g. Compute SP up to {sp.value}%), a "
            "<b>best case</b> applied to the 3-year terms only. Without Price List rates, "
            "payment options move money to the start without changing the total (Partial "
            "Upfront is modelled as half upfront). Spot: the Spot model's synthetic prices "
            "and capacity interruptions (<b>illustrative</b>). Dedicated options need prices the "
            "snapshot lacks: load an AWS Price List offer file with "
            "<code>pricing.load_offer_file</code>.</p>"
        ),
    )
