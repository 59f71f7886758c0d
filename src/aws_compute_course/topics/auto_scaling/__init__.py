"""Auto Scaling (topic 02): a group simulator (policies, warm pools, Spot, processes),
scale-in decisions, health and lifecycle hooks, and updating an application.

The models, importable without Jupyter: ``from aws_compute_course.topics import auto_scaling``
gives every public name of the modules below. Explorables are in ``.explorables`` and the
scenario questions in ``.questions``.
"""

from __future__ import annotations

from aws_compute_course.topics.auto_scaling.demand import (
    MINUTES_PER_DAY,
    PRESETS,
    demand_preset,
    load_demand_csv,
)
from aws_compute_course.topics.auto_scaling.health import (
    PROCESS_EFFECTS,
    HookOutcome,
    global_timeout,
    health_status,
    lifecycle_outcome,
    suspend_effect,
)
from aws_compute_course.topics.auto_scaling.policies import (
    PROCESSES,
    WARM_POOL_STATES,
    WARM_START_MINUTES,
    Group,
    Predictive,
    ScheduledAction,
    SimpleScaling,
    SpotMix,
    StepScaling,
    TargetTracking,
    WarmPool,
)
from aws_compute_course.topics.auto_scaling.refresh import (
    RefreshTimeline,
    batch_size,
    instance_refresh,
    traffic_to_new,
)
from aws_compute_course.topics.auto_scaling.simulator import Run, hourly_forecast, simulate
from aws_compute_course.topics.auto_scaling.termination import (
    POLICIES,
    Decision,
    Instance,
    az_rebalance,
    choose_termination,
    scale_in,
    with_protection,
)

__all__ = [
    "MINUTES_PER_DAY",
    "POLICIES",
    "PRESETS",
    "PROCESSES",
    "PROCESS_EFFECTS",
    "WARM_POOL_STATES",
    "WARM_START_MINUTES",
    "Decision",
    "Group",
    "HookOutcome",
    "Instance",
    "Predictive",
    "RefreshTimeline",
    "Run",
    "ScheduledAction",
    "SimpleScaling",
    "SpotMix",
    "StepScaling",
    "TargetTracking",
    "WarmPool",
    "az_rebalance",
    "batch_size",
    "choose_termination",
    "demand_preset",
    "global_timeout",
    "health_status",
    "hourly_forecast",
    "instance_refresh",
    "lifecycle_outcome",
    "load_demand_csv",
    "scale_in",
    "simulate",
    "suspend_effect",
    "traffic_to_new",
    "with_protection",
]
