"""What share each endpoint really gets when resolvers cache weighted answers for the TTL.

Route 53 draws one weighted record per query it receives, but it receives queries from
resolvers, not users: a resolver caches the answer for the TTL and sends all its clients
there. With a few busy resolvers (large ISPs, public resolvers) the real split over a
minute can be far from the weights, and an endpoint whose health check fails keeps
traffic until the caches expire.

The resolver population is the model's assumption (illustrative): ``resolvers`` resolvers
with client volumes drawn from a seeded log-normal distribution (a few carry much of the
traffic), each cache filled at a random moment. :func:`multivalue_traffic` runs the same resolvers
for multivalue answer records.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from aws_compute_course import facts
from aws_compute_course.topics.route53.resolver import MULTIVALUE_MAX, weighted_shares
from aws_compute_course.validate import flag, integer, number

WEIGHT_MAX = facts.integer("route53.weight_max")


@dataclass(frozen=True)
class TrafficSplit:
    """Per time bin and endpoint: ``share`` (E × B, columns sum to 1); ``bin_start`` (s);
    ``configured_before``/``configured_after``: the split Route 53's draws aim at before and
    after ``change_s`` (health changes); ``realised``: each endpoint's share over the whole
    run; ``drain_s``: seconds after the change until the last cached answer to a newly
    unhealthy endpoint expired (0 when none became unhealthy)."""

    share: np.ndarray
    bin_start: np.ndarray
    configured_before: np.ndarray
    configured_after: np.ndarray
    realised: np.ndarray
    drain_s: float


def _check_run(n: int, healthy_after, ttl_s, change_s, duration_s, bin_s, resolvers, seed):
    for i, h in enumerate(healthy_after):
        flag(f"healthy_after[{i}]", h)
    integer("ttl_s", ttl_s, 1, 3600)
    integer("duration_s", duration_s, 60, 24 * 3600)
    integer("bin_s", bin_s, 1, duration_s)
    number("change_s", change_s, 0.0, duration_s)
    integer("resolvers", resolvers, 1, 100_000)
    integer("seed", seed, 0)


def _run(
    answers: Callable[[np.random.Generator, np.ndarray], np.ndarray],
    before: np.ndarray,
    after: np.ndarray,
    healthy_after: Sequence[bool],
    ttl_s: int,
    change_s: float,
    duration_s: int,
    bin_s: int,
    resolvers: int,
    seed: int,
) -> TrafficSplit:
    """The common simulation: ``answers(rng, fetch_times)`` gives, per resolver and cache
    refresh, the endpoint its clients go to (R × K integers) or each endpoint's share of
    them (R × K × E, rows summing to 1)."""
    n = len(before)
    rng = np.random.default_rng(seed)
    volume = rng.lognormal(0.0, 1.2, resolvers)
    phase = rng.uniform(0.0, ttl_s, resolvers)
    refreshes = int(np.ceil(duration_s / ttl_s)) + 1
    fetch = phase[:, None] + (np.arange(refreshes) - 1) * ttl_s  # first fetch before t=0
    split = answers(rng, fetch)
    bin_start = np.arange(0, duration_s, bin_s, dtype=float)
    mid = bin_start + bin_s / 2
    bins = len(bin_start)
    k = np.floor((mid[None, :] - phase[:, None]) / ttl_s).astype(int) + 1
    if split.ndim == 2:  # one endpoint per refresh: count volumes per (endpoint, bin)
        answer = np.take_along_axis(split, k, axis=1)  # resolver × bin
        cells = (answer * bins + np.arange(bins)).ravel()
        weights = np.repeat(volume, bins)
        share = np.bincount(cells, weights, minlength=n * bins).reshape(n, bins)
        reaches = np.stack([answer == e for e in range(n)], axis=-1)
    else:
        in_effect = np.take_along_axis(split, k[..., None], axis=1)  # resolver × bin × endpoint
        share = np.einsum("r,rbe->eb", volume, in_effect)
        reaches = in_effect > 0
    share /= share.sum(axis=0, keepdims=True)
    newly_down = [i for i in range(n) if not healthy_after[i] and after[i] == 0 and before[i] > 0]
    drain = 0.0
    if newly_down:
        on_down = reaches[..., newly_down].any(axis=(0, 2)) & (mid >= change_s)
        last = bin_start[on_down].max() + bin_s if on_down.any() else change_s
        drain = max(0.0, float(last - change_s))
    return TrafficSplit(share, bin_start, before, after, share.mean(axis=1), drain)


def weighted_traffic(
    weights: Sequence[int],
    healthy_after: Sequence[bool],
    ttl_s: int = 60,
    *,
    change_s: float = 300.0,
    duration_s: int = 900,
    bin_s: int = 10,
    resolvers: int = 300,
    seed: int = 53,
) -> TrafficSplit:
    """Simulate ``duration_s`` seconds of queries through caching resolvers; every endpoint
    is healthy until ``change_s``, then ``healthy_after`` holds. Each cache refresh draws
    one weighted record (:func:`..resolver.weighted_shares`)."""
    if len(weights) != len(healthy_after) or not 1 <= len(weights) <= 16:
        raise ValueError(
            "weights and healthy_after must have 1-16 entries each, "
            f"got {len(weights)} and {len(healthy_after)}"
        )
    for i, w in enumerate(weights):
        integer(f"weights[{i}]", w, 0, WEIGHT_MAX)
    _check_run(len(weights), healthy_after, ttl_s, change_s, duration_s, bin_s, resolvers, seed)
    n = len(weights)
    before = weighted_shares(weights, [True] * n)
    after = weighted_shares(weights, healthy_after)

    def draw(rng: np.random.Generator, fetch: np.ndarray) -> np.ndarray:
        draws = rng.uniform(0.0, 1.0, fetch.shape)
        old = np.searchsorted(np.cumsum(before), draws, side="right")
        new = np.searchsorted(np.cumsum(after), draws, side="right")
        return np.minimum(np.where(fetch >= change_s, new, old), n - 1)

    return _run(
        draw, before, after, healthy_after, ttl_s, change_s, duration_s, bin_s, resolvers, seed
    )


def multivalue_shares(healthy: Sequence[bool]) -> np.ndarray:
    """Share of clients per record when every answer holds the healthy records (up to 8,
    different sets for different resolvers when more are healthy) and clients pick one at
    random: equal over the healthy records; over all of them when none is healthy."""
    ok = np.asarray([flag(f"healthy[{i}]", h) for i, h in enumerate(healthy)], dtype=bool)
    if ok.size == 0:
        raise ValueError("healthy must list at least one record, got []")
    pool = ok if ok.any() else np.ones_like(ok)
    return pool / pool.sum()


def multivalue_traffic(
    healthy_after: Sequence[bool],
    ttl_s: int = 60,
    *,
    change_s: float = 300.0,
    duration_s: int = 900,
    bin_s: int = 10,
    resolvers: int = 300,
    seed: int = 53,
) -> TrafficSplit:
    """The same simulation for multivalue answer records (one value each): a refresh caches
    up to 8 healthy values (a random 8 when more are healthy) and the resolver's clients
    spread evenly over them. Clients that pick a failed value may retry another from the
    answer (client software, not Route 53); the shares count first picks."""
    if not 1 <= len(healthy_after) <= 64:
        raise ValueError(f"healthy_after must have 1-64 entries, got {len(healthy_after)}")
    _check_run(
        len(healthy_after), healthy_after, ttl_s, change_s, duration_s, bin_s, resolvers, seed
    )
    n = len(healthy_after)
    before = multivalue_shares([True] * n)
    after = multivalue_shares(healthy_after)

    def pick(rng: np.random.Generator, fetch: np.ndarray) -> np.ndarray:
        pools = np.where((fetch >= change_s)[..., None], after > 0, before > 0)
        if n > MULTIVALUE_MAX:  # keep a random 8 of each pool
            keys = np.where(pools, rng.uniform(0.0, 1.0, pools.shape), 2.0)
            kth = np.sort(keys, axis=-1)[..., MULTIVALUE_MAX - 1 : MULTIVALUE_MAX]
            pools = pools & (keys <= kth)
        return pools / pools.sum(axis=-1, keepdims=True)

    return _run(
        pick, before, after, healthy_after, ttl_s, change_s, duration_s, bin_s, resolvers, seed
    )
