"""Spot Instances and Spot Fleet (topic 03): prices, interruptions, cost and fleet allocation.

The models, importable without Jupyter: ``from aws_compute_course.topics import spot``
gives every public name of the modules below. Explorables are in ``.explorables`` and
the scenario questions in ``.questions``.
"""

from __future__ import annotations

from aws_compute_course.topics.spot.fleet import (
    FLEET_API_NAMES,
    MAX_TARGET_CAPACITY,
    STRATEGIES,
    FleetAllocation,
    SpotPool,
    Strategy,
    allocate_fleet,
    illustrative_pools,
)
from aws_compute_course.topics.spot.prices import (
    BAND_MONTHLY_RATE,
    FLOOR_FRACTION,
    FREQUENCY_BANDS,
    MAX_PRICE_MIN,
    NOTICE,
    RECOVERY_HOURS,
    TEACHING_BAND,
    SpotRun,
    capacity_reclaimed,
    load_price_history,
    price_series,
    simulate,
    synthetic_prices,
)

__all__ = [
    "BAND_MONTHLY_RATE",
    "FLEET_API_NAMES",
    "FLOOR_FRACTION",
    "FREQUENCY_BANDS",
    "MAX_PRICE_MIN",
    "MAX_TARGET_CAPACITY",
    "NOTICE",
    "RECOVERY_HOURS",
    "STRATEGIES",
    "TEACHING_BAND",
    "FleetAllocation",
    "SpotPool",
    "SpotRun",
    "Strategy",
    "allocate_fleet",
    "capacity_reclaimed",
    "illustrative_pools",
    "load_price_history",
    "price_series",
    "simulate",
    "synthetic_prices",
]
