"""The grading engine and the class grader, on the Spot assignment and on small inputs."""

import csv
import dataclasses
import io
import json
import shutil
import time
from pathlib import Path

import pytest

from aws_compute_course.grading import batch, engine, sandbox
from aws_compute_course.grading.plan import PlanError, plan_file
from aws_compute_course.testcells import ConventionError, parse_test_cell

ROOT = Path(__file__).resolve().parent.parent
SOLUTION = ROOT / "solutions" / "spot" / "spot.ipynb"
BLANK = ROOT / "exercises" / "spot" / "spot.ipynb"
PARTLY_WRONG = ROOT / "tests" / "submissions" / "spot" / "partly_wrong.ipynb"
LIMITS = sandbox.Limits(cell_seconds=20, notebook_seconds=120, memory_mb=1536)

pytestmark = pytest.mark.notebooks


# --- plans ----------------------------------------------------------------------------------


def test_parse_test_cell_splits_visible_and_hidden():
    checks = parse_test_cell(
        "from aws_compute_course.checks import check_close\n"
        "check_close(f(1), 2.0, 'one', rel=1e-3)\n"
        "# Hidden checks: 1\n### BEGIN HIDDEN TESTS\ncheck_equal(f(2), FIX['a'], 'two')\n"
        "### END HIDDEN TESTS\n",
        "cell",
    )
    assert [(c.actual, c.expected, c.what, c.hidden) for c in checks] == [
        ("f(1)", "2.0", "one", False),
        ("f(2)", "FIX['a']", "two", True),
    ]
    assert checks[0].options == {"rel": 1e-3}


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("assert f(1) == 2", "'assert' in a test cell"),
        ("x = 1\ncheck_equal(x, 1, 'x')", "line 1: a test cell may hold only imports and"),
        ("check_equal(f(1), 2, what)", "string literal"),
        ("check_equal(f(1), 2)", "takes"),
        ("check_close(f(1), 2, 'x', rel=TOL)", "literal"),
        ("check_equal(f(1), 2, 'x'", "does not parse"),
    ],
)
def test_parse_test_cell_rejects_what_the_grader_cannot_trust(source, message):
    with pytest.raises(ConventionError, match=message):
        parse_test_cell(source, "cell")


def test_spot_plan_reads_every_question():
    plan = plan_file(SOLUTION)
    assert plan.max_auto_score == 14
    assert [g for g, _ in plan.manual] == ["q9_answer"]
    assert all(q.visible and any(c.hidden for c in q.checks) for q in plan.questions)


def test_limits_are_validated():
    with pytest.raises(ValueError, match="memory_mb"):
        sandbox.Limits(memory_mb=0)
    with pytest.raises(ValueError, match="cell_seconds"):
        sandbox.Limits(cell_seconds=-1)


# --- the engine -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def spot():
    plan = plan_file(SOLUTION)
    sandboxed = sandbox.isolation()[0]
    return plan, engine.expected_values(plan, LIMITS, sandboxed), sandboxed


@pytest.mark.parametrize(("path", "score"), [(SOLUTION, 14), (BLANK, 0), (PARTLY_WRONG, 11)])
def test_engine_scores_agree_with_nbgrader_reference(spot, path, score):
    plan, expected, sandboxed = spot
    result = engine.grade_notebook(path, plan, expected, LIMITS, sandboxed)
    assert result.score == score
    assert result.max_score == 14


@pytest.mark.parametrize(
    ("level", "shown", "not_shown"),
    [
        ("result", "Q2 exactly 75% uptime: not the expected answer", ["0.041", "got"]),
        ("answer", "Q2 exactly 75% uptime: got 0.042, not the expected answer", ["0.041"]),
        ("expected", "Q2 exactly 75% uptime: expected 0.041", []),
    ],
)
def test_hidden_failures_show_what_the_assignment_allows_never_the_source(
    spot, level, shown, not_shown
):
    plan, expected, sandboxed = spot
    plan = dataclasses.replace(plan, hidden_feedback=level)
    result = engine.grade_notebook(PARTLY_WRONG, plan, expected, LIMITS, sandboxed)
    q2 = next(q for q in result.questions if q.grade_id == "q2_tests")
    failed = [c for c in q2.checks if not c.passed]
    assert failed and all(c.hidden for c in failed)
    assert any(c.message.startswith(shown) for c in failed), [c.message for c in failed]
    assert not any(word in c.message for c in failed for word in not_shown)
    assert not any("lowest_max_price(" in c.message for c in failed)  # never the source
    visible = [c for c in result.questions[0].checks if not c.hidden]
    assert visible  # visible checks pass here; their messages are never cut (see selfcheck)


def test_unreadable_submission_is_ungradable(tmp_path, spot):
    plan, expected, sandboxed = spot
    broken = tmp_path / "spot.ipynb"
    broken.write_text(SOLUTION.read_text()[:500])
    with pytest.raises(engine.Ungradable, match="not valid JSON"):
        engine.grade_notebook(broken, plan, expected, LIMITS, sandboxed)


# --- the class grader -----------------------------------------------------------------------


@pytest.fixture
def course(tmp_path):
    for folder in ("solutions", "exercises"):
        shutil.copytree(ROOT / folder / "spot", tmp_path / folder / "spot")
    for student, source in (("alice", SOLUTION), ("bob", BLANK), ("carol", PARTLY_WRONG)):
        target = tmp_path / "autograder" / "submitted" / student / "spot"
        target.mkdir(parents=True)
        shutil.copy(source, target / "spot.ipynb")
    return batch.Course(tmp_path, "spot")


def _gradebook_scores(course):
    from nbgrader.api import Gradebook

    with Gradebook(course.default_db()) as gb:
        return {
            s.student.id: (s.score, s.max_score, s.needs_manual_grade)
            for s in gb.assignment_submissions("spot")
        }


def test_grade_class_records_scores_csv_and_autograded_notebooks(course):
    out, err = io.StringIO(), io.StringIO()
    export = course.root / "grades.csv"
    batch.grade_class(course, workers=2, limits=LIMITS, export=export, out=out, err=err)
    assert "carol" in out.getvalue() and "11/14" in out.getvalue()
    rows = {r["student"]: r for r in csv.DictReader(export.open())}
    assert {s: rows[s]["auto_score"] for s in rows} == {"alice": "14", "bob": "0", "carol": "11"}
    scores = _gradebook_scores(course)
    assert {s: v[0] for s, v in scores.items()} == {"alice": 14, "bob": 0, "carol": 11}
    assert scores["bob"][1] == 19  # 14 automatic + 5 by hand
    # alice answered the design question: it waits for the instructor; bob left it blank.
    assert scores["alice"][2] and not scores["bob"][2]
    autograded = (course.autograded / "carol" / "spot" / "spot.ipynb").read_text()
    assert "(hidden) Q2 exactly 75% uptime" in autograded
    assert "BEGIN HIDDEN TESTS" not in autograded

    # Idempotent: grading again changes nothing and adds no second submission.
    batch.grade_class(course, workers=1, limits=LIMITS, out=io.StringIO(), err=io.StringIO())
    assert _gradebook_scores(course) == scores


def test_grade_class_rejects_unknown_student_and_assignment(course):
    with pytest.raises(PlanError, match="zed"):
        batch.grade_class(
            course, students=["zed"], limits=LIMITS, out=io.StringIO(), err=io.StringIO()
        )
    assert batch.main(["nosuch", "--root", str(course.root)]) == 2


def test_without_sandbox_the_grader_warns(course):
    err = io.StringIO()
    batch.grade_class(
        course, students=["carol"], limits=LIMITS, use_sandbox=False, out=io.StringIO(), err=err
    )
    warning = err.getvalue()
    assert warning.startswith("WARNING: PARTIAL isolation, sandbox disabled (--no-sandbox).")
    assert "NOT protected: a submission can read and write every file this user can" in warning
    assert "every process a submission starts ends with its grading" in warning


def test_the_notebook_time_limit_counts_first_runs_and_stops_what_is_left(tmp_path):
    tiny = ROOT / "tests" / "fixtures" / "tiny"
    plan = plan_file(tiny / "solutions" / "tiny" / "tiny.ipynb")
    limits = sandbox.Limits(cell_seconds=20, notebook_seconds=2)
    sandboxed = sandbox.isolation()[0]
    expected = engine.expected_values(plan, limits, sandboxed)
    nb = json.loads((tiny / "exercises" / "tiny" / "tiny.ipynb").read_text())
    nb["cells"][3]["source"] = "import time\ntime.sleep(30)"  # q1_answer: over the 2 s
    path = tmp_path / "tiny.ipynb"
    path.write_text(json.dumps(nb))
    started = time.monotonic()
    result = engine.grade_notebook(path, plan, expected, limits, sandboxed)
    assert time.monotonic() - started < 15  # no restart, no 20 s cell limit
    assert result.score == 0
    assert "answer cell 'q1_answer': the notebook ran out of time (2 s of cells)" in result.problems
    assert all("ran out of time" in c.message for q in result.questions for c in q.checks)
