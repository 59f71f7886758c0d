"""The REST API cache: hit ratio, backend calls saved and cost, for a key popularity.

AWS documents the settings (sizes and their hourly price, TTL 300 s by default and at most
3,600 s, what is in the cache key, per-key invalidation with ``Cache-Control: max-age=0``)
but not how a given traffic mix hits. **The model's assumptions** (ours, not AWS's):

* Requests arrive as a Poisson stream of ``rps`` requests per second; key ``i`` of the
  ``keys`` distinct cache keys is asked for with probability ``p_i`` (Zipf with exponent
  ``zipf_s``: 0 is uniform, larger is more skewed).
* A miss fills the entry, which then serves hits for ``ttl_s`` seconds. So key ``i`` hits
  ``h_i = x / (1 + x)`` of its requests, with ``x = rps * p_i * ttl_s`` (the TTL-cache result).
* The cache holds ``size_gb * 10^9 / response_bytes`` entries. When the entries the TTLs
  would keep do not fit, the least recently used go first; then the TTL is replaced by the
  cache's characteristic time ``t_c`` where it is shorter (Che's approximation), found by
  bisection so that the entries kept fill the cache.
* A share ``invalidate_share`` of requests carries ``Cache-Control: max-age=0`` (authorized):
  each of those goes to the backend and refreshes the entry.

Prices come from the course's snapshot (keys ``apigw.cache.*``; only the 0.5 GB price is
grade M, the others L and illustrative: see each row's source).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from aws_compute_course import validate
from aws_compute_course.facts import integer, items
from aws_compute_course.pricing import Price, price

TTL_DEFAULT = integer("api_gateway.cache_ttl_default_s")
TTL_MAX = integer("api_gateway.cache_ttl_max_s")
RESPONSE_MAX_BYTES = integer("api_gateway.cache_response_max_bytes")
SIZES_GB = tuple(float(s) for s in items("api_gateway.cache_sizes_gb"))
HOURS_PER_MONTH = 730
"""Hours in a month for monthly figures (the course's convention, as AWS's price examples)."""
SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600
MAX_KEYS = 2_000_000
"""Largest key space the model accepts (it holds one probability per key)."""


def cache_price(size_gb: float) -> Price:
    """The hourly price row of a cache size (one of :data:`SIZES_GB`)."""
    validate.choice("size_gb", size_gb, SIZES_GB)
    label = f"{size_gb:g}".replace(".", "_")
    return price(f"apigw.cache.{label}gb")


def zipf_popularity(keys: int, zipf_s: float) -> np.ndarray:
    """Request probability of each of ``keys`` cache keys, most popular first (sums to 1)."""
    validate.integer("keys", keys, 1, MAX_KEYS)
    validate.number("zipf_s", zipf_s, 0.0, 3.0)
    weights = np.arange(1, keys + 1, dtype=float) ** -zipf_s
    return weights / weights.sum()


def cache_key_count(cardinalities: dict[str, int], in_key: set[str] | frozenset[str]) -> int:
    """Distinct cache keys: the product of the cardinalities of the parameters in the key.

    ``cardinalities`` maps each request parameter (path, query string, header) to its number
    of distinct values; ``in_key`` names those configured as cache key parameters (the
    resource path is always part of the key when it is listed). A parameter left out of the
    key shares one entry across its values: fewer keys, but possibly a wrong answer.
    """
    if not isinstance(cardinalities, dict) or not cardinalities:
        raise ValueError(f"cardinalities must map parameter names to counts, got {cardinalities!r}")
    unknown = sorted(set(in_key) - set(cardinalities))
    if unknown:
        raise ValueError(
            f"in_key names unknown parameters {unknown}; known: {sorted(cardinalities)}"
        )
    total = 1
    for name, count in cardinalities.items():
        validate.integer(f"cardinalities[{name!r}]", count, 1)
        if name in in_key or name == "path":
            total *= count
    return total


@dataclass(frozen=True)
class CacheResult:
    """A cache's effect on one request stream, per month."""

    hit_ratio: float
    capacity_entries: int
    entries_wanted: float
    """Entries the TTLs would keep without a size limit."""
    effective_ttl_s: float
    """The TTL, or the shorter characteristic time when the cache is full."""
    requests_per_month: float
    backend_calls_without: float
    backend_calls_with: float
    cache_cost: float
    backend_cost_without: float
    backend_cost_with: float
    api_cost: float
    """The API requests' own charge: the same with or without the cache."""
    price: Price

    @property
    def backend_calls_saved(self) -> float:
        return self.backend_calls_without - self.backend_calls_with

    @property
    def total_without(self) -> float:
        return self.api_cost + self.backend_cost_without

    @property
    def total_with(self) -> float:
        return self.api_cost + self.cache_cost + self.backend_cost_with

    @property
    def saving(self) -> float:
        """Monthly saving of the cache (negative: the cache costs more than it saves)."""
        return self.total_without - self.total_with


def _hit_ratio(rates: np.ndarray, ttl: float) -> float:
    x = rates * ttl
    return float((rates * x / (1 + x)).sum() / rates.sum())


def _occupancy(rates: np.ndarray, ttl: float) -> float:
    x = rates * ttl
    return float((x / (1 + x)).sum())


def characteristic_time(rates: np.ndarray, capacity: int, ttl: float) -> float:
    """The time an entry stays when ``capacity`` entries must hold the keys asked for at
    ``rates`` (per second): ``ttl`` when they fit, else the ``t`` < ``ttl`` that fills it."""
    if _occupancy(rates, ttl) <= capacity:
        return ttl
    low, high = 0.0, ttl
    for _ in range(40):
        mid = (low + high) / 2
        low, high = (mid, high) if _occupancy(rates, mid) <= capacity else (low, mid)
    return low


def cache_effect(
    *,
    rps: float,
    keys: int,
    zipf_s: float,
    ttl_s: float = TTL_DEFAULT,
    size_gb: float = 0.5,
    response_bytes: int = 10_000,
    invalidate_share: float = 0.0,
    backend_per_million: float = 0.20,
    api_per_million: float | None = None,
) -> CacheResult:
    """Hit ratio, backend calls and monthly cost with and without a REST API cache.

    ``backend_per_million`` is what one million backend calls cost you (an input: it depends
    on the backend); ``api_per_million`` the API's request price (default: the REST price of
    the first tier from the snapshot). ``ttl_s`` 0 means caching is off.
    """
    validate.positive("rps", rps)
    validate.number("ttl_s", ttl_s, 0, TTL_MAX)
    validate.integer("response_bytes", response_bytes, 1, RESPONSE_MAX_BYTES)
    validate.number("invalidate_share", invalidate_share, 0.0, 1.0)
    validate.number("backend_per_million", backend_per_million, 0.0, 1_000.0)
    if api_per_million is None:
        api_per_million = price("apigw.rest.per_million").price
    validate.number("api_per_million", api_per_million, 0.0, 1_000.0)
    row = cache_price(size_gb)
    rates = rps * zipf_popularity(keys, zipf_s)
    capacity = int(size_gb * 1e9 // response_bytes)
    wanted = _occupancy(rates, ttl_s)
    t_eff = characteristic_time(rates, capacity, ttl_s) if ttl_s > 0 else 0.0
    hit = (1 - invalidate_share) * _hit_ratio(rates, t_eff) if t_eff > 0 else 0.0
    monthly = rps * SECONDS_PER_MONTH
    return CacheResult(
        hit_ratio=hit,
        capacity_entries=capacity,
        entries_wanted=wanted,
        effective_ttl_s=t_eff,
        requests_per_month=monthly,
        backend_calls_without=monthly,
        backend_calls_with=monthly * (1 - hit),
        cache_cost=row.price * HOURS_PER_MONTH,
        backend_cost_without=monthly / 1e6 * backend_per_million,
        backend_cost_with=monthly * (1 - hit) / 1e6 * backend_per_million,
        api_cost=monthly / 1e6 * api_per_million,
        price=row,
    )


def hit_ratio_curve(rates: np.ndarray, ttls: np.ndarray, capacity: int) -> np.ndarray:
    """Hit ratio (no invalidation) for each TTL in ``ttls``, for a fixed capacity."""
    full = characteristic_time(rates, capacity, TTL_MAX)  # min(ttl, full) for every ttl
    return np.array([_hit_ratio(rates, min(t, full)) if t > 0 else 0.0 for t in ttls])
