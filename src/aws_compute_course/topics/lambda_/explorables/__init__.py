"""Lambda explorables: memory and cost, concurrency and throttling, traffic shifts, replays.

Each is declared on :class:`aws_compute_course.widgets.Explorer`: its controls, its figure
and a pure view function from the controls' values to the figure's patches and the readout
(``memory_view``, ``concurrency_view``, ``deployment_view``, ``replay_view``; tested
headless, every number from :mod:`..lambda_`). In the course notebook::

    memory_explorer()          # memory on x: vCPU share, duration, cost per million calls
    concurrency_explorer()     # a traffic spike against the limit, reserved, provisioned
    deployment_explorer()      # alias weights over time for every CodeDeploy type
    replay_explorer()          # events and failures through each invocation model
"""

from __future__ import annotations

from aws_compute_course.topics.lambda_.explorables.concurrency import (
    ConcurrencyExplorer,
    concurrency_explorer,
    concurrency_readout,
    concurrency_view,
)
from aws_compute_course.topics.lambda_.explorables.deployment import (
    DeploymentExplorer,
    deployment_explorer,
    deployment_view,
)
from aws_compute_course.topics.lambda_.explorables.memory import (
    POINTS,
    MemoryExplorer,
    memory_explorer,
    memory_readout,
    memory_view,
    shown_settings,
)
from aws_compute_course.topics.lambda_.explorables.replay import (
    BATCHED,
    OUTCOME_COLORS,
    PATTERNS,
    ReplayExplorer,
    replay_explorer,
    replay_options,
    replay_view,
)

__all__ = [
    "BATCHED",
    "OUTCOME_COLORS",
    "PATTERNS",
    "POINTS",
    "ConcurrencyExplorer",
    "DeploymentExplorer",
    "MemoryExplorer",
    "ReplayExplorer",
    "concurrency_explorer",
    "concurrency_readout",
    "concurrency_view",
    "deployment_explorer",
    "deployment_view",
    "memory_explorer",
    "memory_readout",
    "memory_view",
    "replay_explorer",
    "replay_options",
    "replay_view",
    "shown_settings",
]
