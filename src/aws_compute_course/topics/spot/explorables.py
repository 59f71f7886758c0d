"""Spot explorables: the price against a maximum price, and a fleet's allocation strategies.

Each explorable has a pure view function from widget state to figure data and readout
(``price_view``, ``fleet_view``; tested headless, every number from :mod:`..spot`) and a
thin class that wires ipywidgets to a ``go.FigureWidget`` updated in place.

In the course notebook::

    spot_price_explorer()          # m5.large, a year of synthetic 5-minute prices
    fleet_explorer()               # six illustrative pools, all four strategies
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

import ipywidgets as widgets
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from aws_compute_course.facts import fact, value
from aws_compute_course.pricing import on_demand_hourly
from aws_compute_course.topics import spot
from aws_compute_course.widgets import Explorer

NOTICE_MINUTES = int(value("spot.interruption_notice_minutes"))
MAX_DISCOUNT_PERCENT = int(value("spot.max_discount_percent"))
RECOMMENDED_STRATEGY = str(value("spot.allocation_recommended"))

_SPOT_COLOR = "#1f77b4"
_ON_DEMAND_COLOR = "#d62728"
_MAX_COLOR = "#ff7f0e"
_SHADE_COLOR = "rgba(214, 39, 40, 0.15)"


def _iso(stamps: pd.DatetimeIndex | pd.Series) -> list[str]:
    """ISO strings without a zone: plotly shows them as given (the series is in UTC).

    Strings rather than datetimes: FigureWidget serialises datetime arrays one object at a
    time (and datetime64[ns] ones as bare integers); strings are cheap and unambiguous.
    """
    values = pd.DatetimeIndex(stamps).tz_localize(None).to_numpy().astype("datetime64[s]")
    return np.datetime_as_string(values).tolist()


# --- Spot price against a maximum price ---------------------------------------------------


@dataclass(frozen=True)
class PriceView:
    """What the price explorer shows for one maximum price."""

    max_price: float | None
    """The maximum price asked for; None means no maximum (AWS's recommendation)."""
    cap: float
    """The price above which the instance stops: ``max_price``, or On-Demand when None."""
    max_line_x: tuple[str, str]
    max_line_y: tuple[float, float]
    shade_x: tuple[str | None, ...]
    """Not-running periods as rectangles of one ``fill="toself"`` trace, None between."""
    shade_y: tuple[float | None, ...]
    run: spot.SpotRun
    """The model's result: every number in the readout comes from here."""
    readout: str
    """HTML: interruptions, uptime, hours lost, effective hourly cost, savings."""


def plot_top(prices: pd.Series, on_demand: float) -> float:
    """Upper end of the price axis: room above the On-Demand price and any spike."""
    return 1.05 * max(float(prices.max()), on_demand)


def _money(x: float) -> str:
    return f"${x:.4f}/h"


def price_readout(run: spot.SpotRun, on_demand: float, max_price: float | None) -> str:
    """The readout line (HTML) for one simulated run."""
    if max_price is None:
        limit = (
            "<b>no max price</b> (you pay the Spot price; "
            f"capped at On-Demand, {_money(on_demand)})"
        )
    else:
        limit = f"max price <b>{_money(max_price)}</b>"
    times = "interruption" if run.interruptions == 1 else "interruptions"
    parts = [
        limit,
        f"<b>{run.interruptions}</b> {times} (each after a {NOTICE_MINUTES}-minute notice)",
        f"uptime <b>{run.uptime_percent:.1f}%</b>",
        f"<b>{run.hours_lost:,.1f} h</b> lost",
    ]
    if run.effective_hourly_cost is None:
        parts.append("<b>never ran</b>: every Spot price is above the max price")
    else:
        parts.append(f"effective <b>{_money(run.effective_hourly_cost)}</b>")
        parts.append(f"<b>{run.savings_percent:.1f}%</b> saved vs On-Demand")
    return " · ".join(parts)


def price_view(prices: pd.Series, on_demand: float, max_price: float | None) -> PriceView:
    """Figure data and readout for ``max_price`` (None: no maximum) over ``prices``.

    Bad input raises the model's ``ValueError``, which names the parameter.
    """
    run = spot.simulate(prices, on_demand, max_price)
    cap = on_demand if max_price is None else float(max_price)
    top = plot_top(prices, on_demand)
    stopped = run.intervals[run.intervals["state"] != "running"]
    starts, ends = _iso(stopped["start"]), _iso(stopped["end"])
    shade_x: list[str | None] = []
    shade_y: list[float | None] = []
    for s, e in zip(starts, ends, strict=True):
        shade_x += [s, s, e, e, None]
        shade_y += [0.0, top, top, 0.0, None]
    first, last = _iso(run.intervals["start"].iloc[:1])[0], _iso(run.intervals["end"].iloc[-1:])[0]
    return PriceView(
        max_price=max_price,
        cap=cap,
        max_line_x=(first, last),
        max_line_y=(cap, cap),
        shade_x=tuple(shade_x),
        shade_y=tuple(shade_y),
        run=run,
        readout=price_readout(run, on_demand, max_price),
    )


def step_points(prices: pd.Series) -> tuple[list[str], np.ndarray]:
    """The price series as its change points plus its end, for a ``line_shape="hv"`` trace.

    Exact for a step series and much smaller: a year of 5-minute prices that change at most
    hourly is 105,120 points but under 8,761 change points.
    """
    values = prices.to_numpy(dtype=float)
    keep = np.flatnonzero(np.r_[True, values[1:] != values[:-1]])
    step = prices.index[1] - prices.index[0]
    stamps = prices.index[keep].append(pd.DatetimeIndex([prices.index[-1] + step]))
    return _iso(stamps), np.r_[values[keep], values[-1]]


class SpotPriceExplorer(Explorer):
    """Spot price, On-Demand price and a maximum price, with the interrupted periods shaded.

    A slider sets the maximum price (from the lowest Spot price to On-Demand); a checkbox
    removes it, as AWS recommends. Every change goes through :meth:`update`, which edits
    the figure in place.
    """

    def __init__(
        self,
        prices: pd.Series,
        on_demand: float,
        *,
        max_price: float | None = None,
        title: str = "Spot price and maximum price",
        subtitle: str = "",
        note: str = "",
    ) -> None:
        self.prices = prices
        self.on_demand = on_demand
        view = price_view(prices, on_demand, max_price)  # validates before building widgets
        step_x, step_y = step_points(prices)
        top = plot_top(prices, on_demand)
        self.figure = go.FigureWidget(
            [
                go.Scatter(
                    x=view.shade_x,
                    y=view.shade_y,
                    name="not running",
                    fill="toself",
                    fillcolor=_SHADE_COLOR,
                    line={"width": 0},
                    mode="lines",
                    hoverinfo="skip",
                    uid="shade",
                ),
                go.Scatter(
                    x=step_x,
                    y=step_y,
                    name="Spot price",
                    mode="lines",
                    line={"color": _SPOT_COLOR, "width": 1, "shape": "hv"},
                    uid="spot",
                ),
                go.Scatter(
                    x=view.max_line_x,
                    y=(on_demand, on_demand),
                    name="On-Demand",
                    line={"color": _ON_DEMAND_COLOR, "dash": "dash"},
                    mode="lines",
                    uid="on_demand",
                ),
                go.Scatter(
                    x=view.max_line_x,
                    y=view.max_line_y,
                    name="max price",
                    line={"color": _MAX_COLOR, "width": 2},
                    mode="lines",
                    uid="max_price",
                ),
            ],
            layout={
                "title": {"text": title, "subtitle": {"text": subtitle}},
                "xaxis": {"type": "date", "title": {"text": "time (UTC)"}},
                "yaxis": {
                    "range": [0, top],
                    "title": {"text": "USD per hour"},
                    "tickformat": "$.3f",
                },
                "height": 420,
                "margin": {"t": 80, "b": 50},
                "legend": {"orientation": "h", "y": -0.18},
                "hovermode": "x",
            },
        )
        self._shade, self._max_line = self.figure.data[0], self.figure.data[3]
        start = float(prices.median()) if max_price is None else max_price
        self.slider = widgets.FloatSlider(
            value=start,
            # Widen the range for a max price outside it rather than let the slider clamp it.
            min=min(float(prices.min()), start),
            max=max(on_demand, start),
            step=0.0001,
            readout_format=".4f",
            description="Max ($/h)",
            disabled=max_price is None,
            layout=widgets.Layout(width="520px"),
        )
        self.no_max = widgets.Checkbox(
            value=max_price is None,
            description="No max price (AWS's recommendation)",
            indent=False,
        )
        self.readout = widgets.HTML(view.readout)
        self.slider.observe(self._on_slider, names="value")
        self.no_max.observe(self._on_no_max, names="value")
        parts = [widgets.HTML(note)] if note else []
        controls = widgets.HBox([self.slider, self.no_max])
        self.widget = widgets.VBox([*parts, self.figure, controls, self.readout])

    def update(self, max_price: float | None) -> PriceView:
        """Show ``max_price`` (None: no maximum): max-price line, shading and readout."""
        view = price_view(self.prices, self.on_demand, max_price)
        # Only the two small traces change; the price series is never re-sent.
        with self.figure.batch_update():
            self._shade.x, self._shade.y = view.shade_x, view.shade_y
            self._max_line.y = view.max_line_y
        self.readout.value = view.readout
        return view

    def _on_slider(self, change: dict) -> None:
        if not self.no_max.value:
            self.update(change["new"])

    def _on_no_max(self, change: dict) -> None:
        self.slider.disabled = change["new"]
        self.update(None if change["new"] else self.slider.value)


def spot_price_explorer(
    instance_type: str = "m5.large",
    *,
    seed: int = 2026,
    days: int = 365,
    max_price: float | None = None,
) -> SpotPriceExplorer:
    """The course's price explorer: a year of synthetic 5-minute prices for ``instance_type``.

    The On-Demand price comes from the course's dated price snapshot, cited in the title.
    """
    od = on_demand_hourly(instance_type)
    prices = spot.synthetic_prices(od.price, seed=seed, days=days)
    recommend = fact("spot.max_price_recommended")
    return SpotPriceExplorer(
        prices,
        od.price,
        max_price=max_price,
        title=f"{instance_type} Spot price (synthetic, seed {seed}) and your maximum price",
        subtitle=f"On-Demand {_money(od.price)}, {od.region}: {escape(od.cite())}",
        note=(
            "<p>The Spot prices are <b>synthetic and illustrative</b>: a seeded random walk "
            f"between the deepest advertised discount ({MAX_DISCOUNT_PERCENT}% off) and the "
            "On-Demand price. Only price-driven interruptions are modelled; in practice "
            "most interruptions are about capacity. "
            f'{escape(recommend.summary)} (<a href="{recommend.source}" target="_blank">'
            f"AWS, checked {recommend.verified_on}</a>)</p>"
        ),
    )


# --- fleet allocation strategies ----------------------------------------------------------


@dataclass(frozen=True)
class FleetView:
    """What the fleet explorer shows for one strategy, target and On-Demand base."""

    pools: tuple[str, ...]
    """Bar categories: every pool, in the order given, used or not."""
    spot_units: tuple[int, ...]
    on_demand_units: tuple[int, ...]
    allocation: spot.FleetAllocation
    """The model's result: every number in the readout comes from here."""
    readout: str
    """HTML: hourly cost, expected interruptions, units delivered and unfilled."""


_STRATEGY_NOTES = {
    "lowestPrice": "the cheapest pool first, then the next cheapest",
    "diversified": "evenly across every pool",
    "capacityOptimized": "the pools least likely to be interrupted first",
    "priceCapacityOptimized": "the lower-risk pools first, cheapest of those first",
}


def fleet_readout(allocation: spot.FleetAllocation, strategy: str) -> str:
    """The readout line (HTML) for one allocation."""
    recommended = " (AWS's recommendation)" if strategy == RECOMMENDED_STRATEGY else ""
    parts = [
        f"<b>{strategy}</b>{recommended}: {_STRATEGY_NOTES[strategy]}",
        f"cost <b>${allocation.hourly_cost:.4f}/h</b>",
        f"expected interruptions <b>{allocation.interruptions_per_hour:.4f}/h</b> "
        f"({allocation.expected_interruptions(24):.2f} a day)",
        f"<b>{allocation.units}</b> of {allocation.target_capacity} units",
    ]
    if allocation.unfilled_units:
        parts.append(
            f'<b style="color: {_ON_DEMAND_COLOR}">{allocation.unfilled_units}</b> unfilled'
        )
    return " · ".join(parts)


def fleet_view(
    pools: Sequence[spot.SpotPool],
    target_capacity: int,
    strategy: spot.Strategy,
    on_demand_base: int = 0,
) -> FleetView:
    """Units per pool and the readout for one fleet request.

    Bad input raises the model's ``ValueError``, which names the parameter.
    """
    allocation = spot.allocate_fleet(pools, target_capacity, strategy, on_demand_base)
    mix = allocation.mix
    names = tuple(p.name for p in pools)

    def units(market: str) -> tuple[int, ...]:
        rows = mix[mix["market"] == market]
        per_pool = dict(zip(rows["pool"], rows["units"], strict=True))
        return tuple(int(per_pool.get(n, 0)) for n in names)

    return FleetView(
        pools=names,
        spot_units=units("spot"),
        on_demand_units=units("on-demand"),
        allocation=allocation,
        readout=fleet_readout(allocation, strategy),
    )


def _pool_hover(pool: spot.SpotPool) -> str:
    return (
        f"Spot {_money(pool.spot_price)} · On-Demand {_money(pool.on_demand_price)}<br>"
        f"{pool.interruption_rate:.3%} interrupted per hour · {pool.spare_instances} spare"
    )


class FleetExplorer(Explorer):
    """Units per pool for each allocation strategy, target capacity and On-Demand base."""

    def __init__(
        self,
        pools: Sequence[spot.SpotPool],
        *,
        target_capacity: int = 40,
        strategy: spot.Strategy = "priceCapacityOptimized",
        on_demand_base: int = 0,
        max_target: int = 400,
        title: str = "Capacity units per pool",
        note: str = "",
    ) -> None:
        self.pools = tuple(pools)
        view = fleet_view(self.pools, target_capacity, strategy, on_demand_base)
        hover = [_pool_hover(p) for p in self.pools]
        bar = {"x": view.pools, "customdata": hover, "hovertemplate": "%{y} units<br>%{customdata}"}
        self.figure = go.FigureWidget(
            [
                go.Bar(y=view.spot_units, name="Spot", marker_color=_SPOT_COLOR, uid="spot", **bar),
                go.Bar(
                    y=view.on_demand_units,
                    name="On-Demand",
                    marker_color=_ON_DEMAND_COLOR,
                    uid="on_demand",
                    **bar,
                ),
            ],
            layout={
                "title": {"text": title},
                "barmode": "stack",
                "yaxis": {"title": {"text": "units"}, "rangemode": "tozero"},
                "height": 380,
                "legend": {"orientation": "h", "y": -0.2},
            },
        )
        self.strategy = widgets.Dropdown(
            options=spot.STRATEGIES, value=strategy, description="Strategy"
        )
        self.target = widgets.IntSlider(
            value=target_capacity,
            min=1,
            max=max(max_target, target_capacity),
            description="Target units",
        )
        self.base = widgets.IntSlider(
            value=on_demand_base, min=0, max=target_capacity, description="On-Demand base"
        )
        self.readout = widgets.HTML(view.readout)
        self.strategy.observe(self._on_change, names="value")
        self.target.observe(self._on_target, names="value")
        self.base.observe(self._on_change, names="value")
        parts = [widgets.HTML(note)] if note else []
        controls = widgets.HBox([self.strategy, self.target, self.base])
        self.widget = widgets.VBox([*parts, self.figure, controls, self.readout])

    def update(
        self, target_capacity: int, strategy: spot.Strategy, on_demand_base: int = 0
    ) -> FleetView:
        """Show one fleet request: bar heights and readout."""
        view = fleet_view(self.pools, target_capacity, strategy, on_demand_base)
        with self.figure.batch_update():
            self.figure.data[0].y = view.spot_units
            self.figure.data[1].y = view.on_demand_units
        self.readout.value = view.readout
        return view

    def _on_change(self, _change: dict) -> None:
        self.update(self.target.value, self.strategy.value, self.base.value)

    def _on_target(self, change: dict) -> None:
        # The base can't exceed the target; lowering the max clamps the base slider, whose
        # own observer then updates the figure, so update here only if it did not move.
        base_before = self.base.value
        self.base.max = change["new"]
        if self.base.value == base_before:
            self._on_change(change)


def fleet_explorer(target_capacity: int = 40) -> FleetExplorer:
    """The course's fleet explorer over :func:`..spot.illustrative_pools`."""
    pools = spot.illustrative_pools()
    od = on_demand_hourly(pools[0].instance_type)
    return FleetExplorer(
        pools,
        target_capacity=target_capacity,
        title="Capacity units per pool (six illustrative pools)",
        note=(
            "<p>Six pools (m5.large, c5.large, r5.large in two AZs). On-Demand prices: "
            f"{escape(od.cite())}. Spot prices, spare capacity and interruption rates are "
            "<b>illustrative</b>, invented so the strategies differ. Hover a bar for its "
            "pool. The strategies are a teaching model, not AWS's internal algorithm.</p>"
        ),
    )
