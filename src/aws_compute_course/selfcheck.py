"""Self-check an exercise notebook: run it and report each graded question at once.

    aws-course-check exercises/spot/spot.ipynb        (or: make check NB=...)

The notebook runs through the class grader's engine (:mod:`aws_compute_course.grading`),
in its sandbox where bubblewrap works, with a scratch copy of the files next to the
notebook as its working folder; the learner's file is only read. Each autograded question
(an nbgrader test cell) is PASSED, FAILED with the reason, or NOT ANSWERED while its answer
still raises ``NotImplementedError``. Hidden checks and manually graded answers are listed
as what the instructor will still grade.

A question whose verdict is entirely hidden is shown as ANSWERED ("graded by your
instructor") once its visible checks pass, and counts in neither side of the visible score.
The test cell states this itself: a cell's verdict is entirely hidden when it announces at
least one hidden check (``# Hidden checks: N``, N >= 1) and every visible check it has is a
``check_in``, which only confirms that the answer is one of the allowed values (a
multiple-choice letter), never that it is right. Passing such a check says nothing about
the answer's correctness, so reporting PASSED would tell a learner a wrong letter is right.
A ``check_in`` that fails (``"E"`` for options A-D) is still FAILED: that is a real error.

Each result is recorded for the start page's progress table (:mod:`progress`, under the
Jupyter data directory, never in the repository).

Exit code: 0 when every visible check passes, 1 when any fails or is unanswered, 2 when the
input is not a readable nbgrader notebook.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import nbformat

from aws_compute_course import progress
from aws_compute_course.assignments import AssignmentError, load_notebook
from aws_compute_course.grading import engine, sandbox
from aws_compute_course.grading.plan import PlanError, plan_notebook
from aws_compute_course.testcells import (
    Check,
    ConventionError,
    cell_points,
    declared_hidden_checks,
    grade_id,
    is_manual_cell,
    is_test_cell,
    nbgrader_meta,
    parse_test_cell,
)

DEFAULT_TIMEOUT_S = 120
PROG = "aws-course-check"


class Status(StrEnum):
    """The outcome of one autograded question's visible checks."""

    PASSED = "PASSED"
    FAILED = "FAILED"
    NOT_ANSWERED = "NOT ANSWERED"
    ANSWERED = "ANSWERED"  # well-formed, but only the instructor's hidden checks decide it


#: What the report says next to an ANSWERED question.
GRADED_BY_INSTRUCTOR = "graded by your instructor"


@dataclass(frozen=True)
class QuestionResult:
    """One autograded question (nbgrader test cell) after running the notebook."""

    grade_id: str
    points: float
    status: Status
    message: str = ""  # why, when FAILED
    hidden_checks: int = 0  # what the cell's "# Hidden checks: N" comments announce
    edited: bool = False  # the learner changed the (locked) test cell
    verdict_hidden: bool = False  # only hidden checks decide it (see the module docstring)


@dataclass(frozen=True)
class ManualAnswer:
    """An answer the instructor grades by hand."""

    grade_id: str
    points: float


@dataclass(frozen=True)
class Report:
    """Everything the self-check prints, for one notebook."""

    notebook: str
    questions: tuple[QuestionResult, ...]
    manual: tuple[ManualAnswer, ...] = ()
    stopped: str = ""  # what went wrong while running (a cell that hung or crashed)

    @property
    def all_passed(self) -> bool:
        return all(q.status in (Status.PASSED, Status.ANSWERED) for q in self.questions)

    @property
    def exit_code(self) -> int:
        return 0 if self.all_passed else 1

    @property
    def scored(self) -> tuple[QuestionResult, ...]:
        """The questions the visible checks decide (the visible score's questions)."""
        return tuple(q for q in self.questions if not q.verdict_hidden)

    @property
    def points_passed(self) -> float:
        return sum(q.points for q in self.scored if q.status is Status.PASSED)

    @property
    def points_total(self) -> float:
        return sum(q.points for q in self.scored)

    @property
    def hidden_checks(self) -> int:
        return sum(q.hidden_checks for q in self.questions)


# --- running through the grading engine -----------------------------------------------------


def nbgrader_checksum(cell: dict) -> str:
    """nbgrader's checksum of a graded cell (``nbgrader.utils.compute_checksum``).

    Reimplemented because importing nbgrader costs the self-check about a second; a test
    keeps the two in step.
    """
    meta = nbgrader_meta(cell)
    grade, solution = bool(meta.get("grade")), bool(meta.get("solution"))
    locked = not solution and (grade or bool(meta.get("locked")))
    digest = hashlib.md5(usedforsecurity=False)
    parts = [cell["source"], cell["cell_type"], str(grade), str(solution), str(locked)]
    parts.append(meta.get("grade_id", ""))
    if meta.get("grade"):
        parts.append(str(float(meta.get("points") or 0)))
    for part in parts:
        digest.update(part.encode("utf-8"))
    return digest.hexdigest()


def _edited(cell: dict) -> bool:
    recorded = nbgrader_meta(cell).get("checksum")
    return recorded is not None and recorded != nbgrader_checksum(cell)


def is_assignment(nb: dict) -> bool:
    """Whether the notebook has anything nbgrader grades."""
    return any(is_test_cell(c) or is_manual_cell(c) for c in nb["cells"])


def verdict_is_hidden(visible: tuple[Check, ...], hidden_checks: int) -> bool:
    """Whether a test cell's verdict is entirely hidden (the rule in the module docstring).

    ``visible`` are the cell's visible checks, ``hidden_checks`` the number its
    ``# Hidden checks: N`` comments announce.
    """
    return hidden_checks > 0 and all(c.function == "check_in" for c in visible)


def _question(question: engine.QuestionResult, cell: dict) -> QuestionResult:
    hidden_checks = declared_hidden_checks(cell["source"])
    try:  # an instructor's copy has hidden blocks: only the visible checks matter here
        checks = parse_test_cell(cell["source"], question.grade_id, in_source=False)
        visible = tuple(c for c in checks if not c.hidden)
        verdict_hidden = verdict_is_hidden(visible, hidden_checks)
    except ConventionError:  # an edited cell that the plan did not parse: judge it as shown
        verdict_hidden = False
    failed = [c.message for c in question.checks if not c.passed]
    if "NotImplementedError" in question.note or any("NotImplementedError" in m for m in failed):
        status, message = Status.NOT_ANSWERED, ""
    elif failed:
        status, message = Status.FAILED, " ".join(failed[0].split())
    elif verdict_hidden:
        status, message = Status.ANSWERED, GRADED_BY_INSTRUCTOR
    else:
        status, message = Status.PASSED, ""
    return QuestionResult(
        grade_id=question.grade_id,
        points=question.points,
        status=status,
        message=message,
        hidden_checks=hidden_checks,
        edited=_edited(cell),
        verdict_hidden=verdict_hidden,
    )


def report_from(nb: nbformat.NotebookNode, result: engine.NotebookResult, name: str) -> Report:
    """The self-check report of an engine result, for the learner's own notebook ``nb``."""
    cells = {grade_id(c): c for c in nb.cells if is_test_cell(c)}
    manual = tuple(
        ManualAnswer(grade_id(c) or "?", cell_points(c)) for c in nb.cells if is_manual_cell(c)
    )
    questions = tuple(_question(q, cells[q.grade_id]) for q in result.questions)
    stopped = "; ".join(result.problems)
    return Report(name, questions, manual, stopped)


def check_notebook(path: Path, timeout: int = DEFAULT_TIMEOUT_S) -> Report:
    """Grade a learner's notebook with the class grader's engine, visible checks only.

    The learner's copy holds only the visible checks, so they are all that runs; the
    engine is the one ``aws-course-grade`` uses, so a visible check never passes here and
    fails there, or the other way round. Raises AssignmentError on bad input.
    """
    nb = load_notebook(path)
    if not is_assignment(nb):
        raise AssignmentError(f"{path}: not an nbgrader assignment (no graded cells)")
    limits = sandbox.Limits(cell_seconds=timeout, notebook_seconds=max(600, 4 * timeout))
    sandboxed = sandbox.bubblewrap_works() is None
    try:
        plan = plan_notebook(nb, path.name, str(path))
    except PlanError as err:  # the same parser and message as `make exercises` and the grader
        raise AssignmentError(str(err)) from None
    try:
        expected = engine.expected_values(plan, limits, sandboxed)
        result = engine.grade_notebook(
            path, plan, expected, limits, sandboxed, (path.resolve().parent,)
        )
    except (PlanError, engine.Ungradable) as err:
        raise AssignmentError(f"{path}: {err}") from None
    return report_from(nb, result, str(path))


# --- rendering ----------------------------------------------------------------------------


def _pts(points: float) -> str:
    return f"{points:g} point" + ("" if points == 1 else "s")


def render(report: Report) -> str:
    """The self-check report as plain text."""
    lines = [f"Self-check of {report.notebook}", ""]
    width = max((len(q.grade_id) for q in report.questions), default=0)
    for q in report.questions:
        line = f"  {q.status.value:<12}  {q.grade_id:<{width}}  {_pts(q.points):<9}"
        if q.message:
            line += f"  {q.message}"
        lines.append(line.rstrip())
        if q.edited:
            lines.append(
                f"  {'':<12}  {'':<{width}}  note: this test cell was edited; "
                "grading uses the original"
            )
    if report.stopped:
        lines += ["", f"While running: {report.stopped}."]
    lines.append("")
    if report.scored:
        passed = sum(q.status is Status.PASSED for q in report.scored)
        lines.append(
            f"Visible checks: {passed} of {len(report.scored)} questions pass, worth "
            f"{report.points_passed:g} of {_pts(report.points_total)}."
        )
    instructor_only = [q for q in report.questions if q.verdict_hidden]
    if instructor_only:
        answered = sum(q.status is Status.ANSWERED for q in instructor_only)
        points = sum(q.points for q in instructor_only)
        lines.append(
            f"Decided by hidden checks only: {answered} of {len(instructor_only)} questions "
            f"answered, worth {_pts(points)} not counted above; your instructor grades them."
        )
    hidden = [q for q in report.questions if q.hidden_checks]
    if hidden:
        per_question = ", ".join(f"{q.grade_id}: {q.hidden_checks}" for q in hidden)
        lines.append(
            f"Hidden checks: {report.hidden_checks} more remain for the instructor "
            f"({per_question}); a question scores only if its hidden checks pass too."
        )
    if report.manual:
        listed = ", ".join(f"{m.grade_id} ({_pts(m.points)})" for m in report.manual)
        lines.append(f"Graded by the instructor: {listed}.")
    if report.questions and not report.all_passed:
        lines.append("Fix the questions above and run the check again.")
    return "\n".join(lines)


# --- command line -------------------------------------------------------------------------


def _positive_int(text: str) -> int:
    value = int(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be a positive number of seconds, got {text}")
    return value


def main(argv: list[str] | None = None) -> int:
    """Console script ``aws-course-check``; returns the exit code."""
    parser = argparse.ArgumentParser(
        prog=PROG, description="Run an exercise notebook and report each graded question."
    )
    parser.add_argument("notebook", type=Path, help="the exercise notebook (.ipynb)")
    parser.add_argument(
        "--timeout",
        type=_positive_int,
        default=DEFAULT_TIMEOUT_S,
        help=f"seconds each cell may run (default {DEFAULT_TIMEOUT_S})",
    )
    args = parser.parse_args(argv)
    try:
        report = check_notebook(args.notebook, args.timeout)
    except AssignmentError as err:
        print(f"{PROG}: {err}", file=sys.stderr)
        return 2
    print(render(report))
    try:  # for the start page's progress table; the result above stands either way
        progress.record_selfcheck(args.notebook, report)
    except (OSError, progress.ProgressError) as err:
        print(f"{PROG}: this result was not recorded for your progress: {err}", file=sys.stderr)
    return report.exit_code


if __name__ == "__main__":
    sys.exit(main())
