"""EC2 explorables: purchasing-option costs, a placement-group planner, a name explainer.

Each is declared on :class:`aws_compute_course.widgets.Explorer`: its controls, its figure
and a pure view function from the controls' values to the figure's patches and the readout
(``cost_view``, ``placement_view``, ``name_view``; tested headless, every number from
:mod:`..ec2`). In the course notebook::

    cost_explorer()         # m5.large, every purchasing option, 36 months
    placement_explorer()    # cluster / spread / partition on racks, with failures
    name_explainer()        # type an instance type name, read it decoded
"""

from __future__ import annotations

from aws_compute_course.topics.ec2.explorables.cost import (
    LABELS,
    CostExplorer,
    cost_explorer,
    cost_readout,
    cost_view,
)
from aws_compute_course.topics.ec2.explorables.names import (
    EXAMPLES,
    NameExplainer,
    name_explainer,
    name_view,
)
from aws_compute_course.topics.ec2.explorables.placement import (
    PlacementExplorer,
    placement_explorer,
    placement_readout,
    placement_view,
)

__all__ = [
    "EXAMPLES",
    "LABELS",
    "CostExplorer",
    "NameExplainer",
    "PlacementExplorer",
    "cost_explorer",
    "cost_readout",
    "cost_view",
    "name_explainer",
    "name_view",
    "placement_explorer",
    "placement_readout",
    "placement_view",
]
