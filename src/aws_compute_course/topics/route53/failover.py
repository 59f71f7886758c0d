"""How long a DNS failover really takes: health-check detection plus the TTL resolvers cache.

The primary fails at t = 0. Route 53 marks it unhealthy after the detection time
(:mod:`.health`) and from then on answers with the secondary (failover records) or leaves
the failed record out (weighted or latency records with health checks). Resolvers that
cached the old answer keep sending their clients to the failed endpoint until their copy
expires: with many resolvers whose caches were filled at random moments, the share still
on the failed endpoint falls linearly from the detection time to detection + TTL.

The TTL that counts is the one resolvers cache: an alias record has none of its own and
uses the target's (60 s for a load balancer); a CNAME's own TTL is cached. Clients and
operating systems that cache longer than the TTL are left out (the model's assumption).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from aws_compute_course import facts
from aws_compute_course.topics.route53.health import (
    CHECKERS_DEFAULT,
    STANDARD_INTERVAL,
    THRESHOLD_DEFAULT,
    EndpointCheck,
    detection_bounds,
    time_to_unhealthy,
)
from aws_compute_course.validate import choice, integer, number

TTL_MAX = facts.integer("route53.ttl_max_seconds")
ELB_TTL = facts.integer("route53.elb_alias_ttl_seconds")
RECORD_KINDS = ("alias", "cname", "a")


def effective_ttl(kind: str, ttl: int | None, target_ttl: int = ELB_TTL) -> int:
    """Seconds a resolver caches the answer: ``alias`` → the target's TTL (``ttl`` must be
    None: an alias has no TTL of its own); ``cname`` or ``a`` → the record's own ``ttl``."""
    choice("kind", kind, RECORD_KINDS)
    integer("target_ttl", target_ttl, 0, TTL_MAX)
    if kind == "alias":
        if ttl is not None:
            raise ValueError(
                f"ttl must be None for an alias record (it uses the target's), got {ttl!r}"
            )
        return target_ttl
    if ttl is None:
        raise ValueError(f"ttl must be set for a {kind} record, got None")
    return integer("ttl", ttl, 0, TTL_MAX)


@dataclass(frozen=True)
class FailoverTimeline:
    """Traffic shares after the primary fails at t = 0.

    ``times`` (s) and ``primary``/``secondary`` (share of all clients' traffic, 0-1) are the
    corners of a piecewise-linear curve (plot with straight lines). ``detect_s``: Route 53
    marks the primary unhealthy; ``moved_s``: the last cached answer expires;
    ``worst_moved_s``: the same with the unluckiest checker phases; ``stale_seconds``: the
    seconds of traffic (in units of the primary's full share) still sent to the failed
    primary, the area under its curve."""

    times: np.ndarray
    primary: np.ndarray
    secondary: np.ndarray
    detect_s: float
    moved_s: float
    worst_moved_s: float
    stale_seconds: float
    ttl_s: int
    failed_share: float


def failover_timeline(
    interval_s: int = STANDARD_INTERVAL,
    failure_threshold: int = THRESHOLD_DEFAULT,
    ttl_s: int = 60,
    *,
    protocol: str = "HTTPS",
    checkers: int = CHECKERS_DEFAULT,
    failed_share: float = 1.0,
    seed: int | None = None,
    horizon_s: float | None = None,
) -> FailoverTimeline:
    """The timeline for one health-check configuration and cached TTL.

    ``failed_share`` is the share of traffic the failed endpoint had (1 for an active-passive
    failover pair; weight / total weight for a weighted record). ``horizon_s`` (default: a
    little past the worst case) is where the curve ends."""
    check = EndpointCheck(interval_s, failure_threshold, protocol, checkers)
    integer("ttl_s", ttl_s, 0, TTL_MAX)
    number("failed_share", failed_share, 0.0, 1.0, low_open=True)
    detect = time_to_unhealthy(check, seed)
    worst = detection_bounds(check)[1] + ttl_s
    moved = detect + ttl_s
    end = (
        1.1 * worst + 10
        if horizon_s is None
        else number("horizon_s", horizon_s, moved, low_open=True)
    )
    times = np.array([0.0, detect, moved, end])
    primary = failed_share * np.array([1.0, 1.0, 0.0, 0.0])
    return FailoverTimeline(
        times,
        primary,
        1.0 - primary,
        detect,
        moved,
        worst,
        failed_share * (detect + ttl_s / 2),
        ttl_s,
        failed_share,
    )


def worst_case_failover_s(
    interval_s: int, failure_threshold: int, ttl_s: int, protocol: str = "HTTPS"
) -> float:
    """Longest time any client may still reach a failed primary: one full interval before
    the first failed check, ``failure_threshold`` failed checks (the last known after the
    timeout), then one full TTL in some resolver's cache."""
    check = EndpointCheck(interval_s, failure_threshold, protocol)
    integer("ttl_s", ttl_s, 0, TTL_MAX)
    return detection_bounds(check)[1] + ttl_s


def share_on_failed(timeline: FailoverTimeline, t: float | np.ndarray) -> np.ndarray:
    """Share of traffic still on the failed endpoint at ``t`` seconds (interpolated)."""
    t = np.asarray(t, dtype=float)
    if not np.isfinite(t).all() or (t < 0).any():
        raise ValueError(f"t must be finite seconds >= 0, got {t!r}")
    return np.interp(t, timeline.times, timeline.primary)
