"""Record sets of one hosted zone and the rules Route 53 applies when it creates them.

A :class:`Record` is one resource record set: a name, a type, its values (or an alias
target), a TTL (none for an alias: it takes the target's), a routing policy with that
policy's settings, and optionally a health check. :func:`make_zone` checks each record and
each group (records with the same name and type) the way the Route 53 API would refuse it,
with a ``ValueError`` naming the record and the rule. Answering queries is in
:mod:`.resolver`.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass, field

from aws_compute_course import facts
from aws_compute_course.topics.route53.geo import BIAS_MAX, CONTINENTS, REGION_COORDINATES
from aws_compute_course.validate import choice, integer, number

TTL_MAX = facts.integer("route53.ttl_max_seconds")
WEIGHT_MAX = facts.integer("route53.weight_max")
WEIGHTED_MAX = facts.integer("route53.weighted_records_max")

TYPES = ("A", "AAAA", "CNAME")
POLICIES = (
    "simple",
    "weighted",
    "failover",
    "latency",
    "geolocation",
    "geoproximity",
    "multivalue",
    "ip",
)
ALIAS_TARGETS = (
    "elb",
    "cloudfront",
    "s3-website",
    "elastic-beanstalk",
    "api-gateway",
    "vpc-endpoint",
    "global-accelerator",
    "record",
)
"""Kinds of alias target (``record``: another record in the same hosted zone). An EC2
instance's DNS name is not one of them."""
DEFAULT = "*"
"""The catch-all location of a geolocation record, or the catch-all CIDR location of an
IP-based record."""


@dataclass(frozen=True)
class Record:
    """One resource record set (see the module docstring).

    ``values`` holds IP addresses (A/AAAA), one host name (CNAME) or, for an alias, the
    target's DNS name. Policy settings: ``weight`` (weighted), ``failover`` (``"PRIMARY"`` or
    ``"SECONDARY"``), ``region`` (latency, geoproximity), ``bias`` (geoproximity),
    ``location`` (geolocation: ``(continent, country, subdivision)`` with None for "any",
    or ``"*"`` for the default record) and ``cidrs`` (IP-based: CIDR blocks, or ``("*",)``).
    """

    name: str
    type: str
    values: tuple[str, ...]
    ttl: int | None = 300
    policy: str = "simple"
    set_id: str = ""
    alias: str | None = None
    """The alias target's kind (one of :data:`ALIAS_TARGETS`), None for an ordinary record."""
    evaluate_target_health: bool = False
    health_check: str | None = None
    weight: int | None = None
    failover: str | None = None
    region: str | None = None
    bias: int = 0
    location: tuple[str | None, str | None, str | None] | str | None = None
    cidrs: tuple[str, ...] = field(default=())

    @property
    def label(self) -> str:
        """How the readouts name the record: its set identifier, else its first value."""
        return self.set_id or self.values[0]

    @property
    def key(self) -> tuple[str, str]:
        return (self.name, self.type)


def _policy_problem(r: Record, where: str) -> None:
    p = r.policy
    if p == "simple" and r.health_check is not None:
        raise ValueError(f"{where}: a simple record cannot have a health check")
    if p != "simple" and not r.set_id:
        raise ValueError(f"{where}: a {p} record needs a set_id (record ID)")
    if p == "weighted":
        if r.weight is None:
            raise ValueError(f"{where}: a weighted record needs a weight")
        integer(f"{where}: weight", r.weight, 0, WEIGHT_MAX)
    elif r.weight is not None:
        raise ValueError(f"{where}: only weighted records take a weight, got {r.weight!r}")
    if p == "failover":
        choice(f"{where}: failover", r.failover, ("PRIMARY", "SECONDARY"))
    if p in ("latency", "geoproximity"):
        choice(f"{where}: region", r.region, REGION_COORDINATES)
    if p == "geoproximity":
        integer(f"{where}: bias", r.bias, -BIAS_MAX, BIAS_MAX)
    if p == "geolocation":
        _check_location(r.location, where)
    if p == "ip":
        if not r.cidrs:
            raise ValueError(f"{where}: an IP-based record needs cidrs (or ('*',))")
        for block in r.cidrs:
            if block != DEFAULT:
                try:
                    ipaddress.ip_network(block)
                except ValueError:
                    raise ValueError(f"{where}: cidrs holds {block!r}, not a CIDR block") from None
    if p == "multivalue" and (r.alias is not None or r.type == "CNAME"):
        raise ValueError(f"{where}: multivalue answer records cannot be alias or CNAME records")


def _check_location(location: object, where: str) -> None:
    if location == DEFAULT:
        return
    if not (isinstance(location, tuple) and len(location) == 3):
        raise ValueError(
            f"{where}: location must be (continent, country, subdivision) or '*', got {location!r}"
        )
    continent, country, subdivision = location
    if continent is None and country is None:
        raise ValueError(f"{where}: location needs a continent or a country")
    if continent is not None:
        choice(f"{where}: continent", continent, CONTINENTS)
    if subdivision is not None and country is None:
        raise ValueError(f"{where}: a subdivision needs its country")


def check_record(r: Record, apex: str) -> Record:
    """``r`` if Route 53 would accept it in the zone ``apex``; a ValueError naming the rule
    it breaks otherwise."""
    where = f"record {r.name} {r.type} {r.set_id or ''}".rstrip()
    if not r.name or not (r.name == apex or r.name.endswith("." + apex)):
        raise ValueError(f"{where}: name must be {apex!r} or end with '.{apex}'")
    choice(f"{where}: type", r.type, TYPES)
    choice(f"{where}: policy", r.policy, POLICIES)
    if not r.values or not all(isinstance(v, str) and v for v in r.values):
        raise ValueError(f"{where}: values must be non-empty strings, got {r.values!r}")
    if r.type == "CNAME" and r.name == apex:
        raise ValueError(f"{where}: a CNAME cannot be at the zone apex {apex}; use an alias")
    if r.alias is not None:
        if r.alias == "ec2":
            raise ValueError(f"{where}: an EC2 instance's DNS name cannot be an alias target")
        choice(f"{where}: alias", r.alias, ALIAS_TARGETS)
        if r.ttl is not None:
            raise ValueError(f"{where}: an alias record has no TTL (it uses the target's)")
        if len(r.values) != 1:
            raise ValueError(f"{where}: an alias record has exactly one target")
        if r.alias == "cloudfront" and r.evaluate_target_health:
            raise ValueError(f"{where}: evaluate_target_health cannot be True for CloudFront")
    else:
        if r.ttl is None:
            raise ValueError(f"{where}: a record that is not an alias needs a TTL")
        integer(f"{where}: ttl", r.ttl, 0, TTL_MAX)
        if r.evaluate_target_health:
            raise ValueError(f"{where}: evaluate_target_health applies to alias records only")
        if r.type == "CNAME" and len(r.values) != 1:
            raise ValueError(f"{where}: a CNAME record has exactly one value")
        if r.policy in ("weighted", "multivalue") and len(r.values) != 1:
            raise ValueError(f"{where}: a {r.policy} record holds one value")
        for v in r.values if r.type != "CNAME" else ():
            _check_address(v, r.type, where)
    number(f"{where}: bias", r.bias, -BIAS_MAX, BIAS_MAX)
    _policy_problem(r, where)
    return r


def _check_address(v: str, rtype: str, where: str) -> None:
    try:
        address = ipaddress.ip_address(v)
    except ValueError:
        raise ValueError(f"{where}: {v!r} is not an IP address") from None
    if (rtype == "A") != (address.version == 4):
        raise ValueError(f"{where}: {v!r} is not an IPv{4 if rtype == 'A' else 6} address")


@dataclass(frozen=True)
class Zone:
    """A hosted zone: its apex, its records, and the groups by (name, type)."""

    apex: str
    records: tuple[Record, ...]
    groups: dict[tuple[str, str], tuple[Record, ...]]
    private: bool = False

    def names(self) -> set[str]:
        return {name for name, _ in self.groups}


def _check_group(key: tuple[str, str], group: list[Record]) -> None:
    where = f"records {key[0]} {key[1]}"
    policies = {r.policy for r in group}
    if len(policies) > 1:
        raise ValueError(f"{where}: one routing policy per name and type, got {sorted(policies)}")
    policy = group[0].policy
    ids = [r.set_id for r in group]
    if len(set(ids)) != len(ids):
        raise ValueError(f"{where}: set_id must be unique, got {ids}")
    if policy == "simple" and len(group) > 1:
        raise ValueError(f"{where}: a simple record is one record (put the values in it)")
    if key[1] == "CNAME" and len(group) > 1 and policy == "simple":
        raise ValueError(f"{where}: only one CNAME per name")
    if policy == "weighted":
        if len(group) > WEIGHTED_MAX:
            raise ValueError(f"{where}: at most {WEIGHTED_MAX} weighted records, got {len(group)}")
        ttls = {r.ttl for r in group if r.alias is None}
        if len(ttls) > 1:
            raise ValueError(f"{where}: weighted records must share one TTL, got {sorted(ttls)}")
    if policy == "failover":
        roles = sorted(r.failover for r in group)
        if roles not in (["PRIMARY"], ["PRIMARY", "SECONDARY"], ["SECONDARY"]):
            raise ValueError(f"{where}: at most one PRIMARY and one SECONDARY, got {roles}")
    if policy == "geolocation":
        places = [r.location for r in group]
        if len(set(places)) != len(places):
            raise ValueError(f"{where}: two records for the same location: {places}")
    if policy in ("latency", "geoproximity"):
        regions = [r.region for r in group]
        if policy == "latency" and len(set(regions)) != len(regions):
            raise ValueError(f"{where}: one latency record per Region, got {regions}")


def make_zone(apex: str, records: Iterable[Record], *, private: bool = False) -> Zone:
    """The hosted zone ``apex`` holding ``records``, each record and group checked."""
    if not isinstance(apex, str) or not apex or apex.startswith(".") or " " in apex:
        raise ValueError(f"apex must be a domain name such as 'example.com', got {apex!r}")
    apex = apex.rstrip(".").lower()
    checked = tuple(check_record(r, apex) for r in records)
    grouped: dict[tuple[str, str], list[Record]] = {}
    for r in checked:
        grouped.setdefault(r.key, []).append(r)
    for key, group in grouped.items():
        _check_group(key, group)
    names_with_cname = {n for n, t in grouped if t == "CNAME"}
    clash = sorted(n for n, t in grouped if t != "CNAME" and n in names_with_cname)
    if clash:
        raise ValueError(f"a CNAME cannot share its name with other records: {clash}")
    return Zone(apex, checked, {k: tuple(v) for k, v in grouped.items()}, private)
