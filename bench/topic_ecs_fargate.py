"""ECS placement model benchmark: 1,000 tasks placed on 100 container instances over three
Availability Zones with the two-step chain spread(attribute:ecs.availability-zone) →
binpack(memory), the model alone (no widget)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from aws_compute_course.topics import ecs_fargate as ecs

AZ = "attribute:ecs.availability-zone"
CHAIN = (("spread", AZ), ("binpack", "memory"))


def hundred_instances() -> list[ecs.ContainerInstance]:
    """100 instances: m5.xlarge-sized (4 vCPU, ~14 GiB registered), three zones in turn."""
    zones = ("us-east-1a", "us-east-1b", "us-east-1c")
    return [
        ecs.ContainerInstance(f"i-{k:03d}", "m5.xlarge", zones[k % 3], 4096, 14745)
        for k in range(100)
    ]


def place_1000(repeats: int = 7) -> dict:
    """Median and worst time to place 1,000 tasks (0.25 vCPU, 512 MiB)."""
    instances, task = hundred_instances(), ecs.TaskDefinition(256, 512)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        placement = ecs.place_tasks(instances, task, 1000, CHAIN)
        times.append(time.perf_counter() - start)
    assert placement.placed == 1000, placement.reason
    return {
        "tasks": 1000,
        "instances": 100,
        "repeats": repeats,
        "median_ms": round(statistics.median(times) * 1000, 2),
        "max_ms": round(max(times) * 1000, 2),
    }


def benchmarks() -> dict[str, Callable[[], dict]]:
    """Name -> function returning its figures (the lead's bench/run.py discovers this)."""
    return {"ecs_fargate.place_1000_tasks_100_instances": place_1000}


if __name__ == "__main__":
    for name, run in benchmarks().items():
        print({"bench": name, **run()})
