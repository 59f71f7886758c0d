"""Auto Scaling model benchmark: the group simulator alone over 30 days of one-minute steps
(43,200 steps) of the flash-spike preset, target tracking at 50 % with a Stopped warm pool,
predictive scaling and a Spot mix with Capacity Rebalancing (everything the lab can turn
on); baseline: the same 30 days with a fixed-size group (the loop with no scaling)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from aws_compute_course.topics import auto_scaling as asg

DAYS = 30


def _timed(demand, group, repeats: int) -> list[float]:
    asg.simulate(demand, group)  # warm: imports, Spot prices cached
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        asg.simulate(demand, group)
        samples.append(time.perf_counter() - start)
    return samples


def simulate_30_days(repeats: int = 15) -> dict:
    """Median and worst of ``repeats`` 30-day simulations, against a fixed-size group."""
    demand = asg.demand_preset("flash_spike", days=DAYS, peak=2000.0, seed=0)
    full = asg.Group(
        max_size=100,
        warm_pool=asg.WarmPool(20, "Stopped"),
        predictive=asg.Predictive(),
        spot=asg.SpotMix(),
    )
    fixed = asg.Group(policy=None, desired=40, max_size=100)
    ours, base = _timed(demand, full, repeats), _timed(demand, fixed, repeats)
    return {
        "steps": len(demand),
        "n": repeats,
        "median_ms": round(1000 * statistics.median(ours), 2),
        "max_ms": round(1000 * max(ours), 2),
        "fixed_group_median_ms": round(1000 * statistics.median(base), 2),
    }


def benchmarks() -> dict[str, Callable[[], dict]]:
    return {"auto_scaling.simulate_30_days": simulate_30_days}


if __name__ == "__main__":
    for name, fn in benchmarks().items():
        print(name, fn())
