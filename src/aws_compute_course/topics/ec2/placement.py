"""EC2 placement groups: whether a plan is valid, its layout on AZs, partitions and racks,
and what a rack, partition or AZ failure takes down."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from aws_compute_course import facts
from aws_compute_course.validate import choice, integer

SPREAD_PER_AZ_MAX = facts.integer("ec2.spread_instances_per_az_max")
PARTITIONS_PER_AZ_MAX = facts.integer("ec2.partitions_per_az_max")
PARTITIONS_DEDICATED_MAX = facts.integer("ec2.partitions_dedicated_max")
GROUPS_PER_REGION_MAX = facts.integer("ec2.placement_groups_per_region_max")
CLUSTER_AZS_MAX = facts.integer("ec2.cluster_azs_max")

COUNT_MAX = 100_000


# --- placement groups --------------------------------------------------------------------

PlacementStrategy = Literal["cluster", "spread", "partition"]
STRATEGIES: tuple[str, ...] = ("cluster", "spread", "partition")
TENANCIES: tuple[str, ...] = ("default", "dedicated")
FAILURES: tuple[str, ...] = ("rack", "partition", "az")

INSTANCES_PER_RACK = 4
"""Model assumption, not an AWS figure: how many instances of one group share a rack when
EC2 packs them (cluster, and within a partition). AWS does not publish rack sizes."""


@dataclass(frozen=True)
class PlacementPlan:
    """A placement group request: strategy, AZs, instances and (for partition) partitions."""

    strategy: str
    azs: tuple[str, ...]
    instances: int
    partitions_per_az: int = 1
    """Partitions in each AZ (partition strategy only)."""
    tenancy: str = "default"
    groups_in_region: int = 1
    """Placement groups in the Region, this one included."""

    def __post_init__(self) -> None:
        choice("strategy", self.strategy, STRATEGIES)
        choice("tenancy", self.tenancy, TENANCIES)
        azs = tuple(self.azs) if isinstance(self.azs, list | tuple) else None
        if not azs or not all(isinstance(a, str) and a.strip() for a in azs):
            raise ValueError(f"azs must be a non-empty list of AZ names, got {self.azs!r}")
        if len(set(azs)) != len(azs):
            raise ValueError(f"azs must not repeat an AZ, got {list(azs)}")
        object.__setattr__(self, "azs", azs)
        integer("instances", self.instances, 1, COUNT_MAX)
        integer("partitions_per_az", self.partitions_per_az, 1, 100)
        integer("groups_in_region", self.groups_in_region, 1, 100_000)


@dataclass(frozen=True)
class PlanCheck:
    """Whether a plan is valid, why not, and where its instances land."""

    plan: PlacementPlan
    valid: bool
    problems: tuple[str, ...]
    """One sentence per broken rule, each naming the limit and its fact."""
    layout: pd.DataFrame
    """One row per instance: ``instance``, ``az``, ``partition`` (0 when none) and ``rack``."""


def _problems(plan: PlacementPlan) -> list[str]:
    problems = []
    n_az = len(plan.azs)
    if plan.groups_in_region > GROUPS_PER_REGION_MAX:
        problems.append(
            f"{plan.groups_in_region} placement groups exceed the {GROUPS_PER_REGION_MAX} "
            "allowed per Region."
        )
    if plan.strategy == "cluster" and n_az > CLUSTER_AZS_MAX:
        problems.append(
            f"A cluster placement group lives in {CLUSTER_AZS_MAX} Availability Zone; this plan "
            f"names {n_az}. Use one cluster group per AZ, or a spread or partition group."
        )
    if plan.strategy == "spread":
        if plan.tenancy == "dedicated":
            problems.append("Spread placement groups do not support Dedicated Instances.")
        per_az = math.ceil(plan.instances / n_az)
        if per_az > SPREAD_PER_AZ_MAX:
            problems.append(
                f"{plan.instances} instances over {n_az} AZ(s) puts {per_az} in one AZ; a spread "
                f"group holds at most {SPREAD_PER_AZ_MAX} running instances per AZ "
                f"({SPREAD_PER_AZ_MAX * n_az} in {n_az} AZ(s))."
            )
    if plan.strategy == "partition":
        if plan.partitions_per_az > PARTITIONS_PER_AZ_MAX:
            problems.append(
                f"{plan.partitions_per_az} partitions per AZ exceed the maximum of "
                f"{PARTITIONS_PER_AZ_MAX}."
            )
        total = plan.partitions_per_az * n_az
        if plan.tenancy == "dedicated" and total > PARTITIONS_DEDICATED_MAX:
            problems.append(
                f"With Dedicated Instances a partition group has at most "
                f"{PARTITIONS_DEDICATED_MAX} partitions; this plan has {total}."
            )
    elif plan.partitions_per_az != 1:
        problems.append(f"partitions_per_az applies only to partition groups, not {plan.strategy}.")
    return problems


def _layout(plan: PlacementPlan, per_rack: int) -> pd.DataFrame:
    n, azs = plan.instances, plan.azs
    width = len(str(n))
    ids = [f"i-{k + 1:0{width}d}" for k in range(n)]
    if plan.strategy == "cluster":
        az = [azs[0]] * n
        partition = [0] * n
        rack = [f"{azs[0]}/rack-{k // per_rack + 1}" for k in range(n)]
    elif plan.strategy == "spread":
        az = [azs[k % len(azs)] for k in range(n)]
        partition = [0] * n
        rack = [f"{az[k]}/rack-{k // len(azs) + 1}" for k in range(n)]  # one rack each
    else:
        total = plan.partitions_per_az * len(azs)
        partition = [k % total + 1 for k in range(n)]
        az = [azs[(p - 1) // plan.partitions_per_az] for p in partition]
        rack = [
            f"{a}/p{p}-rack-{(k // total) // per_rack + 1}"
            for k, (a, p) in enumerate(zip(az, partition, strict=True))
        ]
    return pd.DataFrame({"instance": ids, "az": az, "partition": partition, "rack": rack})


def check_placement(plan: PlacementPlan, instances_per_rack: int = INSTANCES_PER_RACK) -> PlanCheck:
    """Validate ``plan`` against the placement-group limits and lay out its instances.

    Limits (from ``facts``): cluster in one AZ; spread at most 7 running instances per AZ
    and no Dedicated Instances; partition at most 7 partitions per AZ (2 in all with
    Dedicated Instances) and no instance limit beyond the account's; 500 groups per Region.
    The layout is drawn even for an invalid plan, so a learner can see what breaks: cluster
    instances packed onto racks in the first AZ, spread instances round-robin over the AZs
    on a rack each, partition instances round-robin over the partitions (EC2's even spread)
    and packed onto each partition's racks. ``instances_per_rack`` is a model assumption.
    """
    if not isinstance(plan, PlacementPlan):
        raise ValueError(f"plan must be a PlacementPlan, got {type(plan).__name__}")
    per_rack = integer("instances_per_rack", instances_per_rack, 1, 1000)
    problems = _problems(plan)
    return PlanCheck(plan, not problems, tuple(problems), _layout(plan, per_rack))


@dataclass(frozen=True)
class FailureImpact:
    """What one failure takes down."""

    kind: str
    target: str
    """The failed rack, partition (``'p3'``) or AZ."""
    lost: tuple[str, ...]
    lost_count: int
    surviving: int
    lost_percent: float


def _groups(layout: pd.DataFrame, kind: str) -> pd.Series:
    if kind == "partition":
        return "p" + layout["partition"].astype(str)
    return layout["az" if kind == "az" else "rack"]


def simulate_failure(check: PlanCheck, kind: str, target: str | None = None) -> FailureImpact:
    """The instances lost when one rack, partition or AZ fails.

    ``target`` names the failed rack (as in the layout), partition (``'p1'``...) or AZ;
    None picks the worst case (the one holding the most instances; the first on a tie).
    A partition failure only exists for partition groups.
    """
    if not isinstance(check, PlanCheck):
        raise ValueError(f"check must be a PlanCheck (from check_placement), got {check!r}")
    choice("kind", kind, FAILURES)
    if kind == "partition" and check.plan.strategy != "partition":
        raise ValueError(
            f"kind 'partition' needs a partition group; this plan is {check.plan.strategy!r}"
        )
    groups = _groups(check.layout, kind)
    counts = groups.value_counts(sort=False)
    if target is None:
        target = str(counts.idxmax())
    elif target not in counts.index:
        raise ValueError(f"target must be one of {sorted(counts.index)}, got {target!r}")
    lost = tuple(check.layout.loc[groups == target, "instance"])
    n = len(check.layout)
    return FailureImpact(kind, target, lost, len(lost), n - len(lost), 100 * len(lost) / n)


def blast_radius(check: PlanCheck) -> pd.DataFrame:
    """Worst-case instances lost per failure kind (rows: rack, partition, AZ as they apply)."""
    kinds = [k for k in FAILURES if k != "partition" or check.plan.strategy == "partition"]
    rows = []
    for kind in kinds:
        hit = simulate_failure(check, kind)
        rows.append((kind, hit.target, hit.lost_count, round(hit.lost_percent, 1)))
    return pd.DataFrame(rows, columns=["failure", "worst case", "instances lost", "% lost"])
