"""Real-format Spot price history: each AZ's prices for one instance type, against On-Demand
and a maximum price."""

from __future__ import annotations

import contextlib
from html import escape
from importlib import resources
from pathlib import Path

import ipywidgets as widgets
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from aws_compute_course.pricing import Price, on_demand_hourly
from aws_compute_course.topics import spot
from aws_compute_course.topics.spot.explorables.price import (
    MAX_COLOR,
    ON_DEMAND_COLOR,
    SHADE_COLOR,
    iso,
    money,
    plot_top,
    step_points,
    stopped_steps,
)
from aws_compute_course.widgets import Explorer, View, explorable

SAMPLE = resources.files("aws_compute_course.data") / "spot_price_history_sample.json"
"""``describe-spot-price-history`` output in AWS's format: a week in us-east-1, a sample."""

_AZ_COLORS = ("#1f77b4", "#2ca02c", "#9467bd", "#8c564b", "#17becf", "#bcbd22")


def pool_series(
    history: pd.DataFrame, product_description: str = "Linux/UNIX"
) -> dict[tuple[str, str], pd.Series]:
    """Every (instance type, AZ) pool's prices as a 5-minute step series, all to the same end
    (the last change in ``history``), from :func:`..spot.price_series`."""
    rows = history[history["product_description"] == product_description]
    end = history["timestamp"].max()
    pools = sorted(set(zip(rows["instance_type"], rows["availability_zone"], strict=True)))
    return {
        (t, az): spot.price_series(history, t, az, product_description=product_description, end=end)
        for t, az in pools
    }


def history_view(
    series: dict[tuple[str, str], pd.Series],
    on_demand: Price,
    instance_type: str,
    availability_zone: str,
    max_price: float,
) -> View:
    """One instance type's AZs shown (the chosen one bold), its On-Demand price, the
    max-price line, the chosen pool's not-running periods, and a readout: the discount range
    against On-Demand and what a persistent request with ``max_price`` experienced.

    ``result`` is the model's :class:`..spot.SpotRun` for the chosen pool. Bad input raises
    the model's ``ValueError``, which names the parameter.
    """
    if (instance_type, availability_zone) not in series:
        have = sorted(az for t, az in series if t == instance_type)
        raise ValueError(
            f"availability_zone must be one of {have} for {instance_type}, "
            f"got {availability_zone!r}"
        )
    od = on_demand.price
    chosen = series[(instance_type, availability_zone)]
    run = spot.simulate(chosen, od, max_price)
    mine = [s for (t, _), s in series.items() if t == instance_type]
    low, high = min(float(s.min()) for s in mine), max(float(s.max()) for s in mine)
    top = max(plot_top(s, od) for s in mine)
    traces: dict[str, dict] = {
        f"{t} {az}": {
            "visible": t == instance_type,
            "line.width": 1 + 2 * (az == availability_zone),
        }
        for t, az in series
    }
    traces |= {
        "shade": stopped_steps(run, top),
        "on_demand": {"y": (od, od)},
        "max_price": {"y": (max_price, max_price)},
    }
    times = "interruption" if run.interruptions == 1 else "interruptions"
    cap = " (= On-Demand, the default without one)" if max_price >= od else ""
    readout = " · ".join(
        [
            f"<b>{escape(instance_type)}</b> Spot {money(low)} to {money(high)} in "
            f"{len(mine)} AZ(s): <b>{100 * (1 - high / od):.0f}% to {100 * (1 - low / od):.0f}%"
            f"</b> below On-Demand ({money(od)})",
            f"{escape(availability_zone)} with max price <b>{money(max_price)}</b>{cap}: "
            f"<b>{run.interruptions}</b> {times}, uptime <b>{run.uptime_percent:.1f}%</b> "
            f"of {run.hours_total:,.0f} h",
        ]
    )
    return View(readout, traces, {"yaxis.range": (0, top)}, result=run)


class PriceHistoryExplorer(Explorer):
    """Spot price history in AWS's format: pick an instance type, an AZ and a maximum price.

    The AZ dropdown offers the chosen type's AZs; the max-price slider ends at its
    On-Demand price (where it means no maximum: AWS's default).
    """

    def __init__(
        self,
        history: pd.DataFrame,
        *,
        instance_type: str | None = None,
        product_description: str = "Linux/UNIX",
        title: str = "Spot price history per AZ",
        note: str = "",
    ) -> None:
        series = pool_series(history, product_description)
        types = sorted({t for t, _ in series})
        self.on_demand: dict[str, Price] = {}
        for t in types:
            with contextlib.suppress(ValueError):  # no On-Demand price to compare with: left out
                self.on_demand[t] = on_demand_hourly(t)
        if not self.on_demand:
            raise ValueError(f"history has no instance type with an On-Demand price: {types}")
        self.series = {k: s for k, s in series.items() if k[0] in self.on_demand}
        self.title = title
        first = instance_type or next(iter(self.on_demand))
        if first not in self.on_demand:
            raise ValueError(f"instance_type must be one of {list(self.on_demand)}, got {first!r}")
        lowest = min(float(s.min()) for s in self.series.values())
        controls = {
            "instance_type": widgets.Dropdown(
                options=list(self.on_demand), value=first, description="Type"
            ),
            "availability_zone": widgets.Dropdown(
                options=self._azs(first), value=self._azs(first)[0], description="AZ"
            ),
            "max_price": widgets.FloatSlider(
                value=self.on_demand[first].price,
                min=np.floor(lowest * 0.9 * 1e4) / 1e4,
                max=self.on_demand[first].price,
                step=0.0001,
                readout_format=".4f",
                description="Max ($/h)",
                layout=widgets.Layout(width="420px"),
            ),
        }
        super().__init__(controls, note=note)

    def _azs(self, instance_type: str) -> tuple[str, ...]:
        return tuple(az for t, az in self.series if t == instance_type)

    def initial_figure(self) -> go.Figure:
        traces = []
        for i, ((t, az), prices) in enumerate(self.series.items()):
            x, y = step_points(prices)
            color = _AZ_COLORS[i % len(_AZ_COLORS)]
            traces.append(
                go.Scatter(
                    x=x,
                    y=y,
                    name=az,
                    mode="lines",
                    line={"color": color, "shape": "hv"},
                    hovertemplate=f"{az}: %{{y:$.4f}}/h<extra>{t}</extra>",
                    uid=f"{t} {az}",
                )
            )
        start = iso([min(s.index[0] for s in self.series.values())])[0]
        end = iso([max(s.index[-1] for s in self.series.values())])[0]
        line = {"x": (start, end), "mode": "lines", "hoverinfo": "skip"}
        shade = {"fill": "tozeroy", "fillcolor": SHADE_COLOR, "mode": "lines"}
        return go.Figure(
            [
                go.Scatter(
                    name="chosen AZ not running",
                    line={"width": 0, "shape": "hv"},
                    hoverinfo="skip",
                    uid="shade",
                    **shade,
                ),
                *traces,
                go.Scatter(
                    name="On-Demand",
                    line={"color": ON_DEMAND_COLOR, "dash": "dash"},
                    uid="on_demand",
                    **line,
                ),
                go.Scatter(
                    name="max price", line={"color": MAX_COLOR, "width": 2}, uid="max_price", **line
                ),
            ],
            layout={
                "title": {"text": self.title},
                "xaxis": {"type": "date", "title": {"text": "time (UTC)"}},
                "yaxis": {"title": {"text": "USD per hour"}, "tickformat": "$.3f"},
                "height": 440,
                "autosize": True,  # the output area's width: no fixed width
                "margin": {"t": 100},
                "legend": {"orientation": "h", "y": 1.02, "yanchor": "bottom"},
                "hovermode": "x",
            },
        )

    def adjust(self, instance_type: str, availability_zone: str, max_price: float) -> dict:
        return {
            "availability_zone": {"options": self._azs(instance_type)},
            "max_price": {"max": self.on_demand[instance_type].price},
        }

    def view(self, instance_type: str, availability_zone: str, max_price: float) -> View:
        od = self.on_demand[instance_type]
        return history_view(self.series, od, instance_type, availability_zone, max_price)


@explorable("spot")
def price_history_explorer(
    source: str | Path | dict | None = None, instance_type: str = "m5.large"
) -> PriceHistoryExplorer:
    """The course's price-history explorer over its sample in AWS's format (or ``source``: your
    own ``aws ec2 describe-spot-price-history`` output, as a path, JSON text or dict)."""
    history = spot.load_price_history(SAMPLE if source is None else source)
    od = on_demand_hourly(instance_type)
    what = (
        "a <b>sample</b> in the real format of <code>aws ec2 describe-spot-price-history</code> "
        "(one week in us-east-1) that shows the <b>shape</b> of the data; its prices are "
        "illustrative, not today's"
        if source is None
        else "your price history"
    )
    whose = "a sample in AWS's format" if source is None else "yours"
    return PriceHistoryExplorer(
        history,
        instance_type=instance_type,
        title=f"Spot price history per AZ ({whose}), against On-Demand and your maximum price",
        note=(
            f"<p>Spot prices: {what}. Each price holds until the next change. On-Demand: the "
            f"course's snapshot, {escape(od.cite())}. Only price-driven interruptions are "
            "modelled; in practice most interruptions are about capacity.</p>"
        ),
    )
