"""Scale-in decisions: which instance a scale in terminates, and the rule that decided it.

Availability Zone balance comes first (the zone with the most instances that has at least
one not protected from scale in), then the termination policies in order. ``Default`` is
AWS's default policy: align with the allocation strategy, then an outdated launch template
(an older version), then the instance closest to the next billing hour, then at random
(the model picks the lowest instance id, to stay deterministic). Instances in ``Standby``
are out of service and never chosen; protected instances are never chosen.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from aws_compute_course.validate import choice, flag, integer

POLICIES = (
    "Default",
    "AllocationStrategy",
    "OldestLaunchTemplate",
    "OldestInstance",
    "NewestInstance",
    "ClosestToNextInstanceHour",
)


@dataclass(frozen=True)
class Instance:
    """One instance of the group."""

    id: str
    az: str
    launched_minute: int
    """When it launched (minutes since an arbitrary start)."""
    template_version: int = 1
    type_priority: int = 0
    """Its instance type's place in the prioritized list (0 first); AllocationStrategy
    terminates the lowest-priority types first."""
    protected: bool = False
    """Scale-in protection."""
    standby: bool = False

    def __post_init__(self) -> None:
        if not isinstance(self.id, str) or not self.id:
            raise ValueError(f"id must be a non-empty text, got {self.id!r}")
        if not isinstance(self.az, str) or not self.az:
            raise ValueError(f"az must be a non-empty text, got {self.az!r}")
        integer("launched_minute", self.launched_minute, 0)
        integer("template_version", self.template_version, 1)
        integer("type_priority", self.type_priority, 0, 100)
        flag("protected", self.protected)
        flag("standby", self.standby)


@dataclass(frozen=True)
class Decision:
    """The instance a scale in terminates (None when every instance is protected or in
    Standby) and the rule that singled it out."""

    instance: Instance | None
    rule: str
    az_counts: dict[str, int]


def _narrow(candidates: list[Instance], policy: str, now: int) -> tuple[list[Instance], str | None]:
    if policy == "AllocationStrategy":
        worst = max(i.type_priority for i in candidates)
        kept = [i for i in candidates if i.type_priority == worst]
        why = f"allocation strategy: lowest-priority instance type (priority {worst})"
    elif policy == "OldestLaunchTemplate":
        oldest = min(i.template_version for i in candidates)
        kept = [i for i in candidates if i.template_version == oldest]
        why = f"oldest launch template version (v{oldest})"
    elif policy == "OldestInstance":
        first = min(i.launched_minute for i in candidates)
        kept = [i for i in candidates if i.launched_minute == first]
        why = "oldest instance"
    elif policy == "NewestInstance":
        last = max(i.launched_minute for i in candidates)
        kept = [i for i in candidates if i.launched_minute == last]
        why = "newest instance"
    else:  # ClosestToNextInstanceHour
        into = max((now - i.launched_minute) % 60 for i in candidates)
        kept = [i for i in candidates if (now - i.launched_minute) % 60 == into]
        why = f"closest to the next instance hour ({60 - into} min to go)"
    return kept, (why if len(kept) < len(candidates) else None)


def choose_termination(
    instances: Sequence[Instance], policies: Sequence[str] = ("Default",), now: int = 0
) -> Decision:
    """The instance a scale in of one terminates under ``policies`` (applied in order)."""
    if not all(isinstance(i, Instance) for i in instances):
        raise ValueError("instances must be Instance items")
    if len({i.id for i in instances}) != len(instances):
        raise ValueError("instances must have distinct ids")
    policies = tuple(policies)
    if not policies:
        raise ValueError(f"policies must name at least one of {list(POLICIES)}")
    for p in policies:
        choice("policies", p, POLICIES)
    integer("now", now, 0)
    if any(i.launched_minute > now for i in instances):
        raise ValueError("now must not be before any instance's launched_minute")
    in_service = [i for i in instances if not i.standby]
    counts: dict[str, int] = {}
    for i in in_service:
        counts[i.az] = counts.get(i.az, 0) + 1
    open_azs = {i.az for i in in_service if not i.protected}
    if not open_azs:
        return Decision(None, "no instance can go: all are protected or in Standby", counts)
    most = max(counts[az] for az in open_azs)
    azs = sorted(az for az in open_azs if counts[az] == most)
    candidates = [i for i in in_service if i.az in azs and not i.protected]
    rule = (
        f"Availability Zone balance: {azs[0]} has the most instances ({most})"
        if len(azs) == 1 and len(open_azs) > 1
        else f"zones balanced ({most} each in {', '.join(azs)})"
    )
    steps: list[str] = []
    for p in policies:
        steps += (
            ["AllocationStrategy", "OldestLaunchTemplate", "ClosestToNextInstanceHour"]
            if p == "Default"
            else [p]
        )
    for step in steps:
        if len(candidates) == 1:
            break
        candidates, why = _narrow(candidates, step, now)
        rule = f"{rule}; then {why}" if why else rule
    if len(candidates) > 1:
        candidates = sorted(candidates, key=lambda i: i.id)[:1]
        rule += "; then a tie: one at random (the model takes the lowest id)"
    return Decision(candidates[0], rule, counts)


def scale_in(
    instances: Sequence[Instance], count: int, policies: Sequence[str] = ("Default",), now: int = 0
) -> list[Decision]:
    """``count`` scale-in steps, one instance each (fewer when the rest are protected)."""
    integer("count", count, 0, len(instances))
    left, decisions = list(instances), []
    for _ in range(count):
        d = choose_termination(left, policies, now)
        if d.instance is None:
            break
        decisions.append(d)
        left = [i for i in left if i.id != d.instance.id]
    return decisions


def az_rebalance(instances: Sequence[Instance], azs: Sequence[str]) -> list[tuple[str, str]]:
    """What AZRebalance does after a zone comes back: launch in the zone with the fewest
    instances first, then terminate in the one with the most (launch before terminate),
    until the counts differ by at most one. Returns ("launch", az) / ("terminate", id)."""
    azs = list(azs)
    if not azs or len(set(azs)) != len(azs):
        raise ValueError(f"azs must be distinct zone names, got {azs!r}")
    stray = sorted({i.az for i in instances} - set(azs))
    if stray:
        raise ValueError(f"azs must include every instance's zone, missing {stray}")
    group = [i for i in instances if not i.standby]
    actions: list[tuple[str, str]] = []
    serial = 0
    while True:
        counts = {az: sum(i.az == az for i in group) for az in azs}
        low = min(azs, key=lambda az: (counts[az], azs.index(az)))
        movable = [az for az in azs if any(i.az == az and not i.protected for i in group)]
        if not movable:
            return actions
        high = max(movable, key=lambda az: (counts[az], -azs.index(az)))
        if counts[high] - counts[low] <= 1:
            return actions
        serial += 1
        now = max(i.launched_minute for i in group)
        group.append(Instance(f"new-{serial}", low, now))
        actions.append(("launch", low))
        gone = choose_termination([i for i in group if i.az == high], ("Default",), now)
        group = [i for i in group if i is not gone.instance]
        actions.append(("terminate", gone.instance.id))


def with_protection(instances: Sequence[Instance], ids: Sequence[str]) -> list[Instance]:
    """The instances with scale-in protection set on ``ids``."""
    known = {i.id for i in instances}
    unknown = sorted(set(ids) - known)
    if unknown:
        raise ValueError(f"ids must name instances of the group, unknown {unknown}")
    return [replace(i, protected=i.protected or i.id in ids) for i in instances]
