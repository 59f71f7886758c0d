"""Auto Scaling explorables: the scaling lab (demand against capacity for two
configurations), the scale-in explorer and the Instance Refresh timeline.

Each is declared on :class:`aws_compute_course.widgets.Explorer` with a pure view
(``lab_view``, ``scale_in_view``, ``refresh_view``) that calls the models. In the course
notebook::

    scaling_lab()          # a week of demand, configuration A against B
    scale_in_explorer()    # nine instances in three zones
    refresh_explorer()     # an Instance Refresh, minute by minute
"""

from __future__ import annotations

from aws_compute_course.topics.auto_scaling.explorables.lab import (
    COMPARE,
    ScalingLab,
    lab_readout,
    lab_view,
    scaling_lab,
)
from aws_compute_course.topics.auto_scaling.explorables.refresh import (
    RefreshExplorer,
    refresh_explorer,
    refresh_view,
)
from aws_compute_course.topics.auto_scaling.explorables.scale_in import (
    ScaleInExplorer,
    illustrative_group,
    scale_in_explorer,
    scale_in_view,
)

__all__ = [
    "COMPARE",
    "RefreshExplorer",
    "ScaleInExplorer",
    "ScalingLab",
    "illustrative_group",
    "lab_readout",
    "lab_view",
    "refresh_explorer",
    "refresh_view",
    "scale_in_explorer",
    "scale_in_view",
    "scaling_lab",
]
