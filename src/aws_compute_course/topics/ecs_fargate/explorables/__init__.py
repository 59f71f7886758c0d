"""ECS and Fargate explorables: task placement on container instances, Fargate against EC2
cost, and capacity provider splits.

Each is declared on :class:`aws_compute_course.widgets.Explorer` with a pure view
(``placement_view``, ``cost_view``, ``split_view``) whose every number comes from
:mod:`..ecs_fargate`. In the course notebook::

    placement_explorer()        # six illustrative instances, N tasks, strategies, constraints
    fargate_cost_explorer()     # monthly cost lines and the break-even utilisation
    capacity_split_explorer()   # base and weights, and a Fargate Spot reclamation
"""

from __future__ import annotations

from aws_compute_course.topics.ecs_fargate.explorables.capacity import (
    CapacitySplitExplorer,
    capacity_split_explorer,
    split_readout,
    split_view,
)
from aws_compute_course.topics.ecs_fargate.explorables.cost import (
    FargateCostExplorer,
    cost_readout,
    cost_view,
    fargate_cost_explorer,
)
from aws_compute_course.topics.ecs_fargate.explorables.placement import (
    CLUSTERS,
    PlacementExplorer,
    illustrative_cluster,
    placement_explorer,
    placement_readout,
    placement_view,
)

__all__ = [
    "CLUSTERS",
    "CapacitySplitExplorer",
    "FargateCostExplorer",
    "PlacementExplorer",
    "capacity_split_explorer",
    "cost_readout",
    "cost_view",
    "fargate_cost_explorer",
    "illustrative_cluster",
    "placement_explorer",
    "placement_readout",
    "placement_view",
    "split_readout",
    "split_view",
]
