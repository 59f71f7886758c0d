"""Route 53 explorables: the failover timeline, where each user goes, and weighted traffic
through caching resolvers.

Each is declared on :class:`aws_compute_course.widgets.Explorer`: its controls, its figure
and a pure view function from the controls' values to the figure's patches and the readout
(``failover_view``, ``where_view``, ``weighted_view``; tested headless, every number from
:mod:`..route53`). In the course notebook::

    failover_explorer()    # threshold, interval and TTL sliders; traffic after a failure
    where_explorer()       # geolocation vs latency vs geoproximity (bias slider)
    weighted_explorer()    # weights and health; shares per endpoint with TTL caching
"""

from __future__ import annotations

from aws_compute_course.topics.route53.explorables.failover import (
    FailoverExplorer,
    failover_explorer,
    failover_readout,
    failover_view,
)
from aws_compute_course.topics.route53.explorables.weighted import (
    WeightedExplorer,
    weighted_explorer,
    weighted_readout,
    weighted_view,
)
from aws_compute_course.topics.route53.explorables.where import (
    WhereExplorer,
    where_explorer,
    where_view,
)

__all__ = [
    "FailoverExplorer",
    "WeightedExplorer",
    "WhereExplorer",
    "failover_explorer",
    "failover_readout",
    "failover_view",
    "weighted_explorer",
    "weighted_readout",
    "weighted_view",
    "where_explorer",
    "where_view",
]
