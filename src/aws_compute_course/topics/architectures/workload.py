"""A workload to compare architectures on: how many requests a month, how they arrive over
the day, what each request needs, and what the business asks of it.

The traffic shapes reuse the Auto Scaling topic's demand presets (``daily``, the
``flash_spike`` as ``spiky``), normalised to a mean of 1; ``steady`` is flat, and a recorded
curve (one value per minute, e.g. from ``auto_scaling.load_demand_csv``) can be given as
``recorded``. A month is 30 days of one-minute steps; a one-day profile stands for every day
of the month.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from aws_compute_course.topics import auto_scaling, lambda_
from aws_compute_course.validate import choice, flag, integer, number

SHAPES = ("steady", "daily", "spiky", "recorded")
DAYS_PER_MONTH = 30
SECONDS_PER_MONTH = DAYS_PER_MONTH * 86_400
MINUTES_PER_DAY = auto_scaling.MINUTES_PER_DAY
REQUESTS_MAX = 1e11
DURATION_MAX_MS = 3_600_000
"""The model accepts requests of up to an hour (containers and instances have no timeout of
their own; Lambda's 900-second limit is checked as a limit, not here)."""


@lru_cache(maxsize=32)
def _profile(shape: str, days: int, seed: int) -> np.ndarray:
    if shape == "steady":
        curve = np.ones(days * MINUTES_PER_DAY)
    else:
        preset = {"daily": "daily", "spiky": "flash_spike"}[shape]
        curve = auto_scaling.demand_preset(preset, days=days, base=100.0, peak=1000.0, seed=seed)
    curve = curve / curve.mean()
    curve.setflags(write=False)
    return curve


def rate_profile(shape: str, days: int = 1, seed: int = 0) -> np.ndarray:
    """Per-minute multipliers of the mean request rate (mean 1) for ``days`` days."""
    choice("shape", shape, SHAPES[:3])
    return _profile(shape, integer("days", days, 1, 60), integer("seed", seed, 0))


@dataclass(frozen=True, eq=False)
class Workload:
    """One workload. Sizes in KB, times in ms; ``sync``: the caller waits for the result
    (False: the work can be queued); ``interruptible``: a request can be retried elsewhere
    if its server is reclaimed (Spot); ``stateful``: requests keep in-memory session state
    on the server that served them."""

    requests_per_month: float = 50e6
    shape: str = "daily"
    duration_ms: float = 100.0
    cpu_percent: float = 25.0
    """The share of the duration a request keeps a CPU busy (the rest waits on I/O):
    servers are sized by CPU, while Lambda bills the whole duration."""
    memory_mb: int = 512
    """Lambda memory setting (the container and instance sizes are the model's own)."""
    request_kb: float = 4.0
    response_kb: float = 16.0
    latency_ms: float = 1000.0
    """The latency objective for a request (p99, end to end)."""
    sync: bool = True
    interruptible: bool = True
    stateful: bool = False
    init_ms: float = 400.0
    """A Lambda cold start's INIT phase (illustrative)."""
    days: int = 1
    seed: int = 0
    recorded: np.ndarray | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        number("requests_per_month", self.requests_per_month, 0.0, REQUESTS_MAX)
        choice("shape", self.shape, SHAPES)
        number("duration_ms", self.duration_ms, 1.0, DURATION_MAX_MS)
        number("cpu_percent", self.cpu_percent, 0.0, 100.0, low_open=True)
        lambda_.check_memory(self.memory_mb)
        number("request_kb", self.request_kb, 0.0, 1e7)
        number("response_kb", self.response_kb, 0.0, 1e7)
        number("latency_ms", self.latency_ms, 1.0, 1e8, low_open=False)
        for name in ("sync", "interruptible", "stateful"):
            flag(name, getattr(self, name))
        lambda_.check_init_ms(self.init_ms)
        integer("days", self.days, 1, DAYS_PER_MONTH)
        integer("seed", self.seed, 0)
        if (self.shape == "recorded") != (self.recorded is not None):
            raise ValueError("recorded must be given exactly when shape is 'recorded'")
        if self.recorded is not None:
            r = np.asarray(self.recorded, dtype=float)
            if r.ndim != 1 or r.size < 60 or not np.all(np.isfinite(r)) or np.any(r < 0):
                raise ValueError("recorded must be >= 60 finite per-minute rates >= 0")
            if r.sum() <= 0:
                raise ValueError("recorded must not be all zero")

    @property
    def profile(self) -> np.ndarray:
        """Per-minute multipliers of the mean rate (mean 1)."""
        if self.recorded is not None:
            r = np.asarray(self.recorded, dtype=float)
            return r / r.mean()
        return rate_profile(self.shape, self.days, self.seed)

    @property
    def cpu_ms(self) -> float:
        """CPU time per request, the servers' sizing unit."""
        return self.duration_ms * self.cpu_percent / 100

    @property
    def mean_rps(self) -> float:
        return self.requests_per_month / SECONDS_PER_MONTH

    @property
    def rps(self) -> np.ndarray:
        """Requests per second, minute by minute."""
        return self.mean_rps * self.profile

    @property
    def peak_rps(self) -> float:
        return self.mean_rps * float(self.profile.max())

    @property
    def payload_kb(self) -> float:
        """The larger of request and response."""
        return max(self.request_kb, self.response_kb)

    def scaled(self, requests_per_month: float) -> Workload:
        """The same workload at another monthly volume."""
        from dataclasses import replace

        return replace(self, requests_per_month=requests_per_month)
