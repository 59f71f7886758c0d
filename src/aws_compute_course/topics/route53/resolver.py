"""The answer Route 53 gives: one query against one hosted zone, with health, and the reason.

:func:`resolve` takes a :class:`~.records.Zone`, a :class:`Query` (name, type, where the
user is, the resolver's IP address) and the current health (health check id → healthy,
alias target → healthy; anything not listed is healthy) and returns an :class:`Answer`: the
values, the TTL resolvers may cache them for, the record that won and, in words, why it won
and why the others did not.

The rules the model follows, from the Route 53 Developer Guide (routing-policy-*.html,
dns-failover-complex-configs.html): a record without a health check is healthy; a record
whose health check is unhealthy is skipped; when no record of the group is healthy, Route 53
treats all of them as healthy ("fail open"); weighted records with weight 0 are considered
only when every record with a weight above 0 is unhealthy; multivalue answers hold up to 8
healthy records (up to 8 unhealthy ones when none is healthy); geolocation picks the most
specific matching location (subdivision, country, continent, then the default ``*``) and
gives no answer when nothing matches and there is no default; an alias with
``evaluate_target_health`` takes the health of its target. Where a choice is random
(weighted, multivalue with more than 8 healthy records) ``draw`` in [0, 1) makes it
deterministic. Latency uses the model's distance-based latency (:mod:`.geo`), not AWS's
measurements.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from aws_compute_course import facts
from aws_compute_course.topics.route53 import geo
from aws_compute_course.topics.route53.records import DEFAULT, TYPES, Record, Zone
from aws_compute_course.validate import choice, number

MULTIVALUE_MAX = facts.integer("route53.multivalue_max_records")
ELB_TTL = facts.integer("route53.elb_alias_ttl_seconds")
MAX_ALIAS_DEPTH = 3


@dataclass(frozen=True)
class Query:
    """A DNS query: the name and type asked for, where the user is and the IP address of the
    resolver that asks Route 53 (IP-based routing matches it)."""

    name: str
    type: str = "A"
    place: geo.Place = field(default_factory=lambda: geo.Place(38.9, -77.4, "NA", "US", "VA"))
    resolver_ip: str = "192.0.2.1"

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name:
            raise ValueError(f"name must be a domain name, got {self.name!r}")
        choice("type", self.type, TYPES)
        if not isinstance(self.place, geo.Place):
            raise ValueError(f"place must be a geo.Place, got {self.place!r}")
        try:
            ipaddress.ip_address(self.resolver_ip)
        except ValueError:
            raise ValueError(
                f"resolver_ip must be an IP address, got {self.resolver_ip!r}"
            ) from None


@dataclass(frozen=True)
class Answer:
    """What Route 53 answers: ``status`` (``NOERROR``, ``NODATA`` (the name exists, no answer
    for this query) or ``NXDOMAIN``), ``values``, ``ttl`` (seconds resolvers may cache it;
    None when the target's TTL is not known to the model), ``record`` (label of the record
    that won), ``reason`` (why, in words) and ``failed_open`` (every candidate was
    unhealthy, so Route 53 answered as if all were healthy). For an alias to an AWS resource
    the target's DNS name stands in for the addresses Route 53 would return."""

    status: str
    values: tuple[str, ...]
    ttl: int | None
    record: str | None
    reason: str
    failed_open: bool = False


def _nothing(status: str, reason: str) -> Answer:
    return Answer(status, (), None, None, reason)


def _ttl(r: Record, target_ttls: Mapping[str, int]) -> int | None:
    if r.alias is None:
        return r.ttl
    if r.values[0] in target_ttls:
        return target_ttls[r.values[0]]
    return ELB_TTL if r.alias == "elb" else None


class _Context:
    def __init__(self, zone, query, health, targets, target_ttls, draw):
        self.zone, self.query, self.health, self.targets = zone, query, health, targets
        self.target_ttls, self.draw = target_ttls, draw

    def healthy(self, r: Record, depth: int) -> tuple[bool, str]:
        if r.health_check is not None and not self.health.get(r.health_check, True):
            return False, f"{r.label} is unhealthy (health check {r.health_check})"
        if r.alias is not None and r.evaluate_target_health:
            if r.alias == "record":
                inner = self.answer(r.values[0], r.type, depth + 1)
                if not inner.values or inner.failed_open:
                    return False, f"{r.label}'s target {r.values[0]} has no healthy record"
            elif not self.targets.get(r.values[0], True):
                return False, f"{r.label}'s target {r.values[0]} is unhealthy"
        return True, ""

    def answer(self, name: str, rtype: str, depth: int = 0) -> Answer:
        if depth > MAX_ALIAS_DEPTH:
            raise ValueError(f"alias chain at {name} is deeper than {MAX_ALIAS_DEPTH}")
        name = name.rstrip(".").lower()
        zone = self.zone
        if not (name == zone.apex or name.endswith("." + zone.apex)):
            return _nothing("NXDOMAIN", f"{name} is not in the hosted zone {zone.apex}")
        group = zone.groups.get((name, rtype)) or zone.groups.get((name, "CNAME"))
        if group is None:
            if name in zone.names():
                return _nothing("NODATA", f"{name} has no {rtype} record")
            return _nothing("NXDOMAIN", f"no record named {name}")
        chosen, reason, failed_open = _POLICIES[group[0].policy](self, group, depth)
        if not chosen:
            return _nothing("NODATA", reason)
        first = chosen[0]
        if first.alias == "record":
            inner = self.answer(first.values[0], first.type, depth + 1)
            reason += f"; alias to {first.values[0]}: {inner.reason}"
            return Answer(inner.status, inner.values, inner.ttl, first.label, reason, failed_open)
        values = tuple(v for r in chosen for v in r.values)
        return Answer(
            "NOERROR", values, _ttl(first, self.target_ttls), first.label, reason, failed_open
        )

    def split(self, group: Sequence[Record], depth: int) -> tuple[list[Record], list[str]]:
        healthy, why = [], []
        for r in group:
            ok, reason = self.healthy(r, depth)
            (healthy.append(r) if ok else why.append(reason))
        return healthy, why


def _because(why: list[str]) -> str:
    return f" ({'; '.join(why)})" if why else ""


def _simple(ctx: _Context, group, depth):
    r = group[0]
    if len(r.values) == 1:
        return [r], f"simple record {r.label}", False
    return [r], f"simple record: all {len(r.values)} values (the client picks one)", False


def weighted_shares(weights: Sequence[int], healthy: Sequence[bool]) -> np.ndarray:
    """Share of answers each weighted record gets: weight / sum over the healthy records with
    weight > 0; if none, the healthy weight-0 records equally; if no record is healthy, as if
    all were (fail open). All weights 0: equal shares."""
    w = np.asarray(weights, dtype=float)
    ok = np.asarray(healthy, dtype=bool)
    if w.shape != ok.shape or w.ndim != 1 or len(w) == 0:
        raise ValueError(
            f"weights and healthy must be equal-length lists, got {weights}, {healthy}"
        )
    if (w < 0).any():
        raise ValueError(f"weights must be >= 0, got {list(weights)}")
    for pool in (ok & (w > 0), ok & (w == 0), w > 0, w == 0):
        if pool.any():
            share = np.where(pool, w if (w[pool] > 0).all() else 1.0, 0.0)
            return share / share.sum()
    raise AssertionError("unreachable")  # pragma: no cover


def _weighted(ctx: _Context, group, depth):
    healthy, why = ctx.split(group, depth)
    ok = [r in healthy for r in group]
    shares = weighted_shares([r.weight for r in group], ok)
    pick = int(np.searchsorted(np.cumsum(shares), ctx.draw, side="right"))
    r = group[min(pick, len(group) - 1)]
    reason = f"weighted: {r.label} drawn with share {shares[group.index(r)]:.0%}"
    return [r], reason + _because(why), not any(ok)


def _failover(ctx: _Context, group, depth):
    primary = next((r for r in group if r.failover == "PRIMARY"), None)
    secondary = next((r for r in group if r.failover == "SECONDARY"), None)
    healthy, why = ctx.split(group, depth)
    for r in (primary, secondary):
        if r is not None and r in healthy:
            return [r], f"failover: {r.failover} {r.label} answers" + _because(why), False
    r = primary or secondary
    return (
        [r],
        f"failover: nothing healthy, so {r.failover} {r.label} answers (fail open)" + _because(why),
        True,
    )


def _ranked(ctx: _Context, group, depth, ranked: list[Record], what: str):
    healthy, why = ctx.split(group, depth)
    for r in ranked:
        if r in healthy:
            return (
                [r],
                f"{what}: {r.label} ({r.region}) is the closest healthy" + _because(why),
                False,
            )
    r = ranked[0]
    return (
        [r],
        f"{what}: nothing healthy, so the closest {r.label} answers (fail open)" + _because(why),
        True,
    )


def _distances(ctx: _Context, group) -> np.ndarray:
    p = ctx.query.place
    return np.array([geo.distance_km(p.lat, p.lon, *geo.region_position(r.region)) for r in group])


def _latency(ctx: _Context, group, depth):
    order = np.argsort(geo.latency_ms(_distances(ctx, group)), kind="stable")
    return _ranked(ctx, group, depth, [group[i] for i in order], "latency")


def _geoproximity(ctx: _Context, group, depth):
    d = _distances(ctx, group)
    biased = [geo.biased_distance(x, r.bias) for x, r in zip(d, group, strict=True)]
    order = np.argsort(biased, kind="stable")
    return _ranked(ctx, group, depth, [group[i] for i in order], "geoproximity (biased distance)")


def _geo_rank(r: Record, place: geo.Place) -> int | None:
    if r.location == DEFAULT:
        return 3
    continent, country, subdivision = r.location
    if subdivision is not None:
        return 0 if (country, subdivision) == (place.country, place.subdivision) else None
    if country is not None:
        return 1 if country == place.country else None
    return 2 if continent == place.continent else None


def _geolocation(ctx: _Context, group, depth):
    place = ctx.query.place
    matches = sorted(
        (rank, i) for i, r in enumerate(group) if (rank := _geo_rank(r, place)) is not None
    )
    if not matches:
        where = place.country or place.continent or "an unknown place"
        return [], f"geolocation: no record matches {where} and there is no default record", False
    ranked = [group[i] for _, i in matches]
    healthy, why = ctx.split(ranked, depth)
    levels = ("subdivision", "country", "continent", "default")
    for rank, i in matches:
        if group[i] in healthy:
            return (
                [group[i]],
                f"geolocation: {group[i].label} matches by {levels[rank]}" + _because(why),
                False,
            )
    return (
        [ranked[0]],
        f"geolocation: no match is healthy, so {ranked[0].label} answers (fail open)"
        + _because(why),
        True,
    )


def _multivalue(ctx: _Context, group, depth):
    healthy, why = ctx.split(group, depth)
    pool = healthy or list(group)
    if len(pool) > MULTIVALUE_MAX:
        start = int(ctx.draw * len(pool))
        pool = (pool[start:] + pool[:start])[:MULTIVALUE_MAX]
    state = "healthy" if healthy else "unhealthy (none is healthy)"
    return pool, f"multivalue: {len(pool)} {state} record(s)" + _because(why), not healthy


def _ip(ctx: _Context, group, depth):
    address = ipaddress.ip_address(ctx.query.resolver_ip)
    best: tuple[int, Record] | None = None
    for r in group:
        for block in r.cidrs:
            if block == DEFAULT:
                continue
            net = ipaddress.ip_network(block)
            inside = address.version == net.version and address in net
            if inside and (best is None or net.prefixlen > best[0]):
                best = (net.prefixlen, r)
    default = next((r for r in group if DEFAULT in r.cidrs), None)
    healthy, why = ctx.split(group, depth)
    for r, how in ((best[1] if best else None, "its CIDR block matches"), (default, "default")):
        if r is not None and r in healthy:
            return [r], f"IP-based: {r.label} ({how}) for resolver {address}" + _because(why), False
    if best is None and default is None:
        return [], f"IP-based: no CIDR block holds {address} and there is no default", False
    r = best[1] if best else default
    return [r], f"IP-based: nothing healthy, so {r.label} answers (fail open)" + _because(why), True


_POLICIES = {
    "simple": _simple,
    "weighted": _weighted,
    "failover": _failover,
    "latency": _latency,
    "geolocation": _geolocation,
    "geoproximity": _geoproximity,
    "multivalue": _multivalue,
    "ip": _ip,
}


def resolve(
    zone: Zone,
    query: Query,
    health: Mapping[str, bool] | None = None,
    targets: Mapping[str, bool] | None = None,
    *,
    target_ttls: Mapping[str, int] | None = None,
    draw: float = 0.5,
) -> Answer:
    """Route 53's answer to ``query`` from ``zone`` (see the module docstring).

    ``health``: health check id → healthy; ``targets``: alias target DNS name → healthy
    (read when the alias evaluates target health); ``target_ttls``: alias target → its TTL
    (an ELB's is 60 s without it); ``draw`` in [0, 1): the random number for weighted and
    multivalue choices."""
    if not isinstance(zone, Zone):
        raise ValueError(f"zone must be a Zone (make_zone), got {type(zone).__name__}")
    if not isinstance(query, Query):
        raise ValueError(f"query must be a Query, got {type(query).__name__}")
    number("draw", draw, 0.0, 1.0)
    if draw >= 1.0:
        raise ValueError(f"draw must be in [0, 1), got {draw!r}")
    ctx = _Context(zone, query, health or {}, targets or {}, target_ttls or {}, draw)
    return ctx.answer(query.name, query.type)
