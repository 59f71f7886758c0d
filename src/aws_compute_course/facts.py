"""Every AWS number the course states, once, with its source and the date it was checked.

Notebooks, widgets, models and tests read limits from here; nothing else hard-codes them.
Where the January 2021 study notes said something different, ``notes_2021`` records what
they said, so the course can tell learners what changed (they will meet the old values in
older material).

``verified_on`` is the day the value was last read in the cited source. Values marked with
a month only (``YYYY-MM``) were checked in the course's fact-check of mid-2026
(``shared/reference/aws-facts.md`` in the steering repository) and not re-read since.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DATE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")


@dataclass(frozen=True)
class Fact:
    """One stated AWS value: what it is, where it comes from, when it was checked."""

    key: str
    value: float | int | str
    unit: str
    summary: str
    source: str
    verified_on: str
    topic: str
    notes_2021: str | None = None

    def __post_init__(self) -> None:
        if not _DATE.match(self.verified_on):
            raise ValueError(
                f"verified_on for {self.key!r} must be YYYY-MM[-DD], got {self.verified_on!r}"
            )
        if not self.source.startswith("https://"):
            raise ValueError(f"source for {self.key!r} must be an https URL, got {self.source!r}")

    @property
    def changed_since_notes(self) -> bool:
        """True when the 2021 notes stated something else (or nothing correct) for this fact."""
        return self.notes_2021 is not None

    def cite(self) -> str:
        """A short citation for notebooks: the source and when it was checked."""
        return f"{self.source} (checked {self.verified_on})"


_SPOT_NOTICES = (
    "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/spot-instance-termination-notices.html"
)
_SPOT_MARKET = "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_SpotMarketOptions.html"
_SPOT_PRICING = "https://aws.amazon.com/ec2/spot/pricing/"
_FLEET_QUOTAS = "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/fleet-quotas.html"
_SPOT_FLEET = "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/work-with-spot-fleets.html"
_SPOT_ALLOC = "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_SpotOptions.html"
_PLACEMENT = "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/placement-strategies.html"
_RI = "https://aws.amazon.com/ec2/reserved-instances/"
_SP = "https://aws.amazon.com/savingsplans/compute-pricing/"
_LAMBDA_LIMITS = "https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html"
_LAMBDA_MEMORY = "https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html"
_LAMBDA_ASYNC = "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-configuring.html"
_LAMBDA_SCALING = "https://docs.aws.amazon.com/lambda/latest/dg/scaling-behavior.html"

_ALL: tuple[Fact, ...] = (
    # --- Spot -------------------------------------------------------------------------
    Fact(
        "spot.max_discount_percent",
        90,
        "%",
        "Spot Instances cost up to 90% less than On-Demand.",
        _SPOT_PRICING,
        "2026-11-26",
        "spot",
    ),
    Fact(
        "spot.interruption_notice_minutes",
        2,
        "minutes",
        "EC2 warns two minutes before it stops or terminates a Spot Instance "
        "(EventBridge event and instance metadata); hibernation gets no two-minute warning.",
        _SPOT_NOTICES,
        "2026-11-26",
        "spot",
    ),
    Fact(
        "spot.notice_poll_seconds",
        5,
        "seconds",
        "AWS recommends checking for interruption notices every 5 seconds.",
        _SPOT_NOTICES,
        "2026-11-26",
        "spot",
    ),
    Fact(
        "spot.max_price_recommended",
        "no",
        "",
        "AWS does not recommend setting a maximum price: without one you pay the current Spot "
        "price, and with one your instances are interrupted more frequently.",
        _SPOT_MARKET,
        "2026-11-26",
        "spot",
        notes_2021="Define a max spot price; you lose the instance when the spot price exceeds it.",
    ),
    Fact(
        "spot.block_end_date",
        "2022-12-31",
        "date",
        "Spot blocks (defined duration, 1 to 6 hours) were closed to new customers on "
        "1 July 2021 and supported until 31 December 2022; BlockDurationMinutes is deprecated.",
        _SPOT_MARKET,
        "2026-11-26",
        "spot",
        notes_2021="Spot Block: 1 to 6 hours without interruptions.",
    ),
    Fact(
        "spot.block_closed_date",
        "2021-07-01",
        "date",
        "Spot blocks were closed to new customers on this date.",
        _SPOT_MARKET,
        "2026-06",
        "spot",
    ),
    Fact(
        "spot.block_max_hours",
        6,
        "hours",
        "Spot blocks (now discontinued) ran for 1 to 6 hours.",
        _SPOT_MARKET,
        "2026-11-26",
        "spot",
    ),
    Fact(
        "spot.fleet_target_capacity_max",
        10_000,
        "units",
        "Target capacity per Spot Fleet or EC2 Fleet (soft limit).",
        _FLEET_QUOTAS,
        "2026-06",
        "spot",
    ),
    Fact(
        "spot.fleets_total_target_capacity_max",
        100_000,
        "units",
        "Target capacity across all Spot Fleets and EC2 Fleets in a Region (soft limit).",
        _FLEET_QUOTAS,
        "2026-06",
        "spot",
    ),
    Fact(
        "spot.active_fleets_max",
        1_000,
        "fleets",
        "Active Spot Fleets and EC2 Fleets per Region (shared between the two).",
        _FLEET_QUOTAS,
        "2026-06",
        "spot",
    ),
    Fact(
        "spot.fleet_status",
        "legacy",
        "",
        "Spot Fleet is a legacy API with no planned investment; use EC2 Fleet, or an Auto "
        "Scaling group with a mixed instances policy when you don't want to manage the "
        "instance lifecycle.",
        _SPOT_FLEET,
        "2026-06",
        "spot",
        notes_2021="Spot Fleet presented as the way to mix Spot and On-Demand instances.",
    ),
    Fact(
        "spot.allocation_recommended",
        "priceCapacityOptimized",
        "",
        "priceCapacityOptimized is the recommended allocation strategy: pools with the "
        "highest capacity availability first, then the lowest priced of those.",
        _SPOT_ALLOC,
        "2026-11-26",
        "spot",
    ),
    # --- EC2 --------------------------------------------------------------------------
    Fact(
        "ec2.spread_instances_per_az_max",
        7,
        "running instances",
        "A rack-level spread placement group holds at most 7 running instances per AZ.",
        _PLACEMENT,
        "2026-06",
        "ec2",
    ),
    Fact(
        "ec2.partitions_per_az_max",
        7,
        "partitions",
        "A partition placement group has at most 7 partitions per AZ.",
        _PLACEMENT,
        "2026-06",
        "ec2",
    ),
    Fact(
        "ec2.partitions_dedicated_max",
        2,
        "partitions",
        "With Dedicated Instances a partition placement group has at most 2 partitions.",
        _PLACEMENT,
        "2026-06",
        "ec2",
    ),
    Fact(
        "ec2.placement_groups_per_region_max",
        500,
        "groups",
        "Placement groups per Region.",
        "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/placement-groups.html",
        "2026-06",
        "ec2",
    ),
    Fact(
        "ec2.standard_ri_max_discount_percent",
        72,
        "%",
        "Standard Reserved Instances: up to 72% off On-Demand (1- or 3-year term).",
        _RI,
        "2026-06",
        "ec2",
    ),
    Fact(
        "ec2.convertible_ri_max_discount_percent",
        54,
        "%",
        "Convertible Reserved Instances: up to 54% off On-Demand.",
        _RI,
        "2026-06",
        "ec2",
    ),
    Fact(
        "ec2.compute_sp_max_discount_percent",
        66,
        "%",
        "Compute Savings Plans: up to 66% off On-Demand.",
        _SP,
        "2026-06",
        "ec2",
    ),
    Fact(
        "ec2.instance_sp_max_discount_percent",
        72,
        "%",
        "EC2 Instance Savings Plans: up to 72% off On-Demand.",
        _SP,
        "2026-06",
        "ec2",
    ),
    Fact(
        "ec2.dedicated_region_fee_per_hour",
        2.0,
        "USD/hour",
        "Dedicated Instances carry a per-Region fee while at least one runs in the Region.",
        "https://aws.amazon.com/ec2/pricing/dedicated-instances/",
        "2026-06",
        "ec2",
    ),
    # --- Lambda -------------------------------------------------------------------------
    Fact(
        "lambda.memory_min_mb",
        128,
        "MB",
        "Smallest Lambda memory setting (1-MB steps).",
        _LAMBDA_MEMORY,
        "2026-06",
        "lambda",
    ),
    Fact(
        "lambda.memory_max_mb",
        10_240,
        "MB",
        "Largest Lambda memory setting, since 1 December 2020.",
        _LAMBDA_MEMORY,
        "2026-06",
        "lambda",
        notes_2021="RAM: 128 MB to 3 GB.",
    ),
    Fact(
        "lambda.memory_per_vcpu_mb",
        1_769,
        "MB",
        "At 1,769 MB a function has the equivalent of one vCPU.",
        _LAMBDA_MEMORY,
        "2026-06",
        "lambda",
        notes_2021="1.5 GB gets 2 vCPU.",
    ),
    Fact(
        "lambda.vcpu_max",
        6,
        "vCPU",
        "CPU scales with memory up to 6 vCPUs at 10,240 MB.",
        _LAMBDA_MEMORY,
        "2026-06",
        "lambda",
    ),
    Fact(
        "lambda.timeout_max_seconds",
        900,
        "seconds",
        "Maximum timeout of a standard function (15 minutes).",
        _LAMBDA_LIMITS,
        "2026-06",
        "lambda",
    ),
    Fact(
        "lambda.concurrency_default",
        1_000,
        "concurrent executions",
        "Default concurrency quota per Region (soft limit; new accounts may get less).",
        _LAMBDA_LIMITS,
        "2026-06",
        "lambda",
    ),
    Fact(
        "lambda.scaling_rate_per_10s",
        1_000,
        "execution environments",
        "Each function can add 1,000 execution environments every 10 seconds.",
        _LAMBDA_SCALING,
        "2026-06",
        "lambda",
    ),
    Fact(
        "lambda.async_retries_default",
        2,
        "retries",
        "Asynchronous invocations are retried twice by default (configurable 0 to 2).",
        _LAMBDA_ASYNC,
        "2026-06",
        "lambda",
        notes_2021="Retry on errors (3 tries).",
    ),
    Fact(
        "lambda.async_max_event_age_hours",
        6,
        "hours",
        "Asynchronous events are kept for up to 6 hours (maximum event age).",
        _LAMBDA_ASYNC,
        "2026-06",
        "lambda",
    ),
)

FACTS: dict[str, Fact] = {f.key: f for f in _ALL}
if len(FACTS) != len(_ALL):
    raise RuntimeError("duplicate fact key in facts.py")


def fact(key: str) -> Fact:
    """The fact registered under ``key``; a ``KeyError`` names close keys when it is unknown."""
    try:
        return FACTS[key]
    except KeyError:
        prefix = key.split(".")[0]
        near = sorted(k for k in FACTS if k.startswith(prefix + "."))
        raise KeyError(f"no fact {key!r}; facts for {prefix!r}: {near}") from None


def value(key: str) -> float | int | str:
    """The value of the fact registered under ``key``."""
    return fact(key).value


def facts_for(topic: str) -> list[Fact]:
    """All facts of one topic, in registry order."""
    found = [f for f in _ALL if f.topic == topic]
    if not found:
        topics = sorted({f.topic for f in _ALL})
        raise ValueError(f"topic must be one of {topics}, got {topic!r}")
    return found
