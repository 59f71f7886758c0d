"""Generating student copies with nbgrader, the stale check, and the hidden-checks comment.

Runs on the tiny fixture course (tests/fixtures/tiny), copied to a temp dir when a test
changes it; each nbgrader call takes about 1.3 s.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import nbformat
import pytest

from aws_compute_course.assignments import (
    AssignmentError,
    Staleness,
    assignment_ids,
    compare_trees,
    declared_hidden_checks,
    generate,
    hidden_check_counts,
    main,
    staleness,
)

TINY = Path(__file__).parent / "fixtures" / "tiny"
SOURCE = TINY / "solutions" / "tiny" / "tiny.ipynb"
STUDENT = TINY / "exercises" / "tiny" / "tiny.ipynb"


@pytest.fixture
def course(tmp_path: Path) -> Path:
    """A writable copy of the tiny course (solutions/ and exercises/)."""
    root = tmp_path / "course"
    for folder in ("solutions", "exercises"):
        shutil.copytree(TINY / folder, root / folder)
    return root


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> nbformat.NotebookNode:
    """The tiny student copy, freshly generated into a temp dir."""
    into = tmp_path_factory.mktemp("generated")
    written = generate(TINY, into=into)
    assert written == [into / "tiny" / "tiny.ipynb"]
    return nbformat.read(written[0], as_version=4)


def sources_by_id(nb: nbformat.NotebookNode) -> dict[str, str]:
    return {cell.metadata["nbgrader"]["grade_id"]: cell.source for cell in nb.cells}


def edit_cell(path: Path, grade_id: str, source: str) -> None:
    nb = nbformat.read(path, as_version=4)
    (cell,) = (c for c in nb.cells if c.metadata["nbgrader"]["grade_id"] == grade_id)
    cell.source = source
    nbformat.write(nb, path)


# --- generate -------------------------------------------------------------------------------


@pytest.mark.notebooks
def test_generated_copy_has_no_solutions_or_hidden_tests(generated):
    everything = "\n".join(sources_by_id(generated).values())
    for gone in ("BEGIN HIDDEN TESTS", "BEGIN SOLUTION", "return price_per_hour * hours"):
        assert gone not in everything
    for gone in ('PRICES["b"], 100', 'answer_q2, "A"', "Rubric"):
        assert gone not in everything  # hidden checks and the rubric
    cells = sources_by_id(generated)
    assert "raise NotImplementedError()" in cells["q1_answer"]
    assert "raise NotImplementedError()" in cells["q2_answer"]
    assert cells["q3_design"] == "YOUR ANSWER HERE"
    assert "# Hidden checks: 2" in cells["q1_cost"]
    assert (
        'check_close(monthly_cost(0.1, 730), 73.0, "cost of 730 h at $0.10/h")' in cells["q1_cost"]
    )
    assert all(not c.get("outputs") for c in generated.cells)
    assert (generated.nbformat, generated.nbformat_minor) == (4, 5)
    assert [c.id for c in generated.cells] == [c.id for c in nbformat.read(SOURCE, 4).cells]


@pytest.mark.notebooks
def test_generate_in_place_rewrites_exercises_and_drops_extra_files(course, capsys):
    extra = course / "exercises" / "tiny" / "leftover.txt"
    extra.write_text("from an older version")
    (course / "exercises" / "tiny" / "tiny.ipynb").unlink()
    assert main(["--root", str(course), "generate", "--assignment", "tiny"]) == 0
    assert "wrote " in capsys.readouterr().out
    assert not extra.exists()
    assert (course / "exercises" / "tiny" / "tiny.ipynb").read_bytes() == STUDENT.read_bytes()


# --- stale ----------------------------------------------------------------------------------


@pytest.mark.notebooks
def test_stale_passes_on_the_committed_fixture(capsys):
    assert main(["--root", str(TINY), "stale"]) == 0
    assert "exercises/ is current" in capsys.readouterr().out


def _modify(course: Path) -> None:
    path = course / "exercises" / "tiny" / "tiny.ipynb"
    path.write_text(path.read_text().replace("Q1 (2 points)", "Q1 (3 points)"))


def _source_changed(course: Path) -> None:
    edit_cell(course / "solutions" / "tiny" / "tiny.ipynb", "q1_prompt", "## Q1, reworded")


def _missing(course: Path) -> None:
    (course / "exercises" / "tiny" / "tiny.ipynb").unlink()


def _extra(course: Path) -> None:
    (course / "exercises" / "gone").mkdir()
    (course / "exercises" / "gone" / "gone.ipynb").write_text("{}")


@pytest.mark.notebooks
@pytest.mark.parametrize(
    ("breakage", "only", "expected"),
    [
        (_modify, [], Staleness(modified=("tiny/tiny.ipynb",))),
        (_source_changed, ["--assignment", "tiny"], Staleness(modified=("tiny/tiny.ipynb",))),
        (_missing, ["--assignment", "tiny"], Staleness(missing=("tiny/tiny.ipynb",))),
        (_extra, [], Staleness(extra=("gone/gone.ipynb",))),
    ],
    ids=["student-copy-edited", "source-edited", "missing", "extra"],
)
def test_stale_detects_a_broken_student_copy(course, capsys, breakage, only, expected):
    breakage(course)
    assert main(["--root", str(course), "stale", *only]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [*expected.lines(), out[-1]]  # exactly the broken file, of the right kind
    assert "make exercises" in out[-1]


def test_compare_trees_ignores_checkpoints_and_reports_each_kind(tmp_path):
    fresh, committed = tmp_path / "fresh", tmp_path / "committed"
    for folder, files in {
        fresh: {"a/a.ipynb": "1", "a/data.csv": "x", "b/b.ipynb": "2"},
        committed: {"a/a.ipynb": "1", "a/data.csv": "y", "c/c.ipynb": "3"},
    }.items():
        for name, text in files.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(text)
    (committed / "a" / ".ipynb_checkpoints").mkdir()
    (committed / "a" / ".ipynb_checkpoints" / "a-checkpoint.ipynb").write_text("old")
    assert compare_trees(fresh, committed) == Staleness(
        modified=("a/data.csv",), missing=("b/b.ipynb",), extra=("c/c.ipynb",)
    )
    assert compare_trees(fresh, fresh).current


# --- hidden-check comments ------------------------------------------------------------------


def test_hidden_check_counts_of_the_fixture():
    assert hidden_check_counts(SOURCE) == {"q1_cost": 2, "q2_choice": 1}


def test_declared_hidden_checks_reads_the_student_copy():
    cells = sources_by_id(nbformat.read(STUDENT, as_version=4))
    assert declared_hidden_checks(cells["q1_cost"]) == 2
    assert declared_hidden_checks(cells["q2_choice"]) == 1
    assert declared_hidden_checks(cells["q1_answer"]) == 0


Q1 = "check_close(monthly_cost(0.1, 730), 73.0, 'visible')\n"
HIDDEN = "### BEGIN HIDDEN TESTS\ncheck_equal(monthly_cost(0, 1), 0, 'a')\n### END HIDDEN TESTS"


@pytest.mark.parametrize(
    ("source", "message"),
    [
        (
            Q1 + "# Hidden checks: 2\n" + HIDDEN,
            "says '# Hidden checks: 2' but its hidden block has 1",
        ),
        (Q1 + HIDDEN, "must be '# Hidden checks: 1'"),
        (Q1 + "# Hidden checks: 1\n\n" + HIDDEN, "must be '# Hidden checks: 1'"),
        (Q1 + "# Hidden checks: 1\n" + HIDDEN + "\n# Hidden checks: 1", "not right above"),
        (
            Q1 + "# Hidden checks: 1\n### BEGIN HIDDEN TESTS\nassert True\n### END HIDDEN TESTS",
            "assert",
        ),
        (Q1 + "### BEGIN HIDDEN TESTS\ncheck_equal(1, 1, 'x')", "without 'END HIDDEN TESTS'"),
        (
            Q1 + "# Hidden checks: 1\n### BEGIN HIDDEN TESTS\ncheck_equal(\n### END HIDDEN TESTS",
            "parse",
        ),
        (Q1 + "for p in [0, 1]:\n    check_equal(monthly_cost(p, 1), p, 'x')", "top-level"),
    ],
    ids=[
        "wrong-count",
        "no-comment",
        "not-right-above",
        "stray",
        "assert",
        "unclosed",
        "syntax",
        "check-in-a-loop",
    ],
)
def test_hidden_check_counts_rejects_a_wrong_comment(tmp_path, source, message):
    path = tmp_path / "tiny.ipynb"
    shutil.copy(SOURCE, path)
    edit_cell(path, "q1_cost", source)
    with pytest.raises(ValueError, match="q1_cost") as info:
        hidden_check_counts(path)
    assert message in str(info.value)
    assert str(path) in str(info.value)


def test_generate_refuses_a_source_with_a_wrong_comment(course, capsys):
    path = course / "solutions" / "tiny" / "tiny.ipynb"
    edit_cell(path, "q2_choice", "check_in(answer_q2, ['A'], 'x')\n# Hidden checks: 5\n" + HIDDEN)
    assert main(["--root", str(course), "generate"]) == 2
    err = capsys.readouterr().err
    assert "q2_choice" in err
    assert "Hidden checks: 5" in err
    assert (course / "exercises" / "tiny" / "tiny.ipynb").read_bytes() == STUDENT.read_bytes()


# --- bad input ------------------------------------------------------------------------------


def test_unknown_assignment_is_named(capsys):
    assert main(["--root", str(TINY), "generate", "--assignment", "nope"]) == 2
    err = capsys.readouterr().err
    assert "unknown assignment 'nope'" in err
    assert "tiny" in err
    with pytest.raises(AssignmentError, match="unknown assignment 'nope'"):
        staleness(TINY, "nope")


def test_missing_solutions_dir_is_named(tmp_path, capsys):
    assert main(["--root", str(tmp_path), "stale"]) == 2
    assert f"{tmp_path / 'solutions'}: no such directory" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("{not json", "not valid JSON"),
        (json.dumps({"cells": []}), "not a Jupyter notebook"),
        (json.dumps({"nbformat": 4, "nbformat_minor": 5, "cells": [{}]}), "not a valid notebook"),
    ],
    ids=["invalid-json", "not-a-notebook", "invalid-nbformat"],
)
def test_a_broken_source_notebook_is_named(course, capsys, text, problem):
    broken = course / "solutions" / "tiny" / "tiny.ipynb"
    broken.write_text(text)
    assert main(["--root", str(course), "generate"]) == 2
    err = capsys.readouterr().err
    assert f"{broken}: {problem}" in err
    assert err.count("\n") == 1  # one line, no traceback


@pytest.mark.notebooks
def test_an_nbgrader_failure_is_reported(course):
    # nbgrader itself rejects an unclosed solution region; its log tail is in the error.
    edit_cell(
        course / "solutions" / "tiny" / "tiny.ipynb", "q2_answer", "### BEGIN SOLUTION\nx = 1"
    )
    with pytest.raises(AssignmentError, match="nbgrader generate_assignment failed"):
        generate(course)


def test_assignment_ids_lists_only_folders_with_notebooks(tmp_path):
    for name in ("b", "a", ".hidden", "_draft", "empty"):
        (tmp_path / "solutions" / name).mkdir(parents=True)
    for name in ("a", "b", ".hidden", "_draft"):
        (tmp_path / "solutions" / name / f"{name}.ipynb").write_text("{}")
    assert assignment_ids(tmp_path) == ["a", "b"]
