"""The ECS and Fargate models: placement, Fargate sizes and cost, capacity providers, service."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aws_compute_course.facts import value
from aws_compute_course.topics import ecs_fargate as ecs

AZ = ("attribute:ecs.availability-zone",)


def cluster(n=6, cpu=2048, memory=7680, **kw):
    azs = ("us-east-1a", "us-east-1b", "us-east-1c")
    return [
        ecs.ContainerInstance(f"i-{k}", "m5.large", azs[k % 3], cpu, memory, **kw) for k in range(n)
    ]


# --- placement ------------------------------------------------------------------------------


def test_spread_over_azs_balances_the_zones():
    p = ecs.place_tasks(cluster(), ecs.TaskDefinition(256, 512), 9, [("spread", AZ[0])])
    per_az = {}
    for idx in p.assignments:
        az = p.instances[idx].az
        per_az[az] = per_az.get(az, 0) + 1
    assert sorted(per_az.values()) == [3, 3, 3]
    assert p.reason is None and p.unplaced == 0


def test_binpack_memory_fills_one_instance_first():
    p = ecs.place_tasks(cluster(), ecs.TaskDefinition(256, 1024), 7, [("binpack", "memory")])
    assert p.tasks_per_instance == (7, 0, 0, 0, 0, 0)  # 7 × 1024 MiB on 7,680 MiB
    q = ecs.place_tasks(cluster(), ecs.TaskDefinition(256, 1024), 8, [("binpack", "memory")])
    assert q.tasks_per_instance[:2] == (7, 1)


def test_spread_then_binpack_chain():
    p = ecs.place_tasks(
        cluster(), ecs.TaskDefinition(512, 1024), 6, [("spread", AZ[0]), ("binpack", "memory")]
    )
    # Two per zone, both on the zone's first instance.
    assert p.tasks_per_instance == (2, 2, 2, 0, 0, 0)


def test_static_host_port_allows_one_task_per_instance():
    task = ecs.TaskDefinition(256, 512, "bridge", 80, 80)
    p = ecs.place_tasks(cluster(), task, 8, [("binpack", "cpu")])
    assert p.placed == 6 and p.reason == "RESOURCE:PORTS"
    assert set(p.host_ports) == {80}


def test_dynamic_ports_pack_many_copies_per_instance():
    p = ecs.place_tasks(cluster(1), ecs.TaskDefinition(256, 512), 5, [("binpack", "cpu")])
    assert p.placed == 5
    assert p.host_ports == tuple(49153 + k for k in range(5))


def test_reserved_port_blocks_a_static_mapping():
    insts = cluster(2)
    insts[0] = ecs.ContainerInstance("i-0", "m5.large", "a", 2048, 7680, reserved_ports=(22,))
    p = ecs.place_tasks(insts, ecs.TaskDefinition(256, 512, "host", 22), 2, [("random", None)])
    assert p.assignments == (1,) and p.reason == "RESOURCE:PORTS"


def test_awsvpc_is_limited_by_enis():
    task = ecs.TaskDefinition(256, 512, "awsvpc", 80)
    few = ecs.place_tasks(cluster(2, awsvpc_task_limit=2), task, 10, [("binpack", "cpu")])
    trunk = ecs.place_tasks(cluster(2, awsvpc_task_limit=10), task, 10, [("binpack", "cpu")])
    assert few.placed == 4 and few.reason == "RESOURCE:ENI"
    assert trunk.placed == 10


def test_cpu_and_memory_reasons():
    big_cpu = ecs.place_tasks(cluster(1), ecs.TaskDefinition(4096, 512), 1)
    big_mem = ecs.place_tasks(cluster(1), ecs.TaskDefinition(256, 8192), 1)
    assert big_cpu.reason == "RESOURCE:CPU" and big_mem.reason == "RESOURCE:MEMORY"
    assert "CPU" in ecs.reason_text(big_cpu.reason)


def test_member_of_and_distinct_instance():
    insts = cluster()
    only_a = ecs.place_tasks(
        insts,
        ecs.TaskDefinition(256, 512),
        4,
        [("spread", "instanceId")],
        [("memberOf", "attribute:ecs.availability-zone == us-east-1a")],
    )
    assert {insts[i].az for i in only_a.assignments} == {"us-east-1a"}
    none = ecs.place_tasks(
        insts,
        ecs.TaskDefinition(256, 512),
        1,
        constraints=[("memberOf", "attribute:ecs.instance-type =~ c5.*")],
    )
    assert none.reason == "MemberOf constraint"
    distinct = ecs.place_tasks(
        insts, ecs.TaskDefinition(256, 512), 7, constraints=[("distinctInstance", None)]
    )
    assert distinct.tasks_per_instance == (1,) * 6 and distinct.reason == (
        "DistinctInstance constraint"
    )


def test_member_of_in_or_and_not_in():
    insts = cluster()
    t = ecs.member_of("attribute:ecs.availability-zone in (us-east-1a, us-east-1b)")
    assert [t(i) for i in insts] == [True, True, False] * 2
    t = ecs.member_of("attribute:ecs.availability-zone not in (us-east-1a)")
    assert [t(i) for i in insts][:3] == [False, True, True]
    t = ecs.member_of(
        "attribute:ecs.availability-zone == us-east-1a or attribute:ecs.availability-zone"
        " == us-east-1c"
    )
    assert [t(i) for i in insts][:3] == [True, False, True]


def place_one(chain):
    return ecs.place_tasks(cluster(), ecs.TaskDefinition(256, 512), 1, chain)


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: ecs.TaskDefinition(256, 512, "awsvpc", 80, 0), "host_port"),
        (lambda: ecs.TaskDefinition(256, 512, "overlay"), "network_mode"),
        (lambda: ecs.TaskDefinition(0, 512), "cpu"),
        (lambda: ecs.ContainerInstance("i", "m5.large", "a", 2048, -1), "memory"),
        (lambda: ecs.place_tasks(cluster(), ecs.TaskDefinition(256, 512), -1), "count"),
        (lambda: ecs.place_tasks([], ecs.TaskDefinition(256, 512), 1), "instances"),
        (lambda: place_one([("pack", None)]), "strategy type"),
        (lambda: place_one([("binpack", "disk")]), "binpack field"),
        (lambda: place_one([("spread", "az")]), "spread field"),
        (lambda: ecs.member_of("az == a"), "expression term"),
        (lambda: ecs.member_of("attribute:a == 1 and attribute:b == 2 or attribute:c == 3"),
         "mixes"),
    ],
)  # fmt: skip
def test_bad_placement_input_names_the_parameter(call, name):
    with pytest.raises(ValueError, match=name):
        call()


@settings(max_examples=40, deadline=None)
@given(
    n=st.integers(1, 8),
    count=st.integers(0, 60),
    cpu=st.sampled_from([128, 256, 512, 1024]),
    mem=st.sampled_from([256, 512, 1024, 2048]),
    chain=st.sampled_from(
        [[("binpack", "memory")], [("spread", AZ[0]), ("binpack", "cpu")], [("random", None)]]
    ),
)
def test_placement_never_overcommits(n, count, cpu, mem, chain):
    p = ecs.place_tasks(cluster(n), ecs.TaskDefinition(cpu, mem), count, chain, seed=3)
    assert p.placed + p.unplaced == count
    for inst, c, m in zip(p.instances, p.cpu_used, p.memory_used, strict=True):
        assert 0 <= c <= inst.cpu and 0 <= m <= inst.memory
    assert (p.reason is None) == (p.unplaced == 0)
    assert 0.0 <= p.fragmentation <= 1.0
    if p.unplaced:  # nothing fits anywhere any more
        assert all(
            ic.cpu - c < cpu or ic.memory - m < mem
            for ic, c, m in zip(p.instances, p.cpu_used, p.memory_used, strict=True)
        )


# --- Fargate sizes and cost -----------------------------------------------------------------


def test_fargate_table_matches_facts():
    assert max(ecs.FARGATE_SIZES) == value("ecs_fargate.fargate_vcpu_max") * 1024
    assert ecs.FARGATE_SIZES[16384][-1] == value("ecs_fargate.fargate_memory_max_gb") * 1024
    assert ecs.FARGATE_SIZES[16384][1] - ecs.FARGATE_SIZES[16384][0] == 8 * 1024
    assert ecs.FARGATE_SIZES[256] == (512, 1024, 2048)
    assert ecs.task_size(16384, 122880).needs_platform == "1.4.0"


@pytest.mark.parametrize(
    ("args", "name"),
    [
        ((1024, 1024), "memory"),
        ((300, 512), "cpu"),
        ((16384, 30720), "memory"),
        ((256, 512, "windows"), "Windows"),
        ((1024, 2048, "windows", "arm64"), "arch"),
        ((256, 512, "linux", "x86_64", 300), "ephemeral_gib"),
        ((256, 512, "macos"), "os"),
    ],
)
def test_invalid_fargate_sizes(args, name):
    with pytest.raises(ValueError, match=name):
        ecs.task_size(*args)


def test_fargate_hourly_from_the_snapshot():
    t = ecs.task_size(1024, 2048)
    assert ecs.fargate_hourly(t) == pytest.approx(0.04048 + 2 * 0.004445)
    assert ecs.fargate_hourly(t, spot=True, spot_discount=0.5) == pytest.approx(
        ecs.fargate_hourly(t) / 2
    )
    arm = ecs.task_size(1024, 2048, arch="arm64")
    assert ecs.fargate_hourly(arm) < ecs.fargate_hourly(t)
    with pytest.raises(ValueError, match="spot"):
        ecs.fargate_hourly(arm, spot=True)
    with pytest.raises(ValueError, match="spot_discount"):
        ecs.fargate_hourly(t, spot=True, spot_discount=0.9)


def test_compare_costs_and_break_even():
    t = ecs.task_size(512, 1024)
    c = ecs.compare_costs(t, 20, "m5.large", packing=1.0, min_instances=0)
    assert c.per_instance == 4  # 2,048 CPU units / 512
    assert c.instances == 5
    assert c.monthly["Fargate"] == pytest.approx(20 * ecs.fargate_hourly(t) * 730)
    assert c.monthly["Fargate Spot"] < c.monthly["Fargate"]
    assert c.break_even_utilisation == pytest.approx(0.096 / (4 * ecs.fargate_hourly(t)))
    # A memory-heavy task: EC2 r5.large is the better fit.
    heavy = ecs.task_size(256, 2048)
    n = ecs.break_even_tasks(heavy, "r5.large", packing=1.0, min_instances=2)
    assert n is not None
    per = ecs.tasks_per_instance(256, 2048, "r5.large")
    od = 0.126
    assert math.ceil(max(2, n / per)) * od <= n * ecs.fargate_hourly(heavy) + 1e-9
    assert max(2, math.ceil((n - 1) / per)) * od > (n - 1) * ecs.fargate_hourly(heavy)


@settings(max_examples=30, deadline=None)
@given(tasks=st.integers(0, 300), packing=st.floats(0.1, 1.0))
def test_more_packing_never_needs_more_instances(tasks, packing):
    assert ecs.instances_needed(tasks, 4, packing) >= ecs.instances_needed(tasks, 4, 1.0)
    assert ecs.instances_needed(tasks, 4, 1.0) * 4 >= tasks


# --- capacity providers ---------------------------------------------------------------------

P = ecs.ProviderItem


def test_base_then_weights():
    s = [P("FARGATE", base=2, weight=1), P("FARGATE_SPOT", weight=3)]
    assert ecs.split_tasks(s, 10) == {"FARGATE": 4, "FARGATE_SPOT": 6}
    assert ecs.split_tasks(s, 1) == {"FARGATE": 1, "FARGATE_SPOT": 0}
    assert ecs.split_tasks([P("FARGATE", base=3), P("FARGATE_SPOT", weight=1)], 10) == {
        "FARGATE": 3,
        "FARGATE_SPOT": 7,
    }


@pytest.mark.parametrize(
    ("strategy", "name"),
    [
        ([P("FARGATE", base=1, weight=1), P("FARGATE_SPOT", base=1, weight=1)], "only one"),
        ([P("FARGATE", weight=1), P("asg-1", weight=1)], "not both"),
        ([P("FARGATE", base=1)], "weight"),
        ([], "one or more"),
    ],
)
def test_bad_strategies(strategy, name):
    with pytest.raises(ValueError, match=name):
        ecs.split_tasks(strategy, 5)
    with pytest.raises(ValueError, match="weight"):
        P("FARGATE", weight=1001)


@settings(max_examples=50, deadline=None)
@given(
    base=st.integers(0, 20),
    w1=st.integers(0, 10),
    w2=st.integers(1, 10),
    desired=st.integers(0, 200),
)
def test_split_adds_up_and_follows_weights(base, w1, w2, desired):
    split = ecs.split_tasks(
        [P("FARGATE", base=base, weight=w1), P("FARGATE_SPOT", weight=w2)], desired
    )
    assert sum(split.values()) == desired
    rest = desired - min(base, desired)
    assert abs(split["FARGATE_SPOT"] - rest * w2 / (w1 + w2)) <= 1


def test_managed_scaling_and_reclamation():
    assert ecs.managed_scaling_instances(10, 4, 100) == 3
    assert ecs.managed_scaling_instances(10, 4, 50) == 6
    with pytest.raises(ValueError, match="target_capacity"):
        ecs.managed_scaling_instances(10, 4, 0)
    r = ecs.reclaim_spot([P("FARGATE", base=2, weight=1), P("FARGATE_SPOT", weight=3)], 10, 1.0)
    assert r.stopped == 6 and r.running == {"FARGATE": 4, "FARGATE_SPOT": 0} and r.pending == 6


# --- service ----------------------------------------------------------------------------


def test_circuit_breaker_threshold_bounds():
    assert ecs.circuit_breaker_threshold(1) == value("ecs_fargate.circuit_breaker_threshold_min")
    assert ecs.circuit_breaker_threshold(10) == 5
    assert ecs.circuit_breaker_threshold(5000) == value("ecs_fargate.circuit_breaker_threshold_max")
    assert ecs.deployment_outcome(10, 6).state == "ROLLED_BACK"
    assert ecs.deployment_outcome(10, 6, rollback=False).state == "FAILED"
    assert ecs.deployment_outcome(10, 6, breaker=False).state == "RETRYING"
    assert ecs.deployment_outcome(10, 4).state == "COMPLETED"


def test_rolling_steps_respect_both_percentages():
    steps = ecs.rolling_steps(10, 50, 150)
    assert steps[0] == (10, 0) and steps[-1] == (0, 10)
    for old, new in steps:
        assert old + new <= 15
        assert old + new >= 5
    with pytest.raises(ValueError, match="no room"):
        ecs.rolling_steps(4, 100, 100)
    with pytest.raises(ValueError, match="maximum_percent"):
        ecs.rolling_steps(4, 50, 99)


def test_scale_service_reuses_target_tracking():
    demand = np.full(120, 500.0)
    run = ecs.scale_service(demand, target=50, requests_per_task=50, min_tasks=1, max_tasks=40)
    assert run.in_service[-1] == 20  # 500 req/s at 25 req/s per task (50 % of 50)
    alb = ecs.scale_service(
        demand, metric="ALBRequestCountPerTarget", target=25, requests_per_task=50, max_tasks=40
    )
    assert alb.in_service[-1] == 20
    with pytest.raises(ValueError, match="metric"):
        ecs.scale_service(demand, metric="RAM")


def test_roles():
    assert ecs.role_for("pull a private ECR image") == "task execution role"
    assert ecs.role_for("application code reads an S3 bucket", "EC2") == "task role"
    with pytest.raises(ValueError, match="action"):
        ecs.role_for("register an EC2 instance with the cluster", "FARGATE")
    with pytest.raises(ValueError, match="launch_type"):
        ecs.role_for("pull a private ECR image", "LAMBDA")


# --- explorable views (headless) ------------------------------------------------------------


def test_placement_view_reports_the_failure_in_words():
    from aws_compute_course.topics.ecs_fargate.explorables import placement_view

    ok = placement_view(
        6, "binpack(memory)", "bridge, dynamic host port", "none", "0.25 vCPU, 0.5 GiB"
    )
    assert ok.result.reason is None and "6</b> of 6" in ok.readout
    bad = placement_view(
        10, "spread(instanceId)", "bridge, static host port 80", "none", "0.25 vCPU, 0.5 GiB"
    )
    assert bad.result.placed == 6 and "RESOURCE:PORTS" in bad.readout
    assert len(bad.traces["cpu"]["y"]) == 6


def test_cost_and_split_views():
    from aws_compute_course.topics.ecs_fargate.explorables import cost_view, split_view

    v = cost_view("0.5 vCPU, 1 GB", "arm64", 20, 730, 0.8, "m5.large")
    assert "Fargate Spot" not in v.result.monthly and v.traces["Fargate Spot"]["visible"] is False
    s = split_view(10, 2, 1, 3, 1.0)
    assert list(s.traces["stopped"]["y"]) == [0, 6] and "SIGTERM" in s.readout
    assert "Not a valid strategy" in split_view(10, 0, 0, 0, 0.0).readout
