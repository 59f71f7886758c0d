"""The load balancer models: features, distribution, rules, health checks, cost, routing."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aws_compute_course.facts import integer, number
from aws_compute_course.pricing import price
from aws_compute_course.topics import load_balancers as lb

R = lb.rules
NOT_FOUND = R.Action("fixed-response", status_code=404)

# --- features -------------------------------------------------------------------------------


def test_chooser_udp_and_static_ip_is_nlb_only():
    choice = lb.features.choose(["udp", "static_ip"])
    assert choice.fits == ("NLB",)
    assert set(choice.reasons) == {"ALB", "GWLB", "CLB"}
    assert any("HTTP and HTTPS listeners only" in r for r in choice.reasons["ALB"])


def test_chooser_layer7_and_lambda_is_alb_only():
    assert lb.features.choose(["http_routing", "lambda", "mtls"]).fits == ("ALB",)


def test_chooser_appliances_is_gwlb_and_nothing_wants_clb():
    assert lb.features.choose(["appliances"]).fits == ("GWLB",)
    assert "CLB" not in lb.features.choose(["current_generation"]).fits


def test_chooser_no_requirement_fits_all():
    assert lb.features.choose([]).fits == lb.features.TYPES


@pytest.mark.parametrize(
    ("requirements", "name"), [(["teleport"], "requirements"), ("udp", "requirements")]
)
def test_chooser_rejects_bad_input(requirements, name):
    with pytest.raises(ValueError, match=name):
        lb.features.choose(requirements)


@given(st.sets(st.sampled_from(list(lb.features.REQUIREMENTS))))
@settings(max_examples=40, deadline=None)
def test_chooser_fits_exactly_the_types_without_reasons(wanted):
    choice = lb.features.choose(wanted)
    for t in lb.features.TYPES:
        meets = wanted <= lb.features.MATRIX[t].supports
        assert (t in choice.fits) == meets
        assert (t in choice.reasons) == (not meets)


# --- distribution ---------------------------------------------------------------------------


def test_classic_exam_case_two_and_eight_targets():
    off = lb.distribution.distribute([2, 8], cross_zone=False)
    assert off.target_share.tolist() == [0.25] * 2 + [0.0625] * 8
    assert off.hottest_share == 0.25
    assert off.imbalance == pytest.approx(2.5)
    on = lb.distribution.distribute([2, 8], cross_zone=True)
    assert on.target_share == pytest.approx([0.1] * 10)
    assert on.cross_az_share == pytest.approx(0.5)
    assert off.cross_az_share == 0


def test_unhealthy_az_leaves_dns_and_all_unhealthy_fails_open():
    one_down = lb.distribution.distribute([2, 8], False, healthy_per_az=[0, 8])
    assert one_down.node_in_dns.tolist() == [False, True]
    assert one_down.target_share[2:] == pytest.approx([0.125] * 8)
    assert not one_down.fail_open
    all_down = lb.distribution.distribute([2, 8], False, healthy_per_az=[0, 0])
    assert all_down.fail_open and all_down.node_in_dns.all()
    assert all_down.target_share.sum() == pytest.approx(1.0)


def test_cross_zone_on_keeps_every_node_when_one_az_is_down():
    d = lb.distribution.distribute([3, 3], True, healthy_per_az=[0, 3])
    assert d.node_in_dns.all()
    assert d.target_share[:3].sum() == 0
    assert d.target_share[3:] == pytest.approx([1 / 3] * 3)


def test_empty_az_with_cross_zone_off_drops_nothing_its_node_leaves_dns():
    d = lb.distribution.distribute([0, 4], False)
    assert d.node_in_dns.tolist() == [False, True]
    assert d.dropped_share == 0
    assert d.target_share == pytest.approx([0.25] * 4)


def test_defaults_and_charges_per_type():
    assert lb.distribution.default_cross_zone("ALB")
    assert not lb.distribution.default_cross_zone("NLB")
    assert not lb.distribution.default_cross_zone("GWLB")
    assert lb.distribution.default_cross_zone("CLB", created_in_console=True)
    assert not lb.distribution.default_cross_zone("CLB")
    assert [lb.distribution.inter_az_charged(t) for t in ("ALB", "NLB", "GWLB", "CLB")] == [
        False,
        True,
        True,
        False,
    ]


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"targets_per_az": []}, "targets_per_az"),
        ({"targets_per_az": [1, -1]}, r"targets_per_az\[1\]"),
        ({"targets_per_az": [1, 101]}, r"targets_per_az\[1\]"),
        ({"targets_per_az": [1.5]}, r"targets_per_az\[0\]"),
        ({"targets_per_az": "12"}, "targets_per_az"),
        ({"cross_zone": 1}, "cross_zone"),
        ({"healthy_per_az": [3, 0]}, r"healthy_per_az\[0\]"),
        ({"healthy_per_az": [1]}, "healthy_per_az"),
        ({"client_weights": [1, -1]}, r"client_weights\[1\]"),
        ({"client_weights": [0, 0]}, "client_weights"),
    ],
)
def test_distribute_rejects_bad_input(kwargs, name):
    args = {"targets_per_az": [2, 2], "cross_zone": False} | kwargs
    with pytest.raises(ValueError, match=name):
        lb.distribution.distribute(**args)


counts = st.lists(st.integers(0, 20), min_size=1, max_size=6)


@given(counts, st.booleans(), st.data())
@settings(max_examples=60, deadline=None)
def test_distribution_conserves_traffic(registered, cross_zone, data):
    healthy = [data.draw(st.integers(0, c)) for c in registered]
    d = lb.distribution.distribute(registered, cross_zone, healthy_per_az=healthy)
    assert d.target_share.sum() + d.dropped_share == pytest.approx(1.0) or sum(registered) == 0
    assert (d.target_share >= 0).all()
    if sum(healthy) and not d.fail_open:
        assert d.target_share[~d.target_healthy].sum() == pytest.approx(0.0)
    if cross_zone and sum(healthy):
        assert d.target_share[d.target_healthy] == pytest.approx(1 / sum(healthy))


# --- rules ----------------------------------------------------------------------------------


def fwd(*groups, sticky=0):
    return R.Action("forward", [(g, 1) for g in groups], stickiness_seconds=sticky)


RULES = [
    R.Rule(10, [R.Condition("host-header", ["api.example.com"])], fwd("api"), "api host"),
    R.Rule(
        20,
        [
            R.Condition("path-pattern", ["/img/*", "/static/*"]),
            R.Condition("http-request-method", ["GET"]),
        ],
        fwd("static"),
        "static GET",
    ),
    R.Rule(30, [R.Condition("http-header", ["*mobile*"], header="User-Agent")], fwd("mobile")),
    R.Rule(40, [R.Condition("query-string", ["version=v?"])], fwd("versioned")),
    R.Rule(50, [R.Condition("source-ip", ["10.0.0.0/8"])], fwd("internal")),
    R.Rule(
        60,
        [R.Condition("host-header", ["*.example.com"])],
        R.Action("redirect", status_code=301, detail="https://www.example.com/"),
    ),
]


@pytest.mark.parametrize(
    ("request_kwargs", "priority"),
    [
        ({"host": "API.Example.com"}, 10),  # host is case-insensitive
        ({"host": "www.example.com", "path": "/img/a.png"}, 20),
        ({"host": "www.example.com", "path": "/IMG/a.png"}, 60),  # path is case-sensitive
        ({"host": "www.example.com", "path": "/img/a.png", "method": "POST"}, 60),
        ({"host": "x.org", "headers": {"user-agent": "Some Mobile Safari"}}, 30),
        ({"host": "x.org", "query": {"Version": "V2"}}, 40),
        ({"host": "x.org", "query": {"version": "v10"}}, None),  # ? is exactly one character
        ({"host": "x.org", "source_ip": "10.1.2.3"}, 50),
        ({"host": "x.org"}, None),
    ],
)
def test_rule_matching(request_kwargs, priority):
    ev = R.evaluate(RULES, R.Request(**request_kwargs), NOT_FOUND)
    assert (ev.rule.priority if ev.rule else None) == priority
    assert len(ev.misses) == ev.rules_evaluated - (ev.rule is not None)


def test_rules_are_evaluated_in_priority_order_whatever_the_list_order():
    ev = R.evaluate(list(reversed(RULES)), R.Request("api.example.com"), NOT_FOUND)
    assert ev.rule.priority == 10 and ev.rules_evaluated == 1


def test_misses_name_the_failing_condition():
    ev = R.evaluate(RULES, R.Request("www.example.com", "/img/a", method="PUT"), NOT_FOUND)
    reasons = dict((r.priority, why) for r, why in ev.misses)
    assert "host-header" in reasons[10]
    assert "http-request-method" in reasons[20]
    assert ev.action.describe() == "redirect (301) to https://www.example.com/"


def test_weighted_forward_shares():
    a = R.Action("forward", [("blue", 9), ("green", 1)], stickiness_seconds=600)
    assert a.shares() == {"blue": 0.9, "green": 0.1}
    assert "group stickiness 600 s" in a.describe()


@pytest.mark.parametrize(
    ("make", "name"),
    [
        (lambda: R.Condition("cookie", ["a"]), "field"),
        (lambda: R.Condition("host-header", ["a.com"] * 4), "values"),
        (lambda: R.Condition("host-header", ["no-dot"]), "values"),
        (lambda: R.Condition("host-header", ["bad host.com"]), "values"),
        (lambda: R.Condition("path-pattern", ["/a b"]), "values"),
        (lambda: R.Condition("http-request-method", ["get"]), "values"),
        (lambda: R.Condition("source-ip", ["10.0.0.1/8"]), "values"),
        (lambda: R.Condition("http-header", ["x"]), "header"),
        (
            lambda: R.Rule(
                1,
                [R.Condition("host-header", ["a.com"]), R.Condition("host-header", ["b.com"])],
                fwd("x"),
            ),
            "conditions",
        ),
        (
            lambda: R.Rule(
                1,
                [
                    R.Condition("path-pattern", ["/a", "/b", "/c"]),
                    R.Condition("host-header", ["a.com", "b.com", "c.com"]),
                ],
                fwd("x"),
            ),
            "conditions",
        ),
        (
            lambda: R.Rule(1, [R.Condition("path-pattern", ["/*/*/*", "/*/*/*"])], fwd("x")),
            "conditions",
        ),
        (lambda: R.Rule(0, [R.Condition("path-pattern", ["/a"])], fwd("x")), "priority"),
        (lambda: R.Rule(50_001, [R.Condition("path-pattern", ["/a"])], fwd("x")), "priority"),
        (lambda: R.Rule(1, [], fwd("x")), "conditions"),
        (lambda: R.Action("forward", [(f"g{i}", 1) for i in range(6)]), "target_groups"),
        (lambda: R.Action("forward", [("a", 0)]), "target_groups"),
        (lambda: R.Action("forward", [("a", 1)], stickiness_seconds=604_801), "stickiness_seconds"),
        (lambda: R.Action("redirect", status_code=307), "status_code"),
        (lambda: R.Action("teleport"), "kind"),
        (lambda: R.Request("a.com", "no-slash"), "path"),
        (lambda: R.Request("a.com", source_ip="999.1.1.1"), "source_ip"),
        (lambda: R.check_rules([RULES[0], RULES[0]]), "rules"),
        (lambda: R.check_rules(RULES, max_rules=3), "rules"),
    ],
)
def test_rules_aws_would_refuse_raise(make, name):
    with pytest.raises(ValueError, match=name):
        make()


def test_evaluate_many_agrees_with_evaluate():
    reqs = [
        R.Request("www.example.com", "/img/x"),
        R.Request("x.org"),
        R.Request("api.example.com"),
    ]
    assert R.evaluate_many(RULES, reqs, NOT_FOUND) == [20, None, 10]


@given(st.text(alphabet="abc*?", min_size=1, max_size=6), st.text(alphabet="abc", max_size=8))
@settings(max_examples=80, deadline=None)
def test_wildcards_match_like_fnmatch(pattern, text):
    import fnmatch

    expected = fnmatch.fnmatchcase(text, pattern)
    assert R.wildcard_match(pattern, text, ignore_case=False) == expected


# --- health checks --------------------------------------------------------------------------


def test_default_health_check_detection_and_recovery():
    hc = lb.health.HealthCheck()
    interval = integer("load_balancers.health_interval_default_s")
    unhealthy = integer("load_balancers.unhealthy_threshold_default")
    healthy = integer("load_balancers.healthy_threshold_default")
    assert lb.health.time_to_unhealthy(hc) == unhealthy * interval + hc.timeout
    assert (
        lb.health.time_to_unhealthy(hc, failure="error", phase=0.5) == (unhealthy - 0.5) * interval
    )
    assert lb.health.time_to_healthy(hc) == healthy * interval


def test_timeline_agrees_with_the_formulas():
    hc = lb.health.HealthCheck(interval=10, timeout=3, healthy_threshold=3, unhealthy_threshold=4)
    tl = lb.health.timeline(hc, recover_at=95, horizon=300)  # next check at 100: half an interval
    assert tl.unhealthy_at == lb.health.time_to_unhealthy(hc)
    assert tl.healthy_again_at == 95 + lb.health.time_to_healthy(hc, phase=0.5)


def test_drain_slow_start_and_asg():
    d = lb.health.drain([5, 40, 400], 300)
    assert (d.completed, d.cut, d.unused_after) == (2, 1, 300)
    assert lb.health.drain([5, 40], 300).unused_after == 40
    assert lb.health.slow_start_weight(15, 30) == 0.5
    assert lb.health.slow_start_weight(15, 0) == 1.0
    assert not lb.health.asg_replaces("EC2", instance_running=True, target_healthy=False)
    assert lb.health.asg_replaces("ELB", instance_running=True, target_healthy=False)


@pytest.mark.parametrize(
    ("make", "name"),
    [
        (lambda: lb.health.HealthCheck(interval=4), "interval"),
        (lambda: lb.health.HealthCheck(interval=301), "interval"),
        (lambda: lb.health.HealthCheck(timeout=1), "timeout"),
        (lambda: lb.health.HealthCheck(interval=10, timeout=10), "timeout"),
        (lambda: lb.health.HealthCheck(healthy_threshold=11), "healthy_threshold"),
        (lambda: lb.health.HealthCheck(unhealthy_threshold=1), "unhealthy_threshold"),
        (lambda: lb.health.time_to_unhealthy(lb.health.HealthCheck(), phase=0), "phase"),
        (lambda: lb.health.time_to_unhealthy(lb.health.HealthCheck(), failure="meh"), "failure"),
        (lambda: lb.health.drain([1], 3601), "deregistration_delay"),
        (lambda: lb.health.drain([-1], 30), r"in_flight_remaining_s\[0\]"),
        (lambda: lb.health.slow_start_weight(1, 10), "duration"),
        (lambda: lb.health.slow_start_weight(1, 901), "duration"),
        (lambda: lb.health.asg_replaces("ALB", True, True), "health_check_type"),
    ],
)
def test_health_rejects_bad_input(make, name):
    with pytest.raises(ValueError, match=name):
        make()


@given(st.integers(5, 300), st.integers(2, 10), st.integers(2, 10), st.floats(0.01, 1.0))
@settings(max_examples=60, deadline=None)
def test_detection_grows_with_interval_and_threshold(interval, healthy, unhealthy, phase):
    hc = lb.health.HealthCheck(interval, 2, healthy, unhealthy)
    t = lb.health.time_to_unhealthy(hc, phase=phase)
    assert (unhealthy - 1) * interval < t <= unhealthy * interval + 2
    longer = lb.health.HealthCheck(interval, 2, healthy, min(10, unhealthy + 1))
    assert lb.health.time_to_unhealthy(longer, phase=phase) >= t


# --- cost -----------------------------------------------------------------------------------


def test_lcu_dimensions_and_the_billed_one():
    units = lb.cost.alb_lcus(50, 6_000, 0.5, 500)
    assert units.per_dimension == {
        "new connections": 2.0,
        "active connections": 2.0,
        "processed bytes": 0.5,
        "rule evaluations": 0.5,
    }
    assert units.billed == 2.0 and units.dominant == "new connections"
    lam = lb.cost.alb_lcus(0, 0, 0.8, lambda_targets=True)
    assert lam.billed == pytest.approx(0.8 / number("load_balancers.lcu_processed_gb_per_h_lambda"))


def test_bill_uses_the_price_snapshot():
    b = lb.cost.bill(lb.cost.alb_lcus(25, 0, 0))
    assert b.per_hour == pytest.approx(
        price("elb.alb.hour").price + price("elb.alb.lcu_hour").price
    )
    assert b.per_month == pytest.approx(b.per_hour * 730)
    n = lb.cost.bill(lb.cost.nlb_nlcus(800, 0, 0))
    assert n.per_hour == pytest.approx(
        price("elb.nlb.hour").price + price("elb.nlb.nlcu_hour").price
    )


def test_rule_evaluations_and_traffic_profile():
    assert lb.cost.rule_evaluations_per_s(100, 25) == 100 * 15
    assert lb.cost.rule_evaluations_per_s(100, 4) == 0
    t = lb.cost.Traffic(1_000, 10, 30, 50, 20)
    assert t.new_connections_per_s == 100
    assert t.active_connections == 3_000
    assert t.processed_gb_per_h == pytest.approx(180.0)
    assert lb.cost.alb_bill(t).units.dominant == "processed bytes"


def test_reservations():
    assert lb.cost.nlb_reserved_lcus(22) == 10
    assert lb.cost.nlb_reserved_lcus(22.1) == 11
    assert lb.cost.alb_reserved_lcus(lb.cost.Traffic(1_000, 10, 30, 50, 20)) == 180
    with pytest.raises(ValueError, match="reserve"):
        lb.cost.alb_reserved_lcus(lb.cost.Traffic(1e6, 1, 30, 500))


@pytest.mark.parametrize(
    ("make", "name"),
    [
        (lambda: lb.cost.alb_lcus(-1, 0, 0), "new_connections_per_s"),
        (lambda: lb.cost.alb_lcus(0, math.nan, 0), "active_connections"),
        (lambda: lb.cost.alb_lcus(0, 0, 0, lambda_targets=1), "lambda_targets"),
        (lambda: lb.cost.nlb_nlcus(0, 0, -2), "processed_gb_per_h"),
        (lambda: lb.cost.rule_evaluations_per_s(10, -1), "rules_processed"),
        (lambda: lb.cost.Traffic(10, 0.5, 1, 1), "requests_per_connection"),
        (lambda: lb.cost.bill("ALB"), "units"),
        (lambda: lb.cost.nlb_reserved_lcus(-1), "peak_mbps"),
    ],
)
def test_cost_rejects_bad_input(make, name):
    with pytest.raises(ValueError, match=name):
        make()


@given(st.floats(0, 1e4), st.floats(0, 1e6), st.floats(0, 1e3), st.floats(0, 1e5), st.booleans())
@settings(max_examples=60, deadline=None)
def test_billed_is_the_max_and_grows_with_traffic(new, active, gb, rules, lam):
    u = lb.cost.alb_lcus(new, active, gb, rules, lambda_targets=lam)
    assert u.billed == max(u.per_dimension.values())
    assert u.per_dimension[u.dominant] == u.billed
    more = lb.cost.alb_lcus(new * 2, active, gb, rules, lambda_targets=lam)
    assert more.billed >= u.billed


# --- routing --------------------------------------------------------------------------------


def test_least_outstanding_requests_protects_against_a_slow_target():
    slow = [0.05, 0.05, 0.2]
    rr = lb.routing.simulate_routing(slow, 25, "round_robin", seed=1)
    lor = lb.routing.simulate_routing(slow, 25, "least_outstanding_requests", seed=1)
    assert rr.requests.tolist() == [667, 667, 666]
    assert lor.requests[2] < lor.requests[0]
    assert lor.p99_latency_s < rr.p99_latency_s / 10


def test_routing_is_deterministic_per_seed():
    a = lb.routing.simulate_routing([0.1, 0.1], 5, "weighted_random", seed=3)
    b = lb.routing.simulate_routing([0.1, 0.1], 5, "weighted_random", seed=3)
    assert np.array_equal(a.requests, b.requests) and a.p99_latency_s == b.p99_latency_s


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"service_s": []}, "service_s"),
        ({"service_s": [0]}, r"service_s\[0\]"),
        ({"requests_per_s": 0}, "requests_per_s"),
        ({"algorithm": "fastest"}, "algorithm"),
        ({"n_requests": 0}, "n_requests"),
        ({"seed": -1}, "seed"),
    ],
)
def test_routing_rejects_bad_input(kwargs, name):
    args = {"service_s": [0.1], "requests_per_s": 1.0, "algorithm": "round_robin"} | kwargs
    with pytest.raises(ValueError, match=name):
        lb.routing.simulate_routing(**args)


# --- explorable views (headless; the contract test drives the widgets) ---------------------


def test_cross_zone_view_shows_the_model():
    from aws_compute_course.topics.load_balancers.explorables import cross_zone_view

    view = cross_zone_view(2, 8, 0, 2, "NLB", False, "none")
    assert view.traces["shares"]["x"][:3] == ["a1", "a2", "b1"]
    assert list(view.traces["shares"]["y"][:3]) == [25.0, 25.0, 6.25]
    assert "25.0%" in view.readout and "For an NLB this is the default" in view.readout
    on = cross_zone_view(2, 8, 0, 2, "NLB", True, "none")
    assert "charged as inter-AZ data" in on.readout
    assert "charged" not in cross_zone_view(2, 8, 0, 2, "ALB", True, "none").readout


def test_rule_and_cost_views_report_the_model():
    from aws_compute_course.topics.load_balancers.explorables import lcu_view, rule_view

    rules, default = R.illustrative_rules()
    view = rule_view(
        R.check_rules(rules),
        default,
        "www.example.com",
        "/admin/users",
        "GET",
        "desktop",
        False,
        "(none)",
        "198.51.100.7",
    )
    assert view.result.rule.priority == 20 and "admin from the office" in view.readout
    alb, nlb = lcu_view(1000, 10, 30, 50, 20, False).result
    assert alb.units.dominant == "processed bytes" and nlb.per_hour < alb.per_hour
