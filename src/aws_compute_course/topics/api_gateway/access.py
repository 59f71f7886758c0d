"""What a client sees when things fail, which limits apply, who is let in, and canaries.

* :func:`client_status`: the HTTP status for each failure, with the fact behind it.
* :func:`check_timeout` and :func:`payload_fits`: the integration timeout and payload limits.
* :func:`authorize`: which caller an API lets in for a scenario, and why.
* :func:`authorizer_calls`: Lambda authorizer invocations with its result cache (TTL).
* :func:`canary_split`: a stage's requests between the production and canary releases.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from aws_compute_course import validate
from aws_compute_course.facts import fact, integer

FAILURES = {
    "api_gateway_throttle": "api_gateway.throttle_status",
    "usage_plan_quota": "api_gateway.throttle_status",
    "lambda_throttle": "api_gateway.lambda_throttle_status",
    "function_error": "api_gateway.function_error_status",
    "malformed_proxy_response": "api_gateway.function_error_status",
    "integration_timeout": "api_gateway.gateway_timeout_status",
    "payload_too_large": "api_gateway.payload_too_large_status",
    "authorizer_deny": "api_gateway.authorizer_deny_status",
}
"""Failure -> the fact that gives the status a client sees (and its source)."""


@dataclass(frozen=True)
class Status:
    """The status a client gets for a failure, and where that is documented."""

    failure: str
    status: int
    source: str


def client_status(failure: str) -> Status:
    """The HTTP status a client sees for ``failure`` (one of :data:`FAILURES`)."""
    validate.choice("failure", failure, FAILURES)
    f = fact(FAILURES[failure])
    return Status(failure, int(f.value), f.source)


REST_TIMEOUT_MIN_MS = integer("api_gateway.rest_timeout_min_ms")
REST_TIMEOUT_DEFAULT_MAX_MS = integer("api_gateway.rest_timeout_default_s") * 1000
HTTP_TIMEOUT_MAX_MS = integer("api_gateway.http_timeout_s") * 1000
PAYLOAD_MAX_MB = integer("api_gateway.payload_max_mb")


def check_timeout(
    api_type: str, endpoint: str, timeout_ms: int, *, quota_raised: bool = False
) -> tuple[bool, str]:
    """Whether an integration timeout is allowed, and why.

    REST: 50 ms to 29 s; above 29 s only for Regional and private APIs after a quota increase
    (which may lower the account throttle); edge-optimized stays at 29 s. HTTP: at most 30 s,
    not raisable.
    """
    validate.choice("api_type", api_type, ("REST", "HTTP"))
    validate.choice("endpoint", endpoint, ("edge-optimized", "Regional", "private"))
    validate.integer("timeout_ms", timeout_ms, 1)
    validate.flag("quota_raised", quota_raised)
    if api_type == "HTTP":
        if endpoint != "Regional":
            return False, "HTTP APIs are Regional only"
        if timeout_ms > HTTP_TIMEOUT_MAX_MS:
            return False, f"HTTP APIs allow at most {HTTP_TIMEOUT_MAX_MS:,} ms, not raisable"
        return True, "within the HTTP API maximum"
    if timeout_ms < REST_TIMEOUT_MIN_MS:
        return False, f"REST APIs need at least {REST_TIMEOUT_MIN_MS} ms"
    if timeout_ms <= REST_TIMEOUT_DEFAULT_MAX_MS:
        return True, "within the default REST range"
    if endpoint == "edge-optimized":
        return False, "edge-optimized REST APIs stay at the default maximum"
    if not quota_raised:
        return False, "above the default maximum: request a quota increase first"
    return True, "allowed after a quota increase (the account throttle may be lowered)"


def payload_fits(size_mb: float) -> bool:
    """Whether a request body of ``size_mb`` MB passes API Gateway (else 413: upload to S3
    with a presigned URL instead)."""
    validate.number("size_mb", size_mb, 0.0)
    return size_mb <= PAYLOAD_MAX_MB


# --- authorization ------------------------------------------------------------------------

AUTH_TYPES = ("NONE", "AWS_IAM", "COGNITO_USER_POOLS", "CUSTOM", "JWT")
"""A method's authorization: none, IAM (SigV4), a Cognito user pool authorizer, a Lambda
authorizer (``CUSTOM``), or a JWT authorizer (HTTP APIs only)."""


@dataclass(frozen=True)
class Caller:
    """What a request carries and where it comes from."""

    sigv4_allowed: bool = False
    """Signed with SigV4 by a principal whose IAM policy allows execute-api:Invoke."""
    cognito_token: bool = False
    """A valid token from the user pool the authorizer trusts."""
    jwt_valid: bool = False
    """A JWT from the issuer and audience the JWT authorizer trusts."""
    lambda_allows: bool = False
    """The Lambda authorizer would return an Allow policy for it."""
    via_vpc_endpoint: bool = False
    """Comes through an interface VPC endpoint the private API's resource policy allows."""


@dataclass(frozen=True)
class Decision:
    allowed: bool
    status: int
    """200 when allowed (the backend's answer aside), 403 when denied."""
    reason: str


def authorize(
    caller: Caller, auth: str, *, api_type: str = "REST", private: bool = False
) -> Decision:
    """Whether API Gateway lets ``caller`` reach the backend of a method with ``auth``.

    A private REST API first needs the request to come through an allowed interface VPC
    endpoint (resource policy); HTTP APIs have no private endpoint and no Cognito user
    pool authorizer type (they use a JWT authorizer for Cognito tokens).
    """
    if not isinstance(caller, Caller):
        raise ValueError(f"caller must be a Caller, got {caller!r}")
    validate.choice("auth", auth, AUTH_TYPES)
    validate.choice("api_type", api_type, ("REST", "HTTP"))
    validate.flag("private", private)
    deny = fact("api_gateway.authorizer_deny_status").value
    if api_type == "HTTP" and (private or auth == "COGNITO_USER_POOLS"):
        raise ValueError(
            "HTTP APIs have no private endpoint and no COGNITO_USER_POOLS type: use JWT"
        )
    if api_type == "REST" and auth == "JWT":
        raise ValueError("REST APIs have no JWT authorizer: use CUSTOM or COGNITO_USER_POOLS")
    if private and not caller.via_vpc_endpoint:
        return Decision(
            False, deny, "a private API is reachable only through an allowed VPC endpoint"
        )
    checks = {
        "NONE": (True, "no authorization on the method"),
        "AWS_IAM": (caller.sigv4_allowed, "IAM: a SigV4-signed request whose policy allows Invoke"),
        "COGNITO_USER_POOLS": (caller.cognito_token, "a valid Cognito user pool token"),
        "CUSTOM": (caller.lambda_allows, "the Lambda authorizer's Allow policy"),
        "JWT": (caller.jwt_valid, "a JWT from the trusted issuer and audience"),
    }
    ok, what = checks[auth]
    return Decision(ok, 200 if ok else deny, ("allowed: " if ok else "denied: needs ") + what)


def authorizer_calls(rps: float, distinct_tokens: int, ttl_s: float) -> float:
    """Lambda authorizer invocations per second for ``rps`` requests spread evenly over
    ``distinct_tokens`` tokens (or identity sources), its result cached ``ttl_s`` seconds.

    Our model (Poisson requests, one call per token per cache period):
    ``tokens * r / (1 + r * ttl)`` with ``r = rps / tokens``.
    """
    validate.number("rps", rps, 0.0)
    validate.integer("distinct_tokens", distinct_tokens, 1)
    validate.number("ttl_s", ttl_s, 0.0, integer("api_gateway.authorizer_ttl_max_s"))
    per_token = rps / distinct_tokens
    return distinct_tokens * per_token / (1 + per_token * ttl_s)


def canary_split(requests: int, canary_percent: float, *, seed: int = 0) -> tuple[int, int]:
    """(production, canary) requests when a stage sends ``canary_percent`` % at random to
    its canary release (each request drawn independently; deterministic for a ``seed``)."""
    validate.integer("requests", requests, 0)
    validate.number(
        "canary_percent", canary_percent, 0.0, integer("api_gateway.canary_percent_max")
    )
    validate.integer("seed", seed, 0)
    canary = int(np.random.default_rng(seed).binomial(requests, canary_percent / 100))
    return requests - canary, canary
