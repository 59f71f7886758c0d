"""ECS task placement on EC2 container instances: strategies, constraints, ports and ENIs.

:func:`place_tasks` places ``count`` copies of one task definition on a cluster, one task at
a time, the way the ECS scheduler describes it: keep the instances that have the CPU, the
memory, the port and (awsvpc) the ENI the task needs and that satisfy every constraint, then
narrow them with each strategy of the chain in turn. When no instance is left the task is
not placed, with the reason ECS reports (``RESOURCE:CPU``, ``RESOURCE:MEMORY``,
``RESOURCE:PORTS``, ``RESOURCE:ENI``, ``MemberOf constraint``, ``DistinctInstance
constraint``): the filter that removed the last candidates.

The model's own choices, where AWS publishes no rule:

* ties left after the whole chain go to the instance listed first (``random`` picks with a
  seeded generator, so a run is repeatable);
* a dynamic host port is the lowest free port of the fallback ephemeral range;
* ``fragmentation`` is the share of the cluster's free memory that sits on instances too
  full (in any resource) to take one more task.

The cluster query language is a subset: ``attribute:<name> <op> <value>`` with ``==``, ``!=``,
``=~`` (``*`` wildcards), ``in (a, b)`` and ``not in (a, b)``, joined by ``and`` or by ``or``
(not both, no parentheses). Every instance carries ``ecs.availability-zone`` and
``ecs.instance-type`` besides its own attributes.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from aws_compute_course import facts
from aws_compute_course.validate import choice, integer

STRATEGY_TYPES = facts.items("ecs_fargate.placement_strategy_types")
CONSTRAINT_TYPES = facts.items("ecs_fargate.placement_constraint_types")
NETWORK_MODES = facts.items("ecs_fargate.network_modes_linux_ec2")
DYNAMIC_PORT_MODE = facts.text("ecs_fargate.dynamic_port_network_mode")
EPHEMERAL_LOW, EPHEMERAL_HIGH = (
    int(port) for port in facts.text("ecs_fargate.ephemeral_port_range").split("-")
)
BINPACK_FIELDS = ("cpu", "memory")
MAX_TASKS = 100_000
REASONS = (
    "MemberOf constraint",
    "DistinctInstance constraint",
    "RESOURCE:CPU",
    "RESOURCE:MEMORY",
    "RESOURCE:PORTS",
    "RESOURCE:ENI",
)


@dataclass(frozen=True)
class ContainerInstance:
    """One registered EC2 container instance: its resources (CPU units, MiB), its zone,
    the ports it already holds and how many awsvpc tasks its ENIs allow (ENIs minus the
    primary one; more with ENI trunking)."""

    id: str
    instance_type: str
    az: str
    cpu: int
    memory: int
    awsvpc_task_limit: int = 2
    reserved_ports: tuple[int, ...] = ()
    attributes: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for name in ("id", "instance_type", "az"):
            if not isinstance(getattr(self, name), str) or not getattr(self, name).strip():
                raise ValueError(f"{name} must be a non-empty text, got {getattr(self, name)!r}")
        integer("cpu", self.cpu, 128, 1_000_000)
        integer("memory", self.memory, 128, 100_000_000)
        integer("awsvpc_task_limit", self.awsvpc_task_limit, 0, 1000)
        object.__setattr__(self, "reserved_ports", tuple(self.reserved_ports))
        for port in self.reserved_ports:
            integer("reserved_ports", port, 1, 65535)
        object.__setattr__(self, "attributes", dict(self.attributes))

    def attribute(self, name: str) -> str | None:
        """The value of ``name`` (``ecs.availability-zone``, ``ecs.instance-type`` or custom)."""
        builtin = {"ecs.availability-zone": self.az, "ecs.instance-type": self.instance_type}
        return builtin.get(name, self.attributes.get(name))


@dataclass(frozen=True)
class TaskDefinition:
    """The part of a task definition placement reads: CPU units, memory (MiB), the network
    mode and one port mapping (``host_port`` 0 or None in bridge mode: dynamic)."""

    cpu: int
    memory: int
    network_mode: str = "bridge"
    container_port: int | None = 80
    host_port: int | None = None

    def __post_init__(self) -> None:
        integer("cpu", self.cpu, 1, 1_000_000)
        integer("memory", self.memory, 1, 100_000_000)
        choice("network_mode", self.network_mode, NETWORK_MODES)
        if self.container_port is not None:
            integer("container_port", self.container_port, 1, 65535)
        if self.host_port is not None:
            integer("host_port", self.host_port, 0, 65535)
        if self.network_mode == "none" and self.container_port is not None:
            raise ValueError("container_port must be None in network mode 'none' (no ports)")
        dynamic = self.host_port in (0, None)
        static_only = self.network_mode in ("host", "awsvpc") and self.container_port is not None
        if static_only and self.host_port not in (None, self.container_port):
            raise ValueError(
                f"host_port must be None or equal container_port in {self.network_mode} mode"
                f" (dynamic host ports exist in {DYNAMIC_PORT_MODE} mode only), "
                f"got {self.host_port!r}"
            )
        if self.network_mode == "bridge" and not dynamic and self.container_port is None:
            raise ValueError("a static host_port needs a container_port")

    @property
    def static_port(self) -> int | None:
        """The host port every copy needs on its instance, or None (dynamic, awsvpc, none)."""
        if self.container_port is None or self.network_mode in ("awsvpc", "none"):
            return None
        if self.network_mode == "host":
            return self.container_port
        return None if self.host_port in (0, None) else self.host_port

    @property
    def dynamic_port(self) -> bool:
        return (
            self.network_mode == "bridge"
            and self.container_port is not None
            and (self.host_port in (0, None))
        )


Strategy = tuple[str, str | None]
Constraint = tuple[str, str | None]


def check_strategies(strategies: Sequence[Strategy]) -> tuple[Strategy, ...]:
    """The chain as a tuple; ValueError naming a bad type or field."""
    out = []
    for kind, fld in strategies:
        choice("strategy type", kind, STRATEGY_TYPES)
        if kind == "binpack":
            choice("binpack field", fld, BINPACK_FIELDS)
        elif kind == "spread":
            if fld not in ("instanceId", "host") and not str(fld).startswith("attribute:"):
                raise ValueError(
                    f"spread field must be instanceId, host or attribute:<name>, got {fld!r}"
                )
        elif fld is not None:
            raise ValueError(f"random takes no field, got {fld!r}")
        out.append((kind, fld))
    return tuple(out)


_TERM = re.compile(
    r"^\s*attribute:(?P<name>[\w.\-]+)\s*(?P<op>==|!=|=~|not in|in)\s*(?P<value>.+?)\s*$"
)


def _term(text: str):
    m = _TERM.match(text)
    if not m:
        raise ValueError(
            f"expression term {text.strip()!r} is not 'attribute:<name> <op> <value>' with op "
            "==, !=, =~, in or not in"
        )
    name, op, raw = m["name"], m["op"], m["value"]
    if op in ("in", "not in"):
        if not (raw.startswith("(") and raw.endswith(")")):
            raise ValueError(f"expression term {text.strip()!r}: 'in' needs (a, b, ...)")
        values = tuple(v.strip() for v in raw[1:-1].split(",") if v.strip())
    else:
        values = (raw,)

    def test(inst: ContainerInstance) -> bool:
        v = inst.attribute(name)
        if op == "==":
            return v == values[0]
        if op == "!=":
            return v != values[0]
        if op == "=~":
            return v is not None and fnmatch.fnmatchcase(v, values[0])
        return (v in values) == (op == "in")

    return test


def member_of(expression: str) -> Callable[[ContainerInstance], bool]:
    """The predicate of a memberOf expression (the subset in the module docstring)."""
    if not isinstance(expression, str) or not expression.strip():
        raise ValueError(f"memberOf expression must be a non-empty text, got {expression!r}")
    ands, ors = re.split(r"\s+and\s+", expression), re.split(r"\s+or\s+", expression)
    if len(ands) > 1 and len(ors) > 1:
        raise ValueError(f"expression {expression!r} mixes 'and' and 'or' (not in the subset)")
    terms = [_term(t) for t in (ands if len(ands) > 1 else ors)]
    joined = all if len(ands) > 1 else any
    return lambda inst: joined(t(inst) for t in terms)


@dataclass(frozen=True)
class Placement:
    """Where each placed task landed (instance index, in placing order), per-instance use,
    and why the rest could not be placed."""

    instances: tuple[ContainerInstance, ...]
    task: TaskDefinition
    requested: int
    assignments: tuple[int, ...]
    host_ports: tuple[int | None, ...]
    reason: str | None
    """The ECS reason the first unplaced task failed (None when all were placed)."""
    cpu_used: tuple[int, ...]
    memory_used: tuple[int, ...]
    fragmentation: float

    @property
    def placed(self) -> int:
        return len(self.assignments)

    @property
    def unplaced(self) -> int:
        return self.requested - self.placed

    @property
    def tasks_per_instance(self) -> tuple[int, ...]:
        counts = np.bincount(np.asarray(self.assignments, dtype=int), minlength=len(self.instances))
        return tuple(int(c) for c in counts)

    @property
    def instances_used(self) -> int:
        return sum(1 for c in self.tasks_per_instance if c)

    def utilisation(self, resource: str) -> float:
        """Share of the cluster's registered ``cpu`` or ``memory`` the placed tasks reserve."""
        choice("resource", resource, BINPACK_FIELDS)
        used = self.cpu_used if resource == "cpu" else self.memory_used
        total = sum(getattr(i, resource) for i in self.instances)
        return sum(used) / total


def place_tasks(
    instances: Sequence[ContainerInstance],
    task: TaskDefinition,
    count: int,
    strategies: Sequence[Strategy] = (("spread", "attribute:ecs.availability-zone"),),
    constraints: Sequence[Constraint] = (),
    *,
    seed: int = 0,
) -> Placement:
    """Place ``count`` copies of ``task`` on ``instances`` (see the module docstring)."""
    instances = tuple(instances)
    if not instances or not all(isinstance(i, ContainerInstance) for i in instances):
        raise ValueError("instances must be one or more ContainerInstance objects")
    ids = [i.id for i in instances]
    if len(set(ids)) != len(ids):
        raise ValueError(f"instances must have distinct ids, got {ids}")
    if not isinstance(task, TaskDefinition):
        raise ValueError(f"task must be a TaskDefinition, got {type(task).__name__}")
    integer("count", count, 0, MAX_TASKS)
    chain = check_strategies(strategies)
    distinct, members = False, np.ones(len(instances), dtype=bool)
    for kind, expression in constraints:
        choice("constraint type", kind, CONSTRAINT_TYPES)
        if kind == "distinctInstance":
            if expression is not None:
                raise ValueError(f"distinctInstance takes no expression, got {expression!r}")
            distinct = True
        else:
            test = member_of(expression)
            members &= np.array([test(i) for i in instances])

    n = len(instances)
    cpu_left = np.array([i.cpu for i in instances], dtype=np.int64)
    mem_left = np.array([i.memory for i in instances], dtype=np.int64)
    tasks_on = np.zeros(n, dtype=np.int64)
    port = task.static_port
    port_free = np.array([port is None or port not in i.reserved_ports for i in instances])
    eni_limit = np.array([i.awsvpc_task_limit for i in instances], dtype=np.int64)
    dyn_limit = EPHEMERAL_HIGH - EPHEMERAL_LOW + 1
    spreads = {}
    for kind, fld in chain:
        if kind == "spread" and fld not in ("instanceId", "host"):
            name = fld.removeprefix("attribute:")
            values = [i.attribute(name) or "" for i in instances]
            keys = sorted(set(values))
            spreads[fld] = np.array([keys.index(v) for v in values])
    rng = np.random.default_rng(seed)
    assignments: list[int] = []
    ports: list[int | None] = []
    reason = None
    for _ in range(count):
        candidates = members.copy()
        steps = [
            ("DistinctInstance constraint", ~(tasks_on > 0) if distinct else None),
            ("RESOURCE:CPU", cpu_left >= task.cpu),
            ("RESOURCE:MEMORY", mem_left >= task.memory),
            ("RESOURCE:PORTS", port_free if port is not None else None),
            ("RESOURCE:ENI", tasks_on < eni_limit if task.network_mode == "awsvpc" else None),
            ("RESOURCE:PORTS", tasks_on < dyn_limit if task.dynamic_port else None),
        ]
        if not candidates.any():
            reason = "MemberOf constraint"
            break
        for name, ok in steps:
            if ok is None:
                continue
            narrowed = candidates & ok
            if not narrowed.any():
                reason = name
                break
            candidates = narrowed
        if reason:
            break
        idx = np.flatnonzero(candidates)
        for kind, fld in chain:
            if len(idx) == 1:
                break
            if kind == "binpack":
                left = (cpu_left if fld == "cpu" else mem_left)[idx]
                idx = idx[left == left.min()]
            elif kind == "random":
                idx = idx[[int(rng.integers(len(idx)))]]
            elif fld in ("instanceId", "host"):
                idx = idx[tasks_on[idx] == tasks_on[idx].min()]
            else:
                groups = spreads[fld]
                per_value = np.bincount(groups, weights=tasks_on, minlength=groups.max() + 1)
                load = per_value[groups[idx]]
                idx = idx[load == load.min()]
        chosen = int(idx[0])
        assignments.append(chosen)
        if port is not None:
            ports.append(port)
        else:
            ports.append(EPHEMERAL_LOW + int(tasks_on[chosen]) if task.dynamic_port else None)
        cpu_left[chosen] -= task.cpu
        mem_left[chosen] -= task.memory
        tasks_on[chosen] += 1
        if port is not None:
            port_free[chosen] = False
    full = (cpu_left < task.cpu) | (mem_left < task.memory) | ~port_free
    if task.network_mode == "awsvpc":
        full |= tasks_on >= eni_limit
    free = mem_left.sum()
    fragmentation = float(mem_left[full].sum() / free) if free else 0.0
    return Placement(
        instances=instances,
        task=task,
        requested=count,
        assignments=tuple(assignments),
        host_ports=tuple(ports),
        reason=reason,
        cpu_used=tuple(int(i.cpu - c) for i, c in zip(instances, cpu_left, strict=True)),
        memory_used=tuple(int(i.memory - m) for i, m in zip(instances, mem_left, strict=True)),
        fragmentation=fragmentation,
    )


def reason_text(reason: str | None) -> str:
    """The reason code in words, as a service event would say it."""
    words = {
        None: "every task was placed",
        "MemberOf constraint": "no container instance matches the memberOf constraint",
        "DistinctInstance constraint": (
            "every matching instance already runs a task of this group (distinctInstance)"
        ),
        "RESOURCE:CPU": "no container instance has enough CPU units left",
        "RESOURCE:MEMORY": "no container instance has enough memory left",
        "RESOURCE:PORTS": "the host port is already in use on every instance that fits",
        "RESOURCE:ENI": "no instance has an ENI left for another awsvpc task (see ENI trunking)",
    }
    return words[reason]
