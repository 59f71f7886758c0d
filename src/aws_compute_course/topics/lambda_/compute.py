"""Lambda memory, compute and cost: the vCPU share of a memory setting, what an invocation
and a month cost, and a workload whose duration depends on memory, swept over every
setting.

AWS documents that 1,769 MB is one vCPU and that 10,240 MB gets up to 6 vCPUs; the
straight line through the first point (capped at 6) is the course's model, and it gives
5.79 vCPUs at the top."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import numpy as np

from aws_compute_course import facts
from aws_compute_course.pricing import Price, price
from aws_compute_course.validate import choice, flag, integer, is_number, number

MEMORY_MIN_MB = facts.integer("lambda.memory_min_mb")
MEMORY_MAX_MB = facts.integer("lambda.memory_max_mb")
MEMORY_STEP_MB = facts.integer("lambda.memory_step_mb")
MB_PER_VCPU = facts.integer("lambda.memory_per_vcpu_mb")
VCPU_MAX = facts.integer("lambda.vcpu_max")
TIMEOUT_MAX_MS = facts.integer("lambda.timeout_max_seconds") * 1000
BILLING_STEP_MS = facts.integer("lambda.billing_granularity_ms")
INIT_MAX_MS = facts.integer("lambda.init_max_seconds") * 1000
NOTES_2021_MEMORY_MAX_MB = 3 * 1024
"""What the 2021 notes gave as the largest memory setting (3 GB)."""

Architecture = Literal["x86", "arm"]
ARCHITECTURES: tuple[Architecture, ...] = ("x86", "arm")


# --- memory and compute -------------------------------------------------------------------


def check_memory(memory_mb: object, name: str = "memory_mb") -> int:
    """A memory setting as an int, or a ValueError naming the setting and the allowed range.

    Lambda takes 128 to 10,240 MB in 1-MB steps (since December 2020; the 2021 notes said
    3 GB). ``1024.0`` is accepted as 1024; ``1024.5`` is not a whole MB.
    """
    allowed = f"{MEMORY_MIN_MB:,} to {MEMORY_MAX_MB:,} MB in {MEMORY_STEP_MB}-MB steps"
    if not is_number(memory_mb) or not math.isfinite(memory_mb):
        raise ValueError(f"{name} must be a number of MB ({allowed}), got {memory_mb!r}")
    if (memory_mb - MEMORY_MIN_MB) % MEMORY_STEP_MB:
        raise ValueError(f"{name} must be a whole number of MB ({allowed}), got {memory_mb!r}")
    if not MEMORY_MIN_MB <= memory_mb <= MEMORY_MAX_MB:
        raise ValueError(f"{name} must be {allowed}, got {memory_mb!r}")
    return int(memory_mb)


def check_memories(memories: object, name: str = "memories") -> np.ndarray:
    """An array of memory settings (int64), each checked as by :func:`check_memory`."""
    values = np.asarray(memories)
    if values.ndim != 1 or values.size == 0:
        raise ValueError(f"{name} must be a non-empty 1-D sequence of memory settings")
    if values.dtype.kind not in "iuf":
        raise ValueError(f"{name} must hold numbers, got dtype {values.dtype}")
    bad = (
        ~np.isfinite(values)
        | (values < MEMORY_MIN_MB)
        | (values > MEMORY_MAX_MB)
        | ((values - MEMORY_MIN_MB) % MEMORY_STEP_MB != 0)
    )
    if bad.any():
        first = values[np.flatnonzero(bad)[0]]
        check_memory(first.item(), f"{name}[{np.flatnonzero(bad)[0]}]")  # raises, naming it
    return values.astype(np.int64)


def vcpu_share(memory_mb: object) -> float:
    """vCPUs a function gets at ``memory_mb``: memory / 1,769 MB, capped at 6 (course model).

    AWS documents two points: 1,769 MB is the equivalent of one vCPU, and 10,240 MB gets up
    to 6 vCPUs. The straight line through the first point is the course's model between
    them; it gives 5.79 vCPUs at 10,240 MB, slightly under AWS's 6 at the very top.
    """
    return min(check_memory(memory_mb) / MB_PER_VCPU, float(VCPU_MAX))


def vcpu_shares(memories: object) -> np.ndarray:
    """:func:`vcpu_share` for many memory settings at once."""
    return np.minimum(check_memories(memories) / MB_PER_VCPU, float(VCPU_MAX))


# --- the workload model -------------------------------------------------------------------


@dataclass(frozen=True)
class Workload:
    """A function's work: a CPU-bound part that speeds up with vCPUs, and a fixed I/O part.

    At memory m the duration is ``io_ms + cpu_ms / min(vcpu_share(m), threads)``: below one
    vCPU the CPU part slows down in proportion; above it, code that keeps ``threads`` vCPUs
    busy speeds up until it has ``threads`` of them (single-threaded code stops gaining past
    one vCPU). ``memory_needed_mb`` is the least memory the code runs in at all.
    """

    cpu_ms: float
    """CPU time of one invocation on one full vCPU, in ms."""
    io_ms: float = 0.0
    """Time spent waiting (network, disk, downstream services), in ms; memory doesn't help."""
    threads: int = 1
    """vCPUs the code can keep busy at once."""
    memory_needed_mb: int = MEMORY_MIN_MB
    """The least memory the function runs in (its working set)."""

    def __post_init__(self) -> None:
        number("cpu_ms", self.cpu_ms, 0.0, TIMEOUT_MAX_MS)
        number("io_ms", self.io_ms, 0.0, TIMEOUT_MAX_MS)
        if self.cpu_ms + self.io_ms <= 0:
            raise ValueError("cpu_ms + io_ms must be > 0: a workload must take some time")
        integer("threads", self.threads, 1, VCPU_MAX)
        check_memory(self.memory_needed_mb, "memory_needed_mb")

    def duration_ms(self, memory_mb: object) -> float:
        """Duration of one invocation at ``memory_mb`` (ms)."""
        memory = check_memory(memory_mb)
        if memory < self.memory_needed_mb:
            raise ValueError(
                f"memory_mb must be at least the workload's memory_needed_mb "
                f"({self.memory_needed_mb:,}), got {memory_mb!r}"
            )
        return self.io_ms + self.cpu_ms / min(vcpu_share(memory), self.threads)

    def durations_ms(self, memories: np.ndarray) -> np.ndarray:
        """Durations for many memory settings (already checked, all >= memory_needed_mb)."""
        return self.io_ms + self.cpu_ms / np.minimum(memories / MB_PER_VCPU, self.threads)


def billed_ms(duration_ms: object) -> np.ndarray | float:
    """Duration as billed: rounded up to the billing step (1 ms since December 2020)."""
    d = np.asarray(duration_ms, dtype=float)
    # Round away float noise first (e.g. 27.000000000004 ms is billed as 27 ms).
    billed = np.ceil(np.round(d / BILLING_STEP_MS, 6)) * BILLING_STEP_MS
    return float(billed) if billed.ndim == 0 else billed


# --- prices and cost ----------------------------------------------------------------------


def duration_price(architecture: Architecture = "x86") -> Price:
    """The snapshot's price per GB-second of duration for ``architecture`` (first tier)."""
    choice("architecture", architecture, ARCHITECTURES)
    return price(f"lambda.duration.{architecture}")


def request_price() -> Price:
    """The snapshot's price per million requests."""
    return price("lambda.requests")


def gb_seconds(memory_mb: object, duration_ms: object) -> float:
    """GB-seconds one invocation uses: memory in GB (MB / 1,024) x billed seconds."""
    memory = check_memory(memory_mb)
    duration = number("duration_ms", duration_ms, 0.0, TIMEOUT_MAX_MS, low_open=True)
    return memory / 1024 * billed_ms(duration) / 1000


def check_init_ms(init_ms: object) -> float:
    """An INIT phase duration in ms: 0 (a warm start) to the 10-second INIT limit."""
    return number("init_ms", init_ms, 0.0, INIT_MAX_MS)


def init_gb_seconds(memory_mb: object, init_ms: object) -> float:
    """GB-seconds one cold start's INIT phase is billed for (0 for ``init_ms`` 0).

    Since 1 August 2025 the INIT phase is billed like the invocation itself for every
    function, zip-packaged functions on managed runtimes included.
    """
    memory, init = check_memory(memory_mb), check_init_ms(init_ms)
    return memory / 1024 * billed_ms(init) / 1000


def invocation_cost(
    memory_mb: object,
    duration_ms: object,
    architecture: Architecture = "x86",
    *,
    init_ms: object = 0.0,
) -> float:
    """USD for one invocation: its request charge plus its billed duration (no free tier).

    ``duration_ms`` must be within the 900-second timeout; it is billed rounded up to 1 ms.
    ``init_ms`` is the INIT phase of a cold start (0 for a warm invocation), billed at the
    same rate since 1 August 2025.
    """
    gbs = gb_seconds(memory_mb, duration_ms) + init_gb_seconds(memory_mb, init_ms)
    return request_price().price / 1e6 + gbs * duration_price(architecture).price


@dataclass(frozen=True)
class MonthlyCost:
    """What a month of invocations costs, split into requests and duration."""

    requests: int
    gb_seconds: float
    """All billed GB-seconds: the invocations' and, for cold starts, their INIT phases."""
    billable_requests: int
    """Requests charged after the free tier (all of them without it)."""
    billable_gb_seconds: float
    request_cost: float
    compute_cost: float
    free_tier: bool
    init_gb_seconds: float = 0.0
    """The part of ``gb_seconds`` spent in INIT phases (cold starts)."""

    @property
    def total(self) -> float:
        return self.request_cost + self.compute_cost


def monthly_cost(
    memory_mb: object,
    duration_ms: object,
    requests_per_month: int,
    architecture: Architecture = "x86",
    *,
    free_tier: bool = False,
    init_ms: object = 0.0,
    cold_starts: int = 0,
) -> MonthlyCost:
    """A month's Lambda bill for one function (USD), at the first-tier prices of the snapshot.

    With ``free_tier`` the monthly free allowance of requests and GB-seconds is taken off
    first. AWS documents it as always free, for every account (accounts created since 15
    July 2025 also get sign-up credits, which this model ignores); it is per account,
    shared by all functions and both architectures, and does not cover functions with
    provisioned concurrency. ``cold_starts`` of the month's invocations (at most all of
    them) each run an INIT phase of ``init_ms`` ms first, billed like the invocation
    since 1 August 2025 (zip-packaged functions on managed runtimes included). Above the
    first price tier (6 billion GB-s a month on x86, 7.5 billion on Arm) AWS charges less
    than this model.
    """
    requests = integer("requests_per_month", requests_per_month, 0)
    flag("free_tier", free_tier)
    cold = integer("cold_starts (at most requests_per_month)", cold_starts, 0, requests)
    per_invocation = gb_seconds(memory_mb, duration_ms)
    init_gbs = init_gb_seconds(memory_mb, init_ms) * cold
    total_gbs = per_invocation * requests + init_gbs
    free_requests = int(price("lambda.free_tier.requests").price) if free_tier else 0
    free_gbs = price("lambda.free_tier.gb_seconds").price if free_tier else 0.0
    billable_requests = max(0, requests - free_requests)
    billable_gbs = max(0.0, total_gbs - free_gbs)
    return MonthlyCost(
        requests=requests,
        gb_seconds=total_gbs,
        billable_requests=billable_requests,
        billable_gb_seconds=billable_gbs,
        request_cost=billable_requests * request_price().price / 1e6,
        compute_cost=billable_gbs * duration_price(architecture).price,
        free_tier=free_tier,
        init_gb_seconds=init_gbs,
    )


# --- sweeping every memory setting ----------------------------------------------------------


@dataclass(frozen=True)
class MemorySweep:
    """A workload at every memory setting it fits in: duration and cost per million calls."""

    workload: Workload
    architecture: Architecture
    memory_mb: np.ndarray
    vcpu: np.ndarray
    duration_ms: np.ndarray
    billed_ms: np.ndarray
    cost_per_million: np.ndarray
    """USD per million invocations: requests plus billed duration (no free tier)."""
    times_out: np.ndarray
    """True where the duration exceeds the 900-second timeout (those settings never finish)."""

    @property
    def mb_ms(self) -> np.ndarray:
        """Memory x billed duration (MB-ms) per invocation: exact integers that order the
        settings by cost (the request charge is the same for all)."""
        return self.memory_mb * self.billed_ms.astype(np.int64)

    def _pick(self, mask: np.ndarray, *keys: np.ndarray) -> int | None:
        """The memory setting where ``mask`` holds that sorts first by ``keys``, in order."""
        idx = np.flatnonzero(mask & ~self.times_out)
        if idx.size == 0:
            return None
        order = np.lexsort(tuple(k[idx] for k in reversed(keys)))  # last key sorts first
        return int(self.memory_mb[idx[order[0]]])

    def cheapest(self) -> int:
        """The memory setting with the lowest cost per invocation (ties: the faster one)."""
        best = self._pick(np.ones_like(self.times_out), self.mb_ms, self.billed_ms)
        if best is None:
            raise ValueError("the workload times out at every memory setting")
        return best

    def fastest_within(self, budget_per_million: float) -> int | None:
        """The fastest setting costing at most ``budget_per_million`` USD (None if none does;
        ties: the cheaper one)."""
        budget = number("budget_per_million", budget_per_million, 0.0, math.inf, low_open=True)
        affordable = np.round(self.cost_per_million, 9) <= round(budget, 9)
        return self._pick(affordable, self.billed_ms, self.mb_ms)

    def cheapest_within(self, latency_ms: float) -> int | None:
        """The cheapest setting whose duration is at most ``latency_ms`` (None if none is;
        ties: the faster one)."""
        target = number("latency_ms", latency_ms, 0.0, TIMEOUT_MAX_MS, low_open=True)
        return self._pick(self.duration_ms <= target, self.mb_ms, self.billed_ms)

    def at(self, memory_mb: object) -> dict[str, float]:
        """The sweep's row for one memory setting, as plain numbers."""
        memory = check_memory(memory_mb)
        i = np.flatnonzero(self.memory_mb == memory)
        if i.size == 0:
            raise ValueError(
                f"memory_mb must be one of the swept settings "
                f"({int(self.memory_mb[0]):,} to {int(self.memory_mb[-1]):,} MB), "
                f"got {memory_mb!r}"
            )
        k = int(i[0])
        return {
            "memory_mb": memory,
            "vcpu": float(self.vcpu[k]),
            "duration_ms": float(self.duration_ms[k]),
            "cost_per_million": float(self.cost_per_million[k]),
        }


def memory_sweep(
    workload: Workload, architecture: Architecture = "x86", step_mb: int = MEMORY_STEP_MB
) -> MemorySweep:
    """``workload`` at every memory setting from its ``memory_needed_mb`` to 10,240 MB.

    ``step_mb`` (default 1, every setting Lambda allows) thins the sweep; the top setting is
    always included.
    """
    if not isinstance(workload, Workload):
        raise ValueError(f"workload must be a Workload, got {type(workload).__name__}")
    step = integer("step_mb", step_mb, MEMORY_STEP_MB, MEMORY_MAX_MB - MEMORY_MIN_MB)
    memories = np.arange(workload.memory_needed_mb, MEMORY_MAX_MB + 1, step, dtype=np.int64)
    if memories[-1] != MEMORY_MAX_MB:
        memories = np.append(memories, MEMORY_MAX_MB)
    vcpu = np.minimum(memories / MB_PER_VCPU, float(VCPU_MAX))
    duration = workload.durations_ms(memories)
    billed = billed_ms(duration)
    gbs = memories / 1024 * billed / 1000
    per_call = request_price().price / 1e6 + gbs * duration_price(architecture).price
    return MemorySweep(
        workload=workload,
        architecture=architecture,
        memory_mb=memories,
        vcpu=vcpu,
        duration_ms=duration,
        billed_ms=billed,
        cost_per_million=per_call * 1e6,
        times_out=duration > TIMEOUT_MAX_MS,
    )


def cheapest_memory(workload: Workload, architecture: Architecture = "x86") -> int:
    """The memory setting that runs ``workload`` at the lowest cost per invocation."""
    return memory_sweep(workload, architecture).cheapest()


def cheapest_memory_for_latency(
    workload: Workload, latency_ms: float, architecture: Architecture = "x86"
) -> int | None:
    """The cheapest memory setting that finishes within ``latency_ms`` (None if none does)."""
    return memory_sweep(workload, architecture).cheapest_within(latency_ms)
