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


def traces(explorer):
    return {t.uid: t for t in explorer.figure.data}


def sent_uids(explorer, msg):
    return sorted(explorer.figure.data[i].uid for i in msg["trace_indexes"])


# --- memory ---------------------------------------------------------------------------------


def test_memory_view_agrees_with_the_model():
    view = W.memory_view(WORKLOAD, "x86", 25.0)
    sweep = L.memory_sweep(WORKLOAD)
    assert view.result.cheapest() == sweep.cheapest() == 128
    assert view.traces["cheapest_3"] == {"x": (128,), "y": (sweep.at(128)["cost_per_million"],)}
    assert view.traces["cheapest_2"]["y"] == (sweep.at(128)["duration_ms"],)
    assert view.traces["fastest_2"]["x"] == (sweep.fastest_within(25.0),) == (1769,)
    # The lines carry a few hundred settings, each exactly as the full sweep has it.
    x = view.traces["cost"]["x"]
    assert W.POINTS <= len(x) <= W.POINTS + 5 and x.dtype == np.float64
    rows = np.searchsorted(sweep.memory_mb, x)
    assert np.array_equal(view.traces["cost"]["y"], sweep.cost_per_million[rows])
    assert np.array_equal(view.traces["duration"]["y"], sweep.duration_ms[rows])
    assert "<b>128 MB</b>" in view.readout and "<b>1,769 MB</b>" in view.readout
    assert f"${sweep.at(1769)['cost_per_million']:,.2f}" in view.readout
    assert view.traces["budget"] == {"y": (25.0, 25.0)}


def test_memory_lines_always_include_the_notable_settings():
    workload = L.Workload(cpu_ms=300, io_ms=50, threads=2)
    view = W.memory_view(workload, "arm", 20.0)
    sweep = view.result
    cheapest, fastest = sweep.cheapest(), sweep.fastest_within(20.0)
    assert (cheapest, fastest) == (129, 3538)  # settings an even grid of 300 misses:
    even = set(sweep.memory_mb[W.shown_settings(sweep.memory_mb, [])])
    assert cheapest not in even and fastest not in even
    x = set(view.traces["duration"]["x"].astype(int))
    assert {128, 1769, cheapest, fastest, 10_240} <= x
    assert view.traces["cheapest_3"]["x"] == (129,) and view.traces["fastest_3"]["x"] == (3538,)


def test_memory_view_gaps_timeouts_and_reports_an_impossible_budget():
    view = W.memory_view(L.Workload(cpu_ms=900_000), "arm", 0.5)
    duration = view.traces["duration"]["y"]
    assert math.isnan(duration[0]) and not math.isnan(duration[-1])
    assert view.traces["fastest_2"] == {"x": (None,), "y": (None,)}
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
    figure, vcpu = memory.figure, traces(memory)["vcpu"].x
    sent = capture(memory, monkeypatch)
    view = memory.update(cpu_ms=2000, architecture="arm", budget=40.0)
    t = traces(memory)
    assert memory.figure is figure and t["vcpu"].x is vcpu
    assert np.array_equal(t["cost"].y, view.traces["cost"]["y"])
    assert t["cheapest_2"].x == view.traces["cheapest_2"]["x"]
    assert t["budget"].y == (40.0, 40.0)
    assert memory.readout.value == view.readout
    # One message; the vCPU line never again, a few hundred settings rather than 10,113.
    assert len(sent) == 1
    assert "vcpu" not in sent_uids(memory, sent[0])
    assert all(np.size(v) <= W.POINTS + 5 for v in sent[0]["restyle_data"].get("x", []))


def test_memory_sliders_call_through(memory):
    c = memory.controls
    before = memory.readout.value
    c["cpu_ms"].value = 3000
    assert memory.readout.value != before
    cost_x86 = np.nanmin(traces(memory)["cost"].y)
    c["architecture"].value = "arm"
    assert np.nanmin(traces(memory)["cost"].y) < cost_x86  # Arm's GB-second is cheaper
    c["budget"].value = 200
    assert traces(memory)["fastest_2"].x == (1769,)  # single-threaded: one vCPU is the fastest
    c["threads"].value = 4
    assert traces(memory)["fastest_2"].x[0] > 1769  # four threads can use more vCPUs


def test_memory_explorer_keeps_the_workloads_memory_needed():
    explorer = W.MemoryExplorer(L.Workload(cpu_ms=10, memory_needed_mb=512))
    assert explorer.shown.result.memory_mb[0] == 512
    explorer.update(cpu_ms=100)
    assert explorer.shown.result.workload.memory_needed_mb == 512
    assert traces(explorer)["duration"].x[0] == 512


def test_course_memory_explorer_cites_and_labels_the_model(memory):
    note = memory.widget.children[0].value
    assert "course's model" in note and "1,769 MB = 1 vCPU" in note
    assert fact("lambda.memory_per_vcpu_mb").source in note
    assert f"Arm ${L.duration_price('arm').price * 1e6:,.2f}" in note  # per million GB-s
    assert isinstance(memory.figure, go.FigureWidget)
    assert "application/vnd.jupyter.widget-view+json" in memory._repr_mimebundle_()
    vcpu = traces(memory)["vcpu"]
    assert vcpu.x[0] == 128 and vcpu.x[-1] == 10_240
    assert np.array_equal(vcpu.y, L.vcpu_shares(vcpu.x.astype(int)))  # the model's curve
    assert {1769, 3072} <= set(vcpu.x.astype(int))
    assert traces(memory)["documented"].y == (1, 6)  # the two points AWS documents


# --- concurrency ----------------------------------------------------------------------------


RATES = L.spiky_traffic(120, peak_start=30, peak_seconds=30, seed=1)


def test_concurrency_view_agrees_with_the_model():
    view = W.concurrency_view(RATES, 300, account_limit=1000, reserved=None, provisioned=0)
    run = L.simulate_concurrency(RATES, 300)
    assert np.array_equal(view.traces["throttled"]["y"], run.throttled)
    assert np.array_equal(view.traces["cold"]["y"], run.cold_starts)
    assert view.traces["cold"]["y"].dtype == np.float64  # a binary buffer, not a JSON list
    assert f"throttled <b>{run.total_throttled:,.0f}</b>" in view.readout
    assert f"cold starts <b>{run.total_cold_starts:,}</b>" in view.readout
    with pytest.raises(ValueError, match="reserved"):
        W.concurrency_view(RATES, 300, account_limit=1000, reserved=950, provisioned=0)


def test_concurrency_explorer_updates_in_place(monkeypatch):
    explorer = W.ConcurrencyExplorer(RATES)
    sent = capture(explorer, monkeypatch)
    view = explorer.update(use_reserved=True, reserved=200, provisioned=100)
    assert len(sent) == 1
    assert sent_uids(explorer, sent[0]) == ["capacity", "cold", "served", "throttled"]
    assert traces(explorer)["capacity"].y.max() == 200
    assert explorer.readout.value == view.readout and "100 environments provisioned" in view.readout


def test_concurrency_controls_keep_limits_consistent():
    explorer = W.ConcurrencyExplorer(RATES)
    c = explorer.controls
    assert c["reserved"].disabled
    c["use_reserved"].value = True
    assert not c["reserved"].disabled
    assert f"of {c['reserved'].value:,}" in explorer.readout.value
    c["limit"].value = 300  # shrinks the room to reserve to 200; no error on the way
    assert c["reserved"].max == c["provisioned"].max == 200 and c["reserved"].value <= 200
    assert f"of {c['reserved'].value:,}" in explorer.readout.value


# --- deployments ----------------------------------------------------------------------------


def test_deployment_view_canary_and_rollback():
    view = W.deployment_view("Canary10Percent5Minutes", window_minutes=30)
    assert view.traces["new"] == {"x": (0, 0, 5, 5, 30), "y": (0, 10, 100, 100, 100)}
    assert view.traces["old"]["y"] == (100, 90, 0, 0, 0)
    assert "succeeded" in view.readout and "500 requests" in view.readout
    rolled = W.deployment_view("Linear10PercentEvery3Minutes", alarm_at_minute=7)
    assert rolled.traces["new"]["y"][-1] == 0 and "rolled back" in rolled.readout
    assert rolled.traces["events"]["text"][-1].startswith("alarm")
    stopped = W.deployment_view("AllAtOnce", pre_traffic_ok=False)
    assert set(stopped.traces["new"]["y"]) == {0} and "pre-traffic hook failed" in stopped.readout
    with pytest.raises(ValueError, match="Liner"):
        W.deployment_view("Liner10PercentEvery3Minutes")


def test_deployment_explorer_updates_in_place(monkeypatch):
    explorer = W.deployment_explorer()
    c = explorer.controls
    assert c["alarm_minute"].disabled
    sent = capture(explorer, monkeypatch)
    c["name"].value = "Linear10PercentEvery1Minute"
    assert len(sent) == 1
    assert traces(explorer)["new"].y[-1] == 100
    c["alarm"].value = True  # fires at minute 4
    assert traces(explorer)["new"].y[-1] == 0 and not c["alarm_minute"].disabled
    assert "rolled back" in explorer.readout.value


# --- replays --------------------------------------------------------------------------------


def test_replay_view_draws_every_delivery_and_outcome():
    view = W.replay_view("sqs", {3: None}, n_events=6, batch_size=2, max_receive_count=3)
    run, deliveries, outcomes = view.result, view.traces["deliveries"], view.traces["outcomes"]
    assert len(deliveries["x"]) == run.events["deliveries"].sum()
    failed = sum(
        len(ev) for ev, ok in zip(run.invocations.events, run.invocations.ok, strict=True) if not ok
    )
    assert deliveries["marker.color"].count(W.replay.RED) == failed
    color = outcomes["marker.color"]
    assert color[2] == color[3] == W.OUTCOME_COLORS["dlq"]
    assert outcomes["text"][0] == "processed"
    assert outcomes["text"][2] == "dlq: received 3 time(s): moved to the queue's DLQ"
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
    c = explorer.controls
    assert "dlq" in explorer.readout.value
    assert c["bisect"].disabled and not c["partial"].disabled  # bisecting is for streams
    sent = capture(explorer, monkeypatch)
    c["partial"].value = True
    assert len(sent) == 1
    assert "7 processed, 1 dlq" in explorer.readout.value
    c["source"].value = "stream"
    assert not c["bisect"].disabled
    c["target"].value = False  # no retry limit: the poison record blocks its shard
    assert "blocked" in explorer.readout.value
    assert W.OUTCOME_COLORS["blocked"] in traces(explorer)["outcomes"].marker.color
    c["source"].value = "sync"
    assert c["batch"].disabled and c["partial"].disabled and c["bisect"].disabled
