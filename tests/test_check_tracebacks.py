"""A failing check, run in a real kernel, shows the learner's cell and the message.

The check functions and their helpers set ``__tracebackhide__``, so IPython leaves their
frames out of the traceback the learner sees. IPython always shows the frame that raised
(``IPython.core.ultratb``: a hidden frame is skipped unless it is the last one), so of the
checks module the learner sees that one line, ``raise AssertionError(...)``, and nothing of
the calls that led there.
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
def test_the_learner_sees_their_cell_then_only_the_failing_line(tracebacks, name):
    code, message = FAILING[name]
    text = tracebacks[name]
    frames = FRAME.findall(text)
    assert frames[0].startswith("Cell In["), text  # the learner's cell comes first
    assert f"----> 1 {code}" in text
    checks_frames = [f for f in frames if "aws_compute_course/checks.py" in f]
    # Only the frame that raised: not check_equal -> _compare -> ... one by one.
    assert len(checks_frames) == 1, text
    raising = text[text.index(checks_frames[0]) :]
    assert "--> " in raising and "raise AssertionError(" in raising, text
    assert text.rstrip().endswith(f"AssertionError: {message}"), text
