"""The Auto Scaling models: demand, the group simulator, scale-in decisions, Instance
Refresh and traffic shifts, health checks and lifecycle hooks."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aws_compute_course.facts import items, value
from aws_compute_course.topics import auto_scaling as asg

FLAT = dict(policy=None, min_size=0, max_size=100, capacity_per_instance=100.0)


def step_demand(before=100.0, after=1000.0, at=60, minutes=300):
    return np.where(np.arange(minutes) < at, before, after)


# --- demand ---------------------------------------------------------------------------------


def test_presets_are_deterministic_and_shaped():
    a = asg.demand_preset("daily", days=7, seed=1)
    assert len(a) == 7 * 1440
    assert np.array_equal(a, asg.demand_preset("daily", days=7, seed=1))
    assert not np.array_equal(a, asg.demand_preset("daily", days=7, seed=2))
    quiet = asg.demand_preset("daily", days=1, noise=0.0)
    assert quiet.argmax() // 60 == 15 and quiet.argmin() // 60 == 3  # peak 15:00, low 03:00
    spike = asg.demand_preset("flash_spike", days=3, noise=0.0, peak=1000)
    assert spike[2 * 1440 + 12 * 60 + 5] == pytest.approx(4000)
    ramp = asg.demand_preset("steady_ramp", days=2, noise=0.0)
    assert ramp[-1] > ramp[0] * 5


def test_demand_csv_resamples_to_minutes(tmp_path):
    text = (
        "timestamp,rps\n2026-01-01T00:00:00Z,10\n2026-01-01T00:00:30Z,30\n2026-01-01T00:03:00Z,5\n"
    )
    assert asg.load_demand_csv(text).tolist() == [20.0, 20.0, 20.0, 5.0]
    path = tmp_path / "d.csv"
    path.write_text(text)
    assert len(asg.load_demand_csv(path)) == 4


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: asg.demand_preset("weekly"), "name"),
        (lambda: asg.demand_preset("daily", days=0), "days"),
        (lambda: asg.demand_preset("daily", base=500, peak=100), "peak"),
        (lambda: asg.demand_preset("daily", noise=-1), "noise"),
        (lambda: asg.load_demand_csv("a,b\n1,2\n3,4\n"), "timestamp"),
        (lambda: asg.load_demand_csv("timestamp,x\n2026-01-01,-1\n2026-01-02,2\n"), "column"),
        (lambda: asg.load_demand_csv("timestamp,x\n2026-01-01,1\n", column="y"), "column"),
    ],
)
def test_demand_rejects_bad_input(call, name):
    with pytest.raises(ValueError, match=name):
        call()


# --- the simulator --------------------------------------------------------------------------


def test_fixed_group_worked_example():
    # Worked by hand: 3 instances of 100 rps; 350 rps is 50 rps over, in every minute.
    run = asg.simulate(np.full(120, 350.0), asg.Group(desired=3, hourly_price=0.12, **FLAT))
    assert run.minutes_under == 120
    assert run.unserved_percent == pytest.approx(100 * 50 / 350)
    assert run.instance_hours == pytest.approx(6.0)
    assert run.cost == pytest.approx(6 * 0.12)
    assert run.cpu.max() == 100.0
    calm = asg.simulate(np.full(120, 250.0), asg.Group(desired=3, **FLAT))
    assert calm.minutes_under == 0 and calm.cpu[0] == pytest.approx(250 / 3)


def test_target_tracking_converges_to_load_over_target():
    group = asg.Group(min_size=1, max_size=50, desired=2, policy=asg.TargetTracking(target=50))
    run = asg.simulate(step_demand(), group)
    assert run.in_service[-1] == math.ceil(1000 / (100 * 0.5))  # 20
    assert run.minutes_under > 0  # capacity lags the step: launch time plus alarms
    assert run.in_service[:60].max() <= 2


def test_longer_launch_leaves_more_demand_unserved():
    fast = asg.simulate(step_demand(), asg.Group(launch_minutes=2))
    slow = asg.simulate(step_demand(), asg.Group(launch_minutes=15))
    assert slow.minutes_under > fast.minutes_under


def test_warm_pool_starts_faster_than_a_cold_launch():
    cold = asg.simulate(step_demand(), asg.Group(launch_minutes=10))
    warm = asg.simulate(
        step_demand(), asg.Group(launch_minutes=10, warm_pool=asg.WarmPool(20, "Stopped"))
    )
    running = asg.simulate(
        step_demand(), asg.Group(launch_minutes=10, warm_pool=asg.WarmPool(20, "Running"))
    )
    assert warm.minutes_under < cold.minutes_under
    assert running.cost > warm.cost  # a running pool bills as instances


def test_suspended_launch_means_no_scale_out():
    run = asg.simulate(step_demand(), asg.Group(suspended=frozenset({"Launch"})))
    assert run.in_service.max() == 2
    assert run.desired.max() > 2  # the policy still asks


def test_unhealthy_instances_stay_when_replace_unhealthy_is_suspended():
    demand = np.full(120, 150.0)
    base = dict(policy=None, desired=4, failures=(10,))
    replaced = asg.simulate(demand, asg.Group(**base))
    kept = asg.simulate(demand, asg.Group(**base, suspended=frozenset({"ReplaceUnhealthy"})))
    assert replaced.unhealthy.max() == 0 and replaced.in_service[-1] == 4
    assert kept.unhealthy[-1] == 1 and kept.in_service[-1] == 3


def test_add_to_load_balancer_suspended_new_instances_get_no_traffic():
    run = asg.simulate(step_demand(), asg.Group(suspended=frozenset({"AddToLoadBalancer"})))
    assert run.in_service.max() == 2  # serving: only the registered two
    assert run.instance_hours > 2 * 300 / 60  # the others run, and bill


def test_scheduled_action_sets_minimum_daily():
    schedule = (asg.ScheduledAction(8 * 60, 10, 40),)
    run = asg.simulate(np.full(2 * 1440, 50.0), asg.Group(policy=None, schedule=schedule))
    assert run.desired[8 * 60 - 1] == 2 and run.desired[8 * 60] == 10
    ignored = asg.Group(policy=None, schedule=schedule, suspended=frozenset({"ScheduledActions"}))
    assert asg.simulate(np.full(1440, 50.0), ignored).desired.max() == 2


def test_predictive_scaling_needs_a_day_and_launches_ahead():
    demand = asg.demand_preset("daily", days=3, noise=0.0)
    pred = asg.Predictive(target=50, launch_ahead_minutes=10)
    run = asg.simulate(demand, asg.Group(max_size=60, predictive=pred))
    assert np.isnan(run.forecast[: 1440 - 10]).all()  # nothing before 24 hours of data
    assert not np.isnan(run.forecast[1440:]).any()
    only = asg.Predictive(target=50, forecast_only=True)
    plain = asg.simulate(demand, asg.Group(max_size=60))
    watched = asg.simulate(demand, asg.Group(max_size=60, predictive=only))
    assert np.array_equal(plain.in_service, watched.in_service)
    assert run.minutes_under <= plain.minutes_under


def test_hourly_forecast_is_the_mean_of_earlier_days():
    demand = np.concatenate([np.full(1440, 100.0), np.full(1440, 300.0), np.zeros(1440)])
    assert asg.hourly_forecast(demand, 0) is None
    assert asg.hourly_forecast(demand, 2).tolist() == [200.0] * 24


def test_spot_interruptions_come_from_the_spot_model():
    demand = np.full(3 * 1440, 2000.0)
    mix = dict(on_demand_base=2, on_demand_percent=0, max_price_fraction=0.4, seed=3)
    with_rb = asg.simulate(demand, asg.Group(policy=None, desired=20, spot=asg.SpotMix(**mix)))
    without = asg.simulate(
        demand,
        asg.Group(policy=None, desired=20, spot=asg.SpotMix(**mix, capacity_rebalance=False)),
    )
    assert with_rb.interruptions == without.interruptions > 0
    assert without.minutes_under > with_rb.minutes_under
    assert np.median(with_rb.spot_in_service) == 18  # 2 On-Demand base, the rest Spot
    assert with_rb.spot_in_service.max() == 36  # launch before terminate, at the warning
    assert with_rb.cost < asg.simulate(demand, asg.Group(policy=None, desired=20)).cost


def test_step_and_simple_scaling_act_on_alarms():
    step = asg.simulate(step_demand(), asg.Group(policy=asg.StepScaling()))
    simple = asg.simulate(step_demand(), asg.Group(policy=asg.SimpleScaling(cooldown_minutes=5)))
    assert step.in_service[-1] > 2 and simple.in_service[-1] > 2
    assert asg.StepScaling().adjustment(85) == 2 and asg.StepScaling().adjustment(60) == 0


@pytest.mark.parametrize(
    ("make", "name"),
    [
        (lambda: asg.Group(min_size=5, max_size=4), "max_size"),
        (lambda: asg.Group(desired=100), "desired"),
        (lambda: asg.Group(launch_minutes=0), "launch_minutes"),
        (lambda: asg.Group(suspended=frozenset({"Rebalance"})), "suspended"),
        (lambda: asg.Group(policy="target"), "policy"),
        (lambda: asg.TargetTracking(target=0), "target"),
        (lambda: asg.StepScaling(steps=((5.0, 1),)), "steps"),
        (lambda: asg.SimpleScaling(cooldown_minutes=-1), "cooldown_minutes"),
        (lambda: asg.WarmPool(state="Paused"), "state"),
        (lambda: asg.SpotMix(on_demand_percent=101), "on_demand_percent"),
        (lambda: asg.ScheduledAction(1440, 1, 2), "minute_of_day"),
        (lambda: asg.simulate([1.0], asg.Group()), "demand"),
        (lambda: asg.simulate([1.0, float("nan")], asg.Group()), "demand"),
        (lambda: asg.simulate([1.0, 2.0], "group"), "group"),
    ],
)
def test_simulator_rejects_bad_input(make, name):
    with pytest.raises(ValueError, match=name):
        make()


@settings(max_examples=25, deadline=None)
@given(
    levels=st.lists(st.floats(0, 5000), min_size=2, max_size=12),
    target=st.floats(20, 90),
    max_size=st.integers(2, 60),
)
def test_group_stays_within_its_bounds(levels, target, max_size):
    demand = np.repeat(levels, 30)
    group = asg.Group(min_size=1, max_size=max_size, desired=1, policy=asg.TargetTracking(target))
    run = asg.simulate(demand, group)
    assert ((run.desired >= 1) & (run.desired <= max_size)).all()
    assert (run.in_service + run.pending <= max_size).all()
    assert 0 <= run.unserved_percent <= 100
    assert run.instance_hours >= len(demand) / 60 - 1e-9


@settings(max_examples=20, deadline=None)
@given(level=st.floats(1, 3000), size=st.integers(1, 30))
def test_more_instances_never_serve_less(level, size):
    demand = np.full(60, level)
    small = asg.simulate(demand, asg.Group(desired=size, **FLAT))
    big = asg.simulate(demand, asg.Group(desired=size + 1, **FLAT))
    assert big.unserved_percent <= small.unserved_percent


# --- scale in -------------------------------------------------------------------------------

Inst = asg.Instance


def group_of_six():
    return [
        Inst("i-1", "a", 0, 1),
        Inst("i-2", "a", 10, 2),
        Inst("i-3", "b", 5, 1),
        Inst("i-4", "b", 20, 2),
        Inst("i-5", "c", 30, 2),
        Inst("i-6", "a", 40, 2),
    ]


def test_default_policy_balances_zones_then_oldest_template():
    first = asg.choose_termination(group_of_six(), now=100)
    assert first.instance.id == "i-1"
    assert "a has the most instances (3)" in first.rule and "launch template" in first.rule
    ids = [d.instance.id for d in asg.scale_in(group_of_six(), 3, now=100)]
    assert ids == ["i-1", "i-3", "i-2"]


def test_named_policies_and_protection():
    six = group_of_six()
    assert asg.choose_termination(six, ("OldestInstance",), 100).instance.id == "i-1"
    assert asg.choose_termination(six, ("NewestInstance",), 100).instance.id == "i-6"
    guarded = asg.with_protection(six, ["i-1", "i-2", "i-6"])
    # Zone a still counts 3 but has no unprotected instance: b goes next.
    assert asg.choose_termination(guarded, now=100).instance.az == "b"
    everyone = asg.with_protection(six, [i.id for i in six])
    assert asg.choose_termination(everyone, now=100).instance is None


def test_standby_instances_are_out_of_service():
    six = [*group_of_six()[:5], Inst("i-6", "a", 40, 2, standby=True)]
    assert asg.choose_termination(six, now=100).rule.startswith("zones balanced")


def test_az_rebalance_launches_before_it_terminates():
    four = [Inst("x1", "a", 0), Inst("x2", "a", 1), Inst("x3", "a", 2), Inst("x4", "b", 3)]
    assert asg.az_rebalance(four, ["a", "b", "c"]) == [("launch", "c"), ("terminate", "x1")]


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: asg.choose_termination(group_of_six(), ("Oldest",), 100), "policies"),
        (lambda: asg.choose_termination(group_of_six(), (), 100), "policies"),
        (lambda: asg.choose_termination(group_of_six(), now=5), "now"),
        (lambda: asg.scale_in(group_of_six(), 7), "count"),
        (lambda: Inst("", "a", 0), "id"),
        (lambda: Inst("i", "a", -1), "launched_minute"),
        (lambda: asg.az_rebalance(group_of_six(), ["a", "b"]), "azs"),
        (lambda: asg.with_protection(group_of_six(), ["i-9"]), "ids"),
    ],
)
def test_scale_in_rejects_bad_input(call, name):
    with pytest.raises(ValueError, match=name):
        call()


# --- instance refresh and traffic shifts ------------------------------------------------------


def test_batch_sizes():
    assert asg.batch_size(10, 90) == 1
    assert asg.batch_size(10, 50) == 5
    assert asg.batch_size(10, 0) == 10
    assert asg.batch_size(10, 100) == 1  # one at a time
    assert asg.batch_size(10, 100, 150) == 5  # launch five above desired first
    assert value("auto_scaling.refresh_min_healthy_default_percent") == 90


def test_refresh_timeline_and_checkpoints():
    plain = asg.instance_refresh(10, 80, launch_minutes=5, warmup_minutes=5)
    assert plain.status == "Successful" and plain.minutes == 5 * 10
    assert plain.lowest_in_service == 8 and plain.new[-1] == 10 and plain.old[-1] == 0
    paused = asg.instance_refresh(10, 80, checkpoints=(50,), checkpoint_delay_minutes=30)
    assert paused.minutes == plain.minutes + 30
    skip = asg.instance_refresh(10, 80, already_new=4, skip_matching=True)
    assert skip.minutes == 3 * 10


def test_failed_health_checks_fail_or_roll_back():
    failed = asg.instance_refresh(10, 80, new_healthy=False)
    assert failed.status == "Failed" and failed.new[-1] == 2
    back = asg.instance_refresh(10, 80, new_healthy=False, auto_rollback=True)
    assert back.status == "RollbackSuccessful" and back.old[-1] == 10 and back.new[-1] == 0


def test_launch_before_terminate_keeps_full_capacity():
    run = asg.instance_refresh(10, 100, max_healthy_percent=120)
    assert run.lowest_in_service == 10 and run.batch == 2


@settings(max_examples=40, deadline=None)
@given(desired=st.integers(1, 40), healthy=st.integers(0, 100))
def test_refresh_keeps_the_healthy_floor(desired, healthy):
    run = asg.instance_refresh(desired, healthy)
    floor = math.ceil(desired * healthy / 100)
    assert run.lowest_in_service >= min(floor, desired - 1)
    assert run.new[-1] == desired


def test_dns_switch_lags_by_the_ttl_alb_does_not():
    alb = asg.traffic_to_new(20, 5, "alb")
    dns = asg.traffic_to_new(20, 5, "route53", ttl_seconds=600, stale_percent=10)
    assert alb[5] == 100 and alb[4] == 0
    assert dns[5] == pytest.approx(9.0) and dns[14] == pytest.approx(90.0) and dns[-1] == 90


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: asg.instance_refresh(0), "desired"),
        (lambda: asg.instance_refresh(10, 101), "min_healthy_percent"),
        (lambda: asg.instance_refresh(10, max_healthy_percent=99), "max_healthy_percent"),
        (lambda: asg.instance_refresh(10, checkpoints=(50, 20)), "checkpoints"),
        (lambda: asg.instance_refresh(10, already_new=11), "already_new"),
        (lambda: asg.traffic_to_new(10, 2, "cname"), "method"),
        (lambda: asg.traffic_to_new(10, 11, "alb"), "switch_minute"),
    ],
)
def test_refresh_rejects_bad_input(call, name):
    with pytest.raises(ValueError, match=name):
        call()


# --- health, lifecycle hooks, processes --------------------------------------------------------


def test_health_status():
    assert asg.health_status(ec2_ok=True, elb_ok=False) == "Healthy"  # ELB checks off
    assert asg.health_status(ec2_ok=True, elb_ok=False, elb_checks_on=True) == "Unhealthy"
    grace = value("auto_scaling.health_check_grace_console_seconds")
    assert asg.health_status(ec2_ok=False, seconds_in_service=10, grace_seconds=grace) == (
        "grace period"
    )


def test_lifecycle_hooks():
    timeout = asg.lifecycle_outcome("launch", None, heartbeat_seconds=300)
    assert (
        timeout.result == "ABANDON" and not timeout.instance_kept and timeout.waited_seconds == 300
    )
    extended = asg.lifecycle_outcome("launch", 900, heartbeat_seconds=300, heartbeats=2)
    assert extended.result == "CONTINUE" and extended.instance_kept and not extended.timed_out
    ending = asg.lifecycle_outcome("terminate", None, default_result="CONTINUE")
    assert not ending.instance_kept
    assert asg.global_timeout(7200) == 48 * 3600 and asg.global_timeout(60) == 6000


def test_every_process_has_an_effect():
    assert tuple(asg.PROCESS_EFFECTS) == items("auto_scaling.scaling_processes")
    assert len(asg.PROCESS_EFFECTS) == value("auto_scaling.scaling_process_count")
    assert "not replaced" in asg.suspend_effect("ReplaceUnhealthy")


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: asg.lifecycle_outcome("launch", 10, heartbeat_seconds=29), "heartbeat_seconds"),
        (lambda: asg.lifecycle_outcome("start", 10), "transition"),
        (lambda: asg.lifecycle_outcome("launch", 10, default_result="STOP"), "default_result"),
        (lambda: asg.health_status(ec2_ok=1), "ec2_ok"),
        (lambda: asg.suspend_effect("Rebalance"), "process"),
    ],
)
def test_health_rejects_bad_input(call, name):
    with pytest.raises(ValueError, match=name):
        call()


# --- the scaling lab's model side ---------------------------------------------------------------


def test_lab_groups_and_bins():
    from aws_compute_course.topics.auto_scaling import lab

    group = lab.lab_group("step scaling", 60, 8, "Stopped", True, lab.SPOT_CHOICES[1])
    assert isinstance(group.policy, asg.StepScaling) and group.policy.low == 30
    assert group.warm_pool.state == "Stopped" and group.spot.capacity_rebalance
    assert lab.lab_group("fixed size", fixed_size=40).min_size == 40
    binned = lab.per_bin(np.arange(25.0), 10, "max")
    assert binned.tolist() == [9.0, 19.0] and binned.dtype == np.float32
    for call, name in (
        (lambda: lab.lab_group("magic"), "policy"),
        (lambda: lab.lab_group(target=99), "target"),
        (lambda: lab.per_bin(np.arange(5.0), 10, "max"), "values"),
        (lambda: lab.per_bin(np.arange(50.0), 10, "median"), "how"),
    ):
        with pytest.raises(ValueError, match=name):
            call()


def test_lab_view_compares_two_configurations():
    from aws_compute_course.topics.auto_scaling.explorables import COMPARE, lab_view

    values = dict(
        preset="flash_spike",
        target=50.0,
        launch_minutes=15,
        policy="target tracking",
        warm_pool="no warm pool",
        predictive=False,
        spot="On-Demand only",
        compare=next(iter(COMPARE)),
    )
    view = lab_view(**values)
    run_a, run_b = view.result
    assert run_a.minutes_under > run_b.minutes_under  # a 15-minute launch against 5
    assert f"{run_a.minutes_under - run_b.minutes_under:,} more</b> under-provisioned" in (
        view.readout
    )
    assert len(view.traces["a"]["y"]) == 7 * 1440 // 10
    assert len(view.traces["forecast"]["y"]) == 0  # no predictive policy, no forecast
    with_forecast = lab_view(**(values | {"predictive": True}))
    assert len(with_forecast.traces["forecast"]["y"]) > 0
