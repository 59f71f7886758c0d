"""Grade a whole class: ``aws-course-grade ASSIGNMENT`` (``make grade ASSIGNMENT=spot``).

Submissions are read from nbgrader's layout under the instructor's grading area
(``autograder/submitted/<student>/<assignment>/<notebook>.ipynb``, without following any
symbolic link) and graded in parallel by the sandboxed engine. Scores go into nbgrader's
gradebook, so formgrader's manual grading, ``nbgrader generate_feedback`` and
``nbgrader export`` work on top; for each submission an autograded notebook is written
where formgrader and feedback expect it (:mod:`gradebook`).

One submission cannot stop the class: anything that goes wrong while reading, running,
judging or saving it is reported on its line, the others are graded and saved. A
student's results are saved as each is graded, all together or not at all. The exit
status is 0 when every submission found was graded and saved (an ungradable one is saved
as 0 with its reason), 1 when any was not (the lines say why), 2 for bad arguments or an
assignment that cannot be graded at all.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from aws_compute_course.assignments import AssignmentError, load_notebook, repo_root, run_nbgrader
from aws_compute_course.grading import engine, gradebook, roster, sandbox
from aws_compute_course.grading.plan import Plan, PlanError, plan_file
from aws_compute_course.grading.roster import printable
from aws_compute_course.grading.submission import Ungradable, opened

PROG = "aws-course-grade"
GRADING = "autograder"


@dataclass
class StudentResult:
    """One student's submission of one assignment."""

    student: str
    notebooks: dict[str, engine.NotebookResult] = field(default_factory=dict)
    ungradable: dict[str, str] = field(default_factory=dict)  # the submission's fault
    failed: dict[str, str] = field(default_factory=dict)  # the grader's: nothing is saved
    seconds: float = 0.0
    not_saved: str = ""  # why nothing of it was saved ('' once saved)
    refused: bool = False  # an id nbgrader cannot take: not graded (not_saved says why)

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


def load_plans(course: Course) -> dict[str, Plan]:
    """One plan per notebook of the assignment, from the instructor's sources."""
    if not course.source.is_dir():
        known = sorted(p.name for p in course.source.parent.iterdir() if p.is_dir())
        raise PlanError(f"no assignment {course.assignment!r} in solutions/ (have: {known})")
    notebooks = sorted(course.source.glob("*.ipynb"))
    if not notebooks:
        raise PlanError(f"solutions/{course.assignment}/ has no notebook")
    return {path.name: plan_file(path) for path in notebooks}


def _failure(stage: str, err: Exception) -> str:
    return f"the grader failed while {stage} ({type(err).__name__}: {str(err)[:200]})"


def grade_student(
    course: Course,
    student: str,
    plans: dict[str, Plan],
    expected: dict[str, dict[str, list]],
    limits: sandbox.Limits,
    sandboxed: bool,
) -> StudentResult:
    """Grade every notebook of one student's submission; never raises."""
    started = time.monotonic()
    result = StudentResult(student)
    try:
        with opened(course.submitted, (student, course.assignment), "submitted") as folder:
            files = (course.release, folder)  # the released files, then the learner's own
            for name, plan in plans.items():
                try:
                    submission = folder.read(name, limits.submission_mb, limits.max_cells)
                    result.notebooks[name] = engine.grade_notebook(
                        submission, plan, expected[name], limits, sandboxed, files
                    )
                except Ungradable as err:
                    result.ungradable[name] = str(err)
                except Exception as err:
                    result.failed[name] = _failure(f"grading {name}", err)
    except Ungradable as err:
        result.ungradable = {name: str(err) for name in plans}
    except Exception as err:
        result.failed = {name: _failure("opening the submission", err) for name in plans}
    result.seconds = time.monotonic() - started
    return result


# --- the gradebook ------------------------------------------------------------------------


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


def _save(gb, course: Course, res: StudentResult, plans, released) -> None:
    """Save one student's results, or record on the result why they were not saved."""
    if res.failed:
        res.not_saved = "; ".join(f"{n}: {why}" for n, why in res.failed.items())
        return
    try:
        gradebook.save_student(gb, course, res, plans, released)
    except Exception as err:
        res.not_saved = _failure("saving the results", err)


# --- the command --------------------------------------------------------------------------


def _progress(done: int, total: int, start: float) -> str:
    width = 30
    filled = width * done // max(total, 1)
    bar = "#" * filled + "." * (width - filled)
    return f"[{bar}] {done}/{total} students, {time.monotonic() - start:.1f} s"


def _line(res: StudentResult, max_score: float) -> str:
    """The student's line of the report (learner-controlled text made printable)."""
    if res.refused:
        line = f"  {res.student:<20} REFUSED  {res.not_saved}"
    elif res.not_saved:
        line = f"  {res.student:<20} NOT SAVED  {res.not_saved}  ({res.seconds:.1f} s)"
    elif res.ungradable and not res.notebooks:
        why = "; ".join(res.ungradable.values())
        line = f"  {res.student:<20} UNGRADABLE  {why}  ({res.seconds:.1f} s)"
    else:
        extra = [f"{n}: {why}" for n, why in res.ungradable.items()]
        extra += [p for r in res.notebooks.values() for p in r.problems][:3]
        tail = f"  [{'; '.join(extra)[:160]}]" if extra else ""
        line = f"  {res.student:<20} {res.score:g}/{max_score:g}  ({res.seconds:.1f} s){tail}"
    return printable(line)


def _select(
    course: Course, students: list[str] | None, out
) -> tuple[list[str], list[StudentResult]]:
    """The students to grade, and those refused; prints what is skipped and why."""
    found = roster.scan(course.submitted, course.assignment)
    if students is not None:
        known = set(found.students) | {s for s, _ in found.refused}
        unknown = sorted(set(students) - known)
        if unknown:
            raise PlanError(
                f"no submission of {course.assignment!r} for "
                f"{printable(str(unknown))} under {course.submitted}"
            )
    for name, why in found.skipped:
        print(printable(f"  skipped submitted/{name}: {why}"), file=out)
    refused = [
        StudentResult(name, not_saved=why, refused=True)
        for name, why in found.refused
        if students is None or name in students
    ]
    for res in refused:
        print(_line(res, 0), file=out)
    return [s for s in found.students if students is None or s in students], refused


def grade_class(
    course: Course,
    *,
    students: list[str] | None = None,
    workers: int = 2,
    limits: sandbox.Limits | None = None,
    use_sandbox: bool = True,
    db_url: str | None = None,
    export: Path | None = None,
    out=None,
    err=None,
) -> list[StudentResult]:
    """Grade the submissions of ``course`` and record them; returns the results.

    ``StudentResult.not_saved`` says why a student's results were not saved, refused ids
    (``refused``) included.
    """
    out, err = out or sys.stdout, err or sys.stderr  # looked up now: they may be replaced
    limits = limits or sandbox.Limits()
    sandboxed, mode = sandbox.isolation(use_sandbox)
    if not sandboxed:
        print(f"WARNING: {mode}.", file=err)
    plans = load_plans(course)
    chosen, refused = _select(course, students, out)
    if not chosen:
        print(f"No submission of {course.assignment!r} to grade.", file=out)
        return refused
    expected = {
        name: engine.expected_values(plan, limits, sandboxed) for name, plan in plans.items()
    }
    db = db_url or course.default_db()
    register_assignment(course, db)  # before grading: its failure costs no work
    released = {name: load_notebook(course.release / name) for name in plans}
    max_score = sum(p.max_auto_score for p in plans.values())
    print(
        f"Grading {len(chosen)} submission(s) of {course.assignment!r} with {workers} worker(s); "
        f"isolation: {mode}",
        file=out,
    )
    start = time.monotonic()
    results: list[StudentResult] = []
    from nbgrader.api import Gradebook

    with (
        Gradebook(db) as gb,
        ThreadPoolExecutor(max_workers=workers) as pool,
    ):
        futures = [
            pool.submit(grade_student, course, s, plans, expected, limits, sandboxed)
            for s in chosen
        ]
        for future in as_completed(futures):
            res = future.result()
            _save(gb, course, res, plans, released)  # here, in one thread: one writer
            results.append(res)
            print(_line(res, max_score), file=out, flush=True)
            if err.isatty():
                print("\r" + _progress(len(results), len(chosen), start), end="", file=err)
    if err.isatty():
        print(file=err)
    results.sort(key=lambda r: r.student)
    if export is not None:
        gradebook.export_csv(export, course.assignment, results, plans)
    ungradable = sum(1 for r in results if r.ungradable)
    unsaved = sum(1 for r in results if r.not_saved)
    mean = sum(r.score for r in results) / len(results)
    print(
        f"Done: {len(results)} graded in {time.monotonic() - start:.1f} s, mean {mean:.2f}/"
        f"{max_score:g}, {ungradable} with ungradable notebooks, {unsaved} not saved, "
        f"{len(refused)} refused; gradebook: {db}"
        + (f"; grades exported to {export}" if export else ""),
        file=out,
    )
    return refused + results


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
    parser.add_argument("--notebook-timeout", type=float, default=300.0)
    parser.add_argument("--memory-mb", type=int, default=2048)
    parser.add_argument("--max-submission-mb", type=int, default=sandbox.Limits.submission_mb)
    parser.add_argument("--max-cells", type=int, default=sandbox.Limits.max_cells)
    args = parser.parse_args(argv)
    workers = args.workers or os.cpu_count() or 2
    if workers < 1:
        parser.error("--workers must be >= 1")
    try:
        limits = sandbox.Limits(
            memory_mb=args.memory_mb,
            cell_seconds=args.cell_timeout,
            notebook_seconds=args.notebook_timeout,
            submission_mb=args.max_submission_mb,
            max_cells=args.max_cells,
        )
        course = Course((args.root or repo_root()).resolve(), args.assignment)
        results = grade_class(
            course,
            students=args.student,
            workers=workers,
            limits=limits,
            use_sandbox=not args.no_sandbox,
            db_url=args.db,
            export=args.export,
        )
    except (PlanError, AssignmentError, ValueError) as error:
        print(printable(f"{PROG}: {error}"), file=sys.stderr)
        return 2
    return 1 if any(r.not_saved for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
