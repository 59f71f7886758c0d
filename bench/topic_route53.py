"""Route 53 model benchmark: the resolver alone, 100,000 queries against one hosted zone of
1,000 records (250 names, each a group of four records: weighted, latency, geolocation,
multivalue or IP-based in turn, every record with a health check, one in ten unhealthy),
from eight places and random resolver addresses."""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable

from aws_compute_course.topics import route53 as r53

REGIONS = ("us-east-1", "eu-west-1", "ap-southeast-1", "sa-east-1")
LOCATIONS = (("NA", None, None), (None, "DE", None), ("AS", None, None), "*")
PLACES = (
    r53.Place(40.7, -74.0, "NA", "US", "NY"),
    r53.Place(37.8, -122.4, "NA", "US", "CA"),
    r53.Place(52.5, 13.4, "EU", "DE"),
    r53.Place(48.9, 2.4, "EU", "FR"),
    r53.Place(35.7, 139.7, "AS", "JP"),
    r53.Place(-23.5, -46.6, "SA", "BR"),
    r53.Place(-33.9, 151.2, "OC", "AU"),
    r53.Place(-1.3, 36.8, "AF", "KE"),
)


def thousand_record_zone() -> r53.Zone:
    """250 names × 4 records; policies in turn."""
    records = []
    policies = ("weighted", "latency", "geolocation", "multivalue", "ip")
    for n in range(250):
        policy, name = policies[n % len(policies)], f"svc{n}.example.com"
        for k in range(4):
            settings = {
                "weighted": {"weight": 1 + k * 10},
                "latency": {"region": REGIONS[k]},
                "geolocation": {"location": LOCATIONS[k]},
                "multivalue": {},
                "ip": {"cidrs": (f"10.{k}.0.0/16",) if k < 3 else ("*",)},
            }[policy]
            records.append(
                r53.Record(name, "A", (f"192.0.{n % 250}.{k + 1}",), 60, policy,
                           f"{name}-{k}", health_check=f"hc-{n}-{k}", **settings)
            )  # fmt: skip
    return r53.make_zone("example.com", records)


def resolve_100k(queries: int = 100_000, repeats: int = 3) -> dict:
    """Seconds to answer ``queries`` queries (median and max of ``repeats`` runs)."""
    zone = thousand_record_zone()
    rng = random.Random(53)
    health = {f"hc-{n}-{k}": rng.random() > 0.1 for n in range(250) for k in range(4)}
    names = [f"svc{n}.example.com" for n in range(250)]
    batch = [
        (
            r53.Query(rng.choice(names), place=rng.choice(PLACES),
                      resolver_ip=f"10.{rng.randrange(5)}.{rng.randrange(256)}.1"),
            rng.random(),
        )
        for _ in range(queries)
    ]  # fmt: skip
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        answered = sum(r53.resolve(zone, q, health, draw=d).status == "NOERROR" for q, d in batch)
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    return {
        "records": len(zone.records),
        "queries": queries,
        "answered": answered,
        "runs": repeats,
        "median_s": round(median, 2),
        "max_s": round(max(times), 2),
        "us_per_query": round(1e6 * median / queries, 1),
    }


def benchmarks() -> dict[str, Callable[[], dict]]:
    return {"route53.resolve_100k_queries_1k_records": resolve_100k}


if __name__ == "__main__":
    import json

    for name, fn in benchmarks().items():
        print(json.dumps({"bench": name, **fn()}))
