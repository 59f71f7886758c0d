"""Architectures (topic 09): one workload, every compute architecture of the notes side by
side on cost, limits, latency under a spike and operational effort.

The models, importable without Jupyter: ``from aws_compute_course.topics import
architectures`` gives every public name of the modules below. They reuse the other topics'
models (Lambda, API Gateway, load balancers, ECS/Fargate, Auto Scaling, EC2, Spot, Route 53)
rather than repeating them. Explorables are in ``.explorables`` and the scenario questions
in ``.questions``.
"""

from __future__ import annotations

from aws_compute_course.topics.architectures.catalog import ARCHITECTURES, BY_ID, IDS, Architecture
from aws_compute_course.topics.architectures.cost import (
    Cost,
    Line,
    break_even,
    breakdown,
    cost_curves,
    monthly_cost,
    monthly_costs,
    servers_needed,
    volume_grid,
)
from aws_compute_course.topics.architectures.limits import (
    VERDICTS,
    Check,
    Fit,
    check,
    check_all,
    max_volume,
)
from aws_compute_course.topics.architectures.ranking import Ranked, latency_risk, rank
from aws_compute_course.topics.architectures.spike import SpikeRun, arrivals, spike_response
from aws_compute_course.topics.architectures.workload import SHAPES, Workload, rate_profile

__all__ = [
    "ARCHITECTURES",
    "BY_ID",
    "IDS",
    "SHAPES",
    "VERDICTS",
    "Architecture",
    "Check",
    "Cost",
    "Fit",
    "Line",
    "Ranked",
    "SpikeRun",
    "Workload",
    "arrivals",
    "break_even",
    "breakdown",
    "check",
    "check_all",
    "cost_curves",
    "latency_risk",
    "max_volume",
    "monthly_cost",
    "monthly_costs",
    "rank",
    "rate_profile",
    "servers_needed",
    "spike_response",
    "volume_grid",
]
