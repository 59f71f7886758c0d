"""Spot explorables: the price against a maximum price, real-format price history, and a
fleet's allocation strategies.

Each is declared on :class:`aws_compute_course.widgets.Explorer`: its controls, its figure
and a pure view function from the controls' values to the figure's patches and the readout
(``price_view``, ``history_view``, ``fleet_view``; tested headless, every number from
:mod:`..spot`). In the course notebook::

    spot_price_explorer()          # m5.large, a year of synthetic 5-minute prices
    price_history_explorer()       # the describe-spot-price-history sample, per AZ
    fleet_explorer()               # six illustrative pools, all four strategies
"""

from __future__ import annotations

from aws_compute_course.topics.spot.explorables.fleet import (
    RECOMMENDED_STRATEGY,
    FleetExplorer,
    fleet_explorer,
    fleet_readout,
    fleet_view,
)
from aws_compute_course.topics.spot.explorables.history import (
    SAMPLE,
    PriceHistoryExplorer,
    history_view,
    pool_series,
    price_history_explorer,
)
from aws_compute_course.topics.spot.explorables.price import (
    DEFAULT_BAND,
    MAX_DISCOUNT_PERCENT,
    NOTICE_MINUTES,
    SpotPriceExplorer,
    iso,
    plot_top,
    price_readout,
    price_view,
    screen_steps,
    spot_price_explorer,
    step_points,
    stopped_steps,
)

__all__ = [
    "DEFAULT_BAND",
    "MAX_DISCOUNT_PERCENT",
    "NOTICE_MINUTES",
    "RECOMMENDED_STRATEGY",
    "SAMPLE",
    "FleetExplorer",
    "PriceHistoryExplorer",
    "SpotPriceExplorer",
    "fleet_explorer",
    "fleet_readout",
    "fleet_view",
    "history_view",
    "iso",
    "plot_top",
    "pool_series",
    "price_history_explorer",
    "price_readout",
    "price_view",
    "screen_steps",
    "spot_price_explorer",
    "step_points",
    "stopped_steps",
]
