"""Architectures explorables: cost vs volume (the headline), workload fit, spike response
and the ranking.

Each is declared on :class:`aws_compute_course.widgets.Explorer` with a pure view
(``cost_volume_view``, ``fit_view``, ``spike_view``, ``ranking_view``; tested headless,
every number from :mod:`..architectures`). In the course notebook::

    cost_volume_explorer()   # monthly cost per architecture as volume grows
    fit_explorer()           # which architectures a workload fits, and which limit breaks
    spike_explorer()         # a tenfold spike: served, dropped, queued
    ranking_explorer()       # weigh cost, latency and effort
"""

from __future__ import annotations

from aws_compute_course.topics.architectures.explorables.cost_volume import (
    CostVolumeExplorer,
    cost_volume_explorer,
    cost_volume_view,
)
from aws_compute_course.topics.architectures.explorables.fit import (
    FitExplorer,
    fit_explorer,
    fit_view,
)
from aws_compute_course.topics.architectures.explorables.ranking import (
    RankingExplorer,
    ranking_explorer,
    ranking_view,
)
from aws_compute_course.topics.architectures.explorables.spike import (
    SpikeExplorer,
    spike_explorer,
    spike_view,
)

__all__ = [
    "CostVolumeExplorer",
    "FitExplorer",
    "RankingExplorer",
    "SpikeExplorer",
    "cost_volume_explorer",
    "cost_volume_view",
    "fit_explorer",
    "fit_view",
    "ranking_explorer",
    "ranking_view",
    "spike_explorer",
    "spike_view",
]
