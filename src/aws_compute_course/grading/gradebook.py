"""Recording a student's results: nbgrader's gradebook, autograded notebooks, the CSV export.

A student's results are saved all together or not at all (:func:`save_student`): the
autograded notebooks are built and written to temporary files first, the gradebook rows
are changed in one transaction, the notebooks are moved into place, and only then is the
transaction committed; any failure rolls the rows back, puts the previous notebooks back
and leaves nothing new. Re-grading replaces automatic scores and keeps manual grades.

An autograded notebook is the released notebook with the learner's answers in it, each
check's result under its test cell (the message of a hidden check, never its source), and
the code cells the learner added where they stood. Markdown the learner wrote is sanitised
(:mod:`sanitize`).
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import os
from pathlib import Path

import nbformat

from aws_compute_course.grading import engine, submission
from aws_compute_course.grading.plan import Plan
from aws_compute_course.grading.sanitize import learner_markdown
from aws_compute_course.testcells import grade_id, nbgrader_meta

#: A spreadsheet runs a cell starting with one of these as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def released_text(nb: nbformat.NotebookNode) -> dict[str, str]:
    """The released notebook's source of each cell with a grade_id."""
    return {grade_id(c): c.source for c in nb.cells if grade_id(c)}


def _check_lines(question: engine.QuestionResult) -> str:
    lines = [
        f"PASSED  {'(hidden) ' if c.hidden else ''}{c.what}"
        if c.passed
        else f"FAILED  {'(hidden) ' if c.hidden else ''}{c.message}"
        for c in question.checks
    ]
    if question.note:
        lines.append(question.note)
    lines.append(f"Score: {question.score:g} of {question.points:g}")
    return "\n".join(lines) + "\n"


def autograded_notebook(
    released: nbformat.NotebookNode, result: engine.NotebookResult
) -> nbformat.NotebookNode:
    """The released notebook filled with the learner's answers and every check's result."""
    nb = nbformat.from_dict(released)
    by_question = {q.grade_id: q for q in result.questions}
    cells = []
    for cell in nb.cells:
        gid = grade_id(cell)
        if nbgrader_meta(cell).get("solution") and gid in result.answers:
            answer = result.answers[gid]
            cell.source = answer if cell.cell_type == "code" else learner_markdown(answer)
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
        question = by_question.get(gid)
        if question is not None:
            text = _check_lines(question)
            cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=text)]
        cells.append(cell)
        if gid:
            cells += _added(result, gid)
    nb.cells = _added(result, "") + cells
    return nb


def _added(result: engine.NotebookResult, below: str) -> list:
    """The code cells the learner added below ``below``, with ids that do not change."""
    return [
        nbformat.v4.new_code_cell(
            source,
            id=hashlib.sha1(f"{below}/{n}".encode(), usedforsecurity=False).hexdigest()[:16],
            metadata={"added_by_learner": True},
        )
        for n, source in enumerate(result.added.get(below, ()))
    ]


def _ensure_submission(gb, assignment: str, student: str) -> None:
    """The student and their submission rows, added to the session but not committed.

    (nbgrader's ``add_submission`` and ``add_student`` commit at once, which would record
    a submission whose scores might then fail to be saved.)
    """
    from nbgrader.api import (
        Comment,
        Grade,
        MissingEntry,
        Student,
        SubmittedAssignment,
        SubmittedNotebook,
    )

    try:
        gb.find_submission(assignment, student)
        return
    except MissingEntry:
        pass
    try:
        person = gb.find_student(student)
    except MissingEntry:
        person = Student(id=student)
        gb.db.add(person)
    with gb.db.no_autoflush:  # the objects are complete only once all are made
        submission = SubmittedAssignment(assignment=gb.find_assignment(assignment), student=person)
        for notebook in submission.assignment.notebooks:
            nb = SubmittedNotebook(notebook=notebook, assignment=submission)
            for cell in notebook.grade_cells:
                Grade(cell_id=cell.id, notebook=nb)
            for cell in [*notebook.solution_cells, *notebook.task_cells]:
                Comment(cell_id=cell.id, notebook=nb)
            for cell in notebook.task_cells:
                Grade(cell_id=cell.id, notebook=nb)
        gb.db.add(submission)


def set_grades(gb, assignment: str, res, plans: dict[str, Plan], released: dict) -> None:
    """Put the student's automatic scores into the session (no commit)."""
    _ensure_submission(gb, assignment, res.student)
    for name, plan in plans.items():
        nb_result = res.notebooks.get(name)
        scores = {q.grade_id: q.score for q in nb_result.questions} if nb_result else {}
        for question in plan.questions:
            grade = gb.find_grade(question.grade_id, Path(name).stem, assignment, res.student)
            grade.auto_score = scores.get(question.grade_id, 0.0)
            grade.needs_manual_grade = grade.manual_score is not None
        for gid, _points in plan.manual:
            grade = gb.find_grade(gid, Path(name).stem, assignment, res.student)
            text = nb_result.manual_answers.get(gid, "") if nb_result else ""
            unchanged = text.strip() == released_text(released[name]).get(gid, "").strip()
            grade.auto_score = 0.0 if unchanged else None
            grade.needs_manual_grade = not unchanged or grade.manual_score is not None


def stage(path: Path, text: str) -> Path:
    """Write ``text`` next to ``path`` under a temporary name (gone if writing fails)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.partial")
    try:
        temporary.write_text(text, encoding="utf-8")
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def commit(gb) -> None:
    gb.db.commit()


# What nbgrader's submit writes beside the notebooks; release_feedback reads them from the
# autograded folder (nbgrader autograde copies them there too).
NBGRADER_FILES = ("timestamp.txt", "submission_secret.txt")
_NBGRADER_FILE_MB = 1


def nbgrader_files(course, student: str) -> dict[str, str]:
    """The submission's timestamp and secret (regular files only, never through a link)."""
    found = {}
    with submission.opened(
        course.submitted, (student, course.assignment), f"submitted/{student}"
    ) as folder:
        for name, fd in folder.files():
            if name in NBGRADER_FILES:
                data = submission.read_capped(fd, _NBGRADER_FILE_MB)
                found[name] = data.decode("utf-8", errors="replace")
    return found


def save_student(gb, course, res, plans: dict[str, Plan], released: dict) -> None:
    """Save one student's scores and autograded notebooks (with the submission's timestamp
    and secret, for nbgrader's feedback), all together or not at all."""
    staged: list[tuple[Path, Path]] = []  # (temporary, final)
    moved: list[tuple[Path, Path | None]] = []  # (final, what it replaced, kept aside)
    try:
        folder = course.autograded / res.student / course.assignment
        for name, nb_result in res.notebooks.items():
            text = nbformat.writes(autograded_notebook(released[name], nb_result))
            staged.append((stage(folder / name, text), folder / name))
        if res.notebooks:
            for name, text in nbgrader_files(course, res.student).items():
                staged.append((stage(folder / name, text), folder / name))
        set_grades(gb, course.assignment, res, plans, released)
        gb.db.flush()
        for temporary, final in staged:
            aside = final.with_name(f".{final.name}.{os.getpid()}.previous")
            if final.exists():
                os.replace(final, aside)
                moved.append((final, aside))
            else:
                moved.append((final, None))
            os.replace(temporary, final)
        commit(gb)
    except BaseException:
        gb.db.rollback()
        for final, aside in reversed(moved):
            with contextlib.suppress(OSError):
                if aside is not None:
                    os.replace(aside, final)
                else:
                    final.unlink(missing_ok=True)
        for temporary, _final in staged:
            temporary.unlink(missing_ok=True)
        raise
    for _final, aside in moved:
        if aside is not None:
            aside.unlink(missing_ok=True)


# --- the CSV export -------------------------------------------------------------------------


def csv_cell(value: str) -> str:
    """A CSV field a spreadsheet shows as text, never runs as a formula."""
    return "'" + value if value.startswith(FORMULA_START) else value


def export_csv(path: Path, assignment: str, results: list, plans: dict[str, Plan]) -> None:
    """One row per student: automatic score per question, total, and any problem.

    Written to a temporary file and renamed, so a failure leaves the previous export.
    """
    questions = [(name, q) for name, plan in plans.items() for q in plan.questions]
    max_score = sum(q.points for _, q in questions)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            "student",
            "assignment",
            *[q.grade_id for _, q in questions],
            "auto_score",
            "max_auto_score",
            "ungradable",
        ]
    )
    for res in results:
        scores = {(n, q.grade_id): q.score for n, r in res.notebooks.items() for q in r.questions}
        row = [
            res.student,
            assignment,
            *[f"{scores.get((n, q.grade_id), 0.0):g}" for n, q in questions],
            f"{res.score:g}",
            f"{max_score:g}",
            "; ".join(f"{n}: {why}" for n, why in res.ungradable.items()),
        ]
        writer.writerow([csv_cell(field) for field in row])
    temporary = stage(Path(path), out.getvalue())
    os.replace(temporary, path)
