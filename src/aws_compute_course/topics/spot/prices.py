"""Spot prices and one Spot request.

* price series: a seeded synthetic generator (prices move gradually, bounded by the
  On-Demand price and by the deepest advertised discount), and a loader for real history in
  the JSON shape that ``aws ec2 describe-spot-price-history`` returns;
* :func:`simulate`: what a persistent Spot request experiences on a price series with a
  given maximum price (or none), and optionally capacity reclaimed at the rate of a Spot
  Instance Advisor band (:func:`capacity_reclaimed`): running and interrupted intervals,
  the two-minute notices, uptime, hours lost, cost and savings against On-Demand.

Prices are a step function: the price at ``index[i]`` holds until ``index[i + 1]``, and the
last one for one more step, as in AWS's price history."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from aws_compute_course import facts
from aws_compute_course.validate import choice, integer, json_document, number, positive

NOTICE = pd.Timedelta(minutes=facts.integer("spot.interruption_notice_minutes"))
FLOOR_FRACTION = 1 - facts.number("spot.max_discount_percent") / 100
MAX_PRICE_MIN = facts.number("spot.max_price_min_usd")
FREQUENCY_BANDS: tuple[str, ...] = facts.items("spot.advisor_frequency_bands")
"""The Spot Instance Advisor's frequency-of-interruption bands (share of capacity reclaimed in
the trailing month)."""
BAND_MONTHLY_RATE: dict[str, float] = dict(
    zip(FREQUENCY_BANDS, (0.025, 0.075, 0.125, 0.175, 0.25), strict=True)
)
"""Model assumption (illustrative): the monthly chance that capacity reclaims a running
instance in a pool of each band, the middle of the band (25% for ">20%")."""
TEACHING_BAND = "5-10%"
"""The band the course's explorables and cost comparison start with (illustrative: pick your
own pool's band from the Spot Instance Advisor)."""
RECOVERY_HOURS = 1.0
"""Model assumption (illustrative): hours until a persistent request is fulfilled again after a
capacity interruption."""
HOURS_PER_MONTH = 365 * 24 / 12


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


# --- capacity interruptions ----------------------------------------------------------------


def capacity_reclaimed(
    index: pd.DatetimeIndex,
    frequency_band: str,
    *,
    seed: int,
    recovery_hours: float = RECOVERY_HOURS,
) -> np.ndarray:
    """Per step of ``index``: is the pool's capacity reclaimed from the instance? (seeded)

    A teaching model of capacity-driven interruptions, which happen at any price: while the
    instance runs, capacity is reclaimed with the monthly chance :data:`BAND_MONTHLY_RATE`
    gives for ``frequency_band`` (one of the Spot Instance Advisor's bands,
    :data:`FREQUENCY_BANDS`; the rates are illustrative), spread evenly over the hours; the
    instance then stays out for ``recovery_hours`` before its persistent request is
    fulfilled again.
    """
    choice("frequency_band", frequency_band, FREQUENCY_BANDS)
    seed = integer("seed", seed, 0)
    recovery = number("recovery_hours", recovery_hours, 0.0, 24 * 30, low_open=True)
    if not isinstance(index, pd.DatetimeIndex) or len(index) < 2:
        raise ValueError("index must be a DatetimeIndex of at least 2 steps")
    step_hours = (index[1] - index[0]).total_seconds() / 3600
    per_step = 1 - (1 - BAND_MONTHLY_RATE[frequency_band]) ** (step_hours / HOURS_PER_MONTH)
    draws = np.random.default_rng(seed).random(len(index))
    out = max(1, math.ceil(recovery / step_hours))
    reclaimed = np.zeros(len(index), dtype=bool)
    free_from = 0  # a reclaim can only hit a running instance: not one already out
    for i in np.flatnonzero(draws < per_step):  # rare: a handful of steps a year
        if i >= free_from:
            reclaimed[i : i + out] = True
            free_from = i + out
    return reclaimed


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
    price_interruptions: int = 0
    """Interruptions that began because the Spot price rose above the maximum price."""
    capacity_interruptions: int = 0
    """Interruptions that began because EC2 reclaimed the capacity (at any price)."""
    frequency_band: str | None = None
    """The pool's frequency-of-interruption band the run modelled; None: price only."""


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


def simulate(
    prices: pd.Series,
    on_demand: float,
    max_price: float | None = None,
    *,
    frequency_band: str | None = None,
    seed: int = 0,
    recovery_hours: float = RECOVERY_HOURS,
) -> SpotRun:
    """Run a persistent Spot request over ``prices``.

    The instance runs while the Spot price is at or below the maximum price and is
    interrupted (after a two-minute notice) when the price rises above it; it is relaunched
    when the price falls back. ``max_price=None`` is what AWS recommends: you pay the Spot
    price and the maximum defaults to the On-Demand price; a maximum price must be more
    than USD 0.001. With ``frequency_band`` (a Spot Instance Advisor band) EC2 also reclaims
    the capacity now and then, whatever the price (:func:`capacity_reclaimed`, seeded by
    ``seed``; illustrative rates): the instance is interrupted and relaunched
    ``recovery_hours`` later. Without it, price-driven interruptions are the only kind
    modelled; in practice most interruptions are about capacity.
    """
    values, step_hours = _check_prices(prices)
    on_demand = positive("on_demand", on_demand)
    if max_price is None:
        cap = on_demand
    else:
        cap = number("max_price", max_price, MAX_PRICE_MIN, low_open=True)
    priced_out = values > cap
    if frequency_band is None:
        reclaimed = np.zeros(len(values), dtype=bool)
    else:
        reclaimed = (
            capacity_reclaimed(
                prices.index, frequency_band, seed=seed, recovery_hours=recovery_hours
            )
            & ~priced_out
        )  # reclaiming needs a running instance
    running = ~priced_out & ~reclaimed

    change = np.flatnonzero(running[1:] != running[:-1]) + 1
    starts = np.concatenate(([0], change))
    ends = np.concatenate((change, [len(values)]))
    stopped = np.flatnonzero(running[1:] < running[:-1]) + 1
    by_capacity = int(np.count_nonzero(reclaimed[stopped]))
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
        price_interruptions=len(stopped) - by_capacity,
        capacity_interruptions=by_capacity,
        frequency_band=frequency_band,
    )
