"""Private and hybrid DNS: which resolver answers a query from a VPC or from on-premises.

A :class:`HybridDns` describes VPCs (with their ``enableDnsSupport`` and
``enableDnsHostnames`` settings), private hosted zones and the VPCs associated with them,
Route 53 Resolver forwarding rules (outbound endpoint → on-premises DNS) and the VPCs they
are associated with, the inbound endpoint (the VPC it lives in), and what the on-premises
DNS servers hold and forward. :func:`who_answers` follows a query through that setup and
says, step by step, who answers and whether the name resolves.

The model's rules: a VPC's Resolver (the VPC+2 address) works only with
``enableDnsSupport``, and private hosted zones need both settings; the most specific
matching domain wins between forwarding rules and associated private zones, and a
forwarding rule wins a tie; on-premises servers reach private zones only by forwarding to
an inbound endpoint (forwarding to the VPC+2 address from outside is not supported).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from aws_compute_course.validate import flag

ON_PREMISES = "on-premises"


def _within(name: str, domain: str) -> bool:
    return name == domain or name.endswith("." + domain)


def _domain(label: str, value: object) -> str:
    if not isinstance(value, str) or not value or " " in value or value.startswith("."):
        raise ValueError(f"{label} must be a domain name, got {value!r}")
    return value.rstrip(".").lower()


@dataclass(frozen=True)
class Vpc:
    """A VPC, its account and its two DNS attributes."""

    id: str
    account: str = "111111111111"
    dns_support: bool = True
    dns_hostnames: bool = True

    def __post_init__(self) -> None:
        if not self.id or self.id == ON_PREMISES:
            raise ValueError(f"id must name a VPC, got {self.id!r}")
        flag(f"{self.id}: dns_support", self.dns_support)
        flag(f"{self.id}: dns_hostnames", self.dns_hostnames)


@dataclass(frozen=True)
class PrivateZone:
    """A private hosted zone, its account and the VPCs associated with it."""

    domain: str
    vpcs: frozenset[str]
    account: str = "111111111111"

    def __post_init__(self) -> None:
        object.__setattr__(self, "domain", _domain("domain", self.domain))
        object.__setattr__(self, "vpcs", frozenset(self.vpcs))


@dataclass(frozen=True)
class ForwardingRule:
    """A Resolver forwarding rule: queries for ``domain`` from the associated ``vpcs`` go
    out through the outbound endpoint to on-premises DNS (rules can be shared with other
    accounts and associated with their VPCs)."""

    domain: str
    vpcs: frozenset[str]

    def __post_init__(self) -> None:
        object.__setattr__(self, "domain", _domain("domain", self.domain))
        object.__setattr__(self, "vpcs", frozenset(self.vpcs))


@dataclass(frozen=True)
class HybridDns:
    """The whole setup (see the module docstring). ``inbound_vpc``: the VPC that holds the
    inbound endpoint (None: none); ``outbound_vpc``: the VPC of the outbound endpoint the
    rules use (None: no outbound endpoint); ``onprem_zones``: domains on-premises DNS is
    authoritative for; ``onprem_forwards``: domains it forwards to the inbound endpoint."""

    vpcs: tuple[Vpc, ...]
    private_zones: tuple[PrivateZone, ...] = ()
    rules: tuple[ForwardingRule, ...] = ()
    inbound_vpc: str | None = None
    outbound_vpc: str | None = None
    onprem_zones: tuple[str, ...] = ()
    onprem_forwards: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        ids = [v.id for v in self.vpcs]
        if len(set(ids)) != len(ids):
            raise ValueError(f"vpcs must have unique ids, got {ids}")
        known = set(ids)
        for z in self.private_zones:
            if not z.vpcs:
                raise ValueError(f"private zone {z.domain} must be associated with a VPC")
            if z.vpcs - known:
                raise ValueError(f"private zone {z.domain}: unknown VPCs {sorted(z.vpcs - known)}")
        for r in self.rules:
            if r.vpcs - known:
                raise ValueError(f"rule {r.domain}: unknown VPCs {sorted(r.vpcs - known)}")
        for label, v in (("inbound_vpc", self.inbound_vpc), ("outbound_vpc", self.outbound_vpc)):
            if v is not None and v not in known:
                raise ValueError(f"{label} must be one of {sorted(known)} or None, got {v!r}")
        object.__setattr__(
            self, "onprem_zones", tuple(_domain("onprem_zones", d) for d in self.onprem_zones)
        )
        object.__setattr__(
            self,
            "onprem_forwards",
            tuple(_domain("onprem_forwards", d) for d in self.onprem_forwards),
        )

    def vpc(self, vpc_id: str) -> Vpc:
        return next(v for v in self.vpcs if v.id == vpc_id)


@dataclass(frozen=True)
class Resolution:
    """``answered_by`` (e.g. ``"private zone corp.internal"``, ``"on-premises DNS"``, ``"public
    DNS"`` or ``"nobody"``), ``resolved`` (the name gets an answer) and ``steps`` (the path)."""

    answered_by: str
    resolved: bool
    steps: tuple[str, ...]


def _from_vpc(setup: HybridDns, name: str, vpc: Vpc, steps: list[str]) -> Resolution:
    if not vpc.dns_support:
        steps.append(f"{vpc.id} has enableDnsSupport off: its Resolver does not answer")
        return Resolution("nobody", False, tuple(steps))
    steps.append(f"the Route 53 Resolver of {vpc.id} receives the query")
    rules = [r for r in setup.rules if vpc.id in r.vpcs and _within(name, r.domain)]
    zones = [z for z in setup.private_zones if vpc.id in z.vpcs and _within(name, z.domain)]
    rule = max(rules, key=lambda r: len(r.domain), default=None)
    zone = max(zones, key=lambda z: len(z.domain), default=None)
    if rule is not None and (zone is None or len(rule.domain) >= len(zone.domain)):
        if setup.outbound_vpc is None:
            steps.append(f"rule for {rule.domain} matches but there is no outbound endpoint")
            return Resolution("nobody", False, tuple(steps))
        steps.append(f"forwarding rule {rule.domain} sends it through the outbound endpoint")
        ok = any(_within(name, d) for d in setup.onprem_zones)
        steps.append("on-premises DNS " + ("answers" if ok else f"holds no zone for {name}"))
        return Resolution("on-premises DNS", ok, tuple(steps))
    if zone is not None:
        if not vpc.dns_hostnames:
            steps.append(f"{vpc.id} has enableDnsHostnames off: private zones need both settings")
            return Resolution("nobody", False, tuple(steps))
        steps.append(f"private hosted zone {zone.domain} (associated with {vpc.id}) answers")
        return Resolution(f"private zone {zone.domain}", True, tuple(steps))
    private = [z.domain for z in setup.private_zones if _within(name, z.domain)]
    if private:
        steps.append(
            f"{private[0]} is private but not associated with {vpc.id}: public DNS is asked"
        )
        return Resolution("public DNS", False, tuple(steps))
    if any(_within(name, d) for d in setup.onprem_zones):
        steps.append(
            f"no rule forwards it from {vpc.id}: on-premises names are not on the internet"
        )
        return Resolution("public DNS", False, tuple(steps))
    steps.append("no rule or private zone matches: the Resolver resolves it on the internet")
    return Resolution("public DNS", True, tuple(steps))


def who_answers(setup: HybridDns, name: str, source: str) -> Resolution:
    """Who answers ``name`` asked from ``source`` (a VPC id, or ``"on-premises"``)."""
    if not isinstance(setup, HybridDns):
        raise ValueError(f"setup must be a HybridDns, got {type(setup).__name__}")
    name = _domain("name", name)
    ids = [v.id for v in setup.vpcs]
    if source != ON_PREMISES and source not in ids:
        raise ValueError(f"source must be {ON_PREMISES!r} or one of {ids}, got {source!r}")
    if source != ON_PREMISES:
        return _from_vpc(setup, name, setup.vpc(source), [])
    steps = ["on-premises DNS receives the query"]
    if any(_within(name, d) for d in setup.onprem_zones):
        steps.append("it is authoritative for the name and answers")
        return Resolution("on-premises DNS", True, tuple(steps))
    if any(_within(name, d) for d in setup.onprem_forwards):
        if setup.inbound_vpc is None:
            steps.append("it forwards to an inbound endpoint, but there is none")
            return Resolution("nobody", False, tuple(steps))
        steps.append(f"it forwards to the inbound endpoint in {setup.inbound_vpc}")
        return _from_vpc(setup, name, setup.vpc(setup.inbound_vpc), steps)
    private = [z.domain for z in setup.private_zones if _within(name, z.domain)]
    if private:
        steps.append(f"{private[0]} is a private zone; nothing forwards it to an inbound endpoint")
        return Resolution("public DNS", False, tuple(steps))
    steps.append("it resolves the name on the internet")
    return Resolution("public DNS", True, tuple(steps))


def reachable_names(setup: HybridDns, names: Sequence[str], source: str) -> dict[str, bool]:
    """``name → resolves`` for each of ``names`` from ``source``."""
    return {n: who_answers(setup, n, source).resolved for n in names}
