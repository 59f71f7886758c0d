"""Traffic distribution: clients over the load balancer's nodes, nodes over the targets.

A load balancer has one node per enabled Availability Zone. DNS hands clients the IPs of the
nodes whose AZ is healthy, and each node spreads its share over targets:

* **cross-zone on**: over every healthy target in every AZ;
* **cross-zone off**: over the healthy targets of its own AZ only.

With cross-zone off an AZ needs a healthy target or its node leaves DNS (clients move to the
other nodes); with every AZ unhealthy the load balancer **fails open**: every node returns to
DNS and routes to all registered targets (AWS documents both; see the facts
``load_balancers.zone_fail_open``). Within a node the model spreads requests evenly over the
chosen targets (round robin in the long run); clients are spread over the nodes in DNS in
proportion to ``client_weights`` (equal by default: DNS rotates the node IPs).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from aws_compute_course import validate

LB_TYPES = ("ALB", "NLB", "GWLB", "CLB")
"""The four Elastic Load Balancing types."""
MAX_AZS = 6
MAX_TARGETS_PER_AZ = 100
"""The model's range (not an AWS quota): up to 6 AZs of up to 100 targets each."""


def default_cross_zone(lb_type: str, *, created_in_console: bool = False) -> bool:
    """Whether cross-zone load balancing is on for a new load balancer of ``lb_type``.

    ALB: always on at the load balancer (off only per target group). NLB, GWLB: off. CLB: on
    when created in the console, off through the API or CLI.
    """
    validate.choice("lb_type", lb_type, LB_TYPES)
    validate.flag("created_in_console", created_in_console)
    if lb_type == "ALB":
        return True
    if lb_type == "CLB":
        return created_in_console
    return False


def inter_az_charged(lb_type: str) -> bool:
    """Whether traffic a node sends to another AZ's targets is charged as inter-AZ data
    (NLB and GWLB with cross-zone on; never for ALB or CLB)."""
    return validate.choice("lb_type", lb_type, LB_TYPES) in ("NLB", "GWLB")


@dataclass(frozen=True)
class Distribution:
    """Where the traffic goes: shares of all client traffic (0 to 1)."""

    target_az: np.ndarray
    """AZ index of each registered target, AZ by AZ."""
    target_healthy: np.ndarray
    """Whether each target is healthy."""
    target_share: np.ndarray
    """Share of all traffic each target receives."""
    node_share: np.ndarray
    """Share of all traffic each AZ's node receives from clients."""
    node_in_dns: np.ndarray
    """Whether each AZ's node IP is in the load balancer's DNS answer."""
    fail_open: bool
    """True when no AZ was healthy, so every node returned to DNS."""
    cross_az_share: float
    """Share of traffic a node sent to a target in another AZ."""
    dropped_share: float
    """Share that reached a node with no target to send it to (lost)."""

    @property
    def hottest_share(self) -> float:
        """The largest share any one target receives (0 without targets)."""
        return float(self.target_share.max()) if self.target_share.size else 0.0

    @property
    def even_share(self) -> float:
        """The share each healthy target would get if load were perfectly even."""
        healthy = int(self.target_healthy.sum())
        return 1.0 / healthy if healthy else 0.0

    @property
    def imbalance(self) -> float:
        """Hottest share over the even share (1 is perfectly even; 0 without targets)."""
        even = self.even_share
        return self.hottest_share / even if even else 0.0

    def az_share(self) -> np.ndarray:
        """Share of traffic landing on the targets of each AZ."""
        n = self.node_share.size
        return np.bincount(self.target_az, weights=self.target_share, minlength=n)


def _counts(name: str, values: Sequence[int], n: int | None = None) -> np.ndarray:
    if isinstance(values, str | bytes) or not isinstance(values, Sequence | np.ndarray):
        raise ValueError(f"{name} must be a sequence of integers, got {values!r}")
    if not 1 <= len(values) <= MAX_AZS:
        raise ValueError(f"{name} must list 1 to {MAX_AZS} AZs, got {len(values)}")
    if n is not None and len(values) != n:
        raise ValueError(f"{name} must list {n} AZs like targets_per_az, got {len(values)}")
    return np.array(
        [validate.integer(f"{name}[{i}]", v, 0, MAX_TARGETS_PER_AZ) for i, v in enumerate(values)],
        dtype=np.int64,
    )


def distribute(
    targets_per_az: Sequence[int],
    cross_zone: bool,
    *,
    healthy_per_az: Sequence[int] | None = None,
    client_weights: Sequence[float] | None = None,
) -> Distribution:
    """Each target's share of the traffic.

    ``targets_per_az``: registered targets in each AZ (each 0 to 100, 1 to 6 AZs; every AZ
    listed has a node). ``healthy_per_az``: how many of them are healthy (default: all).
    ``client_weights``: relative client traffic each node gets from DNS (default: equal);
    only nodes in DNS receive any.
    """
    registered = _counts("targets_per_az", targets_per_az)
    n = registered.size
    healthy = (
        registered.copy()
        if healthy_per_az is None
        else _counts("healthy_per_az", healthy_per_az, n)
    )
    for i in range(n):
        if healthy[i] > registered[i]:
            raise ValueError(
                f"healthy_per_az[{i}] must be at most targets_per_az[{i}] = {registered[i]}, "
                f"got {healthy[i]}"
            )
    validate.flag("cross_zone", cross_zone)
    if client_weights is None:
        weights = np.ones(n)
    else:
        if len(client_weights) != n:
            raise ValueError(f"client_weights must list {n} AZs, got {len(client_weights)}")
        weights = np.array(
            [validate.number(f"client_weights[{i}]", w, 0.0) for i, w in enumerate(client_weights)]
        )
        if weights.sum() <= 0:
            raise ValueError(
                f"client_weights must have a positive total, got {list(client_weights)}"
            )

    az_healthy = healthy > 0 if not cross_zone else np.full(n, healthy.sum() > 0)
    fail_open = not az_healthy.any()
    in_dns = np.ones(n, dtype=bool) if fail_open else az_healthy
    w = np.where(in_dns, weights, 0.0)
    if w.sum() <= 0:  # clients only at nodes that left DNS: DNS still answers with the others
        w = in_dns.astype(float)
    node_share = w / w.sum()

    target_az = np.repeat(np.arange(n), registered)
    target_ok = np.concatenate([np.arange(c) < h for c, h in zip(registered, healthy, strict=True)])
    target_ok = target_ok.astype(bool) if target_ok.size else np.zeros(0, dtype=bool)
    candidates = np.ones_like(target_ok) if fail_open else target_ok
    share = np.zeros(target_az.size)
    cross = dropped = 0.0
    for node in range(n):
        if node_share[node] == 0:
            continue
        pool = candidates if cross_zone else candidates & (target_az == node)
        k = int(pool.sum())
        if k == 0:
            dropped += node_share[node]
            continue
        share[pool] += node_share[node] / k
        cross += node_share[node] * float((pool & (target_az != node)).sum()) / k
    return Distribution(target_az, target_ok, share, node_share, in_dns, fail_open, cross, dropped)
