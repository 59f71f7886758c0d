"""What a load balancer costs: capacity units per dimension, the one billed, and the bill.

An ALB is billed per hour plus per LCU-hour, where the LCUs of an hour are those of its
**highest** dimension (new connections, active connections, processed bytes, rule
evaluations). An NLB is billed the same way in NLCUs over its three dimensions (the model
uses the TCP figures). The figures come from the topic's facts and the price snapshot
(``elb.*`` keys, us-east-1). A month is taken as ``HOURS_PER_MONTH`` hours (the model's
convention, as in AWS's own examples of 730 hours).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from aws_compute_course import validate
from aws_compute_course.facts import integer, number
from aws_compute_course.pricing import price

HOURS_PER_MONTH = 730

ALB_DIMENSIONS = ("new connections", "active connections", "processed bytes", "rule evaluations")
NLB_DIMENSIONS = ("new flows", "active flows", "processed bytes")

LCU_NEW_PER_S = number("load_balancers.lcu_new_connections_per_s")
LCU_ACTIVE = number("load_balancers.lcu_active_connections")
LCU_GB_PER_H = number("load_balancers.lcu_processed_gb_per_h")
LCU_GB_PER_H_LAMBDA = number("load_balancers.lcu_processed_gb_per_h_lambda")
LCU_RULES_PER_S = number("load_balancers.lcu_rule_evaluations_per_s")
FREE_RULES = integer("load_balancers.lcu_free_rules")
NLCU_NEW_PER_S = number("load_balancers.nlcu_tcp_new_flows_per_s")
NLCU_ACTIVE = number("load_balancers.nlcu_tcp_active_flows")
NLCU_GB_PER_H = number("load_balancers.nlcu_processed_gb_per_h")
RESERVATION_MBPS_PER_LCU = number("load_balancers.lcu_reservation_nlb_mbps")
ALB_RESERVED_LCU_MAX = integer("load_balancers.alb_reserved_lcu_max")


@dataclass(frozen=True)
class CapacityUnits:
    """Capacity units per dimension for one hour of traffic, and which one is billed."""

    kind: str
    """``"ALB"`` (LCUs) or ``"NLB"`` (NLCUs)."""
    per_dimension: dict[str, float]

    @property
    def billed(self) -> float:
        """The units billed for the hour: the highest dimension's."""
        return max(self.per_dimension.values())

    @property
    def dominant(self) -> str:
        """The dimension that sets the bill (the first one on a tie)."""
        return max(self.per_dimension, key=lambda d: self.per_dimension[d])


def rule_evaluations_per_s(requests_per_s: float, rules_processed: int) -> float:
    """Rule evaluations per second: the request rate times the rules processed per request
    beyond the free ones (``FREE_RULES``)."""
    rate = validate.number("requests_per_s", requests_per_s, 0.0)
    rules = validate.integer("rules_processed", rules_processed, 0)
    return rate * max(0, rules - FREE_RULES)


def alb_lcus(
    new_connections_per_s: float,
    active_connections: float,
    processed_gb_per_h: float,
    rule_evaluations: float = 0.0,
    *,
    lambda_targets: bool = False,
) -> CapacityUnits:
    """ALB LCUs for one hour: ``active_connections`` per minute (the average concurrent
    connections), ``rule_evaluations`` per second (see :func:`rule_evaluations_per_s`).
    Processed bytes count 0.4 GB per LCU for Lambda targets instead of 1 GB."""
    new = validate.number("new_connections_per_s", new_connections_per_s, 0.0)
    active = validate.number("active_connections", active_connections, 0.0)
    gb = validate.number("processed_gb_per_h", processed_gb_per_h, 0.0)
    rules = validate.number("rule_evaluations", rule_evaluations, 0.0)
    gb_per_lcu = (
        LCU_GB_PER_H_LAMBDA if validate.flag("lambda_targets", lambda_targets) else LCU_GB_PER_H
    )
    values = (new / LCU_NEW_PER_S, active / LCU_ACTIVE, gb / gb_per_lcu, rules / LCU_RULES_PER_S)
    return CapacityUnits("ALB", dict(zip(ALB_DIMENSIONS, values, strict=True)))


def nlb_nlcus(
    new_flows_per_s: float, active_flows: float, processed_gb_per_h: float
) -> CapacityUnits:
    """NLB NLCUs (TCP) for one hour: new flows per second, concurrent active flows, GB per
    hour processed."""
    new = validate.number("new_flows_per_s", new_flows_per_s, 0.0)
    active = validate.number("active_flows", active_flows, 0.0)
    gb = validate.number("processed_gb_per_h", processed_gb_per_h, 0.0)
    values = (new / NLCU_NEW_PER_S, active / NLCU_ACTIVE, gb / NLCU_GB_PER_H)
    return CapacityUnits("NLB", dict(zip(NLB_DIMENSIONS, values, strict=True)))


@dataclass(frozen=True)
class Bill:
    """One load balancer's cost for an hour of steady traffic (USD, us-east-1 snapshot)."""

    units: CapacityUnits
    hourly_fixed: float
    unit_price: float

    @property
    def capacity_cost_per_hour(self) -> float:
        return self.units.billed * self.unit_price

    @property
    def per_hour(self) -> float:
        return self.hourly_fixed + self.capacity_cost_per_hour

    @property
    def per_month(self) -> float:
        return self.per_hour * HOURS_PER_MONTH


def bill(units: CapacityUnits) -> Bill:
    """The hourly bill for ``units`` (an ALB's LCUs or an NLB's NLCUs)."""
    if not isinstance(units, CapacityUnits):
        raise ValueError(f"units must be CapacityUnits, got {units!r}")
    if units.kind == "ALB":
        return Bill(units, price("elb.alb.hour").price, price("elb.alb.lcu_hour").price)
    return Bill(units, price("elb.nlb.hour").price, price("elb.nlb.nlcu_hour").price)


@dataclass(frozen=True)
class Traffic:
    """A steady HTTP(S) traffic profile, as the cost calculator takes it."""

    requests_per_s: float
    requests_per_connection: float
    connection_seconds: float
    kb_per_request: float
    rules_processed: int = 0
    lambda_targets: bool = False

    def __post_init__(self) -> None:
        validate.number("requests_per_s", self.requests_per_s, 0.0)
        validate.number("requests_per_connection", self.requests_per_connection, 1.0)
        validate.number("connection_seconds", self.connection_seconds, 0.0)
        validate.number("kb_per_request", self.kb_per_request, 0.0)
        validate.integer("rules_processed", self.rules_processed, 0)
        validate.flag("lambda_targets", self.lambda_targets)

    @property
    def new_connections_per_s(self) -> float:
        return self.requests_per_s / self.requests_per_connection

    @property
    def active_connections(self) -> float:
        """Concurrent connections (Little's law: arrival rate times how long each lasts)."""
        return self.new_connections_per_s * self.connection_seconds

    @property
    def processed_gb_per_h(self) -> float:
        return self.requests_per_s * self.kb_per_request * 3600 / 1e6


def alb_bill(t: Traffic) -> Bill:
    """What ``t`` costs on an ALB."""
    rules = rule_evaluations_per_s(t.requests_per_s, t.rules_processed)
    units = alb_lcus(
        t.new_connections_per_s,
        t.active_connections,
        t.processed_gb_per_h,
        rules,
        lambda_targets=t.lambda_targets,
    )
    return bill(units)


def nlb_bill(t: Traffic) -> Bill:
    """What ``t`` costs on an NLB (TCP, one flow per client connection)."""
    return bill(nlb_nlcus(t.new_connections_per_s, t.active_connections, t.processed_gb_per_h))


def nlb_reserved_lcus(peak_mbps: float) -> int:
    """LCUs to reserve on an NLB for a planned throughput peak (1 LCU = 2.2 Mbps)."""
    mbps = validate.number("peak_mbps", peak_mbps, 0.0)
    return math.ceil(mbps / RESERVATION_MBPS_PER_LCU - 1e-9)


def alb_reserved_lcus(peak: Traffic) -> int:
    """LCUs to reserve on an ALB for a planned peak: the billed LCUs of the peak, rounded
    up; ValueError beyond the per-ALB quota."""
    if not isinstance(peak, Traffic):
        raise ValueError(f"peak must be a Traffic, got {peak!r}")
    need = math.ceil(alb_bill(peak).units.billed - 1e-9)
    if need > ALB_RESERVED_LCU_MAX:
        raise ValueError(
            f"peak needs {need:,} LCUs, more than the {ALB_RESERVED_LCU_MAX:,} an ALB can reserve"
        )
    return need
