"""A failure at any stage of one submission's grading stops that submission only.

The tiny course (tests/fixtures/tiny) is graded twice through ``aws-course-grade``: first
with blank answers for everyone (all score 0, every result saved), then with right
answers and a failure injected into one student at each stage: reading, assembling,
running, judging one check, building the autograded notebook, writing the gradebook rows,
moving the notebook into place, committing. The others must be graded and saved (3 of 3),
each victim reported on its line with the reason, and a victim's earlier results left
exactly as they were: a student's results are saved all together or not at all. A student
id nbgrader cannot take is refused, its control character shown escaped; the command
exits 1.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import nbformat
import pytest

from aws_compute_course.grading import batch, engine, gradebook, judge, submission

pytestmark = pytest.mark.notebooks

TINY = Path(__file__).parent / "fixtures" / "tiny"
BLANK = TINY / "exercises" / "tiny" / "tiny.ipynb"
GOOD = ("good_a", "good_b")
# The grading stages, each failing for one student (a marker in the answer selects it).
GRADING_STAGES = ("read", "assemble", "run")
SAVING_STAGES = ("build", "grades", "write", "commit")
VICTIMS = [f"victim_{s}" for s in (*GRADING_STAGES, "judge", *SAVING_STAGES)]
NEW_VICTIM = "new_victim_commit"  # not graded before: must leave no trace at all


def _answers(marker: str, cost: str = "price_per_hour * hours") -> dict[str, str]:
    return {
        "q1_answer": f"def monthly_cost(price_per_hour, hours):\n    return {cost}  # {marker}",
        "q2_answer": 'answer_q2 = "A"',
        "q3_design": "Option b may be the only one with enough memory.",
    }


def _submit(root: Path, student: str, answers: dict[str, str] | None) -> None:
    folder = root / "autograder" / "submitted" / student / "tiny"
    folder.mkdir(parents=True, exist_ok=True)
    nb = nbformat.read(BLANK, as_version=4)
    for cell in nb.cells:
        cell.source = (answers or {}).get(cell.metadata["nbgrader"]["grade_id"], cell.source)
    nbformat.write(nb, folder / "tiny.ipynb")


def _inject(monkeypatch) -> None:
    """Make each victim's grading fail at its stage, and only theirs."""
    real_parse, real_assemble, real_run = submission.parse, engine.assemble, engine.run
    real_build, real_grades, real_commit = (
        gradebook.autograded_notebook,
        gradebook.set_grades,
        gradebook.commit,
    )
    real_replace, real_close = os.replace, judge._CHECKS["check_close"]
    saving: list[str] = []  # the student being saved (saving happens in one thread)

    def fail(stage: str):
        raise RuntimeError(f"injected at {stage}")

    def parse(data, max_cells):
        return fail("read") if b"victim:read" in data else real_parse(data, max_cells)

    def assemble(plan, sub):
        marked = any("victim:assemble" in c["source"] for c in sub.cells)
        return fail("assemble") if marked else real_assemble(plan, sub)

    def run(steps, *args):
        marked = any("victim:run" in s.get("source", "") for s in steps)
        return fail("run") if marked else real_run(steps, *args)

    def check_close(actual, *args, **kwargs):
        return fail("judge") if actual == 666.0 else real_close(actual, *args, **kwargs)

    def build(released, result):
        marked = any("victim:build" in a for a in result.answers.values())
        return fail("build") if marked else real_build(released, result)

    def grades(gb, assignment, res, *args):
        saving[:] = [res.student]
        real_grades(gb, assignment, res, *args)  # the rows change, then it fails
        if res.student == "victim_grades":
            fail("grades")

    def replace(src, dst, *args, **kwargs):
        if "victim_write" in str(dst) and str(src).endswith(".partial"):  # moving it in
            raise OSError(28, "No space left on device (injected)")
        return real_replace(src, dst, *args, **kwargs)

    def commit(gb):
        return fail("commit") if saving[0] in ("victim_commit", NEW_VICTIM) else real_commit(gb)

    monkeypatch.setattr(submission, "parse", parse)
    monkeypatch.setattr(engine, "assemble", assemble)
    monkeypatch.setattr(engine, "run", run)
    monkeypatch.setitem(judge._CHECKS, "check_close", check_close)
    monkeypatch.setattr(gradebook, "autograded_notebook", build)
    monkeypatch.setattr(gradebook, "set_grades", grades)
    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(gradebook, "commit", commit)


def _state(root: Path) -> dict[str, tuple[float | None, bytes | None]]:
    """Each student's gradebook score and autograded notebook (None where there is none)."""
    from nbgrader.api import Gradebook, MissingEntry

    found = {}
    with Gradebook(f"sqlite:///{root / 'autograder' / 'gradebook.db'}") as gb:
        for student in (*GOOD, *VICTIMS, NEW_VICTIM):
            try:
                score = gb.find_submission("tiny", student).score
            except MissingEntry:
                score = None
            path = root / "autograder" / "autograded" / student / "tiny" / "tiny.ipynb"
            found[student] = (score, path.read_bytes() if path.exists() else None)
    return found


def test_a_failure_at_any_stage_costs_that_student_only(tmp_path, monkeypatch, capsys):
    root = tmp_path / "course"
    for folder in ("solutions", "exercises"):
        shutil.copytree(TINY / folder, root / folder)
    for student in (*GOOD, *VICTIMS):
        _submit(root, student, None)  # blank: 0 points
    args = ["tiny", "--root", str(root), "--workers", "2", "--cell-timeout", "20"]
    assert batch.main(args) == 0
    before = _state(root)
    assert {s: score for s, (score, _) in before.items()} == {
        **dict.fromkeys((*GOOD, *VICTIMS), 0),
        NEW_VICTIM: None,
    }
    capsys.readouterr()

    for student in (*GOOD, *VICTIMS, NEW_VICTIM):
        stage = student.removeprefix("new_").removeprefix("victim_")
        cost = "666.0" if student == "victim_judge" else "price_per_hour * hours"
        _submit(root, student, _answers(f"victim:{stage}", cost))
    _submit(root, "bad\rid", _answers(""))  # an id nbgrader cannot take: refused
    _inject(monkeypatch)
    assert batch.main(args) == 1  # some results could not be saved
    report = capsys.readouterr().out
    assert "\r" not in report and "  bad\\rid" in report and "REFUSED" in report
    after = _state(root)

    for student in GOOD:
        assert after[student][0] == 3, student
        assert b"PASSED" in after[student][1]
    assert after["victim_judge"][0] == 1  # only the check that broke the comparison fails
    assert b"the grader could not compare this value (RuntimeError)" in after["victim_judge"][1]
    lines = {line.split()[0]: line for line in report.splitlines() if line.startswith("  ")}
    for stage in GRADING_STAGES:
        assert after[f"victim_{stage}"] == before[f"victim_{stage}"], stage
        assert (
            f"NOT SAVED  tiny.ipynb: the grader failed while grading tiny.ipynb "
            f"(RuntimeError: injected at {stage})"
        ) in lines[f"victim_{stage}"]
    for stage in SAVING_STAGES:
        assert after[f"victim_{stage}"] == before[f"victim_{stage}"], stage
        assert "NOT SAVED  the grader failed while saving the results" in lines[f"victim_{stage}"]
    assert after[NEW_VICTIM] == (None, None)
    assert "NOT SAVED" in lines[NEW_VICTIM]
    left = [p.name for p in (root / "autograder" / "autograded").rglob(".*")]
    assert not left, left  # no temporary or set-aside notebook survives
    assert "8 not saved, 1 refused" in report.splitlines()[-1]


def test_the_submission_timestamp_is_saved_beside_the_notebook_but_never_through_a_link(
    tmp_path,
):
    """nbgrader's release_feedback reads timestamp.txt from the autograded folder."""
    root = tmp_path / "course"
    repo = Path(__file__).resolve().parent.parent
    for folder in ("solutions", "exercises"):
        shutil.copytree(repo / folder / "spot", root / folder / "spot")
    secret = tmp_path / "instructor_secret.txt"
    secret.write_text("not the learner's")
    for student, link in (("honest", False), ("linker", True)):
        submitted = root / "autograder" / "submitted" / student / "spot"
        submitted.mkdir(parents=True)
        shutil.copyfile(repo / "exercises" / "spot" / "spot.ipynb", submitted / "spot.ipynb")
        (submitted / "timestamp.txt").write_text("2026-11-29 13:00:00.000000 UTC")
        if link:
            (submitted / "submission_secret.txt").symlink_to(secret)
    assert batch.main(["spot", "--root", str(root), "--workers", "1"]) == 0
    graded = root / "autograder" / "autograded"
    for student in ("honest", "linker"):
        stamp = graded / student / "spot" / "timestamp.txt"
        assert stamp.read_text() == "2026-11-29 13:00:00.000000 UTC", student
    assert not (graded / "linker" / "spot" / "submission_secret.txt").exists()
