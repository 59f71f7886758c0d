"""Charts and controls a person can read (issue 19): labels that fit, dropdowns that show a
human label for every value, axes that fit the data, and an empty state that says why.

Checked headless on the widgets' options and the figures' layouts, where the problems show.
"""

import ipywidgets as widgets
import pytest

from aws_compute_course.topics.ec2 import explorables as ec2_widgets
from aws_compute_course.topics.lambda_.explorables import deployment, replay
from aws_compute_course.widgets.explorer import LABEL_FITS
from aws_compute_course.widgets.registry import registered


@pytest.fixture(scope="module", params=registered(), ids=lambda e: e.id)
def explorer(request):
    made = request.param.make()
    yield made
    made.close()


def test_long_descriptions_get_the_room_they_need(explorer):
    cut = [
        name
        for name, control in explorer.controls.items()
        if not isinstance(control, widgets.Checkbox)  # a checkbox's label sits beside it
        and len(control.description) > LABEL_FITS
        and not control.style.description_width  # "": ipywidgets' default width
    ]
    assert not cut, f"descriptions cut to '…' at the default width: {cut}"


def test_every_dropdown_shows_a_human_label(explorer):
    for name, control in explorer.controls.items():
        if isinstance(control, widgets.Dropdown):
            # index None renders a blank box (what a value of None does)
            assert control.index is not None, f"{name} renders blank"
            raw = [label for label in control._options_labels if "_" in label]
            assert not raw, f"{name} shows the model's identifiers {raw}"


def test_placement_fail_dropdown_reads_nothing_fails_and_fails_on_choice():
    explorer = ec2_widgets.placement_explorer()
    fail = explorer.controls["failure"]
    assert fail.label == "nothing fails"
    assert explorer.shown.result[1] is None
    explorer.update(failure="rack")
    assert explorer.shown.result[1].kind == "rack"
    explorer.update(failure="none")
    assert fail.label == "nothing fails" and explorer.shown.result[1] is None
    explorer.close()


def test_payment_dropdown_keeps_the_model_values_behind_aws_names():
    explorer = ec2_widgets.cost_explorer()
    payment = explorer.controls["payment"]
    assert payment.label == "No Upfront" and payment.value == "no_upfront"
    explorer.close()


def test_byol_shows_an_empty_state_that_says_why():
    explorer = ec2_widgets.cost_explorer()
    layout = explorer.figure.layout
    note = layout[ec2_widgets.cost.EMPTY_NOTE]
    assert not note.visible and layout.yaxis.showticklabels is not False
    explorer.update(licensing=True)  # the notebook's "Try this"
    assert note.visible and "Dedicated Host" in note.text
    assert not layout.yaxis.showticklabels and not layout.yaxis2.showticklabels
    assert "nothing to chart" in explorer.readout.value
    assert "Dedicated Host price for m5.large" in explorer.readout.value
    explorer.update(licensing=False)
    assert not note.visible and layout.yaxis.showticklabels
    explorer.close()


@pytest.mark.parametrize(
    ("name", "ends"),
    [("Canary10Percent10Minutes", 10), ("Linear10PercentEvery10Minutes", 90), ("AllAtOnce", 0)],
)
def test_deployment_axis_spans_the_deployment(name, ends):
    view = deployment.deployment_view(name)
    low, high = view.layout["xaxis.range"]
    assert view.result.ends_at == ends
    assert low < 0 and ends < high <= max(ends * 1.2, ends + 1.5)
    assert view.traces["new"]["x"][-1] <= high


def test_deployment_axis_keeps_an_explicit_window():
    assert deployment.deployment_view("AllAtOnce", window_minutes=30).layout["xaxis.range"][1] > 30


def test_replay_axis_labels_the_outcome_column_not_minus_one():
    view = replay.replay_view("sqs", {3: None}, n_events=6, batch_size=2, max_receive_count=3)
    ticks = dict(zip(view.layout["xaxis.tickvals"], view.layout["xaxis.ticktext"], strict=True))
    assert ticks[replay.OUTCOME_X] == "outcome"
    assert set(view.traces["outcomes"]["x"]) == {replay.OUTCOME_X}
    assert set(view.traces["deliveries"]["x"]) <= set(ticks)
    assert "-1" not in ticks.values()


def test_figures_take_the_output_areas_width(explorer):
    if explorer.figure is None:
        pytest.skip("no figure")
    layout = explorer.figure.layout
    assert layout.width is None, f"fixed width {layout.width}px"
    assert layout.autosize is True


def test_fleet_pool_labels_break_onto_two_lines():
    explorer = next(e for e in registered() if e.id == "spot.fleet_explorer").make()
    for label in explorer.figure.data[0].x:
        assert max(len(line) for line in label.split("<br>")) <= LABEL_FITS, label
    explorer.close()


def test_numbers_never_show_in_scientific_notation(explorer):
    import re

    texts = [explorer.readout.value] + [
        child.value for child in explorer.widget.children if isinstance(child, widgets.HTML)
    ]
    found = [m for text in texts for m in re.findall(r"\d(?:\.\d+)?e[-+]\d+", text)]
    assert not found, f"scientific notation shown to the learner: {found}"
