"""Fargate task sizes, and what N tasks cost for a month on Fargate against EC2 instances.

:func:`task_size` checks a CPU/memory pair against the Fargate table (a ``ValueError`` lists
the memory values the CPU allows), with the operating system, architecture, ephemeral
storage and Fargate Spot rules. :func:`compare_costs` prices ``tasks`` tasks for ``hours``
hours on Fargate (On-Demand and Spot) and on EC2 instances of one type (On-Demand, Spot and
a Compute Savings Plan at its advertised ceiling), with the instances sized by the placement
model (:func:`tasks_per_instance`, binpack on one instance) and a packing efficiency.

Prices: Fargate from the snapshot (``fargate.*``); EC2 from the EC2 topic's price book
(:func:`aws_compute_course.topics.ec2.price_book`: On-Demand from the snapshot, Spot from the
Spot model over synthetic prices, illustrative; the Savings Plan at its "up to" ceiling, a
best case). Fargate Spot is the Fargate price less ``spot_discount`` (AWS: up to 70 %, the
real discount varies). Storage above the free 20 GiB is not priced (not in the snapshot).

The model's own assumptions: an EC2 instance registers ``REGISTERED_MEMORY_SHARE`` of its
memory with ECS (the rest is the operating system's and the agent's; the real figure
depends on the AMI); ``packing`` is the share of an instance's task slots kept filled on
average (spread over zones, headroom for deployments and scaling).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from aws_compute_course import facts, pricing
from aws_compute_course.topics import ec2
from aws_compute_course.validate import choice, integer, number

CPU_UNITS_PER_VCPU = 1024
MIB_PER_GB = 1024
HOURS_PER_MONTH = 730
MAX_TASKS = 10_000
REGISTERED_MEMORY_SHARE = 0.9
"""Model assumption: share of an instance's memory it registers for tasks."""
SPOT_DISCOUNT_MAX = facts.number("ecs_fargate.fargate_spot_discount_max_percent") / 100
EPHEMERAL_DEFAULT = facts.integer("ecs_fargate.fargate_ephemeral_default_gib")
EPHEMERAL_MIN = facts.integer("ecs_fargate.fargate_ephemeral_min_gib")
EPHEMERAL_MAX = facts.integer("ecs_fargate.fargate_ephemeral_max_gib")
WINDOWS_MIN_CPU = facts.integer("ecs_fargate.fargate_windows_min_vcpu") * CPU_UNITS_PER_VCPU
LARGE_PLATFORM = facts.text("ecs_fargate.fargate_large_platform_version")
OPERATING_SYSTEMS = ("linux", "windows")
ARCHITECTURES = ("x86_64", "arm64")


def _spec(text: str) -> tuple[str, tuple[int, int]]:
    name, rest = text.split(":")
    vcpu, gib = (int(part.split()[0]) for part in rest.split(","))
    return name.strip(), (vcpu, gib)


INSTANCE_SPECS = dict(_spec(t) for t in facts.items("ecs_fargate.instance_specs"))
"""vCPU and GiB of the instance types with an On-Demand price in the snapshot."""


def _steps(low_gb: int, high_gb: int, step_gb: int) -> tuple[int, ...]:
    return tuple(g * MIB_PER_GB for g in range(low_gb, high_gb + 1, step_gb))


FARGATE_SIZES: dict[int, tuple[int, ...]] = {
    256: (512, 1024, 2048),
    512: _steps(1, 4, 1),
    1024: _steps(2, 8, 1),
    2048: _steps(4, 16, 1),
    4096: _steps(8, 30, 1),
    8192: _steps(16, 60, 4),
    16384: _steps(32, facts.integer("ecs_fargate.fargate_memory_max_gb"), 8),
}
"""Fargate CPU units -> the memory values (MiB) it allows (the AWS table)."""
assert max(FARGATE_SIZES) == facts.integer("ecs_fargate.fargate_vcpu_max") * CPU_UNITS_PER_VCPU
assert min(FARGATE_SIZES) == facts.integer("ecs_fargate.fargate_cpu_min_units")


@dataclass(frozen=True)
class FargateTask:
    """A valid Fargate task size: CPU units, memory MiB, OS, architecture, storage GiB."""

    cpu: int
    memory: int
    os: str = "linux"
    arch: str = "x86_64"
    ephemeral_gib: int = EPHEMERAL_DEFAULT

    @property
    def vcpu(self) -> float:
        return self.cpu / CPU_UNITS_PER_VCPU

    @property
    def memory_gb(self) -> float:
        return self.memory / MIB_PER_GB

    @property
    def needs_platform(self) -> str | None:
        """The Linux platform version this size needs, if any."""
        return LARGE_PLATFORM if self.cpu >= 8192 else None


def task_size(
    cpu: int, memory: int, os: str = "linux", arch: str = "x86_64", ephemeral_gib: int = 20
) -> FargateTask:
    """The Fargate task of ``cpu`` units and ``memory`` MiB, or ValueError saying why not."""
    choice("os", os, OPERATING_SYSTEMS)
    choice("arch", arch, ARCHITECTURES)
    if isinstance(cpu, bool) or not isinstance(cpu, int) or cpu not in FARGATE_SIZES:
        raise ValueError(f"cpu must be one of {sorted(FARGATE_SIZES)} CPU units, got {cpu!r}")
    allowed = FARGATE_SIZES[cpu]
    if isinstance(memory, bool) or not isinstance(memory, int) or memory not in allowed:
        raise ValueError(
            f"memory must be one of {allowed[0]}..{allowed[-1]} MiB allowed with cpu {cpu} "
            f"({', '.join(str(m) for m in allowed[:8])}{', ...' if len(allowed) > 8 else ''}),"
            f" got {memory!r}"
        )
    if os == "windows":
        if cpu < WINDOWS_MIN_CPU or cpu > 4096:
            raise ValueError(f"cpu must be 1024 to 4096 units for Windows on Fargate, got {cpu}")
        if arch != "x86_64":
            raise ValueError("arch must be x86_64 for Windows on Fargate, got 'arm64'")
    if ephemeral_gib != EPHEMERAL_DEFAULT:
        integer("ephemeral_gib", ephemeral_gib, EPHEMERAL_MIN, EPHEMERAL_MAX)
    return FargateTask(cpu, memory, os, arch, ephemeral_gib)


def spot_allowed(task: FargateTask) -> bool:
    """Fargate Spot runs Linux X86_64 tasks only."""
    return task.os == "linux" and task.arch == "x86_64"


def fargate_hourly(task: FargateTask, *, spot: bool = False, spot_discount: float = 0.7) -> float:
    """USD per hour for one Linux task (x86 or Arm), On-Demand or Fargate Spot."""
    if task.os != "linux":
        raise ValueError("os must be linux: the snapshot has Linux Fargate prices only")
    vcpu = pricing.price(f"fargate.vcpu.{'arm' if task.arch == 'arm64' else 'x86'}").price
    gb = pricing.price(f"fargate.memory.{'arm' if task.arch == 'arm64' else 'x86'}").price
    hourly = task.vcpu * vcpu + task.memory_gb * gb
    if not spot:
        return hourly
    if not spot_allowed(task):
        raise ValueError(f"spot: Fargate Spot runs Linux X86_64 tasks only, not {task.arch}")
    number("spot_discount", spot_discount, 0.0, SPOT_DISCOUNT_MAX)
    return hourly * (1 - spot_discount)


def tasks_per_instance(task_cpu: int, task_memory: int, instance_type: str) -> int:
    """How many tasks of this size binpack onto one instance of ``instance_type``."""
    from aws_compute_course.topics.ecs_fargate.placement import (
        ContainerInstance,
        TaskDefinition,
        place_tasks,
    )

    choice("instance_type", instance_type, INSTANCE_SPECS)
    vcpu, gib = INSTANCE_SPECS[instance_type]
    inst = ContainerInstance(
        "i-0", instance_type, "az-1", vcpu * CPU_UNITS_PER_VCPU,
        int(gib * MIB_PER_GB * REGISTERED_MEMORY_SHARE),
    )  # fmt: skip
    task = TaskDefinition(task_cpu, task_memory)
    return place_tasks([inst], task, 1000, [("binpack", "memory")]).placed


@dataclass(frozen=True)
class CostComparison:
    """Monthly USD per way of running the tasks, and the EC2 sizing behind it."""

    tasks: int
    hours: float
    instance_type: str
    per_instance: int
    instances: int
    monthly: dict[str, float]
    break_even_utilisation: float
    """The share of an instance's task slots that must be filled for EC2 On-Demand to cost
    what Fargate On-Demand costs (above 1: EC2 On-Demand never is cheaper at this size)."""

    @property
    def cheapest(self) -> str:
        return min(self.monthly, key=self.monthly.get)


def instances_needed(tasks: int, per_instance: int, packing: float, min_instances: int = 0) -> int:
    """Instances for ``tasks`` at ``per_instance`` slots kept ``packing`` full."""
    integer("tasks", tasks, 0, MAX_TASKS)
    integer("per_instance", per_instance, 1, 10_000)
    number("packing", packing, 0.0, 1.0, low_open=True)
    integer("min_instances", min_instances, 0, MAX_TASKS)
    return max(min_instances, math.ceil(tasks / (per_instance * packing) - 1e-9))


def compare_costs(
    task: FargateTask,
    tasks: int,
    instance_type: str = "m5.large",
    *,
    hours: float = HOURS_PER_MONTH,
    packing: float = 0.8,
    spot_discount: float = SPOT_DISCOUNT_MAX,
    min_instances: int = 2,
) -> CostComparison:
    """What ``tasks`` copies of ``task`` cost for ``hours`` (see the module docstring)."""
    if not isinstance(task, FargateTask):
        raise ValueError(f"task must be a FargateTask (task_size(...)), got {task!r}")
    integer("tasks", tasks, 0, MAX_TASKS)
    number("hours", hours, 0.0, 744.0)
    per = tasks_per_instance(task.cpu, task.memory, instance_type)
    if per == 0:
        raise ValueError(f"instance_type {instance_type} is too small for one task of this size")
    n = instances_needed(tasks, per, packing, min_instances if tasks else 0)
    book = ec2.price_book(instance_type, discount_basis="ceilings")
    fargate = fargate_hourly(task)
    monthly = {
        "Fargate": tasks * fargate * hours,
        "EC2 On-Demand": n * book.on_demand * hours,
        "EC2 Savings Plan (ceiling)": n * book.rates["sp_compute_3y"].hourly * hours,
        "EC2 Spot (illustrative)": n * book.rates["spot"].hourly * hours,
    }
    if spot_allowed(task):
        monthly["Fargate Spot"] = tasks * fargate_hourly(
            task, spot=True, spot_discount=spot_discount
        ) * hours  # fmt: skip
    return CostComparison(
        tasks, hours, instance_type, per, n, monthly, book.on_demand / (per * fargate)
    )


def break_even_tasks(
    task: FargateTask,
    instance_type: str = "m5.large",
    *,
    packing: float = 0.8,
    min_instances: int = 2,
    limit: int = 1000,
) -> int | None:
    """The smallest task count from which EC2 On-Demand costs no more than Fargate
    On-Demand at every count up to ``limit``, or None when there is none."""
    integer("limit", limit, 1, MAX_TASKS)
    per = tasks_per_instance(task.cpu, task.memory, instance_type)
    if per == 0:
        raise ValueError(f"instance_type {instance_type} is too small for one task of this size")
    od = pricing.on_demand_hourly(instance_type).price
    fargate = fargate_hourly(task)
    answer = None
    for n in range(limit, 0, -1):
        if instances_needed(n, per, packing, min_instances) * od <= n * fargate + 1e-12:
            answer = n
        else:
            break
    return answer


def cost_curves(
    task: FargateTask,
    counts: np.ndarray,
    instance_type: str = "m5.large",
    *,
    hours: float = HOURS_PER_MONTH,
    packing: float = 0.8,
    spot_discount: float = SPOT_DISCOUNT_MAX,
    min_instances: int = 2,
) -> dict[str, np.ndarray]:
    """:func:`compare_costs`'s monthly lines over task ``counts`` (an integer array)."""
    counts = np.asarray(counts)
    if counts.ndim != 1 or counts.dtype.kind not in "iu" or (counts < 0).any():
        raise ValueError("counts must be a 1-D array of task counts >= 0")
    top = compare_costs(
        task, int(counts.max(initial=0)), instance_type, hours=hours, packing=packing,
        spot_discount=spot_discount, min_instances=min_instances,
    )  # fmt: skip
    per = top.per_instance * packing
    instances = np.where(counts > 0, np.maximum(min_instances, np.ceil(counts / per - 1e-9)), 0)
    book = ec2.price_book(instance_type, discount_basis="ceilings")
    rates = {
        "EC2 On-Demand": book.on_demand,
        "EC2 Savings Plan (ceiling)": book.rates["sp_compute_3y"].hourly,
        "EC2 Spot (illustrative)": book.rates["spot"].hourly,
    }
    out = {"Fargate": counts * fargate_hourly(task) * hours}
    if spot_allowed(task):
        out["Fargate Spot"] = counts * fargate_hourly(task, spot=True, spot_discount=spot_discount)
        out["Fargate Spot"] = out["Fargate Spot"] * hours
    out |= {name: instances * rate * hours for name, rate in rates.items()}
    return out
