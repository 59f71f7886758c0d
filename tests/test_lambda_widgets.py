"""Lambda explorables: the pure view functions, and widgets that update their figure in place."""

import math

import numpy as np
import plotly.graph_objects as go
import pytest

from aws_compute_course.facts import fact
from aws_compute_course.topics import lambda_ as L
from aws_compute_course.topics.lambda_ import explorables as W

WORKLOAD = L.Workload(cpu_ms=800, io_ms=50)


def capture(explorer, monkeypatch):
    sent = []
    monkeypatch.setattr(explorer.figure, "_send_update_msg", lambda **msg: sent.append(msg))
    return sent


# --- memory ---------------------------------------------------------------------------------


def test_memory_view_agrees_with_the_model():
    view = W.memory_view(WORKLOAD, "x86", 25.0)
    sweep = L.memory_sweep(WORKLOAD)
    assert view.cheapest == sweep.cheapest() == 128
    assert view.fastest == sweep.fastest_within(25.0) == 1769
    assert view.cheapest_point == (
        sweep.at(128)["duration_ms"],
        sweep.at(128)["cost_per_million"],
    )
    assert np.array_equal(view.cost_per_million, sweep.cost_per_million)
    assert len(view.duration_ms) == L.MEMORY_MAX_MB - L.MEMORY_MIN_MB + 1
    assert "<b>128 MB</b>" in view.readout and "<b>1,769 MB</b>" in view.readout
    assert f"${sweep.at(1769)['cost_per_million']:,.2f}" in view.readout
    assert view.budget_line == (25.0, 25.0)


def test_memory_view_gaps_timeouts_and_reports_an_impossible_budget():
    view = W.memory_view(L.Workload(cpu_ms=900_000), "arm", 0.5)
    assert math.isnan(view.duration_ms[0]) and not math.isnan(view.duration_ms[-1])
    assert view.fastest is None and view.fastest_point == (None, None)
    assert "nothing runs within <b>$0.5000</b>" in view.readout
    assert "exceed the 900-s timeout" in view.readout


def test_memory_view_passes_bad_input_to_the_model():
    with pytest.raises(ValueError, match="budget_per_million"):
        W.memory_view(WORKLOAD, "x86", -1)
    with pytest.raises(ValueError, match="architecture"):
        W.memory_view(WORKLOAD, "sparc", 10)


@pytest.fixture
def memory():
    return W.memory_explorer()


def test_memory_update_edits_the_figure_in_place(memory, monkeypatch):
    figure, x = memory.figure, memory.figure.data[2].x
    sent = capture(memory, monkeypatch)
    view = memory.update(L.Workload(cpu_ms=2000, io_ms=50), "arm", 40.0)
    assert memory.figure is figure and memory.figure.data[2].x is x
    assert np.array_equal(memory.figure.data[3].y, view.cost_per_million)
    assert memory.figure.data[4].x == (view.cheapest,)
    assert memory.figure.data[8].y == (40.0, 40.0)
    assert memory.readout.value == view.readout
    # One message; no 10,113-point x array is re-sent, only y values and marker positions.
    assert len(sent) == 1
    restyle = sent[0]["restyle_data"]
    assert set(sent[0]["trace_indexes"]) <= set(range(2, 9))
    assert all(np.size(v) <= 2 for v in restyle.get("x", []) if v is not None)


def test_memory_sliders_call_through(memory):
    before = memory.readout.value
    memory.cpu.value = 3000
    assert memory.readout.value != before
    cost_x86 = np.nanmin(memory.figure.data[3].y)
    memory.architecture.value = "arm"
    assert np.nanmin(memory.figure.data[3].y) < cost_x86  # Arm's GB-second is cheaper
    memory.budget.value = 200
    assert memory.figure.data[6].x == (1769,)  # single-threaded: one vCPU is the fastest
    memory.threads.value = 4
    assert memory.figure.data[6].x[0] > 1769  # four threads can use more vCPUs
    with pytest.raises(ValueError, match="memory_needed_mb"):
        memory.update(L.Workload(cpu_ms=10, memory_needed_mb=512))


def test_course_memory_explorer_cites_and_labels_the_model(memory):
    note = memory.widget.children[0].value
    assert "course's model" in note and "1,769 MB = 1 vCPU" in note
    assert fact("lambda.memory_per_vcpu_mb").source in note
    assert str(L.duration_price("arm").price) in note
    assert isinstance(memory.figure, go.FigureWidget)
    assert "application/vnd.jupyter.widget-view+json" in memory._repr_mimebundle_()
    vcpu = memory.figure.data[0]
    assert vcpu.x[0] == 128 and vcpu.x[-1] == 10_240
    assert memory.figure.data[1].y == (1, 6)  # the two points AWS documents


# --- concurrency ----------------------------------------------------------------------------


RATES = L.spiky_traffic(120, peak_start=30, peak_seconds=30, seed=1)


def test_concurrency_view_agrees_with_the_model():
    view = W.concurrency_view(RATES, 300, account_limit=1000, reserved=None, provisioned=0)
    run = L.simulate_concurrency(RATES, 300)
    assert np.array_equal(view.throttled, run.throttled)
    assert np.array_equal(view.cold_starts, run.cold_starts)
    assert f"throttled <b>{run.total_throttled:,.0f}</b>" in view.readout
    assert f"cold starts <b>{run.total_cold_starts:,}</b>" in view.readout
    with pytest.raises(ValueError, match="reserved"):
        W.concurrency_view(RATES, 300, account_limit=1000, reserved=950, provisioned=0)


def test_concurrency_explorer_updates_in_place(monkeypatch):
    explorer = W.ConcurrencyExplorer(RATES)
    sent = capture(explorer, monkeypatch)
    view = explorer.update(1000, reserved=200, provisioned=100)
    assert len(sent) == 1 and sorted(sent[0]["trace_indexes"]) == [1, 2, 4, 5]
    assert explorer.figure.data[1].y.max() == 200
    assert explorer.readout.value == view.readout and "100 environments provisioned" in view.readout


def test_concurrency_controls_keep_limits_consistent():
    explorer = W.ConcurrencyExplorer(RATES)
    assert explorer.reserved.disabled
    explorer.use_reserved.value = True
    assert not explorer.reserved.disabled
    assert f"of {explorer.reserved.value:,}" in explorer.readout.value
    explorer.limit.value = 300  # shrinks the room to reserve to 200; no error on the way
    assert explorer.reserved.max == 200 and explorer.reserved.value <= 200
    assert "of 200" in explorer.readout.value or f"of {explorer.reserved.value}" in (
        explorer.readout.value
    )


# --- deployments ----------------------------------------------------------------------------


def test_deployment_view_canary_and_rollback():
    view = W.deployment_view("Canary10Percent5Minutes", window_minutes=30)
    assert view.x == (0, 0, 5, 5, 30)
    assert view.new_percent == (0, 10, 100, 100, 100)
    assert view.old_percent == (100, 90, 0, 0, 0)
    assert "succeeded" in view.readout and "500 requests" in view.readout
    rolled = W.deployment_view("Linear10PercentEvery3Minutes", alarm_at_minute=7)
    assert rolled.new_percent[-1] == 0 and "rolled back" in rolled.readout
    assert rolled.event_text[-1].startswith("alarm")
    stopped = W.deployment_view("AllAtOnce", pre_traffic_ok=False)
    assert set(stopped.new_percent) == {0} and "pre-traffic hook failed" in stopped.readout


def test_deployment_explorer_updates_in_place(monkeypatch):
    explorer = W.deployment_explorer()
    sent = capture(explorer, monkeypatch)
    explorer.name.value = "Linear10PercentEvery1Minute"
    assert len(sent) == 1
    assert explorer.figure.data[1].y[-1] == 100
    explorer.alarm.value = True  # fires at minute 4
    assert explorer.figure.data[1].y[-1] == 0 and not explorer.alarm_minute.disabled
    assert "rolled back" in explorer.readout.value
    with pytest.raises(ValueError, match="Liner"):
        explorer.update("Liner10PercentEvery3Minutes")


# --- replays --------------------------------------------------------------------------------


def test_replay_view_draws_every_delivery_and_outcome():
    view = W.replay_view("sqs", {3: None}, n_events=6, batch_size=2, max_receive_count=3)
    run = view.replay
    assert len(view.delivery_x) == run.events["deliveries"].sum()
    assert view.delivery_color.count(W._RED) == sum(
        len(ev) for ev, ok in zip(run.invocations.events, run.invocations.ok, strict=True) if not ok
    )
    assert view.outcome_color[2] == view.outcome_color[3] == W.OUTCOME_COLORS["dlq"]
    assert view.outcome_text[0] == "processed"
    assert view.outcome_text[2] == "dlq: received 3 time(s): moved to the queue's DLQ"
    assert "4 processed, 2 dlq" in view.readout and "max_receive_count=3" in view.readout


@pytest.mark.parametrize("source", L.SOURCES)
def test_replay_options_fit_every_source(source):
    options = W.replay_options(
        source, partial_batch=True, bisect=True, failure_target=True, batch_size=3
    )
    run = L.replay(source, 4, {1: None}, **options)
    assert sum(run.counts.values()) == 4


def test_replay_explorer_updates_in_place(monkeypatch):
    explorer = W.replay_explorer()
    assert "dlq" in explorer.readout.value
    sent = capture(explorer, monkeypatch)
    explorer.partial.value = True
    assert len(sent) == 1
    assert "7 processed, 1 dlq" in explorer.readout.value
    explorer.source.value = "stream"
    explorer.target.value = False  # no retry limit: the poison record blocks its shard
    assert "blocked" in explorer.readout.value
    assert W.OUTCOME_COLORS["blocked"] in explorer.figure.data[1].marker.color
