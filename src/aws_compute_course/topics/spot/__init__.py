"""Spot Instances and Spot Fleet (topic 03): prices, interruptions, cost and fleet allocation.

The models, importable without Jupyter: ``from aws_compute_course.topics import spot``
gives every public name of the modules below. Explorables are in ``.explorables`` and
the scenario questions in ``.questions``.
"""

from __future__ import annotations

from aws_compute_course.topics.spot.fleet import (
    MAX_TARGET_CAPACITY,
    STRATEGIES,
    FleetAllocation,
    SpotPool,
    Strategy,
    allocate_fleet,
    illustrative_pools,
)
from aws_compute_course.topics.spot.prices import (
    FLOOR_FRACTION,
    NOTICE,
    SpotRun,
    load_price_history,
    price_series,
    simulate,
    synthetic_prices,
)

__all__ = [
    "FLOOR_FRACTION",
    "MAX_TARGET_CAPACITY",
    "NOTICE",
    "STRATEGIES",
    "FleetAllocation",
    "SpotPool",
    "SpotRun",
    "Strategy",
    "allocate_fleet",
    "illustrative_pools",
    "load_price_history",
    "price_series",
    "simulate",
    "synthetic_prices",
]
