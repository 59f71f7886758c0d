"""API Gateway model benchmark: the throttling model alone, one hour of 10,000 requests per
second at one-second resolution (the account's default rate, one key with a usage plan and a
stage throttle, so every level of the bucket chain runs)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from aws_compute_course.topics import api_gateway as ag


def throttle_hour(repeats: int = 5) -> dict:
    """Seconds to simulate 3,600 s x 10,000 requests/s (median and max of ``repeats`` runs)."""
    stream = ag.request_pattern("steady", 3600, base_rps=10_000, seed=1)
    plan = ag.UsagePlan(9_000, 5_000, quota=30_000_000)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run = ag.simulate({"key": stream}, {"key": plan}, stage=ag.Bucket(9_500, 5_000))
        times.append(time.perf_counter() - start)
    return {
        "seconds_simulated": 3600,
        "requests": int(stream.sum()),
        "served": run.served_total,
        "throttled": run.throttled_total,
        "runs": repeats,
        "median_ms": round(1000 * statistics.median(times), 1),
        "max_ms": round(1000 * max(times), 1),
    }


def benchmarks() -> dict[str, Callable[[], dict]]:
    return {"api_gateway.throttle_hour_10k_rps": throttle_hour}


if __name__ == "__main__":
    import json

    for name, bench in benchmarks().items():
        print(json.dumps({"bench": name, **bench()}))
