"""ALB listener rules: which rule a request matches, why the earlier ones did not, and what
happens next.

Rules are evaluated in priority order (lowest value first); the first rule whose conditions
all match wins, else the listener's default action runs. A condition holds one to three
values and matches when **any** value matches; a rule matches when **all** its conditions
match. Matching as AWS documents it:

* ``host-header``: case-insensitive, wildcards ``*`` (any characters) and ``?`` (one);
* ``path-pattern``: case-sensitive, wildcards, matched against the path without the query;
* ``http-header``: header name case-insensitive, value case-insensitive with wildcards;
* ``http-request-method``: exact and case-sensitive (``GET``, ``POST``, ...);
* ``query-string``: ``key=value`` or ``value`` pairs, case-insensitive with wildcards;
* ``source-ip``: CIDR blocks containing the client address.

A rule AWS would refuse raises ``ValueError``: a priority outside 1-50,000, two host (method,
path, source-IP) conditions, more than three values in a condition or five in a rule, more
than five wildcards, a bad character or CIDR, a forward to more than five target groups.
(Regex matching, also offered by AWS for host, header and path, is not modelled.)
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from aws_compute_course import validate
from aws_compute_course.facts import integer

FIELDS = (
    "host-header",
    "path-pattern",
    "http-header",
    "http-request-method",
    "query-string",
    "source-ip",
)
ONCE_PER_RULE = ("host-header", "path-pattern", "http-request-method", "source-ip")
ACTIONS = ("forward", "redirect", "fixed-response", "authenticate-oidc", "authenticate-cognito")
WILDCARD_FIELDS = ("host-header", "path-pattern", "http-header", "query-string")

PRIORITY_MAX = integer("load_balancers.rule_priority_max")
VALUES_PER_CONDITION = integer("load_balancers.values_per_condition")
VALUES_PER_RULE = integer("load_balancers.condition_values_per_rule")
WILDCARDS_PER_RULE = integer("load_balancers.wildcards_per_rule")
TARGET_GROUPS_PER_ACTION = integer("load_balancers.target_groups_per_action")
STICKINESS_MAX_S = integer("load_balancers.group_stickiness_max_seconds")
RULES_PER_ALB = integer("load_balancers.rules_per_alb")

_HOST_CHARS = re.compile(r"^[A-Za-z0-9\-_.*?]+$")
_PATH_CHARS = re.compile(r"^[A-Za-z0-9_\-.$/~\"'@:+&*?;]+$")
_METHOD_CHARS = re.compile(r"^[A-Z_\-]+$")


@lru_cache(maxsize=4096)
def _pattern(value: str, ignore_case: bool) -> re.Pattern:
    body = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in value)
    return re.compile(body, re.IGNORECASE | re.DOTALL if ignore_case else re.DOTALL)


def wildcard_match(pattern: str, text: str, *, ignore_case: bool) -> bool:
    """``text`` matches ``pattern`` entirely, ``*`` standing for any characters and ``?``
    for exactly one."""
    return _pattern(pattern, ignore_case).fullmatch(text) is not None


def _matcher(field_name: str, values: tuple[str, ...]) -> object:
    """What ``condition_matches`` tests against, prepared once per condition: one compiled
    alternation for wildcard fields, a set of methods, a list of networks, or the pairs."""
    if field_name in ("host-header", "path-pattern", "http-header"):
        ignore = field_name != "path-pattern"
        body = "|".join(f"(?:{_pattern(v, ignore).pattern})" for v in values)
        return re.compile(body, re.IGNORECASE | re.DOTALL if ignore else re.DOTALL)
    if field_name == "http-request-method":
        return frozenset(values)
    if field_name == "source-ip":
        return [ipaddress.ip_network(v) for v in values]
    return [v.rpartition("=")[::2] for v in values]


@dataclass(frozen=True)
class Condition:
    """One rule condition: its field, one to three values, and the header name for
    ``http-header`` (query values are ``"key=value"`` or ``"value"``)."""

    field: str
    values: tuple[str, ...]
    header: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "values", tuple(self.values))
        validate.choice("field", self.field, FIELDS)
        if not 1 <= len(self.values) <= VALUES_PER_CONDITION:
            raise ValueError(
                f"values must hold 1 to {VALUES_PER_CONDITION} values per condition, "
                f"got {len(self.values)} for {self.field}"
            )
        for v in self.values:
            if not isinstance(v, str) or not v:
                raise ValueError(f"values must be non-empty texts, got {v!r} for {self.field}")
            _check_value(self.field, v)
        if (self.field == "http-header") != (self.header is not None):
            raise ValueError(
                f"header must be given for http-header conditions only, got {self.header!r}"
            )
        if self.header is not None and not re.fullmatch(
            r"[A-Za-z0-9!#$%&'*+\-.^_`|~]+", self.header
        ):
            raise ValueError(f"header must be a valid HTTP header name, got {self.header!r}")
        object.__setattr__(self, "_match", _matcher(self.field, self.values))

    @property
    def wildcards(self) -> int:
        if self.field not in WILDCARD_FIELDS:
            return 0
        return sum(v.count("*") + v.count("?") for v in self.values)

    def describe(self) -> str:
        what = f"header {self.header}" if self.header else self.field
        return f"{what} in {list(self.values)}"


def _check_value(field_name: str, v: str) -> None:
    if field_name == "host-header":
        if not _HOST_CHARS.match(v) or "." not in v or len(v) > 128:
            raise ValueError(
                f"values: host pattern {v!r} must be at most 128 characters of a-z, 0-9, "
                "- _ . * ? and contain at least one '.'"
            )
    elif field_name == "path-pattern":
        if not _PATH_CHARS.match(v) or len(v) > 128:
            raise ValueError(f"values: path pattern {v!r} has a character AWS does not allow")
    elif field_name == "http-request-method":
        if not _METHOD_CHARS.match(v):
            raise ValueError(f"values: method {v!r} must be upper-case A-Z, '-' or '_'")
    elif field_name == "source-ip":
        try:
            ipaddress.ip_network(v, strict=True)
        except ValueError:
            raise ValueError(
                f"values: source IP {v!r} must be a CIDR block such as 10.0.0.0/8"
            ) from None
    elif field_name == "query-string" and v.count("=") > 1:
        raise ValueError(f"values: query pair {v!r} must be 'key=value' or 'value'")


@dataclass(frozen=True)
class Request:
    """An HTTP request as the listener sees it."""

    host: str
    path: str = "/"
    method: str = "GET"
    headers: Mapping[str, str] = field(default_factory=dict)
    query: Mapping[str, str] = field(default_factory=dict)
    source_ip: str = "203.0.113.10"

    def __post_init__(self) -> None:
        if not isinstance(self.host, str) or not self.host:
            raise ValueError(f"host must be a non-empty text, got {self.host!r}")
        if not isinstance(self.path, str) or not self.path.startswith("/"):
            raise ValueError(f"path must start with '/', got {self.path!r}")
        if not isinstance(self.method, str) or not self.method:
            raise ValueError(f"method must be a non-empty text, got {self.method!r}")
        try:
            object.__setattr__(self, "_ip", ipaddress.ip_address(self.source_ip))
        except ValueError:
            raise ValueError(f"source_ip must be an IP address, got {self.source_ip!r}") from None
        object.__setattr__(self, "_headers", {k.lower(): v for k, v in self.headers.items()})
        object.__setattr__(self, "_host", self.host.split(":", 1)[0])


def condition_matches(c: Condition, r: Request) -> bool:
    """Whether request ``r`` meets condition ``c`` (any of its values)."""
    f, m = c.field, c._match  # type: ignore[attr-defined]
    if f == "host-header":
        return m.fullmatch(r._host) is not None  # type: ignore[attr-defined]
    if f == "path-pattern":
        return m.fullmatch(r.path) is not None
    if f == "http-request-method":
        return r.method in m
    if f == "http-header":
        got = r._headers.get(c.header.lower())  # type: ignore[attr-defined, union-attr]
        return got is not None and m.fullmatch(got) is not None
    if f == "source-ip":
        return any(r._ip in net for net in m)  # type: ignore[attr-defined]
    return any(
        (not key or wildcard_match(key, k, ignore_case=True))
        and wildcard_match(val, qv, ignore_case=True)
        for key, val in m
        for k, qv in r.query.items()
    )


@dataclass(frozen=True)
class Action:
    """What a rule does: forward (to weighted target groups, optionally with group
    stickiness), redirect, fixed-response or authenticate (then forward)."""

    kind: str
    target_groups: tuple[tuple[str, int], ...] = ()
    stickiness_seconds: int = 0
    status_code: int = 0
    detail: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "target_groups", tuple(tuple(t) for t in self.target_groups))
        validate.choice("kind", self.kind, ACTIONS)
        if self.kind in ("forward", "authenticate-oidc", "authenticate-cognito"):
            if not 1 <= len(self.target_groups) <= TARGET_GROUPS_PER_ACTION:
                raise ValueError(
                    f"target_groups must list 1 to {TARGET_GROUPS_PER_ACTION} target groups, "
                    f"got {len(self.target_groups)}"
                )
            for name, weight in self.target_groups:
                validate.integer(f"weight of {name}", weight, 0)
            if sum(w for _, w in self.target_groups) == 0:
                raise ValueError("target_groups must have at least one positive weight")
        if self.stickiness_seconds:
            validate.integer("stickiness_seconds", self.stickiness_seconds, 1, STICKINESS_MAX_S)
        if self.kind == "redirect":
            validate.choice("status_code", self.status_code, (301, 302))
        if self.kind == "fixed-response":
            validate.integer("status_code", self.status_code, 200, 599)

    def shares(self) -> dict[str, float]:
        """Each target group's share of the requests this action forwards."""
        total = sum(w for _, w in self.target_groups)
        return {name: w / total for name, w in self.target_groups} if total else {}

    def describe(self) -> str:
        if self.kind == "redirect":
            return f"redirect ({self.status_code}) to {self.detail}"
        if self.kind == "fixed-response":
            return f"fixed response {self.status_code} {self.detail}".rstrip()
        groups = ", ".join(f"{n} {s:.0%}" for n, s in self.shares().items())
        sticky = (
            f", group stickiness {self.stickiness_seconds} s" if self.stickiness_seconds else ""
        )
        then = "authenticate, then forward" if self.kind.startswith("authenticate") else "forward"
        return f"{then} to {groups}{sticky}"


@dataclass(frozen=True)
class Rule:
    """A listener rule: priority (1-50,000), one or more conditions, one action."""

    priority: int
    conditions: tuple[Condition, ...]
    action: Action
    name: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "conditions", tuple(self.conditions))
        validate.integer("priority", self.priority, 1, PRIORITY_MAX)
        if not self.conditions:
            raise ValueError(f"conditions: rule {self.label} needs at least one condition")
        for f in ONCE_PER_RULE:
            n = sum(c.field == f for c in self.conditions)
            if n > 1:
                raise ValueError(
                    f"conditions: rule {self.label} has {n} {f} conditions; at most one"
                )
        values = sum(len(c.values) for c in self.conditions)
        if values > VALUES_PER_RULE:
            raise ValueError(
                f"conditions: rule {self.label} has {values} condition values; "
                f"at most {VALUES_PER_RULE}"
            )
        wild = sum(c.wildcards for c in self.conditions)
        if wild > WILDCARDS_PER_RULE:
            raise ValueError(
                f"conditions: rule {self.label} has {wild} wildcards; at most {WILDCARDS_PER_RULE}"
            )
        if not isinstance(self.action, Action):
            raise ValueError(f"action must be an Action, got {self.action!r}")

    @property
    def label(self) -> str:
        return self.name or f"priority {self.priority}"


@dataclass(frozen=True)
class Evaluation:
    """The outcome of one request: the matching rule (None: the default action), the action
    taken, why each earlier rule did not match, and how many rules were evaluated."""

    rule: Rule | None
    action: Action
    misses: tuple[tuple[Rule, str], ...]
    rules_evaluated: int


def check_rules(rules: Sequence[Rule], max_rules: int = RULES_PER_ALB) -> tuple[Rule, ...]:
    """The rules sorted by priority, after checking the priorities are unique and the count
    is within ``max_rules`` (the adjustable quota per ALB)."""
    limit = validate.integer("max_rules", max_rules, 1)
    items = tuple(rules)
    for r in items:
        if not isinstance(r, Rule):
            raise ValueError(f"rules must hold Rule objects, got {r!r}")
    if len(items) > limit:
        raise ValueError(f"rules: {len(items)} rules, more than the quota of {limit}")
    seen: dict[int, str] = {}
    for r in items:
        if r.priority in seen:
            raise ValueError(
                f"rules: priority {r.priority} is used twice ({seen[r.priority]}, {r.label})"
            )
        seen[r.priority] = r.label
    return tuple(sorted(items, key=lambda r: r.priority))


def evaluate(
    rules: Sequence[Rule], request: Request, default: Action, *, explain: bool = True
) -> Evaluation:
    """The rule ``request`` matches among ``rules`` (checked and sorted by
    :func:`check_rules`) and the action taken; ``explain=False`` skips the reasons."""
    if not isinstance(default, Action):
        raise ValueError(f"default must be an Action, got {default!r}")
    if not isinstance(request, Request):
        raise ValueError(f"request must be a Request, got {request!r}")
    return _evaluate(check_rules(rules), request, default, explain)


def _evaluate(
    ordered: tuple[Rule, ...], request: Request, default: Action, explain: bool
) -> Evaluation:
    misses = []
    for i, rule in enumerate(ordered):
        failed = next((c for c in rule.conditions if not condition_matches(c, request)), None)
        if failed is None:
            return Evaluation(rule, rule.action, tuple(misses), i + 1)
        if explain:
            misses.append((rule, f"{failed.describe()} did not match"))
    return Evaluation(None, default, tuple(misses), len(ordered))


def evaluate_many(
    rules: Sequence[Rule], requests: Sequence[Request], default: Action
) -> list[int | None]:
    """For each request, the priority of the rule it matches (None: the default action)."""
    ordered = check_rules(rules)
    out: list[int | None] = []
    compiled = [(r.priority, r.conditions) for r in ordered]
    for request in requests:
        if not isinstance(request, Request):
            raise ValueError(f"requests must hold Request objects, got {request!r}")
        out.append(
            next(
                (p for p, conds in compiled if all(condition_matches(c, request) for c in conds)),
                None,
            )
        )
    return out


def conditions_met(rule: Rule, request: Request) -> int:
    """How many of ``rule``'s conditions ``request`` meets (all of them: the rule matches)."""
    return sum(condition_matches(c, request) for c in rule.conditions)


def illustrative_rules() -> tuple[tuple[Rule, ...], Action]:
    """An illustrative HTTPS listener of a SaaS (rules and default action), used by the
    course's rule evaluator and the assignment. Names and addresses are examples."""
    office = "198.51.100.0/24"
    rules = (
        R(
            10,
            [C("path-pattern", ["/health"])],
            A("fixed-response", status_code=200, detail="OK"),
            "health check",
        ),
        R(
            20,
            [C("path-pattern", ["/admin/*"]), C("source-ip", [office])],
            A("authenticate-oidc", [("admin", 1)]),
            "admin from the office",
        ),
        R(
            30,
            [C("path-pattern", ["/admin/*"])],
            A("fixed-response", status_code=403, detail="Forbidden"),
            "admin elsewhere",
        ),
        R(
            40,
            [C("host-header", ["api.example.com"]), C("http-header", ["true"], header="X-Canary")],
            A("forward", [("api-v2", 1)]),
            "API canary header",
        ),
        R(
            50,
            [C("host-header", ["api.example.com"])],
            A("forward", [("api-v1", 9), ("api-v2", 1)], stickiness_seconds=3600),
            "API 90/10",
        ),
        R(
            60,
            [C("http-header", ["*Mobile*"], header="User-Agent")],
            A("forward", [("mobile", 1)]),
            "mobile browsers",
        ),
        R(70, [C("query-string", ["version=1"])], A("forward", [("legacy", 1)]), "legacy version"),
        R(
            80,
            [C("path-pattern", ["/img/*", "/static/*"]), C("http-request-method", ["GET", "HEAD"])],
            A("forward", [("static", 1)]),
            "static files",
        ),
    )
    return rules, A("forward", [("web", 1)])


R, C, A = Rule, Condition, Action
