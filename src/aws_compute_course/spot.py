"""Spot Instances and Spot Fleet: prices, interruptions, cost and fleet allocation.

Three parts:

* price series: a seeded synthetic generator (prices move gradually, bounded by the
  On-Demand price and by the deepest advertised discount), and a loader for real history in
  the JSON shape that ``aws ec2 describe-spot-price-history`` returns;
* :func:`simulate`: what a persistent Spot request experiences on a price series with a
  given maximum price (or none): running and interrupted intervals, the two-minute notices,
  uptime, hours lost, cost and savings against On-Demand;
* :func:`allocate_fleet`: how a fleet's allocation strategy spreads a target capacity over
  instance pools, with an optional On-Demand base.

Prices are a step function: the price at ``index[i]`` holds until ``index[i + 1]``, and the
last one for one more step, as in AWS's price history.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from aws_compute_course.facts import value
from aws_compute_course.validate import integer, json_document, number, positive

NOTICE = pd.Timedelta(minutes=int(value("spot.interruption_notice_minutes")))
FLOOR_FRACTION = 1 - value("spot.max_discount_percent") / 100
MAX_TARGET_CAPACITY = int(value("spot.fleet_target_capacity_max"))

Strategy = Literal["lowestPrice", "diversified", "capacityOptimized", "priceCapacityOptimized"]
STRATEGIES: tuple[Strategy, ...] = (
    "lowestPrice",
    "diversified",
    "capacityOptimized",
    "priceCapacityOptimized",
)


# --- price series ------------------------------------------------------------------------


def synthetic_prices(
    on_demand: float,
    *,
    seed: int,
    start: str = "2026-01-01",
    days: int = 365,
    freq: str = "5min",
    mean_fraction: float = 0.4,
    volatility: float = 0.08,
    surges_per_month: float = 3.0,
    surge_hours: float = 12.0,
) -> pd.Series:
    """A deterministic, realistic-looking Spot price series (USD per hour).

    The price changes at most once an hour and holds in between (a step series, as in
    AWS's history). Its log moves as a mean-reverting walk around ``mean_fraction`` of
    ``on_demand``; capacity crunches arrive at ``surges_per_month`` on average and push the
    price up, fading over about ``surge_hours``. Prices stay between the deepest advertised
    discount (up to 90% off, from ``facts``) and the On-Demand price.

    ``mean_fraction`` 0.4 (60% off) is illustrative: AWS's own Auto Scaling example shows
    Spot at 44-62% below On-Demand; real discounts vary by pool and over time.
    """
    on_demand = positive("on_demand", on_demand)
    seed = integer("seed", seed, 0)
    days = integer("days", days, 1, 3660)
    mean_fraction = number("mean_fraction", mean_fraction, FLOOR_FRACTION, 1.0)
    volatility = number("volatility", volatility, 0.0, 1.0)
    surges_per_month = number("surges_per_month", surges_per_month, 0.0, 720.0)
    surge_hours = positive("surge_hours", surge_hours)
    try:
        step = pd.Timedelta(freq)
        start_ts = pd.Timestamp(start, tz="UTC")
    except (ValueError, TypeError) as err:
        raise ValueError(f"start/freq not understood: start={start!r}, freq={freq!r}") from err
    if not pd.Timedelta(0) < step <= pd.Timedelta(hours=1) or pd.Timedelta(hours=1) % step:
        raise ValueError(f"freq must divide one hour evenly (e.g. '5min'), got {freq!r}")

    rng = np.random.default_rng(seed)
    hours = days * 24
    # Mean-reverting log price (AR(1) with a ~3-day memory): gradual moves, no jumps.
    phi = math.exp(-1 / 72)
    shocks = rng.normal(0.0, volatility * math.sqrt(1 - phi**2), hours)
    level = np.empty(hours)
    x = 0.0
    for i in range(hours):
        x = phi * x + shocks[i]
        level[i] = x
    # Capacity crunches: an impulse train convolved with a fading kernel.
    impulses = rng.poisson(surges_per_month / (30 * 24), hours) * rng.uniform(0.3, 1.2, hours)
    kernel = np.exp(-np.arange(int(6 * surge_hours) + 1) / surge_hours)
    surge = np.convolve(impulses, kernel)[:hours]
    hourly = on_demand * mean_fraction * np.exp(level + surge)
    hourly = np.clip(hourly, on_demand * FLOOR_FRACTION, on_demand)
    # Quote to 4 decimal places like AWS, and keep the quote within the bounds.
    hourly = np.clip(np.round(hourly, 4), on_demand * FLOOR_FRACTION, on_demand)
    per_hour = pd.Timedelta(hours=1) // step
    index = pd.date_range(start_ts, periods=hours * per_hour, freq=step, name="timestamp")
    return pd.Series(np.repeat(hourly, per_hour), index=index, name="spot_price")


def load_price_history(source: str | Path | dict) -> pd.DataFrame:
    """Read ``aws ec2 describe-spot-price-history`` output (a path, JSON text or parsed dict).

    Returns one row per price change, oldest first, with columns ``timestamp`` (UTC),
    ``instance_type``, ``availability_zone``, ``product_description`` and ``price``.
    """
    where = "spot price history"
    if isinstance(source, dict):
        doc = source
    else:
        text = str(source)
        if isinstance(source, Path) or not text.lstrip().startswith("{"):
            path = Path(source)
            where = str(path)
            try:
                text = path.read_text(encoding="utf-8")
            except OSError as err:
                raise ValueError(f"source: cannot read {path}: {err.strerror}") from err
        doc = json_document(text, where)
    if not isinstance(doc, dict) or not isinstance(doc.get("SpotPriceHistory"), list):
        raise ValueError(f"source: {where} has no 'SpotPriceHistory' list")
    rows = []
    fields = ("AvailabilityZone", "InstanceType", "ProductDescription", "SpotPrice", "Timestamp")
    for n, rec in enumerate(doc["SpotPriceHistory"]):
        missing = [f for f in fields if not isinstance(rec, dict) or f not in rec]
        if missing:
            raise ValueError(f"source: {where} record {n} lacks {missing}")
        try:
            price = float(rec["SpotPrice"])
            stamp = pd.Timestamp(rec["Timestamp"])
        except (TypeError, ValueError) as err:
            raise ValueError(
                f"source: {where} record {n} has a bad SpotPrice or Timestamp"
            ) from err
        if not math.isfinite(price) or price <= 0:
            raise ValueError(f"source: {where} record {n} has SpotPrice {rec['SpotPrice']!r}")
        stamp = stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")
        rows.append(
            (stamp, rec["InstanceType"], rec["AvailabilityZone"], rec["ProductDescription"], price)
        )
    if not rows:
        raise ValueError(f"source: {where} has no price records")
    table = pd.DataFrame(
        rows,
        columns=["timestamp", "instance_type", "availability_zone", "product_description", "price"],
    )
    return table.sort_values("timestamp", kind="stable", ignore_index=True)


def price_series(
    history: pd.DataFrame,
    instance_type: str,
    availability_zone: str,
    *,
    product_description: str = "Linux/UNIX",
    freq: str = "5min",
    end: str | pd.Timestamp | None = None,
) -> pd.Series:
    """One pool's prices from :func:`load_price_history`, as a regular step series.

    Each price holds until the next change; the series runs from the first change to
    ``end`` (default: the last change).
    """
    for name, want, col in (
        ("instance_type", instance_type, "instance_type"),
        ("availability_zone", availability_zone, "availability_zone"),
        ("product_description", product_description, "product_description"),
    ):
        have = sorted(history[col].unique())
        if want not in have:
            raise ValueError(f"{name} must be one of {have}, got {want!r}")
    pool = history[
        (history.instance_type == instance_type)
        & (history.availability_zone == availability_zone)
        & (history.product_description == product_description)
    ]
    if pool.empty:
        raise ValueError(
            f"no prices for {instance_type} in {availability_zone} ({product_description})"
        )
    changes = pool.drop_duplicates("timestamp", keep="last").set_index("timestamp")["price"]
    step = pd.Timedelta(freq)
    first = changes.index[0].ceil(step)
    if end is None:
        last = changes.index[-1]
    else:
        last = pd.Timestamp(end)
        last = last.tz_localize("UTC") if last.tzinfo is None else last.tz_convert("UTC")
    if last < first:
        raise ValueError(f"end must be after the first price change ({first}), got {end!r}")
    grid = pd.date_range(first, last.floor(step), freq=step, name="timestamp")
    filled = changes.reindex(changes.index.union(grid)).ffill().reindex(grid)
    return filled.rename("spot_price")


# --- one Spot request ---------------------------------------------------------------------


@dataclass(frozen=True)
class SpotRun:
    """What a persistent Spot request experienced over a price series."""

    running: np.ndarray
    """Per price step: was the instance running?"""
    intervals: pd.DataFrame
    """Consecutive steps of one state: ``start``, ``end``, ``state`` ('running' or
    'interrupted'; 'waiting' before the first launch) and ``hours``."""
    notices: pd.DatetimeIndex
    """When each two-minute interruption notice was sent."""
    interruptions: int
    hours_total: float
    hours_running: float
    hours_lost: float
    uptime_percent: float
    cost: float
    """What the running hours cost at the Spot price (USD)."""
    on_demand_cost: float
    """What the same running hours would have cost On-Demand (USD)."""
    effective_hourly_cost: float | None
    """Cost per running hour; None when the instance never ran."""
    savings_percent: float | None
    """Saving against On-Demand for the hours that ran; None when it never ran."""


def _check_prices(prices: pd.Series) -> tuple[np.ndarray, float]:
    if not isinstance(prices, pd.Series):
        raise ValueError(f"prices must be a pandas Series, got {type(prices).__name__}")
    if len(prices) < 2:
        raise ValueError(f"prices must have at least 2 points, got {len(prices)}")
    if not isinstance(prices.index, pd.DatetimeIndex):
        raise ValueError("prices must have a DatetimeIndex")
    stamps = prices.index.asi8
    steps = np.diff(stamps)
    if steps[0] <= 0 or np.any(steps != steps[0]):
        raise ValueError("prices must be regularly spaced in time, oldest first")
    values = prices.to_numpy(dtype=float, na_value=np.nan)
    if not np.all(np.isfinite(values)) or np.any(values <= 0):
        raise ValueError("prices must all be finite and > 0")
    step_hours = (prices.index[1] - prices.index[0]).total_seconds() / 3600
    return values, step_hours


def simulate(prices: pd.Series, on_demand: float, max_price: float | None = None) -> SpotRun:
    """Run a persistent Spot request over ``prices``.

    The instance runs while the Spot price is at or below the maximum price and is
    interrupted (after a two-minute notice) when the price rises above it; it is relaunched
    when the price falls back. ``max_price=None`` is what AWS recommends: you pay the Spot
    price and the maximum defaults to the On-Demand price. Price-driven interruptions are
    the only kind modelled here; in practice most interruptions are about capacity.
    """
    values, step_hours = _check_prices(prices)
    on_demand = positive("on_demand", on_demand)
    cap = on_demand if max_price is None else positive("max_price", max_price)
    running = values <= cap

    change = np.flatnonzero(running[1:] != running[:-1]) + 1
    starts = np.concatenate(([0], change))
    ends = np.concatenate((change, [len(values)]))
    stopped = np.flatnonzero(running[1:] < running[:-1]) + 1
    index = prices.index
    step = index[1] - index[0]
    end_times = index[ends - 1] + step
    state = np.where(running[starts], "running", "interrupted")
    if not running[0]:
        state[0] = "waiting"
    intervals = pd.DataFrame(
        {
            "start": index[starts],
            "end": end_times,
            "state": state,
            "hours": (ends - starts) * step_hours,
        }
    )
    hours_total = len(values) * step_hours
    hours_running = float(np.count_nonzero(running)) * step_hours
    cost = float(values[running].sum()) * step_hours
    od_cost = hours_running * on_demand
    effective = cost / hours_running if hours_running else None
    return SpotRun(
        running=running,
        intervals=intervals,
        notices=index[stopped] - NOTICE,
        interruptions=len(stopped),
        hours_total=hours_total,
        hours_running=hours_running,
        hours_lost=hours_total - hours_running,
        uptime_percent=100 * hours_running / hours_total,
        cost=cost,
        on_demand_cost=od_cost,
        effective_hourly_cost=effective,
        savings_percent=None if effective is None else 100 * (1 - effective / on_demand),
    )


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
