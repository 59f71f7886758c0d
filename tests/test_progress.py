"""The start page's progress: notebooks run, self-checks recorded, practice via the hook."""

from __future__ import annotations

import json
import shutil
import sys
import textwrap
from pathlib import Path

import nbformat
import pytest

from aws_compute_course import progress
from aws_compute_course.selfcheck import QuestionResult, Report, Status
from aws_compute_course.topics import built

ROOT = Path(__file__).resolve().parents[1]
START_PAGE = ROOT / "course" / "00_start_here.ipynb"
NOON = 1_795_000_000.0  # 2026-11-18 11:06 UTC: that day in nearly every time zone


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch) -> Path:
    """Each test's own Jupyter data dir and learner name: the real ones are never touched."""
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("AWS_COURSE_LEARNER", "ada lovelace")
    return tmp_path / "data"


def spot_report() -> Report:
    return Report(
        "exercises/spot/spot.ipynb",
        (
            QuestionResult("q1", 2, Status.PASSED),
            QuestionResult("q2", 3, Status.FAILED, "wrong"),
            QuestionResult("q5", 1, Status.ANSWERED, verdict_hidden=True),
            QuestionResult("q6", 1, Status.NOT_ANSWERED, verdict_hidden=True),
        ),
    )


def test_a_topics_self_check_is_recorded_per_learner_under_the_data_dir(data_dir):
    path = progress.record_selfcheck(Path("ws/exercises/spot/spot.ipynb"), spot_report(), now=NOON)
    assert path == data_dir / "aws_compute_course" / "selfcheck-ada_lovelace.json"
    assert progress.read_selfchecks() == {
        "spot": {
            "checked_at": NOON,
            "questions": 2,
            "passed": 1,
            "points_passed": 2.0,
            "points_total": 5.0,
            "for_instructor": 2,
            "answered_for_instructor": 1,
            "all_passed": False,
        }
    }
    assert not list(path.parent.glob("*.tmp"))  # replaced whole, nothing left half-written


def test_only_a_topics_exercise_is_recorded(data_dir):
    assert progress.record_selfcheck(Path("tiny.ipynb"), spot_report()) is None
    assert not data_dir.exists()


def test_a_damaged_record_is_reported_and_never_written_over(data_dir):
    path = progress.record_path()
    path.parent.mkdir(parents=True)
    for damaged in ("{not json", json.dumps({"format": 99, "selfchecks": {}})):
        path.write_text(damaged)
        with pytest.raises(progress.ProgressError, match=str(path)):
            progress.record_selfcheck(Path("spot.ipynb"), spot_report())
        assert path.read_text() == damaged
    rows, notes = progress.course_progress(ROOT / "course")
    assert all(r.selfcheck is None for r in rows)
    assert notes[0].startswith(f"self-check record {path} is not a format-1 record")


def _workspace(tmp_path: Path) -> Path:
    """A learner workspace holding a never-run copy of every built topic's notebook."""
    ws = tmp_path / "ws"
    (ws / "course").mkdir(parents=True)
    (ws / ".course-sync.json").write_text("{}")
    for topic in built():
        shutil.copy(ROOT / topic.notebook, ws / topic.notebook)
    return ws


def _run_one_widget_cell(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    cell = next(c for c in nb.cells if "nbval-ignore-output" in c.metadata.get("tags", []))
    cell.execution_count = 7
    nbformat.write(nb, path)


def test_a_notebook_counts_as_run_once_a_cell_the_course_stores_unrun_has_run(tmp_path):
    ws = _workspace(tmp_path)
    spot = ws / "course" / "03_spot.ipynb"
    assert not progress.notebook_run(spot)  # as committed: other cells hold outputs already
    _run_one_widget_cell(spot)
    assert progress.notebook_run(spot)


def test_the_table_shows_notebooks_self_checks_and_practice_not_started(tmp_path):
    ws = _workspace(tmp_path)
    _run_one_widget_cell(ws / "course" / "03_spot.ipynb")
    (ws / "course" / "05_lambda.ipynb").write_text("not a notebook")
    (ws / "course" / "01_ec2.ipynb").unlink()
    progress.record_selfcheck(Path("spot.ipynb"), spot_report(), now=NOON)
    rows, notes = progress.course_progress(ws / "course")
    by_id = {r.topic.id: r for r in rows}
    assert [r.topic.id for r in rows] == [t.id for t in built()]
    assert (by_id["spot"].notebook, by_id["auto_scaling"].notebook) == ("run", "not run")
    assert (by_id["ec2"].notebook, by_id["lambda"].notebook) == ("no copy", "unreadable")
    assert notes == []
    text = progress.progress_markdown(rows, notes)
    assert (
        "| 03 | Spot Instances | run | 2026-11-18: 1 of 2 pass (2 of 5 points), "
        "1 of 2 answered | not started |"
    ) in text
    assert "| 02 | Auto Scaling | not run | not yet | not started |" in text
    assert f"**{len(rows)} topics**: notebooks run 1, exercises self-checked 1, " in text
    assert "topics practised 0." in text


def test_outside_a_workspace_notebooks_are_not_shown_and_a_note_says_why():
    rows, notes = progress.course_progress(ROOT / "course")
    assert {r.notebook for r in rows} == {""}
    assert "not in your workspace" in notes[-1]
    assert "| — | not yet | not started |" in progress.progress_markdown(rows, notes)


@pytest.fixture
def hook(tmp_path, monkeypatch):
    """Write a practice summary module (a new name each time) and return its hook name."""
    monkeypatch.syspath_prepend(str(tmp_path))
    written = []

    def write(body: str) -> str:
        name = f"fake_practice_{len(written)}"
        (tmp_path / f"{name}.py").write_text(textwrap.dedent(body))
        written.append(name)
        return f"{name}:topic_scores"

    yield write
    for name in written:
        sys.modules.pop(name, None)


def test_practice_scores_come_from_the_hook_when_the_practice_notebook_exists(tmp_path, hook):
    ws = _workspace(tmp_path)
    name = hook("def topic_scores():\n    return {'spot': (7, 10), 'lambda': (0, 0)}\n")
    rows, notes = progress.course_progress(ws / "course", hook=name)
    assert {r.topic.id: r.practice for r in rows if r.practice} == {}  # no practice notebook
    (ws / "course" / progress.PRACTICE_NOTEBOOK).write_text("{}")
    rows, notes = progress.course_progress(ws / "course", hook=name)
    assert {r.topic.id: r.practice for r in rows if r.practice} == {"spot": (7, 10)}
    assert "| 7 of 10 right |" in progress.progress_markdown(rows, notes)
    assert "topics practised 1." in progress.progress_markdown(rows, notes)


def test_a_missing_hook_means_not_started_and_a_failing_one_is_explained(tmp_path, hook):
    course = _workspace(tmp_path) / "course"
    (course / progress.PRACTICE_NOTEBOOK).write_text("{}")
    for missing in ("no_such_module_here:topic_scores", hook("x = 1\n")):
        assert progress.practice_scores(course, missing) == ({}, "")
    broken = hook("def topic_scores():\n    raise RuntimeError('progress file is damaged')\n")
    assert progress.practice_scores(course, broken) == (
        {},
        f"Practice scores cannot be shown ({broken}): progress file is damaged",
    )
    impossible = hook("def topic_scores():\n    return {'spot': (11, 10)}\n")
    scores, note = progress.practice_scores(course, impossible)
    assert scores == {} and "topic 'spot': 11 right of 10 answered" in note


def test_the_start_page_shows_the_table_in_a_cell_whose_output_nbval_ignores():
    nb = nbformat.read(START_PAGE, as_version=4)
    (cell,) = [c for c in nb.cells if "progress.show()" in c.source]
    assert cell.metadata["tags"] == ["nbval-ignore-output"]
    assert cell.outputs == [] and cell.execution_count is None  # committed without output
    shown = progress.show(START_PAGE.parent)
    assert shown.data.startswith("| # | Topic | Notebook | Exercise self-check (last) |")
    assert (START_PAGE.parent / "cheatsheets" / "00_course.md").is_file()
    assert "(cheatsheets/00_course.md)" in "".join(c.source for c in nb.cells)
