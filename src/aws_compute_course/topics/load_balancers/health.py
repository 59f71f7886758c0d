"""Health checks, draining and slow start: how long a failed target keeps receiving traffic,
how long a recovered one waits, and what a scale-in does to requests in flight.

A target group checks each target every ``interval`` seconds. A check fails when the target
answers with an error (at once) or not at all (after ``timeout`` seconds). After
``unhealthy_threshold`` consecutive failures the target is unhealthy and gets no new
requests; after ``healthy_threshold`` consecutive successes it is healthy again. The model
places the first check after the failure ``phase`` of an interval later (0 < phase <= 1):
AWS does not say where in the interval a failure falls, so the best and worst cases are the
two ends of that range.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from aws_compute_course import validate
from aws_compute_course.facts import integer

INTERVAL_MIN = integer("load_balancers.health_interval_min_s")
INTERVAL_MAX = integer("load_balancers.health_interval_max_s")
TIMEOUT_MIN = integer("load_balancers.health_timeout_min_s")
TIMEOUT_MAX = integer("load_balancers.health_timeout_max_s")
THRESHOLD_MIN = integer("load_balancers.threshold_min")
THRESHOLD_MAX = integer("load_balancers.threshold_max")
DEREGISTRATION_MAX = integer("load_balancers.deregistration_delay_max_s")
SLOW_START_MIN = integer("load_balancers.slow_start_min_s")
SLOW_START_MAX = integer("load_balancers.slow_start_max_s")
FAILURES = ("timeout", "error")


@dataclass(frozen=True)
class HealthCheck:
    """A target group's health check settings (defaults: AWS's for instance and IP targets,
    with a 5 s timeout)."""

    interval: int = integer("load_balancers.health_interval_default_s")
    timeout: int = 5
    healthy_threshold: int = integer("load_balancers.healthy_threshold_default")
    unhealthy_threshold: int = integer("load_balancers.unhealthy_threshold_default")

    def __post_init__(self) -> None:
        validate.integer("interval", self.interval, INTERVAL_MIN, INTERVAL_MAX)
        validate.integer("timeout", self.timeout, TIMEOUT_MIN, TIMEOUT_MAX)
        if self.timeout >= self.interval:
            raise ValueError(
                f"timeout must be shorter than interval ({self.interval} s), got {self.timeout}"
            )
        validate.integer("healthy_threshold", self.healthy_threshold, THRESHOLD_MIN, THRESHOLD_MAX)
        validate.integer(
            "unhealthy_threshold", self.unhealthy_threshold, THRESHOLD_MIN, THRESHOLD_MAX
        )


def _phase(phase: float) -> float:
    return validate.number("phase", phase, 0.0, 1.0, low_open=True)


def time_to_unhealthy(hc: HealthCheck, *, failure: str = "timeout", phase: float = 1.0) -> float:
    """Seconds from the failure until the target is marked unhealthy (no more new requests).

    ``failure``: ``"timeout"`` (the target hangs: each check fails after ``timeout``) or
    ``"error"`` (it answers with an error or refuses: each check fails at once).
    """
    validate.choice("failure", failure, FAILURES)
    wait = hc.timeout if failure == "timeout" else 0.0
    return _phase(phase) * hc.interval + (hc.unhealthy_threshold - 1) * hc.interval + wait


def time_to_healthy(hc: HealthCheck, *, phase: float = 1.0) -> float:
    """Seconds from the target's recovery until it is healthy and receives requests again."""
    return _phase(phase) * hc.interval + (hc.healthy_threshold - 1) * hc.interval


@dataclass(frozen=True)
class Timeline:
    """Health checks around a failure: check times, results, and the state after each."""

    check_times: np.ndarray
    passed: np.ndarray
    healthy_after: np.ndarray
    unhealthy_at: float | None
    healthy_again_at: float | None


def timeline(
    hc: HealthCheck,
    *,
    recover_at: float | None = None,
    horizon: float = 600.0,
    failure: str = "timeout",
    phase: float = 1.0,
) -> Timeline:
    """The checks from a failure at t = 0 until ``horizon`` seconds; the target works again
    from ``recover_at`` (None: never). Times are when each check's result is known."""
    validate.choice("failure", failure, FAILURES)
    end = validate.number("horizon", horizon, 1.0, 86_400.0)
    back = None if recover_at is None else validate.number("recover_at", recover_at, 0.0, end)
    starts = np.arange(_phase(phase) * hc.interval, end, hc.interval)
    passed = np.array([back is not None and s >= back for s in starts], dtype=bool)
    known = starts + np.where(passed | (failure == "error"), 0.0, hc.timeout)
    healthy, run_ok, run_bad = True, 0, 0
    states, unhealthy_at, healthy_at = [], None, None
    for ok, t in zip(passed, known, strict=True):
        run_ok, run_bad = (run_ok + 1, 0) if ok else (0, run_bad + 1)
        if healthy and run_bad >= hc.unhealthy_threshold:
            healthy, unhealthy_at = False, float(t)
        elif not healthy and run_ok >= hc.healthy_threshold:
            healthy, healthy_at = True, float(t)
        states.append(healthy)
    return Timeline(known, passed, np.array(states, dtype=bool), unhealthy_at, healthy_at)


def failed_requests(hc: HealthCheck, requests_per_s: float, **kwargs: object) -> float:
    """Requests a target receives between failing and being marked unhealthy, at
    ``requests_per_s`` (keyword arguments as :func:`time_to_unhealthy`)."""
    rate = validate.number("requests_per_s", requests_per_s, 0.0)
    return rate * time_to_unhealthy(hc, **kwargs)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Drain:
    """A deregistered target's in-flight requests: completed, cut, and when it is unused."""

    completed: int
    cut: int
    unused_after: float


def drain(in_flight_remaining_s: Sequence[float], deregistration_delay: int) -> Drain:
    """Deregistering a target (a scale-in) with requests still running: it gets no new
    requests; those that finish within ``deregistration_delay`` (0-3,600 s) complete, the
    rest are cut; the target is unused when the last finishes or the delay ends."""
    delay = validate.integer("deregistration_delay", deregistration_delay, 0, DEREGISTRATION_MAX)
    remaining = [
        validate.number(f"in_flight_remaining_s[{i}]", r, 0.0)
        for i, r in enumerate(in_flight_remaining_s)
    ]
    done = sum(r <= delay for r in remaining)
    last = max(remaining, default=0.0)
    return Drain(done, len(remaining) - done, float(min(last, delay)))


def slow_start_weight(seconds_since_healthy: float, duration: int) -> float:
    """A new target's share of a full target's requests during slow start: a linear ramp
    from 0 to 1 over ``duration`` seconds (0 turns slow start off; else 30-900 s)."""
    t = validate.number("seconds_since_healthy", seconds_since_healthy, 0.0)
    d = validate.integer("duration", duration, 0, SLOW_START_MAX)
    if d == 0:
        return 1.0
    if d < SLOW_START_MIN:
        raise ValueError(f"duration must be 0 or in [{SLOW_START_MIN}, {SLOW_START_MAX}], got {d}")
    return min(1.0, t / d)


def asg_replaces(health_check_type: str, instance_running: bool, target_healthy: bool) -> bool:
    """Whether an Auto Scaling group replaces an instance: with ``"EC2"`` checks only when
    the instance is not running; with ``"ELB"`` checks also when the load balancer marks it
    unhealthy (an application failure on a running instance)."""
    kind = validate.choice("health_check_type", health_check_type, ("EC2", "ELB"))
    validate.flag("instance_running", instance_running)
    validate.flag("target_healthy", target_healthy)
    return (not instance_running) or (kind == "ELB" and not target_healthy)
