"""Which API type a design needs (REST, HTTP, WebSocket) and what each costs per month.

The feature matrix is AWS's comparison page (``http-api-vs-rest``) for REST and HTTP APIs.
For WebSocket APIs the course lists only what it verified: persistent two-way messages, IAM
authorization and Lambda REQUEST authorizers on ``$connect``; a requirement outside that
list rules WebSocket out *in this model* (check the WebSocket docs before relying on it).
Prices are the snapshot's ``apigw.*`` rows (us-east-1), with the volume tiers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from aws_compute_course import validate
from aws_compute_course.pricing import price

API_TYPES = ("REST", "HTTP", "WebSocket")
ENDPOINTS = ("any", "edge-optimized", "Regional", "private")

REQUIREMENTS = {
    "waf": "AWS WAF in front of the API",
    "api_keys": "API keys, usage plans and per-client throttling",
    "caching": "a response cache in API Gateway",
    "request_validation": "request validation before the backend",
    "resource_policy": "a resource policy (accounts, IP ranges, VPC endpoints)",
    "backend_certificates": "certificates for backend authentication",
    "native_jwt": "a native JWT authorizer (OIDC / OAuth 2.0 issuer)",
    "cognito": "Amazon Cognito user pool tokens",
    "iam_auth": "IAM authorization (SigV4)",
    "lambda_authorizer": "a Lambda authorizer",
    "mutual_tls": "mutual TLS on a custom domain",
    "two_way": "persistent two-way messages (server push)",
}
"""Requirement name -> what it means, as the chooser's checkboxes show it."""

_SUPPORTS: dict[str, frozenset[str]] = {
    "REST": frozenset(
        {
            "waf",
            "api_keys",
            "caching",
            "request_validation",
            "resource_policy",
            "backend_certificates",
            "cognito",
            "iam_auth",
            "lambda_authorizer",
            "mutual_tls",
        }
    ),
    "HTTP": frozenset({"native_jwt", "cognito", "iam_auth", "lambda_authorizer", "mutual_tls"}),
    "WebSocket": frozenset({"two_way", "iam_auth", "lambda_authorizer"}),
}
_ENDPOINTS: dict[str, frozenset[str]] = {
    "REST": frozenset({"edge-optimized", "Regional", "private"}),
    "HTTP": frozenset({"Regional"}),
    "WebSocket": frozenset(),
}
_WHY_NOT = {
    (
        "REST",
        "native_jwt",
    ): "REST APIs have no JWT authorizer (validate JWTs in a Lambda authorizer, "
    "or use a Cognito user pool authorizer)",
    ("REST", "two_way"): "REST APIs are request/response: no persistent connection",
    ("HTTP", "two_way"): "HTTP APIs are request/response: no persistent connection",
}


def _reason(api: str, need: str) -> str:
    if (api, need) in _WHY_NOT:
        return _WHY_NOT[(api, need)]
    if api == "WebSocket":
        return f"{REQUIREMENTS[need]} is not among the WebSocket features this course verified"
    return f"{api} APIs do not offer {REQUIREMENTS[need]}"


@dataclass(frozen=True)
class Verdict:
    """One API type against the requirements: whether it qualifies, and why not."""

    api_type: str
    qualifies: bool
    reasons: tuple[str, ...]
    """Each requirement it fails, in words (empty when it qualifies)."""


def choose(requirements: Iterable[str], endpoint: str = "any") -> dict[str, Verdict]:
    """Each API type against ``requirements`` (names from :data:`REQUIREMENTS`) and the
    ``endpoint`` type wanted (one of :data:`ENDPOINTS`)."""
    needs = list(requirements)
    for need in needs:
        validate.choice("requirements", need, REQUIREMENTS)
    validate.choice("endpoint", endpoint, ENDPOINTS)
    verdicts = {}
    for api in API_TYPES:
        reasons = [_reason(api, n) for n in needs if n not in _SUPPORTS[api]]
        if endpoint != "any" and endpoint not in _ENDPOINTS[api]:
            offered = ", ".join(sorted(_ENDPOINTS[api])) or "none this course verified"
            reasons.append(f"{api} APIs offer no {endpoint} endpoint (they offer: {offered})")
        verdicts[api] = Verdict(api, not reasons, tuple(reasons))
    return verdicts


# --- cost ---------------------------------------------------------------------------------

REST_TIERS = (
    (333e6, "apigw.rest.per_million"),
    (667e6, "apigw.rest.per_million.tier2"),
    (19e9, "apigw.rest.per_million.tier3"),
    (float("inf"), "apigw.rest.per_million.tier4"),
)
"""(requests in the tier, price key): the first 333 million, the next 667 million, the next
19 billion, then everything over 20 billion, per month."""
HTTP_TIERS = (
    (300e6, "apigw.http.per_million"),
    (float("inf"), "apigw.http.per_million.tier2"),
)
WEBSOCKET_MESSAGES_MAX = 1e9
"""The snapshot holds only the first WebSocket message tier (the first billion a month)."""
MAX_REQUESTS = 1e12


@cache
def _per_million(key: str) -> float:
    """A snapshot price, read once per process (the snapshot does not change at run time)."""
    return price(key).price


def tiered_cost(requests: float, tiers: tuple[tuple[float, str], ...]) -> float:
    """Monthly cost of ``requests`` through volume ``tiers`` of (size, price key)."""
    validate.number("requests", requests, 0.0, MAX_REQUESTS)
    cost, left = 0.0, float(requests)
    for size, key in tiers:
        used = min(left, size)
        cost += used / 1e6 * _per_million(key)
        left -= used
        if left <= 0:
            break
    return cost


def rest_cost(requests: float) -> float:
    """A REST API's monthly request charge (us-east-1, tiered; no free tier)."""
    return tiered_cost(requests, REST_TIERS)


def http_cost(requests: float) -> float:
    """An HTTP API's monthly request charge (us-east-1, tiered; no free tier)."""
    return tiered_cost(requests, HTTP_TIERS)


def websocket_cost(messages: float, connection_minutes: float) -> float:
    """A WebSocket API's monthly charge: messages (each 32 KB counted once) and connection
    minutes. Only the first billion messages a month are priced in the snapshot."""
    validate.number("messages", messages, 0.0, WEBSOCKET_MESSAGES_MAX)
    validate.number("connection_minutes", connection_minutes, 0.0, MAX_REQUESTS)
    per_message = _per_million("apigw.websocket.per_million_messages")
    per_minute = _per_million("apigw.websocket.per_million_connection_minutes")
    return messages / 1e6 * per_message + connection_minutes / 1e6 * per_minute


def monthly_costs(requests: float, connection_minutes: float = 0.0) -> dict[str, float | None]:
    """Each API type's monthly charge for ``requests`` requests (messages for WebSocket);
    None for WebSocket beyond the priced tier."""
    validate.number("requests", requests, 0.0, MAX_REQUESTS)
    ws = (
        websocket_cost(requests, connection_minutes) if requests <= WEBSOCKET_MESSAGES_MAX else None
    )
    return {"REST": rest_cost(requests), "HTTP": http_cost(requests), "WebSocket": ws}


def cheapest_qualifying(
    requirements: Iterable[str], requests: float, endpoint: str = "any"
) -> str | None:
    """The cheapest API type that meets the requirements at a monthly volume (None: none)."""
    verdicts = choose(requirements, endpoint)
    costs = monthly_costs(requests)
    fits = [(costs[a], a) for a, v in verdicts.items() if v.qualifies and costs[a] is not None]
    return min(fits)[1] if fits else None
