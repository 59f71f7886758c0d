"""Re-running a cell closes what its previous run showed (``widgets/cells.py``).

Without it every re-run left the old explorables and quizzes alive: eleven Run Alls of the
Lambda notebook held 2,937 widget models, and a page reload then rebuilt them all. Unit
tests pretend a kernel runs a cell; the last test runs a course notebook in a real kernel,
sending each cell as JupyterLab does.
"""

from __future__ import annotations

import ipywidgets as widgets
import plotly.graph_objects as go
import pytest

from aws_compute_course import topics
from aws_compute_course.widgets import Explorer, View, cells


class Toy(Explorer):
    """A slider and a line: the least an explorable is."""

    def __init__(self) -> None:
        super().__init__({"x": widgets.IntSlider(3, max=10)})

    def initial_figure(self) -> go.Figure:
        return go.Figure(go.Scatter(uid="line", mode="lines"))

    def view(self, x: int) -> View:
        return View(f"x is {x}", {"line": {"x": (0, 1), "y": (0, x)}})


def live(w: widgets.Widget) -> bool:
    return w.comm is not None


@pytest.fixture
def running(monkeypatch):
    """Pretend a kernel runs a cell: ``running("a", "run1")``; ``deleted`` as JupyterLab
    sends it. Nothing is left registered afterwards."""
    monkeypatch.setattr(cells, "_LIVE", {})

    def run(cell: str, msg_id: str, deleted: tuple[str, ...] = ()) -> None:
        now = (msg_id, ("cell", cell), [("cell", c) for c in deleted])
        monkeypatch.setattr(cells, "_running_cell", lambda: now)

    return run


def test_a_rerun_closes_what_the_cells_previous_run_showed(running):
    running("a", "run1")
    first, second = Toy(), Toy()  # two in one run: both stay
    running("b", "run2")
    other = Toy()
    assert all(live(t.widget) for t in (first, second, other))
    running("a", "run3")
    again = Toy()
    assert not live(first.widget) and not live(second.widget)
    assert not live(first.figure) and not live(first.controls["x"])
    assert live(again.widget) and live(other.widget)
    running("c", "run4", deleted=("b",))  # cell b was deleted: its explorable goes too
    Toy()
    assert not live(other.widget) and live(again.widget)


def test_a_rerun_closes_the_quiz_it_replaces(running):
    from aws_compute_course.topics.lambda_.questions import QUESTIONS
    from aws_compute_course.widgets.quiz import quiz

    running("q", "run1")
    old = quiz(QUESTIONS[:2])
    running("q", "run2")
    new = quiz(QUESTIONS[:2])
    assert not live(old) and not live(old.children[0].children[0]) and live(new)


def test_outside_a_kernel_nothing_is_registered_or_closed():
    assert cells._running_cell() is None
    before = dict(cells._LIVE)
    toy = Toy()
    assert before == cells._LIVE and live(toy.widget)
    toy.close()


def test_closing_takes_layouts_and_styles_but_not_what_a_live_widget_shares():
    shared = widgets.Layout(width="300px")
    slider = widgets.IntSlider(layout=shared)
    keeper = widgets.Button(layout=shared)
    box = widgets.VBox([slider])
    style, own_layout = slider.style, box.layout
    cells.close_widgets(box)
    assert not any(live(w) for w in (box, slider, style, own_layout))
    assert live(shared) and live(keeper)  # the button still uses the shared layout
    keeper.close()
    shared.close()


# --- in a real kernel: the widget models stay bounded however often a notebook re-runs ---

RUNS = 3


def run_cells(kc, sources: list[tuple[str | None, str]]) -> list[str]:
    """Execute cells as JupyterLab does (``cellId`` in the request's metadata, when given);
    return each cell's text output; raise on an error."""
    outputs = []
    for cell_id, source in sources:
        content = {"code": source, "silent": False, "store_history": True}
        content |= {"user_expressions": {}, "allow_stdin": False, "stop_on_error": True}
        msg = kc.session.msg(
            "execute_request", content, metadata={"cellId": cell_id} if cell_id else {}
        )
        kc.shell_channel.send(msg)
        text = []
        while True:
            reply = kc.get_iopub_msg(timeout=120)
            if reply["parent_header"].get("msg_id") != msg["header"]["msg_id"]:
                continue
            if reply["msg_type"] == "error":
                raise AssertionError("\n".join(reply["content"]["traceback"]))
            if reply["msg_type"] == "stream":
                text.append(reply["content"]["text"])
            if reply["msg_type"] == "status" and reply["content"]["execution_state"] == "idle":
                break
        outputs.append("".join(text))
    return outputs


@pytest.mark.notebooks
@pytest.mark.parametrize("with_cell_ids", [True, False], ids=["cell ids", "no cell ids"])
def test_rerunning_a_course_notebook_keeps_the_widget_models_bounded(with_cell_ids):
    """05_lambda (four explorables and the quiz) run three times in one kernel: as many live
    widget models after each run as after the first. Without cell ids (a front end that
    sends none), the line of the cell that made them decides."""
    import nbformat
    from jupyter_client.manager import start_new_kernel

    nb = nbformat.read(topics.topic("lambda").notebook, as_version=4)
    sources = [(c.get("id") if with_cell_ids else None, c.source) for c in nb.cells]
    sources = [s for s, c in zip(sources, nb.cells, strict=True) if c.cell_type == "code"]
    count = (None, "import ipywidgets\nprint(len(ipywidgets.widgets.widget._instances))")
    km, kc = start_new_kernel(kernel_name="python3")
    try:
        models = [int(run_cells(kc, [*sources, count])[-1]) for _ in range(RUNS)]
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    assert models[0] > 100, models  # the run made its widgets
    assert models == [models[0]] * RUNS, f"live widget models after each run: {models}"
