"""A sudden spike: the request rate jumps tenfold (by default) for ten minutes; what each
architecture serves, drops or queues, minute by minute.

Each part is a topic model: Lambda's concurrency and scaling rate
(``lambda_.simulate_concurrency``, second by second), API Gateway's account throttle
(``api_gateway.simulate``), and the Auto Scaling group simulator (``auto_scaling.simulate``,
target tracking at 50 % CPU) for instances and, with a one-minute start, for container tasks
(ECS service auto scaling also tracks a target). What is the model's own: requests above
the capacity of the servers are dropped (the load balancer returns 5xx); the single instance
and the DNS fleet do not scale; the queue keeps what the workers cannot take yet and they
drain it later (workers scale on arrivals). Load balancers are assumed to keep up (an ALB
scales on its own; reserve LCUs ahead of a known event).

The rate is piecewise constant, so the second-by-second models run on two minutes only (a
minute at the base rate, then one at the spike rate): every later spike minute repeats the
first spike minute's last 30 seconds (Lambda adds 1,000 environments per 10 seconds, so it
has reached its ceiling by then), and the base minutes after the spike repeat the first
(the environments are warm and API Gateway's bucket refills within a second or two).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from aws_compute_course import pricing
from aws_compute_course.topics import api_gateway, auto_scaling, lambda_
from aws_compute_course.topics.architectures import catalog
from aws_compute_course.topics.architectures.cost import servers_needed
from aws_compute_course.validate import integer, number

MINUTES = 30
BLOCK_ABOVE = 400
SPIKE_START = 5


@dataclass(frozen=True, eq=False)
class SpikeRun:
    """Per minute: arrivals, served and dropped (requests/s), and the queue (messages)."""

    architecture: str
    arrivals: np.ndarray
    served: np.ndarray
    dropped: np.ndarray
    queued: np.ndarray

    @property
    def dropped_percent(self) -> float:
        total = float(self.arrivals.sum())
        return 100 * float(self.dropped.sum()) / total if total else 0.0

    @property
    def max_queue(self) -> float:
        return float(self.queued.max())


def arrivals(base_rps: float, factor: float, spike_minutes: int = 10) -> np.ndarray:
    """Requests per second, minute by minute: ``base_rps``, then ``factor`` times it."""
    base = number("base_rps", base_rps, 0.0, 1e6, low_open=True)
    f = number("factor", factor, 1.0, 100.0)
    n = integer("spike_minutes", spike_minutes, 1, MINUTES - SPIKE_START)
    rates = np.full(MINUTES, base)
    rates[SPIKE_START : SPIKE_START + n] *= f
    return rates


def _group_run(rates: np.ndarray, per_server_rps: float, launch: int) -> np.ndarray:
    """Capacity (requests/s) of a target-tracking group over the window. Past
    ``BLOCK_ABOVE`` servers at the peak, one simulated instance stands for a block of
    servers (the group's limit is 1,000 instances): only the steps get coarser."""
    peak = float(servers_needed(rates.max(), 1000 / per_server_rps, 1.0))
    per_server_rps *= max(1, math.ceil(peak / BLOCK_ABOVE))
    start = int(servers_needed(rates[0], 1000 / per_server_rps, 1.0))
    group = auto_scaling.Group(
        min_size=catalog.MIN_SERVERS,
        max_size=auto_scaling.policies.MAX_GROUP,
        desired=start,
        capacity_per_instance=per_server_rps,
        launch_minutes=launch,
        warmup_minutes=launch,
        hourly_price=pricing.on_demand_hourly(catalog.INSTANCE_TYPE).price,
        policy=auto_scaling.TargetTracking(
            target=catalog.TARGET_UTILISATION * 100, scale_out_minutes=1
        ),
    )
    return auto_scaling.simulate(rates, group).capacity


def _levels(per_minute_means: np.ndarray, rates: np.ndarray) -> np.ndarray:
    """Spread three simulated minutes (base, first spike, later spike) over the window."""
    out = np.full(MINUTES, per_minute_means[0])
    spiking = np.flatnonzero(rates > rates[0])
    if spiking.size:
        out[spiking] = per_minute_means[2]
        out[spiking[0]] = per_minute_means[1]
    return out


def _three(per_second: np.ndarray) -> np.ndarray:
    """Base minute, first spike minute, and a later spike minute (the last 30 s)."""
    return np.array([per_second[:60].mean(), per_second[60:].mean(), per_second[90:].mean()])


def _lambda_served(per_second: np.ndarray, duration_ms: float) -> np.ndarray:
    run = lambda_.simulate_concurrency(per_second, duration_ms)
    return _three(per_second - run.throttled)


@lru_cache(maxsize=256)
def spike_response(
    base_rps: float,
    factor: float,
    duration_ms: float,
    cpu_percent: float = 25.0,
    spike_minutes: int = 10,
) -> dict[str, SpikeRun]:
    """Every architecture's minute-by-minute response to the spike."""
    rates = arrivals(base_rps, factor, spike_minutes)
    duration = number("duration_ms", duration_ms, 1.0, lambda_.TIMEOUT_MAX_MS)
    cpu_ms = duration * number("cpu_percent", cpu_percent, 0.0, 100.0, low_open=True) / 100
    spike_rate = rates.max()
    per_second = np.repeat([rates[0], spike_rate], 60)
    throttle = api_gateway.simulate({"all": np.round(per_second).astype(np.int64)})
    through_api = throttle.served[0].astype(float)
    api_dropped = _levels(_three(per_second - through_api), rates)
    lam_direct = _levels(_lambda_served(per_second, duration), rates)
    lam_api = _levels(_lambda_served(through_api, duration), rates)
    inst_rps = catalog.INSTANCE_VCPU * 1000 / cpu_ms
    task_rps = catalog.TASK_CPU / 1024 * 1000 / cpu_ms
    ec2_cap = _group_run(rates, inst_rps, catalog.LAUNCH_MINUTES["ec2"])
    task_cap = _group_run(rates, task_rps, catalog.LAUNCH_MINUTES["task"])
    peak_fleet = float(servers_needed(rates[0], cpu_ms, catalog.INSTANCE_VCPU)) * inst_rps
    served = {
        "ec2_eip": np.minimum(rates, inst_rps),
        "dns_fleet": np.minimum(rates, peak_fleet),
        "asg_alb": np.minimum(rates, ec2_cap),
        "asg_spot_alb": np.minimum(rates, ec2_cap),
        "ecs_ec2_alb": np.minimum(rates, ec2_cap),
        "fargate_alb": np.minimum(rates, task_cap),
        "lambda_alb": lam_direct,
        "lambda_rest": lam_api,
        "lambda_http": lam_api,
        "apigw_fargate": np.minimum(rates - api_dropped, task_cap),
    }
    out = {a: SpikeRun(a, rates, s, rates - s, np.zeros(MINUTES)) for a, s in served.items()}
    accepted = rates - api_dropped
    backlog, done, queue = 0.0, np.empty(MINUTES), np.empty(MINUTES)
    for m in range(MINUTES):
        work = accepted[m] * 60 + backlog
        done[m] = min(work, task_cap[m] * 60) / 60
        backlog = work - done[m] * 60
        queue[m] = backlog
    out["apigw_sqs"] = SpikeRun("apigw_sqs", rates, done, api_dropped, queue)
    return {a: out[a] for a in catalog.IDS}
