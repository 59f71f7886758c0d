"""API Gateway throttling as token buckets, applied in AWS's order, one second at a time.

AWS documents the algorithm (a token bucket: ``rate`` tokens are added per second, ``burst``
is the bucket's size, a request takes one token, a request that finds none gets 429) and the
order of the levels (usage plan per API key, then the stage or method, then the account per
Region). It publishes nothing finer, so **the model's assumptions** are ours:

* Time runs in whole seconds. Within a second requests arrive evenly and the bucket refills
  evenly, so a bucket holding ``b`` tokens at the start of a second serves
  ``min(arrivals, floor(b + rate))`` and ends with ``min(burst, b + rate - served)``.
* A request passes the levels in order; one refused at a level takes no token from the
  levels after it, and keeps the tokens it took before it.
* A usage plan's quota counts the key's requests that pass the plan (its quota and its
  bucket); once it is used up, the key gets 429 until the quota period starts again. The
  simulated run starts at the start of a quota period.
* Requests refused at the stage or account level are shared among the keys in proportion
  to what each key brought to that level.

Throttles are targets, applied on a best effort basis (AWS's words): real APIs can serve a
little more. Every number here is from the caller or from ``facts`` (the account defaults).
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from aws_compute_course import validate
from aws_compute_course.facts import integer, items

ACCOUNT_RATE = integer("api_gateway.account_rate_rps")
ACCOUNT_BURST = integer("api_gateway.account_burst")
QUOTA_PERIODS = items("api_gateway.quota_periods")
PERIOD_SECONDS = {"DAY": 86_400, "WEEK": 7 * 86_400, "MONTH": 30 * 86_400}
"""Length of a quota period in seconds; a month is taken as 30 days (our assumption)."""
MAX_SECONDS = 86_400
"""Longest simulated run: one day at one-second resolution."""
MAX_RATE = 1_000_000.0
"""Largest rate or burst the model accepts (a sanity bound, not an AWS limit)."""
PATTERNS = ("steady", "burst", "sawtooth", "recorded")

RECORDED_SAMPLE = """\
second,key,requests
0,partner-a,40
0,partner-b,10
1,partner-a,45
1,partner-b,12
2,partner-a,300
2,partner-b,9
3,partner-a,280
3,partner-b,11
4,partner-a,60
4,partner-b,10
5,partner-a,55
5,partner-b,150
6,partner-a,50
6,partner-b,160
7,partner-a,48
7,partner-b,14
8,partner-a,42
8,partner-b,10
9,partner-a,40
9,partner-b,8
"""
"""An illustrative recorded stream (``second,key,requests``), as an access log would give."""


@dataclass(frozen=True)
class Bucket:
    """A token bucket: ``rate`` tokens added per second, at most ``burst`` tokens held."""

    rate: float
    burst: float

    def __post_init__(self) -> None:
        validate.number("rate", self.rate, 0.0, MAX_RATE)
        validate.number("burst", self.burst, 0.0, MAX_RATE)


@dataclass(frozen=True)
class UsagePlan:
    """A usage plan's per-key limits: throttle ``rate``/``burst`` and an optional quota of
    ``quota`` requests per ``quota_period`` (``"DAY"``, ``"WEEK"`` or ``"MONTH"``)."""

    rate: float
    burst: float
    quota: int | None = None
    quota_period: str = "DAY"

    def __post_init__(self) -> None:
        Bucket(self.rate, self.burst)
        if self.quota is not None:
            validate.integer("quota", self.quota, 0)
        validate.choice("quota_period", self.quota_period, QUOTA_PERIODS)


@dataclass(frozen=True)
class ThrottleRun:
    """What a request stream met: per key and second (arrays of shape keys × seconds)."""

    keys: tuple[str, ...]
    arrivals: np.ndarray
    served: np.ndarray
    quota_refused: np.ndarray
    """429s because the key's quota was used up."""
    plan_throttled: np.ndarray
    """429s from the key's usage-plan bucket."""
    stage_throttled: np.ndarray
    account_throttled: np.ndarray
    plan_tokens: np.ndarray
    """Tokens left in each key's usage-plan bucket at the end of each second."""
    stage_tokens: np.ndarray
    """Tokens left in the stage bucket (one row) at the end of each second."""
    account_tokens: np.ndarray
    quota_exhausted_at: dict[str, int | None] = field(default_factory=dict)
    """The second in which each key's quota ran out (None: it never did)."""

    @property
    def throttled(self) -> np.ndarray:
        """All 429s per key and second."""
        return (
            self.quota_refused + self.plan_throttled + self.stage_throttled + self.account_throttled
        )

    @property
    def served_total(self) -> int:
        return int(self.served.sum())

    @property
    def throttled_total(self) -> int:
        return int(self.throttled.sum())

    def per_key(self) -> dict[str, dict[str, int]]:
        """Totals per key: arrivals, served and each kind of 429."""
        return {
            key: {
                "arrivals": int(self.arrivals[i].sum()),
                "served": int(self.served[i].sum()),
                "quota_refused": int(self.quota_refused[i].sum()),
                "plan_throttled": int(self.plan_throttled[i].sum()),
                "stage_throttled": int(self.stage_throttled[i].sum()),
                "account_throttled": int(self.account_throttled[i].sum()),
            }
            for i, key in enumerate(self.keys)
        }


def _counts(name: str, values: object) -> np.ndarray:
    array = np.asarray(values)
    if array.ndim != 1 or array.size == 0:
        raise ValueError(
            f"{name} must be a non-empty sequence of counts per second, got {values!r}"
        )
    if array.size > MAX_SECONDS:
        raise ValueError(f"{name} must cover at most {MAX_SECONDS:,} seconds, got {array.size:,}")
    if array.dtype.kind not in "iuf" or not np.all(np.isfinite(array)):
        raise ValueError(f"{name} must hold finite numbers, got dtype {array.dtype}")
    if np.any(array < 0) or np.any(array != np.floor(array)):
        raise ValueError(f"{name} must hold whole numbers >= 0 (requests per second)")
    return array.astype(np.int64)


def _take(bucket_tokens: float, rate: float, burst: float, wanted: int) -> tuple[int, float]:
    """Serve up to ``wanted`` from a bucket holding ``bucket_tokens``: (served, tokens left)."""
    available = bucket_tokens + rate
    served = min(wanted, math.floor(available + 1e-9))
    return served, min(burst, available - served)


def _share(refused: int, brought: list[int]) -> list[int]:
    """Split ``refused`` among keys in proportion to ``brought`` (largest remainders)."""
    total = sum(brought)
    if refused == 0 or total == 0:
        return [0] * len(brought)
    exact = [refused * b / total for b in brought]
    parts = [math.floor(e) for e in exact]
    order = sorted(range(len(brought)), key=lambda i: parts[i] - exact[i])
    for i in order[: refused - sum(parts)]:
        parts[i] += 1
    return parts


def simulate(
    arrivals: Mapping[str, Sequence[int] | np.ndarray],
    plans: Mapping[str, UsagePlan | None] | None = None,
    *,
    stage: Bucket | None = None,
    account: Bucket | None = None,
) -> ThrottleRun:
    """Run per-key request streams (requests per second) through API Gateway's throttles.

    ``plans`` gives each key its usage plan (a key without one, or with None, has no
    per-key limit); ``stage`` is the stage or method throttle (None: none set); ``account``
    the account-level bucket (default: the Region's default from the facts). Every bucket
    starts full. Bad input raises ``ValueError`` naming the parameter.
    """
    if not isinstance(arrivals, Mapping) or not arrivals:
        raise ValueError(
            f"arrivals must map each API key to its requests per second, got {arrivals!r}"
        )
    keys = tuple(arrivals)
    rows = [_counts(f"arrivals[{key!r}]", arrivals[key]) for key in keys]
    if len({len(r) for r in rows}) != 1:
        raise ValueError("arrivals must give every key the same number of seconds")
    plans = dict(plans or {})
    unknown = sorted(set(plans) - set(keys))
    if unknown:
        raise ValueError(f"plans names keys {unknown} that send no requests; keys: {list(keys)}")
    for key, plan in plans.items():
        if plan is not None and not isinstance(plan, UsagePlan):
            raise ValueError(f"plans[{key!r}] must be a UsagePlan or None, got {plan!r}")
    for name, bucket in (("stage", stage), ("account", account)):
        if bucket is not None and not isinstance(bucket, Bucket):
            raise ValueError(f"{name} must be a Bucket or None, got {bucket!r}")
    account = account or Bucket(ACCOUNT_RATE, ACCOUNT_BURST)
    return _run(keys, np.vstack(rows), [plans.get(k) for k in keys], stage, account)


def _run(
    keys: tuple[str, ...],
    counts: np.ndarray,
    plans: list[UsagePlan | None],
    stage: Bucket | None,
    account: Bucket,
) -> ThrottleRun:
    n_keys, seconds = counts.shape
    out = {
        name: np.zeros((n_keys, seconds))
        for name in ("served", "quota", "plan", "stage", "account")
    }
    plan_tokens = np.zeros((n_keys, seconds))
    stage_tokens, account_tokens = np.zeros(seconds), np.zeros(seconds)
    tokens = [p.burst if p else 0.0 for p in plans]
    left = [p.quota if p and p.quota is not None else None for p in plans]
    exhausted: dict[str, int | None] = dict.fromkeys(keys)
    stage_b = stage.burst if stage else 0.0
    account_b = account.burst
    data = counts.tolist()
    for t in range(seconds):
        passed = []
        for i, plan in enumerate(plans):
            wanted = data[i][t]
            if plan is not None:
                period = PERIOD_SECONDS[plan.quota_period]
                if plan.quota is not None and t > 0 and t % period == 0:
                    left[i] = plan.quota
                if left[i] is not None:
                    allowed = min(wanted, left[i])
                    out["quota"][i, t] = wanted - allowed
                    wanted = allowed
                got, tokens[i] = _take(tokens[i], plan.rate, plan.burst, wanted)
                out["plan"][i, t] = wanted - got
                if left[i] is not None:
                    left[i] -= got
                    if left[i] == 0 and exhausted[keys[i]] is None and plan.quota is not None:
                        exhausted[keys[i]] = t
                wanted = got
                plan_tokens[i, t] = tokens[i]
            passed.append(wanted)
        if stage is not None:
            got, stage_b = _take(stage_b, stage.rate, stage.burst, sum(passed))
            cut = _share(sum(passed) - got, passed)
            out["stage"][:, t] = cut
            passed = [p - c for p, c in zip(passed, cut, strict=True)]
            stage_tokens[t] = stage_b
        got, account_b = _take(account_b, account.rate, account.burst, sum(passed))
        cut = _share(sum(passed) - got, passed)
        out["account"][:, t] = cut
        out["served"][:, t] = [p - c for p, c in zip(passed, cut, strict=True)]
        account_tokens[t] = account_b
    return ThrottleRun(
        keys,
        counts,
        out["served"].astype(np.int64),
        out["quota"].astype(np.int64),
        out["plan"].astype(np.int64),
        out["stage"].astype(np.int64),
        out["account"].astype(np.int64),
        plan_tokens,
        stage_tokens,
        account_tokens,
        exhausted,
    )


def request_pattern(
    kind: str,
    seconds: int,
    *,
    base_rps: int,
    peak_rps: int | None = None,
    period_s: int = 30,
    seed: int = 0,
) -> np.ndarray:
    """Requests per second for ``seconds`` seconds (deterministic for a ``seed``).

    ``steady``: Poisson around ``base_rps``. ``burst``: ``base_rps`` with a spike to
    ``peak_rps`` for the first second of every ``period_s``. ``sawtooth``: a ramp from
    ``base_rps`` to ``peak_rps`` over each ``period_s``. ``recorded``: the illustrative
    :data:`RECORDED_SAMPLE` summed over keys, repeated to length.
    """
    validate.choice("kind", kind, PATTERNS)
    validate.integer("seconds", seconds, 1, MAX_SECONDS)
    validate.integer("base_rps", base_rps, 0, int(MAX_RATE))
    peak = (
        base_rps if peak_rps is None else validate.integer("peak_rps", peak_rps, 0, int(MAX_RATE))
    )
    validate.integer("period_s", period_s, 1, MAX_SECONDS)
    validate.integer("seed", seed, 0)
    t = np.arange(seconds)
    if kind == "steady":
        return np.random.default_rng(seed).poisson(base_rps, seconds).astype(np.int64)
    if kind == "burst":
        return np.where(t % period_s == 0, peak, base_rps).astype(np.int64)
    if kind == "sawtooth":
        phase = (t % period_s) / max(period_s - 1, 1)
        return np.rint(base_rps + (peak - base_rps) * phase).astype(np.int64)
    recorded = sum(parse_request_csv(RECORDED_SAMPLE).values())
    return np.resize(recorded, seconds).astype(np.int64)


def parse_request_csv(text: str) -> dict[str, np.ndarray]:
    """A recorded stream (CSV ``second,key,requests``) as requests per second per key.

    Seconds start at 0; a second a key does not list counts as 0 requests.
    """
    if not isinstance(text, str) or not text.strip():
        raise ValueError("text must be CSV text with the header second,key,requests")
    reader = csv.DictReader(io.StringIO(text))
    if reader.fieldnames != ["second", "key", "requests"]:
        raise ValueError(f"text must have the header second,key,requests, got {reader.fieldnames}")
    rows: list[tuple[int, str, int]] = []
    for line, row in enumerate(reader, start=2):
        try:
            second, requests = int(row["second"]), int(row["requests"])
        except (TypeError, ValueError):
            raise ValueError(f"text line {line}: second and requests must be integers") from None
        if not 0 <= second < MAX_SECONDS or requests < 0 or not row["key"]:
            raise ValueError(
                f"text line {line}: needs 0 <= second < {MAX_SECONDS}, a key, requests >= 0"
            )
        rows.append((second, row["key"], requests))
    if not rows:
        raise ValueError("text holds a header but no rows")
    length = max(r[0] for r in rows) + 1
    streams: dict[str, np.ndarray] = {}
    for second, key, requests in rows:
        streams.setdefault(key, np.zeros(length, dtype=np.int64))[second] += requests
    return streams


def burst_throttled(rate: float, burst: float, spike: int) -> int:
    """429s when ``spike`` requests arrive in one second at a full bucket (one bucket)."""
    validate.integer("spike", spike, 0)
    bucket = Bucket(rate, burst)
    served, _ = _take(bucket.burst, bucket.rate, bucket.burst, spike)
    return spike - served
