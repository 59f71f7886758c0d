"""Which limits a workload breaks on each architecture, with the fact behind each.

A verdict per check: ``fits``; ``fits at a cost`` (a soft quota to raise, or a feature to
add and pay for: provisioned concurrency, LCU reservation, external session state); or
``breaks`` (a hard limit, or a requirement the pattern cannot meet). Every limit is read
from the topic that owns it; the checks that call a model (API Gateway's timeout and
payload) use it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from aws_compute_course import facts
from aws_compute_course.topics import api_gateway, lambda_, route53
from aws_compute_course.topics.architectures import catalog
from aws_compute_course.topics.architectures.cost import servers_needed
from aws_compute_course.topics.architectures.workload import SECONDS_PER_MONTH, Workload
from aws_compute_course.validate import choice

VERDICTS = ("fits", "fits at a cost", "breaks")
KB_PER_MB = 1024
LAMBDA_TIMEOUT_MS = lambda_.TIMEOUT_MAX_MS
LAMBDA_SYNC_MB = facts.integer("lambda.payload_sync_mb")
LAMBDA_CONCURRENCY = lambda_.CONCURRENCY_DEFAULT
ALB_LAMBDA_MB = facts.integer("load_balancers.alb_lambda_request_max_mb")
ALB_LAMBDA_RESPONSE_MB = facts.integer("load_balancers.alb_lambda_response_max_mb")
APIGW_RPS = facts.integer("api_gateway.account_rate_rps")
SQS_MAX_KB = facts.integer("architectures.sqs_message_max_kib")
MULTIVALUE_MAX = route53.MULTIVALUE_MAX


@dataclass(frozen=True)
class Check:
    """One limit or requirement checked: what, the verdict, why, and the fact key."""

    limit: str
    verdict: str
    detail: str
    fact: str = ""


@dataclass(frozen=True)
class Fit:
    """An architecture against a workload: the worst verdict and every check not ``fits``."""

    architecture: str
    checks: tuple[Check, ...]

    @property
    def verdict(self) -> str:
        worst = max((VERDICTS.index(c.verdict) for c in self.checks), default=0)
        return VERDICTS[worst]

    @property
    def broken(self) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if c.verdict == "breaks")


def _api_gateway(api: str, w: Workload, *, backend_waits: bool = True) -> list[Check]:
    out = []
    mb = w.request_kb / KB_PER_MB
    if not api_gateway.payload_fits(mb):
        out.append(
            Check(
                "payload",
                "breaks",
                f"a {mb:,.1f} MB request is over API Gateway's "
                f"{api_gateway.access.PAYLOAD_MAX_MB} MB payload (413): upload to S3 with a "
                "presigned URL",
                "api_gateway.payload_max_mb",
            )
        )
    ok, why = api_gateway.check_timeout(api, "Regional", math.ceil(w.duration_ms))
    if backend_waits and not ok:
        raisable = api == "REST" and "quota increase" in why
        out.append(
            Check(
                "timeout",
                "fits at a cost" if raisable else "breaks",
                f"a {w.duration_ms / 1000:,.1f} s request: {why}",
                "api_gateway.rest_timeout_default_s"
                if api == "REST"
                else "api_gateway.http_timeout_s",
            )
        )
    if w.peak_rps > APIGW_RPS:
        out.append(
            Check(
                "throttle",
                "fits at a cost",
                f"a peak of {w.peak_rps:,.0f} requests/s "
                f"is over the account's {APIGW_RPS:,} requests/s: ask for a higher quota",
                "api_gateway.account_rate_rps",
            )
        )
    return out


def _lambda(w: Workload, front: str) -> list[Check]:
    out = []
    if w.duration_ms > LAMBDA_TIMEOUT_MS:
        out.append(
            Check(
                "timeout",
                "breaks",
                f"{w.duration_ms / 1000:,.0f} s is over Lambda's "
                f"{LAMBDA_TIMEOUT_MS // 1000} s timeout",
                "lambda.timeout_max_seconds",
            )
        )
        return out
    if front == "ALB":
        for kb, mb, what, key in (
            (w.request_kb, ALB_LAMBDA_MB, "request", "load_balancers.alb_lambda_request_max_mb"),
            (
                w.response_kb,
                ALB_LAMBDA_RESPONSE_MB,
                "response",
                "load_balancers.alb_lambda_response_max_mb",
            ),
        ):
            if kb > mb * KB_PER_MB:
                out.append(
                    Check(
                        "payload",
                        "breaks",
                        f"a {kb:,.0f} KB {what} is over the ALB's {mb} MB limit for Lambda targets",
                        key,
                    )
                )
    elif w.response_kb > LAMBDA_SYNC_MB * KB_PER_MB:
        out.append(
            Check(
                "payload",
                "breaks",
                f"a {w.response_kb:,.0f} KB response is over "
                f"Lambda's {LAMBDA_SYNC_MB} MB synchronous payload",
                "lambda.payload_sync_mb",
            )
        )
    need = lambda_.required_concurrency(w.peak_rps, w.duration_ms)
    if need > LAMBDA_CONCURRENCY:
        out.append(
            Check(
                "concurrency",
                "fits at a cost",
                f"the peak needs {need:,.0f} concurrent "
                f"executions, over the default {LAMBDA_CONCURRENCY:,}: raise the quota",
                "lambda.concurrency_default",
            )
        )
    if w.init_ms + w.duration_ms > w.latency_ms:
        out.append(
            Check(
                "latency",
                "fits at a cost",
                f"a cold start ({w.init_ms:,.0f} ms INIT + "
                f"{w.duration_ms:,.0f} ms) misses the {w.latency_ms:,.0f} ms objective: "
                "pay for provisioned concurrency (or SnapStart)",
                "lambda.cold_start_percent",
            )
        )
    if w.stateful:
        out.append(
            Check(
                "state",
                "fits at a cost",
                "no session affinity across execution "
                "environments: keep state in DynamoDB or ElastiCache",
            )
        )
    return out


def _servers(a: catalog.Architecture, w: Workload) -> list[Check]:
    out = []
    vcpu = catalog.INSTANCE_VCPU if a.compute.startswith("ec2") or a.compute == "ecs_ec2" else 0.5
    peak = int(servers_needed(w.peak_rps, w.cpu_ms, vcpu))
    one_instance_rps = catalog.INSTANCE_VCPU * 1000 / w.cpu_ms
    if a.compute == "ec2_fixed" and w.peak_rps > one_instance_rps:
        out.append(
            Check(
                "capacity",
                "breaks",
                f"a peak of {w.peak_rps:,.0f} requests/s is over "
                f"one instance's {one_instance_rps:,.0f} at full CPU, and a standby "
                "does not add capacity",
            )
        )
    if a.compute == "ec2_peak" and peak > MULTIVALUE_MAX:
        out.append(
            Check(
                "capacity",
                "fits at a cost",
                f"{peak} instances: a multivalue answer "
                f"returns at most {MULTIVALUE_MAX} healthy records, and clients keep "
                "answers for the TTL",
                "route53.multivalue_max_records",
            )
        )
    if a.front.startswith("ALB") and w.shape == "spiky":
        out.append(
            Check(
                "spike",
                "fits at a cost",
                "a sudden spike: reserve ALB capacity (LCU reservation) ahead of it",
                "architectures.alb_lcu_reservation",
            )
        )
    if a.compute in ("ec2_asg", "ec2_spot", "ecs_ec2") and w.shape == "spiky":
        out.append(
            Check(
                "scaling lag",
                "fits at a cost",
                f"instances take about "
                f"{catalog.LAUNCH_MINUTES['ec2']} minutes to serve: keep headroom, a warm "
                "pool or scheduled/predictive scaling",
            )
        )
    if a.compute == "ec2_spot" and not w.interruptible:
        out.append(
            Check(
                "interruption",
                "breaks",
                "work that cannot be interrupted must not run on Spot (two-minute notice)",
                "spot.interruption_notice_minutes",
            )
        )
    if w.stateful and a.compute != "queue":
        out.append(
            Check(
                "state",
                "fits at a cost",
                "in-memory sessions: sticky sessions or an external session store",
            )
        )
    return out


def check(architecture: str, w: Workload) -> Fit:
    """Every limit ``w`` meets on ``architecture``."""
    choice("architecture", architecture, catalog.IDS)
    if not isinstance(w, Workload):
        raise ValueError(f"w must be a Workload, got {w!r}")
    a = catalog.BY_ID[architecture]
    checks: list[Check] = []
    if a.front.startswith("API Gateway"):
        api = "REST" if "REST" in a.front else "HTTP"
        checks += _api_gateway(api, w, backend_waits=a.compute != "queue")
    if a.compute == "lambda":
        checks += _lambda(w, a.front)
    else:
        checks += _servers(a, w)
    if a.compute == "queue":
        if w.sync:
            checks.append(
                Check(
                    "synchronous",
                    "breaks",
                    "the caller waits for the result; "
                    "API Gateway → SQS answers only with the message ID",
                )
            )
        if w.request_kb > SQS_MAX_KB:
            checks.append(
                Check(
                    "payload",
                    "breaks",
                    f"a {w.request_kb:,.0f} KB request is over "
                    f"the SQS message limit ({SQS_MAX_KB:,} KiB), whatever API "
                    "Gateway accepts",
                    "architectures.sqs_message_max_kib",
                )
            )
    return Fit(architecture, tuple(checks))


def max_volume(architecture: str, w: Workload) -> float:
    """The monthly volume above which ``architecture`` breaks for lack of capacity
    (infinite for every pattern that scales; only the single instance does not)."""
    choice("architecture", architecture, catalog.IDS)
    if catalog.BY_ID[architecture].compute != "ec2_fixed":
        return math.inf
    one_instance_rps = catalog.INSTANCE_VCPU * 1000 / w.cpu_ms
    return one_instance_rps / float(w.profile.max()) * SECONDS_PER_MONTH


def check_all(w: Workload) -> dict[str, Fit]:
    """Every architecture's fit, in catalog order."""
    return {a: check(a, w) for a in catalog.IDS}
