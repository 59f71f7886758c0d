"""The Route 53 models: records and zones, the resolver, health checks, failover timing,
cached weighted traffic, geography and hybrid DNS."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aws_compute_course.facts import value
from aws_compute_course.topics import route53 as r53

R = r53.Record
ELB = "my-alb-123.us-east-1.elb.amazonaws.com"
EU, US = ("EU", None, None), (None, "US", None)


def zone(*records, apex="example.com"):
    return r53.make_zone(apex, records)


def failover_zone():
    return zone(
        R("example.com", "A", (ELB,), None, "failover", "primary", alias="elb",
          evaluate_target_health=True, failover="PRIMARY"),
        R("example.com", "A", ("192.0.2.10",), 60, "failover", "secondary",
          health_check="hc-sec", failover="SECONDARY"),
    )  # fmt: skip


def weighted_zone(weights=(3, 1, 0)):
    return zone(
        *(
            R("w.example.com", "A", (f"192.0.2.{i + 1}",), 60, "weighted", f"w{i}",
              weight=w, health_check=f"hc{i}")
            for i, w in enumerate(weights)
        )
    )  # fmt: skip


def ask(z, name, health=None, targets=None, **query):
    return r53.resolve(z, r53.Query(name, **query), health, targets)


# --- records and zones ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("record", "words"),
    [
        (R("example.com", "CNAME", ("www.other.com",), 300), "zone apex"),
        (R("www.example.com", "A", (ELB,), 60, alias="elb"), "no TTL"),
        (R("www.example.com", "A", ("ec2-1-2-3-4.compute-1.aws",), None, alias="ec2"), "EC2"),
        (R("www.example.com", "A", ("d1.cloudfront.net",), None, alias="cloudfront",
           evaluate_target_health=True), "CloudFront"),
        (R("www.example.com", "A", ("192.0.2.1",), None), "needs a TTL"),
        (R("www.example.com", "A", ("192.0.2.1",), -1), "ttl"),
        (R("www.example.com", "A", ("2001:db8::1",), 60), "IPv4"),
        (R("www.example.com", "A", ("192.0.2.1",), 60, health_check="hc"), "simple record"),
        (R("w.example.com", "A", ("192.0.2.1",), 60, "weighted", "a", weight=256), "weight"),
        (R("w.example.com", "A", ("192.0.2.1",), 60, "weighted", "", weight=1), "set_id"),
        (R("g.example.com", "A", ("192.0.2.1",), 60, "geoproximity", "a", region="us-east-1",
           bias=100), "bias"),
        (R("g.example.com", "A", ("192.0.2.1",), 60, "latency", "a", region="mars-1"), "region"),
        (R("g.example.com", "A", ("192.0.2.1",), 60, "ip", "a", cidrs=("10.0.0.0/33",)), "CIDR"),
        (R("m.example.com", "A", (ELB,), None, "multivalue", "a", alias="elb"), "multivalue"),
        (R("www.other.com", "A", ("192.0.2.1",), 60), "name"),
    ],
)  # fmt: skip
def test_records_route53_refuses(record, words):
    with pytest.raises(ValueError, match=words):
        zone(record)


def test_group_rules():
    with pytest.raises(ValueError, match="PRIMARY"):
        zone(
            R("f.example.com", "A", ("192.0.2.1",), 60, "failover", "a", failover="PRIMARY"),
            R("f.example.com", "A", ("192.0.2.2",), 60, "failover", "b", failover="PRIMARY"),
        )
    with pytest.raises(ValueError, match="one TTL"):
        zone(
            R("w.example.com", "A", ("192.0.2.1",), 60, "weighted", "a", weight=1),
            R("w.example.com", "A", ("192.0.2.2",), 300, "weighted", "b", weight=1),
        )
    with pytest.raises(ValueError, match="one routing policy"):
        zone(
            R("w.example.com", "A", ("192.0.2.1",), 60, "weighted", "a", weight=1),
            R("w.example.com", "A", ("192.0.2.2",), 60, "latency", "b", region="eu-west-1"),
        )
    with pytest.raises(ValueError, match="CNAME cannot share"):
        zone(R("a.example.com", "CNAME", ("b.example.com",), 60),
             R("a.example.com", "A", ("192.0.2.1",), 60))  # fmt: skip
    weighted_max = value("route53.weighted_records_max")
    many = [R("w.example.com", "A", ("192.0.2.1",), 60, "weighted", f"r{i}", weight=1)
            for i in range(weighted_max + 1)]  # fmt: skip
    with pytest.raises(ValueError, match=f"at most {weighted_max}"):
        zone(*many)


# --- the resolver --------------------------------------------------------------------------


def test_failover_answers_primary_then_secondary_then_fails_open():
    z = failover_zone()
    a = ask(z, "example.com")
    assert (a.record, a.ttl, a.failed_open) == (
        "primary",
        value("route53.elb_alias_ttl_seconds"),
        False,
    )
    b = ask(z, "example.com", targets={ELB: False})
    assert b.record == "secondary" and b.values == ("192.0.2.10",) and "unhealthy" in b.reason
    c = ask(z, "example.com", {"hc-sec": False}, {ELB: False})
    assert c.record == "primary" and c.failed_open
    # Without evaluate_target_health, the target's health is ignored.
    plain = zone(
        R("example.com", "A", (ELB,), None, "failover", "primary", alias="elb", failover="PRIMARY"),
        R("example.com", "A", ("192.0.2.10",), 60, "failover", "secondary", failover="SECONDARY"),
    )
    assert ask(plain, "example.com", targets={ELB: False}).record == "primary"


def test_weighted_shares_follow_the_documented_rules():
    assert np.allclose(r53.weighted_shares([3, 1, 0], [True] * 3), [0.75, 0.25, 0])
    assert np.allclose(r53.weighted_shares([3, 1, 0], [False, True, True]), [0, 1, 0])
    # Every non-zero record unhealthy: the zero-weight records take over.
    assert np.allclose(r53.weighted_shares([3, 1, 0], [False, False, True]), [0, 0, 1])
    # Nothing healthy: fail open on the non-zero weights.
    assert np.allclose(r53.weighted_shares([3, 1, 0], [False] * 3), [0.75, 0.25, 0])
    assert np.allclose(r53.weighted_shares([0, 0], [True, True]), [0.5, 0.5])


def test_weighted_draw_and_zero_weight_standby():
    z = weighted_zone()
    assert ask(z, "w.example.com").record == "w0"  # draw 0.5 < 0.75
    assert r53.resolve(z, r53.Query("w.example.com"), draw=0.9).record == "w1"
    down = ask(z, "w.example.com", {"hc0": False, "hc1": False})
    assert down.record == "w2" and not down.failed_open


def test_geolocation_most_specific_default_and_no_answer():
    z = zone(
        R("g.example.com", "A", ("192.0.2.1",), 60, "geolocation", "eu", location=EU),
        R("g.example.com", "A", ("192.0.2.2",), 60, "geolocation", "us", location=US),
        R("g.example.com", "A", ("192.0.2.3",), 60, "geolocation", "ca",
          location=(None, "US", "CA"), health_check="hc-ca"),
    )  # fmt: skip
    california = r53.Place(37.8, -122.4, "NA", "US", "CA")
    assert ask(z, "g.example.com", place=california).record == "ca"
    assert ask(z, "g.example.com", {"hc-ca": False}, place=california).record == "us"
    kenya = ask(z, "g.example.com", place=r53.Place(-1.3, 36.8, "AF", "KE"))
    assert kenya.status == "NODATA" and "no default" in kenya.reason
    with_default = zone(
        R("g.example.com", "A", ("192.0.2.1",), 60, "geolocation", "eu", location=EU),
        R("g.example.com", "A", ("192.0.2.9",), 60, "geolocation", "any", location="*"),
    )  # fmt: skip
    assert (
        ask(with_default, "g.example.com", place=r53.Place(-1.3, 36.8, "AF", "KE")).record == "any"
    )


def test_latency_geoproximity_bias_and_ip():
    recs = [("use1", "us-east-1"), ("euw1", "eu-west-1")]
    lat = zone(*(R("l.example.com", "A", (f"192.0.2.{i}",), 60, "latency", s, region=g,
                   health_check=s) for i, (s, g) in enumerate(recs)))  # fmt: skip
    iceland = r53.Place(64.1, -21.9, "EU", "IS")
    assert ask(lat, "l.example.com", place=iceland).record == "euw1"
    assert ask(lat, "l.example.com", {"euw1": False}, place=iceland).record == "use1"

    def geoprox(bias):  # fmt: skip
        return zone(
            R("p.example.com", "A", ("192.0.2.1",), 60, "geoproximity", "use1",
              region="us-east-1", bias=bias),
            R("p.example.com", "A", ("192.0.2.2",), 60, "geoproximity", "euw1", region="eu-west-1"),
        )  # fmt: skip

    assert ask(geoprox(0), "p.example.com", place=iceland).record == "euw1"
    assert ask(geoprox(80), "p.example.com", place=iceland).record == "use1"
    ip = zone(
        R("i.example.com", "A", ("192.0.2.1",), 60, "ip", "wide", cidrs=("203.0.0.0/16",)),
        R("i.example.com", "A", ("192.0.2.2",), 60, "ip", "narrow", cidrs=("203.0.113.0/24",)),
        R("i.example.com", "A", ("192.0.2.3",), 60, "ip", "rest", cidrs=("*",)),
    )
    assert ask(ip, "i.example.com", resolver_ip="203.0.113.9").record == "narrow"
    assert ask(ip, "i.example.com", resolver_ip="203.0.1.9").record == "wide"
    assert ask(ip, "i.example.com", resolver_ip="198.51.100.1").record == "rest"


def test_multivalue_up_to_eight_healthy():
    records = [R("m.example.com", "A", (f"192.0.2.{i}",), 60, "multivalue", f"m{i}",
                 health_check=f"h{i}") for i in range(10)]  # fmt: skip
    z = zone(*records)
    assert len(ask(z, "m.example.com").values) == value("route53.multivalue_max_records")
    health = {f"h{i}": i < 3 for i in range(10)}
    assert ask(z, "m.example.com", health).values == ("192.0.2.0", "192.0.2.1", "192.0.2.2")
    none = ask(z, "m.example.com", {f"h{i}": False for i in range(10)})
    assert none.failed_open and len(none.values) == 8


def test_alias_to_record_cname_nxdomain_nodata():
    z = zone(
        R(
            "example.com",
            "A",
            ("www.example.com",),
            None,
            alias="record",
            evaluate_target_health=True,
        ),
        R("www.example.com", "A", ("192.0.2.1",), 120),
        R("blog.example.com", "CNAME", ("example.net",), 300),
    )
    apex = ask(z, "example.com")
    assert apex.values == ("192.0.2.1",) and apex.ttl == 120  # the target's TTL
    assert ask(z, "blog.example.com").values == ("example.net",)
    assert ask(z, "nothing.example.com").status == "NXDOMAIN"
    assert ask(z, "www.example.com", type="AAAA").status == "NODATA"
    assert ask(z, "example.org").status == "NXDOMAIN"


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: r53.Query(""), "name"),
        (lambda: r53.Query("a.example.com", "MX"), "type"),
        (lambda: r53.Query("a.example.com", resolver_ip="1.2.3"), "resolver_ip"),
        (lambda: r53.resolve(failover_zone(), r53.Query("example.com"), draw=1.0), "draw"),
        (lambda: r53.resolve("zone", r53.Query("example.com")), "zone"),
        (lambda: r53.Place(91, 0), "lat"),
        (lambda: r53.Place(0, 0, "XX"), "continent"),
        (lambda: r53.make_zone("", []), "apex"),
    ],
)
def test_resolver_bad_input_names_the_parameter(call, name):
    with pytest.raises(ValueError, match=name):
        call()


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(0, 255), min_size=1, max_size=6),
    st.data(),
)
def test_weighted_shares_are_a_distribution_over_allowed_records(weights, data):
    healthy = data.draw(st.lists(st.booleans(), min_size=len(weights), max_size=len(weights)))
    shares = r53.weighted_shares(weights, healthy)
    assert shares.sum() == pytest.approx(1.0) and (shares >= 0).all()
    w, ok = np.array(weights), np.array(healthy)
    if (ok & (w > 0)).any():  # traffic only to healthy, non-zero records, in weight ratio
        assert np.allclose(shares, np.where(ok & (w > 0), w, 0) / w[ok & (w > 0)].sum())


# --- health checks and failover ---------------------------------------------------------------


def test_health_check_detection_and_recovery():
    check = r53.EndpointCheck()  # 30 s, threshold 3, HTTPS, 16 checkers
    best, worst = r53.detection_bounds(check)
    assert (best, worst) == (2 * 30 + 4, 3 * 30 + 4)
    down = r53.time_to_unhealthy(check)
    assert best <= down <= worst
    assert r53.time_to_healthy(check) < down  # >18 % healthy is enough to come back
    fast = r53.EndpointCheck(10, 1)
    assert r53.time_to_unhealthy(fast) < 15
    assert check.checkers_to_flip_down == 16 - int(0.18 * 16)


def test_calculated_and_alarm_checks():
    assert r53.calculated_health([True, False, True], 2)
    assert not r53.calculated_health([True, False, True], 3)  # AND
    assert r53.calculated_health([False, False], 0)
    assert not r53.calculated_health([True], 2)
    assert not r53.alarm_check_health("ALARM")
    assert r53.alarm_check_health("INSUFFICIENT_DATA", "LastKnownStatus", True)
    assert not r53.alarm_check_health("INSUFFICIENT_DATA", "Unhealthy")
    assert r53.alarm_time_to_unhealthy(60, 3) == 180


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: r53.EndpointCheck(20), "interval_s"),
        (lambda: r53.EndpointCheck(30, 11), "failure_threshold"),
        (lambda: r53.EndpointCheck(30, 3, "UDP"), "protocol"),
        (lambda: r53.calculated_health([True] * 257, 1), "children"),
        (lambda: r53.calculated_health([1, 0], 1), r"children\[0\]"),
        (lambda: r53.alarm_check_health("RED"), "state"),
        (lambda: r53.failover_timeline(ttl_s=-5), "ttl_s"),
        (lambda: r53.failover_timeline(failed_share=0), "failed_share"),
        (lambda: r53.effective_ttl("alias", 300), "ttl"),
        (lambda: r53.effective_ttl("cname", None), "ttl"),
        (lambda: r53.weighted_traffic([1, 300], [True, True]), r"weights\[1\]"),
        (lambda: r53.weighted_traffic([1], [1]), r"healthy_after\[0\]"),
    ],
)
def test_health_and_timing_bad_input_names_the_parameter(call, name):
    with pytest.raises(ValueError, match=name):
        call()


def test_failover_timeline_and_effective_ttl():
    t = r53.failover_timeline(30, 3, 60)
    assert t.moved_s == pytest.approx(t.detect_s + 60)
    assert r53.share_on_failed(t, t.detect_s - 1) == 1.0
    assert r53.share_on_failed(t, t.detect_s + 30) == pytest.approx(0.5)
    assert r53.share_on_failed(t, t.moved_s + 1) == 0.0
    assert t.worst_moved_s == r53.worst_case_failover_s(30, 3, 60) == 94 + 60
    assert r53.effective_ttl("alias", None) == value("route53.elb_alias_ttl_seconds")
    assert r53.effective_ttl("cname", 300) == 300
    weighted = r53.failover_timeline(30, 3, 60, failed_share=0.25)
    assert weighted.stale_seconds == pytest.approx(0.25 * t.stale_seconds)


@settings(max_examples=40, deadline=None)
@given(
    st.sampled_from([10, 30]),
    st.integers(1, 10),
    st.integers(0, 3600),
    st.one_of(st.none(), st.integers(0, 1000)),
)
def test_failover_timeline_properties(interval, threshold, ttl, seed):
    t = r53.failover_timeline(interval, threshold, ttl, seed=seed)
    best, worst = r53.detection_bounds(r53.EndpointCheck(interval, threshold))
    assert best <= t.detect_s <= worst
    assert t.moved_s <= t.worst_moved_s
    assert np.allclose(t.primary + t.secondary, 1.0)
    assert (np.diff(t.primary) <= 0).all()  # traffic only ever leaves the failed primary
    longer = r53.failover_timeline(interval, threshold, ttl + 60, seed=seed)
    assert longer.stale_seconds > t.stale_seconds


def test_weighted_traffic_caching():
    s = r53.weighted_traffic([1, 1], [True, True], 60, resolvers=2000, seed=1)
    assert s.share.shape == (2, 90) and np.allclose(s.share.sum(axis=0), 1.0)
    assert s.realised == pytest.approx([0.5, 0.5], abs=0.08)
    down = r53.weighted_traffic([1, 1], [False, True], 60, change_s=300, seed=1)
    assert 0 < down.drain_s <= 60 + 10
    assert down.share[0, -1] == 0.0 and down.share[0, 0] > 0
    few = r53.weighted_traffic([1, 1], [True, True], 300, resolvers=5, seed=2)
    assert np.abs(few.share[0] - 0.5).max() > 0.1  # few resolvers: lumpy split


# --- geography and hybrid DNS ---------------------------------------------------------------


def test_geo_helpers():
    assert r53.distance_km(0, 0, 0, 180) == pytest.approx(np.pi * 6371, rel=1e-6)
    assert r53.biased_distance(1000.0, 50) == pytest.approx(500.0)
    assert r53.biased_distance(1000.0, -99) == pytest.approx(1990.0)
    with pytest.raises(ValueError, match="bias"):
        r53.biased_distance(1.0, 100)
    grid = r53.world_grid(6)
    assert len(grid.lat) == len(grid.continent) > 200
    assert set(grid.continent) <= {"AF", "AN", "AS", "EU", "NA", "OC", "SA"}
    regions = ["us-east-1", "eu-west-1"]
    base = r53.nearest(grid.lat, grid.lon, regions)
    biased = r53.nearest(grid.lat, grid.lon, regions, [50, 0])
    assert (biased == 0).sum() > (base == 0).sum()


def hybrid():
    return r53.HybridDns(
        vpcs=(r53.Vpc("vpc-hub"), r53.Vpc("vpc-app", "222222222222"),
              r53.Vpc("vpc-old", dns_hostnames=False)),
        private_zones=(r53.PrivateZone("corp.internal", {"vpc-hub", "vpc-app", "vpc-old"}),),
        rules=(r53.ForwardingRule("dc.example", {"vpc-hub", "vpc-app"}),),
        inbound_vpc="vpc-hub",
        outbound_vpc="vpc-hub",
        onprem_zones=("dc.example",),
        onprem_forwards=("corp.internal",),
    )  # fmt: skip


def test_hybrid_dns_paths():
    h = hybrid()
    onprem = r53.who_answers(h, "db.corp.internal", "on-premises")
    assert onprem.resolved and onprem.answered_by == "private zone corp.internal"
    assert any("inbound endpoint" in s for s in onprem.steps)
    assert r53.who_answers(h, "erp.dc.example", "vpc-app").answered_by == "on-premises DNS"
    assert not r53.who_answers(h, "db.corp.internal", "vpc-old").resolved
    assert not r53.who_answers(h, "erp.dc.example", "vpc-old").resolved
    no_inbound = r53.HybridDns(h.vpcs, h.private_zones, h.rules, None, "vpc-hub",
                               h.onprem_zones, h.onprem_forwards)  # fmt: skip
    assert not r53.who_answers(no_inbound, "db.corp.internal", "on-premises").resolved
    with pytest.raises(ValueError, match="source"):
        r53.who_answers(h, "x.corp.internal", "vpc-nope")
    with pytest.raises(ValueError, match="unknown VPCs"):
        r53.HybridDns((r53.Vpc("a"),), (r53.PrivateZone("x.internal", {"b"}),))


def test_multivalue_traffic_spreads_over_healthy_values():
    assert np.allclose(r53.multivalue_shares([True, False, True]), [0.5, 0, 0.5])
    assert np.allclose(r53.multivalue_shares([False, False]), [0.5, 0.5])  # fail open
    s = r53.multivalue_traffic([True, True, False, True], 60, resolvers=500, seed=3)
    assert np.allclose(s.share.sum(axis=0), 1.0)
    assert s.share[2, -1] == 0.0 and s.share[2, 0] == pytest.approx(0.25)
    assert 0 < s.drain_s <= 70
    many = r53.multivalue_traffic([True] * 12, 60, resolvers=500, seed=3)
    assert many.realised == pytest.approx([1 / 12] * 12, abs=0.03)
    with pytest.raises(ValueError, match=r"healthy_after\[1\]"):
        r53.multivalue_traffic([True, "yes"])
    with pytest.raises(ValueError, match="ttl_s"):
        r53.multivalue_traffic([True], 0)
