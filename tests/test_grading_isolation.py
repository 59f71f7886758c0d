"""Reading and process isolation without the class run: the other modes, and named pipes.

``tests/test_grading_class.py`` grades the class in the sandbox this machine has. Here the
class-8 daemons of ``tests/grading_fixtures/class/`` are graded again without bubblewrap, in
each way the grader ends a submission's processes there: with cgroups, in a PID namespace
without them, and as a child subreaper without either; each mode's warning is checked for
what it says is and is not protected.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from class_submissions import FIXTURES, daemons_left

from aws_compute_course.grading import engine, sandbox, submission
from aws_compute_course.grading.plan import plan_file

pytestmark = pytest.mark.notebooks

ROOT = Path(__file__).resolve().parent.parent
CASES: dict[str, dict] = json.loads((FIXTURES / "cases.json").read_text(encoding="utf-8"))
LIMITS = sandbox.Limits(cell_seconds=10, notebook_seconds=60, memory_mb=1024)


DAEMONS = [n for n, c in CASES.items() if c["class"] == 8]
NO_CGROUPS = "NO process cap; memory capped per process (RLIMIT_AS)"


@pytest.mark.parametrize(
    ("mode", "warning"),
    [
        ("cgroups", "ends with its grading (a PID namespace)"),
        ("pidns", "ends with its grading (a PID namespace)"),
        ("subreaper", "unless it first kills its supervisor (no PID namespace, no pids cgroup)"),
    ],
)
def test_no_process_outlives_its_grading_without_bubblewrap(monkeypatch, mode, warning):
    """--no-sandbox, with cgroups; without them; and without a PID namespace either."""
    if mode != "cgroups":
        monkeypatch.setattr(sandbox.Cgroups, "make", classmethod(lambda cls, limits: cls()))
        monkeypatch.setattr(sandbox, "cgroup_limits", lambda: NO_CGROUPS)
    if mode == "subreaper":
        monkeypatch.setattr(sandbox, "reaper_mode", lambda: "subreaper")
    elif sandbox.reaper_mode() != "pidns":
        pytest.skip("this machine cannot create a PID namespace")
    full, text = sandbox.isolation(use_sandbox=False)
    assert not full and warning in text
    plan = plan_file(ROOT / "solutions" / "spot" / "spot.ipynb")
    expected = engine.expected_values(plan, LIMITS, False)
    for name in DAEMONS:
        result = engine.grade_notebook(FIXTURES / f"{name}.ipynb", plan, expected, LIMITS, False)
        assert result.score == 14, (name, result.problems)
    assert not daemons_left(), mode


def test_links_pipes_and_folders_never_block_reading(tmp_path):
    """Reading below submitted/ without following: each refusal names the path and why."""
    (tmp_path / "s" / "a").mkdir(parents=True)
    os.mkfifo(tmp_path / "s" / "a" / "pipe.ipynb")
    with submission.opened(tmp_path, ("s", "a"), "submitted/s/a") as folder:
        with pytest.raises(submission.Ungradable, match=r"pipe\.ipynb: not a regular file"):
            folder.read("pipe.ipynb", 1, 10)
        with pytest.raises(submission.Ungradable, match=r"missing\.ipynb is missing"):
            folder.read("missing.ipynb", 1, 10)
        assert list(folder.files()) == []  # a pipe is not a file to copy
    assert stat.S_ISFIFO(os.stat(tmp_path / "s" / "a" / "pipe.ipynb").st_mode)
