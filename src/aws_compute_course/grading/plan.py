"""What to run and what to check, read from the instructor's notebook (never a submission).

A test cell is parsed into its checks by the one parser of the convention
(:mod:`aws_compute_course.testcells`, shared with ``make exercises`` and the self-check): for
each ``check_xxx(actual, expected, "what")`` call, the source of ``actual`` (evaluated in the
sandbox, against the learner's code) and of ``expected`` (evaluated by the grader from the
instructor's fixture cells). Anything else in a test cell except imports is an authoring
error: the grader must know every statement it is asked to trust.

What feedback says about a failed hidden check is the instructor's choice, per assignment
notebook, in its notebook metadata (``"aws_compute_course": {"hidden_check_feedback": ...}``):

* ``"result"`` (the default): PASSED or FAILED and what was checked, plus any error the
  learner's own code raised; never a value;
* ``"answer"``: also the value the learner's code gave;
* ``"expected"``: also the expected value (the full message of the check).

Visible checks always show the full message: the learner can run them anyway.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import nbformat

from aws_compute_course.assignments import load_notebook
from aws_compute_course.testcells import (
    Check,
    ConventionError,
    cell_name,
    cell_points,
    grade_id,
    graded_cells,
    hidden_check_feedback,
    is_answer_cell,
    is_manual_cell,
    is_test_cell,
)

__all__ = ["Check", "Plan", "PlanError", "Question", "Step", "plan_file", "plan_notebook"]


class PlanError(ValueError):
    """The instructor's notebook does not follow the test-cell convention."""


@dataclass(frozen=True)
class Step:
    """One cell of the instructor's notebook, in order.

    ``kind`` is 'fixture' (an instructor code cell, run as the instructor wrote it),
    'answer' (the learner's code for ``grade_id``), 'test' (evaluate ``grade_id``'s
    checks here), 'manual' (a hand-graded answer: nothing to run) or 'text' (any other
    cell with a grade_id, e.g. a question's prompt: nothing to run, but cells the learner
    adds below it run here).
    """

    kind: str
    grade_id: str
    source: str = ""


@dataclass(frozen=True)
class Question:
    """An autograded test cell: its points and checks."""

    grade_id: str
    points: float
    checks: tuple[Check, ...]

    @property
    def visible(self) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if not c.hidden)


@dataclass(frozen=True)
class Plan:
    """How to grade one notebook of an assignment."""

    notebook: str
    steps: tuple[Step, ...]
    questions: tuple[Question, ...]
    manual: tuple[tuple[str, float], ...]
    hidden_feedback: str = "result"

    @property
    def fixtures(self) -> tuple[str, ...]:
        """The instructor's code cells, in order: what expected values are computed from."""
        return tuple(s.source for s in self.steps if s.kind == "fixture")

    def question(self, grade_id: str) -> Question:
        return next(q for q in self.questions if q.grade_id == grade_id)

    @property
    def max_auto_score(self) -> float:
        return sum(q.points for q in self.questions)


def plan_notebook(nb: nbformat.NotebookNode, name: str, where: str | None = None) -> Plan:
    """Read a grading plan from an instructor (or released) notebook; ``PlanError`` if bad.

    ``name`` is the notebook's file name; messages name ``where`` (its path) if given.
    """
    where = where or name
    try:
        tests = {t.grade_id: t for t in graded_cells(nb.cells)}
        feedback = hidden_check_feedback(nb.metadata)
    except ConventionError as err:
        raise PlanError(f"{where}: {err}") from None
    steps, questions, manual = [], [], []
    for index, cell in enumerate(nb.cells):
        gid = grade_id(cell) or cell_name(cell, index)
        if is_test_cell(cell):
            test = tests[gid]
            questions.append(Question(gid, test.points, test.checks))
            steps.append(Step("test", gid))
        elif is_manual_cell(cell):
            manual.append((gid, cell_points(cell)))
            steps.append(Step("manual", gid))
        elif is_answer_cell(cell) and cell.cell_type == "code":
            steps.append(Step("answer", gid))
        elif cell.cell_type == "code":
            steps.append(Step("fixture", gid, cell.source))
        elif grade_id(cell):
            steps.append(Step("text", gid))
    return Plan(name, tuple(steps), tuple(questions), tuple(manual), feedback)


def plan_file(path: Path) -> Plan:
    """The plan of the notebook at ``path`` (``PlanError`` naming the file when it is bad)."""
    try:
        nb = load_notebook(path)
    except Exception as err:
        raise PlanError(str(err)) from None
    return plan_notebook(nb, Path(path).name, str(path))
