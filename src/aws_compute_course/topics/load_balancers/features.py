"""The feature matrix of the four load balancers, and the chooser: which ones meet a set of
requirements, with the reason each other one fails.

The matrix states what AWS documents for each type today (the numbers behind it are in the
topic's facts: listener protocols, target types, cross-zone defaults, mutual TLS, NLB
security groups, GENEVE). CLB is the previous generation: it meets a requirement only where
the feature exists, and the chooser says so.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from aws_compute_course import validate

TYPES = ("ALB", "NLB", "GWLB", "CLB")


@dataclass(frozen=True)
class Features:
    """What one load balancer type offers."""

    name: str
    layer: str
    listeners: tuple[str, ...]
    target_types: tuple[str, ...]
    stickiness: tuple[str, ...]
    routing: tuple[str, ...]
    cross_zone: str
    supports: frozenset[str]
    """The requirement keys (see ``REQUIREMENTS``) this type meets."""


REQUIREMENTS: dict[str, str] = {
    "http_routing": "route on host, path, header, method, query string or source IP",
    "udp": "UDP listeners (games, DNS, media)",
    "static_ip": "one static IP per AZ, Elastic IPs allowed (partner allow-lists)",
    "client_ip": "the client's source IP seen by the target at the network layer",
    "security_groups": "security groups on the load balancer",
    "sni": "several TLS certificates on one listener (SNI)",
    "mtls": "mutual TLS verified at the load balancer",
    "websockets": "WebSockets",
    "lambda": "Lambda functions as targets",
    "authentication": "user authentication (Cognito, OIDC) at the load balancer",
    "redirects": "HTTP to HTTPS redirects and fixed responses",
    "weighted_target_groups": "weighted target groups in one rule (blue/green, canary)",
    "privatelink": "expose the service to other VPCs with PrivateLink",
    "appliances": "transparent inline appliances (firewalls, IDS) with GENEVE",
    "alb_target": "an ALB as a target (static IPs in front of layer-7 routing)",
    "free_cross_zone": "cross-zone load balancing without inter-AZ data charges",
    "current_generation": "a current-generation load balancer",
}

MATRIX: dict[str, Features] = {
    "ALB": Features(
        "Application Load Balancer",
        "7 (HTTP/HTTPS, gRPC, WebSocket)",
        ("HTTP", "HTTPS"),
        ("instance", "ip", "lambda"),
        ("duration-based cookie (AWSALB)", "application cookie", "target group stickiness"),
        ("round robin", "least outstanding requests", "weighted random + anomaly mitigation"),
        "on (can be turned off per target group); no inter-AZ charge",
        frozenset(
            {
                "http_routing",
                "security_groups",
                "sni",
                "mtls",
                "websockets",
                "lambda",
                "authentication",
                "redirects",
                "weighted_target_groups",
                "free_cross_zone",
                "current_generation",
            }
        ),
    ),
    "NLB": Features(
        "Network Load Balancer",
        "4 (TCP, UDP, TLS)",
        ("TCP", "UDP", "TCP_UDP", "TLS"),
        ("instance", "ip", "alb"),
        ("source IP",),
        ("flow hash",),
        "off by default (per LB or target group); inter-AZ data charged",
        frozenset(
            {
                "udp",
                "static_ip",
                "client_ip",
                "security_groups",
                "sni",
                "websockets",
                "privatelink",
                "alb_target",
                "current_generation",
            }
        ),
    ),
    "GWLB": Features(
        "Gateway Load Balancer",
        "3 (all IP packets, GENEVE to the appliances)",
        ("GENEVE (all IP traffic)",),
        ("instance", "ip"),
        ("5-tuple", "3-tuple", "2-tuple"),
        ("flow hash",),
        "off by default; inter-AZ data charged",
        frozenset({"client_ip", "privatelink", "appliances", "current_generation"}),
    ),
    "CLB": Features(
        "Classic Load Balancer (previous generation)",
        "4 and 7",
        ("HTTP", "HTTPS", "TCP", "SSL"),
        ("instance",),
        ("duration-based cookie", "application cookie"),
        ("round robin (TCP: least outstanding)",),
        "off via API/CLI, on via the console; no inter-AZ charge",
        frozenset({"security_groups", "websockets", "free_cross_zone"}),
    ),
}

_WHY_NOT: dict[tuple[str, str], str] = {
    ("NLB", "http_routing"): "works at layer 4: it never reads the host, path or headers",
    ("GWLB", "http_routing"): "passes IP packets to appliances; it routes no HTTP",
    ("CLB", "http_routing"): "one set of instances per CLB: no content-based routing",
    ("ALB", "udp"): "HTTP and HTTPS listeners only",
    ("ALB", "static_ip"): "its IPs change as it scales (put an NLB with an ALB target in front)",
    ("ALB", "client_ip"): "terminates the connection: the client IP is in X-Forwarded-For only",
    ("CLB", "client_ip"): "terminates the connection: X-Forwarded-For or Proxy Protocol only",
    ("GWLB", "security_groups"): "has no security groups (the appliances filter)",
    ("NLB", "mtls"): "only passes TLS through on a TCP listener: the targets must verify",
    ("CLB", "mtls"): "only passes TLS through on a TCP listener: the targets must verify",
    ("GWLB", "sni"): "terminates no TLS",
    ("CLB", "sni"): "one certificate per listener (SAN certificates, or several CLBs)",
    ("NLB", "lambda"): "targets are instances, IPs or an ALB",
    ("NLB", "free_cross_zone"): "cross-zone traffic is charged as inter-AZ data",
    ("GWLB", "free_cross_zone"): "cross-zone traffic is charged as inter-AZ data",
    ("CLB", "current_generation"): "is the previous generation: migrate to ALB or NLB",
}


def why_not(lb_type: str, requirement: str) -> str | None:
    """Why ``lb_type`` fails ``requirement`` (None when it meets it)."""
    validate.choice("lb_type", lb_type, TYPES)
    validate.choice("requirement", requirement, list(REQUIREMENTS))
    if requirement in MATRIX[lb_type].supports:
        return None
    return _WHY_NOT.get((lb_type, requirement), "does not offer it")


@dataclass(frozen=True)
class Choice:
    """The chooser's answer: the types meeting every requirement, and for each other type
    the reasons it fails."""

    fits: tuple[str, ...]
    reasons: dict[str, tuple[str, ...]]


def choose(requirements: Iterable[str]) -> Choice:
    """Which load balancers meet all ``requirements`` (keys of ``REQUIREMENTS``)."""
    if isinstance(requirements, str):
        raise ValueError(
            f"requirements must be a collection of keys, got the text {requirements!r}"
        )
    wanted = [validate.choice("requirements", r, list(REQUIREMENTS)) for r in requirements]
    reasons = {}
    for t in TYPES:
        failed = tuple(f"{REQUIREMENTS[r]}: {why_not(t, r)}" for r in wanted if why_not(t, r))
        if failed:
            reasons[t] = failed
    return Choice(tuple(t for t in TYPES if t not in reasons), reasons)
