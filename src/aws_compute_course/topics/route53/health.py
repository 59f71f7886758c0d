"""Route 53 health checks: how long until an endpoint is marked unhealthy, and healthy again.

Endpoint checks: every health checker sends a request each ``interval_s`` (30 s standard, 10
s fast); a checker changes its view after ``failure_threshold`` consecutive failures (or
passes); Route 53 calls the endpoint healthy while more than 18 % of the checkers say so
(dns-failover-determining-health-of-endpoints.html). A failed HTTP(S) request is known
after the 4 s connect timeout (TCP: 10 s). Checkers don't coordinate, so each has its own
phase in the interval.

AWS does not publish how many checkers watch an endpoint: ``checkers`` (default 16) and
their phases (evenly spread, or seeded random) are the model's assumptions. Calculated
checks (at least N of up to 256 children) and CloudWatch-alarm checks are here too.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from aws_compute_course import facts
from aws_compute_course.validate import choice, flag, integer

STANDARD_INTERVAL = facts.integer("route53.health_check_interval_seconds")
FAST_INTERVAL = facts.integer("route53.fast_interval_seconds")
INTERVALS = (FAST_INTERVAL, STANDARD_INTERVAL)
THRESHOLD_DEFAULT = facts.integer("route53.failure_threshold_default")
THRESHOLD_MAX = facts.integer("route53.failure_threshold_max")
HEALTHY_SHARE = facts.integer("route53.healthy_checker_percent") / 100
CHILDREN_MAX = facts.integer("route53.calculated_children_max")
TIMEOUTS = {
    "HTTP": facts.integer("route53.http_connect_seconds"),
    "HTTPS": facts.integer("route53.http_connect_seconds"),
    "TCP": facts.integer("route53.tcp_connect_seconds"),
}
"""Seconds until a request to a dead endpoint counts as failed (the connect timeout)."""
CHECKERS_DEFAULT = 16
"""The model's assumption for the number of health checkers (AWS publishes none)."""


@dataclass(frozen=True)
class EndpointCheck:
    """An endpoint health check's settings (the model's ``checkers`` included)."""

    interval_s: int = STANDARD_INTERVAL
    failure_threshold: int = THRESHOLD_DEFAULT
    protocol: str = "HTTPS"
    checkers: int = CHECKERS_DEFAULT

    def __post_init__(self) -> None:
        choice("interval_s", self.interval_s, INTERVALS)
        integer("failure_threshold", self.failure_threshold, 1, THRESHOLD_MAX)
        choice("protocol", self.protocol, tuple(TIMEOUTS))
        integer("checkers", self.checkers, 3, 256)

    @property
    def timeout_s(self) -> int:
        return TIMEOUTS[self.protocol]

    @property
    def checkers_to_flip_down(self) -> int:
        """How many checkers must see the endpoint fail before Route 53 calls it unhealthy:
        healthy needs more than 18 %, so at most floor(18 % × n) may still say healthy."""
        return self.checkers - math.floor(HEALTHY_SHARE * self.checkers + 1e-9)

    @property
    def checkers_to_flip_up(self) -> int:
        """How many checkers must see it pass again before it is healthy (> 18 %)."""
        return math.floor(HEALTHY_SHARE * self.checkers + 1e-9) + 1


def checker_phases(check: EndpointCheck, seed: int | None = None) -> np.ndarray:
    """Seconds from an event to each checker's next request: evenly spread over the interval
    (``seed=None``) or uniformly random with ``seed``."""
    n, interval = check.checkers, check.interval_s
    if seed is None:
        return (np.arange(n) + 0.5) * interval / n
    integer("seed", seed, 0)
    return np.random.default_rng(seed).uniform(0.0, interval, n)


def _flip_time(per_checker: np.ndarray, needed: int) -> float:
    return float(np.sort(per_checker)[needed - 1])


def time_to_unhealthy(check: EndpointCheck, seed: int | None = None) -> float:
    """Seconds from the endpoint failing to Route 53 marking it unhealthy."""
    per_checker = (
        checker_phases(check, seed)
        + (check.failure_threshold - 1) * check.interval_s
        + check.timeout_s
    )
    return _flip_time(per_checker, check.checkers_to_flip_down)


def time_to_healthy(check: EndpointCheck, seed: int | None = None) -> float:
    """Seconds from the endpoint recovering to Route 53 marking it healthy again (a pass is
    known at once; far fewer checkers are needed than to mark it unhealthy)."""
    per_checker = checker_phases(check, seed) + (check.failure_threshold - 1) * check.interval_s
    return _flip_time(per_checker, check.checkers_to_flip_up)


def detection_bounds(check: EndpointCheck) -> tuple[float, float]:
    """(best, worst) seconds to mark unhealthy over every possible checker phase: the
    checkers' next request right away, or a full interval away."""
    base = (check.failure_threshold - 1) * check.interval_s + check.timeout_s
    return float(base), float(base + check.interval_s)


# --- calculated and CloudWatch-alarm checks ---------------------------------------------------


def calculated_health(children: Sequence[bool], health_threshold: int) -> bool:
    """A calculated check: healthy when at least ``health_threshold`` children are healthy
    (0: always healthy; more than the children: never). AND is threshold = len(children),
    OR is threshold = 1."""
    if not isinstance(children, Sequence) or isinstance(children, str):
        raise ValueError(f"children must be a list of True/False, got {children!r}")
    integer("number of children", len(children), 0, CHILDREN_MAX)
    for i, c in enumerate(children):
        flag(f"children[{i}]", c)
    integer("health_threshold", health_threshold, 0, CHILDREN_MAX)
    return sum(children) >= health_threshold


ALARM_STATES = ("OK", "ALARM", "INSUFFICIENT_DATA")
INSUFFICIENT_DATA_STATUS = ("Healthy", "Unhealthy", "LastKnownStatus")


def alarm_check_health(
    state: str, insufficient_data: str = "LastKnownStatus", last_known: bool = True
) -> bool:
    """A CloudWatch-alarm check: healthy in ``OK``, unhealthy in ``ALARM``; with
    ``INSUFFICIENT_DATA`` it follows ``insufficient_data`` (``LastKnownStatus``: the last
    status, ``last_known``). Such a check sees private resources that checkers cannot reach."""
    choice("state", state, ALARM_STATES)
    choice("insufficient_data", insufficient_data, INSUFFICIENT_DATA_STATUS)
    flag("last_known", last_known)
    if state != "INSUFFICIENT_DATA":
        return state == "OK"
    return {"Healthy": True, "Unhealthy": False}.get(insufficient_data, last_known)


def alarm_time_to_unhealthy(period_s: int, evaluation_periods: int) -> int:
    """The model's assumption for an alarm check: the alarm fires after ``evaluation_periods``
    breaching periods of ``period_s`` seconds (CloudWatch's own delay not counted)."""
    choice("period_s", period_s, (10, 30, 60, 300, 900, 3600))
    integer("evaluation_periods", evaluation_periods, 1, 100)
    return period_s * evaluation_periods
