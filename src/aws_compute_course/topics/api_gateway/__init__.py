"""API Gateway (topic 07): throttling, caching, API types and their cost, errors and access.

The models, importable without Jupyter: ``from aws_compute_course.topics import api_gateway``
gives every public name of the modules below. Account-free AWS emulators store APIs but
neither throttle nor cache, so these models are the behaviour. Explorables are in
``.explorables`` and the scenario questions in ``.questions``.
"""

from __future__ import annotations

from aws_compute_course.topics.api_gateway.access import (
    AUTH_TYPES,
    FAILURES,
    Caller,
    Decision,
    Status,
    authorize,
    authorizer_calls,
    canary_split,
    check_timeout,
    client_status,
    payload_fits,
)
from aws_compute_course.topics.api_gateway.caching import (
    SIZES_GB,
    CacheResult,
    cache_effect,
    cache_key_count,
    cache_price,
    characteristic_time,
    hit_ratio_curve,
    zipf_popularity,
)
from aws_compute_course.topics.api_gateway.chooser import (
    API_TYPES,
    ENDPOINTS,
    REQUIREMENTS,
    Verdict,
    cheapest_qualifying,
    choose,
    http_cost,
    monthly_costs,
    rest_cost,
    websocket_cost,
)
from aws_compute_course.topics.api_gateway.throttling import (
    PATTERNS,
    RECORDED_SAMPLE,
    Bucket,
    ThrottleRun,
    UsagePlan,
    burst_throttled,
    parse_request_csv,
    request_pattern,
    simulate,
)

__all__ = [
    "API_TYPES",
    "AUTH_TYPES",
    "ENDPOINTS",
    "FAILURES",
    "PATTERNS",
    "RECORDED_SAMPLE",
    "REQUIREMENTS",
    "SIZES_GB",
    "Bucket",
    "CacheResult",
    "Caller",
    "Decision",
    "Status",
    "ThrottleRun",
    "UsagePlan",
    "Verdict",
    "authorize",
    "authorizer_calls",
    "burst_throttled",
    "cache_effect",
    "cache_key_count",
    "cache_price",
    "canary_split",
    "characteristic_time",
    "cheapest_qualifying",
    "check_timeout",
    "choose",
    "client_status",
    "hit_ratio_curve",
    "http_cost",
    "monthly_costs",
    "parse_request_csv",
    "payload_fits",
    "request_pattern",
    "rest_cost",
    "simulate",
    "websocket_cost",
    "zipf_popularity",
]
