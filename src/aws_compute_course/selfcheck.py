"""Self-check an exercise notebook: run it and report each graded question at once.

    aws-course-check exercises/spot/spot.ipynb        (or: make check NB=...)

The notebook runs on an in-memory copy (the learner's file is only read) in a fresh
``python3`` kernel whose working directory is the notebook's folder. Each autograded
question (an nbgrader test cell) is PASSED, FAILED with its assertion message, or NOT
ANSWERED while its answer still raises ``NotImplementedError``. Hidden checks and manually
graded answers are listed as what the instructor will still grade.

Exit code: 0 when every visible check passes, 1 when any fails or is unanswered, 2 when the
input is not a readable nbgrader notebook. :func:`collect` and :func:`render` work on an
already executed notebook, so a bulk grader can reuse them.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import os
import sys
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import nbformat

from aws_compute_course.assignments import (
    AssignmentError,
    cell_points,
    declared_hidden_checks,
    is_answer_cell,
    is_manual_cell,
    is_test_cell,
    load_notebook,
    nbgrader_meta,
)

DEFAULT_TIMEOUT_S = 120
KERNEL = "python3"
PROG = "aws-course-check"


class Status(StrEnum):
    """The outcome of one autograded question's visible checks."""

    PASSED = "PASSED"
    FAILED = "FAILED"
    NOT_ANSWERED = "NOT ANSWERED"


@dataclass(frozen=True)
class QuestionResult:
    """One autograded question (nbgrader test cell) after running the notebook."""

    grade_id: str
    points: float
    status: Status
    message: str = ""  # "ename: evalue" when FAILED
    hidden_checks: int = 0  # what the cell's "# Hidden checks: N" comments announce
    edited: bool = False  # the learner changed the (locked) test cell


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
    stopped: str = ""  # why execution ended early (the kernel died), if it did

    @property
    def all_passed(self) -> bool:
        return all(q.status is Status.PASSED for q in self.questions)

    @property
    def exit_code(self) -> int:
        return 0 if self.all_passed else 1

    @property
    def points_passed(self) -> float:
        return sum(q.points for q in self.questions if q.status is Status.PASSED)

    @property
    def points_total(self) -> float:
        return sum(q.points for q in self.questions)

    @property
    def hidden_checks(self) -> int:
        return sum(q.hidden_checks for q in self.questions)


# --- reading an executed notebook ---------------------------------------------------------


def _errors(cell: dict) -> list[dict]:
    return [out for out in cell.get("outputs", []) if out.get("output_type") == "error"]


def _raised_not_implemented(cell: dict) -> bool:
    return any(err.get("ename") == "NotImplementedError" for err in _errors(cell))


def _error_line(error: dict) -> str:
    evalue = " ".join(str(error.get("evalue", "")).split())  # one line, for the report
    return f"{error.get('ename', 'Error')}: {evalue}" if evalue else str(error.get("ename"))


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


def _question(cell: dict, answers: list[dict], stopped: str) -> QuestionResult:
    meta = nbgrader_meta(cell)
    errors = _errors(cell)
    if any(map(_raised_not_implemented, [*answers, cell])):
        status, message = Status.NOT_ANSWERED, ""
    elif errors:
        status, message = Status.FAILED, _error_line(errors[-1])
    elif not cell["source"].strip():
        status, message = Status.FAILED, "the test cell is empty"
    elif cell.get("execution_count") is None:
        status, message = Status.FAILED, f"not run: {stopped or 'the cell was skipped'}"
    else:
        status, message = Status.PASSED, ""
    return QuestionResult(
        grade_id=meta.get("grade_id", "?"),
        points=cell_points(cell),
        status=status,
        message=message,
        hidden_checks=declared_hidden_checks(cell["source"]),
        edited=_edited(cell),
    )


def collect(executed: dict, notebook: str = "", stopped: str = "") -> Report:
    """Build the report from an executed notebook (nothing is run here)."""
    questions: list[QuestionResult] = []
    manual: list[ManualAnswer] = []
    answers: list[dict] = []  # answer cells of the current question
    after_test = False
    for cell in executed["cells"]:
        if is_manual_cell(cell):
            meta = nbgrader_meta(cell)
            manual.append(ManualAnswer(meta.get("grade_id", "?"), cell_points(cell)))
        elif is_answer_cell(cell):
            # A new answer after a test starts the next question; several tests in a row
            # (one question split for partial credit) share the answers above them.
            answers = [*([] if after_test else answers), cell]
            after_test = False
        elif is_test_cell(cell):
            questions.append(_question(cell, answers, stopped))
            after_test = True
    return Report(notebook, tuple(questions), tuple(manual), stopped)


def is_assignment(nb: dict) -> bool:
    """Whether the notebook has anything nbgrader grades."""
    return any(is_test_cell(c) or is_manual_cell(c) for c in nb["cells"])


# --- running ------------------------------------------------------------------------------


def execute(
    nb: nbformat.NotebookNode, cwd: Path, timeout: int = DEFAULT_TIMEOUT_S
) -> tuple[nbformat.NotebookNode, str]:
    """Run a copy of ``nb`` in a fresh kernel; return (the executed copy, why it stopped)."""
    from nbclient import NotebookClient  # imported here: rendering must not need a kernel
    from nbclient.exceptions import DeadKernelError

    run = copy.deepcopy(nb)
    for cell in run.cells:
        if cell.cell_type == "code":  # stale outputs from the learner's session must not count
            cell.outputs = []
            cell.execution_count = None
    timeout_error = nbformat.v4.new_output(
        "error",
        ename="CellTimeoutError",
        evalue=f"the cell ran longer than {timeout} s and was interrupted",
        traceback=[],
    )
    timed_out: list[int] = []

    def note_timeout(cell: dict, cell_index: int, execute_reply: dict) -> None:
        if execute_reply["content"].get("ename") == timeout_error.ename:
            timed_out.append(cell_index)

    client = NotebookClient(
        run,
        timeout=timeout,
        kernel_name=KERNEL,
        # The kernel's own start-up warnings mean nothing to a learner; cell errors still show.
        extra_arguments=["--IPKernelApp.log_level=ERROR"],
        allow_errors=True,
        interrupt_on_timeout=True,
        error_on_timeout={"ename": timeout_error.ename, "evalue": "", "traceback": []},
        on_cell_executed=note_timeout,
        resources={"metadata": {"path": str(cwd)}},
    )
    stopped = ""
    try:
        client.execute()
    except DeadKernelError:
        stopped = "the kernel died: the code may have crashed it or run out of memory"
    for index in timed_out:
        # The interrupt shows up as a KeyboardInterrupt; say what really happened.
        cell = run.cells[index]
        kept = [o for o in cell.outputs if o.get("ename") != "KeyboardInterrupt"]
        cell.outputs = [*kept, timeout_error]
    return run, stopped


def check_notebook(path: Path, timeout: int = DEFAULT_TIMEOUT_S) -> Report:
    """Load, validate and run a learner's notebook; raise AssignmentError on bad input."""
    nb = load_notebook(path)
    if not is_assignment(nb):
        raise AssignmentError(f"{path}: not an nbgrader assignment (no graded cells)")
    try:
        executed, stopped = execute(nb, path.resolve().parent, timeout)
    except Exception as err:  # no kernel, or it never started: nothing was checked
        raise AssignmentError(
            f"{path}: could not run the notebook in a {KERNEL} kernel ({type(err).__name__}: {err})"
        ) from None
    return collect(executed, str(path), stopped)


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
        lines += ["", f"Execution stopped early: {report.stopped}."]
    lines.append("")
    if report.questions:
        passed = sum(q.status is Status.PASSED for q in report.questions)
        lines.append(
            f"Visible checks: {passed} of {len(report.questions)} questions pass, worth "
            f"{report.points_passed:g} of {_pts(report.points_total)}."
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
    os.environ.setdefault("PLOTLY_RENDERER", "plotly_mimetype")  # the kernel inherits it
    try:
        report = check_notebook(args.notebook, args.timeout)
    except AssignmentError as err:
        print(f"{PROG}: {err}", file=sys.stderr)
        return 2
    print(render(report))
    return report.exit_code


if __name__ == "__main__":
    sys.exit(main())
