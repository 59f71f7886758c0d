"""Capacity providers: how a strategy's base and weights split a service's tasks, what
managed scaling keeps in the Auto Scaling group, and what a Spot reclamation does.

:func:`split_tasks` follows the documented rules: the one provider with a base gets its base
first (at most the desired count), the rest is shared in proportion to the weights; a
provider of weight 0 gets nothing beyond its base. The rounding of a share that does not
divide evenly is the model's (largest remainder, ties to the provider listed first).

:func:`reclaim_spot` models the documented behaviour when Fargate Spot capacity is taken
back: each reclaimed task gets the two-minute warning (SIGTERM, EventBridge event) and
stops; the scheduler launches replacements with the same strategy, so they go to
FARGATE_SPOT again and wait there while it has no capacity. ECS does not move them to
FARGATE by itself; only the base (or a FARGATE weight) keeps tasks on On-Demand capacity.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from aws_compute_course import facts
from aws_compute_course.validate import integer, number

BASE_MAX = facts.integer("ecs_fargate.capacity_provider_base_max")
WEIGHT_MAX = facts.integer("ecs_fargate.capacity_provider_weight_max")
TARGET_CAPACITY_MAX = facts.integer("ecs_fargate.managed_scaling_target_capacity_max")
NOTICE_MINUTES = facts.integer("ecs_fargate.fargate_spot_notice_minutes")
FARGATE_PROVIDERS = ("FARGATE", "FARGATE_SPOT")
MAX_DESIRED = 100_000


@dataclass(frozen=True)
class ProviderItem:
    """One item of a capacity provider strategy."""

    provider: str
    base: int = 0
    weight: int = 0

    def __post_init__(self) -> None:
        if not isinstance(self.provider, str) or not self.provider.strip():
            raise ValueError(f"provider must be a non-empty name, got {self.provider!r}")
        integer("base", self.base, 0, BASE_MAX)
        integer("weight", self.weight, 0, WEIGHT_MAX)

    @property
    def is_fargate(self) -> bool:
        return self.provider in FARGATE_PROVIDERS


def check_strategy(strategy: Sequence[ProviderItem]) -> tuple[ProviderItem, ...]:
    """The strategy as a tuple; ValueError when it breaks a documented rule."""
    items = tuple(strategy)
    if not items or not all(isinstance(i, ProviderItem) for i in items):
        raise ValueError("strategy must hold one or more ProviderItem objects")
    names = [i.provider for i in items]
    if len(set(names)) != len(names):
        raise ValueError(f"strategy must name each provider once, got {names}")
    if sum(1 for i in items if i.base) > 1:
        raise ValueError("strategy: only one capacity provider may have a base")
    if len({i.is_fargate for i in items}) > 1:
        raise ValueError(
            "strategy must hold Fargate providers or Auto Scaling group providers, not both"
        )
    if not any(i.weight for i in items):
        raise ValueError("strategy needs at least one provider with a weight above 0")
    return items


def split_tasks(strategy: Sequence[ProviderItem], desired: int) -> dict[str, int]:
    """Provider name -> tasks, for ``desired`` tasks (see the module docstring)."""
    items = check_strategy(strategy)
    integer("desired", desired, 0, MAX_DESIRED)
    counts = {i.provider: 0 for i in items}
    for i in items:
        if i.base:
            counts[i.provider] = min(i.base, desired)
    rest = desired - sum(counts.values())
    total = sum(i.weight for i in items)
    shares = [(rest * i.weight / total, n, i.provider) for n, i in enumerate(items)]
    floors = {p: math.floor(s) for s, _, p in shares}
    left = rest - sum(floors.values())
    order = sorted(shares, key=lambda s: (-(s[0] - math.floor(s[0])), s[1]))
    for k, (_, _, p) in enumerate(order):
        counts[p] += floors[p] + (1 if k < left else 0)
    return counts


def managed_scaling_instances(tasks: int, tasks_per_instance: int, target_capacity: int) -> int:
    """Instances managed scaling keeps for ``tasks``: the instances the tasks need, divided
    by ``target_capacity`` % (100: no spare instance; 90: about 10 % spare)."""
    integer("tasks", tasks, 0, MAX_DESIRED)
    integer("tasks_per_instance", tasks_per_instance, 1, 10_000)
    integer("target_capacity", target_capacity, 1, TARGET_CAPACITY_MAX)
    needed = math.ceil(tasks / tasks_per_instance)
    return math.ceil(needed * 100 / target_capacity - 1e-9)


@dataclass(frozen=True)
class Reclamation:
    """A service's tasks before and after Fargate Spot capacity is reclaimed."""

    before: dict[str, int]
    stopped: int
    running: dict[str, int]
    pending: int

    @property
    def running_total(self) -> int:
        return sum(self.running.values())


def reclaim_spot(
    strategy: Sequence[ProviderItem], desired: int, reclaimed_share: float
) -> Reclamation:
    """Reclaim ``reclaimed_share`` of the FARGATE_SPOT tasks while Spot has no capacity."""
    before = split_tasks(strategy, desired)
    number("reclaimed_share", reclaimed_share, 0.0, 1.0)
    spot = before.get("FARGATE_SPOT", 0)
    stopped = round(spot * reclaimed_share)
    running = dict(before)
    if stopped:
        running["FARGATE_SPOT"] = spot - stopped
    return Reclamation(before, stopped, running, stopped)
