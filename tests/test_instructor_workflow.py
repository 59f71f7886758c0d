"""The whole instructor workflow through nbgrader's filesystem exchange, graded by our grader.

release → fetch (as a student) → submit → collect → grade (aws_compute_course.grading) →
a manual grade through nbgrader's API → feedback → export.
"""

import csv
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from aws_compute_course.assignments import nbgrader_env
from aws_compute_course.grading import batch, sandbox

ROOT = Path(__file__).resolve().parent.parent
COURSE_ID = "aws-compute-course"

pytestmark = pytest.mark.notebooks


def nbgrader(*args: str, cwd: Path, **options: str) -> str:
    flags = [f"--{k}={v}" for k, v in options.items()]
    env = nbgrader_env()
    done = subprocess.run(
        [sys.executable, "-m", "nbgrader", *args, *flags],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, f"nbgrader {args[0]} failed:\n{done.stderr[-2000:]}"
    return done.stdout + done.stderr


def _stat(path: Path) -> tuple[int, int] | None:
    return (path.stat().st_mtime_ns, path.stat().st_size) if path.exists() else None


def test_release_fetch_submit_collect_grade_feedback_export(tmp_path):
    repo_gradebook = ROOT / "autograder" / "gradebook.db"
    before = _stat(repo_gradebook)
    course = tmp_path / "course"
    exchange = tmp_path / "exchange"
    student_home = tmp_path / "carol"
    for folder in ("solutions", "exercises"):
        shutil.copytree(ROOT / folder / "spot", course / folder / "spot")
    (course / "autograder").mkdir()
    exchange.mkdir(mode=0o777)
    os.chmod(exchange, 0o777)
    student_home.mkdir()
    db_url = f"sqlite:///{course / 'autograder' / 'gradebook.db'}"
    common = {
        "CourseDirectory.root": str(course),
        "CourseDirectory.course_id": COURSE_ID,
        "CourseDirectory.db_url": db_url,
        "Exchange.root": str(exchange),
    }

    # The instructor registers and releases (the repo's config gives the directory layout).
    nbgrader("db", "student", "add", "carol", cwd=ROOT, **common)
    nbgrader("generate_assignment", "spot", "--force", cwd=ROOT, **common)
    nbgrader("release_assignment", "spot", "--force", cwd=ROOT, **common)

    # The student fetches, answers (the partly wrong submission) and submits.
    # (nbgrader takes the student's id from the OS user unless --student is given.)
    student = {
        "CourseDirectory.course_id": COURSE_ID,
        "Exchange.root": str(exchange),
        "CourseDirectory.student_id": "carol",
        # Not ~/.local/share/jupyter/nbgrader_cache: a test leaves nothing in the user's home.
        "Exchange.cache": str(student_home / "nbgrader_cache"),
    }
    nbgrader("fetch_assignment", "spot", cwd=student_home, **student)
    fetched = student_home / "spot" / "spot.ipynb"
    assert fetched.read_bytes() == (ROOT / "exercises" / "spot" / "spot.ipynb").read_bytes()
    shutil.copy(ROOT / "tests" / "submissions" / "spot" / "partly_wrong.ipynb", fetched)
    nbgrader("submit", "spot", cwd=student_home, **student)

    # The instructor collects and grades with our grader.
    nbgrader("collect", "spot", cwd=ROOT, **common)
    assert (course / "autograder" / "submitted" / "carol" / "spot" / "spot.ipynb").is_file()
    out = io.StringIO()
    batch.grade_class(
        batch.Course(course, "spot"),
        workers=1,
        db_url=db_url,
        limits=sandbox.Limits(cell_seconds=20, notebook_seconds=120),
        out=out,
        err=io.StringIO(),
    )
    assert "carol" in out.getvalue() and "11/14" in out.getvalue()

    # A manual grade for the design answer, through nbgrader's API (what formgrader does).
    from nbgrader.api import Gradebook

    with Gradebook(db_url) as gb:
        grade = gb.find_grade("q9_answer", "spot", "spot", "carol")
        grade.manual_score = 4
        gb.db.commit()
        assert gb.find_submission("spot", "carol").score == 15

    # Feedback shows each hidden check's message, never the hidden tests' source.
    nbgrader("generate_feedback", "spot", "--force", cwd=ROOT, **common)
    feedback = (course / "autograder" / "feedback" / "carol" / "spot" / "spot.html").read_text()
    assert "Q2 exactly 75% uptime" in feedback
    assert "BEGIN HIDDEN TESTS" not in feedback

    # Grades export to CSV.
    exported = tmp_path / "grades.csv"
    nbgrader("export", f"--to={exported}", cwd=ROOT, **common)
    rows = list(csv.DictReader(exported.open()))
    carol = next(r for r in rows if r["student_id"] == "carol")
    assert float(carol["score"]) == 15

    # Everything happened in the temporary course: the repo's own gradebook is untouched.
    assert _stat(repo_gradebook) == before
