"""Routing algorithms over targets of different speed: round robin, least outstanding
requests and weighted random, as a seeded queueing simulation.

Each target serves one request at a time (a single worker, first come first served) and
takes ``service_s[i]`` seconds per request; requests arrive as a Poisson stream. The
algorithm picks the target at arrival:

* ``round_robin``: the next target in turn, whatever its queue;
* ``least_outstanding_requests``: the target with the fewest requests in progress or queued
  (ties: the lowest index);
* ``weighted_random``: a random target with equal weights. AWS's anomaly mitigation lowers
  the weight of targets it finds anomalous; AWS does not publish how, so it is not modelled.

The single worker and the Poisson arrivals are the model's assumptions, not AWS's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from aws_compute_course import validate

ALGORITHMS = ("round_robin", "least_outstanding_requests", "weighted_random")
MAX_TARGETS = 20
MAX_REQUESTS = 20_000


@dataclass(frozen=True)
class RoutingRun:
    """Per-target results of one simulation."""

    algorithm: str
    requests: np.ndarray
    """Requests each target received."""
    mean_latency_s: np.ndarray
    """Mean time in the target (queueing plus service) of its requests (0 if none)."""
    p99_latency_s: float
    """99th percentile latency over all requests."""
    max_queue: np.ndarray
    """Most requests outstanding at a target when a request arrived there."""


def simulate_routing(
    service_s: Sequence[float],
    requests_per_s: float,
    algorithm: str,
    *,
    n_requests: int = 2_000,
    seed: int = 0,
) -> RoutingRun:
    """Route ``n_requests`` Poisson arrivals at ``requests_per_s`` over targets with
    per-request service times ``service_s`` (1 to 20 targets, each 0.001 to 60 s)."""
    if isinstance(service_s, str) or not 1 <= len(service_s) <= MAX_TARGETS:
        raise ValueError(f"service_s must list 1 to {MAX_TARGETS} service times, got {service_s!r}")
    service = np.array(
        [validate.number(f"service_s[{i}]", s, 0.001, 60.0) for i, s in enumerate(service_s)]
    )
    rate = validate.number("requests_per_s", requests_per_s, 0.0, 1e6, low_open=True)
    validate.choice("algorithm", algorithm, ALGORITHMS)
    n = validate.integer("n_requests", n_requests, 1, MAX_REQUESTS)
    rng = np.random.default_rng(validate.integer("seed", seed, 0))
    arrivals = np.cumsum(rng.exponential(1.0 / rate, n))
    picks_random = rng.integers(0, service.size, n)
    k = service.size
    free_at = np.zeros(k)  # when each target finishes its queue
    finishes: list[list[float]] = [[] for _ in range(k)]  # finish times still ahead, per target
    latency = np.zeros(n)
    target = np.zeros(n, dtype=np.int64)
    max_queue = np.zeros(k, dtype=np.int64)
    for j, t in enumerate(arrivals):
        for i in range(k):  # drop finished requests
            q = finishes[i]
            while q and q[0] <= t:
                q.pop(0)
        if algorithm == "round_robin":
            i = j % k
        elif algorithm == "least_outstanding_requests":
            i = min(range(k), key=lambda x: len(finishes[x]))
        else:
            i = int(picks_random[j])
        max_queue[i] = max(max_queue[i], len(finishes[i]))
        start = max(t, free_at[i])
        free_at[i] = start + service[i]
        finishes[i].append(free_at[i])
        latency[j] = free_at[i] - t
        target[j] = i
    counts = np.bincount(target, minlength=k)
    sums = np.bincount(target, weights=latency, minlength=k)
    mean = np.divide(sums, counts, out=np.zeros(k), where=counts > 0)
    return RoutingRun(algorithm, counts, mean, float(np.percentile(latency, 99)), max_queue)
