"""Model-only benchmark of topic 09: every architecture evaluated on a 30-day workload at
one-minute resolution (bills with their lines, limits, the ranking), timed."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from aws_compute_course.topics import architectures as arch


def evaluate_month(repeats: int = 7) -> dict:
    """Every architecture's bill (43,200 one-minute steps), limits and the ranking."""
    w = arch.Workload(requests_per_month=3e8, shape="daily", days=30)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        arch.monthly_costs(w)
        arch.check_all(w)
        arch.rank(w)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {
        "architectures": len(arch.IDS),
        "minutes": int(w.profile.size),
        "n": repeats,
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[max(0, int(0.95 * repeats) - 1)], 1),
    }


def benchmarks() -> dict[str, Callable[[], dict]]:
    return {"architectures.month_all": evaluate_month}


if __name__ == "__main__":
    for name, fn in benchmarks().items():
        print({"bench": name, **fn()})
