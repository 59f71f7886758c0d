"""Every assignment, end to end: solutions score full marks, blank copies zero, copies current.

Parametrized over each assignment folder in ``solutions/`` plus the tiny fixture course
(``tests/fixtures/tiny``), which is always there so the machinery is always exercised.
For each: (a) nbgrader's Validator passes the solution, (b) the inverted Validator passes
the blank student copy (no test passes without an answer), (c) the committed student copy
is what the source generates, (d) a real ``nbgrader autograde`` through a gradebook in a
temp course dir gives the solution the maximum automatic score, the blank copy 0, and
every committed wrong submission (``tests/submissions/<assignment>/<name>.ipynb``) the
score its ``expected.json`` states.

(c) and (d) each run nbgrader once for all cases (``"*"``), not once per case: its start-up
(a second or two, plus an ``alembic`` process for a new gradebook) would otherwise cost more
than the notebooks it runs. Each case's test still checks only its own assignment.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest

from aws_compute_course.assignments import (
    RELEASE_DIR,
    SOURCE_DIR,
    Staleness,
    assignment_ids,
    cell_points,
    is_test_cell,
    nbgrader_meta,
    run_nbgrader,
    staleness,
)

REPO = Path(__file__).resolve().parents[1]
TINY = Path(__file__).parent / "fixtures" / "tiny"

pytestmark = pytest.mark.notebooks


@dataclass(frozen=True)
class Case:
    """One assignment: the course dir it lives in and where its wrong submissions are."""

    root: Path
    assignment: str
    submissions: Path

    @property
    def sources(self) -> list[Path]:
        return sorted((self.root / SOURCE_DIR / self.assignment).glob("*.ipynb"))

    def student_copy(self, source: Path) -> Path:
        return self.root / RELEASE_DIR / self.assignment / source.name


def _cases() -> list:
    cases = [pytest.param(Case(TINY, "tiny", TINY / "submissions" / "tiny"), id="fixture-tiny")]
    real = assignment_ids(REPO) if (REPO / SOURCE_DIR).is_dir() else []
    cases += [pytest.param(Case(REPO, a, REPO / "tests" / "submissions" / a), id=a) for a in real]
    if not real:
        skip = pytest.mark.skip(reason=f"no assignment folders in {SOURCE_DIR}/ yet")
        cases.append(pytest.param(None, id="course-assignments", marks=skip))
    return cases


CASES = _cases()
# The cases that exist (not the skip placeholder), for the fixtures shared by all of them.
REAL_CASES: list[Case] = [p.values[0] for p in CASES if p.values[0] is not None]


@pytest.fixture(autouse=True)
def _plotly_renderer(monkeypatch):
    # Validator starts kernels in-process; they inherit this environment.
    monkeypatch.setenv("PLOTLY_RENDERER", "plotly_mimetype")


def validate(path: Path, invert: bool = False) -> dict:
    from nbgrader.validator import Validator

    return Validator(invert=invert).validate(str(path))


def max_auto_score(sources: list[Path]) -> float:
    """Points of all autograded test cells in the instructor sources."""
    return sum(
        cell_points(cell)
        for path in sources
        for cell in nbformat.read(path, as_version=4).cells
        if is_test_cell(cell)
    )


# --- (a) the solution scores full marks -----------------------------------------------------


@pytest.mark.parametrize("case", CASES)
def test_solution_passes_every_test(case: Case):
    assert case.sources, f"{case.assignment} has no notebooks"
    for source in case.sources:
        assert validate(source) == {}, f"{source} fails its own tests"


def test_validator_catches_a_broken_solution(tmp_path):
    broken = tmp_path / "tiny.ipynb"
    nb = nbformat.read(TINY / SOURCE_DIR / "tiny" / "tiny.ipynb", as_version=4)
    for cell in nb.cells:
        if nbgrader_meta(cell)["grade_id"] == "q1_answer":
            cell.source = cell.source.replace("return price_per_hour * hours", "return 0")
    nbformat.write(nb, broken)
    assert "failed" in validate(broken)


# --- (b) the blank student copy scores zero -------------------------------------------------


@pytest.mark.parametrize("case", CASES)
def test_blank_student_copy_passes_no_test(case: Case):
    for source in case.sources:
        student = case.student_copy(source)
        assert student.is_file(), f"{student} is missing: run `make exercises`"
        assert validate(student, invert=True) == {}, f"a test in {student} passes unanswered"


def test_inverted_validator_catches_a_test_that_passes_unanswered():
    # The solution stands in for a student copy whose tests pass without any work.
    assert "passed" in validate(TINY / SOURCE_DIR / "tiny" / "tiny.ipynb", invert=True)


# --- (c) the committed student copies are current -------------------------------------------


@pytest.fixture(scope="module")
def stale() -> dict[Path, Staleness]:
    """Each course dir's student copies compared with what its sources generate, all at once."""
    return {root: staleness(root) for root in {case.root for case in REAL_CASES}}


def staleness_of(found: Staleness, assignment: str) -> Staleness:
    """The part of a whole-course comparison under ``exercises/<assignment>/``."""
    prefix = f"{assignment}/"

    def mine(paths: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(p for p in paths if p.startswith(prefix))

    return Staleness(mine(found.modified), mine(found.missing), mine(found.extra))


@pytest.mark.parametrize("case", CASES)
def test_student_copies_are_current(case: Case, stale):
    found = staleness_of(stale[case.root], case.assignment)
    assert found.current, "\n".join([*found.lines(), "run `make exercises`"])


def test_a_stale_copy_is_reported_under_its_own_assignment_only():
    found = Staleness(
        modified=("spot/spot.ipynb",),
        missing=("spotty/a.ipynb", "ec2/ec2.ipynb"),
        extra=("spot/old.ipynb",),
    )
    assert staleness_of(found, "spot") == Staleness(
        modified=("spot/spot.ipynb",), extra=("spot/old.ipynb",)
    )
    assert staleness_of(found, "lambda").current


# --- (d) the nbgrader round trip through a gradebook ----------------------------------------


def wrong_submissions(case: Case) -> dict[str, tuple[Path, float]]:
    """Committed wrong submissions: name -> (notebook, expected automatic score)."""
    if not case.submissions.is_dir():
        return {}
    notebooks = {p.stem: p for p in sorted(case.submissions.glob("*.ipynb"))}
    expected_file = case.submissions / "expected.json"
    expected = json.loads(expected_file.read_text()) if expected_file.is_file() else {}
    assert set(expected) == set(notebooks), (
        f"{expected_file} must give a score for exactly the notebooks next to it"
    )
    return {name: (notebooks[name], float(expected[name])) for name in notebooks}


def submissions_of(case: Case) -> dict[str, list[Path]]:
    """Student -> notebooks: the solution, the committed blank copy, each wrong submission."""
    wrong = wrong_submissions(case)
    if wrong:
        assert len(case.sources) == 1, "wrong submissions need a one-notebook assignment"
    return {
        "solution": case.sources,
        "blank": [case.student_copy(s) for s in case.sources],
        **{name: [path] for name, (path, _) in wrong.items()},
    }


@dataclass(frozen=True)
class Autograded:
    """Automatic scores by (assignment, student), and the repo's gradebook before and after."""

    scores: dict[tuple[str, str], float]
    repo_gradebook: tuple[int | None, int | None]


def _mtime(path: Path) -> int | None:
    return path.stat().st_mtime_ns if path.exists() else None


@pytest.fixture(scope="module")
def autograded(tmp_path_factory) -> Autograded:
    """Every case autograded by one ``nbgrader autograde`` in a fresh course dir."""
    from nbgrader.api import Gradebook

    course = tmp_path_factory.mktemp("course")
    ids = [case.assignment for case in REAL_CASES]
    assert len(set(ids)) == len(ids), f"two cases share an assignment id: {ids}"
    submitted: dict[str, list[str]] = {}  # assignment -> students
    for case in REAL_CASES:
        aid = case.assignment
        shutil.copytree(case.root / SOURCE_DIR / aid, course / SOURCE_DIR / aid)
        for student, notebooks in submissions_of(case).items():
            folder = course / "autograder" / "submitted" / student / aid
            folder.mkdir(parents=True)
            for notebook, source in zip(notebooks, case.sources, strict=True):
                shutil.copy(notebook, folder / source.name)
            submitted.setdefault(aid, []).append(student)
    repo_gradebook = REPO / "autograder" / "gradebook.db"
    before = _mtime(repo_gradebook)
    db_url = f"sqlite:///{course / 'gradebook.db'}"
    db = f"--CourseDirectory.db_url={db_url}"  # never the repo's autograder/gradebook.db
    run_nbgrader(["generate_assignment", "*", "--force", db], course)
    run_nbgrader(["autograde", "*", "--force", db], course)
    with Gradebook(db_url) as gradebook:
        scores = {
            (aid, student): sum(
                grade.auto_score or 0.0
                for nb in gradebook.find_submission(aid, student).notebooks
                for grade in nb.grades
            )
            for aid, students in submitted.items()
            for student in students
        }
    return Autograded(scores, (before, _mtime(repo_gradebook)))


@pytest.mark.parametrize("case", CASES)
def test_autograde_round_trip(case: Case, autograded: Autograded):
    wrong = wrong_submissions(case)
    scores = {
        student: autograded.scores[case.assignment, student] for student in submissions_of(case)
    }
    top = max_auto_score(case.sources)
    assert top > 0
    assert scores["solution"] == pytest.approx(top)
    assert scores["blank"] == 0
    for name, (path, expected) in wrong.items():
        assert expected < top, f"{path} is meant to be wrong but expects full marks"
        assert scores[name] == pytest.approx(expected), f"{path} scored {scores[name]}"
    before, after = autograded.repo_gradebook
    assert after == before, "the round trip touched the repo's gradebook"
