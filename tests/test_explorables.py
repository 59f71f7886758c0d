"""The explorable contract, through the registry: every registered explorable, driven by
changes generated from its own controls, with its comms recording what it sends.

For each change: exactly one figure message when the figure changes (none when it does
not), at most 32 KB sent, a pure view (same values, same view; no widget touched; nothing
but its arguments read), a figure and readout equal to that view, and date strings on date
axes. Each check is shown failing on a deliberately broken toy explorable at the end.
"""

from __future__ import annotations

import importlib
import math
import random
from collections.abc import Callable, Iterator
from typing import Any

import ipywidgets as widgets
import numpy as np
import plotly.graph_objects as go
import pytest

from aws_compute_course import topics
from aws_compute_course.widgets import (
    SCREEN_POINTS,
    Explorer,
    Message,
    View,
    control_changes,
    explorable,
    recorded_comms,
    registered,
)

LIMIT_BYTES = 32 * 1024
CHANGES = 20
ENTRIES = registered()


def plain(value: Any) -> Any:
    """Nested lists, dicts, numbers, strings and None (NaN as None): what a figure shows, so
    a figure's value and a view's compare equal whatever containers they came in."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | np.ndarray):
        return [plain(v) for v in value]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def flat(patch: dict, prefix: str = "") -> Iterator[tuple[str, Any]]:
    for key, value in patch.items():
        if isinstance(value, dict):
            yield from flat(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}", value


def plain_view(view: View) -> tuple:
    return view.readout, plain(dict(view.traces)), plain(dict(view.layout))


def figure_state(explorer: Explorer) -> Any:
    return None if explorer.figure is None else plain(explorer.figure.to_dict())


def widget_state(explorer: Explorer) -> Any:
    controls = {name: c.get_state() for name, c in explorer.controls.items()}
    return controls, explorer.readout.value, figure_state(explorer)


def figure_messages(sent: list[Message], figure: go.FigureWidget | None) -> list[Message]:
    """The messages that change the plot: plotly's update, restyle and relayout."""
    if figure is None:
        return []
    return [
        m
        for m in sent
        if m.comm_id == figure.comm.comm_id
        and any(k.startswith("_py2js_") and v is not None for k, v in m.data["state"].items())
        if "state" in m.data
    ]


# --- the checks -----------------------------------------------------------------------------


def check_messages(explorer: Explorer, sent: list[Message], before: Any, where: str) -> None:
    changed = figure_state(explorer) != before
    count = len(figure_messages(sent, explorer.figure))
    assert count == int(changed), (
        f"{where}: {count} figure messages for an update that "
        f"{'changed' if changed else 'did not change'} the figure; one batch_update sends one"
    )


def check_size(sent: list[Message], where: str) -> None:
    size = sum(m.nbytes for m in sent)
    assert size <= LIMIT_BYTES, f"{where}: sent {size / 1024:.1f} KB, over the 32 KB limit"


def check_pure(explorer: Explorer, log: list, previous: tuple[dict, View], where: str) -> None:
    values, state, start = explorer.values(), widget_state(explorer), len(log)
    first, second = explorer.view(**values), explorer.view(**values)
    earlier = explorer.view(**previous[0])
    assert len(log) == start and widget_state(explorer) == state, (
        f"{where}: view is not pure: it changed a widget"
    )
    assert plain_view(first) == plain_view(second), (
        f"{where}: view is not pure: the same values gave different views"
    )
    assert plain_view(earlier) == plain_view(previous[1]), (
        f"{where}: view is not pure: it reads more than its arguments "
        "(the previous values no longer give the previous view)"
    )


def check_shown(explorer: Explorer, where: str) -> None:
    """The figure and the readout are what the view of the current values says."""
    view = explorer.view(**explorer.values())
    assert explorer.readout.value == view.readout, f"{where}: the readout is not the view's"
    if explorer.figure is None:
        assert not view.traces and not view.layout, f"{where}: patches without a figure"
        return
    traces = {trace.uid: trace for trace in explorer.figure.data}
    for uid, patch in view.traces.items():
        for path, value in flat(dict(patch)):
            assert plain(traces[uid][path]) == plain(value), (
                f"{where}: the figure is not the view's: trace {uid!r} {path}"
            )
    for path, value in flat(dict(view.layout)):
        assert plain(explorer.figure.layout[path]) == plain(value), (
            f"{where}: the figure is not the view's: layout {path}"
        )


def check_date_axes(explorer: Explorer, where: str) -> None:
    """x values on a date axis are date strings: a data change makes plotly.js guess the
    axis type again from the data, and numbers (epoch ms) would turn it linear."""
    if explorer.figure is None:
        return
    layout = explorer.figure.layout
    for trace in explorer.figure.data:
        axis = layout[f"xaxis{(trace.xaxis or 'x')[1:]}"]
        if axis.type == "date" and trace.x is not None:
            numbers = [v for v in trace.x if not isinstance(v, str)]
            assert not numbers, f"{where}: trace {trace.uid!r} has numbers on a date axis"


def check_contract(make: Callable[[], Explorer], changes: int = CHANGES) -> None:
    with recorded_comms() as log:
        explorer = make()
        try:
            previous = (explorer.values(), explorer.shown)
            check_pure(explorer, log, previous, "as built")
            check_shown(explorer, "as built")
            check_date_axes(explorer, "as built")
            for name, value in control_changes(explorer, changes):
                where = f"{type(explorer).__name__}: {name} = {value!r}"
                before, start = figure_state(explorer), len(log)
                explorer.controls[name].value = value
                sent = log[start:]
                check_messages(explorer, sent, before, where)
                check_size(sent, where)
                check_pure(explorer, log, previous, where)
                check_shown(explorer, where)
                check_date_axes(explorer, where)
                previous = (explorer.values(), explorer.shown)
        finally:
            explorer.close()


# --- every registered explorable ----------------------------------------------------------


@pytest.mark.parametrize("entry", ENTRIES, ids=[e.id for e in ENTRIES])
def test_registered_explorable_keeps_the_contract(entry):
    check_contract(entry.make)


@pytest.mark.parametrize("entry", ENTRIES, ids=[e.id for e in ENTRIES])
def test_a_chart_carries_only_what_a_screen_can_show(entry):
    """Every trace, as built and after the contract's changes, has at most SCREEN_POINTS
    points: more cannot be seen, and each one costs the browser time on every redraw."""
    with recorded_comms():
        explorer = entry.make()
        try:
            most = trace_points(explorer)
            for name, value in control_changes(explorer, CHANGES):
                explorer.controls[name].value = value
                most = max(most, trace_points(explorer))
        finally:
            explorer.close()
    assert most[0] <= SCREEN_POINTS, f"trace {most[1]!r} carries {most[0]:,} points"


def trace_points(explorer: Explorer) -> tuple[int, str | None]:
    """The most points any trace carries, and that trace's uid."""
    figure = explorer.figure.data if explorer.figure is not None else ()
    sizes = [(max(len(v) for v in (t.x, t.y, ()) if v is not None), t.uid) for t in figure]
    return max(sizes, default=(0, None))


def test_every_built_topic_registers_at_least_three():
    per_topic = {t.id: [e.name for e in ENTRIES if e.topic == t.id] for t in topics.built()}
    assert all(len(names) >= 3 for names in per_topic.values()), per_topic
    assert len({e.id for e in ENTRIES}) == len(ENTRIES)


@pytest.mark.parametrize("entry", ENTRIES, ids=[e.id for e in ENTRIES])
def test_registered_factory_is_the_one_the_notebooks_import(entry):
    module = importlib.import_module(f"{topics.topic(entry.topic).module}.explorables")
    assert getattr(module, entry.name) is entry.factory
    explorer = entry.make()
    assert isinstance(explorer, Explorer)
    assert "application/vnd.jupyter.widget-view+json" in explorer._repr_mimebundle_()
    if explorer.figure is not None:
        uids = [t.uid for t in explorer.figure.data]
        assert None not in uids and len(set(uids)) == len(uids)
    explorer.close()


def test_explorable_names_a_known_topic():
    with pytest.raises(ValueError, match="topic must be one of"):
        explorable("no_such_topic")


# --- the base and the generated changes ---------------------------------------------------


class Toy(Explorer):
    """y = x, or 2x, with x's slider ending at top: a line, a title and a readout."""

    def __init__(self) -> None:
        controls = {
            "x": widgets.IntSlider(3, min=0, max=10),
            "double": widgets.Checkbox(False),
            "top": widgets.IntSlider(10, min=1, max=10),
        }
        super().__init__(controls)

    def initial_figure(self) -> go.Figure:
        return go.Figure(go.Scatter(uid="line", mode="lines"))

    def adjust(self, top: int, **_: object) -> dict:
        return {"x": {"max": top}}

    def view(self, x: int, double: bool, top: int) -> View:
        y = 2 * x if double else x
        patch = {"line": {"x": (0, 1), "y": (0, y)}}
        return View(f"y is <b>{y}</b>", patch, {"title.text": f"y = {y}"})


def test_a_sound_toy_keeps_the_contract():
    check_contract(Toy)


def test_base_builds_the_box_and_patches_by_uid():
    toy = Toy()
    assert toy.figure.data[0].uid == "line" and toy.figure.data[0].y == (0, 3)
    assert toy.figure.layout.title.text == "y = 3"
    assert toy.widget.children[0] is toy.figure and toy.widget.children[-1] is toy.readout
    view = toy.update(top=4, x=7)  # x's max follows top: 7 is clamped to 4
    assert toy.values() == {"x": 4, "double": False, "top": 4}
    assert view is toy.shown and toy.readout.value == "y is <b>4</b>"
    with pytest.raises(ValueError, match="unknown controls"):
        toy.update(z=1)


def test_base_refuses_traces_without_their_own_uid():
    class NoUid(Toy):
        def initial_figure(self) -> go.Figure:
            return go.Figure([go.Scatter(uid="line"), go.Scatter()])

    with pytest.raises(ValueError, match="uid of its own"):
        NoUid()

    class UnknownUid(Toy):
        def view(self, **values: Any) -> View:
            return View("", {"lines": {"y": (1,)}})

    with pytest.raises(ValueError, match="trace uid 'lines'"):
        UnknownUid()


def test_base_refuses_rows_that_do_not_place_every_control():
    class Rows(Toy):
        def __init__(self) -> None:
            controls = {
                "x": widgets.IntSlider(3),
                "double": widgets.Checkbox(),
                "top": widgets.IntSlider(10),
            }
            Explorer.__init__(self, controls, rows=[("x", "double")])

    with pytest.raises(ValueError, match="rows must place each control once"):
        Rows()


def test_control_changes_stay_within_what_the_controls_offer():
    toy = Toy()
    toy.update(top=5)
    seen = set()
    for name, value in control_changes(toy, 30, seed=1):
        control = toy.controls[name]
        assert value != control.value
        if name == "x":
            assert 0 <= value <= control.max == toy.values()["top"]
        control.value = value
        seen.add(name)
    assert seen == {"x", "double", "top"}

    class Typed(Explorer):
        def __init__(self) -> None:
            super().__init__({"name": widgets.Text("m5.large")})

        def view(self, name: str) -> View:
            return View(name)

    with pytest.raises(TypeError, match="offers no values"):
        next(control_changes(Typed(), 1))


# --- each check fails on a broken toy ----------------------------------------------------------


class Unbatched(Toy):
    def draw(self, view: View) -> None:  # each property on its own message
        trace = self.figure.data[0]
        for path, value in view.traces["line"].items():
            trace[path] = value
        self.figure.layout.title.text = view.layout["title.text"]
        self.readout.value, self.shown = view.readout, view


class Heavy(Toy):
    def view(self, x: int, double: bool, top: int) -> View:
        view = super().view(x, double, top)
        noise = tuple(random.Random(x).random() for _ in range(5000))
        return View(view.readout, {"line": {"y": noise}}, view.layout)


class Noisy(Toy):
    def view(self, x: int, double: bool, top: int) -> View:
        view = super().view(x, double, top)
        return View(f"{view.readout} ({random.random():.6f})", view.traces, view.layout)


class ReadsWidgets(Toy):
    def view(self, x: int, double: bool, top: int) -> View:
        return super().view(self.controls["x"].value, double, top)


class TouchesWidgets(Toy):
    def view(self, x: int, double: bool, top: int) -> View:
        self.controls["x"].description = f"x = {x}"
        return super().view(x, double, top)


class StaleReadout(Toy):
    def draw(self, view: View) -> None:
        old = self.readout.value if hasattr(self, "readout") else view.readout
        super().draw(view)
        self.readout.value = old


class DropsLayout(Toy):
    def draw(self, view: View) -> None:
        super().draw(View(view.readout, view.traces))


class EpochDates(Toy):
    def initial_figure(self) -> go.Figure:
        return go.Figure(go.Scatter(uid="line"), layout={"xaxis": {"type": "date"}})

    def view(self, x: int, double: bool, top: int) -> View:
        view = super().view(x, double, top)
        stamps = np.array([0.0, 3.6e6 * (x + 1)])  # epoch ms: plotly.js would go linear
        return View(view.readout, {"line": {"x": stamps, "y": (0, x)}}, view.layout)


@pytest.mark.parametrize(
    ("toy", "message"),
    [
        (Unbatched, "2 figure messages for an update that changed the figure"),
        (Heavy, "over the 32 KB limit"),
        (Noisy, "the same values gave different views"),
        (ReadsWidgets, "it reads more than its arguments"),
        (TouchesWidgets, "it changed a widget"),
        (StaleReadout, "the readout is not the view's"),
        (DropsLayout, "the figure is not the view's: layout title.text"),
        (EpochDates, "trace 'line' has numbers on a date axis"),
    ],
)
def test_each_check_fails_on_a_broken_toy(toy, message):
    with pytest.raises(AssertionError, match=message):
        check_contract(toy)


# --- closing and updating on release -------------------------------------------------------


def test_closing_an_explorable_closes_every_widget_model_it_made():
    from ipywidgets.widgets.widget import _instances

    before = set(_instances)
    toy = Toy()
    assert len(set(_instances) - before) > 10  # box, rows, controls, their layouts and styles
    toy.close()
    assert set(_instances) - before == set()


def test_update_on_release_is_declared_by_the_explorable():
    class OnRelease(Toy):
        update_on_release = True

    assert Toy().controls["x"].continuous_update
    controls = OnRelease().controls
    assert not controls["x"].continuous_update and not controls["top"].continuous_update
