"""Lambda concurrency: concurrency = request rate x duration, simulated second by second
over a traffic curve with the account limit, reserved and provisioned concurrency and the
per-function scaling rate: throttles and cold starts."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from aws_compute_course import facts
from aws_compute_course.topics.lambda_.compute import TIMEOUT_MAX_MS
from aws_compute_course.validate import integer, number

CONCURRENCY_DEFAULT = facts.integer("lambda.concurrency_default")
SCALING_PER_10S = facts.integer("lambda.scaling_rate_per_10s")
UNRESERVED_MIN = facts.integer("lambda.unreserved_min")


# --- concurrency --------------------------------------------------------------------------


def required_concurrency(requests_per_second: float, duration_ms: float) -> float:
    """Concurrency a steady load needs: requests per second x duration in seconds."""
    rate = number("requests_per_second", requests_per_second, 0.0, math.inf)
    duration = number("duration_ms", duration_ms, 0.0, TIMEOUT_MAX_MS, low_open=True)
    return rate * duration / 1000


def spiky_traffic(
    seconds: int = 600,
    *,
    base_rps: float = 400.0,
    peak_rps: float = 4_000.0,
    peak_start: int = 240,
    peak_seconds: int = 120,
    ramp_seconds: int = 20,
    noise: float = 0.05,
    seed: int = 0,
) -> np.ndarray:
    """Requests per second, one value a second: a steady base with one spike (seeded).

    The spike ramps up over ``ramp_seconds``, holds ``peak_rps`` and ramps down again;
    ``noise`` is the relative size of the seeded random wobble.
    """
    n = integer("seconds", seconds, 1, 86_400)
    base = number("base_rps", base_rps, 0.0, 1e7)
    peak = number("peak_rps", peak_rps, 0.0, 1e7)
    start = integer("peak_start", peak_start, 0)
    hold = integer("peak_seconds", peak_seconds, 0)
    ramp = integer("ramp_seconds", ramp_seconds, 0)
    wobble = number("noise", noise, 0.0, 1.0)
    integer("seed", seed, 0)
    t = np.arange(n, dtype=float)
    up = np.clip((t - start) / max(ramp, 1), 0, 1) if ramp else (t >= start).astype(float)
    end = start + ramp + hold
    down = np.clip((end + ramp - t) / max(ramp, 1), 0, 1) if ramp else (t < end).astype(float)
    shape = np.minimum(up, down)
    rng = np.random.default_rng(seed)
    rates = (base + (peak - base) * shape) * (1 + wobble * rng.standard_normal(n))
    return np.clip(rates, 0, None)


@dataclass(frozen=True)
class ConcurrencyRun:
    """Second-by-second result of :func:`simulate_concurrency`."""

    requests_per_second: np.ndarray
    demand: np.ndarray
    """Concurrency the traffic needs: rate x duration."""
    capacity: np.ndarray
    """Concurrency the function may use that second: its limit, or less while scaling up."""
    limit: int
    """The function's ceiling: its reserved concurrency, else the account limit."""
    served: np.ndarray
    """Concurrency actually used: min(demand, capacity)."""
    throttled: np.ndarray
    """Requests throttled that second (429 TooManyRequestsException for sync callers)."""
    throttled_by_limit: np.ndarray
    """The part of ``throttled`` caused by the ceiling (more limit would help)."""
    throttled_by_scaling: np.ndarray
    """The part caused by the scaling rate (environments can't be added fast enough)."""
    cold_starts: np.ndarray
    """New execution environments created that second: each one starts cold."""
    environments: np.ndarray
    """Execution environments that exist at the end of each second (warm or busy)."""
    provisioned: int

    @property
    def total_requests(self) -> float:
        return float(self.requests_per_second.sum())

    @property
    def total_throttled(self) -> float:
        return float(self.throttled.sum())

    @property
    def throttled_percent(self) -> float:
        total = self.total_requests
        return 100 * self.total_throttled / total if total else 0.0

    @property
    def total_cold_starts(self) -> int:
        return int(self.cold_starts.sum())

    @property
    def peak_concurrency(self) -> float:
        return float(self.served.max())


def simulate_concurrency(
    requests_per_second: Sequence[float] | np.ndarray,
    duration_ms: float,
    *,
    account_limit: int = CONCURRENCY_DEFAULT,
    reserved: int | None = None,
    provisioned: int = 0,
) -> ConcurrencyRun:
    """One function's concurrency, throttles and cold starts over a per-second traffic curve.

    The model, second by second:

    * demand = requests per second x duration (Little's law);
    * the ceiling is the function's reserved concurrency if set (which also guarantees it),
      else the account's Regional limit (this function alone using the unreserved pool);
    * the function can add at most 1,000 execution environments in each 10-second window
      (AWS's per-function scaling rate), on top of those it has;
    * environments, once created, stay warm for the rest of the curve (AWS reclaims idle
      ones after a while it does not publish); each new one serves a cold start;
    * ``provisioned`` environments exist, initialised, from the start: no cold starts.

    Requests beyond the capacity are throttled, split into those the ceiling refused and
    those the scaling rate refused.
    """
    rates = np.asarray(requests_per_second, dtype=float)
    if rates.ndim != 1 or rates.size == 0:
        raise ValueError("requests_per_second must be a non-empty 1-D sequence, one per second")
    if not np.all(np.isfinite(rates)) or np.any(rates < 0):
        raise ValueError("requests_per_second must all be finite numbers >= 0")
    duration = number("duration_ms", duration_ms, 0.0, TIMEOUT_MAX_MS, low_open=True)
    account = integer("account_limit", account_limit, 1)
    unreserved_room = account - UNRESERVED_MIN
    if reserved is not None:
        if unreserved_room < 0:
            raise ValueError(
                f"reserved must be None: an account limit of {account:,} leaves no room to "
                f"reserve concurrency (at least {UNRESERVED_MIN} must stay unreserved)"
            )
        integer("reserved", reserved, 0, unreserved_room)
    limit = account if reserved is None else int(reserved)
    provisioned_max = limit if reserved is not None else max(0, unreserved_room)
    warm = integer("provisioned", provisioned, 0, provisioned_max)

    demand = rates * duration / 1000
    n = rates.size
    capacity = np.empty(n)
    served = np.empty(n)
    cold = np.zeros(n, dtype=np.int64)
    envs_end = np.empty(n, dtype=np.int64)
    envs = warm
    ceiling = 0
    for t in range(n):
        if t % 10 == 0:
            ceiling = min(limit, envs + SCALING_PER_10S)
        capacity[t] = ceiling
        served[t] = min(demand[t], ceiling)
        needed = math.ceil(round(served[t], 9))
        if needed > envs:
            cold[t] = needed - envs
            envs = needed
        envs_end[t] = envs
    with np.errstate(divide="ignore", invalid="ignore"):
        per_unit = np.where(demand > 0, rates / demand, 0.0)  # requests per unit of concurrency
    throttled = (demand - served) * per_unit
    by_limit = np.maximum(demand - limit, 0) * per_unit
    return ConcurrencyRun(
        requests_per_second=rates,
        demand=demand,
        capacity=capacity,
        limit=limit,
        served=served,
        throttled=throttled,
        throttled_by_limit=by_limit,
        throttled_by_scaling=throttled - by_limit,
        cold_starts=cold,
        environments=envs_end,
        provisioned=warm,
    )
