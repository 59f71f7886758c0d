"""AWS Lambda: memory and vCPU, cost, duration, concurrency, invocation semantics, deployments.

(The module is ``awslambda`` because ``lambda`` is a Python keyword.) Five parts:

* **memory, compute and cost**: the vCPU share of a memory setting, what an invocation
  and a month cost (x86 or Arm, with or without the free tier), and a workload model whose
  duration depends on memory, swept over every memory setting to find the cheapest one
  and the fastest within a budget or a latency target;
* **concurrency**: concurrency = request rate x duration, simulated second by second over
  a traffic curve with the account limit, reserved and provisioned concurrency and the
  per-function scaling rate: throttles and cold starts;
* **invocation semantics**: :func:`replay` plays a sequence of events and failures through
  a synchronous, asynchronous, SQS, SQS FIFO or stream (Kinesis / DynamoDB) invocation and
  reports what was processed, retried, reordered, blocked, dropped or sent to a DLQ or a
  destination;
* **versions, aliases and CodeDeploy**: the alias weights over time for every SAM
  deployment type, with pre/post-traffic hooks and rollback on an alarm.

Every AWS number comes from :mod:`aws_compute_course.facts` or the price snapshot. Where
AWS documents only some points, the course fills in with a stated model: AWS documents
that 1,769 MB is one vCPU and that 10,240 MB gets up to 6 vCPUs; the straight line through
the first point (capped at 6) is the course's model, and it gives 5.79 vCPUs at the top.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd

from aws_compute_course.facts import value
from aws_compute_course.pricing import Price, price
from aws_compute_course.validate import choice, flag, integer, is_number, number

MEMORY_MIN_MB = int(value("lambda.memory_min_mb"))
MEMORY_MAX_MB = int(value("lambda.memory_max_mb"))
MEMORY_STEP_MB = int(value("lambda.memory_step_mb"))
MB_PER_VCPU = int(value("lambda.memory_per_vcpu_mb"))
VCPU_MAX = int(value("lambda.vcpu_max"))
NOTES_2021_MEMORY_MAX_MB = 3 * 1024
"""The 2021 notes' "128MB to 3GB" ceiling, for contrast on charts: their claim, not AWS's."""
TIMEOUT_MAX_MS = int(value("lambda.timeout_max_seconds")) * 1000
BILLING_STEP_MS = int(value("lambda.billing_granularity_ms"))
CONCURRENCY_DEFAULT = int(value("lambda.concurrency_default"))
SCALING_PER_10S = int(value("lambda.scaling_rate_per_10s"))
UNRESERVED_MIN = int(value("lambda.unreserved_min"))
ASYNC_RETRIES_MAX = int(value("lambda.async_retries_default"))
"""Asynchronous retries: 2 by default, configurable from 0 to 2."""
ASYNC_MAX_EVENT_AGE_S = int(value("lambda.async_max_event_age_hours")) * 3600
ASYNC_RETRY_WAITS_S = (
    int(value("lambda.async_retry_first_wait_minutes")) * 60,
    int(value("lambda.async_retry_second_wait_minutes")) * 60,
)
STREAM_RETRIES_MAX = int(value("lambda.stream_retry_attempts_max"))
STREAM_RECORD_AGE_MAX_S = int(value("lambda.stream_record_age_max_seconds"))
ASYNC_DESTINATIONS = tuple(
    d.strip().lower() for d in str(value("lambda.async_failure_destinations")).split(",")
)
STREAM_DESTINATIONS = tuple(
    d.strip().lower() for d in str(value("lambda.esm_failure_destinations")).split(",")
)
DLQ_TARGETS = ("sqs", "sns")
DEPLOYMENT_TYPES = tuple(t.strip() for t in str(value("lambda.codedeploy_types")).split(","))
CODEDEPLOY_PREFIX = "CodeDeployDefault.Lambda"

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


def invocation_cost(
    memory_mb: object, duration_ms: object, architecture: Architecture = "x86"
) -> float:
    """USD for one invocation: its request charge plus its billed duration (no free tier).

    ``duration_ms`` must be within the 900-second timeout; it is billed rounded up to 1 ms.
    """
    gbs = gb_seconds(memory_mb, duration_ms)
    return request_price().price / 1e6 + gbs * duration_price(architecture).price


@dataclass(frozen=True)
class MonthlyCost:
    """What a month of invocations costs, split into requests and duration."""

    requests: int
    gb_seconds: float
    billable_requests: int
    """Requests charged after the free tier (all of them without it)."""
    billable_gb_seconds: float
    request_cost: float
    compute_cost: float
    free_tier: bool

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
) -> MonthlyCost:
    """A month's Lambda bill for one function (USD), at the first-tier prices of the snapshot.

    With ``free_tier`` the monthly free allowance of requests and GB-seconds is taken off
    first (it is per account, shared by all functions and both architectures; accounts
    created after 15 July 2025 get credits instead). Above the first price tier (6 billion
    GB-s a month on x86, 7.5 billion on Arm) AWS charges less than this model.
    """
    requests = integer("requests_per_month", requests_per_month, 0)
    flag("free_tier", free_tier)
    per_invocation = gb_seconds(memory_mb, duration_ms)
    total_gbs = per_invocation * requests
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


# --- invocation semantics -----------------------------------------------------------------

Source = Literal["sync", "async", "sqs", "sqs_fifo", "stream"]
SOURCES: tuple[Source, ...] = ("sync", "async", "sqs", "sqs_fifo", "stream")
OUTCOMES = (
    "processed",
    "error_to_caller",
    "on_failure_destination",
    "dlq",
    "dropped",
    "blocked",
)
"""Where an event ends up:

* ``processed``: the function succeeded with it;
* ``error_to_caller``: a synchronous caller got the error (after its own retries);
* ``on_failure_destination``: an asynchronous or stream on-failure destination got it;
* ``dlq``: a dead-letter queue got it (the function's for async, the queue's for SQS);
* ``dropped``: discarded with nowhere to go (or, for SQS without a DLQ, left cycling
  until the queue's retention period deletes it);
* ``blocked``: stuck behind (or as) a record that keeps failing in an ordered shard or
  message group, never processed while the model runs.
"""
SQS_RECEIVE_HORIZON = 25
"""SQS without a dead-letter queue: a message still failing after this many receives is
reported ``dropped`` (in AWS it keeps returning until the queue's retention period ends)."""
_OPTIONS: dict[str, dict[str, object]] = {
    "sync": {"client_retries": 0},
    "async": {"retries": ASYNC_RETRIES_MAX, "max_event_age_s": ASYNC_MAX_EVENT_AGE_S,
              "on_failure": None, "dlq": None},
    "sqs": {"batch_size": 10, "partial_batch": False, "max_receive_count": None},
    "sqs_fifo": {"batch_size": 10, "partial_batch": False, "max_receive_count": None},
    "stream": {"batch_size": 100, "bisect": False, "max_retries": None,
               "max_record_age_s": None, "on_failure": None, "partial_batch": False},
}  # fmt: skip


@dataclass(frozen=True)
class Replay:
    """What happened to each event of a replay, and each invocation that carried it."""

    source: Source
    options: dict[str, object]
    events: pd.DataFrame
    """One row per event (index ``event``): ``key`` (shard or message group),
    ``outcome`` (one of :data:`OUTCOMES`), ``deliveries`` (times the function got it),
    ``position`` (order in which it was processed; <NA> if never) and ``note``."""
    invocations: pd.DataFrame
    """One row per invocation: ``step``, ``key``, ``events`` (tuple of ids), ``ok`` and
    ``action`` (what Lambda did next)."""

    def where(self, outcome: str) -> list[int]:
        """The ids of the events with ``outcome``, in id order."""
        choice("outcome", outcome, OUTCOMES)
        return [int(e) for e in self.events.index[self.events["outcome"] == outcome]]

    @property
    def counts(self) -> dict[str, int]:
        """How many events ended in each outcome (every outcome listed, zeros included)."""
        found = self.events["outcome"].value_counts()
        return {o: int(found.get(o, 0)) for o in OUTCOMES}

    @property
    def retried(self) -> list[int]:
        """Events the function received more than once: the reason handlers must be idempotent."""
        return [int(e) for e in self.events.index[self.events["deliveries"] > 1]]

    @property
    def reordered(self) -> list[int]:
        """Processed events that were overtaken: processed after a later event of the same
        ordering scope (its shard or message group for ordered sources, else the whole
        sequence)."""
        done = self.events.dropna(subset=["position"])
        ordered = self.source in ("stream", "sqs_fifo")
        scope = done["key"] if ordered else pd.Series("", index=done.index)
        out = []
        for _, group in done.groupby(scope, sort=False):
            positions = group["position"].to_numpy(dtype=np.int64)
            later_min = np.minimum.accumulate(positions[::-1])[::-1]  # min over i..end
            overtaken = np.r_[later_min[1:], np.iinfo(np.int64).max] < positions
            out += [int(e) for e in group.index[overtaken]]
        return sorted(out)


@dataclass
class _Log:
    """Mutable state while replaying (private)."""

    n: int
    keys: list[str]
    remaining: list[float]
    outcome: list[str] = field(default_factory=list)
    deliveries: list[int] = field(default_factory=list)
    position: list[int | None] = field(default_factory=list)
    note: list[str] = field(default_factory=list)
    rows: list[tuple] = field(default_factory=list)
    done: int = 0

    def __post_init__(self) -> None:
        self.outcome = ["pending"] * self.n
        self.deliveries = [0] * self.n
        self.position = [None] * self.n
        self.note = [""] * self.n

    def fails(self, e: int) -> bool:
        """Does this delivery of ``e`` fail? (Consumes one of its failures.)"""
        if self.remaining[e] > 0:
            self.remaining[e] -= 1
            return True
        return False

    def finish(self, e: int, outcome: str, note: str = "") -> None:
        self.outcome[e] = outcome
        self.note[e] = note
        if outcome == "processed":
            self.position[e] = self.done
            self.done += 1

    def invoke(self, key: str, events: Sequence[int], ok: bool, action: str) -> None:
        for e in events:
            self.deliveries[e] += 1
        self.rows.append((len(self.rows), key, tuple(events), ok, action))

    def deliveries_add(self, events: Sequence[int], extra: int) -> None:
        """Count ``extra`` more deliveries of ``events`` (attempts skipped over in bulk)."""
        for e in events:
            self.deliveries[e] += extra


def _check_failures(n: int, failures: Mapping[int, int | None] | None) -> list[float]:
    remaining = [0.0] * n
    if failures is None:
        return remaining
    if not isinstance(failures, Mapping):
        raise ValueError(
            "failures must be a mapping from event id to the number of failing deliveries "
            f"(None: every delivery fails), got {type(failures).__name__}"
        )
    for e, k in failures.items():
        integer("failures key (an event id)", e, 0, n - 1)
        if k is None:
            remaining[int(e)] = math.inf
        else:
            remaining[int(e)] = integer(f"failures[{e}]", k, 0)
    return remaining


def replay(
    source: Source,
    n_events: int,
    failures: Mapping[int, int | None] | None = None,
    *,
    keys: Sequence[str] | None = None,
    **options: object,
) -> Replay:
    """Play ``n_events`` events (ids 0, 1, ...) through one invocation model.

    ``failures[e] = k`` makes the first ``k`` deliveries of event ``e`` fail (transient);
    ``None`` makes every delivery fail (a poison event). ``keys`` gives each event its shard
    (``stream``) or message group (``sqs_fifo``); by default all share one.

    Options (defaults in brackets) and the model of each source:

    * ``sync`` [client_retries=0]: Lambda never retries; the caller gets the error and may
      retry (with backoff) up to ``client_retries`` times.
    * ``async`` [retries=2, max_event_age_s=21600, on_failure=None, dlq=None]: events arrive
      1 s apart; after an error Lambda waits 1 minute, then 2, between attempts; an event
      older than ``max_event_age_s`` at its next attempt is discarded. Discarded events go
      to ``on_failure`` (sqs, sns, lambda, eventbridge, s3) or to ``dlq`` (sqs, sns), else
      they are dropped.
    * ``sqs`` [batch_size=10, partial_batch=False, max_receive_count=None]: batches in queue
      order; a failed message returns to the back of the queue (reordering it). Without
      ``partial_batch`` (ReportBatchItemFailures) one failure returns the whole batch; with
      it only the failed messages. A message received ``max_receive_count`` times without
      being deleted moves to the queue's DLQ.
    * ``sqs_fifo`` [same options]: each message group in order, one batch at a time; the
      handler stops at the first failure, and that message and those after it return to
      the head of the group (with ``partial_batch`` the ones before it are deleted). A
      failing message blocks its group until it succeeds or moves to the DLQ.
    * ``stream`` [batch_size=100, bisect=False, max_retries=None, max_record_age_s=None,
      on_failure=None, partial_batch=False]: each shard in order; records arrive 1 s apart
      and each invocation takes 1 s. A failing batch is retried (from the failed record with
      ``partial_batch``), split in two first with ``bisect``; after ``max_retries`` retries,
      or once a record is older than ``max_record_age_s``, the batch is discarded to
      ``on_failure`` (sqs, sns, s3) or dropped. With neither limit a poison record blocks
      its shard.

    Retries are per batch; halves of a bisected batch inherit its retry count (the course's
    model). Unknown options raise ValueError.
    """
    choice("source", source, SOURCES)
    n = integer("n_events", n_events, 1, 10_000)
    remaining = _check_failures(n, failures)
    if keys is None:
        key_list = ["0"] * n
    else:
        key_list = [str(k) for k in keys]
        if len(key_list) != n:
            raise ValueError(f"keys must give one key per event ({n}), got {len(key_list)}")
    unknown = sorted(set(options) - set(_OPTIONS[source]))
    if unknown:
        raise ValueError(
            f"unknown option(s) {unknown} for source {source!r}; "
            f"its options are {sorted(_OPTIONS[source])}"
        )
    opts = _OPTIONS[source] | options
    log = _Log(n, key_list, remaining)
    {
        "sync": _replay_sync,
        "async": _replay_async,
        "sqs": _replay_sqs,
        "sqs_fifo": _replay_fifo,
        "stream": _replay_stream,
    }[source](log, opts)
    events = pd.DataFrame(
        {
            "key": log.keys,
            "outcome": log.outcome,
            "deliveries": log.deliveries,
            "position": pd.array(log.position, dtype="Int64"),
            "note": log.note,
        },
        index=pd.RangeIndex(n, name="event"),
    )
    invocations = pd.DataFrame(log.rows, columns=["step", "key", "events", "ok", "action"])
    return Replay(source=source, options=opts, events=events, invocations=invocations)


def _replay_sync(log: _Log, opts: dict) -> None:
    retries = integer("client_retries", opts["client_retries"], 0, 100)
    for e in range(log.n):
        for attempt in range(retries + 1):
            failed = log.fails(e)
            if not failed:
                log.invoke(log.keys[e], [e], True, "response returned to the caller")
                log.finish(e, "processed")
                break
            last = attempt == retries
            action = "error returned to the caller" + ("" if last else "; the caller retries")
            log.invoke(log.keys[e], [e], False, action)
            if last:
                log.finish(e, "error_to_caller", f"failed {retries + 1} time(s)")


def _replay_async(log: _Log, opts: dict) -> None:
    retries = integer("retries", opts["retries"], 0, ASYNC_RETRIES_MAX)
    max_age = number(
        "max_event_age_s", opts["max_event_age_s"], 0, ASYNC_MAX_EVENT_AGE_S, low_open=True
    )
    on_failure, dlq = opts["on_failure"], opts["dlq"]
    if on_failure is not None:
        choice("on_failure", on_failure, ASYNC_DESTINATIONS)
    if dlq is not None:
        choice("dlq", dlq, DLQ_TARGETS)
    if on_failure is not None and dlq is not None:
        raise ValueError("configure on_failure or dlq, not both (the model does not combine them)")
    # Attempt times: arrival (event id seconds), then the documented waits between attempts.
    waits = [0, *ASYNC_RETRY_WAITS_S[:retries]]
    attempts = [(float(e), e, 0) for e in range(log.n)]  # (time, event, attempt), a heap
    heapq.heapify(attempts)
    while attempts:
        t, e, attempt = heapq.heappop(attempts)
        age = t - e
        if age > max_age:
            _async_discard(log, e, on_failure, dlq, f"expired: {age:.0f} s old > {max_age:g} s")
            continue
        if not log.fails(e):
            log.invoke(log.keys[e], [e], True, "succeeded")
            log.finish(e, "processed")
        elif attempt < retries:
            wait = waits[attempt + 1]
            log.invoke(log.keys[e], [e], False, f"error: retry in {wait // 60} min")
            heapq.heappush(attempts, (t + wait, e, attempt + 1))
        else:
            log.invoke(log.keys[e], [e], False, "error: retries exhausted")
            _async_discard(log, e, on_failure, dlq, f"failed {attempt + 1} attempt(s)")


def _async_discard(log: _Log, e: int, on_failure: str | None, dlq: str | None, why: str) -> None:
    if on_failure is not None:
        log.finish(e, "on_failure_destination", f"{why}; sent to {on_failure}")
    elif dlq is not None:
        log.finish(e, "dlq", f"{why}; sent to the {dlq} DLQ")
    else:
        log.finish(e, "dropped", f"{why}; no destination or DLQ")


def _sqs_options(opts: dict) -> tuple[int, bool, int | None]:
    size = integer("batch_size", opts["batch_size"], 1, 10_000)
    partial = opts["partial_batch"]
    flag("partial_batch", partial)
    max_receive = opts["max_receive_count"]
    if max_receive is not None:
        max_receive = integer("max_receive_count", max_receive, 1, 1000)
    return size, partial, max_receive


def _replay_sqs(log: _Log, opts: dict) -> None:
    size, partial, max_receive = _sqs_options(opts)
    limit = max_receive if max_receive is not None else SQS_RECEIVE_HORIZON
    queue = deque(range(log.n))
    while queue:
        batch = [queue.popleft() for _ in range(min(size, len(queue)))]
        failed = [e for e in batch if log.fails(e)]
        if not failed:
            log.invoke("", batch, True, "batch deleted from the queue")
            for e in batch:
                log.finish(e, "processed")
            continue
        back = failed if partial else batch
        for e in batch:
            if e not in back:
                log.finish(e, "processed")
        action = f"{len(failed)} failed; " + (
            "only the failed messages return" if partial else "the whole batch returns"
        )
        log.invoke("", batch, False, action)
        for e in back:
            if log.deliveries[e] >= limit:
                if max_receive is None:
                    log.finish(e, "dropped", f"still failing after {limit} receives; no DLQ")
                else:
                    log.finish(e, "dlq", f"received {limit} time(s): moved to the queue's DLQ")
            else:
                queue.append(e)  # visible again after the visibility timeout, at the back


def _replay_fifo(log: _Log, opts: dict) -> None:
    size, partial, max_receive = _sqs_options(opts)
    groups: dict[str, deque[int]] = {}
    for e in range(log.n):
        groups.setdefault(log.keys[e], deque()).append(e)
    active = list(groups)
    while active:
        for g in list(active):
            queue = groups[g]
            batch = [queue.popleft() for _ in range(min(size, len(queue)))]
            first_bad = next((i for i, e in enumerate(batch) if log.fails(e)), None)
            if first_bad is None:
                log.invoke(g, batch, True, "batch deleted from the queue")
                for e in batch:
                    log.finish(e, "processed")
            else:
                keep = batch[:first_bad] if partial else []
                back = batch[first_bad:] if partial else batch
                for e in keep:
                    log.finish(e, "processed")
                log.invoke(g, batch, False, f"message {batch[first_bad]} failed; the group waits")
                head = batch[first_bad]
                returned = []
                for e in back:
                    if max_receive is not None and log.deliveries[e] >= max_receive:
                        log.finish(e, "dlq", f"received {max_receive} time(s): moved to the DLQ")
                    elif max_receive is None and math.isinf(log.remaining[head]) and e == head:
                        returned = None  # a poison head with no DLQ: the group is stuck
                        break
                    else:
                        returned.append(e)
                if returned is None:
                    stuck = [e for e in back if log.outcome[e] == "pending"] + list(queue)
                    for e in stuck:
                        why = "keeps failing" if e == head else f"behind message {head}"
                        log.finish(e, "blocked", f"{why}: no DLQ, the group is stuck")
                    queue.clear()
                else:
                    queue.extendleft(reversed(returned))
            if not queue:
                active.remove(g)


def _replay_stream(log: _Log, opts: dict) -> None:
    size = integer("batch_size", opts["batch_size"], 1, 10_000)
    bisect = opts["bisect"]
    partial = opts["partial_batch"]
    flag("bisect", bisect)
    flag("partial_batch", partial)
    max_retries = opts["max_retries"]
    if max_retries is not None:
        max_retries = integer("max_retries", max_retries, 0, STREAM_RETRIES_MAX)
    max_age = opts["max_record_age_s"]
    if max_age is not None:
        max_age = number("max_record_age_s", max_age, 0, STREAM_RECORD_AGE_MAX_S, low_open=True)
    on_failure = opts["on_failure"]
    if on_failure is not None:
        choice("on_failure", on_failure, STREAM_DESTINATIONS)

    def discard(records: list[int], why: str) -> None:
        for e in records:
            if on_failure is None:
                log.finish(e, "dropped", f"{why}; no on-failure destination")
            else:
                log.finish(e, "on_failure_destination", f"{why}; sent to {on_failure}")

    shards: dict[str, list[int]] = {}
    for e in range(log.n):
        shards.setdefault(log.keys[e], []).append(e)
    for shard, records in shards.items():
        clock = float(records[0])
        # Work list of (batch, retries so far); bisected halves go to the front, in order.
        start = 0
        work: deque[tuple[list[int], int]] = deque()
        while work or start < len(records):
            if not work:
                work.append((records[start : start + size], 0))
                start += size
            batch, retries = work.popleft()
            clock = max(clock, float(batch[-1]))  # wait for the batch's last record
            old = [e for e in batch if max_age is not None and clock - e > max_age]
            if old:
                discard(old, f"older than max_record_age_s ({max_age:g} s)")
                batch = [e for e in batch if e not in old]
                if not batch:
                    continue
            first_bad = next((i for i, e in enumerate(batch) if log.fails(e)), None)
            clock += 1.0
            if first_bad is None:
                log.invoke(shard, batch, True, "batch succeeded; checkpoint")
                for e in batch:
                    log.finish(e, "processed")
                continue
            bad = batch[first_bad]
            again = batch[first_bad:] if partial else batch  # what a retry would carry
            exhausted = max_retries is not None and retries >= max_retries
            poison = math.isinf(log.remaining[bad])
            split = bisect and len(again) > 1 and not exhausted
            if exhausted:
                action = "retries exhausted: batch discarded"
            elif poison and max_retries is None and max_age is None and not split:
                action = "retried until the records expire: the shard is blocked"
            elif split:
                action = "error: batch split in two"
            else:
                action = "error: batch retried"
            if partial and first_bad:
                action = f"checkpoint before record {bad}; " + action
            log.invoke(shard, batch, False, action)
            if partial:  # checkpoint up to the failed record; retry from it
                for e in batch[:first_bad]:
                    log.finish(e, "processed")
            batch = again
            if exhausted:
                discard(batch, f"record {bad} failed; {retries} retries exhausted")
            elif action.endswith("blocked"):
                rest = [e for e in batch if log.outcome[e] == "pending"]
                rest += [e for b, _ in work for e in b] + records[start:]
                for e in rest:
                    why = "keeps failing" if e == bad else f"behind record {bad}"
                    log.finish(e, "blocked", f"{why}: the shard is blocked")
                break
            elif split:
                half = (len(batch) + 1) // 2
                work.extendleft([(batch[half:], retries + 1), (batch[:half], retries + 1)])
            else:
                retries += 1
                if poison:  # every attempt until a limit fails the same way: skip ahead
                    skip = _stream_repeats(batch[0], clock, retries, max_retries, max_age)
                    if skip:
                        times = "time" if skip == 1 else "times"
                        log.invoke(shard, batch, False, f"error: batch retried {skip} more {times}")
                        log.deliveries_add(batch, skip - 1)
                        clock += skip
                        retries += skip
                work.appendleft((batch, retries))


def _stream_repeats(
    oldest: int, clock: float, retries: int, max_retries: int | None, max_age: float | None
) -> int:
    """Identical failing attempts of a poison batch before a retry or age limit is reached.

    The batch's next attempt is at ``clock`` with ``retries`` retries counted; the attempt
    that reaches ``max_retries`` is not skipped (it discards the batch), nor is the first
    attempt whose oldest record is older than ``max_age``.
    """
    by_retries = math.inf if max_retries is None else max_retries - retries
    by_age = math.inf if max_age is None else math.floor(max_age - (clock - oldest)) + 1
    return max(0, int(min(by_retries, by_age)))


# --- versions, aliases and CodeDeploy -------------------------------------------------------

_TYPE_NAME = re.compile(
    r"^(?:(?P<canary>Canary)(?P<cp>\d+)Percent(?P<cm>\d+)Minutes?"
    r"|(?P<linear>Linear)(?P<lp>\d+)PercentEvery(?P<lm>\d+)Minutes?"
    r"|(?P<all>AllAtOnce))$"
)


@dataclass(frozen=True)
class DeploymentConfig:
    """A CodeDeploy traffic-shifting configuration for a Lambda alias."""

    name: str
    """The SAM ``DeploymentPreference.Type``, e.g. ``Linear10PercentEvery3Minutes``."""
    kind: Literal["canary", "linear", "all_at_once"]
    percent: int
    """Traffic shifted to the new version in the first step (canary) or each step (linear)."""
    interval_minutes: int
    """Minutes until the second step (canary) or between steps (linear); 0 for AllAtOnce."""

    @property
    def codedeploy_name(self) -> str:
        """The CodeDeploy name, e.g. ``CodeDeployDefault.LambdaCanary10Percent5Minutes``."""
        return CODEDEPLOY_PREFIX + self.name

    def steps(self) -> tuple[tuple[int, int], ...]:
        """(minute, percent on the new version) at each traffic shift, from minute 0.

        Canary: ``percent`` at 0, 100% after one interval. Linear: ``percent`` more every
        interval until 100% (Linear10PercentEvery10Minutes reaches 100% at minute 90; the
        SAM guide rounds the whole deployment to 100 minutes, ten 10-minute steps).
        """
        if self.kind == "all_at_once":
            return ((0, 100),)
        if self.kind == "canary":
            return ((0, self.percent), (self.interval_minutes, 100))
        n = math.ceil(100 / self.percent)
        return tuple(
            (i * self.interval_minutes, min(100, (i + 1) * self.percent)) for i in range(n)
        )

    @property
    def shift_minutes(self) -> int:
        """Minutes from the first shift to 100% on the new version."""
        return self.steps()[-1][0]


def deployment_config(name: str) -> DeploymentConfig:
    """The configuration named ``name``: a SAM type or its CodeDeploy name (with the prefix)."""
    if not isinstance(name, str):
        raise ValueError(f"name must be a deployment type name, got {name!r}")
    short = name.removeprefix(CODEDEPLOY_PREFIX)
    if short not in DEPLOYMENT_TYPES:
        hint = ""
        if short.startswith("Liner"):
            hint = f" (the 2021 notes' typo: it is {'Linear' + short[5:]!r})"
        raise ValueError(f"name must be one of {list(DEPLOYMENT_TYPES)}, got {name!r}{hint}")
    m = _TYPE_NAME.match(short)
    if m is None:  # pragma: no cover - every registered type matches the pattern
        raise ValueError(f"cannot parse deployment type {short!r}")
    if m["all"]:
        return DeploymentConfig(short, "all_at_once", 100, 0)
    if m["canary"]:
        return DeploymentConfig(short, "canary", int(m["cp"]), int(m["cm"]))
    return DeploymentConfig(short, "linear", int(m["lp"]), int(m["lm"]))


def deployment_configs() -> tuple[DeploymentConfig, ...]:
    """Every SAM deployment type, in the registry's order."""
    return tuple(deployment_config(t) for t in DEPLOYMENT_TYPES)


@dataclass(frozen=True)
class Deployment:
    """One CodeDeploy deployment of a new version behind an alias."""

    config: DeploymentConfig
    status: Literal["succeeded", "rolled_back", "pre_traffic_failed"]
    timeline: pd.DataFrame
    """One row per change: ``minute``, ``new_percent`` (after the change) and ``event``."""
    ends_at: int
    """Minute the deployment ended (succeeded, rolled back or stopped)."""

    def new_percent_at(self, minutes: object) -> np.ndarray:
        """Percent of traffic on the new version at each of ``minutes`` (a step function)."""
        t = np.atleast_1d(np.asarray(minutes, dtype=float))
        if not np.all(np.isfinite(t)) or np.any(t < 0):
            raise ValueError("minutes must all be finite and >= 0")
        stamps = self.timeline["minute"].to_numpy(dtype=float)
        weights = self.timeline["new_percent"].to_numpy(dtype=float)
        # The last change at or before t holds (changes at the same minute: the last wins).
        i = np.searchsorted(stamps, t, side="right") - 1
        return np.where(i >= 0, weights[np.maximum(i, 0)], 0.0)


def deploy(
    config: DeploymentConfig | str,
    *,
    alarm_at_minute: float | None = None,
    pre_traffic_ok: bool = True,
    post_traffic_ok: bool = True,
) -> Deployment:
    """Shift an alias from the old version to the new one as ``config`` says.

    The pre-traffic hook runs first (its failure stops the deployment before any traffic
    moves); then the shifts; then the post-traffic hook. A CloudWatch alarm that fires at
    ``alarm_at_minute`` while the deployment runs (up to and including the post-traffic
    hook, modelled as instant) rolls the alias back to 100% on the old version; an alarm
    after the end changes nothing (the deployment already succeeded).
    """
    cfg = deployment_config(config) if isinstance(config, str) else config
    if not isinstance(cfg, DeploymentConfig):
        raise ValueError(f"config must be a DeploymentConfig or a type name, got {config!r}")
    flag("pre_traffic_ok", pre_traffic_ok)
    flag("post_traffic_ok", post_traffic_ok)
    alarm = None
    if alarm_at_minute is not None:
        alarm = number("alarm_at_minute", alarm_at_minute, 0.0, 10_000.0)
    rows: list[tuple[float, int, str]] = [(0, 0, "pre-traffic hook runs")]
    if not pre_traffic_ok:
        rows.append((0, 0, "pre-traffic hook failed: no traffic shifted"))
        return _deployment(cfg, "pre_traffic_failed", rows, 0)
    end = cfg.shift_minutes
    for minute, percent in cfg.steps():
        if alarm is not None and alarm < minute:
            break
        rows.append((minute, percent, f"{percent}% to the new version"))
    if alarm is not None and alarm <= end:
        rows.append((alarm, 0, "alarm: rolled back to the old version"))
        return _deployment(cfg, "rolled_back", rows, alarm)
    if not post_traffic_ok:
        rows.append((end, 0, "post-traffic hook failed: rolled back"))
        return _deployment(cfg, "rolled_back", rows, end)
    rows.append((end, 100, "post-traffic hook passed: deployment succeeded"))
    return _deployment(cfg, "succeeded", rows, end)


def _deployment(cfg: DeploymentConfig, status: str, rows: list, end: float) -> Deployment:
    timeline = pd.DataFrame(rows, columns=["minute", "new_percent", "event"])
    return Deployment(config=cfg, status=status, timeline=timeline, ends_at=end)


def requests_to_new_version(
    deployment: Deployment, requests_per_minute: float, until_minute: float | None = None
) -> float:
    """Requests the new version serves from minute 0 to ``until_minute`` at a steady rate.

    ``until_minute`` defaults to the end of the deployment: with a rollback, the requests
    exposed to the new version before it; with success, those of the traffic shift.
    """
    rate = number("requests_per_minute", requests_per_minute, 0.0, math.inf)
    end = float(deployment.ends_at) if until_minute is None else until_minute
    end = number("until_minute", end, 0.0, math.inf)
    stamps = deployment.timeline["minute"].to_numpy(dtype=float)
    weights = deployment.timeline["new_percent"].to_numpy(dtype=float)
    edges = np.r_[np.clip(stamps, 0, end), end]
    return float(rate * np.sum(np.diff(edges) * weights) / 100)


def route_invocations(new_percent: float, invocations: int, *, seed: int = 0) -> tuple[int, int]:
    """How a weighted alias splits ``invocations``: (to the old version, to the new one).

    Each invocation goes to the new version with probability ``new_percent`` / 100,
    independently (seeded): an alias weight is a probability, not an exact split.
    """
    p = number("new_percent", new_percent, 0.0, 100.0) / 100
    n = integer("invocations", invocations, 0)
    integer("seed", seed, 0)
    new = int(np.random.default_rng(seed).binomial(n, p))
    return n - new, new
