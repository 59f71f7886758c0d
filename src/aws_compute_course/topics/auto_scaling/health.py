"""Health checks, lifecycle hooks and what suspending each scaling process does.

* :func:`health_status`: EC2 status checks always count; ELB (or VPC Lattice, EBS) checks
  count only when turned on for the group; nothing is judged during the grace period.
* :func:`lifecycle_outcome`: a hook holds an instance in a wait state until the action
  completes or the heartbeat timeout (extended by heartbeats, up to the global timeout) runs
  out, when ``DefaultResult`` applies: on launch, ABANDON terminates the instance; on
  terminate, both results terminate it (ABANDON skips any remaining hooks).
"""

from __future__ import annotations

from dataclasses import dataclass

from aws_compute_course import facts
from aws_compute_course.validate import choice, flag, integer

HEARTBEAT_MIN = facts.integer("auto_scaling.lifecycle_heartbeat_min_seconds")
HEARTBEAT_MAX = facts.integer("auto_scaling.lifecycle_heartbeat_max_seconds")
HEARTBEAT_DEFAULT = facts.integer("auto_scaling.lifecycle_heartbeat_default_seconds")
GLOBAL_TIMEOUT_SECONDS = facts.integer("auto_scaling.lifecycle_global_timeout_hours") * 3600
GLOBAL_TIMEOUT_HEARTBEATS = facts.integer("auto_scaling.lifecycle_global_timeout_heartbeats")
HEALTH_CHECK_TYPES = facts.items("auto_scaling.health_check_types")

PROCESS_EFFECTS = {
    "Launch": "nothing launches: no scale out, no replacements, no warm pool refills",
    "Terminate": "nothing terminates: scale in stops and the group can stay above desired",
    "AddToLoadBalancer": "new instances run but are not registered, so they get no traffic",
    "AlarmNotification": "target tracking, step and simple policies stop acting on alarms",
    "AZRebalance": "the group no longer evens out instances across Availability Zones",
    "HealthCheck": "health is not checked: failed instances are never marked unhealthy",
    "InstanceRefresh": "instance refreshes pause and replace nothing",
    "ReplaceUnhealthy": "unhealthy instances are marked but stay: they are not replaced",
    "ScheduledActions": "scheduled actions do not run",
}


def suspend_effect(process: str) -> str:
    """What suspending ``process`` does (one of the nine names)."""
    return PROCESS_EFFECTS[choice("process", process, tuple(PROCESS_EFFECTS))]


def health_status(
    *,
    ec2_ok: bool,
    elb_ok: bool = True,
    elb_checks_on: bool = False,
    seconds_in_service: int = 0,
    grace_seconds: int = 0,
) -> str:
    """'Healthy', 'Unhealthy' or 'grace period' for one InService instance."""
    for name, v in (("ec2_ok", ec2_ok), ("elb_ok", elb_ok), ("elb_checks_on", elb_checks_on)):
        flag(name, v)
    integer("seconds_in_service", seconds_in_service, 0)
    integer("grace_seconds", grace_seconds, 0, 7 * 86_400)
    if seconds_in_service < grace_seconds:
        return "grace period"
    if not ec2_ok or (elb_checks_on and not elb_ok):
        return "Unhealthy"
    return "Healthy"


@dataclass(frozen=True)
class HookOutcome:
    """How a lifecycle hook ended for one instance."""

    result: str
    """'CONTINUE' or 'ABANDON'."""
    instance_kept: bool
    """True when the instance goes on to InService (launch hooks only)."""
    waited_seconds: int
    timed_out: bool


def global_timeout(heartbeat_seconds: int) -> int:
    """Longest wait in a lifecycle hook: 48 hours or 100 heartbeats, whichever is smaller."""
    integer("heartbeat_seconds", heartbeat_seconds, HEARTBEAT_MIN, HEARTBEAT_MAX)
    return min(GLOBAL_TIMEOUT_SECONDS, GLOBAL_TIMEOUT_HEARTBEATS * heartbeat_seconds)


def lifecycle_outcome(
    transition: str,
    action_seconds: int | None,
    *,
    heartbeat_seconds: int = HEARTBEAT_DEFAULT,
    default_result: str = "ABANDON",
    heartbeats: int = 0,
    action_result: str = "CONTINUE",
) -> HookOutcome:
    """The outcome of a ``launch`` or ``terminate`` hook whose action takes
    ``action_seconds`` (None: never completes), with ``heartbeats`` extensions recorded."""
    choice("transition", transition, ("launch", "terminate"))
    integer("heartbeat_seconds", heartbeat_seconds, HEARTBEAT_MIN, HEARTBEAT_MAX)
    choice("default_result", default_result, ("CONTINUE", "ABANDON"))
    choice("action_result", action_result, ("CONTINUE", "ABANDON"))
    integer("heartbeats", heartbeats, 0, GLOBAL_TIMEOUT_HEARTBEATS)
    if action_seconds is not None:
        integer("action_seconds", action_seconds, 0)
    limit = min(heartbeat_seconds * (1 + heartbeats), global_timeout(heartbeat_seconds))
    if action_seconds is not None and action_seconds <= limit:
        result, waited, timed_out = action_result, action_seconds, False
    else:
        result, waited, timed_out = default_result, limit, True
    kept = transition == "launch" and result == "CONTINUE"
    return HookOutcome(result, kept, waited, timed_out)
