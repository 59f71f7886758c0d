"""The class's gradebook in Postgres: the grader and an instructor writing at once lose nothing.

A throwaway Postgres cluster (Debian's package, tests/class_postgres.py) holds nbgrader's
gradebook. The tiny course (tests/fixtures/tiny) is graded once into it by
``aws-course-grade --db postgresql+psycopg://…``; then the grader re-grades those students
and grades six new ones while, on its own connection, an "instructor" saves the manual grade
of the design question of each of the first six exactly as formgrader's grade API does
(find the grade, set ``manual_score``, commit), at the worst moment: after the grader has
read that student's rows and changed them in its session, before it writes and commits.
Afterwards every automatic score and each manual grade are in the gradebook, and
``nbgrader export`` reading the same database shows each student's total.
"""

from __future__ import annotations

import csv
import queue
import shutil
import threading
from pathlib import Path

import nbformat
import pytest
from class_postgres import cluster

from aws_compute_course.assignments import run_nbgrader
from aws_compute_course.grading import batch, gradebook

pytestmark = pytest.mark.notebooks

TINY = Path(__file__).parent / "fixtures" / "tiny"
FIRST = [f"learner{n:02d}" for n in range(1, 7)]  # graded, then graded by hand
LATE = [f"learner{n:02d}" for n in range(7, 13)]  # handed in while the instructor grades
MANUAL = {student: float(n % 3) for n, student in enumerate(FIRST)}  # 0, 1 or 2 of 2 points
AUTO_POINTS = 3  # q1_cost (2) + q2_choice (1), both right in every submission
ANSWERS = {
    "q1_answer": "def monthly_cost(price_per_hour, hours):\n    return price_per_hour * hours",
    "q2_answer": 'answer_q2 = "A"',
    "q3_design": "Option b may be the only one with enough memory.",
}


@pytest.fixture(scope="module")
def postgres():
    yield from cluster()


def _submit(root: Path, student: str) -> None:
    folder = root / "autograder" / "submitted" / student / "tiny"
    folder.mkdir(parents=True, exist_ok=True)
    nb = nbformat.read(TINY / "exercises" / "tiny" / "tiny.ipynb", as_version=4)
    for cell in nb.cells:
        cell.source = ANSWERS.get(cell.metadata["nbgrader"]["grade_id"], cell.source)
    nbformat.write(nb, folder / "tiny.ipynb")


class Instructor(threading.Thread):
    """Saves a manual grade of the design question when asked, as formgrader's API does."""

    def __init__(self, db_url: str) -> None:
        super().__init__(daemon=True)
        self.db_url = db_url
        self.asked: queue.Queue[str | None] = queue.Queue()
        self.saved: queue.Queue[str] = queue.Queue()
        self.error: BaseException | None = None

    def run(self) -> None:
        from nbgrader.api import Gradebook

        try:
            with Gradebook(self.db_url) as gb:
                while (student := self.asked.get()) is not None:
                    grade = gb.find_grade("q3_design", "tiny", "tiny", student)
                    grade.manual_score = MANUAL[student]
                    grade.needs_manual_grade = False
                    gb.db.commit()
                    self.saved.put(student)
        except BaseException as error:  # reported by the test, not lost in the thread
            self.error = error
            self.saved.put("")


def test_grader_and_manual_grading_at_once_lose_nothing(postgres, tmp_path, monkeypatch):
    from nbgrader.api import Gradebook

    db_url = postgres.create_database("gradebook_concurrent")
    root = tmp_path / "course"
    for folder in ("solutions", "exercises"):
        shutil.copytree(TINY / folder, root / folder)
    for student in FIRST:
        _submit(root, student)
    args = ["tiny", "--root", str(root), "--workers", "2", "--db", db_url]
    assert batch.main(args) == 0

    for student in LATE:
        _submit(root, student)
    instructor = Instructor(db_url)
    instructor.start()
    real_set_grades = gradebook.set_grades

    def set_grades_while_instructor_grades(gb, assignment, res, *rest):
        # The grader has read this student's rows and changed them in its session, not yet
        # written: the instructor's manual grade is committed now, in between.
        real_set_grades(gb, assignment, res, *rest)
        if res.student in MANUAL:
            instructor.asked.put(res.student)
            assert instructor.saved.get(timeout=60) == res.student, instructor.error

    monkeypatch.setattr(gradebook, "set_grades", set_grades_while_instructor_grades)
    try:
        assert batch.main(args) == 0
    finally:
        instructor.asked.put(None)
        instructor.join(timeout=60)
    assert instructor.error is None, instructor.error

    with Gradebook(db_url) as gb:
        for student in FIRST + LATE:
            submission = gb.find_submission("tiny", student)
            assert submission.code_score == AUTO_POINTS, student
            manual = gb.find_grade("q3_design", "tiny", "tiny", student).manual_score
            assert manual == MANUAL.get(student), student

    exported = tmp_path / "grades.csv"
    run_nbgrader(["export", f"--to={exported}", f"--CourseDirectory.db_url={db_url}"], root)
    rows = {row["student_id"]: row for row in csv.DictReader(exported.open())}
    assert set(rows) == set(FIRST + LATE)
    for student in FIRST + LATE:
        expected = AUTO_POINTS + MANUAL.get(student, 0.0)
        assert float(rows[student]["raw_score"]) == expected, (student, rows[student])


def test_the_gradebook_refuses_a_connection_without_its_password(postgres):
    """On a class's server learners' own users reach the socket: the password keeps them out."""
    import sqlalchemy

    url = postgres.url("course")
    for wrong in ("", ":not-the-password"):
        engine = sqlalchemy.create_engine(url.replace(f":{postgres.password}@", f"{wrong}@"))
        try:
            with pytest.raises(sqlalchemy.exc.OperationalError, match="password"):
                engine.connect().close()
        finally:
            engine.dispose()
    engine = sqlalchemy.create_engine(url)
    try:
        with engine.connect() as connection:  # the password the cluster made lets one in
            assert connection.execute(sqlalchemy.text("SELECT 1")).scalar() == 1
    finally:
        engine.dispose()
    assert postgres.password_file.stat().st_mode & 0o077 == 0


def test_a_cluster_made_without_a_password_is_refused_with_what_to_do():
    """A ``make class --state`` folder from before passwords: its cluster trusted every local
    user, so it is not started; the message says to remove the folder."""
    import tempfile

    from class_postgres import pgcluster

    try:
        pgcluster.server_bin()
    except pgcluster.PostgresMissing as missing:
        pytest.skip(str(missing))
    folder = Path(tempfile.mkdtemp(prefix="aws-course-pg-old-"))
    try:
        folder.chmod(0o711)  # as root the cluster's user (nobody) must reach it
        old = folder / "pg"
        (old / "data").mkdir(parents=True)
        (old / "data" / "PG_VERSION").write_text("15\n")
        with pytest.raises(RuntimeError, match=r"without its password file .*remove"):
            pgcluster.Cluster(old).start()
        assert not (old / "data" / "postmaster.pid").exists()
    finally:
        shutil.rmtree(folder)
