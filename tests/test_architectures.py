"""The architectures models: the workload, bills from the other topics' models, limits with
their facts, break-even volumes, the ranking and the spike response."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aws_compute_course.facts import value
from aws_compute_course.pricing import price
from aws_compute_course.topics import api_gateway, lambda_
from aws_compute_course.topics import architectures as arch

W = arch.Workload()


# --- workload ---------------------------------------------------------------------------------


def test_profiles_have_mean_one_and_the_spiky_one_spikes():
    for shape in ("steady", "daily", "spiky"):
        p = arch.rate_profile(shape)
        assert p.size == 1440 and p.mean() == pytest.approx(1.0)
    assert arch.rate_profile("spiky").max() > 5 * arch.rate_profile("daily").max() / 2
    assert arch.Workload().mean_rps == pytest.approx(50e6 / (30 * 86_400))


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"requests_per_month": -1}, "requests_per_month"),
        ({"shape": "bursty"}, "shape"),
        ({"duration_ms": 0}, "duration_ms"),
        ({"cpu_percent": 0}, "cpu_percent"),
        ({"memory_mb": 100}, "memory_mb"),
        ({"request_kb": -5}, "request_kb"),
        ({"sync": "yes"}, "sync"),
        ({"days": 31}, "days"),
        ({"shape": "recorded"}, "recorded"),
        ({"shape": "recorded", "recorded": np.zeros(100)}, "recorded"),
    ],
)
def test_bad_workloads_name_the_parameter(kwargs, name):
    with pytest.raises(ValueError, match=name):
        arch.Workload(**kwargs)


def test_a_recorded_curve_is_used_as_given():
    curve = np.r_[np.ones(60), 3 * np.ones(60)]
    w = arch.Workload(shape="recorded", recorded=curve)
    assert w.peak_rps == pytest.approx(1.5 * w.mean_rps)


# --- cost ---------------------------------------------------------------------------------------


def test_lambda_rest_bill_is_the_lambda_and_api_gateway_models():
    bill = arch.monthly_cost("lambda_rest", W)
    lines = {line.item: line.usd for line in bill.lines}
    per_million = lambda_.monthly_cost(
        W.memory_mb, W.duration_ms, 1_000_000, init_ms=W.init_ms, cold_starts=10_000
    ).total
    assert lines["Lambda"] == pytest.approx(per_million * 50)
    assert lines["API Gateway REST"] == pytest.approx(api_gateway.rest_cost(50e6))
    assert bill.total == pytest.approx(sum(lines.values()))
    assert all(line.basis for line in bill.lines)


def test_the_single_instance_costs_two_instances_whatever_the_volume():
    od = price("ec2.on_demand.m5.large").price
    for volume in (1e5, 1e8):
        assert arch.monthly_cost("ec2_eip", W.scaled(volume)).total == pytest.approx(2 * od * 720)


def test_the_queue_sizes_workers_for_the_hourly_average_so_costs_less_compute_than_peak():
    w = arch.Workload(requests_per_month=2e9, shape="spiky")
    parts = arch.breakdown(w, np.array([2e9]))
    assert (
        parts["apigw_sqs"]["Fargate workers (hourly average)"][0]
        < parts["fargate_alb"]["Fargate tasks"][0]
    )


def test_sqs_bills_every_64_kib_chunk():
    small = arch.breakdown(arch.Workload(request_kb=10), np.array([1e8]))["apigw_sqs"]
    big = arch.breakdown(arch.Workload(request_kb=200), np.array([1e8]))["apigw_sqs"]
    assert big["SQS requests"][0] == pytest.approx(4 * small["SQS requests"][0])


def test_curves_match_the_bill_within_a_few_percent():
    curves = arch.cost_curves(W, np.array([W.requests_per_month]))
    for a in arch.IDS:
        assert curves[a][0] == pytest.approx(arch.monthly_cost(a, W).total, rel=0.06)


def test_lambda_is_cheapest_at_low_volume_and_loses_to_fargate_later():
    v = arch.volume_grid()
    c = arch.cost_curves(W, v)
    crossings = arch.break_even(v, c["lambda_http"], c["fargate_alb"])
    assert len(crossings) == 1 and 1e6 < crossings[0] < 1e9
    assert c["lambda_http"][0] < c["fargate_alb"][0] and c["lambda_http"][-1] > c["fargate_alb"][-1]


def test_break_even_interpolates_on_a_log_scale_and_checks_input():
    v = np.array([1e6, 1e8])
    assert arch.break_even(v, np.array([1.0, 3.0]), np.array([2.0, 2.0])) == [pytest.approx(1e7)]
    assert arch.break_even(v, np.array([1.0, 1.5]), np.array([2.0, 2.0])) == []
    with pytest.raises(ValueError, match="volumes"):
        arch.break_even(np.array([1e8, 1e6]), np.array([1.0, 3.0]), np.array([2.0, 2.0]))
    with pytest.raises(ValueError, match="step"):
        arch.cost_curves(W, v, step=7)
    with pytest.raises(ValueError, match="architecture"):
        arch.monthly_cost("mainframe", W)
    with pytest.raises(ValueError, match="volumes"):
        arch.cost_curves(W, np.array([-1.0]))


@settings(max_examples=25, deadline=None)
@given(
    low=st.floats(1e5, 1e9),
    factor=st.floats(1.5, 10),
    duration=st.floats(10, 5000),
    shape=st.sampled_from(["steady", "daily", "spiky"]),
)
def test_costs_never_fall_as_volume_grows(low, factor, duration, shape):
    w = arch.Workload(duration_ms=duration, shape=shape)
    c = arch.cost_curves(w, np.array([low, low * factor]))
    for a, (x, y) in c.items():
        assert y >= x - 1e-9, a


# --- limits -------------------------------------------------------------------------------------


def verdicts(w):
    return {a: f.verdict for a, f in arch.check_all(w).items()}


def test_a_plain_web_request_fits_everywhere_but_the_queue():
    v = verdicts(W)
    assert v.pop("apigw_sqs") == "breaks"
    assert set(v.values()) == {"fits"}


def test_alb_to_lambda_breaks_at_the_albs_limit_not_lambdas():
    mb = value("load_balancers.alb_lambda_request_max_mb")
    w = arch.Workload(request_kb=mb * 1024 + 1)
    fit = arch.check("lambda_alb", w)
    assert fit.verdict == "breaks"
    assert fit.broken[0].fact == "load_balancers.alb_lambda_request_max_mb"
    assert arch.check("lambda_http", w).verdict == "fits"  # API Gateway takes 10 MB


def test_the_queue_is_bound_by_the_sqs_message_not_api_gateway():
    kib = value("architectures.sqs_message_max_kib")
    w = arch.Workload(request_kb=kib + 1, sync=False)
    assert api_gateway.payload_fits(w.request_kb / 1024)
    fit = arch.check("apigw_sqs", w)
    assert [c.fact for c in fit.broken] == ["architectures.sqs_message_max_kib"]
    assert arch.check("apigw_sqs", arch.Workload(request_kb=kib, sync=False)).verdict == "fits"


def test_timeouts_of_each_front():
    w = arch.Workload(duration_ms=45_000)
    assert arch.check("lambda_http", w).verdict == "breaks"
    assert arch.check("lambda_rest", w).verdict == "fits at a cost"  # quota increase
    assert arch.check("fargate_alb", w).verdict == "fits"
    long = arch.Workload(duration_ms=value("lambda.timeout_max_seconds") * 1000 + 1)
    assert arch.check("lambda_alb", long).broken[0].fact == "lambda.timeout_max_seconds"
    assert math.isnan(arch.monthly_cost("lambda_alb", long).total)


def test_spot_needs_interruptible_work_and_spikes_cost_extra():
    assert arch.check("asg_spot_alb", arch.Workload(interruptible=False)).verdict == "breaks"
    spiky = arch.check("asg_alb", arch.Workload(shape="spiky"))
    assert {c.fact for c in spiky.checks} >= {"architectures.alb_lcu_reservation"}


def test_soft_quotas_fit_at_a_cost():
    w = arch.Workload(requests_per_month=3e10, duration_ms=500)
    fit = arch.check("lambda_rest", w)
    limits = {c.limit: c.verdict for c in fit.checks}
    assert limits["concurrency"] == limits["throttle"] == "fits at a cost"


def test_single_instance_breaks_above_its_capacity():
    w = arch.Workload()
    top = arch.max_volume("ec2_eip", w)
    assert arch.check("ec2_eip", w.scaled(top * 0.99)).verdict == "fits"
    assert arch.check("ec2_eip", w.scaled(top * 1.01)).verdict == "breaks"
    assert arch.max_volume("asg_alb", w) == math.inf


# --- ranking --------------------------------------------------------------------------------------


def test_ranking_puts_breaking_architectures_last_and_follows_the_weights():
    rows = arch.rank(W)
    assert [r.place for r in rows] == list(range(1, len(arch.IDS) + 1))
    assert rows[-1].architecture == "apigw_sqs" and "breaks" in rows[-1].reasons
    cheapest = min((r for r in rows if r.verdict != "breaks"), key=lambda r: r.monthly_usd)
    by_cost = arch.rank(W, cost_weight=1, latency_weight=0, effort_weight=0)
    assert by_cost[0].architecture == cheapest.architecture
    by_effort = arch.rank(W, cost_weight=0, latency_weight=0, effort_weight=1)
    assert arch.BY_ID[by_effort[0].architecture].effort == 1
    with pytest.raises(ValueError, match="must not all be 0"):
        arch.rank(W, cost_weight=0, latency_weight=0, effort_weight=0)
    with pytest.raises(ValueError, match="cost_weight"):
        arch.rank(W, cost_weight=-1)


# --- spike --------------------------------------------------------------------------------------


def test_spike_response_lambda_absorbs_instances_lag_queue_keeps_everything():
    runs = arch.spike_response(100.0, 10.0, 100.0)
    assert runs["lambda_alb"].dropped_percent == pytest.approx(0, abs=0.01)
    assert runs["asg_alb"].dropped_percent > runs["fargate_alb"].dropped_percent > 0
    q = runs["apigw_sqs"]
    assert q.dropped_percent == 0 and q.max_queue > 0 and q.queued[-1] == 0
    for r in runs.values():
        np.testing.assert_allclose(
            r.served + r.dropped, r.arrivals, atol=1e-6
        ) if r.max_queue == 0 else None


def test_spike_beyond_the_api_gateway_throttle_is_dropped_in_front():
    rate = value("api_gateway.account_rate_rps")
    runs = arch.spike_response(rate / 5, 10.0, 10.0)
    assert runs["lambda_http"].dropped_percent > 0
    assert runs["apigw_sqs"].dropped_percent == pytest.approx(runs["lambda_http"].dropped_percent)


@pytest.mark.parametrize(
    ("args", "name"),
    [
        ((0.0, 10.0, 100.0), "base_rps"),
        ((10.0, 0.5, 100.0), "factor"),
        ((10.0, 2.0, 0.0), "duration_ms"),
    ],
)
def test_spike_bad_input(args, name):
    with pytest.raises(ValueError, match=name):
        arch.spike_response(*args)
