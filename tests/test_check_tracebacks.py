"""A failing check, run in a real kernel, shows its message first, then the learner's line.

A failed check raises ``CheckFailed`` (an AssertionError), which tells IPython how to show
it (``_render_traceback_``): the message, then the line of the learner's cell that called
the check, and no frame of the checks module.
"""

from __future__ import annotations

import re

import pytest
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_notebook

pytestmark = pytest.mark.notebooks

ANSI = re.compile(r"\x1b\[[0-9;]*m")
FRAME = re.compile(r"^(Cell In\[\d+\], line \d+|File [^\n]*, in \w+)", re.MULTILINE)

FAILING = {
    "equal": (
        "check_equal(x, 1, 'x is one')",
        "x is one: expected 1, got 2",
    ),
    "close": (
        "check_close([x], [1.0], 'x is about one')",
        "x is about one: expected [1.0] (within rel=1e-06, abs_tol=1e-09), got [2] "
        "(at [0]: expected 1.0, got 2)",
    ),
    "not-plain": (
        "check_equal(object(), 1, 'a plain answer')",
        "a plain answer: expected 1, got an object of type object; an answer must be a "
        "plain value (bool, int, float, str, None, or lists, tuples and dicts of them)",
    ),
    "in": (
        "check_in(x, ['A', 'B'], 'a letter')",
        "a letter: expected one of ['A', 'B'], got 2",
    ),
}


@pytest.fixture(scope="module")
def tracebacks() -> dict[str, str]:
    """The traceback text (colours removed) of each failing check, run in one kernel."""
    setup = new_code_cell(
        "from aws_compute_course.checks import check_close, check_equal, check_in"
    )
    cells = [new_code_cell("x = 2"), *(new_code_cell(code) for code, _ in FAILING.values())]
    nb = new_notebook(cells=[setup, *cells])
    NotebookClient(nb, timeout=60, allow_errors=True).execute()
    found = {}
    for name, cell in zip(FAILING, nb.cells[2:], strict=True):
        (error,) = [o for o in cell.outputs if o.output_type == "error"]
        found[name] = ANSI.sub("", "\n".join(error.traceback))
    return found


@pytest.mark.parametrize("name", list(FAILING))
def test_the_learner_sees_the_message_first_then_their_line(tracebacks, name):
    code, message = FAILING[name]
    lines = tracebacks[name].splitlines()
    assert lines[0] == f"Check failed: {message}", lines
    assert any(code in line for line in lines[1:]), lines  # where the learner called it
    assert not any("aws_compute_course/checks.py" in line for line in lines), lines
    assert not any("raise " in line for line in lines), lines


def test_a_check_failure_is_still_an_assertion_error():
    from aws_compute_course.checks import CheckFailed, check_equal

    with pytest.raises(AssertionError, match="x is one: expected 1, got 2") as raised:
        check_equal(2, 1, "x is one")
    assert isinstance(raised.value, CheckFailed)
