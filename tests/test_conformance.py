"""The standard of a built topic, checked for every topic that is built or has started.

One test per topic lists every part it lacks (``conformance.missing_parts``); a second runs
the class grader on its solution, its blank student copy and its committed wrong
submissions. nbgrader's own autograde of the same three is ``test_assignment_roundtrip``.
"""

import importlib
import io
import json
import shutil
from pathlib import Path

import nbformat
import pytest

from aws_compute_course import conformance, facts, topics
from aws_compute_course.assignments import assignment_ids, cell_points, is_test_cell
from aws_compute_course.grading import batch, sandbox
from aws_compute_course.quiz import bank_problems, validate_bank
from aws_compute_course.widgets import registered

ROOT = Path(__file__).resolve().parent.parent
UNDER_STANDARD = [t for t in topics.all_topics() if conformance.started(t, ROOT)]
GRADED = [t for t in UNDER_STANDARD if (ROOT / t.solution).is_file()]
LIMITS = sandbox.Limits(cell_seconds=20, notebook_seconds=180, memory_mb=1536)


def bank_of(t: topics.Topic) -> tuple:
    try:
        module = importlib.import_module(f"{t.module}.questions")
    except ModuleNotFoundError:
        return ()
    return validate_bank(module.QUESTIONS)


def explorables_of(t: topics.Topic) -> int:
    return sum(1 for entry in registered() if entry.topic == t.id)


def facts_of(t: topics.Topic) -> int:
    return len(facts.facts_for(t.id))


@pytest.mark.parametrize("t", UNDER_STANDARD, ids=lambda t: t.id)
def test_topic_has_every_part_of_the_standard(t):
    bank = bank_of(t)
    lacks = conformance.missing_parts(
        t,
        ROOT,
        facts=facts_of(t),
        questions=len(bank),
        explorables=explorables_of(t),
        question_problems=bank_problems(bank) if bank else (),
    )
    assert not lacks, f"topic {t.id!r} ({t.status}) still lacks:\n" + "\n".join(
        f"  - {part}" for part in lacks
    )


def test_every_assignment_is_a_registered_topic():
    ids = {t.id for t in topics.all_topics()}
    assert set(assignment_ids(ROOT)) <= ids


# --- the standard measured on a copy of a built topic, part by part ------------------------


def spot_copy(root: Path) -> topics.Topic:
    """Spot's files copied into ``root``: a complete topic to take parts away from."""
    t = topics.topic("spot")
    for rel in (t.notebook, t.solution, t.exercise, t.submissions):
        src, dst = ROOT / rel, root / rel
        dst.parent.mkdir(parents=True, exist_ok=True)
        (shutil.copytree if src.is_dir() else shutil.copy)(src, dst)
    shutil.copytree(t.folder, conformance.package_folder(t, root))
    return t


def _drop_quiz(root: Path, t: topics.Topic) -> None:
    path = root / t.notebook
    nb = nbformat.read(path, as_version=4)
    nb.cells = [c for c in nb.cells if "quiz(" not in c.source]
    nbformat.write(nb, path)


def _jupyter_model(root: Path, t: topics.Topic) -> None:
    model = conformance.package_folder(t, root) / "fleet.py"
    model.write_text("import ipywidgets\n" + model.read_text())


BREAKAGES = {
    "no course notebook": (lambda r, t: (r / t.notebook).unlink(), "a course notebook"),
    "no quiz": (_drop_quiz, "calling quiz(...)"),
    "no solution": (lambda r, t: (r / t.solution).unlink(), "a solution notebook"),
    "no student copy": (lambda r, t: (r / t.exercise).unlink(), "a generated student copy"),
    "no wrong submission": (
        lambda r, t: (r / t.submissions / "expected.json").unlink(),
        "a committed wrong submission",
    ),
    "expected.json out of step": (
        lambda r, t: (r / t.submissions / "expected.json").write_text(json.dumps({"x": 1})),
        "must give a score for exactly the notebooks",
    ),
    "no facts file": (
        lambda r, t: (conformance.package_folder(t, r) / "facts.toml").unlink(),
        "a facts file",
    ),
    "no question bank": (
        lambda r, t: (conformance.package_folder(t, r) / "questions.py").unlink(),
        "a question bank",
    ),
    "a model imports Jupyter": (_jupyter_model, "models importable without Jupyter"),
    "a placeholder left": (
        lambda r, t: (r / t.solution).write_text((r / t.solution).read_text() + " SCAFFOLD"),
        "still holds SCAFFOLD placeholders",
    ),
}


def test_a_complete_copy_of_a_built_topic_lacks_nothing(tmp_path):
    t = spot_copy(tmp_path)
    assert conformance.missing_parts(t, tmp_path, facts=1, questions=1, explorables=3) == []


@pytest.mark.parametrize("breakage", BREAKAGES)
def test_each_missing_part_is_named(tmp_path, breakage):
    t = spot_copy(tmp_path)
    damage, phrase = BREAKAGES[breakage]
    damage(tmp_path, t)
    lacks = conformance.missing_parts(t, tmp_path, facts=1, questions=1, explorables=3)
    assert any(phrase in part for part in lacks), lacks


def test_counts_found_through_the_package_are_held_to_the_standard(tmp_path):
    t = spot_copy(tmp_path)
    lacks = conformance.missing_parts(t, tmp_path, facts=0, questions=0, explorables=2)
    assert lacks == [
        "facts (none registered for 'spot')",
        "scenario questions (QUESTIONS is empty)",
        "at least 3 registered explorables (has 2)",
    ]


def test_nothing_is_asked_of_a_planned_topic_that_has_not_started(tmp_path):
    planned = topics.parse_row(
        {
            "number": 42,
            "id": "planned_one",
            "title": "T",
            "covers": "c",
            "highlights": "h",
            "status": "planned",
        },
        "test",
    )
    assert not conformance.started(planned, tmp_path)
    (tmp_path / "course").mkdir()
    (tmp_path / planned.notebook).write_text("{}")
    assert conformance.started(planned, tmp_path)
    assert not any(conformance.started(t, ROOT) for t in topics.all_topics() if not t.built)


# --- our grader gives every built topic's submissions their expected scores -----------------


def max_auto_score(t: topics.Topic) -> float:
    cells = nbformat.read(ROOT / t.solution, as_version=4).cells
    return sum(cell_points(c) for c in cells if is_test_cell(c))


@pytest.fixture(scope="module")
def gradebook(tmp_path_factory) -> str:
    """One gradebook for every topic's grading (each its own assignment in it).

    nbgrader runs ``alembic`` in a new process to create a gradebook (about 1.5 s of CPU);
    this way it does so once, not once per topic.
    """
    return f"sqlite:///{tmp_path_factory.mktemp('gradebook') / 'gradebook.db'}"


@pytest.mark.notebooks
@pytest.mark.parametrize("t", GRADED, ids=lambda t: t.id)
def test_our_grader_scores_solution_blank_and_wrong_submissions(t, tmp_path, gradebook):
    for folder in ("solutions", "exercises"):
        shutil.copytree(ROOT / folder / t.id, tmp_path / folder / t.id)
    wrong = conformance.wrong_submissions(t, ROOT)
    expected = {"solution": max_auto_score(t), "blank": 0.0}
    expected |= {name: score for name, (_, score) in wrong.items()}
    sources = {"solution": ROOT / t.solution, "blank": ROOT / t.exercise}
    sources |= {name: path for name, (path, _) in wrong.items()}
    for student, path in sources.items():
        folder = tmp_path / "autograder" / "submitted" / student / t.id
        folder.mkdir(parents=True)
        shutil.copy(path, folder / Path(t.solution).name)
    results = batch.grade_class(
        batch.Course(tmp_path, t.id),
        workers=2,
        limits=LIMITS,
        db_url=gradebook,
        out=io.StringIO(),
        err=io.StringIO(),
    )
    scores = {r.student: (r.score, r.ungradable) for r in results}
    assert scores == {student: (score, {}) for student, score in expected.items()}
