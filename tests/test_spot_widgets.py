"""Spot explorables: the pure view functions, and widgets that update their figure in place."""

import json

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from aws_compute_course.facts import value
from aws_compute_course.pricing import on_demand_hourly
from aws_compute_course.topics import spot
from aws_compute_course.topics.spot import explorables as ws

NOTICE = f"{value('spot.interruption_notice_minutes')}-minute notice"


def hourly(prices, start="2026-01-01"):
    index = pd.date_range(start, periods=len(prices), freq="1h", tz="UTC")
    return pd.Series(prices, index=index, dtype=float)


def at(*hours):
    return [f"2026-01-01T{h:02d}:00:00" for h in hours]


def traces(explorer):
    return {t.uid: t for t in explorer.figure.data}


def capture(explorer, monkeypatch):
    sent = []
    monkeypatch.setattr(explorer.figure, "_send_update_msg", lambda **msg: sent.append(msg))
    return sent


@pytest.fixture(scope="module")
def month():
    return spot.synthetic_prices(0.096, seed=7, days=30)


# --- price_view -----------------------------------------------------------------------------


def test_shading_steps_match_the_not_running_intervals():
    # Waiting in hour 0, running in 1, interrupted in 2-3, running in 4-5.
    prices = hourly([0.05, 0.03, 0.05, 0.05, 0.03, 0.03])
    view = ws.price_view(prices, 0.10, 0.04)
    top = ws.plot_top(prices, 0.10)
    shade = view.traces["shade"]
    assert shade["x"] == at(0, 1, 2, 4, 6)  # date strings keep the axis a date axis
    assert shade["y"].tolist() == [top, 0, top, 0, 0]  # up while stopped, down while running
    assert shade["y"].dtype == np.float64  # sent as a binary buffer
    assert view.traces["max_price"] == {"y": (0.04, 0.04)}


@pytest.mark.parametrize("max_price", [0.032, 0.038, 0.045, 0.07])
def test_price_view_agrees_with_simulate(month, max_price):
    view = ws.price_view(month, 0.096, max_price)
    run = spot.simulate(month, 0.096, max_price)
    assert view.result.interruptions == run.interruptions
    assert view.result.uptime_percent == run.uptime_percent
    assert view.result.effective_hourly_cost == run.effective_hourly_cost
    stopped = run.intervals[run.intervals.state != "running"]
    rises = np.diff(np.r_[0.0, view.traces["shade"]["y"]]) > 0
    assert rises.sum() == len(stopped)
    assert f"<b>{run.interruptions}</b> interruption" in view.readout
    assert f"uptime <b>{run.uptime_percent:.1f}%</b>" in view.readout
    assert f"<b>{run.savings_percent:.1f}%</b> saved" in view.readout
    assert NOTICE in view.readout


def test_no_max_price_is_the_recommended_case(month):
    view = ws.price_view(month, 0.096, None)
    assert view.traces["max_price"]["y"] == (0.096, 0.096)
    assert view.result.interruptions == spot.simulate(month, 0.096).interruptions == 0
    assert view.traces["shade"]["x"] == [] and view.traces["shade"]["y"].size == 0
    assert "no max price" in view.readout


def test_readout_when_the_instance_never_runs():
    view = ws.price_view(hourly([0.05, 0.06]), 0.10, 0.01)
    assert "never ran" in view.readout
    assert "saved" not in view.readout


@pytest.mark.parametrize(
    ("args", "name"),
    [((0.10, -1), "max_price"), ((0, None), "on_demand"), ((0.10, float("nan")), "max_price")],
)
def test_price_view_passes_bad_input_to_the_model(args, name):
    with pytest.raises(ValueError, match=name):
        ws.price_view(hourly([0.03, 0.04]), *args)


def test_step_points_keep_only_changes_and_the_end():
    x, y = ws.step_points(hourly([0.03, 0.03, 0.05, 0.05, 0.04]))
    assert x == at(0, 2, 4, 5)
    assert y.tolist() == [0.03, 0.05, 0.04, 0.04]


# --- SpotPriceExplorer ----------------------------------------------------------------------


@pytest.fixture
def explorer(month):
    return ws.SpotPriceExplorer(month, 0.096, max_price=0.04)


def test_update_edits_the_figure_in_place(explorer):
    figure, price_y = explorer.figure, traces(explorer)["spot"].y
    shade_before = traces(explorer)["shade"].x
    view = explorer.update(max_price=0.034)
    assert explorer.figure is figure
    assert traces(explorer)["shade"].x == tuple(view.traces["shade"]["x"]) != shade_before
    assert traces(explorer)["max_price"].y == (0.034, 0.034)
    assert traces(explorer)["spot"].y is price_y
    assert explorer.readout.value == view.readout


def test_update_sends_only_the_small_traces(explorer, monkeypatch):
    sent = capture(explorer, monkeypatch)
    explorer.update(max_price=0.05)
    # One message, restyling the shading and the max-price line only.
    assert len(sent) == 1
    assert sent[0]["restyle_data"].keys() <= {"x", "y"}
    uids = [explorer.figure.data[i].uid for i in sent[0]["trace_indexes"]]
    assert sorted(uids) == ["max_price", "shade"]
    assert sent[0]["relayout_data"] == {}


def test_slider_and_checkbox_call_through(explorer):
    slider, no_max = explorer.controls["max_price"], explorer.controls["no_max"]
    assert not no_max.value and not slider.disabled
    slider.value = 0.05
    assert traces(explorer)["max_price"].y == (0.05, 0.05)
    assert "$0.0500/h" in explorer.readout.value
    no_max.value = True
    assert slider.disabled
    assert traces(explorer)["max_price"].y == (0.096, 0.096)
    assert "no max price" in explorer.readout.value
    slider.value = 0.035  # ignored while there is no max price
    assert traces(explorer)["max_price"].y == (0.096, 0.096)
    no_max.value = False
    assert traces(explorer)["max_price"].y == (0.035, 0.035)


def test_slider_range_is_lowest_price_to_on_demand(explorer, month):
    slider = explorer.controls["max_price"]
    assert slider.min == month.min()
    assert slider.max == 0.096
    assert slider.readout_format == ".4f"


def test_explorer_passes_bad_input_to_the_model(month):
    with pytest.raises(ValueError, match="max_price"):
        ws.SpotPriceExplorer(month, 0.096, max_price=-0.01)


def test_course_price_explorer_cites_its_sources():
    od = on_demand_hourly("m5.large")
    explorer = ws.spot_price_explorer("m5.large", seed=1, days=3)
    title = explorer.figure.layout.title
    assert "synthetic, seed 1" in title.text
    assert od.verified_on in title.subtitle.text and od.source in title.subtitle.text
    note = explorer.widget.children[0].value
    assert f"{value('spot.max_discount_percent')}% off" in note
    assert "illustrative" in note
    # No max price by default.
    assert explorer.controls["no_max"].value and explorer.controls["max_price"].disabled
    bundle = explorer._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert isinstance(explorer.figure, go.FigureWidget)


# --- price history --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def history():
    return spot.load_price_history(ws.SAMPLE)


@pytest.fixture(scope="module")
def pools(history):
    return ws.pool_series(history)


def test_pool_series_are_every_linux_pool_to_one_end(history, pools):
    assert set(pools) == {
        ("c5.large", "us-east-1a"),
        ("m5.large", "us-east-1a"),
        ("m5.large", "us-east-1b"),
    }
    assert len({s.index[-1] for s in pools.values()}) == 1
    one = spot.price_series(history, "m5.large", "us-east-1b", end=history.timestamp.max())
    pd.testing.assert_series_equal(pools[("m5.large", "us-east-1b")], one)


@pytest.mark.parametrize("max_price", [0.031, 0.034, 0.096])
def test_history_view_agrees_with_simulate(pools, max_price):
    od = on_demand_hourly("m5.large")
    view = ws.history_view(pools, od, "m5.large", "us-east-1b", max_price)
    run = spot.simulate(pools[("m5.large", "us-east-1b")], od.price, max_price)
    assert view.result.interruptions == run.interruptions
    assert f"<b>{run.interruptions}</b> interruption" in view.readout
    assert f"uptime <b>{run.uptime_percent:.1f}%</b>" in view.readout
    m5 = [pools[("m5.large", az)] for az in ("us-east-1a", "us-east-1b")]
    low, high = min(s.min() for s in m5), max(s.max() for s in m5)
    assert f"<b>{100 * (1 - high / od.price):.0f}% to {100 * (1 - low / od.price):.0f}%</b>" in (
        view.readout
    )
    assert ("the default without one" in view.readout) == (max_price == od.price)
    assert view.traces["on_demand"]["y"] == (od.price, od.price)
    assert view.traces["max_price"]["y"] == (max_price, max_price)


def test_history_view_shows_the_chosen_types_azs(pools):
    view = ws.history_view(pools, on_demand_hourly("m5.large"), "m5.large", "us-east-1a", 0.05)
    assert view.traces["m5.large us-east-1a"] == {"visible": True, "line.width": 3}
    assert view.traces["m5.large us-east-1b"] == {"visible": True, "line.width": 1}
    assert view.traces["c5.large us-east-1a"]["visible"] is False
    with pytest.raises(ValueError, match=r"availability_zone must be one of \['us-east-1a'\]"):
        ws.history_view(pools, on_demand_hourly("c5.large"), "c5.large", "us-east-1b", 0.05)
    with pytest.raises(ValueError, match="max_price"):
        ws.history_view(pools, on_demand_hourly("c5.large"), "c5.large", "us-east-1a", -1)


def test_history_explorer_follows_the_instance_type():
    explorer = ws.price_history_explorer()
    az, cap = explorer.controls["availability_zone"], explorer.controls["max_price"]
    assert az.options == ("us-east-1a", "us-east-1b")
    assert cap.value == cap.max == on_demand_hourly("m5.large").price
    explorer.update(availability_zone="us-east-1b", max_price=0.033)
    assert "us-east-1b with max price <b>$0.0330/h</b>" in explorer.readout.value
    explorer.update(instance_type="c5.large")  # one AZ, a lower On-Demand price
    assert az.options == ("us-east-1a",) and az.value == "us-east-1a"
    assert cap.max == on_demand_hourly("c5.large").price
    assert traces(explorer)["c5.large us-east-1a"].visible is True
    assert traces(explorer)["m5.large us-east-1b"].visible is False
    assert explorer.figure.layout.yaxis.range[1] > on_demand_hourly("c5.large").price
    assert "<b>c5.large</b>" in explorer.readout.value


def test_course_history_explorer_labels_the_sample(tmp_path, history):
    explorer = ws.price_history_explorer()
    note = explorer.widget.children[0].value
    assert "describe-spot-price-history" in note and "sample" in note and "shape" in note
    assert on_demand_hourly("m5.large").source in note
    own = json.loads(ws.SAMPLE.read_text())
    own["SpotPriceHistory"] = [
        r for r in own["SpotPriceHistory"] if r["InstanceType"] == "c5.large"
    ]
    path = tmp_path / "history.json"
    path.write_text(json.dumps(own))
    mine = ws.price_history_explorer(path, instance_type="c5.large")
    assert "your price history" in mine.widget.children[0].value
    assert mine.controls["instance_type"].options == ("c5.large",)
    with pytest.raises(ValueError, match="instance_type must be one of"):
        ws.PriceHistoryExplorer(history, instance_type="r5.large")


# --- fleet_view -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fleet_pools():
    return spot.illustrative_pools()


@pytest.mark.parametrize("strategy", spot.STRATEGIES)
def test_fleet_view_agrees_with_allocate_fleet(fleet_pools, strategy):
    view = ws.fleet_view(fleet_pools, 90, strategy, on_demand_base=10)
    alloc = spot.allocate_fleet(fleet_pools, 90, strategy, on_demand_base=10)
    names = [p.name for p in fleet_pools]
    for market, uid in (("spot", "spot"), ("on-demand", "on_demand")):
        units = view.traces[uid]["y"]
        rows = alloc.mix[alloc.mix.market == market]
        expected = dict(zip(rows.pool, rows.units, strict=True))
        assert {n: u for n, u in zip(names, units, strict=True) if u} == expected
    total = sum(view.traces["spot"]["y"]) + sum(view.traces["on_demand"]["y"])
    assert total == alloc.units
    assert view.result.hourly_cost == alloc.hourly_cost
    assert f"${alloc.hourly_cost:.4f}/h" in view.readout
    assert f"{alloc.interruptions_per_hour:.4f}/h" in view.readout
    recommended = strategy == value("spot.allocation_recommended")
    assert ("recommendation" in view.readout) == recommended


def test_fleet_readout_reports_unfilled_units(fleet_pools):
    view = ws.fleet_view(fleet_pools, 400, "diversified")
    spare = sum(p.spare_instances for p in fleet_pools)
    assert view.result.unfilled_units == 400 - spare
    assert f"{400 - spare}</b> unfilled" in view.readout
    assert "unfilled" not in ws.fleet_view(fleet_pools, 40, "diversified").readout


def test_illustrative_pools_use_snapshot_prices_and_separate_the_strategies(fleet_pools):
    assert len(fleet_pools) == 6
    for p in fleet_pools:
        assert p.on_demand_price == on_demand_hourly(p.instance_type).price
        assert p.spot_price < p.on_demand_price
    mixes = {ws.fleet_view(fleet_pools, 40, s).traces["spot"]["y"] for s in spot.STRATEGIES}
    assert len(mixes) == len(spot.STRATEGIES)


@pytest.mark.parametrize(
    ("args", "name"),
    [
        ((0, "lowestPrice", 0), "target_capacity"),
        ((10, "cheapest", 0), "strategy"),
        ((10, "lowestPrice", 11), "on_demand_base"),
    ],
)
def test_fleet_view_passes_bad_input_to_the_model(fleet_pools, args, name):
    with pytest.raises(ValueError, match=name):
        ws.fleet_view(fleet_pools, *args)


# --- FleetExplorer --------------------------------------------------------------------------


@pytest.fixture
def fleet(fleet_pools):
    return ws.FleetExplorer(fleet_pools, target_capacity=40, strategy="lowestPrice")


def test_fleet_update_edits_the_figure_in_place(fleet):
    figure = fleet.figure
    view = fleet.update(target=60, strategy="diversified", base=6)
    assert fleet.figure is figure
    assert traces(fleet)["spot"].y == view.traces["spot"]["y"]
    assert traces(fleet)["on_demand"].y == view.traces["on_demand"]["y"]
    assert sum(view.traces["on_demand"]["y"]) == 6
    assert fleet.readout.value == view.readout


def test_fleet_controls_call_through(fleet, fleet_pools):
    fleet.controls["strategy"].value = "capacityOptimized"
    expected = ws.fleet_view(fleet_pools, 40, "capacityOptimized").traces["spot"]["y"]
    assert traces(fleet)["spot"].y == expected
    fleet.controls["base"].value = 8
    assert sum(traces(fleet)["on_demand"].y) == 8
    fleet.controls["target"].value = 100
    assert sum(traces(fleet)["spot"].y) + sum(traces(fleet)["on_demand"].y) == 100
    assert fleet.controls["base"].max == 100


def test_lowering_the_target_below_the_base_clamps_the_base(fleet, monkeypatch):
    fleet.controls["base"].value = 30
    sent = capture(fleet, monkeypatch)
    fleet.controls["target"].value = 12
    assert fleet.controls["base"].value == 12
    assert traces(fleet)["spot"].y == (0,) * 6
    assert sum(traces(fleet)["on_demand"].y) == 12
    assert len(sent) == 1  # the clamped base does not redraw a second time


def test_fleet_explorer_passes_bad_input_to_the_model():
    with pytest.raises(ValueError, match="pools must contain at least one"):
        ws.FleetExplorer([])


def test_course_fleet_explorer_labels_illustrative_data():
    explorer = ws.fleet_explorer()
    note = explorer.widget.children[0].value
    assert "illustrative" in note
    assert on_demand_hourly("m5.large").verified_on in note
    strategy = explorer.controls["strategy"]
    assert set(strategy.options) == set(spot.STRATEGIES)
    assert strategy.value == value("spot.allocation_recommended")


def test_no_max_price_still_shows_capacity_interruptions():
    from aws_compute_course.topics.spot.explorables import spot_price_explorer

    explorer = spot_price_explorer()
    run = explorer.shown.result
    assert explorer.controls["no_max"].value and run.interruptions >= 1
    assert run.capacity_interruptions == run.interruptions
    assert "capacity" in explorer.readout.value and "illustrative" in explorer.readout.value
    calm = explorer.update(band="<5%").result.interruptions
    busy = explorer.update(band=">20%").result.interruptions
    assert calm <= run.interruptions <= busy and busy > calm
    explorer.close()


def test_screen_steps_leave_a_short_line_alone():
    x, y = ws.step_points(hourly([0.03, 0.05, 0.04]))
    assert ws.screen_steps(x, y, most=8) == (x, y)


def test_screen_steps_keep_each_spans_lowest_and_highest_price():
    """A spiky year of hourly prices down to 400 points: in each of the 100 spans the drawn
    line still reaches the span's own lowest and highest price, and it starts and ends as
    the whole line does."""
    rng = np.random.default_rng(7)
    prices = np.round(rng.uniform(0.03, 0.05, 24 * 365), 4)
    prices[[1000, 5000]] = [0.2, 0.001]  # a spike up and one down, each one hour long
    x, y = ws.step_points(hourly(prices.tolist()))
    kept_x, kept_y = ws.screen_steps(x, y, most=400)
    assert len(kept_x) <= 400 < len(x)
    assert (kept_x[0], kept_x[-1], kept_y[0], kept_y[-1]) == (x[0], x[-1], y[0], y[-1])
    assert kept_x == sorted(kept_x) and set(kept_x) <= set(x)
    seconds = np.array(x, dtype="datetime64[s]").astype(np.int64)
    span = np.minimum((seconds - seconds[0]) * 100 // (seconds[-1] - seconds[0]), 99)
    kept_span = span[np.searchsorted(x, kept_x)]
    for s in range(100):
        whole, drawn = y[span == s], kept_y[kept_span == s]
        assert (drawn.min(), drawn.max()) == (whole.min(), whole.max()), s
    assert {0.2, 0.001} <= set(kept_y.tolist())
