"""The scaling lab's configurations: a group from a few named choices, run cached, and a
run reduced to what a chart shows (model side of the scaling lab explorable)."""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from aws_compute_course.pricing import on_demand_hourly
from aws_compute_course.topics.auto_scaling.demand import demand_preset
from aws_compute_course.topics.auto_scaling.policies import (
    WARM_POOL_STATES,
    Group,
    Predictive,
    SimpleScaling,
    SpotMix,
    StepScaling,
    TargetTracking,
    WarmPool,
)
from aws_compute_course.topics.auto_scaling.simulator import Run, simulate
from aws_compute_course.validate import choice, flag, integer, number

POLICY_NAMES = ("target tracking", "step scaling", "simple scaling", "fixed size")
SPOT_CHOICES = ("On-Demand only", "Spot mix + Capacity Rebalancing", "Spot mix, no rebalancing")
WARM_CHOICES = ("no warm pool", *WARM_POOL_STATES)
INSTANCE_TYPE = "m5.large"
LAB_MAX_SIZE = 100
LAB_PEAK_RPS = 2000.0
LAB_CAPACITY_RPS = 100.0


def lab_group(
    policy: str = "target tracking",
    target: float = 50.0,
    launch_minutes: int = 5,
    warm_pool: str = "no warm pool",
    predictive: bool = False,
    spot: str = "On-Demand only",
    fixed_size: int = 20,
) -> Group:
    """A group for the lab: m5.large at the snapshot's On-Demand price, 100 requests per
    second per instance (illustrative), min 2, max 100.

    ``target`` is the target tracking target, or the high alarm of step and simple scaling
    (their low alarm at ``target - 30``, at least 5)."""
    choice("policy", policy, POLICY_NAMES)
    target = number("target", target, 10.0, 95.0)
    integer("fixed_size", fixed_size, 2, LAB_MAX_SIZE)
    choice("warm_pool", warm_pool, WARM_CHOICES)
    flag("predictive", predictive)
    choice("spot", spot, SPOT_CHOICES)
    low = max(target - 30.0, 5.0)
    rule = {
        "target tracking": TargetTracking(target=target),
        "step scaling": StepScaling(high=target, low=low),
        "simple scaling": SimpleScaling(high=target, low=low),
        "fixed size": None,
    }[policy]
    mix = None if spot == SPOT_CHOICES[0] else SpotMix(capacity_rebalance=spot == SPOT_CHOICES[1])
    return Group(
        min_size=2 if rule is not None else fixed_size,
        max_size=LAB_MAX_SIZE,
        desired=2 if rule is not None else fixed_size,
        capacity_per_instance=LAB_CAPACITY_RPS,
        launch_minutes=integer("launch_minutes", launch_minutes, 1, 120),
        hourly_price=on_demand_hourly(INSTANCE_TYPE).price,
        policy=rule,
        predictive=Predictive(target=min(target, 90.0)) if predictive else None,
        warm_pool=None if warm_pool == WARM_CHOICES[0] else WarmPool(size=20, state=warm_pool),
        spot=mix,
    )


@lru_cache(maxsize=8)
def lab_demand(preset: str, days: int = 7) -> np.ndarray:
    """The lab's demand curve for ``preset`` (seed 0, peak 2,000 requests per second)."""
    values = demand_preset(preset, days=days, peak=LAB_PEAK_RPS, seed=0)
    values.setflags(write=False)
    return values


@lru_cache(maxsize=64)
def lab_run(preset: str, group: Group, days: int = 7) -> Run:
    """:func:`simulate` of ``group`` on the lab's demand (cached: the lab shows two)."""
    return simulate(lab_demand(preset, days), group)


def per_bin(values: np.ndarray, minutes: int, how: str) -> np.ndarray:
    """``values`` reduced to one number per ``minutes`` (``max``, ``min`` or ``mean``), as
    float32: what a chart of a week can show."""
    integer("minutes", minutes, 1, 1440)
    choice("how", how, ("max", "min", "mean"))
    values = np.asarray(values, dtype=float)
    whole = len(values) // minutes * minutes
    if whole == 0:
        raise ValueError(f"values must hold at least {minutes} points, got {len(values)}")
    table = values[:whole].reshape(-1, minutes)
    reduced = {"max": np.max, "min": np.min, "mean": np.mean}[how](table, axis=1)
    return reduced.astype(np.float32)
