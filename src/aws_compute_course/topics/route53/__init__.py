"""Route 53 (topic 08): a resolver for one hosted zone that answers like Route 53, health
checks, how long a failover really takes, cached weighted traffic, and hybrid DNS.

The models, importable without Jupyter: ``from aws_compute_course.topics import route53``
gives every public name of the modules below. Explorables are in ``.explorables`` and the
scenario questions in ``.questions``.
"""

from __future__ import annotations

from aws_compute_course.topics.route53.failover import (
    ELB_TTL,
    FailoverTimeline,
    effective_ttl,
    failover_timeline,
    share_on_failed,
    worst_case_failover_s,
)
from aws_compute_course.topics.route53.geo import (
    BIAS_MAX,
    REGION_COORDINATES,
    Place,
    WorldGrid,
    biased_distance,
    continent_of,
    distance_km,
    geolocation_index,
    latency_ms,
    nearest,
    region_position,
    world_grid,
)
from aws_compute_course.topics.route53.health import (
    FAST_INTERVAL,
    INTERVALS,
    STANDARD_INTERVAL,
    THRESHOLD_MAX,
    EndpointCheck,
    alarm_check_health,
    alarm_time_to_unhealthy,
    calculated_health,
    checker_phases,
    detection_bounds,
    time_to_healthy,
    time_to_unhealthy,
)
from aws_compute_course.topics.route53.hybrid import (
    ON_PREMISES,
    ForwardingRule,
    HybridDns,
    PrivateZone,
    Resolution,
    Vpc,
    reachable_names,
    who_answers,
)
from aws_compute_course.topics.route53.records import (
    ALIAS_TARGETS,
    DEFAULT,
    POLICIES,
    WEIGHT_MAX,
    Record,
    Zone,
    check_record,
    make_zone,
)
from aws_compute_course.topics.route53.resolver import (
    MULTIVALUE_MAX,
    Answer,
    Query,
    resolve,
    weighted_shares,
)
from aws_compute_course.topics.route53.traffic import (
    TrafficSplit,
    multivalue_shares,
    multivalue_traffic,
    weighted_traffic,
)

__all__ = [
    "ALIAS_TARGETS",
    "BIAS_MAX",
    "DEFAULT",
    "ELB_TTL",
    "FAST_INTERVAL",
    "INTERVALS",
    "MULTIVALUE_MAX",
    "ON_PREMISES",
    "POLICIES",
    "REGION_COORDINATES",
    "STANDARD_INTERVAL",
    "THRESHOLD_MAX",
    "WEIGHT_MAX",
    "Answer",
    "EndpointCheck",
    "FailoverTimeline",
    "ForwardingRule",
    "HybridDns",
    "Place",
    "PrivateZone",
    "Query",
    "Record",
    "Resolution",
    "TrafficSplit",
    "Vpc",
    "WorldGrid",
    "Zone",
    "alarm_check_health",
    "alarm_time_to_unhealthy",
    "biased_distance",
    "calculated_health",
    "check_record",
    "checker_phases",
    "continent_of",
    "detection_bounds",
    "distance_km",
    "effective_ttl",
    "failover_timeline",
    "geolocation_index",
    "latency_ms",
    "make_zone",
    "multivalue_shares",
    "multivalue_traffic",
    "nearest",
    "reachable_names",
    "region_position",
    "resolve",
    "share_on_failed",
    "time_to_healthy",
    "time_to_unhealthy",
    "weighted_shares",
    "weighted_traffic",
    "who_answers",
    "world_grid",
    "worst_case_failover_s",
]
