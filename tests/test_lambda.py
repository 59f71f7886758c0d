"""The Lambda model: memory and vCPU, cost, sweeps, concurrency, replays and deployments."""

import dataclasses
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aws_compute_course import facts
from aws_compute_course.pricing import price
from aws_compute_course.topics import lambda_ as L

# --- facts the model is built on ------------------------------------------------------------


def test_model_constants_come_from_facts():
    assert (L.MEMORY_MIN_MB, L.MEMORY_MAX_MB, L.MEMORY_STEP_MB) == (128, 10_240, 1)
    assert (L.MB_PER_VCPU, L.VCPU_MAX) == (1_769, 6)
    assert L.TIMEOUT_MAX_MS == 900_000
    assert L.ASYNC_RETRIES_MAX == 2 and L.ASYNC_RETRY_WAITS_S == (60, 120)
    assert L.ASYNC_MAX_EVENT_AGE_S == 6 * 3600
    assert L.UNRESERVED_MIN == 100 and L.SCALING_PER_10S == 1_000
    assert "s3" in L.ASYNC_DESTINATIONS and "s3" in L.STREAM_DESTINATIONS
    assert "lambda" not in L.STREAM_DESTINATIONS


def test_lambda_facts_record_what_the_notes_said():
    changed = {f.key for f in facts.facts_for("lambda") if f.changed_since_notes}
    assert {
        "lambda.memory_max_mb",
        "lambda.memory_per_vcpu_mb",
        "lambda.async_retries_default",
        "lambda.tmp_default_mb",
        "lambda.codedeploy_types",
        "lambda.sqs_fifo_ordering",
        "lambda.go1x_end_of_support",
    } <= changed
    types = facts.value("lambda.codedeploy_types")
    assert "Liner" not in types and len(L.DEPLOYMENT_TYPES) == 9
    assert "Liner" in facts.fact("lambda.codedeploy_types").notes_2021


# --- memory and vCPU ------------------------------------------------------------------------


@pytest.mark.parametrize("memory", [128, 1769, 10_240, 1024.0, np.int64(3008)])
def test_check_memory_accepts_whole_mb_in_range(memory):
    assert L.check_memory(memory) == int(memory)


@pytest.mark.parametrize(
    ("memory", "message"),
    [
        (127, "128 to 10,240 MB"),
        (10_241, "128 to 10,240 MB"),
        (0, "128 to 10,240 MB"),
        (1024.5, "whole number of MB"),
        (float("nan"), "memory_mb must be a number"),
        ("1024", "memory_mb must be a number"),
        (True, "memory_mb must be a number"),
        (None, "memory_mb must be a number"),
    ],
)
def test_check_memory_names_the_value_and_the_range(memory, message):
    with pytest.raises(ValueError, match=message) as err:
        L.check_memory(memory)
    assert "memory_mb" in str(err.value) and repr(memory) in str(err.value)


def test_check_memories_names_the_bad_position():
    assert L.check_memories([128, 2048.0]).tolist() == [128, 2048]
    with pytest.raises(ValueError, match=r"memories\[2\].*got 99"):
        L.check_memories([128, 256, 99])
    with pytest.raises(ValueError, match="non-empty"):
        L.check_memories([])


def test_vcpu_share_documented_points_and_the_course_line():
    assert L.vcpu_share(1769) == 1.0
    assert L.vcpu_share(3538) == 2.0
    # The straight line gives 5.79 at the top, under AWS's "up to 6": the course says so.
    assert L.vcpu_share(10_240) == pytest.approx(10_240 / 1769)
    assert L.vcpu_share(10_240) < L.VCPU_MAX
    # The notes' "1.5 GB gets 2 vCPU" is wrong: 1.5 GB is under one vCPU.
    assert L.vcpu_share(1536) < 1
    with pytest.raises(ValueError, match="memory_mb"):
        L.vcpu_share(20_000)


@settings(max_examples=80, deadline=None)
@given(st.integers(128, 10_240))
def test_vcpu_shares_agree_with_vcpu_share(memory):
    assert L.vcpu_shares([memory])[0] == L.vcpu_share(memory) == memory / 1769


# --- the workload model ---------------------------------------------------------------------


def test_workload_duration_worked_example():
    single = L.Workload(cpu_ms=1000, io_ms=100)
    assert single.duration_ms(1769) == 1100  # one vCPU: the CPU part at full speed
    assert single.duration_ms(3538) == 1100  # single-threaded: a second vCPU doesn't help
    assert single.duration_ms(884.0) == pytest.approx(100 + 1000 * 1769 / 884)
    double = L.Workload(cpu_ms=1000, io_ms=100, threads=2)
    assert double.duration_ms(3538) == 600
    assert double.duration_ms(10_240) == 600  # capped at the threads it can use


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"cpu_ms": -1}, "cpu_ms must be in"),
        ({"cpu_ms": float("inf")}, "cpu_ms"),
        ({"cpu_ms": 0, "io_ms": 0}, "cpu_ms \\+ io_ms"),
        ({"io_ms": 1e9}, "io_ms"),
        ({"threads": 0}, "threads"),
        ({"threads": 7}, "threads"),
        ({"threads": 1.5}, "threads"),
        ({"memory_needed_mb": 100}, "memory_needed_mb"),
    ],
)
def test_workload_rejects_bad_input(kwargs, name):
    with pytest.raises(ValueError, match=name):
        L.Workload(**({"cpu_ms": 100} | kwargs))


def test_workload_needs_its_memory():
    w = L.Workload(cpu_ms=100, memory_needed_mb=512)
    with pytest.raises(ValueError, match="memory_needed_mb"):
        w.duration_ms(256)


def test_billed_ms_rounds_up_to_the_millisecond():
    assert L.billed_ms(27.4) == 28
    assert L.billed_ms(27.0) == 27
    assert L.billed_ms(27.000000000004) == 27  # float noise is not a millisecond
    assert L.billed_ms([0.2, 1.5]).tolist() == [1, 2]


# --- cost -----------------------------------------------------------------------------------


def test_prices_come_from_the_snapshot():
    assert L.duration_price("x86").price == 0.0000166667
    assert L.duration_price("arm").price == 0.0000133334
    assert L.request_price().price == 0.20
    with pytest.raises(ValueError, match="architecture"):
        L.duration_price("arm64")


def test_invocation_cost_worked_example():
    # 1,024 MB for 100 ms = 0.1 GB-s; plus $0.20 per million requests.
    assert L.gb_seconds(1024, 100) == pytest.approx(0.1)
    assert L.invocation_cost(1024, 100) == pytest.approx(0.1 * 0.0000166667 + 0.2e-6)
    assert L.invocation_cost(1024, 100, "arm") == pytest.approx(0.1 * 0.0000133334 + 0.2e-6)
    # Billed in whole milliseconds: 99.2 ms costs the same as 100 ms.
    assert L.invocation_cost(1024, 99.2) == L.invocation_cost(1024, 100)


@pytest.mark.parametrize(
    ("args", "name"),
    [((1024, 0), "duration_ms"), ((1024, 900_001), "duration_ms"), ((64, 10), "memory_mb")],
)
def test_invocation_cost_rejects_bad_input(args, name):
    with pytest.raises(ValueError, match=name):
        L.invocation_cost(*args)


def test_monthly_cost_with_and_without_the_free_tier():
    # 3 million invocations of 512 MB for 1 s: 1.5 million GB-s.
    plain = L.monthly_cost(512, 1000, 3_000_000)
    assert plain.gb_seconds == pytest.approx(1_500_000)
    assert plain.request_cost == pytest.approx(0.60)
    assert plain.compute_cost == pytest.approx(1_500_000 * 0.0000166667)
    free = L.monthly_cost(512, 1000, 3_000_000, free_tier=True)
    assert free.billable_requests == 3_000_000 - int(price("lambda.free_tier.requests").price)
    assert free.request_cost == pytest.approx(0.40)
    assert free.billable_gb_seconds == pytest.approx(1_100_000)
    assert free.total == pytest.approx(0.40 + 1_100_000 * 0.0000166667)
    tiny = L.monthly_cost(128, 10, 1000, free_tier=True)
    assert tiny.total == 0 and tiny.billable_gb_seconds == 0


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"requests_per_month": -1}, "requests_per_month"),
        ({"requests_per_month": 1.5}, "requests_per_month"),
        ({"free_tier": "yes"}, "free_tier"),
        ({"architecture": "ia64"}, "architecture"),
    ],
)
def test_monthly_cost_rejects_bad_input(kwargs, name):
    args = {"requests_per_month": 10} | kwargs
    with pytest.raises(ValueError, match=name):
        L.monthly_cost(1024, 100, **args)


# --- sweeping every memory setting ----------------------------------------------------------


def brute_force(workload, pick):
    """A plain-Python reference: every setting, exact integer MB-ms costs, the tie rules."""
    rows = []
    for m in range(workload.memory_needed_mb, 10_241):
        d = workload.io_ms + workload.cpu_ms / min(m / 1769, workload.threads)
        billed = math.ceil(round(d, 6))
        if d <= 900_000:
            rows.append((m, d, billed, m * billed))
    return pick(rows)


@pytest.mark.parametrize(
    ("workload", "cheapest"),
    [
        (L.Workload(cpu_ms=800), 1769),  # flat cost up to one vCPU: take the fastest
        (L.Workload(cpu_ms=800, threads=2), 3538),
        (L.Workload(cpu_ms=800, io_ms=50), 128),  # waiting costs memory-seconds
    ],
)
def test_cheapest_memory_worked_examples(workload, cheapest):
    assert L.cheapest_memory(workload) == cheapest


@settings(max_examples=25, deadline=None)
@given(
    cpu=st.floats(1, 5000),
    io=st.floats(0, 500),
    threads=st.integers(1, 6),
    needed=st.integers(128, 4096),
)
def test_sweep_agrees_with_a_brute_force_reference(cpu, io, threads, needed):
    workload = L.Workload(cpu_ms=cpu, io_ms=io, threads=threads, memory_needed_mb=needed)
    sweep = L.memory_sweep(workload)
    assert sweep.memory_mb[0] == needed and sweep.memory_mb[-1] == 10_240
    assert sweep.cheapest() == brute_force(
        workload, lambda r: min(r, key=lambda x: (x[3], x[2]))[0]
    )
    target = 1.5 * (io + cpu / min(6, threads) * 1769 / 10_240)
    fits = brute_force(workload, lambda rows: [x for x in rows if x[1] <= target])
    expected = min(fits, key=lambda x: (x[3], x[2]))[0] if fits else None
    assert sweep.cheapest_within(target) == expected


def test_fastest_within_budget_and_latency_targets():
    sweep = L.memory_sweep(L.Workload(cpu_ms=1000, io_ms=100))
    # With a generous budget the fastest setting is one vCPU (single-threaded code).
    assert sweep.fastest_within(1_000) == 1769
    cheapest_cost = sweep.at(sweep.cheapest())["cost_per_million"]
    assert sweep.fastest_within(cheapest_cost) == sweep.cheapest()
    assert sweep.fastest_within(cheapest_cost * 0.99) is None
    # Smallest memory with 100 + 1,769,000 / m <= 2,100 ms is 885 MB.
    assert sweep.cheapest_within(2_100) == 885
    assert sweep.cheapest_within(1_000) is None  # never that fast
    assert L.cheapest_memory_for_latency(L.Workload(cpu_ms=1000, io_ms=100), 2_100) == 885
    with pytest.raises(ValueError, match="budget_per_million"):
        sweep.fastest_within(0)
    with pytest.raises(ValueError, match="latency_ms"):
        sweep.cheapest_within(-5)


def test_sweep_skips_settings_that_time_out():
    slow = L.Workload(cpu_ms=900_000)  # 15 minutes of CPU at one vCPU
    sweep = L.memory_sweep(slow)
    assert sweep.times_out[0] and not sweep.times_out[-1]
    assert sweep.cheapest() == 1769
    never = L.Workload(cpu_ms=1, io_ms=900_000)
    with pytest.raises(ValueError, match="times out at every memory setting"):
        L.memory_sweep(never).cheapest()


def test_sweep_rows_and_bad_input():
    sweep = L.memory_sweep(L.Workload(cpu_ms=100, memory_needed_mb=512))
    row = sweep.at(1769)
    assert row == {
        "memory_mb": 1769,
        "vcpu": 1.0,
        "duration_ms": 100.0,
        "cost_per_million": pytest.approx(0.2 + 1769 / 1024 * 0.1 * 0.0000166667 * 1e6),
    }
    with pytest.raises(ValueError, match="swept settings"):
        sweep.at(256)
    with pytest.raises(ValueError, match="workload"):
        L.memory_sweep("heavy")
    with pytest.raises(ValueError, match="step_mb"):
        L.memory_sweep(L.Workload(cpu_ms=1), step_mb=0)
    thin = L.memory_sweep(L.Workload(cpu_ms=1), step_mb=1000)
    assert thin.memory_mb[-1] == 10_240 and len(thin.memory_mb) == 12


# --- concurrency ----------------------------------------------------------------------------


def test_required_concurrency_is_rate_times_duration():
    assert L.required_concurrency(100, 200) == 20
    assert L.required_concurrency(0, 200) == 0
    with pytest.raises(ValueError, match="duration_ms"):
        L.required_concurrency(10, 0)


def test_steady_load_under_the_limit():
    run = L.simulate_concurrency([100.0] * 5, 1000)
    assert run.demand.tolist() == [100] * 5
    assert run.total_throttled == 0
    assert run.cold_starts.tolist() == [100, 0, 0, 0, 0]  # environments stay warm
    assert run.peak_concurrency == 100


def test_the_account_limit_throttles():
    run = L.simulate_concurrency([2000.0] * 20, 1000, account_limit=1000)
    assert run.served.max() == 1000
    assert run.throttled.tolist() == pytest.approx([1000] * 20)
    assert run.throttled_by_scaling.sum() == pytest.approx(0)
    assert run.throttled_percent == pytest.approx(50)


def test_the_scaling_rate_throttles_a_sudden_burst():
    run = L.simulate_concurrency([3000.0] * 30, 1000, account_limit=5000)
    assert run.capacity.tolist() == [1000] * 10 + [2000] * 10 + [3000] * 10
    assert run.throttled_by_limit.sum() == 0
    assert run.throttled_by_scaling.sum() == pytest.approx(2000 * 10 + 1000 * 10)
    assert run.cold_starts[[0, 10, 20]].tolist() == [1000, 1000, 1000]


def test_reserved_caps_and_provisioned_warms():
    run = L.simulate_concurrency([300.0] * 3, 1000, reserved=200, provisioned=150)
    assert run.limit == 200 and run.served.max() == 200
    assert run.cold_starts.tolist() == [50, 0, 0]  # 150 were initialised in advance
    assert run.total_throttled == pytest.approx(300)
    off = L.simulate_concurrency([10.0] * 3, 1000, reserved=0)
    assert off.total_throttled == 30  # reserved 0 throttles every request: a kill switch


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"reserved": 901}, "reserved must be an integer between 0 and 900"),
        ({"reserved": -1}, "reserved"),
        ({"account_limit": 50, "reserved": 10}, "at least 100 must stay unreserved"),
        ({"reserved": 100, "provisioned": 101}, "provisioned must be an integer between 0 and 100"),
        ({"provisioned": 901}, "provisioned"),
        ({"account_limit": 0}, "account_limit"),
        ({"duration_ms": 0}, "duration_ms"),
        ({"rates": [1.0, -1.0]}, "requests_per_second"),
        ({"rates": [1.0, float("nan")]}, "requests_per_second"),
        ({"rates": []}, "requests_per_second"),
    ],
)
def test_simulate_concurrency_rejects_bad_input(kwargs, message):
    args = {"rates": [10.0], "duration_ms": 100} | kwargs
    with pytest.raises(ValueError, match=message):
        L.simulate_concurrency(args.pop("rates"), args.pop("duration_ms"), **args)


@settings(max_examples=40, deadline=None)
@given(
    rates=st.lists(st.floats(0, 5000), min_size=1, max_size=60),
    duration=st.floats(1, 3000),
    limit=st.integers(150, 3000),
    provisioned=st.integers(0, 50),
)
def test_concurrency_invariants(rates, duration, limit, provisioned):
    run = L.simulate_concurrency(rates, duration, account_limit=limit, provisioned=provisioned)
    assert np.all(run.served <= run.demand + 1e-9)
    assert np.all(run.served <= run.capacity + 1e-9) and np.all(run.capacity <= limit)
    assert np.all(run.throttled >= -1e-9)
    assert np.all(run.throttled_by_scaling >= -1e-6)
    served_requests = np.where(run.demand > 0, run.served / np.maximum(run.demand, 1e-12), 0)
    assert np.allclose(served_requests * run.requests_per_second + run.throttled, rates)
    assert np.all(np.diff(run.environments) >= 0)
    assert run.total_cold_starts == run.environments[-1] - provisioned


def test_spiky_traffic_is_seeded_and_shaped():
    a = L.spiky_traffic(seed=3)
    assert np.array_equal(a, L.spiky_traffic(seed=3))
    assert not np.array_equal(a, L.spiky_traffic(seed=4))
    assert len(a) == 600 and np.all(a >= 0)
    assert a[:200].mean() == pytest.approx(400, rel=0.05)
    assert a[270:350].mean() == pytest.approx(4000, rel=0.05)
    flat = L.spiky_traffic(60, base_rps=10, peak_rps=10, peak_start=10, noise=0)
    assert np.all(flat == 10)
    with pytest.raises(ValueError, match="noise"):
        L.spiky_traffic(noise=2)
    with pytest.raises(ValueError, match="seed"):
        L.spiky_traffic(seed=-1)


def test_init_phase_of_cold_starts_is_billed():
    # Since 1 August 2025 the INIT phase is billed, zip functions on managed runtimes too.
    assert facts.text("lambda.init_billing_date") == "2025-08-01"
    warm = L.monthly_cost(1024, 100, 1_000_000)
    cold = L.monthly_cost(1024, 100, 1_000_000, init_ms=500, cold_starts=10_000)
    assert cold.init_gb_seconds == pytest.approx(10_000 * 1.0 * 0.5)
    assert cold.gb_seconds == pytest.approx(warm.gb_seconds + 5_000)
    extra = 5_000 * price("lambda.duration.x86").price
    assert cold.total == pytest.approx(warm.total + extra)
    one = L.invocation_cost(1024, 100, init_ms=500) - L.invocation_cost(1024, 100)
    assert one == pytest.approx(0.5 * price("lambda.duration.x86").price)
    assert L.monthly_cost(1024, 100, 10, init_ms=500).init_gb_seconds == 0  # no cold starts
    with pytest.raises(ValueError, match="cold_starts"):
        L.monthly_cost(1024, 100, 10, init_ms=500, cold_starts=11)
    with pytest.raises(ValueError, match="init_ms"):
        L.invocation_cost(1024, 100, init_ms=10_001)  # the INIT phase lasts at most 10 s


def test_free_tier_is_documented_as_always_free():
    row = price("lambda.free_tier.requests")
    assert "before 15 Jul 2025" not in row.item and "always free" in row.item.lower()
    assert "always free" in facts.fact("lambda.free_tier_scope").summary.lower()
    assert "15 July 2025" not in (L.monthly_cost.__doc__ or "").split("also get")[0]


# --- invocation replays ---------------------------------------------------------------------


def outcomes(run):
    return run.events["outcome"].tolist()


def test_sync_errors_go_back_to_the_caller():
    run = L.replay("sync", 3, {1: 5}, client_retries=2)
    assert outcomes(run) == ["processed", "error_to_caller", "processed"]
    assert run.events["deliveries"].tolist() == [1, 3, 1]
    ok = L.replay("sync", 3, {1: 1}, client_retries=1)
    assert ok.counts["processed"] == 3 and ok.retried == [1]


def test_async_retries_twice_then_uses_the_destination():
    run = L.replay("async", 4, {1: 1, 2: None}, on_failure="s3")
    assert outcomes(run) == ["processed", "processed", "on_failure_destination", "processed"]
    assert run.events["deliveries"].tolist() == [1, 2, 3, 1]  # 1 try + 2 retries for event 2
    assert run.reordered == [1]  # its retry came a minute later, after event 3
    actions = run.invocations["action"].tolist()
    assert actions.count("error: retry in 1 min") == 2 and "error: retry in 2 min" in actions


def test_async_max_event_age_discards_before_the_retries_run_out():
    # Attempts at 0, 60 and 180 s: with a 90-second maximum age the third never happens.
    run = L.replay("async", 3, {1: 2}, max_event_age_s=90, dlq="sqs")
    assert outcomes(run) == ["processed", "dlq", "processed"]
    assert run.events.loc[1, "deliveries"] == 2
    assert "expired" in run.events.loc[1, "note"]
    assert outcomes(L.replay("async", 3, {1: 2})) == ["processed"] * 3  # default: 6 h
    # An attempt exactly at the maximum age still happens.
    assert L.replay("async", 1, {0: 1}, max_event_age_s=60).where("processed") == [0]
    assert L.replay("async", 1, {0: 2}, max_event_age_s=60).where("dropped") == [0]
    assert L.replay("async", 2, {0: 1}, retries=0).where("dropped") == [0]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"retries": 3}, "retries must be an integer between 0 and 2"),
        ({"on_failure": "kinesis"}, "on_failure must be one of"),
        ({"dlq": "s3"}, "dlq must be one of"),
        ({"dlq": "sqs", "on_failure": "sqs"}, "not both"),
        ({"max_event_age_s": 7 * 3600}, "max_event_age_s"),
        # AWS accepts a maximum event age of 60 to 21,600 seconds.
        ({"max_event_age_s": 59}, r"max_event_age_s must be in \[60, 21,600\]"),
        ({"max_event_age_s": 0.5}, "max_event_age_s"),
        ({"batch_size": 10}, "unknown option"),
    ],
)
def test_async_options_are_checked(options, message):
    with pytest.raises(ValueError, match=message):
        L.replay("async", 2, **options)


def test_sqs_without_partial_batch_sends_good_messages_to_the_dlq():
    run = L.replay("sqs", 6, {2: None}, batch_size=3, max_receive_count=3)
    assert run.where("dlq") == [0, 1, 2]  # batch-mates of the poison message go too
    assert run.where("processed") == [3, 4, 5]
    partial = L.replay("sqs", 6, {2: None}, batch_size=3, max_receive_count=3, partial_batch=True)
    assert partial.where("dlq") == [2]
    assert partial.events.loc[2, "deliveries"] == 3


def test_sqs_retries_reorder_and_without_a_dlq_messages_cycle():
    run = L.replay("sqs", 6, {2: 1}, batch_size=3, partial_batch=True)
    assert run.counts["processed"] == 6 and run.reordered == [2]
    stuck = L.replay("sqs", 3, {0: None}, batch_size=1)
    assert stuck.where("dropped") == [0]
    assert stuck.events.loc[0, "deliveries"] == L.SQS_RECEIVE_HORIZON


def test_fifo_blocks_a_group_until_the_message_succeeds_or_leaves():
    keys = ["a", "b", "a", "b", "a", "b"]
    run = L.replay("sqs_fifo", 6, {2: None}, keys=keys, batch_size=2)
    assert run.where("blocked") == [0, 2, 4]  # group a is stuck; group b carries on
    assert run.where("processed") == [1, 3, 5]
    dlq = L.replay("sqs_fifo", 6, {2: None}, keys=keys, batch_size=2, max_receive_count=2)
    assert dlq.where("dlq") == [0, 2] and dlq.where("processed") == [1, 3, 4, 5]
    partial = L.replay("sqs_fifo", 6, {2: 1}, keys=keys, batch_size=2, partial_batch=True)
    assert partial.counts["processed"] == 6 and partial.reordered == []
    assert partial.events["deliveries"].tolist() == [1, 1, 2, 1, 1, 1]


def test_stream_poison_record_blocks_the_shard():
    run = L.replay("stream", 8, {3: None}, batch_size=4)
    assert outcomes(run) == ["blocked"] * 8
    two = L.replay("stream", 4, {0: None}, keys=["s1", "s2", "s1", "s2"], batch_size=2)
    assert two.where("blocked") == [0, 2] and two.where("processed") == [1, 3]


def test_stream_bisect_and_retry_limit_isolate_the_poison_record():
    run = L.replay(
        "stream", 8, {3: None}, batch_size=4, bisect=True, max_retries=3, on_failure="sqs"
    )
    assert run.where("on_failure_destination") == [3]
    assert run.where("processed") == [0, 1, 2, 4, 5, 6, 7]
    assert run.reordered == []  # the shard stays in order
    plain = L.replay("stream", 8, {3: None}, batch_size=4, max_retries=5, on_failure="s3")
    assert plain.where("on_failure_destination") == [0, 1, 2, 3]  # the whole batch goes
    assert plain.events.loc[0, "deliveries"] == 6


def test_stream_bisect_splits_do_not_count_as_retries():
    # AWS: splitting a batch does not count towards the retry quota (MaximumRetryAttempts),
    # so bisection narrows a batch down to the failing record before any retry is spent.
    run = L.replay(
        "stream", 100, {50: None}, batch_size=100, bisect=True, max_retries=2, on_failure="sqs"
    )
    assert run.where("on_failure_destination") == [50]
    assert run.counts["processed"] == 99
    # 8 invocations carry record 50 while the batch is halved (100, 50, 25, 13, 7, 4, 2, 1
    # records), then its own 2 retries.
    assert run.events.loc[50, "deliveries"] == 8 + 2
    # With no retries at all the batch is still bisected: only the poison record is lost.
    zero = L.replay(
        "stream", 8, {3: None}, batch_size=8, bisect=True, max_retries=0, on_failure="sqs"
    )
    assert zero.where("on_failure_destination") == [3]
    assert zero.where("processed") == [0, 1, 2, 4, 5, 6, 7]
    # A transient failure is isolated the same way and then succeeds on a retry.
    once = L.replay("stream", 8, {5: 4}, batch_size=8, bisect=True, max_retries=1)
    assert once.counts["processed"] == 8


def test_stream_partial_batch_checkpoints_before_the_failure():
    run = L.replay("stream", 8, {3: 1}, batch_size=4, partial_batch=True)
    assert run.counts["processed"] == 8
    assert run.events["deliveries"].tolist() == [1, 1, 1, 2, 1, 1, 1, 1]
    dropped = L.replay("stream", 8, {3: None}, batch_size=4, partial_batch=True, max_retries=2)
    assert dropped.where("dropped") == [3]


def test_stream_record_age_discards_old_records():
    run = L.replay("stream", 8, {3: None}, batch_size=4, max_record_age_s=60)
    assert run.where("dropped") == [0, 1, 2, 3]
    # Records arrive 1 s apart and each invocation takes 1 s: record 0 is retried until
    # it is over 60 s old, from second 3 to second 60.
    assert run.events.loc[0, "deliveries"] == 58
    long = L.replay("stream", 4, {0: None}, batch_size=1, max_record_age_s=604_800)
    assert long.events.loc[0, "deliveries"] == 604_801
    assert len(long.invocations) == 5  # the identical retries are skipped over, not looped


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: L.replay("kafka", 3), "source must be one of"),
        (lambda: L.replay("sqs", 0), "n_events"),
        (lambda: L.replay("sqs", 3, {5: 1}), "event id"),
        (lambda: L.replay("sqs", 3, {1: -1}), "failures\\[1\\]"),
        (lambda: L.replay("sqs", 3, [1, 2]), "failures must be a mapping"),
        (lambda: L.replay("sqs", 3, keys=["a"]), "one key per event"),
        (lambda: L.replay("sqs", 3, bisect=True), "options are"),
        (lambda: L.replay("sqs", 3, max_receive_count=0), "max_receive_count"),
        (lambda: L.replay("stream", 3, on_failure="lambda"), "on_failure must be one of"),
        (lambda: L.replay("stream", 3, max_retries=10_001), "max_retries"),
        (lambda: L.replay("stream", 3, max_record_age_s=604_801), "max_record_age_s"),
        # AWS: a maximum record age is 60 s to 7 days; FIFO queues take batches of at most 10.
        (lambda: L.replay("stream", 3, max_record_age_s=59), r"max_record_age_s must be in \[60,"),
        (
            lambda: L.replay("sqs_fifo", 3, batch_size=11),
            "batch_size must be an integer between 1 and 10,",
        ),
        (
            lambda: L.replay("sqs", 3, batch_size=10_001),
            "batch_size must be an integer between 1 and 10,000",
        ),
        (lambda: L.replay("stream", 3, batch_size=10_001), "batch_size"),
        (lambda: L.replay("stream", 3, bisect="yes"), "bisect"),
        (lambda: L.replay("sync", 3, client_retries=-1), "client_retries"),
    ],
)
def test_replay_rejects_bad_input(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_batch_size_limits_follow_the_source():
    assert L.SQS_FIFO_BATCH_SIZE_MAX == 10 and L.SQS_BATCH_SIZE_MAX == 10_000
    assert L.replay("sqs_fifo", 12, batch_size=10).counts["processed"] == 12
    assert L.replay("sqs", 12, batch_size=12).counts["processed"] == 12
    assert L.replay("stream", 3, max_record_age_s=60).counts["processed"] == 3


def test_replay_names_a_misspelt_option():
    with pytest.raises(ValueError, match=r"unknown option\(s\) \['batchsize'\] for source 'sqs'"):
        L.replay("sqs", 3, batchsize=3)


def test_replay_options_declare_every_option_of_every_source():
    per_source = (
        L.SyncOptions,
        L.AsyncOptions,
        L.QueueOptions,
        L.FifoQueueOptions,
        L.StreamOptions,
    )
    declared = {f.name for options in per_source for f in dataclasses.fields(options)}
    assert declared == set(L.ReplayOptions.__optional_keys__)
    with pytest.raises(ValueError, match="max_receive_count"):
        L.QueueOptions(max_receive_count=0)  # checked when made, before any replay


@settings(max_examples=60, deadline=None)
@given(
    source=st.sampled_from(L.SOURCES),
    n=st.integers(1, 12),
    fails=st.dictionaries(st.integers(0, 11), st.one_of(st.none(), st.integers(0, 3))),
    partial=st.booleans(),
    batch=st.integers(1, 5),
    groups=st.integers(1, 3),
)
def test_every_event_ends_somewhere_exactly_once(source, n, fails, partial, batch, groups):
    fails = {e: k for e, k in fails.items() if e < n}
    options = {
        "sync": {"client_retries": 1},
        "async": {"on_failure": "sqs"},
        "sqs": {"batch_size": batch, "partial_batch": partial, "max_receive_count": 3},
        "sqs_fifo": {"batch_size": batch, "partial_batch": partial},
        "stream": {"batch_size": batch, "partial_batch": partial, "bisect": not partial},
    }[source]
    keys = [str(e % groups) for e in range(n)]
    run = L.replay(source, n, fails, keys=keys, **options)
    assert set(run.events["outcome"]) <= set(L.OUTCOMES)
    assert sum(run.counts.values()) == n
    done = run.events.dropna(subset=["position"])
    assert sorted(done["position"].tolist()) == list(range(len(done)))
    assert (run.events.loc[run.where("processed"), "deliveries"] >= 1).all()
    clean = [e for e in range(n) if e not in fails or fails[e] == 0]
    if not fails or all(k == 0 for k in fails.values()):
        assert run.where("processed") == list(range(n)) and run.retried == []
        assert run.reordered == []
    if source in ("stream", "sqs_fifo"):
        assert run.reordered == []  # ordered sources never reorder within a key
    if source in ("sync", "async"):  # events are independent: clean ones always succeed
        assert set(clean) <= set(run.where("processed"))


# --- versions, aliases and CodeDeploy -------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kind", "percent", "interval", "last"),
    [
        ("Canary10Percent5Minutes", "canary", 10, 5, 5),
        ("Canary10Percent30Minutes", "canary", 10, 30, 30),
        ("Linear10PercentEvery1Minute", "linear", 10, 1, 9),
        ("Linear10PercentEvery3Minutes", "linear", 10, 3, 27),
        ("Linear10PercentEvery10Minutes", "linear", 10, 10, 90),
        ("AllAtOnce", "all_at_once", 100, 0, 0),
    ],
)
def test_deployment_types_parse(name, kind, percent, interval, last):
    cfg = L.deployment_config(name)
    assert (cfg.kind, cfg.percent, cfg.interval_minutes, cfg.shift_minutes) == (
        kind,
        percent,
        interval,
        last,
    )
    assert L.deployment_config(cfg.codedeploy_name) == cfg
    assert cfg.steps()[-1][1] == 100


def test_every_registered_type_and_the_notes_typo():
    assert [c.name for c in L.deployment_configs()] == list(L.DEPLOYMENT_TYPES)
    linear = L.deployment_config("Linear10PercentEvery2Minutes").steps()
    assert linear == tuple((2 * i, 10 * (i + 1)) for i in range(10))
    with pytest.raises(ValueError, match="typo: it is 'Linear10PercentEvery3Minutes'"):
        L.deployment_config("Liner10PercentEvery3Minutes")
    with pytest.raises(ValueError, match="name must be one of"):
        L.deployment_config("Canary50Percent1Minute")
    with pytest.raises(ValueError, match="name"):
        L.deployment_config(None)


def test_successful_canary_and_the_traffic_it_sends():
    d = L.deploy("Canary10Percent5Minutes")
    assert d.status == "succeeded" and d.ends_at == 5
    assert d.new_percent_at([0, 4.99, 5, 60]).tolist() == [10, 10, 100, 100]
    assert L.requests_to_new_version(d, 1000) == pytest.approx(500)  # 10% for 5 minutes
    assert L.requests_to_new_version(d, 1000, until_minute=10) == pytest.approx(5500)


def test_linear_traffic_worked_example():
    d = L.deploy("Linear10PercentEvery3Minutes")
    # 3 minutes each at 10%, 20%, ... 90%: 3 x (0.1 + ... + 0.9) = 13.5 minutes of traffic.
    assert L.requests_to_new_version(d, 1000) == pytest.approx(13_500)
    assert d.new_percent_at([2.9, 3, 26.9, 27]).tolist() == [10, 20, 90, 100]


def test_alarm_rolls_back_during_the_deployment_only():
    d = L.deploy("Canary10Percent10Minutes", alarm_at_minute=4)
    assert d.status == "rolled_back" and d.ends_at == 4
    assert d.new_percent_at([3.9, 4, 20]).tolist() == [10, 0, 0]
    assert L.requests_to_new_version(d, 600) == pytest.approx(240)
    at_shift = L.deploy("Linear10PercentEvery1Minute", alarm_at_minute=3)
    assert at_shift.new_percent_at([2.5, 3]).tolist() == [30, 0]
    at_end = L.deploy("Canary10Percent5Minutes", alarm_at_minute=5)
    assert at_end.status == "rolled_back"  # still running: the post-traffic hook
    late = L.deploy("Canary10Percent5Minutes", alarm_at_minute=6)
    assert late.status == "succeeded"  # too late: the alarm is no longer watched


def test_hooks_gate_the_deployment():
    pre = L.deploy("AllAtOnce", pre_traffic_ok=False)
    assert pre.status == "pre_traffic_failed"
    assert pre.new_percent_at([0, 10]).tolist() == [0, 0]
    post = L.deploy("AllAtOnce", post_traffic_ok=False)
    assert post.status == "rolled_back" and post.new_percent_at(0).tolist() == [0]
    with pytest.raises(ValueError, match="alarm_at_minute"):
        L.deploy("AllAtOnce", alarm_at_minute=-1)
    with pytest.raises(ValueError, match="pre_traffic_ok"):
        L.deploy("AllAtOnce", pre_traffic_ok="no")
    with pytest.raises(ValueError, match="minutes"):
        L.deploy("AllAtOnce").new_percent_at([-1])


def test_weighted_alias_routing_is_seeded():
    old, new = L.route_invocations(10, 10_000, seed=1)
    assert old + new == 10_000 and abs(new - 1_000) < 100
    assert L.route_invocations(10, 10_000, seed=1) == (old, new)
    assert L.route_invocations(0, 50) == (50, 0)
    assert L.route_invocations(100, 50) == (0, 50)
    with pytest.raises(ValueError, match="new_percent"):
        L.route_invocations(101, 5)


# --- scenario questions ---------------------------------------------------------------------


def test_question_bank_grades_its_own_answers_and_states_current_limits():
    # The bank's shape (counts, positions, lengths) is the question standard's test; here:
    # every question accepts exactly its correct options, and the numbers are today's.
    from aws_compute_course.quiz import grade
    from aws_compute_course.topics.lambda_.questions import QUESTIONS

    for q in QUESTIONS:
        assert grade(q, q.correct_indices).correct
        wrong = next(i for i in range(len(q.options)) if i not in q.correct_indices)
        assert not grade(q, {wrong} if not q.multi else q.correct_indices | {wrong}).correct
    text = " ".join(q.prompt + " ".join(o.text for o in q.options) for q in QUESTIONS)
    assert "10,240 MB" in text and "1,769 MB" in text
    assert "Liner" not in text, "the notes' typo is not an answer option"
