"""Grade a whole class: ``aws-course-grade ASSIGNMENT`` (``make grade ASSIGNMENT=spot``).

Submissions are read from nbgrader's layout under the instructor's grading area
(``autograder/submitted/<student>/<assignment>/<notebook>.ipynb``) and graded in parallel by
the sandboxed engine. Scores go into nbgrader's gradebook, so formgrader's manual grading,
``nbgrader generate_feedback`` and ``nbgrader export`` work on top; for each submission an
autograded notebook is written where formgrader and feedback expect it, with each check's
result under its test cell (the message of a hidden check, never its source).
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import tempfile
import time
import warnings
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from aws_compute_course.assignments import (
    AssignmentError,
    load_notebook,
    nbgrader_meta,
    repo_root,
    run_nbgrader,
)
from aws_compute_course.grading import engine, sandbox
from aws_compute_course.grading.plan import Plan, PlanError, plan_file

PROG = "aws-course-grade"
GRADING = "autograder"


@dataclass
class StudentResult:
    """One student's submission of one assignment."""

    student: str
    notebooks: dict[str, engine.NotebookResult] = field(default_factory=dict)
    ungradable: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def score(self) -> float:
        return sum(r.score for r in self.notebooks.values())


@dataclass(frozen=True)
class Course:
    """Where an assignment's sources, releases and submissions live."""

    root: Path
    assignment: str

    @property
    def source(self) -> Path:
        return self.root / "solutions" / self.assignment

    @property
    def release(self) -> Path:
        return self.root / "exercises" / self.assignment

    @property
    def submitted(self) -> Path:
        return self.root / GRADING / "submitted"

    @property
    def autograded(self) -> Path:
        return self.root / GRADING / "autograded"

    def default_db(self) -> str:
        return f"sqlite:///{self.root / GRADING / 'gradebook.db'}"

    def students(self) -> list[str]:
        if not self.submitted.is_dir():
            return []
        return sorted(
            d.name
            for d in self.submitted.iterdir()
            if (d / self.assignment).is_dir() and not d.name.startswith(".")
        )


def load_plans(course: Course) -> dict[str, Plan]:
    """One plan per notebook of the assignment, from the instructor's sources."""
    if not course.source.is_dir():
        known = sorted(p.name for p in course.source.parent.iterdir() if p.is_dir())
        raise PlanError(f"no assignment {course.assignment!r} in solutions/ (have: {known})")
    notebooks = sorted(course.source.glob("*.ipynb"))
    if not notebooks:
        raise PlanError(f"solutions/{course.assignment}/ has no notebook")
    return {path.name: plan_file(path) for path in notebooks}


def grade_student(
    course: Course,
    student: str,
    plans: dict[str, Plan],
    expected: dict[str, dict[str, list]],
    limits: sandbox.Limits,
    sandboxed: bool,
) -> StudentResult:
    """Grade every notebook of one student's submission; never raises for bad submissions."""
    started = time.monotonic()
    result = StudentResult(student)
    folder = course.submitted / student / course.assignment
    for name, plan in plans.items():
        path = folder / name
        if not path.is_file():
            result.ungradable[name] = "notebook not submitted"
            continue
        try:
            result.notebooks[name] = engine.grade_notebook(
                path, plan, expected[name], limits, sandboxed, (course.release, folder)
            )
        except engine.Ungradable as err:
            result.ungradable[name] = str(err)
    result.seconds = time.monotonic() - started
    return result


# --- the gradebook and the autograded notebooks -------------------------------------------


def register_assignment(course: Course, db_url: str) -> None:
    """Make sure the gradebook knows the assignment's notebooks and graded cells."""
    with tempfile.TemporaryDirectory() as tmp:
        run_nbgrader(
            [
                "generate_assignment",
                course.assignment,
                "--force",
                f"--CourseDirectory.release_directory={tmp}",
                f"--CourseDirectory.db_url={db_url}",
            ],
            course.root,
        )


def _released_text(course: Course, notebook: str) -> dict[str, str]:
    try:
        nb = load_notebook(course.release / notebook)
    except AssignmentError:
        return {}
    return {
        nbgrader_meta(c)["grade_id"]: c.source for c in nb.cells if nbgrader_meta(c).get("grade_id")
    }


def autograded_notebook(
    course: Course, plan: Plan, result: engine.NotebookResult, submitted: Path
) -> nbformat.NotebookNode:
    """The released notebook filled with the learner's answers and every check's result."""
    nb = load_notebook(course.release / plan.notebook)
    learner = engine.read_submission(submitted)
    answers = {
        nbgrader_meta(c).get("grade_id"): c
        for c in learner.cells
        if nbgrader_meta(c).get("grade_id")
    }
    by_question = {q.grade_id: q for q in result.questions}
    for cell in nb.cells:
        meta = nbgrader_meta(cell)
        grade_id = meta.get("grade_id")
        if meta.get("solution") and grade_id in answers:
            cell.source = str(answers[grade_id].get("source", ""))
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
        question = by_question.get(grade_id)
        if question is not None:
            lines = [
                f"{'PASSED' if c.passed else 'FAILED'}  {'(hidden) ' if c.hidden else ''}"
                f"{c.what}{'' if c.passed else ': ' + c.message}"
                for c in question.checks
            ]
            if question.note:
                lines.append(question.note)
            lines.append(f"Score: {question.score:g} of {question.points:g}")
            cell.outputs = [
                nbformat.v4.new_output("stream", name="stdout", text="\n".join(lines) + "\n")
            ]
    return nb


def save_to_gradebook(
    course: Course, db_url: str, results: list[StudentResult], plans: dict[str, Plan]
) -> None:
    """Write scores and autograded notebooks; re-running replaces automatic scores only."""
    from nbgrader.api import Gradebook, MissingEntry
    from sqlalchemy.exc import SAWarning

    # nbgrader's add_submission triggers SQLAlchemy autoflush warnings about its own objects.
    warnings.filterwarnings("ignore", category=SAWarning, module="nbgrader")
    released = {name: _released_text(course, name) for name in plans}
    with Gradebook(db_url) as gb:
        for res in results:
            gb.update_or_create_student(res.student)
            try:
                gb.find_submission(course.assignment, res.student)
            except MissingEntry:
                gb.add_submission(course.assignment, res.student)
            for name, plan in plans.items():
                nb_result = res.notebooks.get(name)
                scores = {q.grade_id: q.score for q in nb_result.questions} if nb_result else {}
                for question in plan.questions:
                    grade = gb.find_grade(
                        question.grade_id, Path(name).stem, course.assignment, res.student
                    )
                    grade.auto_score = scores.get(question.grade_id, 0.0)
                    grade.needs_manual_grade = grade.manual_score is not None
                for grade_id, _points in plan.manual:
                    grade = gb.find_grade(grade_id, Path(name).stem, course.assignment, res.student)
                    text = nb_result.manual_answers.get(grade_id, "") if nb_result else ""
                    unchanged = text.strip() == released[name].get(grade_id, "").strip()
                    grade.auto_score = 0.0 if unchanged else None
                    grade.needs_manual_grade = not unchanged or grade.manual_score is not None
                gb.db.commit()
                if nb_result is not None:
                    out = course.autograded / res.student / course.assignment / name
                    out.parent.mkdir(parents=True, exist_ok=True)
                    submitted = course.submitted / res.student / course.assignment / name
                    nbformat.write(autograded_notebook(course, plan, nb_result, submitted), out)


def export_csv(
    path: Path, course: Course, results: list[StudentResult], plans: dict[str, Plan]
) -> None:
    """One row per student: automatic score per question, total, and any problem."""
    questions = [(name, q) for name, plan in plans.items() for q in plan.questions]
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
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
        max_score = sum(q.points for _, q in questions)
        for res in results:
            scores = {
                (n, q.grade_id): q.score for n, r in res.notebooks.items() for q in r.questions
            }
            writer.writerow(
                [
                    res.student,
                    course.assignment,
                    *[f"{scores.get((n, q.grade_id), 0.0):g}" for n, q in questions],
                    f"{res.score:g}",
                    f"{max_score:g}",
                    "; ".join(f"{n}: {why}" for n, why in res.ungradable.items()),
                ]
            )


# --- the command --------------------------------------------------------------------------


def _progress(done: int, total: int, start: float) -> str:
    width = 30
    filled = width * done // max(total, 1)
    bar = "#" * filled + "." * (width - filled)
    return f"[{bar}] {done}/{total} students, {time.monotonic() - start:.1f} s"


def _line(res: StudentResult, max_score: float) -> str:
    if res.ungradable and not res.notebooks:
        why = "; ".join(res.ungradable.values())
        return f"  {res.student:<20} UNGRADABLE  {why}  ({res.seconds:.1f} s)"
    extra = [f"{n}: {why}" for n, why in res.ungradable.items()]
    extra += [p for r in res.notebooks.values() for p in r.problems][:3]
    tail = f"  [{'; '.join(extra)[:160]}]" if extra else ""
    return f"  {res.student:<20} {res.score:g}/{max_score:g}  ({res.seconds:.1f} s){tail}"


def grade_class(
    course: Course,
    *,
    students: list[str] | None = None,
    workers: int = 2,
    limits: sandbox.Limits | None = None,
    use_sandbox: bool = True,
    db_url: str | None = None,
    export: Path | None = None,
    out=sys.stdout,
    err=sys.stderr,
) -> list[StudentResult]:
    """Grade the submissions of ``course`` and record them; returns the results."""
    limits = limits or sandbox.Limits()
    sandboxed, mode = sandbox.isolation(use_sandbox)
    if not sandboxed:
        print(f"WARNING: {mode}. Submissions can read files this user can read.", file=err)
    plans = load_plans(course)
    expected = {
        name: engine.expected_values(plan, limits, sandboxed) for name, plan in plans.items()
    }
    found = course.students()
    chosen = found if students is None else students
    unknown = sorted(set(chosen) - set(found))
    if unknown:
        raise PlanError(
            f"no submission of {course.assignment!r} for {unknown} under {course.submitted}"
        )
    max_score = sum(p.max_auto_score for p in plans.values())
    print(
        f"Grading {len(chosen)} submission(s) of {course.assignment!r} with {workers} worker(s); "
        f"isolation: {mode}",
        file=out,
    )
    start = time.monotonic()
    results: list[StudentResult] = []
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = [
            pool.submit(grade_student, course, s, plans, expected, limits, sandboxed)
            for s in chosen
        ]
        for future in as_completed(futures):
            res = future.result()
            results.append(res)
            print(_line(res, max_score), file=out, flush=True)
            if err.isatty():
                print(
                    "\r" + _progress(len(results), len(chosen), start), end="", file=err, flush=True
                )
    if err.isatty():
        print(file=err)
    results.sort(key=lambda r: r.student)
    db = db_url or course.default_db()
    register_assignment(course, db)
    save_to_gradebook(course, db, results, plans)
    if export is not None:
        export_csv(export, course, results, plans)
    ungradable = sum(1 for r in results if r.ungradable)
    mean = sum(r.score for r in results) / len(results) if results else 0.0
    print(
        f"Done: {len(results)} graded in {time.monotonic() - start:.1f} s, mean {mean:.2f}/"
        f"{max_score:g}, {ungradable} with ungradable notebooks; gradebook: {db}"
        + (f"; grades exported to {export}" if export else ""),
        file=out,
    )
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=PROG, description=__doc__.splitlines()[0])
    parser.add_argument("assignment")
    parser.add_argument("--student", action="append", help="grade only this student (repeatable)")
    parser.add_argument(
        "--workers", type=int, default=None, help="parallel submissions (default: cores)"
    )
    parser.add_argument("--root", type=Path, default=None, help="course root (default: this repo)")
    parser.add_argument("--db", default=None, help="gradebook SQLAlchemy URL")
    parser.add_argument("--export", type=Path, default=None, help="also write grades to this CSV")
    parser.add_argument("--no-sandbox", action="store_true", help="run without bubblewrap")
    parser.add_argument("--cell-timeout", type=float, default=30.0)
    parser.add_argument("--memory-mb", type=int, default=2048)
    args = parser.parse_args(argv)
    workers = args.workers or os.cpu_count() or 2
    if workers < 1:
        parser.error("--workers must be >= 1")
    try:
        limits = sandbox.Limits(memory_mb=args.memory_mb, cell_seconds=args.cell_timeout)
        course = Course((args.root or repo_root()).resolve(), args.assignment)
        grade_class(
            course,
            students=args.student,
            workers=workers,
            limits=limits,
            use_sandbox=not args.no_sandbox,
            db_url=args.db,
            export=args.export,
        )
    except (PlanError, AssignmentError, ValueError) as error:
        print(f"{PROG}: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
