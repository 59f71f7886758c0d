"""The learner's workspace: created from the course, updated like nbgitpuller, never lost."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from aws_compute_course import workspace
from aws_compute_course.workspace import WorkspaceError, check_target, checked_workspace, sync

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def course(tmp_path: Path) -> Path:
    """A tiny checkout: the start page, one exercise, the README and things never copied."""
    root = tmp_path / "repo"
    files = {
        "README.md": "readme v1",
        "course/00_start_here.ipynb": "start v1",
        "course/03_spot.ipynb": "spot v1",
        "exercises/spot/spot.ipynb": "exercise v1",
        "solutions/spot/spot.ipynb": "SOLUTION",
        "course/.ipynb_checkpoints/03_spot-checkpoint.ipynb": "checkpoint",
        "course/.hidden": "dot file",
        "src/aws_compute_course/x.py": "code",
    }
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    return root


def tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): p.read_text()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != workspace.RECORD
    }


def actions(changes) -> dict[str, str]:
    return {c.path: c.action for c in changes}


def test_first_sync_copies_the_course_and_nothing_else(course, tmp_path):
    ws = tmp_path / "ws"
    changes = sync(course, ws)
    assert tree(ws) == {
        "README.md": "readme v1",
        "course/00_start_here.ipynb": "start v1",
        "course/03_spot.ipynb": "spot v1",
        "exercises/spot/spot.ipynb": "exercise v1",
    }
    assert set(actions(changes).values()) == {"added"}
    record = json.loads((ws / workspace.RECORD).read_text())
    assert record["format"] == 1 and set(record["files"]) == set(tree(ws))
    # A second start changes nothing.
    assert sync(course, ws) == []


def test_a_course_update_keeps_every_edit_of_the_learner(course, tmp_path):
    """nbgitpuller's cases 1, 3, 4 and 5, and files the course adds or drops."""
    ws = tmp_path / "ws"
    sync(course, ws)
    # The learner answers the exercise, edits a course notebook, deletes the start page
    # and makes notebooks of their own (one with a name the course is about to use).
    (ws / "exercises/spot/spot.ipynb").write_text("MY ANSWERS")
    (ws / "course/03_spot.ipynb").write_text("my notes in spot")
    (ws / "course/00_start_here.ipynb").unlink()
    (ws / "course/mine.ipynb").write_text("my own notebook")
    (ws / "course/05_lambda.ipynb").write_text("my lambda notes")
    # The course (a git pull) changes all of those, the README and adds two notebooks.
    (course / "README.md").write_text("readme v2")
    (course / "exercises/spot/spot.ipynb").write_text("exercise v2")
    (course / "course/03_spot.ipynb").write_text("spot v2")
    (course / "course/00_start_here.ipynb").write_text("start v2")
    (course / "course/05_lambda.ipynb").write_text("lambda v1")
    (course / "exercises/ec2").mkdir()
    (course / "exercises/ec2/ec2.ipynb").write_text("ec2 v1")

    changes = sync(course, ws, now=1_700_000_000)

    got = tree(ws)
    assert got["exercises/spot/spot.ipynb"] == "MY ANSWERS"  # changed by both: theirs kept
    assert got["course/03_spot.ipynb"] == "my notes in spot"
    assert got["README.md"] == "readme v2"  # unchanged by the learner: updated
    assert got["course/00_start_here.ipynb"] == "start v2"  # deleted by the learner: back
    assert got["exercises/ec2/ec2.ipynb"] == "ec2 v1"  # new: added
    assert got["course/mine.ipynb"] == "my own notebook"  # the learner's own: untouched
    # A new course file where the learner had one of that name: theirs moves aside.
    assert got["course/05_lambda.ipynb"] == "lambda v1"
    backups = [p for p in got if re.fullmatch(r"course/05_lambda_\d{14}\.ipynb", p)]
    assert len(backups) == 1 and got[backups[0]] == "my lambda notes"
    assert actions(changes) == {
        "README.md": "updated",
        "course/00_start_here.ipynb": "restored",
        "course/03_spot.ipynb": "kept",
        "course/05_lambda.ipynb": "renamed",
        "exercises/ec2/ec2.ipynb": "added",
        "exercises/spot/spot.ipynb": "kept",
    }
    kept = next(c for c in changes if c.path == "exercises/spot/spot.ipynb")
    assert str(course / "exercises/spot/spot.ipynb") in kept.detail
    # The notice is given once; the learner's files stay theirs on later starts.
    assert sync(course, ws) == []
    assert tree(ws)["exercises/spot/spot.ipynb"] == "MY ANSWERS"


def test_deleting_ones_copy_brings_the_new_course_version(course, tmp_path):
    ws = tmp_path / "ws"
    sync(course, ws)
    (ws / "course/03_spot.ipynb").write_text("mine")
    (course / "course/03_spot.ipynb").write_text("spot v2")
    sync(course, ws)
    (ws / "course/03_spot.ipynb").unlink()
    assert actions(sync(course, ws)) == {"course/03_spot.ipynb": "restored"}
    assert (ws / "course/03_spot.ipynb").read_text() == "spot v2"


def test_a_file_the_course_drops_goes_unless_the_learner_changed_it(course, tmp_path):
    ws = tmp_path / "ws"
    (course / "exercises/old").mkdir()
    (course / "exercises/old/old.ipynb").write_text("old")
    sync(course, ws)
    (ws / "exercises/spot/spot.ipynb").write_text("MY ANSWERS")
    shutil.rmtree(course / "exercises/old")
    (course / "exercises/spot/spot.ipynb").unlink()

    changes = sync(course, ws)

    assert actions(changes) == {
        "exercises/old/old.ipynb": "removed",
        "exercises/spot/spot.ipynb": "orphaned",
    }
    assert not (ws / "exercises/old").exists()
    assert (ws / "exercises/spot/spot.ipynb").read_text() == "MY ANSWERS"
    record = json.loads((ws / workspace.RECORD).read_text())["files"]
    assert "exercises/spot/spot.ipynb" not in record


def test_without_a_record_existing_files_count_as_the_learners(course, tmp_path):
    """A lost record, or a folder of one's own: differing files are kept, never renamed."""
    ws = tmp_path / "ws"
    (ws / "exercises/spot").mkdir(parents=True)
    (ws / "exercises/spot/spot.ipynb").write_text("MY ANSWERS")
    changes = sync(course, ws)
    assert actions(changes)["exercises/spot/spot.ipynb"] == "kept"
    assert (ws / "exercises/spot/spot.ipynb").read_text() == "MY ANSWERS"
    assert not list(ws.glob("exercises/spot/spot_*"))
    assert tree(ws)["course/03_spot.ipynb"] == "spot v1"


@pytest.mark.parametrize(
    "text", ["{not json", '{"format": 2, "files": {}}', '{"format": 1, "files": []}', "[]"]
)
def test_a_damaged_record_stops_the_sync_with_a_clear_error(course, tmp_path, text):
    ws = tmp_path / "ws"
    sync(course, ws)
    (ws / "exercises/spot/spot.ipynb").write_text("MY ANSWERS")
    (ws / workspace.RECORD).write_text(text)
    with pytest.raises(WorkspaceError, match=r"\.course-sync\.json is unreadable .* delete"):
        sync(course, ws)
    assert (ws / "exercises/spot/spot.ipynb").read_text() == "MY ANSWERS"


def test_a_failed_write_leaves_the_old_file_whole(tmp_path, monkeypatch):
    target = tmp_path / "nb.ipynb"
    target.write_text("old")

    def broken_fsync(fd):
        raise OSError("disk full")

    monkeypatch.setattr(workspace.os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="disk full"):
        workspace.write_atomically(target, b"new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["nb.ipynb"], "a temporary file was left"


@pytest.mark.parametrize(
    ("where", "message"),
    [
        (".", "contains the course checkout"),
        ("..", "contains the course checkout"),
        ("course", "overlaps the course's course/"),
        ("exercises/spot", "overlaps the course's exercises/"),
        ("solutions", "overlaps the course's solutions/"),
        ("README.md", "is not a directory"),
    ],
)
def test_a_workspace_overlapping_the_course_is_refused(course, where, message):
    with pytest.raises(WorkspaceError, match=message):
        checked_workspace(course, course / where)


def test_the_default_workspace_is_in_the_checkout_and_configurable(course, tmp_path):
    assert workspace.default_workspace(course, {}) == course / "workspace"
    assert workspace.default_workspace(course, {"AWS_COURSE_WORKSPACE": str(tmp_path)}) == tmp_path
    assert checked_workspace(course, course / "workspace") == (course / "workspace").resolve()


def test_git_ignores_the_default_workspace_and_the_exchange():
    if not (ROOT / ".git").exists() or shutil.which("git") is None:
        pytest.skip("not a git checkout")
    paths = ["workspace/exercises/spot/spot.ipynb", "autograder/exchange/x", "autograder/fetched/x"]
    done = subprocess.run(
        ["git", "check-ignore", "--no-index", *paths], cwd=ROOT, capture_output=True, text=True
    )
    assert done.stdout.split() == paths


# --- make check: the learner's copy by default ------------------------------------------


def test_check_finds_the_learners_copy(course, tmp_path):
    ws = tmp_path / "ws"
    sync(course, ws)
    mine = ws / "exercises/spot/spot.ipynb"
    assert check_target(course, ws, "spot", None, Path("/")) == mine
    # The path every notebook gives, from a terminal in the workspace ...
    assert check_target(course, ws, None, "exercises/spot/spot.ipynb", ws) == mine
    # ... and from the checkout, where it would name the blank copy: the learner's is meant.
    assert check_target(course, ws, None, "exercises/spot/spot.ipynb", course) == mine
    other = tmp_path / "elsewhere.ipynb"
    other.write_text("{}")
    assert check_target(course, ws, None, str(other), course) == other


@pytest.mark.parametrize(
    ("topic", "nb", "message"),
    [
        (None, None, r"usage: make check TOPIC=<topic> \(one of: spot\)"),
        ("ec2", None, r"no exercise 'ec2' in your workspace.*one of: spot"),
        ("../spot", None, "TOPIC must be a topic id"),
        ("spot", "x.ipynb", "TOPIC or NB, not both"),
        (None, "missing.ipynb", "no notebook at"),
    ],
)
def test_check_explains_what_is_wrong(course, tmp_path, topic, nb, message):
    ws = tmp_path / "ws"
    sync(course, ws)
    with pytest.raises(WorkspaceError, match=message):
        check_target(course, ws, topic, nb, ws)


def test_check_before_any_workspace_says_to_run_make_lab(course, tmp_path):
    with pytest.raises(WorkspaceError, match=r"no workspace at .* run `make lab`"):
        check_target(course, tmp_path / "none", None, None, course)
    with pytest.raises(WorkspaceError, match="run `make lab` once"):
        check_target(course, tmp_path / "none", None, "exercises/spot/spot.ipynb", course)


def test_the_workspace_makefile_runs_the_check_from_its_terminal(course, tmp_path):
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    ws = tmp_path / "my work $dir"  # a space and a dollar: quoting matters
    sync(course, ws)
    assert workspace.write_makefile(ws)
    done = subprocess.run(["make", "check"], cwd=ws, capture_output=True, text=True)
    assert done.returncode == 2
    assert "usage: make check TOPIC=<topic> (one of: spot)" in done.stderr
    done = subprocess.run(["make", "check", "TOPIC=nope"], cwd=ws, capture_output=True, text=True)
    assert done.returncode == 2 and "no exercise 'nope'" in done.stderr
    # A Makefile of the learner's own is never replaced.
    (ws / "Makefile").write_text("all:\n\techo mine\n")
    assert not workspace.write_makefile(ws)
    assert (ws / "Makefile").read_text() == "all:\n\techo mine\n"


# --- the real course in the workspace layout --------------------------------------------


@pytest.fixture(scope="module")
def real_ws(tmp_path_factory) -> Path:
    ws = tmp_path_factory.mktemp("learner") / "workspace"
    sync(ROOT, ws)
    return ws


def test_every_relative_link_of_the_course_resolves_in_the_workspace(real_ws):
    """What a course notebook links to in the checkout, its copy finds in the workspace.

    (Whether every link of the checkout resolves is the course's own business: a link
    broken there is broken here too, and is not counted.)
    """
    notebooks = sorted(real_ws.rglob("*.ipynb"))
    assert {p.relative_to(real_ws).parts[0] for p in notebooks} == {"course", "exercises"}
    links = 0
    for notebook in notebooks:
        original = ROOT / notebook.relative_to(real_ws)
        for cell in json.loads(notebook.read_text())["cells"]:
            if cell["cell_type"] != "markdown":
                continue
            for target in re.findall(r"\]\(([^)\s]+)\)", "".join(cell["source"])):
                if re.match(r"[a-z]+:|#", target):
                    continue
                if not (original.parent / target.split("#")[0]).is_file():
                    continue
                links += 1
                path = (notebook.parent / target.split("#")[0]).resolve()
                assert path.is_file(), f"{notebook.relative_to(real_ws)} links to missing {target}"
                assert real_ws in path.parents, f"{target} leads out of the workspace"
    # The start page's topic, exercise and README links, and each topic's exercise link.
    assert links >= 8


@pytest.mark.notebooks
def test_a_workspace_notebook_imports_the_package_and_runs(real_ws):
    """Run the start page where the learner has it: kernel cwd in the workspace."""
    import nbformat
    from nbclient import NotebookClient

    path = real_ws / "course" / "00_start_here.ipynb"
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    outputs = [o for c in notebook.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    assert any("Source:" in o.get("text", "") for o in outputs)


def test_the_module_cli_syncs_and_refuses_bad_workspaces(course, tmp_path):
    ws = tmp_path / "ws"
    command = [sys.executable, "-m", "aws_compute_course.workspace", "--root", str(course)]
    done = subprocess.run(
        [*command, "--workspace", str(ws), "sync"], capture_output=True, text=True
    )
    assert done.returncode == 0 and "added" in done.stdout and (ws / "README.md").is_file()
    done = subprocess.run(
        [*command, "--workspace", str(course / "course"), "sync"], capture_output=True, text=True
    )
    assert done.returncode == 2 and "overlaps the course's course/" in done.stderr
