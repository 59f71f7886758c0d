"""Spot explorables: the pure view functions, and widgets that update their figure in place."""

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


@pytest.fixture(scope="module")
def month():
    return spot.synthetic_prices(0.096, seed=7, days=30)


# --- price_view -----------------------------------------------------------------------------


def test_shading_rectangles_match_the_not_running_intervals():
    # Waiting in hour 0, running in 1, interrupted in 2-3, running in 4-5.
    prices = hourly([0.05, 0.03, 0.05, 0.05, 0.03, 0.03])
    view = ws.price_view(prices, 0.10, 0.04)
    top = ws.plot_top(prices, 0.10)
    a, b = "2026-01-01T00:00:00", "2026-01-01T01:00:00"
    c, d = "2026-01-01T02:00:00", "2026-01-01T04:00:00"
    assert view.shade_x == (a, a, b, b, None, c, c, d, d, None)
    assert view.shade_y == (0, top, top, 0, None) * 2
    assert view.max_line_x == ("2026-01-01T00:00:00", "2026-01-01T06:00:00")
    assert view.max_line_y == (0.04, 0.04)


@pytest.mark.parametrize("max_price", [0.032, 0.038, 0.045, 0.07])
def test_price_view_agrees_with_simulate(month, max_price):
    view = ws.price_view(month, 0.096, max_price)
    run = spot.simulate(month, 0.096, max_price)
    assert view.run.interruptions == run.interruptions
    assert view.run.uptime_percent == run.uptime_percent
    assert view.run.effective_hourly_cost == run.effective_hourly_cost
    stopped = run.intervals[run.intervals.state != "running"]
    assert view.shade_x.count(None) == len(stopped)
    assert f"<b>{run.interruptions}</b> interruption" in view.readout
    assert f"uptime <b>{run.uptime_percent:.1f}%</b>" in view.readout
    assert f"<b>{run.savings_percent:.1f}%</b> saved" in view.readout
    assert NOTICE in view.readout


def test_no_max_price_is_the_recommended_case(month):
    view = ws.price_view(month, 0.096, None)
    assert view.cap == 0.096 and view.max_line_y == (0.096, 0.096)
    assert view.run.interruptions == spot.simulate(month, 0.096).interruptions == 0
    assert view.shade_x == ()
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
    assert x == [
        "2026-01-01T00:00:00",
        "2026-01-01T02:00:00",
        "2026-01-01T04:00:00",
        "2026-01-01T05:00:00",
    ]
    assert y.tolist() == [0.03, 0.05, 0.04, 0.04]


# --- SpotPriceExplorer ----------------------------------------------------------------------


@pytest.fixture
def explorer(month):
    return ws.SpotPriceExplorer(month, 0.096, max_price=0.04)


def test_update_edits_the_figure_in_place(explorer):
    figure, price_y = explorer.figure, explorer.figure.data[1].y
    shade_before = explorer.figure.data[0].x
    view = explorer.update(0.034)
    assert explorer.figure is figure
    assert explorer.figure.data[0].x == view.shade_x != shade_before
    assert explorer.figure.data[3].y == (0.034, 0.034)
    assert explorer.figure.data[1].y is price_y
    assert explorer.readout.value == view.readout


def test_update_sends_only_the_small_traces(explorer, monkeypatch):
    sent = []
    monkeypatch.setattr(explorer.figure, "_send_update_msg", lambda **msg: sent.append(msg))
    explorer.update(0.05)
    # One message, restyling the shading (trace 0) and the max-price line (trace 3) only.
    assert len(sent) == 1
    assert sent[0]["restyle_data"].keys() <= {"x", "y"}
    assert sorted(sent[0]["trace_indexes"]) == [0, 3]
    assert sent[0]["relayout_data"] == {}


def test_slider_and_checkbox_call_through(explorer):
    assert not explorer.no_max.value and not explorer.slider.disabled
    explorer.slider.value = 0.05
    assert explorer.figure.data[3].y == (0.05, 0.05)
    assert "$0.0500/h" in explorer.readout.value
    explorer.no_max.value = True
    assert explorer.slider.disabled
    assert explorer.figure.data[3].y == (0.096, 0.096)
    assert "no max price" in explorer.readout.value
    explorer.slider.value = 0.035  # ignored while there is no max price
    assert explorer.figure.data[3].y == (0.096, 0.096)
    explorer.no_max.value = False
    assert explorer.figure.data[3].y == (0.035, 0.035)


def test_slider_range_is_lowest_price_to_on_demand(explorer, month):
    assert explorer.slider.min == month.min()
    assert explorer.slider.max == 0.096
    assert explorer.slider.readout_format == ".4f"


def test_explorer_update_passes_bad_input_to_the_model(explorer):
    with pytest.raises(ValueError, match="max_price"):
        explorer.update(-0.01)


def test_course_price_explorer_cites_its_sources():
    od = on_demand_hourly("m5.large")
    explorer = ws.spot_price_explorer("m5.large", seed=1, days=3)
    title = explorer.figure.layout.title
    assert "synthetic, seed 1" in title.text
    assert od.verified_on in title.subtitle.text and od.source in title.subtitle.text
    note = explorer.widget.children[0].value
    assert f"{value('spot.max_discount_percent')}% off" in note
    assert "illustrative" in note
    assert explorer.no_max.value and explorer.slider.disabled  # no max price by default
    bundle = explorer._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert isinstance(explorer.figure, go.FigureWidget)


# --- fleet_view -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pools():
    return spot.illustrative_pools()


@pytest.mark.parametrize("strategy", spot.STRATEGIES)
def test_fleet_view_agrees_with_allocate_fleet(pools, strategy):
    view = ws.fleet_view(pools, 90, strategy, on_demand_base=10)
    alloc = spot.allocate_fleet(pools, 90, strategy, on_demand_base=10)
    assert view.pools == tuple(p.name for p in pools)
    for market, units in (("spot", view.spot_units), ("on-demand", view.on_demand_units)):
        rows = alloc.mix[alloc.mix.market == market]
        expected = dict(zip(rows.pool, rows.units, strict=True))
        assert {n: u for n, u in zip(view.pools, units, strict=True) if u} == expected
    assert sum(view.spot_units) + sum(view.on_demand_units) == alloc.units
    assert view.allocation.hourly_cost == alloc.hourly_cost
    assert f"${alloc.hourly_cost:.4f}/h" in view.readout
    assert f"{alloc.interruptions_per_hour:.4f}/h" in view.readout
    recommended = strategy == value("spot.allocation_recommended")
    assert ("recommendation" in view.readout) == recommended


def test_fleet_readout_reports_unfilled_units(pools):
    view = ws.fleet_view(pools, 400, "diversified")
    spare = sum(p.spare_instances for p in pools)
    assert view.allocation.unfilled_units == 400 - spare
    assert f"{400 - spare}</b> unfilled" in view.readout
    assert "unfilled" not in ws.fleet_view(pools, 40, "diversified").readout


def test_illustrative_pools_use_snapshot_prices_and_separate_the_strategies(pools):
    assert len(pools) == 6
    for p in pools:
        assert p.on_demand_price == on_demand_hourly(p.instance_type).price
        assert p.spot_price < p.on_demand_price
    mixes = {ws.fleet_view(pools, 40, s).spot_units for s in spot.STRATEGIES}
    assert len(mixes) == len(spot.STRATEGIES)


@pytest.mark.parametrize(
    ("args", "name"),
    [
        ((0, "lowestPrice", 0), "target_capacity"),
        ((10, "cheapest", 0), "strategy"),
        ((10, "lowestPrice", 11), "on_demand_base"),
    ],
)
def test_fleet_view_passes_bad_input_to_the_model(pools, args, name):
    with pytest.raises(ValueError, match=name):
        ws.fleet_view(pools, *args)


# --- FleetExplorer --------------------------------------------------------------------------


@pytest.fixture
def fleet(pools):
    return ws.FleetExplorer(pools, target_capacity=40, strategy="lowestPrice")


def test_fleet_update_edits_the_figure_in_place(fleet):
    figure = fleet.figure
    view = fleet.update(60, "diversified", 6)
    assert fleet.figure is figure
    assert fleet.figure.data[0].y == view.spot_units
    assert fleet.figure.data[1].y == view.on_demand_units
    assert fleet.readout.value == view.readout


def test_fleet_controls_call_through(fleet, pools):
    fleet.strategy.value = "capacityOptimized"
    assert fleet.figure.data[0].y == ws.fleet_view(pools, 40, "capacityOptimized").spot_units
    fleet.base.value = 8
    assert sum(fleet.figure.data[1].y) == 8
    fleet.target.value = 100
    assert sum(fleet.figure.data[0].y) + sum(fleet.figure.data[1].y) == 100
    assert fleet.base.max == 100


def test_lowering_the_target_below_the_base_clamps_the_base(fleet):
    fleet.base.value = 30
    fleet.target.value = 12
    assert fleet.base.value == 12
    assert fleet.figure.data[0].y == (0,) * 6
    assert sum(fleet.figure.data[1].y) == 12


def test_fleet_explorer_update_passes_bad_input_to_the_model(fleet):
    with pytest.raises(ValueError, match="on_demand_base"):
        fleet.update(10, "lowestPrice", 20)


def test_course_fleet_explorer_labels_illustrative_data():
    explorer = ws.fleet_explorer()
    note = explorer.widget.children[0].value
    assert "illustrative" in note
    assert on_demand_hourly("m5.large").verified_on in note
    assert set(explorer.strategy.options) == set(spot.STRATEGIES)
    assert explorer.strategy.value == value("spot.allocation_recommended")
