"""A Spot Fleet's allocation strategies: capacity units per pool, cost and interruptions."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

import ipywidgets as widgets
import plotly.graph_objects as go

from aws_compute_course.facts import value
from aws_compute_course.pricing import on_demand_hourly
from aws_compute_course.topics import spot
from aws_compute_course.topics.spot.explorables.price import ON_DEMAND_COLOR, SPOT_COLOR, money
from aws_compute_course.widgets import Explorer, View, explorable

WIDE = {"description_width": "initial"}  # the default width cuts longer labels

RECOMMENDED_STRATEGY = str(value("spot.allocation_recommended"))

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
        f"<b>{strategy}</b>{recommended} (EC2 Fleet and Auto Scaling: "
        f"<code>{spot.FLEET_API_NAMES[strategy]}</code>): {_STRATEGY_NOTES[strategy]}",
        f"cost <b>${allocation.hourly_cost:.4f}/h</b>",
        f"expected interruptions <b>{allocation.interruptions_per_hour:.4f}/h</b> "
        f"({allocation.expected_interruptions(24):.2f} a day)",
        f"<b>{allocation.units}</b> of {allocation.target_capacity} units",
    ]
    if allocation.unfilled_units:
        parts.append(
            f'<b style="color: {ON_DEMAND_COLOR}">{allocation.unfilled_units}</b> unfilled'
        )
    return " · ".join(parts)


def fleet_view(
    pools: Sequence[spot.SpotPool],
    target_capacity: int,
    strategy: spot.Strategy,
    on_demand_base: int = 0,
) -> View:
    """Units per pool (every pool, in the order given, used or not) and the readout.

    ``result`` is the model's :class:`..spot.FleetAllocation`. Bad input raises the model's
    ``ValueError``, which names the parameter.
    """
    allocation = spot.allocate_fleet(pools, target_capacity, strategy, on_demand_base)
    mix = allocation.mix

    def units(market: str) -> tuple[int, ...]:
        rows = mix[mix["market"] == market]
        per_pool = dict(zip(rows["pool"], rows["units"], strict=True))
        return tuple(int(per_pool.get(p.name, 0)) for p in pools)

    return View(
        fleet_readout(allocation, strategy),
        {"spot": {"y": units("spot")}, "on_demand": {"y": units("on-demand")}},
        result=allocation,
    )


def _pool_hover(pool: spot.SpotPool) -> str:
    return (
        f"Spot {money(pool.spot_price)} · On-Demand {money(pool.on_demand_price)}<br>"
        f"{pool.interruption_rate:.3%} interrupted per hour · {pool.spare_instances} spare"
    )


class FleetExplorer(Explorer):
    """Units per pool for each allocation strategy, target capacity and On-Demand base
    (the base's slider ends at the target)."""

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
        self.pools, self.title = tuple(pools), title
        controls = {
            "strategy": widgets.Dropdown(
                options=spot.STRATEGIES, value=strategy, description="Strategy"
            ),
            "target": widgets.IntSlider(
                value=target_capacity,
                min=1,
                max=max(max_target, target_capacity),
                description="Target units",
                style=WIDE,
            ),
            "base": widgets.IntSlider(
                value=on_demand_base,
                min=0,
                max=target_capacity,
                description="On-Demand base",
                style=WIDE,
            ),
        }
        super().__init__(controls, note=note)

    def initial_figure(self) -> go.Figure:
        bar = {
            # "m5.large us-east-1a" on two lines: one line per bar is cut off on narrow charts
            "x": [p.name.replace(" ", "<br>", 1) for p in self.pools],
            "customdata": [_pool_hover(p) for p in self.pools],
            "hovertemplate": "%{y} units<br>%{customdata}",
        }
        return go.Figure(
            [
                go.Bar(name="Spot", marker_color=SPOT_COLOR, uid="spot", **bar),
                go.Bar(name="On-Demand", marker_color=ON_DEMAND_COLOR, uid="on_demand", **bar),
            ],
            layout={
                "title": {"text": self.title},
                "barmode": "stack",
                "yaxis": {"title": {"text": "units"}, "rangemode": "tozero"},
                "height": 380,
                "autosize": True,  # the output area's width: no fixed width
                "legend": {"orientation": "h", "y": -0.2},
            },
        )

    def adjust(self, strategy: str, target: int, base: int) -> dict:
        return {"base": {"max": target}}  # the On-Demand base can't exceed the target

    def view(self, strategy: spot.Strategy, target: int, base: int) -> View:
        return fleet_view(self.pools, target, strategy, base)


@explorable("spot")
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
