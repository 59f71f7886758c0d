"""A class of hostile and broken submissions, graded in one batch by ``aws-course-grade``.

``tests/grading_fixtures/class/cases.json`` lists one student per case, by the class of
problem it shows (the issue's items 1-9); ``why`` says what the case does and why its
outcome is what it is: a score out of 14, "ungradable" (saved as 0 with the reason),
"refused" (an id nbgrader cannot take: not graded) or "skipped" (not a student's folder).
A case's submission is its notebook in that folder, or is made at run time (``make``:
symbolic links, named pipes, files too big to commit); ``files`` are handed in beside it.

The whole class is graded once, by :func:`batch.grade_class` into a real gradebook with a
CSV export, in the sandbox this machine has. The one case that needs tight time limits
(``"limits": "tight"``) is graded at the same time, on its own. The tests below then read
what came out: the report, the gradebook, the autograded notebooks, the CSV, the processes
left, the named pipes opened. (The daemons are graded again without bubblewrap in
tests/test_grading_isolation.py; tests/class_submissions.py makes what is made at run time.)
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
import shutil
import threading
import time
from pathlib import Path

import nbformat
import pytest
from class_submissions import FIXTURES, PipeWatch, daemons_left, make

from aws_compute_course.grading import batch, engine, sandbox, submission
from aws_compute_course.grading.plan import plan_file

pytestmark = pytest.mark.notebooks

ROOT = Path(__file__).resolve().parent.parent
CASES: dict[str, dict] = json.loads((FIXTURES / "cases.json").read_text(encoding="utf-8"))
MAX_SCORE = 14
LIMITS = sandbox.Limits(
    cell_seconds=10, notebook_seconds=60, memory_mb=1024, submission_mb=3, max_cells=500
)
TIGHT = dataclasses.replace(LIMITS, cell_seconds=2.5, notebook_seconds=15)
MODEL_ANSWER = "**Model answer**"  # the first words of the instructor's Q9 answer


def student_of(name: str) -> str:
    return CASES[name].get("student", name)


# --- making the class -----------------------------------------------------------------------


@dataclasses.dataclass
class Graded:
    """Everything the class's grading produced."""

    course: batch.Course
    results: dict[str, batch.StudentResult]  # by student id
    report: str
    warnings: str
    csv_rows: list[dict]
    tight: engine.NotebookResult
    pipes: list[PipeWatch]
    parses: list[int]  # the size of every submission the grader parsed
    reads: list[tuple[str, int]]  # each notebook the grader read, and how often it parsed it
    daemons_left: list[str]
    seconds: float


@pytest.fixture(scope="module")
def graded(tmp_path_factory) -> Graded:
    base = tmp_path_factory.mktemp("class")
    course_root, outside = base / "course", base / "outside"
    outside.mkdir()
    for folder in ("solutions", "exercises"):
        shutil.copytree(ROOT / folder / "spot", course_root / folder / "spot")
    submitted = course_root / "autograder" / "submitted"
    pipes: list[PipeWatch] = []
    for name, case in CASES.items():
        if case.get("limits") == "tight":
            continue
        folder = submitted / student_of(name) / "spot"
        if "make" in case:
            make(case["make"], folder, course_root, outside, pipes)
        else:
            folder.mkdir(parents=True)
            shutil.copy(FIXTURES / case.get("notebook", f"{name}.ipynb"), folder / "spot.ipynb")
        for target, source in case.get("files", {}).items():
            shutil.copy(FIXTURES / "files" / source, folder / target)
    course = batch.Course(course_root, "spot")

    # The tight-limits case, graded alone at the same time.
    tight: dict = {}
    (name,) = (n for n, c in CASES.items() if c.get("limits") == "tight")
    slow = submission.read_path(FIXTURES / f"{name}.ipynb", TIGHT.submission_mb, TIGHT.max_cells)

    def grade_tight() -> None:
        plan = plan_file(course.source / "spot.ipynb")
        sandboxed = sandbox.isolation()[0]
        expected = engine.expected_values(plan, TIGHT, sandboxed)
        tight["result"] = engine.grade_notebook(slow, plan, expected, TIGHT, sandboxed)

    background = threading.Thread(target=grade_tight)
    background.start()

    parses: list[int] = []  # the size of every submission parsed
    reads: list[tuple[str, int]] = []  # each notebook read, and how often it was parsed
    real_parse, real_read, counted = submission.parse, submission.Folder.read, threading.local()

    def counting_parse(data: bytes, max_cells: int):
        parses.append(len(data))
        counted.n = getattr(counted, "n", 0) + 1
        return real_parse(data, max_cells)

    def counting_read(self, name: str, max_mb: int, max_cells: int):
        counted.n = 0
        try:
            return real_read(self, name, max_mb, max_cells)
        finally:
            reads.append((self.shown, counted.n))

    out, err = io.StringIO(), io.StringIO()
    export = base / "grades.csv"
    started = time.monotonic()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(submission, "parse", counting_parse)
        patch.setattr(submission.Folder, "read", counting_read)
        results = batch.grade_class(
            course, workers=2, limits=LIMITS, export=export, out=out, err=err
        )
    seconds = time.monotonic() - started
    background.join()
    daemons = daemons_left()
    for pipe in pipes:
        pipe.stop()
    return Graded(
        course,
        {r.student: r for r in results},
        out.getvalue(),
        err.getvalue(),
        list(csv.DictReader(export.open(encoding="utf-8"))),
        tight["result"],
        pipes,
        parses,
        reads,
        daemons,
        seconds,
    )


def _autograded(g: Graded, name: str) -> nbformat.NotebookNode:
    path = g.course.autograded / student_of(name) / "spot" / "spot.ipynb"
    return nbformat.read(path, as_version=4)


def _cell(nb: nbformat.NotebookNode, grade_id: str):
    return next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def _gradebook(g: Graded) -> dict[str, float]:
    from nbgrader.api import Gradebook

    with Gradebook(g.course.default_db()) as gb:
        return {s.student.id: s.score for s in gb.assignment_submissions("spot")}


# --- every case -----------------------------------------------------------------------------


def test_cases_file_matches_the_fixtures():
    made = {CASES[n].get("notebook", f"{n}.ipynb") for n in CASES if "make" not in CASES[n]}
    notebooks = {p.name for p in FIXTURES.glob("*.ipynb")}
    assert notebooks <= made | {"c3_reads_linked_files.ipynb"}
    assert all((FIXTURES / n).is_file() for n in made)
    assert next(iter(CASES)) == "correct"
    for name, case in CASES.items():
        assert case["class"] in range(10) and case["why"].strip(), name
        assert case["expect"] in ("score", "ungradable", "refused", "skipped"), name
        if case["expect"] == "score":
            assert 0 <= case["score"] <= MAX_SCORE, name
        else:
            assert case["reason_contains"].strip(), name
    assert {c["class"] for c in CASES.values()} == set(range(10))


@pytest.mark.parametrize("name", list(CASES), ids=list(CASES))
def test_case_is_graded_as_expected(graded, name):
    case = CASES[name]
    if case.get("limits") == "tight":
        assert graded.tight.score == case["score"], graded.tight.problems
        return
    student = student_of(name)
    if case["expect"] == "skipped":
        assert student not in graded.results
        (line,) = (x for x in graded.report.splitlines() if f"skipped submitted/{student}:" in x)
        assert case["reason_contains"] in line
        return
    res = graded.results[student]
    if case["expect"] == "refused":
        assert res.refused and case["reason_contains"] in res.not_saved
        assert student not in _gradebook(graded)
        return
    assert not res.not_saved, res.not_saved
    if case["expect"] == "ungradable":
        assert not res.notebooks
        assert case["reason_contains"] in res.ungradable["spot.ipynb"], res.ungradable
        assert _gradebook(graded)[student] == 0
        return
    assert not res.ungradable, res.ungradable
    nb_result = res.notebooks["spot.ipynb"]
    lost = {q.grade_id: [c.message for c in q.checks if not c.passed] for q in nb_result.questions}
    assert nb_result.score == case["score"], {k: v for k, v in lost.items() if v}
    assert _gradebook(graded)[student] == case["score"]
    assert _autograded(graded, name).cells  # written, readable


# --- 1. one submission never stops the class ------------------------------------------------


def test_every_student_has_one_line_and_everything_is_saved(graded):
    lines = graded.report.splitlines()
    for name, case in CASES.items():
        if case.get("limits") == "tight" or case["expect"] == "skipped":
            continue
        shown = batch.printable(student_of(name))
        assert sum(line.startswith(f"  {shown} ") for line in lines) == 1, shown
    assert not [r.student for r in graded.results.values() if r.not_saved and not r.refused]
    assert "NOT SAVED" not in graded.report
    assert {r["student"] for r in graded.csv_rows} >= {"correct", "c1_huge_int", "c1_deep_file"}


def test_a_value_that_breaks_the_comparison_fails_its_check_only(graded):
    q2 = graded.results["c1_huge_int"].notebooks["spot.ipynb"].questions[1]
    assert q2.score == 0 and all(not c.passed for c in q2.checks)
    assert "expected 0.05" in q2.checks[0].message  # visible: the whole message
    q4 = graded.results["c1_deep_value"].notebooks["spot.ipynb"].questions[3]
    assert "nested more than 100 levels deep" in q4.checks[0].message
    q1 = graded.results["c1_huge_int_digits"].notebooks["spot.ipynb"].questions[0]
    assert "an int of more than 12,000 bits" in q1.checks[0].message
    garbage = graded.results["c1_channel_garbage"].notebooks["spot.ipynb"]
    assert any("the runner did not write: ignored" in p for p in garbage.problems)


# --- 2. learner markdown is sanitised -------------------------------------------------------

# Markup that runs script or loads something (the payloads' text may stay, as inert text).
ACTIVE = re.compile(
    r"<(script|iframe|svg|object|embed|form|meta|base|style|math|img|details|link)\b"
    r"|<[^>]*\son\w+\s*="
    r"|<[^>]*\b(href|src|action|data|xlink:href)\s*=\s*[\"']?\s*(?!https?:|mailto:|#)[\w+.-]+:"
    r"|<[^>]*style\s*=\s*[\"'][^\"']*url\(",
    re.IGNORECASE,
)


@pytest.mark.parametrize(
    "name", ["c2_script_and_handlers", "c2_obfuscated_html", "c2_markdown_links"]
)
def test_design_answers_keep_markdown_and_lose_everything_active(graded, name):
    from nbconvert import HTMLExporter

    answer = _cell(_autograded(graded, name), "q9_answer").source
    assert not ACTIVE.search(answer), ACTIVE.search(answer)
    for kept in ("<strong>Compute.</strong>", "<em>Spot</em>", "<table>", "<code>", "<pre>"):
        assert kept in answer, kept
    assert '<a href="https://docs.aws.amazon.com/batch/' in answer
    assert "tex2jax_ignore" in answer
    # Rendered as formgrader and feedback render it, the learner's part stays inert.
    html, _ = HTMLExporter().from_notebook_node(_autograded(graded, name))
    part = html[html.index("aws-course-learner-answer") :][:20_000]
    part = part[: part.index("Before you hand in")]
    assert not ACTIVE.search(part), ACTIVE.search(part)


def test_html_in_a_value_stays_text_in_the_checks_message(graded):
    output = _cell(_autograded(graded, "c2_html_in_a_value"), "q5_tests").outputs[0]
    assert output.output_type == "stream" and "<script>" in output.text  # text, never markup


# --- 3. symbolic links are never followed ---------------------------------------------------


def test_no_linked_file_or_pipe_is_ever_opened_or_copied(graded):
    assert graded.pipes and not [p.path.name for p in graded.pipes if p.opened]
    for path in graded.course.autograded.rglob("*.ipynb"):
        assert MODEL_ANSWER not in path.read_text(), path
    assert not any(MODEL_ANSWER in r.get("ungradable", "") for r in graded.csv_rows)
    linked = graded.results["c3_notebook_links_to_solutions"]
    assert linked.ungradable["spot.ipynb"] == (
        "submitted/c3_notebook_links_to_solutions/spot/spot.ipynb is a symbolic link "
        "(links are not followed)"
    )


# --- 4. honest learners keep their points ---------------------------------------------------


def test_added_cells_run_where_they_stand_and_show_in_the_autograded_notebook(graded):
    nb = _autograded(graded, "c4_helper_above_answer")
    ids = [c.metadata.get("nbgrader", {}).get("grade_id") for c in nb.cells]
    added = ids.index("q1_prompt") + 1
    assert ids[added] is None and "def lost_per_run" in nb.cells[added].source
    assert nb.cells[added].metadata["added_by_learner"] is True


def test_a_hang_after_slow_cells_costs_that_cell_only(graded):
    result = graded.tight
    assert [q.grade_id for q in result.questions if q.score < q.points] == ["q7_tests"]
    assert any("q7_answer" in p and "timed out after 2.5 s" in p for p in result.problems)
    # Re-running the slow cells after the restart is not charged: well within 2 x the limit.
    assert result.seconds < 2 * TIGHT.notebook_seconds


# --- 5. what comes out of the sandbox -------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["c5_forge_on_descriptors", "c5_forge_through_proc", "c5_forge_from_children"]
)
def test_forged_result_lines_are_ignored_and_reported(graded, name):
    result = graded.results[name].notebooks["spot.ipynb"]
    q5 = next(q for q in result.questions if q.grade_id == "q5_tests")
    assert q5.checks[0].message.endswith("got 'Z'")  # what the learner's variable held
    assert any("the runner did not write: ignored" in p for p in result.problems)
    assert "got 'Z'" in _cell(_autograded(graded, name), "q5_tests").outputs[0].text


# --- 6. parsing has limits ------------------------------------------------------------------


def test_each_submission_is_parsed_once_and_oversized_ones_not_at_all(graded):
    assert len(graded.parses) == sum(n for _, n in graded.reads)  # parsed only when read
    assert {n for _, n in graded.reads} == {0, 1}  # once, or (refused unread) not at all
    graded_ones = [r for r in graded.results.values() if r.notebooks]
    assert len([n for _, n in graded.reads if n]) >= len(graded_ones)
    assert max(graded.parses) <= LIMITS.submission_mb * 1024 * 1024
    assert graded.results["c6_million_cells"].seconds < 5


# --- 7. student ids -------------------------------------------------------------------------


def test_student_ids_are_escaped_in_the_csv_and_printed_safely(graded):
    rows = {r["student"]: r for r in graded.csv_rows}
    for name in ("c7_formula_hyperlink", "c7_formula_plus", "c7_formula_at"):
        assert rows["'" + student_of(name)]["auto_score"] == "14"
    assert not any(s.startswith(("=", "+", "-", "@")) for s in rows)
    assert "\x1b" not in graded.report and "\n" not in "".join(rows)
    assert "  esc\\x1b[2Jape" in graded.report and "REFUSED" in graded.report
    assert "  new\\nline" in graded.report
    assert "bidi\\u202eevil" in graded.report and "\u202e" not in graded.report


# --- 8. no process outlives its grading -----------------------------------------------------


def test_no_process_a_submission_started_outlives_the_class(graded):
    assert not graded.daemons_left


# --- 9. feedback does not give answers away -------------------------------------------------


def test_failed_hidden_checks_do_not_name_the_right_answer(graded):
    nb = _autograded(graded, "c9_wrong_choices")
    q5 = _cell(nb, "q5_tests").outputs[0].text
    assert "FAILED  (hidden) Q5 answer: not the expected answer" in q5
    assert "'C'" not in q5 and "'A'" not in _cell(nb, "q6_tests").outputs[0].text


def test_the_class_took_a_modest_time(graded):
    assert graded.seconds < 120, graded.seconds
