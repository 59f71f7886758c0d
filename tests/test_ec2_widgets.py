"""EC2 explorables: the pure view functions, and widgets that update their figures in place."""

import numpy as np
import plotly.graph_objects as go
import pytest

from aws_compute_course import pricing
from aws_compute_course.facts import fact
from aws_compute_course.topics import ec2
from aws_compute_course.topics.ec2 import explorables as we

OPTION_IDS = [o.id for o in ec2.OPTIONS]


@pytest.fixture(scope="module")
def book():
    return ec2.price_book("m5.large")


# --- cost_view ------------------------------------------------------------------------------


def bars(view):
    return view.traces["upfront"]["y"], view.traces["recurring"]["y"], view.traces["out"]


@pytest.mark.parametrize(
    "workload",
    [
        ec2.Workload("m5.large", count=10, months=36),
        ec2.Workload("m5.large", count=3, hours_per_day=8, months=12, interruptible=True),
        ec2.Workload("m5.large", count=1, months=1, per_core_licensing=True),
    ],
)
def test_cost_view_agrees_with_compare_costs(book, workload):
    view = we.cost_view(workload, book)
    table = ec2.compare_costs(workload, book).table
    ok = (table.status == "ok").to_numpy()
    upfront, recurring, out = bars(view)
    assert np.allclose((upfront + recurring)[ok], table.total[ok])
    assert (upfront[~ok] == 0).all() and (recurring[~ok] == 0).all()
    assert (out["y"][~ok] == 0).all() and np.isnan(out["y"][ok]).all()
    assert [t for t in out["text"] if t] == table.status[~ok].tolist()
    hover = view.traces["upfront"]["hovertext"]
    assert hover == view.traces["recurring"]["hovertext"] == out["hovertext"]
    for i, option in enumerate(OPTION_IDS):
        line = view.traces[option]
        if ok[i]:
            assert len(line["y"]) == len(line["x"]) == workload.months
            assert line["y"][-1] == pytest.approx(table.loc[option, "total"])
            assert "basis:" in hover[i]
        else:
            assert len(line["y"]) == len(line["x"]) == 0
            assert table.loc[option, "reason"] in hover[i]
    # Break-even marks sit on the On-Demand line.
    be = table.break_even_month.dropna().astype(int)
    marks = view.traces["break_even"]
    assert marks["x"].tolist() == be.tolist()
    on_demand = view.result.cumulative[0]
    assert np.allclose(marks["y"], on_demand[be.to_numpy() - 1])


def test_cost_readout_names_the_cheapest_and_what_is_ruled_out(book):
    workload = ec2.Workload("m5.large", count=10, months=36)
    view = we.cost_view(workload, book)
    table = view.result.table
    best = table.loc[view.result.cheapest]
    assert f"cheapest: <b>{best.label}</b>" in view.readout
    saving = 100 * (1 - best.total / table.loc["on_demand", "total"])
    assert f"<b>{saving:.0f}%</b> below On-Demand" in view.readout
    assert f"break-even in month <b>{int(best.break_even_month)}</b>" in view.readout
    assert "<b>Spot</b> (not allowed)" in view.readout
    assert "<b>Scheduled RI</b> (not allowed)" in view.readout
    assert "<b>Dedicated Host</b> (unpriced)" in view.readout


def test_cost_readout_without_any_priced_option(book):
    view = we.cost_view(ec2.Workload("m5.large", host_affinity=True), book)
    assert "no allowed option has a price" in view.readout


def test_cost_readout_reports_commitment_after_the_end():
    ceilings = ec2.price_book("m5.large", discount_basis="ceilings")
    view = we.cost_view(ec2.Workload("m5.large", months=30), ceilings)
    cheapest = view.result.table.loc[view.result.cheapest]
    assert cheapest.after_end > 0
    assert f"${cheapest.after_end:,.0f} committed after the workload ends" in view.readout


def test_cost_view_passes_bad_input_to_the_model(book):
    with pytest.raises(ValueError, match="book is for"):
        we.cost_view(ec2.Workload("c5.large"), book)
    with pytest.raises(ValueError, match="hours_per_day"):
        we.cost_view(ec2.Workload("m5.large", hours_per_day=0), book)


# --- CostExplorer ---------------------------------------------------------------------------


@pytest.fixture
def explorer():
    return we.CostExplorer(ec2.Workload("m5.large", count=4, months=24))


def traces(explorer):
    return {t.uid: t for t in explorer.figure.data}


def test_cost_update_edits_the_figure_in_place(explorer):
    figure = explorer.figure
    view = explorer.update(count=8, hours=12)
    t = traces(explorer)
    assert explorer.figure is figure
    assert np.allclose(t["recurring"].y, view.traces["recurring"]["y"])
    assert np.allclose(t["on_demand"].y, view.traces["on_demand"]["y"])
    assert len(explorer.figure.data) == 3 + len(ec2.OPTIONS) + 1
    assert tuple(t["break_even"].text) == view.traces["break_even"]["text"]
    hover = view.traces["upfront"]["hovertext"]
    assert all(tuple(t[uid].hovertext) == hover for uid in ("upfront", "recurring", "out"))
    assert explorer.readout.value == view.readout
    assert view.result.workload == ec2.Workload("m5.large", count=8, hours_per_day=12, months=24)


def test_cost_update_sends_one_message(explorer, monkeypatch):
    sent = []
    monkeypatch.setattr(explorer.figure, "_send_update_msg", lambda **m: sent.append(m))
    explorer.update(count=5)
    assert len(sent) == 1 and sent[0]["relayout_data"] == {}


def test_cost_controls_call_through(explorer):
    c = explorer.controls
    c["hours"].value = 6
    table = ec2.compare_costs(ec2.Workload("m5.large", count=4, hours_per_day=6, months=24)).table
    assert traces(explorer)["recurring"].y[0] == pytest.approx(table.loc["on_demand", "total"])
    spot = OPTION_IDS.index("spot")
    assert traces(explorer)["out"].text[spot] == "not allowed"
    c["interruptible"].value = True
    assert traces(explorer)["out"].text[spot] == ""
    assert traces(explorer)["recurring"].y[spot] > 0
    c["months"].value = 12
    line = traces(explorer)["on_demand"]
    assert len(line.x) == len(line.y) == 12
    c["licensing"].value = True
    assert "per-core licensing needs a Dedicated Host" in explorer.readout.value


def test_payment_and_basis_dropdowns_reprice(explorer):
    ri = OPTION_IDS.index("ri_standard_1y")
    assert traces(explorer)["upfront"].y[ri] == 0
    explorer.controls["payment"].value = "all_upfront"
    assert explorer.shown.result.book.payment == "all_upfront"
    assert traces(explorer)["upfront"].y[ri] > 0 and traces(explorer)["recurring"].y[ri] == 0
    explorer.controls["basis"].value = "ceilings"
    sp = OPTION_IDS.index("sp_compute_3y")
    assert traces(explorer)["upfront"].y[sp] > 0
    assert traces(explorer)["out"].text[ri] == "unpriced"


def test_course_cost_explorer_states_its_bases():
    explorer = we.cost_explorer()
    note = explorer.widget.children[0].value
    assert pricing.on_demand_hourly("m5.large").source in note
    assert "illustrative" in note and "best case" in note
    assert f"up to {fact('ec2.compute_sp_max_discount_percent').value}%" in note
    assert "load_offer_file" in note
    assert isinstance(explorer.figure, go.FigureWidget)
    assert "application/vnd.jupyter.widget-view+json" in explorer._repr_mimebundle_()


def test_cost_explorer_takes_an_offer_file():
    from importlib import resources

    sample = resources.files("aws_compute_course.data") / "ec2_offer_sample.json"
    prices = pricing.load_offer_file(str(sample), illustrative=True)
    explorer = we.CostExplorer(ec2.Workload("m5.large", count=50, months=12), prices=prices)
    host = OPTION_IDS.index("dedicated_host")
    assert traces(explorer)["recurring"].y[host] == pytest.approx(2 * 5.0 * 8760)
    explorer.controls["payment"].value = "partial_upfront"  # repricing keeps the offer file
    assert explorer.shown.result.book.rates["ri_standard_1y"].basis == "offer file"


# --- placement ------------------------------------------------------------------------------


def test_placement_view_positions_and_failures():
    plan = ec2.PlacementPlan("spread", ("a", "b"), 5)
    view = we.placement_view(plan, "az")
    dots = view.traces["instances"]
    assert dots["y"] == (1, 1, 1, 1, 1)  # one instance per rack
    assert dots["x"] == (0.0, 4.5, 1.0, 5.5, 2.0)  # AZ a racks 0-2, AZ b racks 4.5-5.5
    assert view.layout == {"xaxis.tickvals": (1.0, 5.0), "xaxis.ticktext": ("a", "b")}
    _, impact = view.result
    assert impact.target == "a" and impact.lost_count == 3
    assert list(dots["marker.symbol"]) == ["x", "square", "x", "square", "x"]
    assert "(down)" in dots["text"][0] and "(down)" not in dots["text"][1]
    assert "<b>az failure (a)</b>: 3 lost, 2 keep running" in view.readout


def test_placement_view_packs_cluster_racks_and_colours_partitions():
    cluster = we.placement_view(ec2.PlacementPlan("cluster", ("a",), 6), instances_per_rack=4)
    assert cluster.traces["instances"]["y"] == (1, 2, 3, 4, 1, 2)
    assert cluster.traces["instances"]["x"] == (0, 0, 0, 0, 1, 1)
    part = we.placement_view(ec2.PlacementPlan("partition", ("a",), 4, partitions_per_az=2))
    color = part.traces["instances"]["marker.color"]
    assert color[0] == color[2] != color[1]


def test_placement_readout_lists_problems():
    view = we.placement_view(ec2.PlacementPlan("spread", ("a",), 9, tenancy="dedicated"))
    assert "✗ not valid" in view.readout
    for problem in view.result[0].problems:
        assert problem.replace("'", "&#x27;") in view.readout
    assert "worst case lost per failure: rack 1 of 9" in view.readout
    assert "✓ valid" in we.placement_view(ec2.PlacementPlan("spread", ("a",), 7)).readout


def test_placement_view_passes_bad_input_to_the_model():
    with pytest.raises(ValueError, match="kind 'partition' needs a partition group"):
        we.placement_view(ec2.PlacementPlan("cluster", ("a",), 3), "partition")


def test_placement_explorer_controls_call_through():
    explorer = we.placement_explorer()
    c = explorer.controls
    assert "model assumption" in explorer.widget.children[0].value
    assert c["partitions"].disabled  # partitions only for partition groups
    figure = explorer.figure
    c["instances"].value = 22  # 22 over 3 AZs: 8 in one AZ breaks the spread limit
    assert "✗ not valid" in explorer.readout.value
    c["strategy"].value = "partition"
    assert "✓ valid" in explorer.readout.value and not c["partitions"].disabled
    c["failure"].value = "partition"
    assert "partition failure (p1)" in explorer.readout.value
    assert "#cf222e" in explorer.figure.data[0].marker.color
    c["strategy"].value = "cluster"  # no partitions to lose: the failure is dropped
    assert "failure (" not in explorer.readout.value
    c["n_azs"].value = 1
    assert "✓ valid" in explorer.readout.value
    assert explorer.figure is figure
    assert len(explorer.figure.data[0].x) == 22
    assert explorer.figure.layout.xaxis.ticktext == ("us-east-1a",)


# --- names ----------------------------------------------------------------------------------


def test_name_view_and_explainer():
    view = we.name_view("m7gd.2xlarge")
    assert "Graviton" in view.readout and "2xlarge" in view.readout
    assert "not list" not in view.readout and view.result.size == "2xlarge"
    assert "do not list" in we.name_view("trn1.32xlarge").readout
    assert "12 TiB" in we.name_view("u7i-12tb.224xlarge").readout
    assert "Apple M2PRO" in we.name_view("mac2-m2pro.metal").readout
    bad = we.name_view("m5.huge")
    assert "unknown size" in bad.readout and bad.result is None
    explainer = we.name_explainer()
    assert explainer.figure is None
    explainer.controls["name"].value = "c7gn.large"
    assert "network and EBS optimized" in explainer.readout.value
    for name in we.EXAMPLES:  # the suggestions all decode, but the one meant to fail
        assert (we.name_view(name).result is None) == (name == "m5.huge")


def test_cost_readout_says_a_capacity_reservation_costs_the_same_as_on_demand():
    view = we.cost_view(ec2.Workload("m5.large", count=2), ec2.price_book("m5.large"))
    assert "Capacity Reservation</b> costs the same as On-Demand" in view.readout
    marks = view.traces["break_even"]["text"]
    assert not any("Capacity Reservation" in t for t in marks)  # no "break-even month 1"
