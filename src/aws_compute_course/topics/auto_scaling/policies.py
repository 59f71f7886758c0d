"""The settings of a simulated Auto Scaling group: its scaling policies, scheduled actions,
predictive scaling, warm pool, Spot mix and the group itself (frozen dataclasses, checked
when built: a bad value raises ``ValueError`` naming the field).

Where AWS manages a detail and publishes no figure, the model's assumption is named here:

* target tracking's alarms: scale out after ``scale_out_minutes`` (3) one-minute datapoints
  above the target, scale in after ``scale_in_minutes`` (15) below 90 % of it (AWS creates
  and manages these alarms; the counts are the model's);
* warm pool start times (``WARM_START_MINUTES``) are illustrative;
* a stopped or hibernated warm instance costs nothing in the model (AWS bills its EBS
  volumes and Elastic IPs, which the model leaves out).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from aws_compute_course import facts
from aws_compute_course.validate import choice, flag, integer, number

PROCESSES = facts.items("auto_scaling.scaling_processes")
WARM_POOL_STATES = facts.items("auto_scaling.warm_pool_states")
DEFAULT_COOLDOWN_MINUTES = facts.integer("auto_scaling.default_cooldown_seconds") // 60
WARM_START_MINUTES = {"Running": 1, "Hibernated": 2, "Stopped": 3}
"""Illustrative minutes from leaving the warm pool to InService, per pool state."""
MAX_GROUP = 1000


@dataclass(frozen=True)
class TargetTracking:
    """Keep the group's average CPU at ``target`` %."""

    target: float = 50.0
    scale_in: bool = True
    """False: the policy never removes instances (scale in disabled)."""
    scale_out_minutes: int = 3
    scale_in_minutes: int = 15

    def __post_init__(self) -> None:
        number("target", self.target, 1.0, 100.0)
        flag("scale_in", self.scale_in)
        integer("scale_out_minutes", self.scale_out_minutes, 1, 60)
        integer("scale_in_minutes", self.scale_in_minutes, 1, 240)


@dataclass(frozen=True)
class StepScaling:
    """Two CloudWatch alarms on average CPU; the scale-out step depends on the breach size.

    ``steps``: (breach above ``high`` in % points, instances to add), lower bounds ascending,
    the first at 0. Scale in removes ``scale_in_by`` when CPU < ``low``.
    """

    high: float = 70.0
    low: float = 30.0
    steps: tuple[tuple[float, int], ...] = ((0.0, 1), (10.0, 2), (20.0, 4))
    scale_in_by: int = 1
    evaluation_minutes: int = 3

    def __post_init__(self) -> None:
        number("high", self.high, 1.0, 100.0)
        number("low", self.low, 0.0, self.high)
        if not self.steps or self.steps[0][0] != 0:
            raise ValueError(f"steps must start at a breach of 0, got {self.steps!r}")
        bounds = [number("steps", b, 0.0, 100.0) for b, _ in self.steps]
        if bounds != sorted(set(bounds)):
            raise ValueError(f"steps must have ascending lower bounds, got {self.steps!r}")
        for _, add in self.steps:
            integer("steps", add, 1, MAX_GROUP)
        integer("scale_in_by", self.scale_in_by, 1, MAX_GROUP)
        integer("evaluation_minutes", self.evaluation_minutes, 1, 60)

    def adjustment(self, cpu: float) -> int:
        """Instances to add for a CPU of ``cpu`` % (0 below ``high``)."""
        if cpu <= self.high:
            return 0
        return [add for bound, add in self.steps if cpu - self.high >= bound][-1]


@dataclass(frozen=True)
class SimpleScaling:
    """One alarm, one adjustment, then a cooldown (AWS recommends target tracking instead)."""

    high: float = 70.0
    low: float = 30.0
    adjustment: int = 1
    cooldown_minutes: int = DEFAULT_COOLDOWN_MINUTES
    evaluation_minutes: int = 3

    def __post_init__(self) -> None:
        number("high", self.high, 1.0, 100.0)
        number("low", self.low, 0.0, self.high)
        integer("adjustment", self.adjustment, 1, MAX_GROUP)
        integer("cooldown_minutes", self.cooldown_minutes, 0, 1440)
        integer("evaluation_minutes", self.evaluation_minutes, 1, 60)


Policy = TargetTracking | StepScaling | SimpleScaling


@dataclass(frozen=True)
class ScheduledAction:
    """Every day at ``minute_of_day`` (UTC) set min and max, and desired if given."""

    minute_of_day: int
    min_size: int
    max_size: int
    desired: int | None = None

    def __post_init__(self) -> None:
        integer("minute_of_day", self.minute_of_day, 0, 1439)
        integer("min_size", self.min_size, 0, MAX_GROUP)
        integer("max_size", self.max_size, self.min_size, MAX_GROUP)
        if self.desired is not None:
            integer("desired", self.desired, self.min_size, self.max_size)


@dataclass(frozen=True)
class Predictive:
    """Forecast each hour's load from the same hour of the preceding days (up to 14) and
    launch ``launch_ahead_minutes`` before it; ``forecast_only`` computes without acting.

    The model's forecast is a plain average of the same hour on earlier days; AWS's
    forecasting is its own (machine-learning) model."""

    target: float = 50.0
    launch_ahead_minutes: int = 10
    forecast_only: bool = False

    def __post_init__(self) -> None:
        number("target", self.target, 1.0, 100.0)
        integer("launch_ahead_minutes", self.launch_ahead_minutes, 0, 60)
        flag("forecast_only", self.forecast_only)


@dataclass(frozen=True)
class WarmPool:
    """``size`` pre-initialised instances kept in ``state`` beside the group."""

    size: int = 4
    state: str = "Stopped"

    def __post_init__(self) -> None:
        integer("size", self.size, 0, MAX_GROUP)
        choice("state", self.state, WARM_POOL_STATES)

    @property
    def start_minutes(self) -> int:
        return WARM_START_MINUTES[self.state]


@dataclass(frozen=True)
class SpotMix:
    """A mixed instances group: ``on_demand_base`` On-Demand, then ``on_demand_percent``
    of the rest On-Demand and the remainder Spot.

    Interruptions come from the Spot model (:mod:`..spot`): its seeded price series against
    a maximum price of ``max_price_fraction`` of On-Demand; all the group's Spot Instances are
    treated as one pool. With ``capacity_rebalance`` the group launches replacements at the
    rebalance recommendation, ``rebalance_lead_minutes`` before the interruption (the lead
    is the model's assumption: AWS sends it when it can, at the latest with the notice).
    """

    on_demand_base: int = 2
    on_demand_percent: int = 25
    capacity_rebalance: bool = True
    max_price_fraction: float = 0.45
    rebalance_lead_minutes: int = 10
    seed: int = 7

    def __post_init__(self) -> None:
        integer("on_demand_base", self.on_demand_base, 0, MAX_GROUP)
        integer("on_demand_percent", self.on_demand_percent, 0, 100)
        flag("capacity_rebalance", self.capacity_rebalance)
        number("max_price_fraction", self.max_price_fraction, 0.1, 1.0)
        integer("rebalance_lead_minutes", self.rebalance_lead_minutes, 2, 120)
        integer("seed", self.seed, 0)

    def spot_share(self, size: int) -> int:
        """How many of ``size`` instances are Spot."""
        above = max(size - self.on_demand_base, 0)
        on_demand_above = -(-above * self.on_demand_percent // 100)
        return above - on_demand_above


@dataclass(frozen=True)
class Group:
    """An Auto Scaling group: sizes, instance capacity and price, timings, and its policies."""

    min_size: int = 2
    max_size: int = 40
    desired: int = 2
    capacity_per_instance: float = 100.0
    """Requests per second one instance serves at 100 % CPU."""
    launch_minutes: int = 5
    """Launch to InService (boot, user data, launch lifecycle hook)."""
    warmup_minutes: int = 5
    """Default instance warmup: scale in waits while instances warm up; step scaling counts
    warming instances as capacity."""
    hourly_price: float = 0.096
    policy: Policy | None = field(default_factory=TargetTracking)
    schedule: tuple[ScheduledAction, ...] = ()
    predictive: Predictive | None = None
    warm_pool: WarmPool | None = None
    spot: SpotMix | None = None
    suspended: frozenset[str] = frozenset()
    failures: tuple[int, ...] = ()
    """Minutes at which one in-service instance fails its health check."""

    def __post_init__(self) -> None:
        integer("min_size", self.min_size, 0, MAX_GROUP)
        integer("max_size", self.max_size, max(self.min_size, 1), MAX_GROUP)
        integer("desired", self.desired, self.min_size, self.max_size)
        number("capacity_per_instance", self.capacity_per_instance, 0.001, 1e7)
        integer("launch_minutes", self.launch_minutes, 1, 120)
        integer("warmup_minutes", self.warmup_minutes, 0, 60)
        number("hourly_price", self.hourly_price, 0.0, 1000.0)
        if self.policy is not None and not isinstance(self.policy, Policy):
            raise ValueError(f"policy must be a scaling policy or None, got {self.policy!r}")
        for name, kind, value in (
            ("predictive", Predictive, self.predictive),
            ("warm_pool", WarmPool, self.warm_pool),
            ("spot", SpotMix, self.spot),
        ):
            if value is not None and not isinstance(value, kind):
                raise ValueError(f"{name} must be a {kind.__name__} or None, got {value!r}")
        if not all(isinstance(a, ScheduledAction) for a in self.schedule):
            raise ValueError(f"schedule must hold ScheduledAction items, got {self.schedule!r}")
        unknown = sorted(set(self.suspended) - set(PROCESSES))
        if unknown:
            raise ValueError(f"suspended must name processes of {list(PROCESSES)}, got {unknown}")
        for minute in self.failures:
            integer("failures", minute, 0)
