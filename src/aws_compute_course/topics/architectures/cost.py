"""What each architecture costs a month for a workload, line by line with the price basis of
every figure, and the cost curves over monthly volume with their break-even points.

Every price comes from a topic model or the snapshot: Lambda from
``lambda_.monthly_cost`` (INIT billed for the cold-start share the Lambda facts give as an
upper bound), API Gateway from ``api_gateway.rest_cost``/``http_cost`` (tiered), the ALB from
``load_balancers.cost.alb_bill``, Fargate from ``ecs_fargate.fargate_hourly``, ECS on EC2
instances from ``ecs_fargate.instances_needed``, the mixed group's Spot share from
``auto_scaling.SpotMix``, EC2 On-Demand from the snapshot and Spot from the EC2 price book
(illustrative). SQS requests from the snapshot (``sqs.standard.per_million``).

The model's own assumptions (AWS publishes none of these): a request keeps one vCPU busy for
its CPU time (``Workload.cpu_ms``), so a server of ``v`` vCPUs serves ``v x 1000 / cpu_ms``
requests a second at 100 % CPU, while Lambda bills the whole duration; groups and services
track 50 % CPU without lag (the steady state of target tracking; :mod:`.spike` has the lag);
at least two servers (queue workers: the hour's average at 90 % CPU); ALB traffic of
10 requests per connection held 20 s, and 5 rules per
request (every ALB LCU dimension then grows in proportion to the request rate, so the LCU
model is evaluated at 1 request a second and scaled; likewise Lambda's bill without the free
tier is proportional to the requests and their cold starts, so ``lambda_.monthly_cost`` is
taken for a million and scaled); free tiers left out; a month is 30 days. A request longer
than Lambda's timeout has no Lambda cost (NaN): it cannot run there.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from aws_compute_course import facts, pricing
from aws_compute_course.topics import api_gateway, auto_scaling, ec2, ecs_fargate, lambda_
from aws_compute_course.topics import load_balancers as lb
from aws_compute_course.topics.architectures import catalog
from aws_compute_course.topics.architectures.workload import DAYS_PER_MONTH, Workload
from aws_compute_course.validate import choice, integer

HOURS_PER_MONTH = DAYS_PER_MONTH * 24
REQUESTS_PER_CONNECTION = 10
CONNECTION_SECONDS = 20
RULES_PER_REQUEST = 5
COLD_START_SHARE = facts.number("lambda.cold_start_percent") / 100
SQS_CHUNK_KB = facts.integer("architectures.sqs_billing_chunk_kib") * 1.024
SPOT_MIX = auto_scaling.SpotMix(on_demand_base=catalog.MIN_SERVERS, on_demand_percent=25)
STEPS = (1, 5, 15, 60)
"""Allowed time steps (minutes) of the sizing: 1 for a bill, 15 for fast curves."""


@dataclass(frozen=True)
class Line:
    """One line of a bill: what, USD a month, and the price basis."""

    item: str
    usd: float
    basis: str


@dataclass(frozen=True)
class Cost:
    """An architecture's monthly bill for a workload."""

    architecture: str
    lines: tuple[Line, ...]

    @property
    def total(self) -> float:
        return sum(line.usd for line in self.lines)


@lru_cache(maxsize=1)
def _rates() -> dict[str, float]:
    task = ecs_fargate.task_size(catalog.TASK_CPU, catalog.TASK_MEMORY)
    book = ec2.price_book(catalog.INSTANCE_TYPE)
    return {
        "od": pricing.on_demand_hourly(catalog.INSTANCE_TYPE).price,
        "spot": book.rates["spot"].hourly,
        "task": ecs_fargate.fargate_hourly(task),
        "sqs": pricing.price("sqs.standard.per_million").price / 1e6,
        "per_instance": ecs_fargate.tasks_per_instance(
            catalog.TASK_CPU, catalog.TASK_MEMORY, catalog.INSTANCE_TYPE
        ),
    }


@lru_cache(maxsize=64)
def alb_per_rps(kb_per_request: float, lambda_targets: bool) -> tuple[float, float, float]:
    """(fixed USD/hour, LCUs per request/s, USD per LCU-hour) from the load balancer model."""
    traffic = lb.cost.Traffic(
        1.0,
        REQUESTS_PER_CONNECTION,
        CONNECTION_SECONDS,
        kb_per_request,
        RULES_PER_REQUEST,
        lambda_targets,
    )
    bill = lb.cost.alb_bill(traffic)
    return bill.hourly_fixed, bill.units.billed, bill.unit_price


def servers_needed(
    rps: np.ndarray, cpu_ms: float, vcpu: float, target: float = catalog.TARGET_UTILISATION
) -> np.ndarray:
    """Servers of ``vcpu`` vCPUs that keep ``rps`` at the ``target`` CPU (at least two)."""
    busy_vcpu = np.asarray(rps, dtype=float) * cpu_ms / 1000
    need = np.ceil(busy_vcpu / (vcpu * target) - 1e-9)
    return np.maximum(need, catalog.MIN_SERVERS)


def _mapped(values: np.ndarray, fn) -> np.ndarray:
    """``fn`` applied to each distinct value of an integer array (a topic model per count)."""
    uniq, inverse = np.unique(values.astype(np.int64), return_inverse=True)
    return np.array([fn(int(u)) for u in uniq], dtype=float)[inverse].reshape(values.shape)


@lru_cache(maxsize=4096)
def _ecs_instances(tasks: int) -> int:
    return (
        ecs_fargate.instances_needed(
            min(tasks, ecs_fargate.fargate.MAX_TASKS),
            _rates()["per_instance"],
            catalog.PACKING,
            catalog.MIN_SERVERS,
        )
        + max(0, tasks - ecs_fargate.fargate.MAX_TASKS) // _rates()["per_instance"]
    )


@lru_cache(maxsize=4096)
def _spot_share(size: int) -> int:
    return SPOT_MIX.spot_share(size)


def _profile_steps(w: Workload, step: int) -> np.ndarray:
    p = w.profile
    pad = (-p.size) % step
    if pad:
        p = np.concatenate([p, np.full(pad, p[-pad:].mean())])
    return p.reshape(-1, step).mean(axis=1)


def _hourly(p: np.ndarray, step: int) -> np.ndarray:
    per_hour = 60 // step
    pad = (-p.size) % per_hour
    q = np.concatenate([p, np.full(pad, p.mean())]) if pad else p
    return np.repeat(q.reshape(-1, per_hour).mean(axis=1), per_hour)[: p.size]


def breakdown(w: Workload, volumes: np.ndarray, step: int = 1) -> dict[str, dict[str, np.ndarray]]:
    """Architecture id -> bill line -> USD a month at each monthly request ``volumes``."""
    if not isinstance(w, Workload):
        raise ValueError(f"w must be a Workload, got {w!r}")
    choice("step", step, STEPS)
    vols = np.atleast_1d(np.asarray(volumes, dtype=float))
    if vols.ndim != 1 or not np.all(np.isfinite(vols)) or np.any(vols < 0) or np.any(vols > 1e11):
        raise ValueError("volumes must be a 1-D array of monthly requests within 0..1e11")
    r = _rates()
    prof = _profile_steps(w, step)
    mean_rps = vols / (DAYS_PER_MONTH * 86_400)
    rps = mean_rps[:, None] * prof[None, :]
    hours = HOURS_PER_MONTH / prof.size  # each step's share of the month, in hours
    vcpu, task_vcpu = catalog.INSTANCE_VCPU, catalog.TASK_CPU / 1024
    ec2_n = servers_needed(rps, w.cpu_ms, vcpu)
    tasks = servers_needed(rps, w.cpu_ms, task_vcpu)
    queue_tasks = servers_needed(
        mean_rps[:, None] * _hourly(prof, step)[None, :],
        w.cpu_ms,
        task_vcpu,
        catalog.QUEUE_UTILISATION,
    )
    kb = w.request_kb + w.response_kb
    fixed, lcu, lcu_price = alb_per_rps(round(kb, 6), False)
    lfixed, llcu, _ = alb_per_rps(round(kb, 6), True)
    alb = fixed * HOURS_PER_MONTH + lcu * mean_rps * lcu_price * HOURS_PER_MONTH
    alb_lambda = lfixed * HOURS_PER_MONTH + llcu * mean_rps * lcu_price * HOURS_PER_MONTH
    per_million = math.nan
    if w.duration_ms <= lambda_.TIMEOUT_MAX_MS:
        per_million = lambda_.monthly_cost(
            w.memory_mb,
            w.duration_ms,
            1_000_000,
            init_ms=w.init_ms,
            cold_starts=round(1_000_000 * COLD_START_SHARE),
        ).total
    lam = vols / 1e6 * per_million
    rest = np.array([api_gateway.rest_cost(v) for v in vols])
    http = np.array([api_gateway.http_cost(v) for v in vols])
    chunks = max(1, math.ceil(w.request_kb / SQS_CHUNK_KB))
    sqs = vols * chunks * (1 + 2 / catalog.WORKER_BATCH) * r["sqs"]
    sizes = ec2_n
    spot_n = _mapped(sizes, _spot_share)
    ecs_n = _mapped(tasks, _ecs_instances)
    return {
        "ec2_eip": {
            "EC2 On-Demand (active + standby)": np.full(vols.size, 2 * r["od"]) * HOURS_PER_MONTH
        },
        "dns_fleet": {
            "EC2 On-Demand (sized for the peak)": ec2_n.max(axis=1) * r["od"] * HOURS_PER_MONTH
        },
        "asg_alb": {"EC2 On-Demand": ec2_n.sum(axis=1) * hours * r["od"], "ALB": alb},
        "asg_spot_alb": {
            "EC2 On-Demand part": (sizes - spot_n).sum(axis=1) * hours * r["od"],
            "EC2 Spot part (illustrative)": spot_n.sum(axis=1) * hours * r["spot"],
            "ALB": alb,
        },
        "ecs_ec2_alb": {
            "EC2 On-Demand (container instances)": ecs_n.sum(axis=1) * hours * r["od"],
            "ALB": alb,
        },
        "fargate_alb": {"Fargate tasks": tasks.sum(axis=1) * hours * r["task"], "ALB": alb},
        "lambda_alb": {"Lambda": lam, "ALB (Lambda targets)": alb_lambda},
        "lambda_rest": {"Lambda": lam, "API Gateway REST": rest},
        "lambda_http": {"Lambda": lam, "API Gateway HTTP": http},
        "apigw_sqs": {
            "API Gateway REST": rest,
            "SQS requests": sqs,
            "Fargate workers (hourly average)": queue_tasks.sum(axis=1) * hours * r["task"],
        },
        "apigw_fargate": {
            "API Gateway HTTP": http,
            "ALB": alb,
            "Fargate tasks": tasks.sum(axis=1) * hours * r["task"],
        },
    }


BASIS = {
    "EC2": "ec2.on_demand." + catalog.INSTANCE_TYPE,
    "Spot": "EC2 price book Spot rate (synthetic prices, illustrative)",
    "Fargate": "fargate.vcpu.x86 + fargate.memory.x86",
    "ALB": "elb.alb.hour + elb.alb.lcu_hour (LCUs from load_balancers.cost)",
    "Lambda": "lambda.requests + lambda.duration.x86 (lambda_.monthly_cost)",
    "API Gateway REST": "apigw.rest.per_million (tiered)",
    "API Gateway HTTP": "apigw.http.per_million (tiered)",
    "SQS": "sqs.standard.per_million (each 64 KiB chunk one request)",
}


def _basis(item: str) -> str:
    for key, text in BASIS.items():
        if key in item and not (key == "EC2" and "Spot" in item):
            return text
    return BASIS["Spot"]


def monthly_costs(w: Workload) -> dict[str, Cost]:
    """Every architecture's bill for ``w`` (one sizing pass for all of them)."""
    parts = breakdown(w, np.array([w.requests_per_month]))
    return {
        a: Cost(a, tuple(Line(item, float(usd[0]), _basis(item)) for item, usd in p.items()))
        for a, p in parts.items()
    }


def monthly_cost(architecture: str, w: Workload) -> Cost:
    """The month's bill of ``architecture`` for ``w``, one line per priced part."""
    choice("architecture", architecture, catalog.IDS)
    return monthly_costs(w)[architecture]


def cost_curves(w: Workload, volumes: np.ndarray, step: int = 15) -> dict[str, np.ndarray]:
    """Architecture id -> total USD a month at each of ``volumes`` (sizing in ``step``-minute
    averages: 15 is within a few per cent of the one-minute bill and many times faster)."""
    return {a: sum(parts.values()) for a, parts in breakdown(w, volumes, step).items()}


def volume_grid(low: float = 1e5, high: float = 1e10, points: int = 41) -> np.ndarray:
    """Monthly volumes spaced evenly on a log scale."""
    integer("points", points, 2, 1000)
    if not (0 < low < high <= 1e11):
        raise ValueError(f"low and high must satisfy 0 < low < high <= 1e11, got {low}, {high}")
    return np.logspace(math.log10(low), math.log10(high), points)


def break_even(volumes: np.ndarray, cost_a: np.ndarray, cost_b: np.ndarray) -> list[float]:
    """Volumes where two cost curves cross (log-linear interpolation between grid points)."""
    v, a, b = (np.asarray(x, dtype=float) for x in (volumes, cost_a, cost_b))
    if not (v.ndim == a.ndim == b.ndim == 1 and v.size == a.size == b.size >= 2):
        raise ValueError("volumes, cost_a and cost_b must be 1-D arrays of the same length >= 2")
    if np.any(v <= 0) or np.any(np.diff(v) <= 0):
        raise ValueError("volumes must be positive and increasing")
    d = a - b
    out = []
    for i in range(d.size - 1):
        if d[i] == 0:
            out.append(float(v[i]))
        elif d[i] * d[i + 1] < 0:
            t = d[i] / (d[i] - d[i + 1])
            out.append(float(10 ** (np.log10(v[i]) + t * (np.log10(v[i + 1]) - np.log10(v[i])))))
    if d[-1] == 0:
        out.append(float(v[-1]))
    return out
