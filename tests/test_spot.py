"""The Spot model: price series, one request's interruptions and cost, fleet allocation."""

import json
from importlib import resources

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aws_compute_course.facts import value
from aws_compute_course.topics import spot

SAMPLE = resources.files("aws_compute_course.data").joinpath("spot_price_history_sample.json")


def hourly(prices, start="2026-01-01"):
    index = pd.date_range(start, periods=len(prices), freq="1h", tz="UTC")
    return pd.Series(prices, index=index, dtype=float)


# --- synthetic prices -----------------------------------------------------------------------


def test_synthetic_prices_are_deterministic_per_seed():
    a = spot.synthetic_prices(0.096, seed=1, days=30)
    b = spot.synthetic_prices(0.096, seed=1, days=30)
    c = spot.synthetic_prices(0.096, seed=2, days=30)
    pd.testing.assert_series_equal(a, b)
    assert not a.equals(c)


def test_synthetic_prices_shape_and_bounds():
    prices = spot.synthetic_prices(0.096, seed=3, days=365)
    assert len(prices) == 365 * 24 * 12  # a year of 5-minute steps
    floor = 0.096 * (1 - value("spot.max_discount_percent") / 100)
    assert prices.min() >= floor - 1e-12
    assert prices.max() <= 0.096 + 1e-12
    # Changes only on the hour: prices move gradually, not every 5 minutes.
    changed = prices.index[1:][prices.to_numpy()[1:] != prices.to_numpy()[:-1]]
    assert (changed.minute == 0).all()


def test_synthetic_prices_move_gradually():
    prices = spot.synthetic_prices(0.096, seed=4, days=90, surges_per_month=0)
    hourly_steps = np.abs(np.diff(np.log(prices.to_numpy()[::12])))
    assert np.percentile(hourly_steps, 99) < 0.15


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"on_demand": 0}, "on_demand"),
        ({"on_demand": float("nan")}, "on_demand"),
        ({"seed": -1}, "seed"),
        ({"seed": 1.5}, "seed"),
        ({"days": 0}, "days"),
        ({"mean_fraction": 0.05}, "mean_fraction"),
        ({"mean_fraction": 1.5}, "mean_fraction"),
        ({"volatility": -0.1}, "volatility"),
        ({"surge_hours": 0}, "surge_hours"),
        ({"freq": "7min"}, "freq"),
        ({"freq": "banana"}, "freq"),
    ],
)
def test_synthetic_prices_rejects_bad_input(kwargs, name):
    args = {"on_demand": 0.096, "seed": 0, "days": 2} | kwargs
    on_demand = args.pop("on_demand")
    with pytest.raises(ValueError, match=name):
        spot.synthetic_prices(on_demand, **args)


# --- simulate -------------------------------------------------------------------------------


def test_simulate_worked_example():
    # Worked by hand: max 0.04 is exceeded in hours 1 and 4 of six.
    run = spot.simulate(hourly([0.03, 0.05, 0.03, 0.03, 0.06, 0.02]), 0.10, max_price=0.04)
    assert run.running.tolist() == [True, False, True, True, False, True]
    assert run.interruptions == 2
    assert run.hours_running == 4 and run.hours_lost == 2
    assert run.uptime_percent == pytest.approx(200 / 3)
    assert run.cost == pytest.approx(0.11)
    assert run.effective_hourly_cost == pytest.approx(0.0275)
    assert run.savings_percent == pytest.approx(72.5)
    assert run.on_demand_cost == pytest.approx(0.40)
    start = pd.Timestamp("2026-01-01", tz="UTC")
    expected_notices = [start + pd.Timedelta(hours=h, minutes=-2) for h in (1, 4)]
    assert list(run.notices) == expected_notices
    assert run.intervals["state"].tolist() == [
        "running",
        "interrupted",
        "running",
        "interrupted",
        "running",
    ]
    assert run.intervals["hours"].tolist() == [1, 1, 2, 1, 1]


def test_simulate_waiting_at_start_is_not_an_interruption():
    run = spot.simulate(hourly([0.05, 0.03, 0.03]), 0.10, max_price=0.04)
    assert run.interruptions == 0
    assert run.intervals["state"].tolist() == ["waiting", "running"]


def test_no_max_price_means_on_demand_cap():
    prices = hourly([0.03, 0.12, 0.03])  # a history may spike above On-Demand
    assert spot.simulate(prices, 0.10).interruptions == 1
    assert spot.simulate(prices, 0.10, max_price=0.10).interruptions == 1
    calm = spot.synthetic_prices(0.096, seed=5, days=30)
    assert spot.simulate(calm, 0.096).uptime_percent == 100


def test_never_running_has_no_effective_cost():
    run = spot.simulate(hourly([0.05, 0.06]), 0.10, max_price=0.01)
    assert run.hours_running == 0
    assert run.effective_hourly_cost is None and run.savings_percent is None


@settings(max_examples=60, deadline=None)
@given(
    prices=st.lists(st.floats(0.01, 0.1), min_size=2, max_size=200),
    low=st.floats(0.005, 0.12),
    extra=st.floats(0, 0.05),
)
def test_simulate_invariants(prices, low, extra):
    series = hourly(prices)
    a = spot.simulate(series, 0.1, max_price=low)
    b = spot.simulate(series, 0.1, max_price=low + extra)
    for run in (a, b):
        assert run.hours_running + run.hours_lost == pytest.approx(len(prices))
        assert run.intervals["hours"].sum() == pytest.approx(len(prices))
        assert len(run.notices) == run.interruptions
        assert (
            run.intervals["start"].iloc[1:].to_numpy() == run.intervals["end"].iloc[:-1].to_numpy()
        ).all()
        if run.effective_hourly_cost is not None:
            assert run.effective_hourly_cost <= low + extra + 1e-12
    # A higher maximum price never runs less.
    assert b.hours_running >= a.hours_running
    assert np.all(b.running >= a.running)


@pytest.mark.parametrize(
    ("prices", "on_demand", "max_price", "name"),
    [
        ([0.03, 0.04], 0, None, "on_demand"),
        ([0.03, 0.04], 0.1, -1, "max_price"),
        ([0.03, 0.04], 0.1, float("inf"), "max_price"),
        ([0.03], 0.1, None, "at least 2"),
        ([0.03, float("nan")], 0.1, None, "finite"),
        ([0.03, -0.01], 0.1, None, "> 0"),
    ],
)
def test_simulate_rejects_bad_input(prices, on_demand, max_price, name):
    with pytest.raises(ValueError, match=name):
        spot.simulate(hourly(prices), on_demand, max_price)


def test_simulate_rejects_irregular_or_unindexed_series():
    irregular = hourly([0.03, 0.03, 0.03, 0.03]).drop(pd.Timestamp("2026-01-01 01:00", tz="UTC"))
    with pytest.raises(ValueError, match="regularly spaced"):
        spot.simulate(irregular, 0.1)
    with pytest.raises(ValueError, match="DatetimeIndex"):
        spot.simulate(pd.Series([0.03, 0.04]), 0.1)
    with pytest.raises(ValueError, match="pandas Series"):
        spot.simulate([0.03, 0.04], 0.1)


# --- price history --------------------------------------------------------------------------


def test_load_sample_history():
    history = spot.load_price_history(SAMPLE)
    assert history["timestamp"].is_monotonic_increasing
    assert set(history["instance_type"]) == {"m5.large", "c5.large"}
    series = spot.price_series(history, "m5.large", "us-east-1a")
    assert series.index.freq == pd.Timedelta("5min")
    assert series.index[0] == pd.Timestamp("2026-10-01", tz="UTC")


def test_price_series_holds_each_price_until_the_next_change():
    doc = {
        "SpotPriceHistory": [
            {
                "AvailabilityZone": "az1",
                "InstanceType": "t",
                "ProductDescription": "Linux/UNIX",
                "SpotPrice": "0.020000",
                "Timestamp": "2026-01-01T00:12:00Z",
            },
            {
                "AvailabilityZone": "az1",
                "InstanceType": "t",
                "ProductDescription": "Linux/UNIX",
                "SpotPrice": "0.010000",
                "Timestamp": "2026-01-01T00:00:00Z",
            },
        ]
    }
    series = spot.price_series(spot.load_price_history(doc), "t", "az1", end="2026-01-01T00:20")
    assert series.tolist() == [0.01, 0.01, 0.01, 0.02, 0.02]


def test_load_history_accepts_json_text():
    text = SAMPLE.read_text()
    assert len(spot.load_price_history(text)) == len(json.loads(text)["SpotPriceHistory"])


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("{not json", "not valid JSON"),
        ({"Prices": []}, "SpotPriceHistory"),
        ({"SpotPriceHistory": []}, "no price records"),
        ({"SpotPriceHistory": [{"InstanceType": "t"}]}, "lacks"),
        (
            {
                "SpotPriceHistory": [
                    {
                        "AvailabilityZone": "a",
                        "InstanceType": "t",
                        "ProductDescription": "p",
                        "SpotPrice": "abc",
                        "Timestamp": "2026-01-01T00:00:00Z",
                    }
                ]
            },
            "bad SpotPrice",
        ),
        (
            {
                "SpotPriceHistory": [
                    {
                        "AvailabilityZone": "a",
                        "InstanceType": "t",
                        "ProductDescription": "p",
                        "SpotPrice": "-1",
                        "Timestamp": "2026-01-01T00:00:00Z",
                    }
                ]
            },
            "SpotPrice",
        ),
    ],
)
def test_load_history_rejects_bad_input(source, message):
    with pytest.raises(ValueError, match=message):
        spot.load_price_history(source)


def test_load_history_missing_file(tmp_path):
    with pytest.raises(ValueError, match="cannot read"):
        spot.load_price_history(tmp_path / "absent.json")


def test_price_series_names_unknown_pool():
    history = spot.load_price_history(SAMPLE)
    with pytest.raises(ValueError, match="instance_type must be one of"):
        spot.price_series(history, "m9.huge", "us-east-1a")
    with pytest.raises(ValueError, match="availability_zone"):
        spot.price_series(history, "m5.large", "eu-west-1a")


# --- fleets ---------------------------------------------------------------------------------


def pools():
    return [
        spot.SpotPool("m5.large", "us-east-1a", 0.030, 0.096, 100, 0.10),
        spot.SpotPool("m5.large", "us-east-1b", 0.035, 0.096, 100, 0.02),
        spot.SpotPool("c5.large", "us-east-1a", 0.032, 0.085, 100, 0.01),
        spot.SpotPool("r5.large", "us-east-1a", 0.045, 0.126, 100, 0.005),
    ]


def units_by_pool(alloc):
    spot_rows = alloc.mix[alloc.mix.market == "spot"]
    return dict(zip(spot_rows.pool, spot_rows.units, strict=True))


def test_lowest_price_fills_the_cheapest_pool():
    alloc = spot.allocate_fleet(pools(), 10, "lowestPrice")
    assert units_by_pool(alloc) == {"m5.large us-east-1a": 10}
    assert alloc.hourly_cost == pytest.approx(0.30)
    assert alloc.interruptions_per_hour == pytest.approx(1.0)


def test_diversified_spreads_evenly():
    alloc = spot.allocate_fleet(pools(), 8, "diversified")
    assert sorted(units_by_pool(alloc).values()) == [2, 2, 2, 2]


def test_capacity_optimized_prefers_low_interruption():
    alloc = spot.allocate_fleet(pools(), 10, "capacityOptimized")
    assert units_by_pool(alloc) == {"r5.large us-east-1a": 10}


def test_price_capacity_optimized_cheapest_of_the_safe_half():
    # Safe half: r5 (0.005) and c5 (0.01); the cheaper of those is c5.
    alloc = spot.allocate_fleet(pools(), 10, "priceCapacityOptimized")
    assert units_by_pool(alloc) == {"c5.large us-east-1a": 10}


def test_spill_over_when_a_pool_runs_out():
    small = [
        spot.SpotPool("m5.large", "a", 0.03, 0.096, 3, 0.1),
        spot.SpotPool("m5.large", "b", 0.04, 0.096, 100, 0.1),
    ]
    alloc = spot.allocate_fleet(small, 5, "lowestPrice")
    assert units_by_pool(alloc) == {"m5.large a": 3, "m5.large b": 2}


def test_unfilled_capacity_is_reported():
    small = [spot.SpotPool("m5.large", "a", 0.03, 0.096, 3, 0.1)]
    alloc = spot.allocate_fleet(small, 5, "diversified")
    assert alloc.units == 3 and alloc.unfilled_units == 2


def test_on_demand_base_and_weights():
    mixed = [
        spot.SpotPool("m5.large", "a", 0.03, 0.096, 100, 0.1, weight=2),
        spot.SpotPool("m5.xlarge", "a", 0.07, 0.192, 100, 0.05, weight=4),
    ]
    alloc = spot.allocate_fleet(mixed, 9, "lowestPrice", on_demand_base=3)
    od = alloc.mix[alloc.mix.market == "on-demand"].iloc[0]
    # On-Demand per unit: 0.048 for both; ties break by name, so m5.large; 2 instances = 4 units.
    assert (od.instance_type, od.instances, od.units) == ("m5.large", 2, 4)
    # Spot fills 5 more units at the lowest price per unit (m5.large: 0.015/unit) -> 3 instances.
    assert units_by_pool(alloc) == {"m5.large a": 6}
    assert alloc.units == 10 and alloc.unfilled_units == 0  # overshoot, as AWS does
    assert alloc.hourly_cost == pytest.approx(2 * 0.096 + 3 * 0.03)
    assert alloc.expected_cost(24) == pytest.approx(24 * alloc.hourly_cost)
    assert alloc.expected_interruptions(10) == pytest.approx(10 * 3 * 0.1)


@settings(max_examples=50, deadline=None)
@given(
    target=st.integers(1, 300),
    strategy=st.sampled_from(spot.STRATEGIES),
    base_share=st.floats(0, 1),
)
def test_allocation_covers_the_target_when_capacity_allows(target, strategy, base_share):
    base = int(target * base_share)
    alloc = spot.allocate_fleet(pools(), target, strategy, on_demand_base=base)
    assert alloc.unfilled_units == 0
    assert target <= alloc.units <= target + 1  # weights are 1 here: no overshoot beyond one
    assert (alloc.mix.units > 0).all()
    on_demand_units = alloc.mix[alloc.mix.market == "on-demand"].units.sum()
    assert on_demand_units == base


def test_fleet_limits_come_from_facts():
    limit = value("spot.fleet_target_capacity_max")
    assert limit == spot.MAX_TARGET_CAPACITY
    with pytest.raises(
        ValueError, match=f"target_capacity must be an integer between 1 and {limit:,}"
    ):
        spot.allocate_fleet(pools(), limit + 1)


@pytest.mark.parametrize(
    ("args", "name"),
    [
        ({"pools": []}, "pools"),
        ({"pools": ["m5.large"]}, "pools"),
        ({"pools": pools() + pools()[:1]}, "repeated"),
        ({"strategy": "cheapest"}, "strategy"),
        ({"target_capacity": 0}, "target_capacity"),
        ({"target_capacity": 2.5}, "target_capacity"),
        ({"on_demand_base": 11}, "on_demand_base"),
        ({"on_demand_base": -1}, "on_demand_base"),
    ],
)
def test_allocate_fleet_rejects_bad_input(args, name):
    call = {"pools": pools(), "target_capacity": 10, "strategy": "lowestPrice"} | args
    with pytest.raises(ValueError, match=name):
        spot.allocate_fleet(**call)


@pytest.mark.parametrize(
    ("field", "bad"),
    [
        ("spot_price", 0),
        ("on_demand_price", -1),
        ("spare_instances", -1),
        ("spare_instances", 1.5),
        ("interruption_rate", 1.5),
        ("weight", 0),
    ],
)
def test_spot_pool_rejects_bad_fields(field, bad):
    fields = {
        "instance_type": "m5.large",
        "availability_zone": "a",
        "spot_price": 0.03,
        "on_demand_price": 0.096,
        "spare_instances": 10,
        "interruption_rate": 0.1,
        "weight": 1,
    } | {field: bad}
    with pytest.raises(ValueError, match=field):
        spot.SpotPool(**fields)


def test_allocation_strategies_use_each_apis_spelling():
    from aws_compute_course.facts import fact
    from aws_compute_course.topics.spot.questions import QUESTIONS

    spot_fleet = fact("spot.allocation_recommended")
    assert spot_fleet.value == "priceCapacityOptimized"
    assert spot_fleet.source.endswith("/spot-fleet-allocation-strategy.html")
    fleet = fact("spot.allocation_recommended_fleet")
    assert fleet.value == "price-capacity-optimized"
    assert fleet.source.endswith("/ec2-fleet-allocation-strategy.html")
    assert spot.FLEET_API_NAMES["priceCapacityOptimized"] == "price-capacity-optimized"
    assert set(spot.FLEET_API_NAMES) == set(spot.STRATEGIES)
    # Auto Scaling groups (and EC2 Fleet) never get the Spot Fleet camelCase names.
    for q in QUESTIONS:
        for o in q.options:
            if "group's Spot allocation strategy" in o.text or "group" in o.text.split(":")[0]:
                assert "priceCapacityOptimized" not in o.text, q.id
                assert "lowestPrice" not in o.text, q.id


def test_capacity_interruptions_happen_without_a_maximum_price():
    # The 2021 mental model: no maximum price, no interruptions. Today most interruptions are
    # about capacity: a pool in a busier Spot Instance Advisor band is reclaimed more often.
    od = 0.096
    prices = spot.synthetic_prices(od, seed=2026)
    assert spot.simulate(prices, od).interruptions == 0  # price only: never above On-Demand
    runs = {b: spot.simulate(prices, od, frequency_band=b, seed=2026) for b in spot.FREQUENCY_BANDS}
    assert runs["5-10%"].interruptions >= 1
    assert all(r.price_interruptions == 0 for r in runs.values())
    counts = [runs[b].capacity_interruptions for b in spot.FREQUENCY_BANDS]
    assert counts == sorted(counts) and counts[-1] > counts[0]  # busier bands, more reclaims
    again = spot.simulate(prices, od, frequency_band="5-10%", seed=2026)
    assert again.interruptions == runs["5-10%"].interruptions  # seeded
    assert runs[">20%"].uptime_percent < 100
    assert len(runs[">20%"].notices) == runs[">20%"].interruptions
    mixed = spot.simulate(prices, od, prices.quantile(0.9), frequency_band=">20%", seed=1)
    assert mixed.interruptions == mixed.price_interruptions + mixed.capacity_interruptions
    assert mixed.price_interruptions > 0


def test_capacity_model_and_max_price_inputs_are_checked():
    prices = spot.synthetic_prices(0.096, seed=1, days=2)
    with pytest.raises(ValueError, match="frequency_band must be one of"):
        spot.simulate(prices, 0.096, frequency_band="3%")
    with pytest.raises(ValueError, match="recovery_hours"):
        spot.simulate(prices, 0.096, frequency_band="<5%", recovery_hours=0)
    # AWS: a maximum price must be more than USD 0.001.
    with pytest.raises(ValueError, match="max_price"):
        spot.simulate(prices, 0.096, 0.001)
    assert spot.simulate(prices, 0.096, 0.0011).uptime_percent == 0
