"""The API Gateway models: throttling buckets, the cache, API types and cost, errors, access."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aws_compute_course.facts import integer
from aws_compute_course.pricing import price
from aws_compute_course.topics import api_gateway as ag
from aws_compute_course.topics.api_gateway import caching, throttling

# --- throttling -----------------------------------------------------------------------------


def test_a_spike_at_a_full_bucket_is_served_up_to_burst_plus_rate():
    assert ag.burst_throttled(100, 200, 500) == 200
    assert ag.burst_throttled(100, 200, 300) == 0
    assert ag.burst_throttled(0, 0, 7) == 7


def test_steady_load_at_the_rate_is_never_throttled():
    run = ag.simulate({"k": [50] * 100}, {"k": ag.UsagePlan(50, 10)})
    assert run.throttled_total == 0
    assert run.served_total == 5000


def test_the_bucket_drains_then_serves_the_rate():
    # 300 per second against rate 100, burst 200: the bucket empties in the first second.
    run = ag.simulate({"k": [300] * 5}, {"k": ag.UsagePlan(100, 200)})
    assert run.served[0].tolist() == [300, 100, 100, 100, 100]
    assert run.plan_throttled[0].tolist() == [0, 200, 200, 200, 200]
    assert run.plan_tokens[0, 0] == 0


def test_the_account_default_comes_from_the_facts():
    spike = integer("api_gateway.account_rate_rps") + integer("api_gateway.account_burst") + 10
    run = ag.simulate({"all": [spike]})
    assert run.account_throttled.sum() == 10


def test_levels_apply_in_order_and_refusals_take_no_later_tokens():
    arrivals = {"a": [400, 0], "b": [100, 100]}
    plans = {"a": ag.UsagePlan(100, 100)}  # a: 200 pass its plan, 200 throttled there
    run = ag.simulate(arrivals, plans, stage=ag.Bucket(150, 50))  # stage lets 200 through
    assert run.plan_throttled[0, 0] == 200
    assert run.stage_throttled[:, 0].sum() == 100  # 300 reached the stage, 200 passed
    assert run.stage_throttled[:, 0].tolist() == [67, 33]  # shared by what each brought
    assert run.served[:, 0].sum() == 200
    # Conservation: every request is served or gets exactly one 429.
    assert (run.served + run.throttled == run.arrivals).all()


def test_a_quota_runs_out_and_says_when():
    run = ag.simulate({"k": [10] * 20}, {"k": ag.UsagePlan(100, 100, quota=55)})
    assert run.quota_exhausted_at == {"k": 5}
    assert run.served_total == 55
    assert run.quota_refused.sum() == 145


def test_a_daily_quota_resets_after_a_day():
    arrivals = np.zeros(86_400, dtype=int)
    arrivals[[0, 86_399]] = 5
    run = ag.simulate({"k": arrivals}, {"k": ag.UsagePlan(10, 10, quota=5)})
    assert run.served_total == 5  # the period has not rolled over within the day


def test_per_key_totals():
    run = ag.simulate({"a": [3, 3], "b": [1, 1]}, {"a": ag.UsagePlan(1, 1)})
    totals = run.per_key()
    assert totals["a"]["served"] == 3 and totals["a"]["plan_throttled"] == 3
    assert totals["b"] == {
        "arrivals": 2,
        "served": 2,
        "quota_refused": 0,
        "plan_throttled": 0,
        "stage_throttled": 0,
        "account_throttled": 0,
    }


def test_request_patterns():
    burst = ag.request_pattern("burst", 20, base_rps=5, peak_rps=50, period_s=10)
    assert burst.tolist()[:11] == [50] + [5] * 9 + [50]
    saw = ag.request_pattern("sawtooth", 10, base_rps=0, peak_rps=90, period_s=10)
    assert saw[0] == 0 and saw[-1] == 90
    steady = ag.request_pattern("steady", 1000, base_rps=100, seed=1)
    assert steady.tolist() == ag.request_pattern("steady", 1000, base_rps=100, seed=1).tolist()
    assert 95 < steady.mean() < 105
    recorded = ag.request_pattern("recorded", 25, base_rps=0)
    assert recorded[:10].sum() == sum(
        v.sum() for v in ag.parse_request_csv(ag.RECORDED_SAMPLE).values()
    )


def test_parse_request_csv():
    streams = ag.parse_request_csv("second,key,requests\n0,a,1\n2,a,3\n1,b,2\n")
    assert streams["a"].tolist() == [1, 0, 3] and streams["b"].tolist() == [0, 2, 0]


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: ag.UsagePlan(-1, 10), "rate"),
        (lambda: ag.UsagePlan(1, float("nan")), "burst"),
        (lambda: ag.UsagePlan(1, 1, quota=-5), "quota"),
        (lambda: ag.UsagePlan(1, 1, quota=5, quota_period="YEAR"), "quota_period"),
        (lambda: ag.simulate({}), "arrivals"),
        (lambda: ag.simulate({"k": [1.5]}), "arrivals['k']"),
        (lambda: ag.simulate({"k": [-1]}), "arrivals['k']"),
        (lambda: ag.simulate({"k": [1], "j": [1, 2]}), "arrivals"),
        (lambda: ag.simulate({"k": [1]}, {"x": None}), "plans"),
        (lambda: ag.simulate({"k": [1]}, stage=(1, 2)), "stage"),
        (lambda: ag.request_pattern("spiky", 10, base_rps=1), "kind"),
        (lambda: ag.request_pattern("steady", 0, base_rps=1), "seconds"),
        (lambda: ag.request_pattern("steady", 10, base_rps=-1), "base_rps"),
        (lambda: ag.parse_request_csv("a,b\n1,2\n"), "text"),
        (lambda: ag.parse_request_csv("second,key,requests\nx,a,1\n"), "text"),
        (lambda: ag.burst_throttled(1, 1, -1), "spike"),
    ],
)
def test_throttling_bad_input_names_the_parameter(call, name):
    with pytest.raises(ValueError, match=f"^{name.replace('[', '.').replace(']', '.')}|{name}"):
        call()


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.integers(0, 500), min_size=1, max_size=40),
    st.floats(0, 300),
    st.floats(0, 300),
    st.integers(0, 3000) | st.none(),
)
def test_throttling_conserves_requests_and_bounds_tokens(arrivals, rate, burst, quota):
    run = ag.simulate({"k": arrivals}, {"k": ag.UsagePlan(rate, burst, quota=quota)})
    assert (run.served + run.throttled == run.arrivals).all()
    assert (run.plan_tokens >= -1e-9).all() and (run.plan_tokens <= burst + 1e-9).all()
    # Never more than the bucket plus its refill, and never more than the quota.
    assert run.served_total <= burst + rate * len(arrivals) + 1e-6
    if quota is not None:
        assert run.served_total <= quota


def test_one_hour_at_ten_thousand_rps_is_fast():
    import time

    stream = ag.request_pattern("steady", 3600, base_rps=10_000)
    start = time.perf_counter()
    run = ag.simulate({"all": stream})
    assert time.perf_counter() - start < 1.0
    assert run.arrivals.shape == (1, 3600)


# --- caching --------------------------------------------------------------------------------


def test_zipf_popularity():
    p = ag.zipf_popularity(4, 0.0)
    assert np.allclose(p, 0.25)
    skewed = ag.zipf_popularity(1000, 1.2)
    assert skewed[0] > skewed[1] > skewed[-1] and np.isclose(skewed.sum(), 1)


def test_ttl_cache_hit_ratio_matches_the_formula():
    # One key, 10 requests per second, TTL 300 s: x = 3000 -> 3000 / 3001.
    r = ag.cache_effect(rps=10, keys=1, zipf_s=0, ttl_s=300)
    assert r.hit_ratio == pytest.approx(3000 / 3001)
    assert ag.cache_effect(rps=10, keys=1, zipf_s=0, ttl_s=0).hit_ratio == 0


def test_a_full_cache_shortens_the_effective_ttl():
    roomy = ag.cache_effect(rps=2000, keys=20_000, zipf_s=0.8, response_bytes=1_000)
    tight = ag.cache_effect(rps=2000, keys=20_000, zipf_s=0.8, response_bytes=500_000)
    assert roomy.effective_ttl_s == 300
    assert tight.capacity_entries == 1000 and tight.effective_ttl_s < 300
    assert tight.hit_ratio < roomy.hit_ratio


def test_invalidation_and_cost():
    r = ag.cache_effect(rps=100, keys=100, zipf_s=1, invalidate_share=0.5, backend_per_million=1)
    full = ag.cache_effect(rps=100, keys=100, zipf_s=1, backend_per_million=1)
    assert r.hit_ratio == pytest.approx(full.hit_ratio / 2)
    assert full.cache_cost == pytest.approx(price("apigw.cache.0_5gb").price * 730)
    assert full.api_cost == pytest.approx(
        100 * 730 * 3600 / 1e6 * price("apigw.rest.per_million").price
    )
    assert full.saving == pytest.approx(
        full.backend_cost_without - full.backend_cost_with - full.cache_cost
    )


def test_every_cache_size_has_a_price():
    assert [ag.cache_price(s).price > 0 for s in ag.SIZES_GB] == [True] * 8


def test_cache_key_count():
    params = {"path": 100, "lang": 5, "user": 10_000}
    assert ag.cache_key_count(params, set()) == 100
    assert ag.cache_key_count(params, {"lang"}) == 500
    assert ag.cache_key_count(params, {"lang", "user"}) == 5_000_000


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"rps": 0}, "rps"),
        ({"keys": 0}, "keys"),
        ({"zipf_s": -1}, "zipf_s"),
        ({"ttl_s": 3601}, "ttl_s"),
        ({"size_gb": 1.0}, "size_gb"),
        ({"response_bytes": 2_000_000}, "response_bytes"),
        ({"invalidate_share": 1.5}, "invalidate_share"),
        ({"backend_per_million": -1}, "backend_per_million"),
    ],
)
def test_cache_bad_input_names_the_parameter(kwargs, name):
    args = {"rps": 10, "keys": 10, "zipf_s": 1.0} | kwargs
    with pytest.raises(ValueError, match=f"^{name}"):
        ag.cache_effect(**args)


def test_cache_key_count_bad_input():
    with pytest.raises(ValueError, match="in_key"):
        ag.cache_key_count({"path": 1}, {"nope"})
    with pytest.raises(ValueError, match="cardinalities"):
        ag.cache_key_count({"path": 0}, set())


@settings(max_examples=30, deadline=None)
@given(st.floats(0.1, 5000), st.integers(1, 5000), st.floats(0, 2), st.floats(1, 3600))
def test_hit_ratio_is_a_ratio_and_grows_with_ttl(rps, keys, s, ttl):
    low = ag.cache_effect(rps=rps, keys=keys, zipf_s=s, ttl_s=ttl / 2).hit_ratio
    high = ag.cache_effect(rps=rps, keys=keys, zipf_s=s, ttl_s=ttl).hit_ratio
    assert 0 <= low <= high + 1e-12 <= 1 + 1e-12


def test_hit_ratio_curve_matches_cache_effect():
    rates = 500 * ag.zipf_popularity(5000, 1.0)
    curve = ag.hit_ratio_curve(rates, np.array([0, 60, 300]), capacity=800)
    assert curve[0] == 0
    r = ag.cache_effect(rps=500, keys=5000, zipf_s=1.0, ttl_s=300, response_bytes=625_000)
    assert r.capacity_entries == 800 and curve[2] == pytest.approx(r.hit_ratio)
    assert caching.characteristic_time(rates, 10**9, 300) == 300


# --- API types and cost ---------------------------------------------------------------------


def test_http_apis_lack_the_rest_features():
    for need in ("waf", "api_keys", "caching", "request_validation"):
        verdicts = ag.choose([need])
        assert verdicts["REST"].qualifies and not verdicts["HTTP"].qualifies
    assert ag.choose([], "private")["HTTP"].reasons
    assert ag.choose(["native_jwt"])["HTTP"].qualifies
    assert not ag.choose(["native_jwt"])["REST"].qualifies
    assert [a for a, v in ag.choose(["two_way"]).items() if v.qualifies] == ["WebSocket"]
    assert not ag.choose(["waf", "native_jwt"])["REST"].qualifies


def test_tiered_costs():
    assert ag.rest_cost(1e6) == pytest.approx(3.50)
    assert ag.rest_cost(1e9) == pytest.approx(333 * 3.5 + 667 * 2.8)
    assert ag.rest_cost(21e9) == pytest.approx(333 * 3.5 + 667 * 2.8 + 19_000 * 2.38 + 1_000 * 1.51)
    assert ag.http_cost(400e6) == pytest.approx(300 * 1.0 + 100 * 0.9)
    assert ag.websocket_cost(2e6, 4e6) == pytest.approx(2 * 1.0 + 4 * 0.25)
    assert ag.monthly_costs(2e9)["WebSocket"] is None


def test_cheapest_qualifying():
    assert ag.cheapest_qualifying([], 1e8) == "HTTP"
    assert ag.cheapest_qualifying(["caching"], 1e8) == "REST"
    assert ag.cheapest_qualifying(["waf", "native_jwt"], 1e8) is None


@settings(max_examples=30, deadline=None)
@given(st.floats(0, 1e11), st.floats(0, 1e11))
def test_costs_grow_with_volume_and_http_is_cheaper(a, b):
    low, high = sorted((a, b))
    assert ag.rest_cost(low) <= ag.rest_cost(high) + 1e-9
    assert ag.http_cost(high) <= ag.rest_cost(high) + 1e-9


def test_chooser_bad_input():
    with pytest.raises(ValueError, match="requirements"):
        ag.choose(["teleport"])
    with pytest.raises(ValueError, match="endpoint"):
        ag.choose([], "global")
    with pytest.raises(ValueError, match="requests"):
        ag.rest_cost(-1)
    with pytest.raises(ValueError, match="messages"):
        ag.websocket_cost(2e9, 0)


# --- errors, limits and access --------------------------------------------------------------


def test_client_status_per_failure():
    statuses = {f: ag.client_status(f).status for f in ag.FAILURES}
    assert statuses["api_gateway_throttle"] == 429
    assert statuses["lambda_throttle"] == 500  # not 429: the Lambda API rejected the invoke
    assert statuses["function_error"] == 502
    assert statuses["integration_timeout"] == 504
    assert ag.client_status("lambda_throttle").source.startswith(
        "https://docs.aws.amazon.com/lambda"
    )
    with pytest.raises(ValueError, match="failure"):
        ag.client_status("meteor")


def test_timeouts_and_payload():
    assert ag.check_timeout("REST", "Regional", 29_000)[0]
    assert not ag.check_timeout("REST", "Regional", 40_000)[0]
    assert ag.check_timeout("REST", "private", 40_000, quota_raised=True)[0]
    assert not ag.check_timeout("REST", "edge-optimized", 40_000, quota_raised=True)[0]
    assert not ag.check_timeout("REST", "Regional", 20)[0]
    assert ag.check_timeout("HTTP", "Regional", 30_000)[0]
    assert not ag.check_timeout("HTTP", "Regional", 30_001, quota_raised=True)[0]
    assert ag.payload_fits(10) and not ag.payload_fits(20)
    with pytest.raises(ValueError, match="timeout_ms"):
        ag.check_timeout("REST", "Regional", 0)
    with pytest.raises(ValueError, match="size_mb"):
        ag.payload_fits(-1)


def test_authorize():
    assert ag.authorize(ag.Caller(), "NONE").allowed
    assert not ag.authorize(ag.Caller(), "AWS_IAM").allowed
    assert ag.authorize(ag.Caller(sigv4_allowed=True), "AWS_IAM").allowed
    assert ag.authorize(ag.Caller(jwt_valid=True), "JWT", api_type="HTTP").allowed
    denied = ag.authorize(ag.Caller(lambda_allows=True), "CUSTOM", private=True)
    assert not denied.allowed and denied.status == 403 and "VPC endpoint" in denied.reason
    assert ag.authorize(
        ag.Caller(lambda_allows=True, via_vpc_endpoint=True), "CUSTOM", private=True
    ).allowed
    with pytest.raises(ValueError, match="JWT"):
        ag.authorize(ag.Caller(), "JWT")
    with pytest.raises(ValueError, match="HTTP"):
        ag.authorize(ag.Caller(), "NONE", api_type="HTTP", private=True)
    with pytest.raises(ValueError, match="caller"):
        ag.authorize("me", "NONE")


def test_authorizer_calls_and_canary():
    assert ag.authorizer_calls(100, 1, 0) == 100
    assert ag.authorizer_calls(100, 1, 300) == pytest.approx(100 / 30_001)
    assert ag.canary_split(1000, 0) == (1000, 0)
    prod, canary = ag.canary_split(100_000, 10, seed=3)
    assert prod + canary == 100_000 and 9_500 < canary < 10_500
    with pytest.raises(ValueError, match="ttl_s"):
        ag.authorizer_calls(1, 1, 3601)
    with pytest.raises(ValueError, match="canary_percent"):
        ag.canary_split(10, 101)


def test_throttling_module_constants_come_from_facts():
    assert integer("api_gateway.account_rate_rps") == throttling.ACCOUNT_RATE
    assert throttling.QUOTA_PERIODS == ("DAY", "WEEK", "MONTH")
