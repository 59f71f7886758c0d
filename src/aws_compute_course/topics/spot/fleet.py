"""Spot Fleet: how a fleet's allocation strategy spreads a target capacity over instance
pools, with an optional On-Demand base."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from aws_compute_course import facts
from aws_compute_course.pricing import on_demand_hourly
from aws_compute_course.validate import integer, number, positive

MAX_TARGET_CAPACITY = facts.integer("spot.fleet_target_capacity_max")

Strategy = Literal["lowestPrice", "diversified", "capacityOptimized", "priceCapacityOptimized"]
STRATEGIES: tuple[Strategy, ...] = (
    "lowestPrice",
    "diversified",
    "capacityOptimized",
    "priceCapacityOptimized",
)
"""The strategies as a Spot Fleet request spells them (the model's names)."""
FLEET_API_NAMES: dict[str, str] = {
    "lowestPrice": "lowest-price",
    "diversified": "diversified",
    "capacityOptimized": "capacity-optimized",
    "priceCapacityOptimized": "price-capacity-optimized",
}
"""Each strategy as EC2 Fleet and Auto Scaling groups spell it
(``spot.allocation_recommended_fleet``)."""


# --- fleets -------------------------------------------------------------------------------


@dataclass(frozen=True)
class SpotPool:
    """One Spot capacity pool: an instance type in one Availability Zone."""

    instance_type: str
    availability_zone: str
    spot_price: float
    """Current Spot price, USD per instance-hour."""
    on_demand_price: float
    """On-Demand price of the same type, USD per instance-hour."""
    spare_instances: int
    """How many instances the pool can supply right now."""
    interruption_rate: float
    """Chance that a running instance of this pool is interrupted in a given hour (0-1)."""
    weight: int = 1
    """Capacity units one instance counts for (WeightedCapacity)."""

    def __post_init__(self) -> None:
        name = f"pool {self.instance_type}/{self.availability_zone}"
        if not self.instance_type or not self.availability_zone:
            raise ValueError("instance_type and availability_zone must not be empty")
        positive(f"{name}: spot_price", self.spot_price)
        positive(f"{name}: on_demand_price", self.on_demand_price)
        number(f"{name}: interruption_rate", self.interruption_rate, 0.0, 1.0)
        integer(f"{name}: spare_instances", self.spare_instances, 0)
        integer(f"{name}: weight", self.weight, 1)

    @property
    def name(self) -> str:
        return f"{self.instance_type} {self.availability_zone}"

    @property
    def spot_price_per_unit(self) -> float:
        return self.spot_price / self.weight


@dataclass(frozen=True)
class FleetAllocation:
    """Where a fleet's capacity landed and what it is expected to cost."""

    mix: pd.DataFrame
    """One row per pool and market used: ``pool``, ``instance_type``,
    ``availability_zone``, ``market`` ('spot' or 'on-demand'), ``instances``, ``units``,
    ``hourly_cost`` and ``interruptions_per_hour`` (expected)."""
    target_capacity: int
    units: int
    unfilled_units: int
    hourly_cost: float
    interruptions_per_hour: float

    def expected_cost(self, hours: float) -> float:
        """Expected cost of running the fleet as allocated for ``hours`` (USD)."""
        return self.hourly_cost * positive("hours", hours)

    def expected_interruptions(self, hours: float) -> float:
        """Expected Spot interruptions in ``hours`` (interrupted capacity is replaced)."""
        return self.interruptions_per_hour * positive("hours", hours)


def _spot_order(pools: Sequence[SpotPool], strategy: Strategy) -> list[list[int]]:
    """Pool indices in the order a strategy fills them; each inner list is filled evenly."""
    idx = list(range(len(pools)))
    by_price = sorted(idx, key=lambda i: (pools[i].spot_price_per_unit, pools[i].name))
    by_risk = sorted(idx, key=lambda i: (pools[i].interruption_rate, pools[i].name))
    if strategy == "lowestPrice":
        return [[i] for i in by_price]
    if strategy == "diversified":
        return [sorted(idx, key=lambda i: pools[i].name)]
    if strategy == "capacityOptimized":
        return [[i] for i in by_risk]
    # priceCapacityOptimized: the safer half of the pools first, cheapest first within it.
    safe = set(by_risk[: max(1, math.ceil(len(pools) / 2))])
    return [[i] for i in by_price if i in safe] + [[i] for i in by_price if i not in safe]


def _fill(pools: Sequence[SpotPool], groups: list[list[int]], need: int) -> dict[int, int]:
    """Instances per pool to cover ``need`` units, filling groups in order, evenly within."""
    taken = dict.fromkeys(range(len(pools)), 0)
    for group in groups:
        open_pools = [i for i in group if pools[i].spare_instances > 0]
        while need > 0 and open_pools:
            for i in list(open_pools):
                if need <= 0:
                    break
                taken[i] += 1
                need -= pools[i].weight
                if taken[i] >= pools[i].spare_instances:
                    open_pools.remove(i)
        if need <= 0:
            break
    return taken


def allocate_fleet(
    pools: Sequence[SpotPool],
    target_capacity: int,
    strategy: Strategy = "priceCapacityOptimized",
    on_demand_base: int = 0,
) -> FleetAllocation:
    """Spread ``target_capacity`` units over ``pools`` the way ``strategy`` does.

    A teaching model of AWS's strategies, not their internal algorithm:

    * ``lowestPrice``: cheapest pool per unit first, then the next cheapest;
    * ``diversified``: evenly across every pool;
    * ``capacityOptimized``: the pools least likely to be interrupted first;
    * ``priceCapacityOptimized`` (AWS's recommendation): the lower-risk half of the pools,
      cheapest first, then the rest.

    ``on_demand_base`` units are bought On-Demand first, from the type with the lowest
    On-Demand price per unit; Spot fills the rest. Like AWS, a fleet may overshoot the
    target when weights don't divide it; capacity the pools can't supply is reported as
    ``unfilled_units``.
    """
    if not pools:
        raise ValueError("pools must contain at least one SpotPool")
    if not all(isinstance(p, SpotPool) for p in pools):
        raise ValueError("pools must contain only SpotPool objects")
    names = [p.name for p in pools]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise ValueError(f"pools must be distinct (instance type, AZ) pairs; repeated: {dupes}")
    if strategy not in STRATEGIES:
        raise ValueError(f"strategy must be one of {list(STRATEGIES)}, got {strategy!r}")
    target_capacity = integer("target_capacity", target_capacity, 1, MAX_TARGET_CAPACITY)
    on_demand_base = integer(
        "on_demand_base (at most target_capacity)", on_demand_base, 0, target_capacity
    )

    rows = []
    od_units = 0
    if on_demand_base:
        od = min(pools, key=lambda p: (p.on_demand_price / p.weight, p.name))
        count = math.ceil(on_demand_base / od.weight)
        od_units = count * od.weight
        rows.append(
            (
                od.name,
                od.instance_type,
                od.availability_zone,
                "on-demand",
                count,
                od_units,
                count * od.on_demand_price,
                0.0,
            )
        )
    need = target_capacity - od_units
    taken = _fill(pools, _spot_order(pools, strategy), need) if need > 0 else {}
    spot_units = 0
    for i, count in taken.items():
        if count:
            p = pools[i]
            spot_units += count * p.weight
            rows.append(
                (
                    p.name,
                    p.instance_type,
                    p.availability_zone,
                    "spot",
                    count,
                    count * p.weight,
                    count * p.spot_price,
                    count * p.interruption_rate,
                )
            )
    mix = pd.DataFrame(
        rows,
        columns=[
            "pool",
            "instance_type",
            "availability_zone",
            "market",
            "instances",
            "units",
            "hourly_cost",
            "interruptions_per_hour",
        ],
    )
    units = od_units + spot_units
    return FleetAllocation(
        mix=mix,
        target_capacity=target_capacity,
        units=units,
        unfilled_units=max(0, target_capacity - units),
        hourly_cost=float(mix["hourly_cost"].sum()),
        interruptions_per_hour=float(mix["interruptions_per_hour"].sum()),
    )


# (instance type, AZ, Spot price as a fraction of On-Demand, spare instances,
#  interruptions per instance-hour): invented to make the strategies differ visibly.
_ILLUSTRATIVE = (
    ("m5.large", "us-east-1a", 0.36, 60, 0.0004),
    ("m5.large", "us-east-1b", 0.40, 80, 0.0002),
    ("c5.large", "us-east-1a", 0.38, 40, 0.0006),
    ("c5.large", "us-east-1b", 0.42, 60, 0.0003),
    ("r5.large", "us-east-1a", 0.30, 50, 0.0001),
    ("r5.large", "us-east-1b", 0.33, 60, 0.00005),
)


def illustrative_pools() -> tuple[SpotPool, ...]:
    """Six pools: m5.large, c5.large and r5.large in us-east-1a and us-east-1b.

    On-Demand prices come from the course's price snapshot. The Spot prices (a fraction of
    On-Demand), spare capacity and interruption rates are **illustrative**, invented so the
    four strategies choose differently; they are not AWS data.
    """
    pools = []
    for instance_type, az, fraction, spare, rate in _ILLUSTRATIVE:
        od = on_demand_hourly(instance_type).price
        pools.append(SpotPool(instance_type, az, round(od * fraction, 4), od, spare, rate))
    return tuple(pools)
