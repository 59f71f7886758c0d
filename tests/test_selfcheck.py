"""The learner's self-check: per-question results, the report, exit codes, bad input.

The first half builds engine results by hand (nothing runs); the tests marked
``notebooks`` run the tiny fixture assignment through the grading engine.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from aws_compute_course import progress, selfcheck
from aws_compute_course.grading import engine
from aws_compute_course.selfcheck import (
    ManualAnswer,
    QuestionResult,
    Report,
    Status,
    main,
    nbgrader_checksum,
    render,
    report_from,
)

TINY = Path(__file__).parent / "fixtures" / "tiny"
SOURCE = TINY / "solutions" / "tiny" / "tiny.ipynb"
STUDENT = TINY / "exercises" / "tiny" / "tiny.ipynb"
WRONG_COST = TINY / "submissions" / "tiny" / "wrong_cost.ipynb"


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch) -> Path:
    """Self-checks record results under the Jupyter data dir: a scratch one per test."""
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path / "jupyter-data"))
    return tmp_path / "jupyter-data"


# --- turning engine results into the report (no kernel) -----------------------------------


def _meta(grade_id: str, **flags) -> dict:
    meta = {"grade": False, "solution": False, "locked": False, "schema_version": 3}
    return {"nbgrader": {**meta, "grade_id": grade_id, **flags}}


def graded(grade_id: str, points: float = 1, source: str = "check_equal(x, 1, 'x')"):
    return new_code_cell(source, metadata=_meta(grade_id, grade=True, locked=True, points=points))


def manual(grade_id: str, points: float) -> dict:
    meta = _meta(grade_id, grade=True, solution=True, points=points)
    return new_markdown_cell("YOUR ANSWER HERE", metadata=meta)


def result(grade_id: str, *messages: str, points: float = 1, note: str = ""):
    """An engine result: one check per message, passing where the message is empty."""
    checks = tuple(engine.CheckResult("x", False, not m, m) for m in messages or ("",))
    score = points if all(c.passed for c in checks) else 0.0
    return engine.QuestionResult(grade_id, points, score, checks, note)


def report(cells, *questions, problems=()):
    nb = new_notebook(cells=list(cells))
    outcome = engine.NotebookResult("nb.ipynb", tuple(questions), {}, tuple(problems))
    return report_from(nb, outcome, "nb.ipynb")


def test_each_question_is_passed_failed_or_not_answered():
    got = report(
        [graded("t1"), graded("t2"), graded("t3")],
        result("t1"),
        result("t2", "x: expected 1, got 2"),
        result("t3", "x: NameError: name 'x' is not defined", note="a1: NotImplementedError: "),
    )
    assert [(q.grade_id, q.status, q.message) for q in got.questions] == [
        ("t1", Status.PASSED, ""),
        ("t2", Status.FAILED, "x: expected 1, got 2"),
        ("t3", Status.NOT_ANSWERED, ""),
    ]


def test_a_stub_that_raises_only_when_called_is_not_answered():
    got = report([graded("t")], result("t", "x: NotImplementedError: "))
    assert got.questions[0].status is Status.NOT_ANSWERED


def test_what_went_wrong_while_running_is_reported():
    got = report(
        [graded("t")],
        result("t", "x: timed out after 2 s"),
        problems=["answer cell 'a': timed out after 2 s"],
    )
    assert got.questions[0].status is Status.FAILED
    assert "While running: answer cell 'a': timed out after 2 s." in render(got)


def test_points_hidden_checks_and_manual_answers_are_collected():
    hidden = "check_equal(x, 1, 'x')\n# Hidden checks: 3"
    got = report(
        [graded("t1", points=2, source=hidden), graded("t2", points=1.5), manual("design", 4)],
        result("t1", points=2),
        result("t2", "x: expected 1, got 2", points=1.5),
    )
    assert [(q.grade_id, q.points, q.hidden_checks) for q in got.questions] == [
        ("t1", 2.0, 3),
        ("t2", 1.5, 0),
    ]
    assert got.manual == (ManualAnswer("design", 4.0),)
    assert (got.points_passed, got.points_total, got.hidden_checks) == (2.0, 3.5, 3)
    assert got.exit_code == 1


def test_an_edited_test_cell_is_flagged():
    nb = nbformat.read(STUDENT, as_version=4)
    tests = [
        c
        for c in nb.cells
        if c.metadata.get("nbgrader", {}).get("grade")
        and not c.metadata["nbgrader"].get("solution")
    ]
    outcome = engine.NotebookResult(
        "tiny.ipynb", tuple(result(c.metadata["nbgrader"]["grade_id"]) for c in tests), {}
    )
    assert not any(q.edited for q in report_from(nb, outcome, "tiny").questions)
    tests[0].source = "pass"
    assert [q.edited for q in report_from(nb, outcome, "tiny").questions] == [True, False]
    assert "this test cell was edited" in render(report_from(nb, outcome, "tiny"))


CHOICE = 'check_in(answer, ["A", "B", "C", "D"], "one of the options")'


@pytest.mark.parametrize(
    ("source", "hidden"),
    [
        (CHOICE + "\n# Hidden checks: 1", True),  # the exercises' multiple-choice cells
        ("# Hidden checks: 2", True),  # no visible check at all
        (CHOICE + "\ncheck_in(other, [1, 2], 'other')\n# Hidden checks: 1", True),
        (CHOICE, False),  # no hidden check: the membership is all that is graded
        ("check_equal(answer, 'C', 'the answer')\n# Hidden checks: 1", False),
        (CHOICE + "\ncheck_equal(n, 2, 'n')\n# Hidden checks: 1", False),
    ],
    ids=["choice", "only-hidden", "two-memberships", "no-hidden", "equal", "mixed"],
)
def test_a_verdict_is_hidden_when_visible_checks_only_test_membership(source, hidden):
    got = report([graded("q", source=source)], result("q"))
    question = got.questions[0]
    assert question.verdict_hidden is hidden
    assert question.status is (Status.ANSWERED if hidden else Status.PASSED)
    assert (got.points_passed, got.points_total) == ((0, 0) if hidden else (1, 1))


def test_a_hidden_verdict_question_is_answered_and_left_out_of_the_visible_score():
    choice = CHOICE + "\n# Hidden checks: 1"
    got = report(
        [graded("q1", points=2), graded("q5", source=choice), graded("q6", source=choice)],
        result("q1", points=2),
        result("q5"),
        result("q6", "one of the options: NotImplementedError: "),
    )
    assert [q.status for q in got.questions] == [
        Status.PASSED,
        Status.ANSWERED,
        Status.NOT_ANSWERED,
    ]
    text = render(got)
    assert "  ANSWERED      q5  1 point    graded by your instructor" in text
    assert "PASSED        q5" not in text
    assert "Visible checks: 1 of 1 questions pass, worth 2 of 2 points." in text
    assert (
        "Decided by hidden checks only: 1 of 2 questions answered, worth 2 points not "
        "counted above; your instructor grades them."
    ) in text
    assert got.exit_code == 1  # q6 is not answered yet
    assert report([graded("q5", source=choice)], result("q5")).exit_code == 0


def test_an_answer_outside_the_options_still_fails():
    got = report(
        [graded("q5", source=CHOICE + "\n# Hidden checks: 1")],
        result("q5", "one of the options: expected one of ['A', 'B', 'C', 'D'], got 'E'"),
    )
    assert got.questions[0].status is Status.FAILED
    assert got.exit_code == 1


@pytest.mark.parametrize("path", [SOURCE, STUDENT, WRONG_COST], ids=["source", "student", "sub"])
def test_checksum_matches_nbgraders(path):
    from nbgrader.utils import compute_checksum

    for cell in nbformat.read(path, as_version=4).cells:
        assert nbgrader_checksum(cell) == compute_checksum(cell)


def test_render_lists_results_totals_hidden_checks_and_manual_answers():
    report = Report(
        notebook="exercises/tiny/tiny.ipynb",
        questions=(
            QuestionResult("q1_cost", 2, Status.PASSED, hidden_checks=2),
            QuestionResult("q2", 1, Status.FAILED, "AssertionError: q2: expected 'A', got 'B'"),
            QuestionResult("q3_choice", 1, Status.NOT_ANSWERED, hidden_checks=1),
        ),
        manual=(ManualAnswer("q4_design", 2),),
    )
    text = render(report)
    assert text.splitlines()[0] == "Self-check of exercises/tiny/tiny.ipynb"
    assert "  PASSED        q1_cost    2 points" in text
    assert "  FAILED        q2         1 point    AssertionError: q2: expected 'A', got 'B'" in text
    assert "  NOT ANSWERED  q3_choice  1 point" in text
    assert "Visible checks: 1 of 3 questions pass, worth 2 of 4 points." in text
    assert "Hidden checks: 3 more remain for the instructor (q1_cost: 2, q3_choice: 1)" in text
    assert "Graded by the instructor: q4_design (2 points)." in text
    assert report.exit_code == 1
    passing = Report("nb", (QuestionResult("q1", 1, Status.PASSED),))
    assert passing.exit_code == 0
    assert "Fix the questions" not in render(passing)


# --- running the tiny assignment in a kernel ----------------------------------------------


def learner_copy(tmp_path: Path, source: Path, answers: dict[str, str] | None = None) -> Path:
    """Copy a notebook where a learner would have it, optionally with answers typed in."""
    path = tmp_path / "exercises" / "tiny" / "tiny.ipynb"
    path.parent.mkdir(parents=True)
    shutil.copy(source, path)
    if answers:
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            cell.source = answers.get(cell.metadata["nbgrader"]["grade_id"], cell.source)
        nbformat.write(nb, path)
    return path


def run_main(path: Path, capsys, *args: str) -> tuple[int, str]:
    before = path.read_bytes(), path.stat().st_mtime_ns
    code = main([str(path), *args])
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before  # never modified
    return code, capsys.readouterr().out


@pytest.mark.notebooks
def test_the_blank_student_copy_is_not_answered(tmp_path, capsys):
    code, out = run_main(learner_copy(tmp_path, STUDENT), capsys)
    assert code == 1
    assert "NOT ANSWERED  q1_cost    2 points" in out
    assert "NOT ANSWERED  q2_choice  1 point" in out
    assert "Visible checks: 0 of 1 questions pass, worth 0 of 2 points." in out
    assert "Decided by hidden checks only: 0 of 1 questions answered, worth 1 point" in out
    assert "Hidden checks: 3 more remain for the instructor (q1_cost: 2, q2_choice: 1)" in out
    assert "Graded by the instructor: q3_design (2 points)." in out


@pytest.mark.notebooks
def test_correct_answers_pass(tmp_path, capsys):
    answers = {
        "q1_answer": "def monthly_cost(price_per_hour, hours):\n    return price_per_hour * hours",
        "q2_answer": 'answer_q2 = "A"',
        "q3_design": "Option b may be the only one with enough memory.",
    }
    code, out = run_main(learner_copy(tmp_path, STUDENT, answers), capsys)
    assert code == 0, out
    assert "PASSED        q1_cost" in out
    assert "ANSWERED      q2_choice  1 point    graded by your instructor" in out
    assert "worth 2 of 2 points" in out
    assert "1 of 1 questions answered, worth 1 point not counted above" in out


@pytest.mark.notebooks
def test_a_wrong_letter_is_answered_not_passed(tmp_path, capsys):
    answers = {
        "q1_answer": "def monthly_cost(price_per_hour, hours):\n    return price_per_hour * hours",
        "q2_answer": 'answer_q2 = "B"',  # wrong: option a (A) is cheaper
    }
    code, out = run_main(learner_copy(tmp_path, STUDENT, answers), capsys)
    assert code == 0, out
    assert "ANSWERED      q2_choice  1 point    graded by your instructor" in out
    assert "PASSED        q2_choice" not in out
    assert "Visible checks: 1 of 1 questions pass, worth 2 of 2 points." in out


@pytest.mark.notebooks
def test_a_wrong_answer_shows_the_assertion_message(tmp_path, capsys):
    code, out = run_main(learner_copy(tmp_path, WRONG_COST), capsys)
    assert code == 1
    assert (
        "FAILED        q1_cost    2 points   cost of 730 h at $0.10/h: "
        "expected 73.0 (within rel=1e-06, abs_tol=1e-09), got 1752.0"
    ) in out
    assert "ANSWERED      q2_choice" in out


@pytest.mark.notebooks
def test_runs_with_the_files_next_to_it_with_a_timeout_and_ignores_stale_outputs(tmp_path, capsys):
    setup = new_code_cell(
        "from aws_compute_course.checks import check_equal", metadata=_meta("setup", locked=True)
    )
    reads = new_code_cell('found = open("marker.txt").read()', metadata=_meta("a1", solution=True))
    stale = graded("t1", source="check_equal(found, 'here', 'reads the file next to it')")
    stale.outputs = [nbformat.v4.new_output("error", ename="AssertionError", evalue="old")]
    loops = new_code_cell(
        "def slow():\n    while True:\n        pass", metadata=_meta("a2", solution=True)
    )
    nb = new_notebook(
        cells=[setup, reads, stale, loops, graded("t2", source="check_equal(slow(), 1, 'slow')")]
    )
    path = tmp_path / "elsewhere" / "nb.ipynb"
    path.parent.mkdir()
    (path.parent / "marker.txt").write_text("here")
    nbformat.write(nb, path)
    code, out = run_main(path, capsys, "--timeout", "2")
    assert code == 1
    assert "PASSED        t1" in out
    assert "FAILED        t2  1 point    slow: timed out after 2 s" in out
    assert not (path.parent / "job.json").exists()


@pytest.mark.notebooks
def test_self_check_and_class_grader_agree_on_visible_checks(tmp_path):
    from aws_compute_course.grading import sandbox
    from aws_compute_course.grading.plan import plan_file
    from aws_compute_course.selfcheck import check_notebook

    learner = check_notebook(learner_copy(tmp_path, WRONG_COST))
    plan = plan_file(SOURCE)
    limits = sandbox.Limits(cell_seconds=20)
    sandboxed = sandbox.isolation()[0]
    graded_ = engine.grade_notebook(
        WRONG_COST, plan, engine.expected_values(plan, limits, sandboxed), limits, sandboxed
    )
    for mine, theirs in zip(learner.questions, graded_.questions, strict=True):
        visible = [c for c in theirs.checks if not c.hidden]
        decided = mine.status in (Status.PASSED, Status.ANSWERED)
        assert decided == all(c.passed for c in visible), mine.grade_id


def test_a_topics_self_check_is_recorded_and_a_recording_failure_changes_nothing(
    tmp_path, capsys, monkeypatch, data_dir
):
    failing = Report("spot.ipynb", (QuestionResult("q1", 2, Status.FAILED, "wrong"),))
    monkeypatch.setattr(selfcheck, "check_notebook", lambda path, timeout: failing)
    path = tmp_path / "exercises" / "spot" / "spot.ipynb"
    record = progress.record_path()
    assert record.is_relative_to(data_dir)
    record.parent.mkdir(parents=True)
    record.write_text("{damaged")
    assert main([str(path)]) == 1
    captured = capsys.readouterr()
    assert "FAILED        q1" in captured.out
    assert captured.err.startswith(
        f"aws-course-check: this result was not recorded for your progress: self-check record "
        f"{record} cannot be read"
    )
    assert record.read_text() == "{damaged"
    record.unlink()
    assert main([str(path)]) == 1
    assert capsys.readouterr().err == ""
    assert progress.read_selfchecks()["spot"]["questions"] == 1


# --- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (None, "no such file"),
        ("{not json", "not valid JSON"),
        (json.dumps({"cells": []}), "not a Jupyter notebook"),
        (json.dumps({"nbformat": 4, "nbformat_minor": 5, "cells": [{}]}), "not a valid notebook"),
        (nbformat.writes(new_notebook(cells=[new_code_cell("1")])), "not an nbgrader assignment"),
    ],
    ids=["missing", "invalid-json", "not-a-notebook", "invalid-nbformat", "no-graded-cells"],
)
def test_bad_input_exits_2_with_one_line_naming_the_file(tmp_path, capsys, content, problem):
    path = tmp_path / "learner.ipynb"
    if content is not None:
        path.write_text(content)
    assert main([str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"aws-course-check: {path}: {problem}")
    assert captured.err.count("\n") == 1
    if content is not None:
        assert path.read_text() == content


def test_a_directory_is_bad_input(tmp_path, capsys):
    assert main([str(tmp_path)]) == 2
    assert "is a directory" in capsys.readouterr().err


def test_an_exercise_whose_own_cells_fail_exits_2(tmp_path, capsys):
    nb = nbformat.read(STUDENT, as_version=4)
    nb.cells.insert(0, new_code_cell("1 / 0", metadata=_meta("broken_setup", locked=True)))
    path = tmp_path / "learner.ipynb"
    nbformat.write(nb, path)
    assert main([str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"aws-course-check: {path}:") and "broken_setup" in err
