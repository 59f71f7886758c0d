"""One reading of the test-cell convention: ``make exercises``, the grader and the self-check agree.

Each case puts one test cell into the tiny course's source (tests/fixtures/tiny) and runs
the three commands on it: ``python -m aws_compute_course.assignments generate``
(``make exercises``), ``aws-course-grade`` (``make grade``) and ``aws-course-check``
(``make check``). All three must accept it or refuse it with the same message. Before
they shared a parser they did not: ``make exercises`` released cells the grader then
refused (an assignment in the cell, a visible ``assert``, ``checks.check_equal(...)``),
and the grader and the self-check accepted cells ``make exercises`` refused (a wrong or
missing ``# Hidden checks`` count, an unclosed hidden block).

The same holds for what is wrong with the notebook rather than one cell (a duplicate
grade_id, hidden tests outside a test cell, an unknown ``hidden_check_feedback``).

What happens after the cell is accepted is not this test's business: nbgrader and the
sandbox are replaced by a stub that says "accepted", so no notebook runs.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest

from aws_compute_course import assignments, selfcheck
from aws_compute_course.grading import batch, engine
from aws_compute_course.grading.plan import PlanError

TINY = Path(__file__).parent / "fixtures" / "tiny"
ACCEPTED = "reached the step after reading the cells"

Q1 = "check_close(monthly_cost(0.1, 730), 73.0, 'cost of 730 h')\n"
HIDDEN = (
    "# Hidden checks: 1\n### BEGIN HIDDEN TESTS\n"
    "check_equal(monthly_cost(0, 730), 0, 'a free instance')\n### END HIDDEN TESTS\n"
)
GOOD = {
    "visible-and-hidden": Q1 + HIDDEN,
    "imports": "from aws_compute_course.checks import check_close, check_equal\n\n" + Q1 + HIDDEN,
    "tolerance": "check_close(monthly_cost(0.1, 730), 73.0, 'cost', rel=1e-3, abs_tol=0)\n",
    "multi-line": "check_close(\n    monthly_cost(0.1, 730),\n    73.0,\n    'cost',\n)\n" + HIDDEN,
}
BAD = {
    "assignment": (
        "expected = 73.0\ncheck_close(monthly_cost(0.1, 730), expected, 'cost')\n",
        "q1_cost: line 1: a test cell may hold only imports and top-level check calls",
    ),
    "visible-assert": (
        "assert monthly_cost(0.1, 730) == 73.0\n",
        "q1_cost: line 1: 'assert' in a test cell; use the check_* functions",
    ),
    "attribute-call": (
        "from aws_compute_course import checks\n"
        "checks.check_close(monthly_cost(0.1, 730), 73.0, 'cost')\n",
        "q1_cost: line 2: call the check by its name, check_close(...), not "
        "checks.check_close(...)",
    ),
    "unknown-keyword": (
        "check_close(monthly_cost(0.1, 730), 73.0, 'cost', tol=0.1)\n",
        "q1_cost: line 1: check_close takes only rel=, abs_tol=, not tol=",
    ),
    "negative-tolerance": (
        "check_close(monthly_cost(0.1, 730), 73.0, 'cost', rel=-1)\n",
        "q1_cost: line 1: rel= must be a number >= 0",
    ),
    "computed-tolerance": (
        "check_close(monthly_cost(0.1, 730), 73.0, 'cost', rel=TOL)\n",
        "q1_cost: line 1: rel= must be a literal",
    ),
    "two-arguments": (
        "check_equal(monthly_cost(0, 730), 0)\n",
        "q1_cost: line 1: check_equal takes (actual, expected, what)",
    ),
    "what-not-a-literal": (
        "check_equal(monthly_cost(0, 730), 0, WHAT)\n",
        "q1_cost: line 1: the description of a check must be a string literal",
    ),
    "check-in-a-loop": (
        "for p in [0, 1]:\n    check_equal(monthly_cost(p, 1), p, 'x')\n",
        "q1_cost: line 1: a check must be a top-level statement of its own",
    ),
    "wrong-hidden-count": (
        Q1 + HIDDEN.replace("checks: 1", "checks: 2"),
        "q1_cost: line 2: says '# Hidden checks: 2' but its hidden block has 1 check call(s)",
    ),
    "no-hidden-comment": (
        Q1 + HIDDEN.replace("# Hidden checks: 1\n", ""),
        "q1_cost: line 2: the line right above '### BEGIN HIDDEN TESTS' must be "
        "'# Hidden checks: 1'",
    ),
    "stray-hidden-comment": (
        Q1 + HIDDEN + "# Hidden checks: 1\n",
        "q1_cost: line 6: a '# Hidden checks' comment is not right above a hidden block",
    ),
    "unclosed-hidden-block": (
        Q1 + HIDDEN.replace("### END HIDDEN TESTS\n", ""),
        "q1_cost: line 3: 'BEGIN HIDDEN TESTS' without 'END HIDDEN TESTS'",
    ),
    "syntax-error": (
        "check_equal(monthly_cost(0, 730), 0, 'x'\n",
        "q1_cost: line 1: does not parse",
    ),
}


@pytest.fixture
def course(tmp_path, monkeypatch):
    """A copy of the tiny course with one submission; nbgrader and the engine stubbed out."""
    root = tmp_path / "course"
    for folder in ("solutions", "exercises"):
        shutil.copytree(TINY / folder, root / folder)
    submission = root / "autograder" / "submitted" / "ann" / "tiny"
    submission.mkdir(parents=True)
    shutil.copy(TINY / "exercises" / "tiny" / "tiny.ipynb", submission)

    def reached(*args, **kwargs):
        raise PlanError(ACCEPTED)

    def nbgrader_reached(*args, **kwargs):
        raise assignments.AssignmentError(ACCEPTED)

    monkeypatch.setattr(engine, "expected_values", reached)
    monkeypatch.setattr(assignments, "run_nbgrader", nbgrader_reached)
    return root


def _with_cell(root: Path, source: str) -> Path:
    path = root / "solutions" / "tiny" / "tiny.ipynb"
    nb = nbformat.read(path, as_version=4)
    (cell,) = (c for c in nb.cells if c.metadata["nbgrader"]["grade_id"] == "q1_cost")
    cell.source = source
    nbformat.write(nb, path)
    return path


def _duplicate_grade_id(nb: nbformat.NotebookNode) -> None:
    nb.cells[4].metadata["nbgrader"]["grade_id"] = "q2_choice"


def _hidden_tests_in_an_answer(nb: nbformat.NotebookNode) -> None:
    nb.cells[3].source += "\n### BEGIN HIDDEN TESTS\nx = 1\n### END HIDDEN TESTS"


def _unknown_feedback_level(nb: nbformat.NotebookNode) -> None:
    nb.metadata["aws_compute_course"] = {"hidden_check_feedback": "everything"}


def _verdicts(root: Path, path: Path, capsys) -> dict[str, tuple[int, str]]:
    """Each command's exit code and what it said after naming the notebook."""
    runs = {
        "make exercises": lambda: assignments.main(
            ["--root", str(root), "generate", "--into", str(root / "out")]
        ),
        "make grade": lambda: batch.main(["tiny", "--root", str(root), "--workers", "1"]),
        "make check": lambda: selfcheck.main([str(path)]),
    }
    verdicts = {}
    for name, command in runs.items():
        code = command()
        err = capsys.readouterr().err.strip()
        said = err.split(f"{path}: ", 1)[-1] if f"{path}: " in err else err.split(": ", 1)[-1]
        verdicts[name] = (code, said)
    return verdicts


@pytest.mark.parametrize("source", GOOD.values(), ids=GOOD.keys())
def test_all_three_accept_a_good_test_cell(course, capsys, source):
    path = _with_cell(course, source)
    verdicts = _verdicts(course, path, capsys)
    assert {name: said for name, (_, said) in verdicts.items()} == dict.fromkeys(verdicts, ACCEPTED)


@pytest.mark.parametrize(("source", "message"), BAD.values(), ids=BAD.keys())
def test_all_three_refuse_a_bad_test_cell_with_the_same_message(course, capsys, source, message):
    path = _with_cell(course, source)
    verdicts = _verdicts(course, path, capsys)
    assert verdicts == dict.fromkeys(verdicts, (2, verdicts["make exercises"][1]))
    assert verdicts["make exercises"][1].startswith(message)


NOTEBOOK_LEVEL = {
    "duplicate-grade-id": (_duplicate_grade_id, "q2_choice: duplicate grade_id"),
    "hidden-tests-in-an-answer": (
        _hidden_tests_in_an_answer,
        "q1_answer: hidden tests outside a graded test cell",
    ),
    "unknown-feedback-level": (
        _unknown_feedback_level,
        "notebook metadata aws_compute_course.hidden_check_feedback must be one of 'result', "
        "'answer', 'expected', got 'everything'",
    ),
}


@pytest.mark.parametrize(("change", "message"), NOTEBOOK_LEVEL.values(), ids=NOTEBOOK_LEVEL.keys())
def test_all_three_refuse_a_bad_notebook_with_the_same_message(course, capsys, change, message):
    path = course / "solutions" / "tiny" / "tiny.ipynb"
    nb = nbformat.read(path, as_version=4)
    change(nb)
    nbformat.write(nb, path)
    verdicts = _verdicts(course, path, capsys)
    assert verdicts == dict.fromkeys(verdicts, (2, message))
